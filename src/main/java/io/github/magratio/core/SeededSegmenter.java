package io.github.magratio.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * Brightness-independent cell detection ({@code detector = seeded}): cells from a few background-noise SDs above the
 * local background to near saturation are found in one image, because every object is cut at a fraction of its own
 * peak rather than at one global level, and touching cells are parted by their own blob-ness rather than by one
 * shape rule.
 *
 * <ol>
 * <li><b>Cell size</b>: the typical cell diameter, given or measured: blobs are found as maxima of the
 * scale-normalised Laplacian of Gaussian (LoG) significant against the pixel noise, and the size of each compact,
 * isolated one is measured on the image along 16 rays ({@link #estimateDiameter}). The detector works at
 * {@value #WORKING_SCALE} of it (d below) and judges objects at {@value #ACCEPT_SCALE} of it.</li>
 * <li><b>Local background with the cells masked out</b>: a low percentile of blocks of two diameters as a start, then
 * three rounds of masking everything significantly above it (dilated by a guard band of d / 4) and fitting the
 * remaining pixels again: a robust polynomial ({@code flatten_degree}) for gradients, plus ({@code local}) the
 * normalised Gaussian convolution of what it leaves at {@code background_scale} diameters. A plain blur would be pulled
 * up near bright cells and hide their dim neighbours.</li>
 * <li><b>Blob-ness</b>: the scale-normalised LoG of the background-subtracted image at the cell scale and at half of it,
 * each divided by its robust SD over the background (noise plus texture; never below what the pixel noise gives), the
 * larger of the two at each pixel. The finer scale keeps a dim cell's own blob beside a much brighter cell.</li>
 * <li><b>Seeds</b>: local maxima of the blob-ness above {@value #SEED_Z}, half a cell diameter apart.</li>
 * <li><b>Foreground</b>: a flood from the seeds over the smoothed image, brightest pixels first; each seed takes only
 * pixels above {@code grow_fraction} of its own peak, or above the knee of its radial profile where that is higher (a
 * nucleus in the glow of a tissue section, {@link #KNEE_SLOPE}), and {@value #LEVEL_SIGMA} noise SDs, in its lower half only up to
 * the inflection of its edge (blob-ness 0), so texture along a dim cell's flank does not leak in.</li>
 * <li><b>Sharing</b>: the foreground shared among the seeds by a flood on the blob-ness (each seed within its own cut
 * level), so touching cells part along the valley of blob-ness between them: at the foot of the brighter cell. As in
 * the flood, an object takes no pixel in its lower half beyond the inflection of its edge (blob-ness below 0), where
 * its blurred flank lies over a dimmer neighbour, unless the pixel is brighter than the peak of the seed the flood gave
 * it to (that seed climbed the flank).</li>
 * <li><b>Merging</b>: two touching objects are one cell unless the intensity between them dips below the dimmer peak by
 * {@code split_depth} of it (and {@value #DIP_SIGMA} noise SDs), or they are two blobs: on the line between their
 * seeds the blob-ness falls below half the weaker seed's, at the cell scale for objects of similar brightness (a flat
 * cell's sharp edge seeds a ring of maxima at the finer scale), at either scale for a dimmer object against a brighter
 * one, unless the dimmer is below a tenth of the brighter (then it is its halo: cytoplasm, blur); or two blobs at the
 * finer scale with an intensity valley of {@code split_depth} below the lower of their hill tops (each one's highest
 * local maximum, which the seed's neighbourhood can miss: {@link #hillTops}). Two of similar brightness that the cell
 * scale joins are still two cells when the evidence of size and shape adds to a weaker valley
 * ({@value #PEER_VALLEY} of the weaker seed's blob-ness) and a shallow dip ({@value #PEER_DIP} of {@code split_depth}):
 * each at least {@value #PEER_PART_AREA} and both at least {@value #PEER_PAIR_AREA} typical cell areas (from the
 * measured diameter), their union pinched between the seeds to {@value #PEER_NECK} of its width at them. A merged
 * dimmer part keeps only its pixels above the brighter part's cut level.</li>
 * <li><b>Regrowth</b>: an object that sharing gave more than {@value #STUNTED_GAIN} times the pixels its own seed
 * flooded (a dim cell walled in by its brighter neighbours' floods) grows on into the background under its own seed's
 * tests, never into another object.</li>
 * <li><b>Shape</b>: holes filled; an object made of round parts joined by a neck (touching cells of equal brightness)
 * split where its distance transform dips by {@code shape_split} of the smaller part's inscribed radius; a piece whose
 * outline runs along one brighter object for more than {@value #RIM_CONTACT} of its length given back to it (a seed on
 * a cell's rim, not a cell pressed against it); a piece pressed against another object and nowhere about
 * {@value #MIN_HALF_WIDTH_PX} x 2 px wide removed (a sliver left between cells, a strip along a bright cell's flank);
 * then two touching objects of similar brightness with no intensity dip between them joined unless they have the size
 * of two cells and each its own intensity maximum ({@link #joinFragments}: a cell's pieces left by seeds, merging or
 * the shape split).</li>
 * <li><b>Acceptance</b>: objects kept whose mean contrast to a ring around them (outside every object) is at least
 * {@code min_snr} pixel-noise SDs and {@code min_texture_contrast} SDs of the local background texture, whose free
 * outline steps down by at least {@code min_sharpness} of their height (out-of-focus cells and haze rise gradually), and
 * whose area is within the limits, and which are not both soft and faint (sharpness below {@value #SOFT_FAINT} x
 * {@code min_sharpness}, {@value #BORDER_SOFT} x for an object touching the image border, whose ring and outline the
 * frame cuts, with contrast below {@value #SOFT_FAINT} x {@code min_texture_contrast}), both unless they are blobs as
 * clear as the field's cells ({@link #CLEAR_BLOB_Z}), and which have a dome: their inner half brighter than their mean
 * ({@link #MIN_DOME}; a glow ring or a sheet of haze has none); border cells dropped if asked. Rejected objects are
 * kept, with the reason, for QC.</li>
 * </ol>
 * With {@code specimen} tissue (nuclei of a section, in the glow of out-of-focus light) three steps differ: the
 * diameter estimate measures each blob where it falls fastest, every object's outline moves in to its steepest edge
 * ({@link #snapToEdges}), holes filled again; acceptance judges sharpness against {@value #TISSUE_SHARPNESS} of
 * {@code min_sharpness} and then rejects objects below {@value #TISSUE_MIN_HEIGHT} of the median accepted object's
 * height (out of focus) or {@value #TISSUE_MIN_AREA} of its area (pieces of glow).
 * Stateless and thread-safe; every call allocates its working planes (a few dozen times the image).
 */
public final class SeededSegmenter {

	/** Seeds must exceed this many robust SDs of the LoG response over the background. */
	public static final double SEED_Z = 3;
	/** A valley between two objects must also dip this many noise SDs (of the smoothed image) to split them. */
	public static final double DIP_SIGMA = 3;
	/** Object pixels must be this many noise SDs (of the smoothed image) above the background. */
	public static final double LEVEL_SIGMA = 2;
	/**
	 * The least width of the bands inside and outside an object's outline whose difference measures its edge's
	 * sharpness, px ({@link #edgeBandPx}).
	 */
	static final int EDGE_BAND_PX = 2;
	/**
	 * The edge bands are at least this fraction of the scale objects are judged at ({@value #ACCEPT_SCALE} of the cell
	 * diameter): where cells are many pixels across, so is the blur of their edges (both scale with the
	 * magnification), and a band fixed in pixels sees a small part of a large cell's edge step, as it would an
	 * out-of-focus blob's (DSB2018 stage 1, 1747f621 and 7bdb668e: nuclei of 38-40 px, sharpness 0.12-0.29 over 2 px
	 * bands at their drawn outlines, 0.24-0.46 at this band; cells of up to 21 px keep the 2 px band).
	 */
	static final double EDGE_BAND_SCALE = 0.125;
	/**
	 * The contrast of the clearest blobs of the diameter estimate is that of this quantile of the measured blobs'
	 * contrasts; blobs below a tenth of it are not measured ({@link #measuredSizes}).
	 */
	private static final double CLEAREST_QUANTILE = 0.99;
	/** Two objects are two blobs when the blob-ness on their contact is below this fraction of the weaker seed's. */
	static final double BLOB_SPLIT = 0.5;
	/** An attached object below this fraction of its brighter neighbour's peak is its halo, not a cell. */
	static final double HALO_RATIO = 0.1;
	/** Two objects whose dimmer peak is at least this fraction of the brighter's are of similar brightness. */
	static final double PEER_RATIO = 0.7;
	/**
	 * Two peers that the blob-ness at the cell scale joins are still two cells when all of these hold (see
	 * {@link #parted}): on the line between their seeds the blob-ness falls below {@value #PEER_VALLEY} of the weaker
	 * seed's and the intensity dips by {@value #PEER_DIP} of {@code split_depth} (and {@value #DIP_SIGMA} noise SDs);
	 * each is at least {@value #PEER_PART_AREA} and together at least {@value #PEER_PAIR_AREA} typical cell areas
	 * (pi d^2 / 4 of the measured diameter); and their union is pinched between the seeds to at most
	 * {@value #PEER_NECK} of its width at them. Valley and dip alone also part the two maxima of one large real nucleus
	 * (session 21: BBBC039 F1 0.901 -> 0.880); such a nucleus is convex or no bigger than a cell. Measured on the
	 * tuning seeds: 3 cells more found on crowded 9600-9619 and 9400-9419, no change on crowded 7000-7019, 9800-9819
	 * and hard 100-119; on the real sets BBBC039 and DSB2018 unchanged, DSB2018 stage 1 two objects more (F1 -0.0007).
	 */
	static final double PEER_VALLEY = 0.6, PEER_DIP = 0.3, PEER_PART_AREA = 0.5, PEER_PAIR_AREA = 1.5, PEER_NECK = 0.75;
	/**
	 * A part with no intensity maximum of its own (its brightest pixel on its outline with a peer) joins that peer
	 * whatever the two parts' sizes ({@link #joinFragments}) unless together they exceed this many typical cell areas.
	 * Not a bound on a cell's size (on crowded seeds 9400-9419 the largest cells are 1.4-3.6 typical areas): on the
	 * tuning seeds the one such pair above it was two cells (4.0 areas, crowded 9412); without the bound crowded
	 * 9400-9419 and hard 9900-9919 and 10100-10119 each lose a cell, and no range gains one.
	 */
	static final double FLANK_UNION_AREA = 2.5;
	/**
	 * Two peers whose intensity dips between them by {@code split_depth} or more, but by less than this many times it,
	 * are still one cell when their outlines interlock where two cells would be notched: the convex hulls of the two
	 * parts overlap by more than {@value #INTERLOCK_PX} px per px of their shared outline, and together they are at most
	 * {@value #FLANK_UNION_AREA} typical cell areas ({@link #joinFragments}). Touching convex cells meet along a
	 * line with a notch at each end of it, so their hulls barely overlap; a valley that meanders through one outline is
	 * texture (chromatin, nucleoli). On DSB2018 stage 1 (nuclei of 18 px, 9 % of the pairs of pieces
	 * with a valley of 0.1-0.3 that are one nucleus, 2 % that are two) the split nuclei were measured at a dip of
	 * 0.11-0.30 of the dimmer peak (median 0.17), touching nuclei at 0.17-0.54 (median 0.34).
	 */
	static final double CONVEX_DIP = 2.5;
	/**
	 * Two parts interlock ({@link #CONVEX_DIP}) when their convex hulls overlap by more than a strip this wide, px, along
	 * their shared outline: the steps of a pixel outline along a straight contact overlap by up to about a pixel.
	 */
	static final double INTERLOCK_PX = 0.5;
	/**
	 * An object that sharing gave more than this many times the pixels its own seed flooded had its flood cut short by a
	 * neighbour's, and grows on under its own seed's tests ({@link #regrowStunted}).
	 */
	static final double STUNTED_GAIN = 1.5;
	/** A stunted object's growth smaller than this fraction of its area is undone ({@link #regrowStunted}). */
	static final double REGROWTH_MIN_GAIN = 0.25;
	/** An object touching one brighter object along more than this fraction of its outline is that object's rim. */
	static final double RIM_CONTACT = 0.4;
	/**
	 * The detector finds, grows and parts cells at this fraction of the measured cell diameter: a little finer than the
	 * typical cell, dim neighbours and touching cells stay apart (tuned on synthetic seeds 7000-7019 and 100-119 and on
	 * real nucleus images).
	 */
	static final double WORKING_SCALE = 0.6;
	/**
	 * Objects are judged against a ring and a texture window scaled by this fraction of the cell diameter: at the
	 * finer working scale, cell-sized texture grain would pass for cells.
	 */
	static final double ACCEPT_SCALE = 0.75;
	/**
	 * An object whose edge sharpness is below this many times {@code min_sharpness} must also stand this many times
	 * {@code min_texture_contrast} above its surround's texture: soft and faint together is an out-of-focus cell or
	 * haze (on synthetic fields, the background objects left at a textured border and out-of-focus blobs have
	 * sharpness 0.2-0.44 and texture contrast 5-10; in-focus cells 0.3-0.76 and above 6.5, rarely both low).
	 */
	static final double SOFT_FAINT = 2;
	/**
	 * For an object touching the image border, soft means an edge sharpness below this many times
	 * {@code min_sharpness} (with contrast below {@value #SOFT_FAINT} x {@code min_texture_contrast} as for every object):
	 * the frame cuts its ring and outline, and a patch of textured background cut by the border passes the bar of
	 * interior objects (on crowded synthetic seeds 7000-7019, 9400-9419, 9600-9619 and 9800-9819, the four background
	 * objects at the border have sharpness 0.40-0.45 and texture contrast 5.2-6.0; no cell of those seeds or of hard
	 * seeds 100-119 and 9500-9519 is lost by it, and the real sets' F1 does not change). Raising the bar for every
	 * object instead loses 18 in-focus dim cells of the hard seeds.
	 */
	static final double BORDER_SOFT = 2.5;
	/**
	 * An object rejected only as soft and faint ({@link #SOFT_FAINT}), or for an edge sharpness below
	 * {@code min_sharpness} but at least {@link #CLEAR_BLOB_SHARPNESS} of it, is a cell after all when its peak blob-ness
	 * is at least this many times {@link #SEED_Z} and at least {@link #CLEAR_BLOB_RATIO} of the median peak blob-ness of
	 * the objects that pass every test, and it has a dome ({@link #MIN_DOME}): a blob that clear against the
	 * background's own LoG spread (which counts its texture and spatially correlated noise) and as clear as the field's
	 * cells is a cell in a softly imaged field, not haze, which is a weak blob beside the in-focus cells. DSB2018 stage 1 (1747f621, 7bdb668e: nuclei of 37 px, edge
	 * sharpness 0.25-0.35, blob-ness 18-62, the accepted nuclei's median 60-67): of the 44 soft and faint objects the
	 * 15 at blob-ness 12 or more were 9 nuclei (IoU 0.72-0.91) and 6 pieces or merges of nuclei; of the 44 the other 29
	 * were 7 nuclei and 22 not. Kromp 2020 sections scored as dish: 85 soft and faint objects at blob-ness 12 or more
	 * (out-of-focus nuclei, 2 of them drawn), nearly all below half the median (without the ratio, dish F1 0.629 ->
	 * 0.622).
	 */
	static final double CLEAR_BLOB_Z = 4;
	/** The least ratio of a soft object's peak blob-ness to the median accepted object's ({@link #CLEAR_BLOB_Z}). */
	static final double CLEAR_BLOB_RATIO = 0.5;
	/**
	 * The least edge sharpness, as a fraction of {@code min_sharpness}, of an object that {@link #CLEAR_BLOB_Z} may
	 * accept although it is below {@code min_sharpness}. DSB2018 stage 1 (1747f621: nuclei of 37 px rejected at
	 * sharpness 0.18-0.19) F1 0.731 -> 0.734, Kromp 2020 scored as dish 0.647 -> 0.670 (in-focus nuclei under the
	 * section's glow), DSB2018 0.806 -> 0.812, BBBC039 unchanged (0.913), tissue mode unchanged (0.782); at 0.75: 0.734,
	 * 0.665, 0.806; at 0.25: 0.735, 0.672, 0.812. The tuning seeds are unchanged (the out-of-focus blobs of the hard
	 * preset are weaker blobs than its cells).
	 */
	static final double CLEAR_BLOB_SHARPNESS = 0.5;
	/**
	 * In a tissue section, an object whose mean height above the background is below this fraction of the median
	 * object's (of those that pass every other test) is an out-of-focus nucleus from the section's depth or its glow,
	 * which experts leave out (Kromp 2020, the 6 sections of even index: 234 of the accepted objects below half the
	 * median height, 20 of them matching a nucleus).
	 */
	static final double TISSUE_MIN_HEIGHT = 0.5;
	/**
	 * In a tissue section, an object smaller than this fraction of the median object's area is a fragment of glow or
	 * of a nucleus cut by its steepest edge (Kromp 2020, even index: 140 below a quarter, 18 of them a nucleus).
	 */
	static final double TISSUE_MIN_AREA = 0.25;
	/**
	 * In a tissue section, edge sharpness is judged against this fraction of {@code min_sharpness}: the glow of the
	 * section's out-of-focus light under an in-focus nucleus counts in its height but not in the step across its
	 * outline, and out-of-focus nuclei are told by their height instead ({@link #TISSUE_MIN_HEIGHT}). Kromp 2020, even
	 * index: F1 0.778 at 1, 0.795 at 0.75, 0.800 at 0.5, 0.796 at 0.25.
	 */
	static final double TISSUE_SHARPNESS = 0.5;
	/**
	 * A seed takes no pixel brighter than this times the brightest pixel within {@link #FLANK_RADIUS} working diameters
	 * of it: such a pixel is a brighter neighbour's blurred flank. Climbing it, a dim cell would touch the bright one
	 * where both have high blob-ness, be merged into it and then cut at the bright cell's level (lost).
	 */
	static final float FLANK_CAP = 1.3f;
	/** The radius, in working diameters, of the neighbourhood whose brightest pixel {@link #FLANK_CAP} scales. */
	static final double FLANK_RADIUS = 0.5;
	/**
	 * An object pressed against another one that is nowhere wider than about twice this, px, is a sliver left between
	 * cells or a seed's strip along a bright cell's blurred flank, never a cell (the smallest cells are 10 px across).
	 */
	static final float MIN_HALF_WIDTH_PX = 2;
	/**
	 * A seed's cut is raised to the knee of its radial profile ({@link #kneeFraction}): the first point beyond the
	 * steepest drop where the drop per px is below this fraction of the steepest. An in-focus nucleus in a tissue
	 * section sits in the glow of out-of-focus light around it; its profile falls steeply at its edge and then slowly
	 * through the glow, which a cut at {@code grow_fraction} of the peak takes in (Kromp 2020 sections: objects 1.5-2.7
	 * times the expert masks, which end at 0.48-0.56 of the peak). On a flat dish the knee lies below the default cut
	 * and changes nothing.
	 */
	static final double KNEE_SLOPE = 0.5;
	/** The highest knee level, as a fraction of the seed's peak ({@link #kneeFraction}). */
	static final double KNEE_MAX = 0.6;
	/**
	 * A ray's knee counts only when the profile falls on for this many cell diameters beyond it (or to the ray's end)
	 * without rising to a neighbour: a flattening before a valley between touching cells is not a glow (counted, DSB2018
	 * F1 0.783 -> 0.761 and stage 1 0.719 -> 0.679; with this test 0.797 and 0.719).
	 */
	static final double KNEE_AFTER = 0.5;
	/** The fewest rays (of {@value #RAYS}) with a knee for a seed's cut to be raised ({@link #kneeFraction}). */
	static final int KNEE_RAYS = 8;
	/** The highest level, as a fraction of an object's peak, that {@link #snapToEdges} may move its outline to. */
	static final double SNAP_MAX = 0.7;
	/** The step, as a fraction of an object's peak, between the levels {@link #snapToEdges} tries. */
	static final double SNAP_STEP = 0.025;
	/**
	 * The most levels {@link #snapToEdges} tries per object: from its lowest pixel up to {@link #SNAP_MAX} of its peak
	 * in steps of {@link #SNAP_STEP} of the peak are 28 levels when the lowest pixel is at zero, 100 when it is 1.8
	 * peaks below it.
	 */
	static final int MAX_SNAP_LEVELS = 100;
	/**
	 * An object whose inner half is on average dimmer than this times its mean height is not a cell ({@link #domes}):
	 * 1, dimmer than the whole, is the bound of the physical argument, not a tuned value (a flat object, drawn by hand,
	 * is at 1 exactly and kept). DSB2018 stage 1: 20 objects below it, none matching a nucleus (mostly no nucleus under
	 * them: the halos around the nuclei of 0999dab0, patches of glow between those of 432f367a and 78a981bd), F1 0.720
	 * -> 0.728; Kromp 2020 0.629 -> 0.648 (tissue mode 0.775 -> 0.777), BBBC039 0.912 -> 0.913, DSB2018 0.797 -> 0.799;
	 * the tuning seeds unchanged (the lowest cell of crowded 12000-12059 at 1.02, one bent around a neighbour, of hard
	 * 100-119 at 1.07).
	 */
	static final double MIN_DOME = 1;
	/** The reason given for a cell dropped at the image border ({@code border} drop). */
	private static final String BORDER_REASON = "touches the image border";
	/** Ratio between successive scales of the diameter estimate. */
	private static final double SCALE_STEP = 1.2;
	/** Robust statistics of a plane use a regular sample of about this many pixels (bounded cost on large frames). */
	private static final int SAMPLES = 100_000;

	/** Rays on which a blob's size is measured, and how many must cross its half level (see measuredSizes). */
	private static final int RAYS = 16, MIN_CROSSING_RAYS = 12;

	/** The largest ratio of a measured blob's upper to lower quartile ray: more is not a compact cell. */
	private static final double MAX_RAY_SPREAD = 1.6;
	/** Rows per unit of parallel work in the per-pixel loops of the diameter and background estimates. */
	private static final int ROW_BLOCK = 64;

	private SeededSegmenter() {}

	/**
	 * Segments one image.
	 *
	 * @param image row-major intensities (any scale; NaN and infinite pixels are treated as background and never
	 *          become part of a cell's statistics)
	 * @throws IllegalArgumentException when the image size does not match or the image has no finite pixel
	 */
	public static Segmentation segment(float[] image, int width, int height, SegmentationSettings settings) {
		if (image.length != (long) width * height) throw new IllegalArgumentException("image has " + image.length +
			" pixels, expected " + width + "x" + height);
		boolean[] finite = new boolean[image.length];
		float[] img = sanitized(image, finite);
		double diameter = settings.cellDiameterPx() > 0 ? settings.cellDiameterPx() : estimateDiameter(img, width,
			height, settings.tissue());
		boolean estimated = !(settings.cellDiameterPx() > 0);
		// the working scale, a little finer than the typical cell: dim neighbours and touching cells stay apart
		double d = WORKING_SCALE * diameter;

		boolean[] objects = new boolean[img.length];
		float[] bg = background(img, finite, width, height, d, settings, objects);
		float[] sub = new float[img.length];
		for (int i = 0; i < sub.length; i++)
			sub[i] = img[i] - bg[i];
		boolean[] bgPixels = new boolean[img.length];
		for (int i = 0; i < bgPixels.length; i++)
			bgPixels[i] = !objects[i] && finite[i];
		// the pixel noise (a sequential selection) on a worker of its own beside the smoothing and the LoG, which need it
		// only for the blob-ness's floor
		ForkJoinTask<Double> noise = ForkJoinTask.adapt(() -> pixelNoise(sub, bgPixels, width, height)).fork();

		float[] smooth = Morphology.gaussian(sub, width, height, settings.smoothPx());
		double sigmaSmooth = Math.max(robustSd(smooth, bgPixels), 1e-12);
		float[] zCell = new float[sub.length];
		float[] z = blobness(sub, width, height, d, bgPixels, () -> noiseFloor(sub, noise.join()), zCell);
		double sigma = noise.join();
		int[] seeds = seeds(z, width, height, diameter, smooth, sigmaSmooth);

		int[] labels = grow(smooth, z, zCell, width, height, seeds, d, settings, sigmaSmooth);
		labels = fillHoles(labels, width, height);
		labels = splitByShape(labels, width, height, settings.shapeSplit());
		labels = mergeRims(labels, smooth, width, height, RIM_CONTACT);
		labels = dropSlivers(labels, width, height, MIN_HALF_WIDTH_PX);
		labels = joinFragments(labels, smooth, width, height, settings.splitDepth(), Math.PI * diameter * diameter / 4);
		// a tissue section's nuclei stand in the glow of out-of-focus light: their outlines are at their steepest edges,
		// not at the foot of them, where a dish's expert outlines are (DSB2018 stage 1: snapping every object there,
		// F1 0.72 -> 0.64)
		if (settings.tissue()) labels = fillHoles(snapToEdges(labels, smooth, width, height, SNAP_MAX), width, height);
		return accept(labels, sub, finite, width, height, ACCEPT_SCALE * diameter, sigma, z, settings, true, estimated,
			bg).withDiameter(diameter);
	}

	/** A copy with non-finite pixels replaced by the median of the finite ones (marked false in {@code finite}). */
	private static float[] sanitized(float[] image, boolean[] finite) {
		int n = 0;
		for (int i = 0; i < image.length; i++) {
			finite[i] = Float.isFinite(image[i]);
			if (finite[i]) n++;
		}
		if (n == 0) throw new IllegalArgumentException("the image has no finite pixel: nothing to segment");
		// the median (a pass of selection over every pixel) only where there is something to replace: the usual image
		// is finite throughout
		if (n == image.length) return image.clone();
		double[] vals = new double[n];
		for (int i = 0, j = 0; i < image.length; i++)
			if (finite[i]) vals[j++] = image[i];
		float median = (float) Stats.median(vals, n);
		float[] out = image.clone();
		for (int i = 0; i < out.length; i++)
			if (!finite[i]) out[i] = median;
		return out;
	}

	/**
	 * The typical cell diameter in pixels: over scales sigma = 1 .. min(width, height) / 8 in steps of 1.2x, each
	 * pixel's best scale-normalised LoG response, refined between the steps by a parabola through the neighbouring
	 * scales; the local maxima that stand 8 pixel-noise SDs above the LoG of noise are the blobs. Each blob's size is
	 * then measured on the image ({@link #measuredSizes}); the median of the sizes weighted by LoG response (the
	 * clearest blobs set it) is the diameter. Without a measurable blob, the median of the blobs' best scales times
	 * 2 sqrt 2 (a disc of diameter d responds most at sigma = d / (2 sqrt 2)).
	 */
	static double estimateDiameter(float[] img, int width, int height) {
		return estimateDiameter(img, width, height, false);
	}

	/**
	 * The typical cell diameter as {@link #estimateDiameter(float[], int, int)}; with {@code steepest} (a tissue
	 * section) each ray's radius is where it falls fastest before the half level, not at the half level: a nucleus in
	 * the glow of out-of-focus light falls to half between its peak and the glow's foot only in the glow, outside its
	 * edge (Kromp 2020 otherspecimen_2: 72.9 px).
	 */
	static double estimateDiameter(float[] img, int width, int height, boolean steepest) {
		double sigmaMax = Math.max(1.5, Math.min(40, Math.min(width, height) / 8.0));
		List<Double> scales = new ArrayList<>();
		for (double s = 1.0; s <= sigmaMax; s *= SCALE_STEP)
			scales.add(s);
		int n = img.length, count = scales.size();
		float[] best = new float[n], before = new float[n], after = new float[n];
		byte[] bestScale = new byte[n];
		Arrays.fill(best, Float.NEGATIVE_INFINITY);
		// broad scales on a 2 x 2 binned image (the scale-normalised response does not change with binning): a quarter
		// of the cost where the detail is not needed; read through the pixel map, never enlarged to a full plane
		int bw = width / 2, bh = height / 2;
		float[] binned = bw >= 64 && bh >= 64 ? bin2(img, width, height) : null;
		boolean[] small = new boolean[count];
		float[][] log = new float[count][];
		double[] sd = new double[count];
		// the scales are independent: a few at a time in parallel (the sequential robust SDs overlap), then merged into
		// every pixel's best in scale order, rows in parallel; the same arithmetic as one scale after another
		// significance against pixel noise, not against the spread of the LoG itself: where cells cover much of the
		// field their own responses inflate that spread and hide the cells' scale (BBBC039 nuclei: d 5.6 px for 29)
		// the noise (a sequential selection over every pixel) on a worker of its own beside the LoG planes: only the
		// significance test below needs it
		ForkJoinTask<Double> noiseTask = ForkJoinTask.adapt(() -> fieldNoise(img, width, height)).fork();
		double[] gain = new double[count];
		Planes fullPlanes = new Planes(n), binnedPlanes = new Planes(bw * bh);
		float[][] smooth1 = new float[1][];
		int group = ForkJoinPool.getCommonPoolParallelism() + 1; // the pool's workers and the calling thread
		for (int k0 = 0; k0 < count; k0 += group) {
			int first = k0;
			IntStream.range(k0, Math.min(count, k0 + group)).parallel().forEach(k -> {
				double s = scales.get(k);
				small[k] = binned != null && s >= 6;
				if (k == 0) { // sigma 1, whose smoothed image measuredSizes reads too: smoothed once, kept
					smooth1[0] = Morphology.gaussian(img, width, height, s);
					log[k] = scaledLaplacian(smooth1[0], width, height, s, fullPlanes.take());
				}
				else log[k] = small[k] ? normalisedLog(binned, bw, bh, s / 2, binnedPlanes) : normalisedLog(img, width,
					height, s, fullPlanes);
				gain[k] = logNoiseGain(small[k] ? s / 2 : s);
			});
			for (int k = first; k < Math.min(count, first + group); k++) {
				int scale = k;
				IntStream.range(0, (height + ROW_BLOCK - 1) / ROW_BLOCK).parallel().forEach(b -> {
					float[] cur = log[scale], prev = scale == 0 ? null : log[scale - 1];
					boolean curSmall = small[scale], prevSmall = scale > 0 && small[scale - 1];
					for (int y = b * ROW_BLOCK; y < Math.min(height, (b + 1) * ROW_BLOCK); y++) {
						int smallRow = Math.min(bh - 1, y / 2) * bw;
						for (int x = 0; x < width; x++) {
							int i = y * width + x, si = smallRow + Math.min(bw - 1, x / 2);
							float v = curSmall ? cur[si] : cur[i];
							if (v > best[i]) {
								best[i] = v;
								bestScale[i] = (byte) scale;
								before[i] = prev == null ? Float.NaN : prevSmall ? prev[si] : prev[i];
								after[i] = Float.NaN;
							}
							else if (bestScale[i] == scale - 1) after[i] = v;
						}
					}
				});
				if (k > 0) { // only the previous scale is still needed
					(small[k - 1] ? binnedPlanes : fullPlanes).give(log[k - 1]);
					log[k - 1] = null;
				}
			}
		}
		double noise = noiseTask.join();
		for (int k = 0; k < count; k++) // a 2 x 2 bin halves the noise
			sd[k] = Math.max(small[k] ? 0.5 * noise * gain[k] : noise * gain[k], 1e-12);
		List<double[]> found = new ArrayList<>();
		for (int y = 1; y < height - 1; y++)
			for (int x = 1; x < width - 1; x++) {
				int i = y * width + x;
				// the best response in noise SDs of its own scale (as computed where it was found)
				if ((float) (best[i] / sd[bestScale[i]]) < 8 || bestScale[i] == 0 || bestScale[i] == scales.size() - 1)
					continue;
				if (!isLocalMax(best, i, width, height)) continue;
				double a = before[i], b = best[i], c = after[i], curvature = a - 2 * b + c;
				double offset = curvature < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / curvature)) : 0;
				found.add(new double[] { scales.get(bestScale[i]) * Math.pow(SCALE_STEP, offset), b, i });
			}
		if (found.isEmpty()) return 2 * Math.sqrt(2) * 3; // nothing blob-like: a small default, cells are filtered later
		List<double[]> measured = measuredSizes(found, smooth1[0], width, height, noise, steepest);
		if (!measured.isEmpty()) found = measured;
		// the median weighted by response: the clearest blobs set the size, not noise and texture
		found.sort((p, q) -> Double.compare(p[0], q[0]));
		double total = 0, acc = 0;
		for (double[] m : found)
			total += m[1];
		for (double[] m : found) {
			acc += m[1];
			if (acc >= total / 2) return 2 * Math.sqrt(2) * m[0];
		}
		return 2 * Math.sqrt(2) * found.get(found.size() - 1)[0];
	}

	/**
	 * Each blob's size measured on the image itself, not read from the LoG scale it answers best at (texture inside
	 * a nucleus answers at small scales, a cluster or a patch of textured background at large ones): on 16 rays from
	 * the maximum, over the image smoothed at sigma 1, the distance at which the intensity falls to half way between
	 * the peak and the lowest value on the rays, or to a valley in between. Only compact, isolated blobs measure a
	 * cell: at least {@value #MIN_CROSSING_RAYS} rays must cross the half level (a cell in a cluster stops at its
	 * neighbours' valleys, texture does not fall), the rays' quartiles must lie within x{@value #MAX_RAY_SPREAD}, and
	 * the contrast must be at least 5 noise SDs and a tenth of that of the clearest blobs (the
	 * {@value #CLEAREST_QUANTILE} quantile of the measured blobs' contrasts).
	 *
	 * @param found per maximum {LoG sigma, LoG response, pixel index}
	 * @param smooth the image smoothed at sigma 1 (the diameter estimate's first scale)
	 * @return per measured blob {sigma of the LoG that answers best to a disc of its diameter, LoG response}; empty
	 *         when no blob qualifies
	 */
	private static List<double[]> measuredSizes(List<double[]> found, float[] smooth, int width, int height,
		double noise, boolean steepest)
	{
		// a Gaussian of sigma 1 keeps 0.28 of white noise's SD; half allows for noise correlated between pixels
		double smoothNoise = 0.5 * noise;
		// the rays' pixel offsets, once: round(cx + t cos) = cx + round(t cos) for whole cx
		int longest = 0;
		for (double[] m : found)
			longest = Math.max(longest, rayLength(m[0]));
		int[][] dx = new int[RAYS][longest + 1], dy = new int[RAYS][longest + 1];
		for (int k = 0; k < RAYS; k++)
			for (int t = 0; t <= longest; t++) {
				dx[k][t] = (int) Math.round(t * Math.cos(2 * Math.PI * k / RAYS));
				dy[k][t] = (int) Math.round(t * Math.sin(2 * Math.PI * k / RAYS));
			}
		// a lower bound of every ray's lowest value, from minima of blocks: most maxima (noise and texture on a flat
		// background) fail the contrast test against it already, and are never walked
		SquareMinima floor = new SquareMinima(smooth, width, height);
		// every maximum measured on its own, in parallel chunks that reuse their rays' buffers, the results kept in
		// the maxima's order
		double[][] measured = new double[found.size()][];
		int chunk = 256, rayCapacity = longest + 1;
		IntStream.range(0, (found.size() + chunk - 1) / chunk).parallel().forEach(b -> {
			double[][] rays = new double[RAYS][rayCapacity];
			int[] lengths = new int[RAYS];
			double[] radii = new double[RAYS];
			for (int j = b * chunk; j < Math.min(found.size(), (b + 1) * chunk); j++)
				measured[j] = measuredSize(found.get(j), smooth, width, height, smoothNoise, dx, dy, floor, rays, lengths,
					radii, steepest);
		});
		List<double[]> sizes = new ArrayList<>();
		for (double[] m : measured)
			if (m != null) sizes.add(m);
		if (sizes.isEmpty()) return sizes;
		double[] contrasts = new double[sizes.size()];
		for (int k = 0; k < contrasts.length; k++)
			contrasts[k] = sizes.get(k)[2];
		Arrays.sort(contrasts);
		// the clearest blobs are the top percentile, not the top decile: where a granular texture (chromatin, debris)
		// gives many times more faint maxima than there are cells, the decile lies among those maxima and lets them all
		// through (DSB2018 stage 1, 7bdb668e: 21 nuclei of 38 px, over 900 grains of 4-6 px; d 9.5 px)
		double minContrast = 0.1 * contrasts[(int) (CLEAREST_QUANTILE * (contrasts.length - 1))];
		sizes.removeIf(z -> z[2] < minContrast);
		return sizes;
	}

	/** @return the length, px, of the rays measuring a blob whose LoG answers best at {@code sigma}: twice its diameter */
	private static int rayLength(double sigma) {
		return (int) Math.ceil(Math.max(8, 4 * Math.sqrt(2) * sigma));
	}

	/**
	 * One maximum's size {sigma, LoG response, contrast} as {@link #measuredSizes} measures it, or null.
	 *
	 * @param floor the smoothed image's minima over squares: the test of contrast against the lowest value of the
	 *          square that holds the rays, which is at most the rays' lowest, rejects without walking them
	 * @param rays, lengths, radii the caller's buffers (overwritten): each ray's values, how many, its radius
	 * @param steepest a crossing ray's radius is at its steepest fall before the half level (between the two pixels)
	 */
	private static double[] measuredSize(double[] m, float[] smooth, int width, int height, double smoothNoise,
		int[][] dx, int[][] dy, SquareMinima floor, double[][] rays, int[] lengths, double[] radii, boolean steepest)
	{
		int c = (int) m[2], cx = c % width, cy = c / width;
		int length = rayLength(m[0]);
		double peak = smooth[c];
		// |round(t cos)|, |round(t sin)| <= t <= length: every ray pixel lies in this square, so the contrast to its
		// lowest value bounds the contrast to the rays' lowest from above (a NaN bound rejects nothing)
		if (peak - floor.min(cx - length, cy - length, cx + length, cy + length) <= 5 * smoothNoise) return null;
		double low = Double.POSITIVE_INFINITY;
		for (int k = 0; k < RAYS; k++) {
			double[] ray = rays[k];
			int[] ox = dx[k], oy = dy[k];
			int t = 0;
			for (; t <= length; t++) {
				int x = cx + ox[t], y = cy + oy[t];
				if (x < 0 || y < 0 || x >= width || y >= height) break;
				ray[t] = smooth[y * width + x];
				low = Math.min(low, ray[t]);
			}
			lengths[k] = t;
		}
		double contrast = peak - low;
		if (!(contrast > 5 * smoothNoise)) return null;
		double half = low + 0.5 * contrast, valley = peak - 0.2 * contrast;
		int n = 0, crossing = 0;
		for (int k = 0; k < RAYS; k++) {
			double[] ray = rays[k];
			int rayLength = lengths[k];
			if (rayLength < 2) continue;
			double r = rayLength - 1;
			for (int t = 1; t < rayLength; t++) {
				if (ray[t] < half) {
					r = t - 1 + (ray[t - 1] - half) / Math.max(1e-12, ray[t - 1] - ray[t]);
					if (steepest) {
						int at = t;
						for (int u = 1; u < t; u++)
							if (ray[u - 1] - ray[u] > ray[at - 1] - ray[at]) at = u;
						r = at - 0.5;
					}
					crossing++;
					break;
				}
				if (t + 1 < rayLength && ray[t] <= ray[t - 1] && ray[t] < ray[t + 1] && ray[t] < valley) {
					r = t;
					break;
				}
			}
			radii[n++] = r;
		}
		if (crossing < MIN_CROSSING_RAYS) return null;
		Arrays.sort(radii, 0, n);
		if (radii[3 * n / 4] > MAX_RAY_SPREAD * radii[n / 4]) return null;
		return new double[] { radii[n / 2] / Math.sqrt(2), m[1], contrast };
	}

	/**
	 * The lowest value of an image over any axis-aligned rectangle, bounded from below in a few look-ups: the minima of
	 * blocks of {@value #BLOCK} x {@value #BLOCK} pixels, and of squares of 2^j x 2^j blocks (a sparse table), whose
	 * overlapping squares cover the blocks the rectangle touches. The result is the minimum over those blocks, a superset
	 * of the rectangle: at most its lowest value. A NaN pixel makes its blocks' minima NaN.
	 */
	static final class SquareMinima {
		static final int BLOCK = 8;
		private final int width, height, blocksX, blocksY;
		/** levels[j][by * blocksX + bx]: the minimum over blocks bx .. bx + 2^j - 1, by .. by + 2^j - 1 (clipped) */
		private final float[][] levels;

		SquareMinima(float[] img, int width, int height) {
			this.width = width;
			this.height = height;
			blocksX = (width + BLOCK - 1) / BLOCK;
			blocksY = (height + BLOCK - 1) / BLOCK;
			float[] base = new float[blocksX * blocksY];
			Arrays.fill(base, Float.POSITIVE_INFINITY);
			for (int y = 0; y < height; y++) {
				int row = y * width, blockRow = (y / BLOCK) * blocksX;
				for (int x = 0; x < width; x++) {
					int b = blockRow + x / BLOCK;
					base[b] = Math.min(base[b], img[row + x]);
				}
			}
			int count = 32 - Integer.numberOfLeadingZeros(Math.max(1, Math.min(blocksX, blocksY)));
			levels = new float[count][];
			levels[0] = base;
			for (int j = 1; j < count; j++) {
				float[] prev = levels[j - 1], cur = new float[base.length];
				int half = 1 << (j - 1);
				for (int by = 0; by < blocksY; by++) {
					int by2 = Math.min(blocksY - 1, by + half);
					for (int bx = 0; bx < blocksX; bx++) {
						int bx2 = Math.min(blocksX - 1, bx + half);
						cur[by * blocksX + bx] = Math.min(Math.min(prev[by * blocksX + bx], prev[by * blocksX + bx2]), Math
							.min(prev[by2 * blocksX + bx], prev[by2 * blocksX + bx2]));
					}
				}
				levels[j] = cur;
			}
		}

		/** @return at most the lowest value of the pixels x0..x1, y0..y1 (inclusive, clipped to the image) */
		float min(int x0, int y0, int x1, int y1) {
			int bx0 = Math.max(0, x0) / BLOCK, by0 = Math.max(0, y0) / BLOCK;
			int bx1 = Math.min(width - 1, x1) / BLOCK, by1 = Math.min(height - 1, y1) / BLOCK;
			int nx = bx1 - bx0 + 1, ny = by1 - by0 + 1;
			int j = Math.min(levels.length - 1, 31 - Integer.numberOfLeadingZeros(Math.min(nx, ny)));
			int size = 1 << j;
			float[] level = levels[j];
			float m = Float.POSITIVE_INFINITY;
			// squares of 2^j blocks from each corner inwards, overlapping: every block from bx0..bx1, by0..by1 covered
			for (int by = by0;; by = Math.min(by + size, by1 - size + 1)) {
				for (int bx = bx0;; bx = Math.min(bx + size, bx1 - size + 1)) {
					m = Math.min(m, level[by * blocksX + bx]);
					if (bx == bx1 - size + 1) break;
				}
				if (by == by1 - size + 1) break;
			}
			return m;
		}
	}

	/** @return the pixel noise SD of the whole field from neighbour differences, floored as {@link #noiseFloor} */
	private static double fieldNoise(float[] img, int width, int height) {
		return noiseFloor(img, pixelNoise(img, null, width, height));
	}

	/**
	 * @return the SD of {@link #normalisedLog} at {@code sigma} for unit white noise: the L2 norm of its impulse
	 *         response
	 */
	static double logNoiseGain(double sigma) {
		int r = (int) Math.ceil(5 * sigma) + 2, n = 2 * r + 1;
		float[] delta = new float[n * n];
		delta[r * n + r] = 1;
		float[] response = normalisedLog(delta, n, n, sigma);
		double sum = 0;
		for (float v : response)
			sum += (double) v * v;
		return Math.sqrt(sum);
	}

	/**
	 * @return the smallest noise SD the blob-ness is normalised with: the pixel noise, but at least 0.1 % of the
	 *         image's range, so a noise-free image does not divide by zero
	 */
	private static double noiseFloor(float[] sub, double sigma) {
		int step = Math.max(1, sub.length / 100_000);
		float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
		for (int i = 0; i < sub.length; i += step) {
			lo = Math.min(lo, sub[i]);
			hi = Math.max(hi, sub[i]);
		}
		return Math.max(sigma, 1e-3 * Math.max(1e-12, hi - lo));
	}

	/** @return the image binned 2 x 2 (means; a last odd row or column is dropped) */
	private static float[] bin2(float[] img, int width, int height) {
		int bw = width / 2, bh = height / 2;
		float[] out = new float[bw * bh];
		for (int y = 0; y < bh; y++)
			for (int x = 0; x < bw; x++) {
				int i = 2 * y * width + 2 * x;
				out[y * bw + x] = 0.25f * (img[i] + img[i + 1] + img[i + width] + img[i + width + 1]);
			}
		return out;
	}

	
	/** -sigma^2 times the Laplacian of the Gaussian-smoothed image: positive on bright blobs of scale sigma. */
	static float[] normalisedLog(float[] img, int width, int height, double sigma) {
		return normalisedLog(img, width, height, sigma, new Planes(img.length));
	}

	/**
	 * {@link #normalisedLog} with its working planes and result taken from {@code planes}; the working planes are
	 * given back.
	 */
	private static float[] normalisedLog(float[] img, int width, int height, double sigma, Planes planes) {
		float[] smooth = planes.take(), tmp = planes.take();
		float[] lap = scaledLaplacian(Morphology.gaussianFast(img, width, height, sigma, smooth, tmp), width, height,
			sigma, planes.take());
		planes.give(smooth);
		planes.give(tmp);
		return lap;
	}

	/** @return -sigma^2 times the Laplacian of {@code smooth} (the image smoothed at sigma), into {@code out} */
	private static float[] scaledLaplacian(float[] smooth, int width, int height, double sigma, float[] out) {
		float[] lap = Morphology.laplacian(smooth, width, height, out);
		float f = (float) (-sigma * sigma);
		for (int i = 0; i < lap.length; i++)
			lap[i] *= f;
		return lap;
	}

	/**
	 * Float planes of one size handed out and taken back, so that a sequence of filters (the scales of the diameter
	 * estimate, three planes each) reuses a few planes instead of allocating, zeroing and collecting three per filter.
	 * Thread-safe; a plane handed out holds what its last user left in it.
	 */
	private static final class Planes {
		private final int size;
		private final java.util.ArrayDeque<float[]> free = new java.util.ArrayDeque<>();

		Planes(int size) {
			this.size = size;
		}

		synchronized float[] take() {
			float[] p = free.poll();
			return p != null ? p : new float[size];
		}

		synchronized void give(float[] p) {
			free.push(p);
		}
	}

	/**
	 * The background with the cells masked out; sets {@code objects} to the pixels excluded from its estimate
	 * (significant objects dilated by the guard band).
	 */
	static float[] background(float[] img, boolean[] finite, int width, int height, double d, SegmentationSettings s,
		boolean[] objects)
	{
		float[] bg = blockPercentile(img, width, height, Math.max(8, (int) Math.round(2 * d)), 0.2);
		double scale = s.backgroundScale() * d;
		double guard = Math.max(2, d / 4);
		int n = img.length;
		boolean[] allowed = new boolean[n];
		// every per-pixel step over ranges of pixels in parallel (each pixel computed as alone)
		for (int round = 0; round < 3; round++) {
			float[] sub = new float[n], current = bg;
			pixels(n, (from, to) -> {
				for (int i = from; i < to; i++)
					sub[i] = img[i] - current[i];
			});
			float[] sm = Morphology.gaussian(sub, width, height, 1.0);
			boolean[] low = new boolean[n];
			pixels(n, (from, to) -> {
				for (int i = from; i < to; i++)
					low[i] = finite[i] && !objects[i];
			});
			// above the background's own spread around its median (the first estimate is biased low by design)
			boolean[] sample = round == 0 ? null : low;
			double[] medianSd = new double[2];
			IntStream.range(0, 2).parallel().forEach(t -> medianSd[t] = t == 0 ? robustMedian(sm, sample) : robustSd(sm,
				sample));
			double level = medianSd[0] + 2 * Math.max(medianSd[1], 1e-12);
			boolean[] high = new boolean[n];
			pixels(n, (from, to) -> {
				for (int i = from; i < to; i++)
					high[i] = sm[i] > level;
			});
			boolean[] masked = Morphology.dilate(high, width, height, guard);
			System.arraycopy(masked, 0, objects, 0, objects.length);
			pixels(n, (from, to) -> {
				for (int i = from; i < to; i++)
					allowed[i] = !masked[i] && finite[i];
			});
			int free = 0;
			for (int i = 0; i < n && free < 100; i++)
				if (allowed[i]) free++;
			if (free < 100) break; // (nearly) all foreground: keep the percentile estimate
			// a smooth polynomial carries the field's gradients (exactly, up to the borders); the local model adds the
			// normalised convolution of what the polynomial leaves
			float[] surface = surface(img, allowed, width, height, s.flattenDegree());
			if (SegmentationSettings.BACKGROUND_SURFACE.equals(s.detectBackground())) bg = surface;
			else {
				float[] residual = new float[n], previous = new float[n];
				pixels(n, (from, to) -> {
					for (int i = from; i < to; i++) {
						residual[i] = img[i] - surface[i];
						previous[i] = current[i] - surface[i];
					}
				});
				float[] local = normalisedConvolution(residual, allowed, width, height, scale, previous);
				pixels(n, (from, to) -> {
					for (int i = from; i < to; i++)
						local[i] += surface[i];
				});
				bg = local;
			}
		}
		return bg;
	}

	/** A loop body over pixels {@code from} (inclusive) to {@code to} (exclusive). */
	private interface PixelRange {
		void run(int from, int to);
	}

	/** Runs {@code body} over 0 .. n-1 in ranges of {@link #ROW_BLOCK} x 1024 pixels, in parallel on large planes. */
	private static void pixels(int n, PixelRange body) {
		int chunk = ROW_BLOCK * 1024, chunks = (n + chunk - 1) / chunk;
		if (chunks < 2) body.run(0, n);
		else IntStream.range(0, chunks).parallel().forEach(c -> body.run(c * chunk, Math.min(n, (c + 1) * chunk)));
	}

	/** A robust polynomial surface fitted to the allowed pixels. */
	private static float[] surface(float[] img, boolean[] allowed, int width, int height, int degree) {
		if (degree < 0) return new float[img.length];
		SurfaceFit fit = new SurfaceFit(width, height, degree, 40000, 2.5);
		fit.fit(p -> img[p], allowed);
		float[] out = new float[img.length];
		fit.evaluate(out);
		return out;
	}

	/**
	 * Normalised convolution: G * (img where allowed) / G * allowed, with G a Gaussian of {@code scalePx}; where
	 * hardly any allowed pixel is near (weight below 5 %), the previous estimate.
	 */
	private static float[] normalisedConvolution(float[] img, boolean[] allowed, int width, int height,
		double scalePx, float[] previous)
	{
		float[] num = new float[img.length], den = new float[img.length];
		pixels(img.length, (from, to) -> {
			for (int i = from; i < to; i++)
				if (allowed[i]) {
					num[i] = img[i];
					den[i] = 1;
				}
		});
		float[][] blurred = { num, den };
		IntStream.range(0, 2).parallel().forEach(t -> blurred[t] = Morphology.gaussianFast(blurred[t], width, height,
			scalePx));
		float[] out = new float[img.length], sums = blurred[0], weights = blurred[1];
		pixels(out.length, (from, to) -> {
			for (int i = from; i < to; i++) {
				float w = weights[i];
				if (w >= 0.05f) out[i] = sums[i] / w;
				else {
					// blend toward the previous estimate where the weight fades
					float a = w / 0.05f;
					out[i] = w > 0 ? a * (sums[i] / w) + (1 - a) * previous[i] : previous[i];
				}
			}
		});
		return out;
	}

	/**
	 * A smooth first background estimate: the {@code q}-quantile of each block of {@code block} x {@code block}
	 * pixels, bilinearly interpolated between block centres.
	 */
	static float[] blockPercentile(float[] img, int width, int height, int block, double q) {
		int bx = Math.max(1, (width + block - 1) / block), by = Math.max(1, (height + block - 1) / block);
		float[] grid = new float[bx * by];
		// rows of blocks in parallel, each block's quantile as alone
		IntStream.range(0, by).parallel().forEach(j -> {
			double[] values = new double[block * block];
			for (int i = 0; i < bx; i++) {
				int n = 0;
				for (int y = j * block; y < Math.min(height, (j + 1) * block); y++)
					for (int x = i * block; x < Math.min(width, (i + 1) * block); x++)
						values[n++] = img[y * width + x];
				grid[j * bx + i] = (float) Stats.select(values, n, Math.min(n - 1, (int) (q * (n - 1))));
			}
		});
		float[] out = new float[img.length];
		IntStream.range(0, height).parallel().forEach(y -> {
			double gy = Math.min(by - 1, Math.max(0, (y + 0.5) / block - 0.5));
			int j0 = (int) Math.floor(gy), j1 = Math.min(by - 1, j0 + 1);
			double fy = gy - j0;
			for (int x = 0; x < width; x++) {
				double gx = Math.min(bx - 1, Math.max(0, (x + 0.5) / block - 0.5));
				int i0 = (int) Math.floor(gx), i1 = Math.min(bx - 1, i0 + 1);
				double fx = gx - i0;
				out[y * width + x] = (float) ((1 - fy) * ((1 - fx) * grid[j0 * bx + i0] + fx * grid[j0 * bx + i1]) + fy *
					((1 - fx) * grid[j1 * bx + i0] + fx * grid[j1 * bx + i1]));
			}
		});
		return out;
	}

	/**
	 * Pixel noise SD from horizontal neighbour differences over the allowed pixels (null = all): 1.4826 MAD / sqrt 2,
	 * insensitive to smooth structure (gradients, texture broader than a pixel).
	 */
	static double pixelNoise(float[] img, boolean[] allowed, int width, int height) {
		double sigma = PixelNoise.sigma(i -> img[i + 1] - img[i], allowed, width, height, 1, 10, null);
		return Double.isNaN(sigma) ? robustSd(img, null) : sigma;
	}

	/** @return the median of the allowed values (null = all), sampled */
	static double robustMedian(float[] v, boolean[] allowed) {
		int step = Math.max(1, v.length / SAMPLES);
		double[] a = new double[v.length / step + 1];
		int n = 0;
		for (int i = 0; i < v.length; i += step)
			if (allowed == null || allowed[i]) a[n++] = v[i];
		return n == 0 ? 0 : Stats.median(a, n);
	}

	/** @return 1.4826 times the median absolute deviation of the allowed values (null = all), sampled */
	static double robustSd(float[] v, boolean[] allowed) {
		int step = Math.max(1, v.length / SAMPLES);
		double[] a = new double[v.length / step + 1];
		int n = 0;
		for (int i = 0; i < v.length; i += step)
			if (allowed == null || allowed[i]) a[n++] = v[i];
		if (n == 0) return 0;
		return Stats.robustSigma(a, n);
	}

	/**
	 * The blob-ness landscape: at every pixel the larger of the two scale-normalised LoG responses (cell scale and half
	 * of it), each divided by its robust SD over the background pixels.
	 */
	private static float[] blobness(float[] sub, int width, int height, double d, boolean[] bgPixels,
		DoubleSupplier noiseFloor, float[] cellScale)
	{
		double s1 = Math.max(1, d / (2 * Math.sqrt(2))), s2 = Math.max(0.8, s1 / 2);
		double[] scales = { s1, s2 }, spread = new double[2];
		float[][] logs = new float[2][];
		// the two scales side by side (their robust SDs are sequential selections)
		IntStream.range(0, 2).parallel().forEach(t -> {
			logs[t] = normalisedLog(sub, width, height, scales[t]);
			spread[t] = robustSd(logs[t], bgPixels);
		});
		double floor = noiseFloor.getAsDouble();
		float[] z = null;
		for (int t = 0; t < 2; t++) {
			float[] log = logs[t];
			// never below what pixel noise of the floor's size would give: the two scales stay weighted as for noise
			// even in a (nearly) noise-free image
			double sd = Math.max(spread[t], floor * logNoiseGain(scales[t]));
			for (int i = 0; i < log.length; i++)
				log[i] /= sd;
			if (z == null) {
				z = log;
				System.arraycopy(log, 0, cellScale, 0, log.length);
			}
			else for (int i = 0; i < z.length; i++)
				z[i] = Math.max(z[i], log[i]);
		}
		return z;
	}

	/** Seeds: local maxima of the blob-ness above {@link #SEED_Z}, on pixels above the noise, half a cell diameter apart. */
	private static int[] seeds(float[] z, int width, int height, double d, float[] smooth, double sigmaSmooth) {
		int[] out = new int[64];
		int n = 0;
		double minLevel = LEVEL_SIGMA * sigmaSmooth;
		for (int i = 0; i < z.length; i++) {
			if (z[i] < SEED_Z || smooth[i] <= minLevel) continue;
			if (!isLocalMax(z, i, width, height)) continue;
			if (n == out.length) out = Arrays.copyOf(out, 2 * n);
			out[n++] = i;
		}
		return suppress(Arrays.copyOf(out, n), z, width, Math.max(2, d / 2));
	}

	/**
	 * Non-maximum suppression: of seeds closer than {@code minDistance} px, only the one with the strongest response
	 * stays (strongest first, ties by index), so the nucleus or a lobe of a cell does not seed a second object.
	 */
	private static int[] suppress(int[] seeds, float[] z, int width, double minDistance) {
		Integer[] order = new Integer[seeds.length];
		for (int i = 0; i < seeds.length; i++)
			order[i] = seeds[i];
		Arrays.sort(order, (a, b) -> z[a] != z[b] ? Float.compare(z[b], z[a]) : Integer.compare(a, b));
		double d2 = minDistance * minDistance;
		int[] kept = new int[seeds.length];
		int n = 0;
		for (int c : order) {
			int cx = c % width, cy = c / width;
			boolean clear = true;
			for (int k = 0; k < n && clear; k++) {
				int dx = kept[k] % width - cx, dy = kept[k] / width - cy;
				clear = dx * dx + dy * dy >= d2;
			}
			if (clear) kept[n++] = c;
		}
		int[] out = Arrays.copyOf(kept, n);
		Arrays.sort(out);
		return out;
	}

	/** A pixel is a local maximum when no 8-neighbour is larger, and none equal to it comes earlier in raster order. */
	private static boolean isLocalMax(float[] v, int i, int width, int height) {
		int x = i % width, y = i / width;
		float c = v[i];
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				if (dx == 0 && dy == 0) continue;
				int nx = x + dx, ny = y + dy;
				if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
				int j = ny * width + nx;
				if (v[j] > c || (v[j] == c && j < i)) return false;
			}
		return true;
	}

	/**
	 * The objects: a flood from the seeds over the smoothed image where each seed takes only pixels above its own cut
	 * level (the foreground); the foreground shared among the seeds along intensity edges; then objects merged where
	 * nothing separates them. Returns the objects' labels (not yet filtered; ids not dense).
	 */
	private static int[] grow(float[] g, float[] z, float[] zCell, int width, int height, int[] seeds, double d,
		SegmentationSettings s, double sigmaSmooth)
	{
		int n = g.length, count = seeds.length;
		int[] labels = new int[n];
		float[] peak = new float[count + 1], level = new float[count + 1], seedZ = new float[count + 1];
		float[] cap = new float[count + 1];
		int radius = (int) Math.max(1, Math.round(d / 4));
		double floor = LEVEL_SIGMA * sigmaSmooth;
		for (int k = 0; k < count; k++) {
			int p = seeds[k];
			labels[p] = k + 1;
			peak[k + 1] = maxAround(g, p, width, height, radius);
			cap[k + 1] = FLANK_CAP * maxAround(g, p, width, height, (int) Math.max(1, Math.round(d * FLANK_RADIUS)));
			double fraction = Math.max(s.growFraction(), kneeFraction(g, p, peak[k + 1], width, height, d / WORKING_SCALE,
				sigmaSmooth));
			level[k + 1] = (float) Math.max(fraction * peak[k + 1], floor);
			seedZ[k + 1] = z[p];
		}
		LongHeap heap = new LongHeap();
		byte[] queued = new byte[n];
		for (int p : seeds)
			pushNeighbours(g, z, level, cap, peak, labels, queued, heap, p, p % width, p / width, width, height);
		while (!heap.isEmpty()) {
			int p = LongHeap.index(heap.poll());
			queued[p] = 0;
			if (labels[p] != 0) continue;
			int x = p % width, y = p / width;
			float v = g[p];
			int best = 0;
			float bestG = Float.NEGATIVE_INFINITY;
			for (int k = 0; k < 4; k++) {
				int q = neighbour(k, p, x, y, width, height);
				if (q < 0) continue;
				int l = labels[q];
				// in its lower half an object also stops at the inflection of its edge (blob-ness 0), where texture
				// connected to its flank would otherwise leak in; its body may have negative blob-ness between brighter
				// neighbours
				if (l > 0 && seedTakes(l, v, z[p], level, cap, peak) && g[q] > bestG) {
					bestG = g[q];
					best = l;
				}
			}
			if (best == 0) continue; // below the cut level of every neighbour
			labels[p] = best;
			pushNeighbours(g, z, level, cap, peak, labels, queued, heap, p, x, y, width, height);
		}
		int[] shared = partition(labels, z, g, level, peak, width, height, seeds);
		boolean[] stunted = stunted(shared, labels, count);
		Map<Long, float[]> contacts = contacts(shared, g, z, width, height);
		for (Map.Entry<Long, float[]> e : contacts.entrySet()) {
			// the pass between the two seeds relative to the weaker seed, in the blob-ness and at the cell scale
			// alone: on the straight line between them where it stays within the two objects (the valley between two
			// touching cells lies on it whatever the contact's shape), else on the contact
			int a = (int) (e.getKey() >>> 32), b = (int) (long) e.getKey(), sa = seeds[a - 1], sb = seeds[b - 1];
			float[] v = e.getValue();
			float line = lineMinimum(z, shared, sa, sb, a, b, width), lineCell = lineMinimum(zCell, shared, sa, sb, a, b,
				width);
			float contact = v[1] / Math.min(z[sa], z[sb]);
			v[1] = Float.isNaN(line) ? contact : line / Math.min(z[sa], z[sb]);
			float[] w3 = { v[0], v[1], Float.isNaN(lineCell) ? contact : lineCell / Math.min(zCell[sa], zCell[sb]) };
			e.setValue(w3);
		}
		double cellArea = Math.PI * (d / WORKING_SCALE) * (d / WORKING_SCALE) / 4;
		int[] merged = merge(shared, peak, level, seedZ, contacts, s.splitDepth(), DIP_SIGMA * sigmaSmooth, g, seeds, width,
			cellArea);
		// after merging, so that the grown outlines make no new contact for the merge to judge (grown before it, DSB2018
		// F1 0.767 -> 0.760)
		regrowStunted(merged, stunted, g, z, level, peak, cap, width, height);
		return merged;
	}

	/**
	 * Whether seed {@code l}'s own tests let it take a pixel of intensity {@code v} and blob-ness {@code zp}: above its
	 * cut level, not above its flank cap, and in its lower half not beyond the inflection of its edge.
	 */
	private static boolean seedTakes(int l, float v, float zp, float[] level, float[] cap, float[] peak) {
		return v >= level[l] && v <= cap[l] && (zp >= 0 || v >= 0.5f * peak[l]);
	}

	/**
	 * @param shared the objects after sharing
	 * @param flood the flood's objects (same ids)
	 * @return per object id, whether a neighbour's flood cut its own short: sharing gave it more than
	 *         {@value #STUNTED_GAIN} times the pixels its seed flooded
	 */
	private static boolean[] stunted(int[] shared, int[] flood, int count) {
		int[] floodArea = new int[count + 1], sharedArea = new int[count + 1];
		for (int i = 0; i < shared.length; i++) {
			floodArea[flood[i]]++;
			sharedArea[shared[i]]++;
		}
		boolean[] stunted = new boolean[count + 1];
		for (int l = 1; l <= count; l++)
			stunted[l] = sharedArea[l] > STUNTED_GAIN * floodArea[l];
		return stunted;
	}

	/**
	 * Grows on, into the background, each object whose flood a neighbour's flood cut short ({@link #stunted}). Such a
	 * dim cell's far outline was never flooded: the brighter neighbours' floods took its sides first (their blurred
	 * flanks lie over it), stopped beyond them at their own higher levels, and walled the dim seed in; sharing gave
	 * the sides back but not the outline. Each grows, brightest pixels first, only under its own seed's tests (its cut
	 * level, the flank cap, the inflection of its edge in its lower half) and never into another object. A growth of
	 * less than {@value #REGROWTH_MIN_GAIN} of the object's area is undone: that is the ragged edge of a cell drawn
	 * well, and moving it by a pixel only changes later decisions by chance (DSB2018: two nuclei lost to a neighbour's
	 * growth of 3 px).
	 *
	 * @param labels the objects, grown in place
	 * @param stunted per object id, whether it grows
	 */
	private static void regrowStunted(int[] labels, boolean[] stunted, float[] g, float[] z, float[] level,
		float[] peak, float[] cap, int width, int height)
	{
		int[] before = new int[stunted.length], added = new int[stunted.length];
		for (int l : labels)
			before[l]++;
		boolean[] grown = new boolean[labels.length];
		LongHeap heap = new LongHeap();
		byte[] queued = new byte[labels.length];
		for (int p = 0; p < labels.length; p++)
			if (stunted[labels[p]]) pushNeighbours(g, z, level, cap, peak, labels, queued, heap, p, p % width, p / width,
				width, height);
		while (!heap.isEmpty()) {
			int p = LongHeap.index(heap.poll());
			queued[p] = 0;
			if (labels[p] != 0) continue;
			int x = p % width, y = p / width, best = 0;
			float v = g[p], bestG = Float.NEGATIVE_INFINITY;
			for (int k = 0; k < 4; k++) {
				int q = neighbour(k, p, x, y, width, height);
				if (q < 0) continue;
				int l = labels[q];
				if (stunted[l] && seedTakes(l, v, z[p], level, cap, peak) && g[q] > bestG) {
					bestG = g[q];
					best = l;
				}
			}
			if (best == 0) continue;
			labels[p] = best;
			grown[p] = true;
			added[best]++;
			pushNeighbours(g, z, level, cap, peak, labels, queued, heap, p, x, y, width, height);
		}
		for (int p = 0; p < labels.length; p++)
			if (grown[p] && added[labels[p]] < REGROWTH_MIN_GAIN * before[labels[p]]) labels[p] = 0;
	}

	/**
	 * @return the lowest {@code z} on the straight line from pixel {@code p} to pixel {@code q}, or NaN when the line
	 *         leaves the pixels labelled {@code a} or {@code b} (an irregular cell, where the line says nothing)
	 */
	private static float lineMinimum(float[] z, int[] labels, int p, int q, int a, int b, int width) {
		int x0 = p % width, y0 = p / width, x1 = q % width, y1 = q / width;
		int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
		float min = Float.POSITIVE_INFINITY;
		for (int k = 0; k <= steps; k++) {
			int x = x0 + (int) Math.round((x1 - x0) * (double) k / Math.max(1, steps));
			int y = y0 + (int) Math.round((y1 - y0) * (double) k / Math.max(1, steps));
			int i = y * width + x;
			if (labels[i] != a && labels[i] != b) return Float.NaN;
			min = Math.min(min, z[i]);
		}
		return min;
	}

	/**
	 * Where two objects touch (4-neighbours): {highest intensity and highest blob-ness on the contact}, each the lower
	 * of the two pixels' values, keyed by the pair of ids.
	 */
	private static Map<Long, float[]> contacts(int[] labels, float[] g, float[] z, int width, int height) {
		Map<Long, float[]> contacts = new HashMap<>();
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int p = y * width + x, a = labels[p];
				if (a == 0) continue;
				for (int k = 0; k < 2; k++) {
					int q = k == 0 ? (x + 1 < width ? p + 1 : -1) : (y + 1 < height ? p + width : -1);
					if (q < 0) continue;
					int b = labels[q];
					if (b == 0 || b == a) continue;
					long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
					float gc = Math.min(g[p], g[q]), zc = Math.min(z[p], z[q]);
					float[] c = contacts.get(key);
					if (c == null) contacts.put(key, new float[] { gc, zc });
					else {
						c[0] = Math.max(c[0], gc);
						c[1] = Math.max(c[1], zc);
					}
				}
			}
		return contacts;
	}

	/**
	 * Shares the foreground's pixels among the seeds' (merged) groups by a marker-controlled watershed on the
	 * intensity gradient: each group floods outward from its seeds through low gradients first, so touching cells part
	 * along the steepest intensity change between them, the real edge of the brighter cell, rather than where the
	 * brighter cell's blurred flank happens to meet the dimmer cell's body.
	 *
	 * @param z the landscape, flooded from its highest values
	 * @param level each seed's cut level: a seed takes no pixel of {@code g} below it
	 * @param peak each seed's peak: below half of it, a seed takes no pixel where {@code z} is negative (beyond the
	 *          inflection of its edge), as in the flood, unless the pixel is above the peak of its seed in
	 *          {@code merged}
	 */
	private static int[] partition(int[] merged, float[] z, float[] g, float[] level, float[] peak, int width,
		int height, int[] seeds)
	{
		int[] out = new int[merged.length];
		LongHeap heap = new LongHeap();
		byte[] queued = new byte[merged.length];
		for (int k = 0; k < seeds.length; k++) {
			int p = seeds[k];
			if (merged[p] == 0) continue;
			out[p] = merged[p];
		}
		for (int k = 0; k < seeds.length; k++)
			if (out[seeds[k]] != 0) pushInside(z, merged, out, queued, heap, seeds[k], seeds[k] % width, seeds[k] / width,
				width, height);
		while (!heap.isEmpty()) {
			int p = LongHeap.index(heap.poll());
			if (out[p] != 0) continue;
			int x = p % width, y = p / width, best = 0;
			float bestZ = Float.NEGATIVE_INFINITY;
			for (int k = 0; k < 4; k++) {
				int q = neighbour(k, p, x, y, width, height);
				if (q < 0) continue;
				int l = out[q];
				// as in the flood: in its lower half an object stops at the inflection of its edge, beyond which
				// lies its blurred flank over a dimmer neighbour, not the cell; unless the seed that grew to the
				// pixel has climbed above its own peak there (a brighter cell's skirt, not the dimmer cell either)
				if (l != 0 && g[p] >= level[l] && (z[p] >= 0 || g[p] >= 0.5f * peak[l] || g[p] > peak[merged[p]]) &&
					z[q] > bestZ) {
					bestZ = z[q];
					best = l;
				}
			}
			if (best == 0) continue;
			out[p] = best;
			pushInside(z, merged, out, queued, heap, p, x, y, width, height);
		}
		// foreground pixels no neighbouring seed may take (below their levels) keep the seed that grew to them
		for (int i = 0; i < out.length; i++)
			if (out[i] == 0 && merged[i] != 0) out[i] = merged[i];
		return out;
	}

	/** @return minus the gradient magnitude (Sobel) of an image, mirrored borders */
	static float[] negativeGradient(float[] g, int width, int height) {
		float[] out = new float[g.length];
		for (int y = 0; y < height; y++) {
			int ym = Math.max(0, y - 1) * width, yp = Math.min(height - 1, y + 1) * width, yc = y * width;
			for (int x = 0; x < width; x++) {
				int xm = Math.max(0, x - 1), xp = Math.min(width - 1, x + 1);
				float gx = (g[ym + xp] + 2 * g[yc + xp] + g[yp + xp]) - (g[ym + xm] + 2 * g[yc + xm] + g[yp + xm]);
				float gy = (g[yp + xm] + 2 * g[yp + x] + g[yp + xp]) - (g[ym + xm] + 2 * g[ym + x] + g[ym + xp]);
				out[yc + x] = (float) -Math.sqrt(gx * gx + gy * gy);
			}
		}
		return out;
	}

	private static void pushInside(float[] z, int[] merged, int[] out, byte[] queued, LongHeap heap, int p,
		int x, int y, int width, int height)
	{
		for (int k = 0; k < 4; k++) {
			int q = neighbour(k, p, x, y, width, height);
			if (q < 0) continue;
			if (merged[q] != 0 && out[q] == 0 && queued[q] == 0) { // anywhere in the foreground
				queued[q] = 1;
				heap.add(LongHeap.key(z[q], q));
			}
		}
	}

	/**
	 * The fraction of its peak at which seed {@code p}'s radial profile stops falling steeply: on each of
	 * {@value #RAYS} rays the first point beyond the steepest drop where the drop per px is below KNEE_SLOPE of it;
	 * the median over the rays that reach it before a valley. 0 when too few rays do.
	 *
	 * @param diameter the measured cell diameter, px: the rays' length
	 * @param sigmaSmooth the noise SD of {@code g}: a rise of two of it ends a ray (a neighbour's valley)
	 * @return the knee's level as a fraction of {@code peak}, at most {@value #KNEE_MAX}; 0 when fewer than
	 *         {@value #KNEE_RAYS} rays have a knee followed by {@value #KNEE_AFTER} diameters of falling profile
	 */
	static double kneeFraction(float[] g, int p, float peak, int width, int height, double diameter,
		double sigmaSmooth)
	{
		if (!(peak > 0)) return 0;
		int cx = p % width, cy = p / width, length = (int) Math.ceil(diameter) + 2;
		double[] ray = new double[length + 1], levels = new double[RAYS];
		int n = 0;
		for (int k = 0; k < RAYS; k++) {
			double c = Math.cos(2 * Math.PI * k / RAYS), sn = Math.sin(2 * Math.PI * k / RAYS);
			int t = 0;
			double low = Double.POSITIVE_INFINITY;
			for (; t <= length; t++) {
				int x = cx + (int) Math.round(t * c), y = cy + (int) Math.round(t * sn);
				if (x < 0 || y < 0 || x >= width || y >= height) break;
				ray[t] = g[y * width + x];
				// a valley: the profile rises again towards a neighbour
				if (ray[t] > low + 2 * sigmaSmooth) break;
				low = Math.min(low, ray[t]);
			}
			int end = t;
			double steepest = 0;
			int at = -1;
			for (int i = 0; i + 1 < end; i++)
				if (ray[i] - ray[i + 1] > steepest) {
					steepest = ray[i] - ray[i + 1];
					at = i;
				}
			if (at < 0) continue;
			for (int i = at + 1; i + 1 < end; i++)
				if (ray[i] - ray[i + 1] < KNEE_SLOPE * steepest) {
					if (end > length || end - i >= KNEE_AFTER * diameter) levels[n++] = ray[i] / peak;
					break;
				}
		}
		if (n < KNEE_RAYS) return 0;
		Arrays.sort(levels, 0, n);
		return Math.min(KNEE_MAX, levels[n / 2]);
	}

	private static float maxAround(float[] g, int p, int width, int height, int r) {
		int x0 = p % width, y0 = p / width;
		float m = g[p];
		for (int y = Math.max(0, y0 - r); y <= Math.min(height - 1, y0 + r); y++)
			for (int x = Math.max(0, x0 - r); x <= Math.min(width - 1, x0 + r); x++)
				if ((x - x0) * (x - x0) + (y - y0) * (y - y0) <= r * r) m = Math.max(m, g[y * width + x]);
		return m;
	}

	/**
	 * @return the index of 4-neighbour {@code k} (0 left, 1 right, 2 above, 3 below) of pixel {@code p} at (x, y), or
	 *         -1 outside the image: the floods' neighbour step without a division per pixel (the callers know x and y)
	 */
	private static int neighbour(int k, int p, int x, int y, int width, int height) {
		switch (k) {
		case 0: return x > 0 ? p - 1 : -1;
		case 1: return x + 1 < width ? p + 1 : -1;
		case 2: return y > 0 ? p - width : -1;
		default: return y + 1 < height ? p + width : -1;
		}
	}

	/**
	 * Queues the unlabelled 4-neighbours of pixel {@code p} (labelled) that its object's own tests let it take
	 * ({@link #seedTakes}). A neighbour it may not take is left out rather than queued to be popped and refused: the
	 * floods clear a pixel's queued mark when they pop it, so a neighbour that may take it later queues it then, and it
	 * pops at the same point of the flood (the heap's order is total, and a refused pop changes nothing), which keeps
	 * the result to the bit and spares the heap the rim of every object (1024 x 1024 bench frame: the heap operations
	 * of the flood a quarter fewer).
	 */
	private static void pushNeighbours(float[] g, float[] z, float[] level, float[] cap, float[] peak, int[] labels,
		byte[] queued, LongHeap heap, int p, int x, int y, int width, int height)
	{
		int l = labels[p];
		for (int k = 0; k < 4; k++) {
			int q = neighbour(k, p, x, y, width, height);
			if (q < 0) continue;
			if (labels[q] == 0 && queued[q] == 0 && seedTakes(l, g[q], z[q], level, cap, peak)) {
				queued[q] = 1;
				heap.add(LongHeap.key(g[q], q));
			}
		}
	}

	/**
	 * Merges objects that nothing separates, most strongly connected (in blob-ness) first (union-find over object ids): two objects
	 * stay apart when the intensity valley between them dips below the lower peak by {@code splitDepth} of it and by
	 * {@code minDip}, or when the blob-ness on their contact falls below half the weaker seed's (a dimmer cell against
	 * a brighter one has no intensity valley, but its own blob), or when two peers have a weaker valley and dip and the
	 * size and shape of two cells ({@link #parted}), or when they are two blobs at the finer scale (blob-ness on the
	 * line between the seeds below half the weaker seed's) and the intensity dips below the lower of their hill tops
	 * ({@link #hillTops}) by {@code splitDepth} of it and by {@code minDip}: at the finer scale alone a flat cell's edge
	 * can seed a ring of blobs, but not one with its own hill and a valley between (session 27: crowded 12000-12059
	 * found 98.75 % -> 99.21 %, extra 0.34 -> 0.29 %; 10400-10459 99.29 -> 99.42 %; 7000-7019 and hard 100-119
	 * unchanged; real F1 DSB2018 0.797, BBBC039 0.913 -> 0.912, stage 1 0.719 -> 0.720, tissue 0.629; without the
	 * finer-scale condition the texture valleys of BBBC039's nuclei split them, F1 0.907). A merged object keeps, of the
	 * dimmer part, only the pixels above the brighter part's cut level (a shoulder of haze does not enlarge a cell).
	 *
	 * @param seeds each object's seed pixel (object {@code k} grew from {@code seeds[k - 1]})
	 * @param cellArea the typical cell's area, px^2
	 */
	private static int[] merge(int[] labels, float[] peak, float[] level, float[] seedZ, Map<Long, float[]> contacts,
		double splitDepth, double minDip, float[] g, int[] seeds, int width, double cellArea)
	{
		int count = peak.length - 1;
		int[] rootArea = new int[count + 1];
		for (int l : labels)
			rootArea[l]++;
		int[] parent = new int[count + 1];
		for (int i = 0; i <= count; i++)
			parent[i] = i;
		float[] rootPeak = peak.clone(), rootLevel = level.clone(), rootZ = seedZ.clone();
		// each group's hill top: the highest of its parts' (hillTops)
		float[] rootTop = hillTops(labels, g, width, peak);
		List<Map.Entry<Long, float[]>> edges = new ArrayList<>(contacts.entrySet());
		// strongest blob-ness connection first, so a weak seed between two cells joins the cell it belongs to before
		// it can bridge them (the criterion is then the dynamics of the blob-ness landscape)
		edges.sort((a, b) -> {
			int c = Float.compare(b.getValue()[1], a.getValue()[1]);
			return c != 0 ? c : Long.compare(a.getKey(), b.getKey());
		});
		boolean[] shoulder = new boolean[count + 1];
		float[] shoulderLevel = new float[count + 1];
		for (Map.Entry<Long, float[]> e : edges) {
			float saddle = e.getValue()[0], zContact = e.getValue()[1];
			int ia = (int) (e.getKey() >>> 32), ib = (int) (long) e.getKey();
			int a = find(parent, ia), b = find(parent, ib);
			if (a == b) continue;
			float lo = Math.min(rootPeak[a], rootPeak[b]), hi = Math.max(rootPeak[a], rootPeak[b]);
			float top = Math.min(rootTop[a], rootTop[b]);
			double dip = lo - saddle;
			if (dip >= splitDepth * lo && dip >= minDip) continue; // an intensity valley: two cells
			// two blobs at the finer scale with an intensity valley below the lower of their hill tops: two cells
			// (hillTops: the seed's neighbourhood can miss a cell's top)
			if (zContact < BLOB_SPLIT && top - saddle >= splitDepth * top && top - saddle >= minDip) continue;
			// two blobs are two cells, unless the dimmer is so much dimmer that it is the brighter one's halo
			// two blobs are two cells: two of similar brightness must be two blobs at the cell scale (a flat cell's
			// sharp edge seeds a ring of maxima at the finer scale); a dimmer cell against a brighter one need only be
			// a blob of its own at the finer scale, unless it is so much dimmer that it is the brighter one's halo
			float passCell = e.getValue()[2];
			boolean peers = lo >= PEER_RATIO * hi;
			if (peers ? passCell < BLOB_SPLIT : zContact < BLOB_SPLIT && lo >= HALO_RATIO * hi) continue;
			if (peers && zContact < PEER_VALLEY && dip >= PEER_DIP * splitDepth * lo && dip >= minDip &&
				parted(labels, parent, a, b, rootArea, seeds[ia - 1], seeds[ib - 1], width, cellArea)) continue;
			int big = rootPeak[a] >= rootPeak[b] ? a : b, small = big == a ? b : a;
			shoulder[small] = true;
			shoulderLevel[small] = rootLevel[big];
			parent[small] = big;
			rootPeak[big] = hi;
			rootTop[big] = Math.max(rootTop[a], rootTop[b]);
			rootLevel[big] = Math.max(rootLevel[a], rootLevel[b]);
			rootZ[big] = Math.max(rootZ[a], rootZ[b]);
			rootArea[big] = rootArea[a] + rootArea[b];
		}
		int[] out = new int[labels.length];
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i];
			if (l == 0) continue;
			// walk up: a shoulder anywhere on the way drops pixels below its adopted level
			boolean keep = true;
			int r = l;
			while (parent[r] != r) {
				if (shoulder[r] && g[i] < shoulderLevel[r]) keep = false;
				r = parent[r];
			}
			out[i] = keep ? r : 0;
		}
		return out;
	}

	/**
	 * The hill top of each object: its highest local maximum of the image. A seed is a maximum of the blob-ness, which
	 * sits at the centre of a cell's shape (or, at the finer scale, near a curved stretch of its outline, often beside the
	 * neighbour it touches), while the cell's brightest point is where it is thickest or its nucleus lies, up to about
	 * a radius away; the peak near the seed ({@code grow}: within d / 4) then lies barely above the pass to the
	 * neighbour, and two touching cells of similar brightness look like one hill. A local maximum, not the object's
	 * brightest pixel: a dim cell's object can reach up a brighter neighbour's blurred flank, which rises to the contact
	 * and is no maximum. Measured (session 27, crowded 12000-12059): of the 30 cells missed, 20 were merged with a peer
	 * whose valley was 0.10-0.27 of the hill top but under 0.1 of the seed's peak.
	 *
	 * @param floor per object, the least value returned (the seed's peak)
	 * @return per object of {@code labels} (ids 1..n), its highest local maximum of {@code g} (no 8-neighbour higher,
	 *         {@link #isLocalMax}), but at least {@code floor} of it; {@code floor} where it has none
	 */
	static float[] hillTops(int[] labels, float[] g, int width, float[] floor) {
		int height = labels.length / width;
		float[] top = floor.clone();
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i];
			if (l != 0 && g[i] > top[l] && isLocalMax(g, i, width, height)) top[l] = g[i];
		}
		return top;
	}

	/**
	 * Whether groups {@code a} and {@code b} (roots of {@code parent}) have the size and shape of two touching cells:
	 * each at least {@value #PEER_PART_AREA} and together at least {@value #PEER_PAIR_AREA} typical cell areas, and
	 * pinched between their seeds {@code p} and {@code q} ({@link #neck} at most {@value #PEER_NECK}). A single cell of
	 * about a cell's size with two maxima, or a large convex nucleus, is neither.
	 */
	private static boolean parted(int[] labels, int[] parent, int a, int b, int[] rootArea, int p, int q, int width,
		double cellArea)
	{
		int small = Math.min(rootArea[a], rootArea[b]), total = rootArea[a] + rootArea[b];
		return small >= PEER_PART_AREA * cellArea && total >= PEER_PAIR_AREA * cellArea &&
			neck(labels, parent, a, b, p, q, width, labels.length / width) <= PEER_NECK;
	}

	/**
	 * How much narrower the union of groups {@code a} and {@code b} (roots of {@code parent}) is between pixels
	 * {@code p} and {@code q} than at them: the union's width across the line from {@code p} to {@code q} at each step
	 * along it; the narrowest width over the middle half of the line divided by the smaller of the widest widths of
	 * its two halves. NaN when the points are under 4 px apart (nothing to measure).
	 */
	private static double neck(int[] labels, int[] parent, int a, int b, int p, int q, int width, int height) {
		int x0 = p % width, y0 = p / width, x1 = q % width, y1 = q / width;
		int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
		if (steps < 4) return Double.NaN;
		double len = Math.hypot(x1 - x0, y1 - y0), nx = -(y1 - y0) / len, ny = (x1 - x0) / len;
		double narrowest = Double.POSITIVE_INFINITY, widestA = 0, widestB = 0;
		for (int k = 0; k <= steps; k++) {
			double cx = x0 + (x1 - x0) * (double) k / steps, cy = y0 + (y1 - y0) * (double) k / steps;
			int across = 1;
			for (int side = -1; side <= 1; side += 2)
				for (int t = 1;; t++) {
					int x = (int) Math.round(cx + side * t * nx), y = (int) Math.round(cy + side * t * ny);
					if (x < 0 || y < 0 || x >= width || y >= height) break;
					int r = labels[y * width + x];
					if (r == 0) break;
					// the root without find()'s path halving: merge() reads the chains of shoulders afterwards
					while (parent[r] != r)
						r = parent[r];
					if (r != a && r != b) break;
					across++;
				}
			if (4 * k >= steps && 4 * k <= 3 * steps) narrowest = Math.min(narrowest, across);
			if (2 * k <= steps) widestA = Math.max(widestA, across);
			if (2 * k >= steps) widestB = Math.max(widestB, across);
		}
		return narrowest / Math.min(widestA, widestB);
	}

	/**
	 * Splits objects that are two or more round parts joined by a neck, as touching cells of equal brightness are
	 * (no intensity valley, one blob at the cell scale): the distance transform of each object (objects kept apart by
	 * a one-pixel border) is flooded from its local maxima, and two parts stay apart when the distance at the neck is
	 * below the smaller part's largest distance by {@code fraction} of it (and by at least 1 px). A lobed or elongated
	 * cell has no such neck and stays whole. {@code fraction} 0 splits nothing.
	 */
	static int[] splitByShape(int[] labels, int width, int height, double fraction) {
		if (fraction <= 0) return labels;
		int n = labels.length;
		boolean[] fg = new boolean[n];
		for (int i = 0; i < n; i++) {
			int l = labels[i];
			if (l == 0) continue;
			int x = i % width, y = i / width;
			boolean border = (x > 0 && labels[i - 1] != l && labels[i - 1] != 0) || (x + 1 < width && labels[i + 1] != l &&
				labels[i + 1] != 0) || (y > 0 && labels[i - width] != l && labels[i - width] != 0) || (y + 1 < height &&
					labels[i + width] != l && labels[i + width] != 0);
			fg[i] = !border;
		}
		float[] dist = Morphology.distanceTransform(fg, width, height);
		int[] part = new int[n];
		int parts = 0;
		List<Float> peaks = new ArrayList<>();
		peaks.add(0f);
		LongHeap heap = new LongHeap();
		for (int i = 0; i < n; i++)
			if (dist[i] > 0 && isLocalMax(dist, i, width, height)) {
				part[i] = ++parts;
				peaks.add(dist[i]);
			}
		byte[] queued = new byte[n];
		for (int i = 0; i < n; i++)
			if (part[i] > 0) pushSameObject(dist, labels, part, queued, heap, i, i % width, i / width, width, height);
		Map<Long, Float> necks = new HashMap<>();
		long stride = parts + 1L;
		while (!heap.isEmpty()) {
			int p = LongHeap.index(heap.poll());
			if (part[p] != 0) continue;
			int x = p % width, y = p / width, best = 0;
			float bestD = -1;
			for (int k = 0; k < 4; k++) {
				int q = neighbour(k, p, x, y, width, height);
				if (q < 0) continue;
				if (part[q] > 0 && labels[q] == labels[p] && dist[q] > bestD) {
					bestD = dist[q];
					best = part[q];
				}
			}
			if (best == 0) continue;
			part[p] = best;
			for (int k = 0; k < 4; k++) {
				int q = neighbour(k, p, x, y, width, height);
				if (q < 0) continue;
				int o = part[q];
				// the pair's key min * stride + max: ordered as (min, max), and unlike min << 32 | max, whose Long hash is
				// min ^ max, hashed without collisions between pairs
				if (o > 0 && o != best && labels[q] == labels[p]) necks.putIfAbsent(Math.min(o, best) * stride + Math.max(o,
					best), dist[p]);
			}
			pushSameObject(dist, labels, part, queued, heap, p, x, y, width, height);
		}
		int[] parent = new int[parts + 1];
		float[] top = new float[parts + 1];
		for (int i = 0; i <= parts; i++) {
			parent[i] = i;
			top[i] = peaks.get(i);
		}
		List<Map.Entry<Long, Float>> edges = new ArrayList<>(necks.entrySet());
		edges.sort((a, b) -> {
			int c = Float.compare(b.getValue(), a.getValue());
			return c != 0 ? c : Long.compare(a.getKey(), b.getKey());
		});
		for (Map.Entry<Long, Float> e : edges) {
			int a = find(parent, (int) (e.getKey() / stride)), b = find(parent, (int) (e.getKey() % stride));
			if (a == b) continue;
			float lo = Math.min(top[a], top[b]);
			if (lo - e.getValue() >= Math.max(fraction * lo, 1)) continue; // a neck: two cells
			int big = top[a] >= top[b] ? a : b;
			parent[a == big ? b : a] = big;
		}
		// pixels the flood did not reach (the one-pixel borders) keep their object, joined to a neighbouring part
		int[] out = new int[n];
		for (int i = 0; i < n; i++)
			if (part[i] > 0) out[i] = find(parent, part[i]);
		for (int i = 0; i < n; i++) {
			if (labels[i] == 0 || out[i] != 0) continue;
			int x = i % width, y = i / width;
			for (int k = 0; k < 4 && out[i] == 0; k++) {
				int q = neighbour(k, i, x, y, width, height);
				if (q < 0) continue;
				if (labels[q] == labels[i] && part[q] > 0) out[i] = find(parent, part[q]);
			}
			if (out[i] == 0) out[i] = parts + labels[i]; // a sliver without a part: its own id
		}
		return out;
	}

	/**
	 * Gives back to a cell the pieces cut off its rim: an object whose outline touches one brighter object along more
	 * than {@code contact} of its length is that object's rim (a seed on a cell's edge), not a cell pressed against it,
	 * whose outline is mostly free or shared among several neighbours.
	 */
	static int[] mergeRims(int[] labels, float[] g, int width, int height, double contact) {
		int[] dense = Labels.renumberRaster(labels, width, height);
		int n = maxId(dense);
		if (n < 2) return dense;
		float[] peak = peaks(dense, g, n);
		long[] outline = new long[n + 1];
		Map<Long, Integer> shared = new HashMap<>();
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int p = y * width + x, a = dense[p];
				if (a == 0) continue;
				for (int k = 0; k < 4; k++) {
					int nx = x + (k == 0 ? -1 : k == 1 ? 1 : 0), ny = y + (k == 2 ? -1 : k == 3 ? 1 : 0);
					int b = nx < 0 || ny < 0 || nx >= width || ny >= height ? 0 : dense[ny * width + nx];
					if (b == a) continue;
					outline[a]++;
					if (b != 0) shared.merge(((long) a << 32) | b, 1, Integer::sum);
				}
			}
		int[] into = new int[n + 1];
		for (Map.Entry<Long, Integer> e : shared.entrySet()) {
			int a = (int) (e.getKey() >>> 32), b = (int) (long) e.getKey();
			if (peak[b] > peak[a] && e.getValue() > contact * outline[a] && (into[a] == 0 || b < into[a])) into[a] = b;
		}
		int[] out = dense.clone();
		for (int i = 0; i < out.length; i++) {
			int a = out[i];
			if (a == 0) continue;
			// follow chains (a rim of a rim) to the object that is no one's rim
			for (int guard = 0; into[a] != 0 && guard < n; guard++)
				a = into[a];
			out[i] = a;
		}
		return out;
	}

	/**
	 * Removes the slivers: objects that touch another object and whose widest point is narrower than about twice
	 * {@code minHalfWidth} (the largest distance from a pixel with no differently labelled 4-neighbour to one that has one
	 * stays below it). A thin object on its own is left to the acceptance criteria, which report it.
	 */
	static int[] dropSlivers(int[] labels, int width, int height, float minHalfWidth) {
		int[] dense = Labels.renumberRaster(labels, width, height);
		int n = maxId(dense);
		if (n < 2 || !(minHalfWidth > 0)) return dense;
		boolean[] inner = new boolean[dense.length], touches = new boolean[n + 1];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int p = y * width + x, a = dense[p];
				if (a == 0) continue;
				boolean in = true;
				for (int k = 0; k < 4; k++) {
					int nx = x + (k == 0 ? -1 : k == 1 ? 1 : 0), ny = y + (k == 2 ? -1 : k == 3 ? 1 : 0);
					if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
					int b = dense[ny * width + nx];
					if (b == a) continue;
					in = false;
					if (b != 0) touches[a] = true;
				}
				inner[p] = in;
			}
		// an object is wide where an inner pixel lies at least minHalfWidth from every other pixel and from outside
		// the frame (the distance transform of the inner pixels reaching minHalfWidth there, at its float precision):
		// beyond the dilation of the other pixels by just under minHalfWidth, a few rows each, where the transform
		// would cost two passes over the frame
		boolean[] rest = new boolean[dense.length];
		for (int i = 0; i < rest.length; i++)
			rest[i] = !inner[i];
		boolean[] near = Morphology.dilate(rest, width, height, Math.nextDown(minHalfWidth));
		boolean[] wide = new boolean[n + 1];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int i = y * width + x;
				if (inner[i] && !near[i] && Math.min(Math.min(x + 1, width - x), Math.min(y + 1, height - y)) >=
					minHalfWidth) wide[dense[i]] = true;
			}
		int[] out = dense.clone();
		for (int i = 0; i < out.length; i++)
			if (out[i] > 0 && touches[out[i]] && !wide[out[i]]) out[i] = 0;
		return out;
	}

	/**
	 * Joins the pieces of one cell that seeding, merging or the shape split left as objects of their own (a cell of two
	 * seeds whose blob-ness parted them, a lobe cut off a cell squeezed between its neighbours). Two touching objects of
	 * similar brightness (the dimmer peak at least {@value #PEER_RATIO} of the brighter) between which the intensity
	 * does not dip (the highest pass on their shared outline less than {@code splitDepth} of the dimmer peak below it;
	 * unlike {@code merge}, a dip hidden in the noise does not count as none: joining asks for the evidence that there
	 * is no valley) are one cell, unless they have the size of two cells (each at least {@value #PEER_PART_AREA} and
	 * together at least {@value #PEER_PAIR_AREA} typical cell areas, as in {@link #parted}) and each has an intensity
	 * maximum of its own. A part whose brightest pixel lies on the shared outline is the flank of its neighbour's
	 * hill, whatever its size, as long as the two are not more than {@value #FLANK_UNION_AREA} cell areas together.
	 * Pairs are joined weakest valley first, areas adding up as they join. Measured on the tuning seeds (session 23):
	 * crowded extra objects 0.25-1.75 % -> 0-0.88 % and found cells 98.50-99.88 % -> 98.88-99.88 %; hard extra
	 * 3.2-4.3 % -> 1.3-2.2 % (found +0.1 to +0.5 points, hard 9700-9719 one cell fewer); real pooled F1 DSB2018
	 * 0.769 -> 0.768, BBBC039 0.901 -> 0.907, DSB2018 stage 1 0.661 -> 0.670.
	 *
	 * @param cellArea the typical cell's area, px^2
	 */
	static int[] joinFragments(int[] labels, float[] g, int width, int height, double splitDepth, double cellArea) {
		int[] dense = Labels.renumberRaster(labels, width, height);
		int n = maxId(dense);
		if (n < 2) return dense;
		float[] peak = peaks(dense, g, n);
		int[] area = new int[n + 1];
		// the pass between two objects: the highest of the lower intensities of two 4-neighbours across their outline
		// (each pixel with its right and lower neighbour), and the length of their shared outline, px
		Map<Long, Float> pass = new HashMap<>();
		Map<Long, Integer> contact = new HashMap<>();
		for (int p = 0; p < dense.length; p++) {
			int a = dense[p];
			if (a == 0) continue;
			area[a]++;
			for (int k = 0; k < 2; k++) {
				int q = k == 0 ? (p % width + 1 < width ? p + 1 : -1) : (p + width < dense.length ? p + width : -1);
				if (q < 0 || dense[q] == 0 || dense[q] == a) continue;
				int b = dense[q];
				long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
				pass.merge(key, Math.min(g[p], g[q]), Math::max);
				contact.merge(key, 1, Integer::sum);
			}
		}
		List<Map.Entry<Long, Float>> edges = new ArrayList<>(pass.entrySet());
		// the weakest valley (relative to the dimmer peak) first: a cell's pieces join before a piece bridges two cells
		edges.sort((u, v) -> {
			int c = Double.compare(relativeDip(peak, u), relativeDip(peak, v));
			return c != 0 ? c : Long.compare(u.getKey(), v.getKey());
		});
		int[] parent = new int[n + 1];
		for (int i = 0; i <= n; i++)
			parent[i] = i;
		int[][] hull = hulls(dense, width, n);
		boolean joined = false;
		for (Map.Entry<Long, Float> e : edges) {
			int a = find(parent, (int) (e.getKey() >>> 32)), b = find(parent, (int) (long) e.getKey());
			if (a == b) continue;
			float lo = Math.min(peak[a], peak[b]), hi = Math.max(peak[a], peak[b]);
			double dip = lo - e.getValue();
			if (lo < PEER_RATIO * hi) continue; // not peers: two cells
			int total = area[a] + area[b];
			int[] union = convexHull(concat(hull[a], hull[b]));
			if (dip >= splitDepth * lo) {
				// a valley: two cells, unless it is shallow and runs through one convex outline (texture)
				// the parts' hulls overlap by more than a strip of INTERLOCK_PX along their contact: more than the
				// steps of a pixel outline along the straight line where two convex cells meet
				double overlap = hullArea(hull[a]) + hullArea(hull[b]) - hullArea(union);
				if (dip >= CONVEX_DIP * splitDepth * lo || total > FLANK_UNION_AREA * cellArea || overlap <= INTERLOCK_PX *
					contact.get(e.getKey())) continue;
			}
			else {
				boolean twoCells = Math.min(area[a], area[b]) >= PEER_PART_AREA * cellArea && total >= PEER_PAIR_AREA *
					cellArea;
				boolean flank = dip <= 0 && total <= FLANK_UNION_AREA * cellArea;
				if (twoCells && !flank) continue;
			}
			int big = peak[a] >= peak[b] ? a : b;
			parent[big == a ? b : a] = big;
			area[big] = total;
			hull[big] = union;
			joined = true;
		}
		if (!joined) return dense;
		for (int i = 0; i < dense.length; i++)
			if (dense[i] > 0) dense[i] = find(parent, dense[i]);
		return dense;
	}

	/**
	 * Moves every object's outline inwards to its edge: to the level, between its lowest pixel and {@code maxFraction}
	 * of its peak in steps of {@value #SNAP_STEP} of the peak, at which the mean gradient magnitude of {@code g} along
	 * its free outline (its pixels at or above the level with a 4-neighbour below it or in the background) is highest.
	 * A nucleus's boundary is where its intensity changes fastest (the half level of a blurred step); a cut at a fixed
	 * fraction of the peak, or at a knee, lies outside it where it sits in the glow of out-of-focus light (a tissue
	 * section) and takes the glow into its outline. The object never grows; its pixels below the chosen level become
	 * background, and where that parts the object, each 4-connected piece is an object of its own (nuclei one glow
	 * joined).
	 *
	 * @param g the smoothed, background-subtracted image
	 * @param maxFraction the highest level tried, as a fraction of the object's peak
	 */
	static int[] snapToEdges(int[] labels, float[] g, int width, int height, double maxFraction) {
		int[] dense = Labels.renumberRaster(labels, width, height);
		int n = maxId(dense);
		if (n == 0) return dense;
		float[] peak = peaks(dense, g, n), low = new float[n + 1];
		Arrays.fill(low, Float.POSITIVE_INFINITY);
		int[] start = new int[n + 2];
		for (int p = 0; p < dense.length; p++)
			if (dense[p] > 0) {
				low[dense[p]] = Math.min(low[dense[p]], g[p]);
				start[dense[p] + 1]++;
			}
		// each object's pixels, grouped
		for (int l = 1; l <= n; l++)
			start[l + 1] += start[l];
		int[] at = start.clone(), pix = new int[start[n + 1]];
		for (int p = 0; p < dense.length; p++)
			if (dense[p] > 0) pix[at[dense[p]]++] = p;
		float[] steep = negativeGradient(g, width, height);
		float[] cut = new float[n + 1];
		for (int l = 1; l <= n; l++) {
			cut[l] = Float.NEGATIVE_INFINITY;
			if (!(peak[l] > 0)) continue;
			float step = (float) (SNAP_STEP * peak[l]);
			// capped: an object whose lowest pixel lies far below zero (a filled hole in a noisy field) would otherwise
			// try billions of levels; its outline is then chosen among the levels up from its lowest
			int levels = (int) Math.max(0, Math.min(MAX_SNAP_LEVELS, Math.floor((maxFraction * peak[l] - low[l]) /
				step)));
			// the steepest outline; the first of equals, the larger object
			double best = Double.NEGATIVE_INFINITY;
			for (int k = 0; k <= levels; k++) {
				float level = low[l] + k * step;
				double sum = 0;
				int m = 0;
				for (int i = start[l]; i < start[l + 1]; i++) {
					int p = pix[i];
					if (g[p] < level || !onOutline(dense, g, p, l, level, width, height)) continue;
					sum -= steep[p];
					m++;
				}
				if (m == 0) break;
				if (sum / m > best) {
					best = sum / m;
					cut[l] = level;
				}
			}
		}
		int[] out = new int[dense.length];
		for (int p = 0; p < dense.length; p++)
			if (dense[p] > 0 && g[p] >= cut[dense[p]]) out[p] = dense[p];
		return splitComponents(out, width, height);
	}

	/**
	 * @return whether pixel {@code p} of object {@code l} has a 4-neighbour in the background or of {@code l} below
	 *         {@code level}
	 */
	private static boolean onOutline(int[] dense, float[] g, int p, int l, float level, int width, int height) {
		int x = p % width, y = p / width;
		for (int k = 0; k < 4; k++) {
			int q = neighbour(k, p, x, y, width, height);
			if (q >= 0 && (dense[q] == 0 || dense[q] == l && g[q] < level)) return true;
		}
		return false;
	}

	/** @return the labels with every 4-connected piece of an object an object of its own (ids in raster order) */
	static int[] splitComponents(int[] labels, int width, int height) {
		int[] out = new int[labels.length], stack = new int[labels.length];
		int next = 0;
		for (int p0 = 0; p0 < labels.length; p0++) {
			if (labels[p0] == 0 || out[p0] != 0) continue;
			int l = labels[p0], top = 0;
			out[p0] = ++next;
			stack[top++] = p0;
			while (top > 0) {
				int p = stack[--top], x = p % width, y = p / width;
				for (int k = 0; k < 4; k++) {
					int q = neighbour(k, p, x, y, width, height);
					if (q >= 0 && labels[q] == l && out[q] == 0) {
						out[q] = next;
						stack[top++] = q;
					}
				}
			}
		}
		return out;
	}

	/**
	 * @return per object of {@code dense} (ids 1..n), the convex hull of its pixels' squares ({@link #convexHull}): of
	 *         the outer corners of each run of its pixels along a row
	 */
	static int[][] hulls(int[] dense, int width, int n) {
		int[][] corners = new int[n + 1][];
		int[] count = new int[n + 1];
		for (int p = 0; p < dense.length; p++) {
			int a = dense[p], x = p % width, y = p / width;
			if (a == 0 || (x > 0 && dense[p - 1] == a)) continue; // not the start of a run
			int end = x;
			while (end + 1 < width && dense[p + end + 1 - x] == a)
				end++;
			if (corners[a] == null) corners[a] = new int[64];
			if (count[a] + 8 > corners[a].length) corners[a] = Arrays.copyOf(corners[a], 2 * corners[a].length);
			int[] c = corners[a];
			int k = count[a];
			for (int cy = y; cy <= y + 1; cy++) {
				c[k++] = x;
				c[k++] = cy;
				c[k++] = end + 1;
				c[k++] = cy;
			}
			count[a] = k;
		}
		int[][] hull = new int[n + 1][];
		for (int a = 1; a <= n; a++)
			hull[a] = corners[a] == null ? new int[0] : convexHull(Arrays.copyOf(corners[a], count[a]));
		return hull;
	}

	/**
	 * The convex hull of points of whole, non-negative coordinates (monotone chain).
	 *
	 * @param xy the points, x and y interleaved
	 * @return the hull's corners, counter-clockwise, x and y interleaved
	 */
	static int[] convexHull(int[] xy) {
		int n = xy.length / 2;
		long[] sorted = new long[n];
		for (int k = 0; k < n; k++)
			sorted[k] = (long) xy[2 * k] << 32 | xy[2 * k + 1];
		Arrays.sort(sorted);
		if (n < 3) return xy.clone();
		long[] chain = new long[2 * n];
		int m = 0;
		for (int k = 0; k < n; k++) { // the lower chain, left to right
			while (m >= 2 && turn(chain[m - 2], chain[m - 1], sorted[k]) <= 0)
				m--;
			chain[m++] = sorted[k];
		}
		for (int k = n - 2, lower = m + 1; k >= 0; k--) { // the upper chain, right to left
			while (m >= lower && turn(chain[m - 2], chain[m - 1], sorted[k]) <= 0)
				m--;
			chain[m++] = sorted[k];
		}
		m--; // the first point closes the upper chain
		int[] out = new int[2 * Math.max(0, m)];
		for (int k = 0; k < m; k++) {
			out[2 * k] = (int) (chain[k] >>> 32);
			out[2 * k + 1] = (int) chain[k];
		}
		return out;
	}

	/** The cross product (b - o) x (p - o) of packed points (x in the high, y in the low 32 bits): > 0 a left turn. */
	private static long turn(long o, long b, long p) {
		long ox = o >>> 32, oy = (int) o, bx = b >>> 32, by = (int) b, px = p >>> 32, py = (int) p;
		return (bx - ox) * (py - oy) - (by - oy) * (px - ox);
	}

	/** @return the area of a polygon (corners x, y interleaved, in order), px^2 */
	static double hullArea(int[] xy) {
		long twice = 0;
		for (int k = 0, n = xy.length / 2; k < n; k++) {
			int j = (k + 1) % n;
			twice += (long) xy[2 * k] * xy[2 * j + 1] - (long) xy[2 * j] * xy[2 * k + 1];
		}
		return Math.abs(twice) / 2.0;
	}

	private static int[] concat(int[] a, int[] b) {
		int[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	/** @return the highest id in {@code dense} (0 when it has no object) */
	private static int maxId(int[] dense) {
		int n = 0;
		for (int v : dense)
			n = Math.max(n, v);
		return n;
	}

	/** @return the highest {@code g} of each object of {@code dense} (ids 1..n), minus infinity for an empty id */
	private static float[] peaks(int[] dense, float[] g, int n) {
		float[] peak = new float[n + 1];
		Arrays.fill(peak, Float.NEGATIVE_INFINITY);
		for (int i = 0; i < dense.length; i++)
			if (dense[i] > 0) peak[dense[i]] = Math.max(peak[dense[i]], g[i]);
		return peak;
	}

	/** The dip of the pass {@code e} below the dimmer of its two objects' peaks, relative to that peak. */
	private static double relativeDip(float[] peak, Map.Entry<Long, Float> e) {
		float lo = Math.min(peak[(int) (e.getKey() >>> 32)], peak[(int) (long) e.getKey()]);
		return (lo - e.getValue()) / lo;
	}

	private static void pushSameObject(float[] dist, int[] labels, int[] part, byte[] queued, LongHeap heap, int p,
		int x, int y, int width, int height)
	{
		for (int k = 0; k < 4; k++) {
			int q = neighbour(k, p, x, y, width, height);
			if (q < 0) continue;
			if (labels[q] == labels[p] && part[q] == 0 && queued[q] == 0 && dist[q] > 0) {
				queued[q] = 1;
				heap.add(LongHeap.key(dist[q], q));
			}
		}
	}

	private static int find(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

	/**
	 * Fills holes: background regions (4-connected) not touching the border whose every outside neighbour belongs to
	 * one object become part of it.
	 */
	static int[] fillHoles(int[] labels, int width, int height) {
		boolean[] bgMask = new boolean[labels.length];
		for (int i = 0; i < labels.length; i++)
			bgMask[i] = labels[i] == 0;
		int[] holes = Morphology.connectedComponents(bgMask, width, height, false);
		int max = 0;
		for (int h : holes)
			max = Math.max(max, h);
		int[] owner = new int[max + 1]; // 0 unseen, -1 several owners or border
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int i = y * width + x, h = holes[i];
				if (h == 0) continue;
				if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
					owner[h] = -1;
					continue;
				}
				for (int k = 0; k < 4; k++) {
					int j = k == 0 ? i - 1 : k == 1 ? i + 1 : k == 2 ? i - width : i + width;
					int l = labels[j];
					if (l == 0 || owner[h] == -1) continue;
					if (owner[h] == 0) owner[h] = l;
					else if (owner[h] != l) owner[h] = -1;
				}
			}
		int[] out = labels.clone();
		for (int i = 0; i < out.length; i++)
			if (holes[i] > 0 && owner[holes[i]] > 0) out[i] = owner[holes[i]];
		return out;
	}

	/** @return the width, px, of the edge bands that measure an object's sharpness when judged at scale {@code d} px */
	static double edgeBandPx(double d) {
		return Math.max(EDGE_BAND_PX, EDGE_BAND_SCALE * d);
	}

	/**
	 * Measures every object against its ring and splits them into cells and rejected objects (size, border and, when
	 * {@code contrastCriteria}, contrast to noise and to the surround's texture).
	 *
	 * @param sub the image minus its background
	 * @param d the cell diameter, pixels (sets the ring's width)
	 * @param sigma the pixel noise SD of {@code sub}
	 */
	static Segmentation accept(int[] labels, float[] sub, boolean[] finite, int width, int height, double d,
		double sigma, SegmentationSettings s, boolean contrastCriteria, boolean estimated, float[] bg)
	{
		return accept(labels, sub, finite, width, height, d, sigma, null, s, contrastCriteria, estimated, bg);
	}

	/**
	 * {@link #accept(int[], float[], boolean[], int, int, double, double, SegmentationSettings, boolean, boolean,
	 * float[])}, with the blob-ness {@code z} (null = none) that clears a soft and faint object of a clear blob
	 * ({@link #CLEAR_BLOB_Z}).
	 */
	static Segmentation accept(int[] labels, float[] sub, boolean[] finite, int width, int height, double d,
		double sigma, float[] z, SegmentationSettings s, boolean contrastCriteria, boolean estimated, float[] bg)
	{
		int[] dense = Labels.renumberRaster(labels, width, height);
		Labels objects = Labels.of(dense, width, height);
		int n = objects.count();
		// the domes (a distance transform of their own) on a worker beside the rings, bands and texture
		ForkJoinTask<double[]> domes = contrastCriteria && minSharpness(s) > 0 ? ForkJoinTask.adapt(() -> domes(dense, n,
			sub, finite, width, height)).fork() : null;
		boolean[] any = objects.mask();
		int gap = 2;
		double outer = gap + Math.max(2, Math.round(d / 4));
		// every pixel's nearest object and distance to it, and the object pixels within the edge band of unlabelled
		// pixels (a dilation of those by the band, a few rows each, in place of a second nearest-feature transform:
		// (float) sqrt of a whole squared distance is at most the band exactly when that distance is at most its
		// square)
		float[] toObject = new float[dense.length];
		int[] nearest = Morphology.nearestFeature(any, width, height, toObject);
		boolean[] free = new boolean[dense.length];
		for (int i = 0; i < free.length; i++)
			free[i] = !any[i];
		double edgeBand = edgeBandPx(d);
		boolean[] nearFree = Morphology.dilate(free, width, height, edgeBand);
		// the texture window leaves out a band of d / 3 around objects, where bright cells' blurred flanks would count
		double exclude = Math.max(gap, d / 3);
		boolean[] nearObject = new boolean[dense.length];
		for (int i = 0; i < nearObject.length; i++)
			nearObject[i] = toObject[i] <= exclude * exclude;
		float[] texture = localTexture(sub, nearObject, finite, width, height, d / 2, 2 * d);
		// the ring: unlabelled pixels more than gap and at most outer px from their nearest object; the edge bands:
		// edgeBand px either side of an object's free outline
		double[] ringSum = new double[n + 1], innerSum = new double[n + 1], outerSum = new double[n + 1];
		long[] ringN = new long[n + 1], innerN = new long[n + 1], outerN = new long[n + 1];
		double band2 = edgeBand * edgeBand, gap2 = gap * gap, outer2 = outer * outer;
		for (int i = 0; i < dense.length; i++) {
			if (!finite[i]) continue;
			int l = dense[i];
			if (l > 0) {
				if (nearFree[i]) {
					innerSum[l] += sub[i];
					innerN[l]++;
				}
				continue;
			}
			if (nearest[i] < 0) continue;
			int k = dense[nearest[i]];
			double d2 = toObject[i];
			if (d2 <= band2) {
				outerSum[k] += sub[i];
				outerN[k]++;
			}
			if (d2 > gap2 && d2 <= outer2) {
				ringSum[k] += sub[i];
				ringN[k]++;
			}
		}
		int[] cellOf = new int[n + 1], rejectedOf = new int[n + 1];
		List<Segmentation.ObjectStats> cells = new ArrayList<>(), rejected = new ArrayList<>();
		cells.add(null);
		rejected.add(null);
		double[] sum = new double[n + 1];
		long[] finiteArea = new long[n + 1];
		for (int i = 0; i < dense.length; i++)
			if (dense[i] > 0 && finite[i]) {
				sum[dense[i]] += sub[i];
				finiteArea[dense[i]]++;
			}
		Segmentation.ObjectStats[] stats = new Segmentation.ObjectStats[n + 1];
		double minSharpness = minSharpness(s);
		double[] dome = domes == null ? null : domes.join();
		float[] peakZ = z == null ? null : peaks(dense, z, n);
		boolean[] clearable = new boolean[n + 1];
		for (int id = 1; id <= n; id++) {
			double mean = finiteArea[id] == 0 ? Double.NaN : sum[id] / finiteArea[id];
			// without a free ring (dense tissue) the comparison is with the background itself
			double contrast = mean - (ringN[id] < 3 ? 0 : ringSum[id] / ringN[id]);
			// enclosed by other objects: no free edge to judge
			double sharpness = innerN[id] == 0 ? Double.POSITIVE_INFINITY : (innerSum[id] / innerN[id] - (outerN[id] ==
				0 ? 0 : outerSum[id] / outerN[id])) / mean;
			long area = objects.area(id);
			// structure beyond the pixel noise, which min_snr already weighs: in a flat, noisy field the texture
			// criterion must not become a stricter noise criterion
			double localSd = texture[(int) Math.round(objects.centroidY(id)) * width + (int) Math.round(objects
				.centroidX(id))];
			double textureSd = Math.sqrt(Math.max(0, localSd * localSd - sigma * sigma));
			// the frame cuts a border object's ring and outline: soft is judged more strictly there
			double soft = objects.touchesBorder(id) ? BORDER_SOFT : SOFT_FAINT;
			// a clear blob rejected for a soft edge may still be a cell (clearBlobs), if it has a dome: haze has none
			boolean hasDome = dome == null || !(dome[id] < MIN_DOME);
			String key = null, why = null;
			if (area < s.minAreaPx()) {
				key = SegmentationSettings.KEY_MIN_AREA_PX;
				why = "area " + area + " px < min_area_px " + s.minAreaPx();
			}
			else if (area > s.maxAreaPx()) {
				key = SegmentationSettings.KEY_MAX_AREA_PX;
				why = "area " + area + " px > max_area_px " + s.maxAreaPx();
			}
			else if (contrastCriteria && !(contrast >= s.minSnr() * sigma)) {
				key = SegmentationSettings.KEY_MIN_SNR;
				why = String.format(java.util.Locale.ROOT, "contrast %.3g < min_snr %.3g x pixel noise %.3g", contrast, s
					.minSnr(), sigma);
			}
			else if (contrastCriteria && !(contrast >= s.minTextureContrast() * textureSd)) {
				key = SegmentationSettings.KEY_MIN_TEXTURE_CONTRAST;
				why = String.format(java.util.Locale.ROOT, "contrast %.3g < min_texture_contrast %.3g x local " +
					"background SD %.3g", contrast, s.minTextureContrast(), textureSd);
			}
			else if (contrastCriteria && !(sharpness >= minSharpness)) {
				clearable[id] = sharpness >= CLEAR_BLOB_SHARPNESS * minSharpness && hasDome;
				key = SegmentationSettings.KEY_MIN_SHARPNESS;
				why = String.format(java.util.Locale.ROOT, "edge sharpness %.2f < %s: the step across its outline is a " +
					"small part of its height (out of focus or haze)", sharpness, sharpnessBar(s, 1));
			}
			else if (contrastCriteria && sharpness < soft * minSharpness && contrast < SOFT_FAINT * s
				.minTextureContrast() * textureSd) {
				clearable[id] = hasDome;
				key = SegmentationSettings.KEY_MIN_SHARPNESS;
				why = String.format(java.util.Locale.ROOT, "soft and faint: edge sharpness %.2f < %s " +
					"and contrast %.3g < %.0f x min_texture_contrast x local background SD %.3g (out-of-focus cell or " +
					"haze%s)", sharpness, sharpnessBar(s, soft), contrast, SOFT_FAINT, textureSd, soft == BORDER_SOFT
						? ", or background cut by the image border" : "");
			}
			else if (!hasDome) {
				key = SegmentationSettings.KEY_MIN_SHARPNESS;
				why = String.format(java.util.Locale.ROOT, "no dome: its inner half %.3g x its mean height, dimmer than " +
					"its rim (the glow or halo of its neighbours, or a sheet of haze)", dome[id]);
			}
			else if (s.dropBorderCells() && objects.touchesBorder(id)) {
				key = SegmentationSettings.KEY_BORDER;
				why = BORDER_REASON;
			}
			stats[id] = new Segmentation.ObjectStats(mean, contrast, textureSd, sharpness, sigma > 0 ? mean / sigma
				: Double.POSITIVE_INFINITY, area, key, why);
		}
		if (peakZ != null) clearBlobs(stats, clearable, peakZ, s, objects);
		if (contrastCriteria && s.tissue()) rejectOutOfFocus(stats);
		for (int id = 1; id <= n; id++) {
			Segmentation.ObjectStats st = stats[id];
			if (st.rejectedBy == null) {
				cells.add(st);
				cellOf[id] = cells.size() - 1;
			}
			else {
				rejected.add(st);
				rejectedOf[id] = rejected.size() - 1;
			}
		}
		int[] cellLabels = new int[dense.length], rejectedLabels = new int[dense.length];
		for (int i = 0; i < dense.length; i++) {
			cellLabels[i] = cellOf[dense[i]];
			rejectedLabels[i] = rejectedOf[dense[i]];
		}
		// ids follow raster order of objects, which is also the raster order of the survivors of each kind
		return new Segmentation(Labels.of(cellLabels, width, height), Labels.of(rejectedLabels, width, height), cells
			.toArray(new Segmentation.ObjectStats[0]), rejected.toArray(new Segmentation.ObjectStats[0]), d, estimated,
			sigma, bg);
	}

	/**
	 * Every object's dome: the mean of its inner half (the pixels at least half its inscribed radius from its outline,
	 * where it meets the background or another object) over its mean, both above the background. A cell's light comes
	 * from within it, and the blur of its edge makes its middle brighter than its rim; a region whose middle is no
	 * brighter than its rim takes its light from beyond its outline: the blurred glow or halo of brighter neighbours, or
	 * a sheet of haze cut by the growth's level ({@link #MIN_DOME}).
	 *
	 * @param dense objects 1..n
	 * @return per object (index 0 unused); NaN for an object without finite pixels
	 */
	static double[] domes(int[] dense, int n, float[] sub, boolean[] finite, int width, int height) {
		boolean[] inner = new boolean[dense.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int i = y * width + x, l = dense[i];
				inner[i] = l > 0 && (x == 0 || dense[i - 1] == l) && (x == width - 1 || dense[i + 1] == l) && (y == 0 ||
					dense[i - width] == l) && (y == height - 1 || dense[i + width] == l);
			}
		// a pixel's distance to the nearest pixel outside its object: 1 on the outline, 1 more than the distance to the
		// outline inside
		float[] depth = Morphology.distanceTransform(inner, width, height);
		float[] radius = new float[n + 1];
		for (int i = 0; i < dense.length; i++)
			if (dense[i] > 0) {
				depth[i]++;
				radius[dense[i]] = Math.max(radius[dense[i]], depth[i]);
			}
		double[] all = new double[n + 1], core = new double[n + 1];
		long[] allN = new long[n + 1], coreN = new long[n + 1];
		for (int i = 0; i < dense.length; i++) {
			int l = dense[i];
			if (l == 0 || !finite[i]) continue;
			all[l] += sub[i];
			allN[l]++;
			if (depth[i] >= radius[l] / 2) {
				core[l] += sub[i];
				coreN[l]++;
			}
		}
		double[] dome = new double[n + 1];
		for (int l = 1; l <= n; l++)
			dome[l] = coreN[l] == 0 ? Double.NaN : core[l] / coreN[l] / (all[l] / allN[l]);
		return dome;
	}

	/**
	 * Accepts the objects rejected for a soft edge ({@code clearable}) that are clear blobs ({@link #CLEAR_BLOB_Z}), or
	 * rejects them as border cells when asked to.
	 */
	private static void clearBlobs(Segmentation.ObjectStats[] stats, boolean[] clearable, float[] peakZ,
		SegmentationSettings s, Labels objects)
	{
		double[] passing = new double[stats.length];
		int k = 0;
		for (int id = 1; id < stats.length; id++)
			if (passes(stats[id])) passing[k++] = peakZ[id];
		if (k == 0) return;
		double bar = Math.max(CLEAR_BLOB_Z * SEED_Z, CLEAR_BLOB_RATIO * Stats.median(passing, k));
		for (int id = 1; id < stats.length; id++) {
			if (!clearable[id] || !(peakZ[id] >= bar)) continue;
			Segmentation.ObjectStats st = stats[id];
			boolean border = s.dropBorderCells() && objects.touchesBorder(id);
			stats[id] = new Segmentation.ObjectStats(st.meanAboveBackground, st.contrastToRing, st.textureSd,
				st.sharpness, st.snr, st.areaPx, border ? SegmentationSettings.KEY_BORDER : null, border
					? BORDER_REASON : null);
		}
	}

	/** @return the edge sharpness acceptance asks for: {@code min_sharpness}, scaled in a tissue section */
	private static double minSharpness(SegmentationSettings s) {
		return s.tissue() ? TISSUE_SHARPNESS * s.minSharpness() : s.minSharpness();
	}

	/**
	 * @param factor the multiple of {@link #minSharpness} a criterion applies
	 * @return the effective sharpness bar of an acceptance criterion and how it derives from the setting, for the
	 *         reason given to the user
	 */
	private static String sharpnessBar(SegmentationSettings s, double factor) {
		String of = factor == 1 ? "" : String.format(java.util.Locale.ROOT, "%.1f x ", factor);
		return String.format(java.util.Locale.ROOT, "%.2f (%smin_sharpness %.2f%s)", factor * minSharpness(s), of, s
			.minSharpness(), s.tissue() ? String.format(java.util.Locale.ROOT, " x %.2g for specimen tissue",
				TISSUE_SHARPNESS) : "");
	}

	/**
	 * Rejects, in a tissue section, the objects that pass every other test but are much dimmer
	 * ({@value #TISSUE_MIN_HEIGHT} of the median height above the background) or much smaller ({@value #TISSUE_MIN_AREA}
	 * of the median area) than the median of those objects: out-of-focus nuclei from the section's depth and pieces of
	 * glow. On a dish every cell is in focus, however dim its dye, and none of this applies.
	 *
	 * @param stats per object (ids 1..n; index 0 unused), replaced where rejected
	 */
	private static void rejectOutOfFocus(Segmentation.ObjectStats[] stats) {
		double[] heights = new double[stats.length], areas = new double[stats.length];
		int m = 0;
		for (int id = 1; id < stats.length; id++)
			if (passes(stats[id])) {
				heights[m] = stats[id].meanAboveBackground;
				areas[m++] = stats[id].areaPx;
			}
		if (m == 0) return;
		double height = Stats.median(heights, m), area = Stats.median(areas, m);
		for (int id = 1; id < stats.length; id++) {
			Segmentation.ObjectStats st = stats[id];
			if (!passes(st)) continue;
			String why = null;
			if (st.meanAboveBackground < TISSUE_MIN_HEIGHT * height) why = String.format(java.util.Locale.ROOT,
				"height %.3g < %.2f x the median object's %.3g (specimen tissue: out of focus)", st.meanAboveBackground,
				TISSUE_MIN_HEIGHT, height);
			else if (st.areaPx < TISSUE_MIN_AREA * area) why = String.format(java.util.Locale.ROOT,
				"area %d px < %.2f x the median object's %.0f px (specimen tissue: a fragment)", st.areaPx,
				TISSUE_MIN_AREA, area);
			if (why != null) stats[id] = new Segmentation.ObjectStats(st.meanAboveBackground, st.contrastToRing,
				st.textureSd, st.sharpness, st.snr, st.areaPx, SegmentationSettings.KEY_SPECIMEN, why);
		}
	}

	private static boolean passes(Segmentation.ObjectStats st) {
		return st.rejectedBy == null;
	}

	/**
	 * The local texture: at every pixel the SD, over the background pixels (those {@code near} does not mark) in a
	 * Gaussian window of {@code scalePx}, of the background-subtracted image minus its local mean at the cell scale
	 * ({@code cellPx}): noise plus structure of cell size around the object, the level a real cell must stand out
	 * from. Broader variation (out-of-focus blobs, residual gradients) is left out.
	 */
	private static float[] localTexture(float[] sub, boolean[] near, boolean[] finite, int width, int height,
		double cellPx, double scalePx)
	{
		int n = sub.length;
		float[] m = new float[n], x = new float[n];
		for (int i = 0; i < n; i++)
			if (!near[i] && finite[i]) {
				m[i] = 1;
				x[i] = sub[i];
			}
		float[] mc = Morphology.gaussianFast(m, width, height, cellPx), xc = Morphology.gaussianFast(x, width, height,
			cellPx);
		float[] r2 = new float[n];
		for (int i = 0; i < n; i++)
			if (m[i] > 0 && mc[i] > 1e-3f) {
				float r = sub[i] - xc[i] / mc[i];
				r2[i] = r * r;
			}
		float[] mw = Morphology.gaussianFast(m, width, height, scalePx);
		r2 = Morphology.gaussianFast(r2, width, height, scalePx);
		float[] sd = new float[n];
		for (int i = 0; i < n; i++)
			sd[i] = mw[i] < 1e-3f ? 0 : (float) Math.sqrt(Math.max(0, r2[i] / mw[i]));
		return sd;
	}

}
