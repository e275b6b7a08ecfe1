package io.github.magratio.cli;

import com.google.gson.JsonObject;

import io.github.magratio.pipeline.PipelineSettings;

import picocli.CommandLine.Option;

/**
 * The segmentation options of {@code run} and {@code segment-eval}, each onto a {@link PipelineSettings} key (a picocli
 * mixin, so both commands spell them alike).
 */
final class SegmentationOptions {

	@Option(names = "--labels", paramLabel = "FILE", description = "Use this label image (0 = background) instead of automatic segmentation.")
	String labels;

	@Option(names = "--rois", paramLabel = "FILE", description = "Use this ImageJ ROI set (.zip or .roi) instead of automatic segmentation.")
	String rois;

	@Option(names = "--segmentation", paramLabel = "static|per-frame", description = "One mask from the time average (static, default) or the detector on every frame (per-frame; labels.tif becomes a T-stack).")
	String segmentation;

	@Option(names = "--segmentation-window", paramLabel = "FRAMES", description = "Per-frame segmentation: frames averaged around each frame, odd (default 1).")
	Integer segmentationWindow;

	@Option(names = "--drift-correction", paramLabel = "none|translation", description = "Static mask: none (default), or translation: the field's drift by phase correlation frame to frame, the mask found on the aligned time average and moved with the field.")
	String driftCorrection;

	@Option(names = "--tracking", paramLabel = "overlap", description = "Per-frame segmentation: how cells are linked into tracks (overlap, default: overlap after the field's drift, then distance, then gap closing; divisions and merges recorded).")
	String tracking;

	@Option(names = "--max-gap", paramLabel = "FRAMES", description = "Per-frame segmentation: frames a cell may be missing and still keep its track (default 2, 0 = no gap closing).")
	Integer maxGap;

	@Option(names = "--max-link-distance", paramLabel = "PX", description = "Per-frame segmentation: farthest link by distance, px (default: each track's cell diameter).")
	Double maxLinkDistance;

	@Option(names = "--tracks", paramLabel = "FILE", description = "Measure along the tracks of this TrackMate XML: its spots' outlines (or discs of their radius) are the cells of each frame.")
	String tracks;

	@Option(names = "--detector", paramLabel = "seeded|threshold", description = "seeded (default): each cell cut at a fraction of its own peak, dim and bright cells alike; threshold: one global auto-threshold and a distance-transform watershed (the method of MagRatio 0.1).")
	String detector;

	@Option(names = "--cell-diameter", paramLabel = "PX", description = "Typical cell diameter in px (seeded; default: estimated from the image).")
	Double cellDiameter;

	@Option(names = "--grow-fraction", paramLabel = "F", description = "Each cell is cut at this fraction of its own peak above the local background, or higher at the knee of its own profile (seeded, default 0.25).")
	Double growFraction;

	@Option(names = "--split-depth", paramLabel = "F", description = "Relative intensity dip that keeps two touching cells apart (seeded, default 0.1).")
	Double splitDepth;

	@Option(names = "--shape-split", paramLabel = "F", description = "Relative depth of a neck in an outline that splits it in two cells, 0 = never (seeded, default 0.2).")
	Double shapeSplit;

	@Option(names = "--min-snr", paramLabel = "SD", description = "Smallest contrast of a cell to its surround, in pixel-noise SDs (seeded, default 3).")
	Double minSnr;

	@Option(names = "--min-texture-contrast", paramLabel = "SD", description = "Smallest contrast of a cell to its surround, in SDs of the background's texture beyond noise (seeded, default 5).")
	Double minTextureContrast;

	@Option(names = "--min-sharpness", paramLabel = "F", description = "Smallest step across a cell's outline relative to its height: out-of-focus cells and haze fall below (seeded, default 0.2).")
	Double minSharpness;

	@Option(names = "--detect-background", paramLabel = "local|surface", description = "Background the seeded detector measures cells against: local (default; follows texture and uneven tissue) or surface (a polynomial, for flat dishes).")
	String detectBackground;

	@Option(names = "--specimen", paramLabel = "dish|tissue", description = "What the seeded detector looks at: dish (default; cells or nuclei on a flat dish or slide, each outline at the foot of its edge) or tissue (a section, whose in-focus nuclei stand in a glow of out-of-focus light: each outline moves to its steepest edge, objects below half the median height or a quarter of the median area are rejected as out of focus or fragments, and sharpness is judged against half of --min-sharpness).")
	String specimen;

	@Option(names = "--background-scale", paramLabel = "DIAMETERS", description = "Scale of the seeded detector's local background, in cell diameters (default 2).")
	Double backgroundScale;

	@Option(names = "--threshold", paramLabel = "METHOD", description = "ImageJ auto-threshold of the threshold detector: Default, Huang, Li, Otsu, Triangle, ... (default Otsu).")
	String threshold;

	@Option(names = "--smooth", paramLabel = "PX", description = "Gaussian sigma before detection, px (default 1).")
	Double smooth;

	@Option(names = "--flatten-degree", paramLabel = "N", description = "Degree of the illumination surface removed before detection, -1 = none (default 2).")
	Integer flattenDegree;

	@Option(names = "--no-fill-holes", description = "Do not fill holes in cells.")
	boolean noFillHoles;

	@Option(names = "--min-area", paramLabel = "PX", description = "Smallest cell, px (default 30).")
	Long minArea;

	@Option(names = "--max-area", paramLabel = "PX", description = "Largest cell, px (default: no limit).")
	Long maxArea;

	@Option(names = "--no-watershed", description = "Threshold detector: do not split touching cells.")
	boolean noWatershed;

	@Option(names = "--watershed-tolerance", paramLabel = "PX", description = "Threshold detector: neck depth needed to split two touching cells, px (default 0.5, as ImageJ's Watershed).")
	Double watershedTolerance;

	@Option(names = "--border", paramLabel = "keep|drop", description = "Cells touching the image border (default keep).")
	String border;

	/** Adds the options given on the command line to {@code o} under their settings keys. */
	void addTo(JsonObject o) {
		RunCli.put(o, PipelineSettings.KEY_LABELS, labels);
		RunCli.put(o, PipelineSettings.KEY_ROIS, rois);
		RunCli.put(o, PipelineSettings.KEY_SEGMENTATION, segmentation);
		RunCli.put(o, PipelineSettings.KEY_SEGMENTATION_WINDOW, segmentationWindow);
		RunCli.put(o, PipelineSettings.KEY_DRIFT_CORRECTION, driftCorrection);
		RunCli.put(o, PipelineSettings.KEY_TRACKING, tracking);
		RunCli.put(o, PipelineSettings.KEY_TRACK_MAX_GAP, maxGap);
		RunCli.put(o, PipelineSettings.KEY_TRACK_MAX_DISTANCE, maxLinkDistance);
		RunCli.put(o, PipelineSettings.KEY_TRACKS, tracks);
		RunCli.put(o, PipelineSettings.KEY_DETECTOR, detector);
		RunCli.put(o, PipelineSettings.KEY_CELL_DIAMETER, cellDiameter);
		RunCli.put(o, PipelineSettings.KEY_GROW_FRACTION, growFraction);
		RunCli.put(o, PipelineSettings.KEY_SPLIT_DEPTH, splitDepth);
		RunCli.put(o, PipelineSettings.KEY_SHAPE_SPLIT, shapeSplit);
		RunCli.put(o, PipelineSettings.KEY_MIN_SNR, minSnr);
		RunCli.put(o, PipelineSettings.KEY_MIN_TEXTURE_CONTRAST, minTextureContrast);
		RunCli.put(o, PipelineSettings.KEY_MIN_SHARPNESS, minSharpness);
		RunCli.put(o, PipelineSettings.KEY_DETECT_BACKGROUND, detectBackground);
		RunCli.put(o, PipelineSettings.KEY_SPECIMEN, specimen);
		RunCli.put(o, PipelineSettings.KEY_BACKGROUND_SCALE, backgroundScale);
		RunCli.put(o, PipelineSettings.KEY_THRESHOLD, threshold);
		RunCli.put(o, PipelineSettings.KEY_SMOOTH, smooth);
		RunCli.put(o, PipelineSettings.KEY_FLATTEN, flattenDegree);
		if (noFillHoles) o.addProperty(PipelineSettings.KEY_FILL_HOLES, false);
		RunCli.put(o, PipelineSettings.KEY_MIN_AREA, minArea);
		RunCli.put(o, PipelineSettings.KEY_MAX_AREA, maxArea);
		if (noWatershed) o.addProperty(PipelineSettings.KEY_WATERSHED, false);
		RunCli.put(o, PipelineSettings.KEY_WATERSHED_TOLERANCE, watershedTolerance);
		RunCli.put(o, PipelineSettings.KEY_BORDER, border);
	}
}
