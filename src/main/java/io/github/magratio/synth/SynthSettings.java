package io.github.magratio.synth;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable settings of a {@link SyntheticRecording}. Every parameter is declared once as a {@link SynthParam} below
 * (JSON key, command-line option, description with units, default, range); reading and writing JSON, range checks
 * and the {@code synth} command line derive from those declarations. Build settings with {@link #builder()} (or a
 * preset such as {@link #hard()}); {@link Builder#build()} validates every value and throws an
 * {@link IllegalArgumentException} whose message starts with the JSON key of the offending parameter.
 *
 * <p>
 * The indicator spectra are given as four <em>effective excitation coefficients</em> (dye extinction at the
 * wavelength times lamp power and filter transmission, relative units): free and Mg-bound dye at 340 and 380 nm.
 * They define the calibration that the recording obeys exactly: Rmin = e340free/e380free,
 * Rmax = e340bound/e380bound, beta = e380free/e380bound (see {@link SyntheticRecording}). The defaults give
 * Rmin 0.40, Rmax 4.00, beta 3.0 and Kd 1.5 mM.
 * </p>
 */
public final class SynthSettings {

	private static final List<SynthParam<?>> DECLARED = new ArrayList<>();
	private static final double ANY = Double.MAX_VALUE, POSITIVE = Double.MIN_VALUE;

	private static <T> SynthParam<T> declare(String key, String option, String label, Class<T> type, T def,
		double min, double max, String description)
	{
		SynthParam<T> p = new SynthParam<>(DECLARED.size(), key, option, label, description, type, def, min, max,
			false);
		DECLARED.add(p);
		return p;
	}

	/** Image width in pixels. */
	public static final SynthParam<Integer> WIDTH = declare("width_px", "--width", "PX", Integer.class, 160, 16, 8192,
		"Image width in pixels");
	/** Image height in pixels. */
	public static final SynthParam<Integer> HEIGHT = declare("height_px", "--height", "PX", Integer.class, 128, 16,
		8192, "Image height in pixels");
	/** Number of time points. */
	public static final SynthParam<Integer> FRAMES = declare("frames", "--frames", "N", Integer.class, 36, 1, 100_000,
		"Number of time points");
	/** Number of cells, touching pairs and clusters included. */
	public static final SynthParam<Integer> CELLS = declare("cells", "--cells", "N", Integer.class, 14, 1, 10_000,
		"Number of cells, touching pairs and clusters included");
	/** Number of deliberately touching cell pairs (each pair counts as two of the cells). */
	public static final SynthParam<Integer> TOUCHING_PAIRS = declare("touching_pairs", "--touching-pairs", "N",
		Integer.class, 2, 0, 5_000, "Number of deliberately touching cell pairs (each pair counts as two cells)");
	/** Clusters of 3 or more touching cells (their cells count among the cells). */
	public static final SynthParam<Integer> CLUSTERS = declare("clusters", "--clusters", "N", Integer.class, 0, 0,
		1_000, "Number of clusters of cluster_size_min..cluster_size_max touching cells (counted among the cells)");
	/** Fewest cells of a cluster. */
	public static final SynthParam<Integer> CLUSTER_SIZE_MIN = declare("cluster_size_min", "--cluster-size-min", "N",
		Integer.class, 3, 3, 10, "Fewest cells of a cluster");
	/** Most cells of a cluster. */
	public static final SynthParam<Integer> CLUSTER_SIZE_MAX = declare("cluster_size_max", "--cluster-size-max", "N",
		Integer.class, 5, 3, 10, "Most cells of a cluster");
	/** Random seed. */
	public static final SynthParam<Long> SEED = declare("seed", "--seed", "N", Long.class, 1L, -ANY, ANY,
		"Random seed; the same seed and settings give identical files");
	/** Recording name (image title and file stem). */
	public static final SynthParam<String> NAME = declare("name", "--name", "NAME", String.class, "synthetic", 0, 0,
		"Base name of the files and image title");
	/** Frame interval in seconds. */
	public static final SynthParam<Double> FRAME_INTERVAL = declare("frame_interval_s", "--frame-interval", "S",
		Double.class, 2.0, POSITIVE, ANY, "Time between frames in seconds");
	/** True Kd in mM: deliberately not the 1.9 mM analysis default, so a wrong Kd shows up. */
	public static final SynthParam<Double> KD = declare("kd_mM", "--kd", "MM", Double.class, 1.5, POSITIVE, ANY,
		"True Kd of dye and Mg2+ in mM (deliberately not the 1.9 mM analysis default)");
	/** Effective excitation coefficient of free dye at 340 nm (relative units). */
	public static final SynthParam<Double> E340_FREE = declare("excitation_340_free", null, "E", Double.class, 0.4,
		POSITIVE, ANY, "Effective excitation coefficient of free dye at 340 nm (relative units)");
	/** Effective excitation coefficient of free dye at 380 nm (relative units). */
	public static final SynthParam<Double> E380_FREE = declare("excitation_380_free", null, "E", Double.class, 1.0,
		POSITIVE, ANY, "Effective excitation coefficient of free dye at 380 nm (relative units)");
	/** Effective excitation coefficient of Mg-bound dye at 340 nm (relative units): Rmax 4 with beta 3. */
	public static final SynthParam<Double> E340_BOUND = declare("excitation_340_bound", null, "E", Double.class, 4.0 /
		3.0, POSITIVE, ANY, "Effective excitation coefficient of Mg-bound dye at 340 nm (relative units)");
	/** Effective excitation coefficient of Mg-bound dye at 380 nm (relative units): beta 3. */
	public static final SynthParam<Double> E380_BOUND = declare("excitation_380_bound", null, "E", Double.class, 1.0 /
		3.0, POSITIVE, ANY, "Effective excitation coefficient of Mg-bound dye at 380 nm (relative units)");
	/** F380 above background, in counts, of Mg-free dye at unit loading, unit illumination and t = 0. */
	public static final SynthParam<Double> BRIGHTNESS = declare("cell_brightness_380_counts", "--brightness", "COUNTS",
		Double.class, 2000.0, POSITIVE, ANY,
		"F380 above background of Mg-free dye at unit loading, image centre, first frame, in counts");
	/** Smallest ellipse semi-axis in pixels. */
	public static final SynthParam<Double> RADIUS_MIN = declare("cell_radius_min_px", "--cell-radius-min", "PX",
		Double.class, 7.0, 2, 1000, "Smallest ellipse semi-axis of a cell, pixels");
	/** Largest ellipse semi-axis in pixels. */
	public static final SynthParam<Double> RADIUS_MAX = declare("cell_radius_max_px", "--cell-radius-max", "PX",
		Double.class, 10.0, 2, 1000, "Largest ellipse semi-axis of a cell, pixels");
	/** Relative amplitude of random radial harmonics of each outline. */
	public static final SynthParam<Double> IRREGULARITY = declare("shape_irregularity", "--shape-irregularity",
		"FRACTION", Double.class, 0.0, 0, 0.4, "Relative amplitude of random 2nd..5th radial harmonics of each cell " +
			"outline: 0 = ellipses, 0.15 and more give non-convex, lobed outlines");
	/** Smallest distance in pixels between any cell pixel and the image border. */
	public static final SynthParam<Double> BORDER_MARGIN = declare("border_margin_px", "--border-margin", "PX",
		Double.class, 6.0, 1, 1000, "Smallest distance between any cell pixel and the image border, pixels");
	/** Smallest gap in pixels between cells that are not touching on purpose. */
	public static final SynthParam<Double> CELL_GAP = declare("cell_gap_px", "--cell-gap", "PX", Double.class, 4.0, 2,
		1000, "Smallest gap between cells that do not touch on purpose, pixels (below 2 px they could share an edge)");
	/** Sigma of the natural log of the per-cell dye loading (lognormal loadings). */
	public static final SynthParam<Double> LOADING_SIGMA = declare("loading_sigma", "--loading-sigma", "SIGMA",
		Double.class, 0.25, 0, 2, "Sigma of ln(loading) of the lognormal per-cell dye loading (median 1), redrawn " +
			"into loading_min..loading_max");
	/** Smallest per-cell dye loading, relative to the median. */
	public static final SynthParam<Double> LOADING_MIN = declare("loading_min", "--loading-min", "FACTOR",
		Double.class, 0.6, 0.001, 1, "Smallest per-cell dye loading, relative to unit loading");
	/** Largest per-cell dye loading, relative to the median. */
	public static final SynthParam<Double> LOADING_MAX = declare("loading_max", "--loading-max", "FACTOR",
		Double.class, 1.6, 1, 1000, "Largest per-cell dye loading, relative to unit loading");
	/** How loadings are drawn: lognormal or log-uniform. */
	public static final SynthParam<String> LOADING_DISTRIBUTION = declare("loading_distribution",
		"--loading-distribution", "NAME", String.class, "lognormal", 0, 0, "lognormal (exp(loading_sigma * N(0,1)) " +
			"redrawn into loading_min..loading_max) or log-uniform (evenly spaced in log from loading_min to " +
			"loading_max, in random order: the dimmest and brightest cells are exactly the bounds)");
	/** Fraction of dye destroyed by photobleaching between the first and the last frame. */
	public static final SynthParam<Double> BLEACH = declare("bleach_fraction", "--bleach", "FRACTION", Double.class,
		0.2, 0, 0.9, "Fraction of dye bleached by the last frame");
	/** Fastest rise of the true [Mg2+] courses, mM/s. */
	public static final SynthParam<Double> MG_MAX_RISE = declare("mg_max_rise_mM_per_s", "--mg-max-rise", "MM_PER_S",
		Double.class, 0.05, POSITIVE, ANY, "Fastest rise of the true [Mg2+] courses (steps, transients), mM/s");
	/** [Mg2+] every cell is clamped at, mM; NaN for the usual courses. */
	public static final SynthParam<Double> CLAMP = new SynthParam<>(DECLARED.size(), "clamp_mg_mM", "--clamp-mg", "MM",
		"Free [Mg2+] every cell is held at in every frame (ionophore clamp, as titration standards), mM; unset for " +
			"the usual per-cell time courses", Double.class, Double.NaN, 0, 1000, true);
	static {
		DECLARED.add(CLAMP);
	}
	/** Illumination in the image corners relative to the centre (same shape at both wavelengths). */
	public static final SynthParam<Double> VIGNETTING = declare("vignetting_corner_fraction", "--vignetting",
		"FRACTION", Double.class, 0.7, POSITIVE, 1, "Illumination in the image corners relative to the centre");
	/** Optical blur of everything the camera sees, Gaussian PSF sigma in pixels. */
	public static final SynthParam<Double> BLUR = declare("blur_sigma_px", "--blur", "PX", Double.class, 0.0, 0, 20,
		"Optical blur (Gaussian PSF sigma) of cells and background before noise, pixels: light spills into the " +
			"guard band and into neighbours");
	/** Camera dark offset in counts. */
	public static final SynthParam<Double> OFFSET = declare("camera_offset_counts", "--offset", "COUNTS",
		Double.class, 100.0, 0, 60000, "Camera dark offset in counts");
	/** 340 nm background above the camera offset at the image centre, t = 0, in counts. */
	public static final SynthParam<Double> BG340 = declare("background_340_counts", "--background-340", "COUNTS",
		Double.class, 150.0, 0, 60000, "340 nm background above offset at the image centre, first frame, in counts");
	/** 380 nm background above the camera offset at the image centre, t = 0, in counts. */
	public static final SynthParam<Double> BG380 = declare("background_380_counts", "--background-380", "COUNTS",
		Double.class, 250.0, 0, 60000, "380 nm background above offset at the image centre, first frame, in counts");
	/** Relative background change from the centre to a side edge along the gradient direction. */
	public static final SynthParam<Double> BG_GRADIENT = declare("background_gradient_fraction",
		"--background-gradient", "FRACTION", Double.class, 0.18, 0, 0.5,
		"Relative background change from the centre to a side edge along the gradient direction");
	/** Relative background drop from the centre to the middle of a side edge (bowl curvature). */
	public static final SynthParam<Double> BG_BOWL = declare("background_bowl_fraction", "--background-bowl",
		"FRACTION", Double.class, 0.07, 0, 0.25, "Relative background drop from the centre to the middle of a side edge");
	/** Relative increase of the background from the first to the last frame. */
	public static final SynthParam<Double> BG_DRIFT = declare("background_drift_fraction", "--background-drift",
		"FRACTION", Double.class, 0.15, -0.5, 1, "Relative background increase from the first to the last frame");
	/** Rotation of the background gradient direction from the first to the last frame, in degrees. */
	public static final SynthParam<Double> BG_ROTATION = declare("background_rotation_deg", "--background-rotation",
		"DEG", Double.class, 10.0, -180, 180, "Rotation of the background gradient over the recording, degrees");
	/** Standard deviation of a smooth random background texture, relative to the local background. */
	public static final SynthParam<Double> BG_TEXTURE = declare("background_texture_fraction", "--background-texture",
		"FRACTION", Double.class, 0.0, 0, 0.8, "SD of a static, smooth random texture of the background (neuropil, " +
			"debris), relative to the local background; no polynomial fits it");
	/** Correlation length of the background texture in pixels. */
	public static final SynthParam<Double> BG_TEXTURE_SCALE = declare("background_texture_scale_px",
		"--background-texture-scale", "PX", Double.class, 4.0, 0.5, 200,
		"Correlation length (Gaussian sigma) of the background texture, pixels");
	/** Out-of-focus cells: broad dye-filled blobs that are part of the background. */
	public static final SynthParam<Integer> BLOBS = declare("blobs", "--blobs", "N", Integer.class, 0, 0, 1000,
		"Out-of-focus cells: broad Gaussian blobs of dye in the background (not cells; their [Mg2+] is 0.8 mM)");
	/** Peak F380 of a blob relative to {@link #BRIGHTNESS}. */
	public static final SynthParam<Double> BLOB_BRIGHTNESS = declare("blob_brightness_fraction", "--blob-brightness",
		"FRACTION", Double.class, 0.3, 0, 5, "Peak F380 of an out-of-focus blob relative to cell_brightness_380_counts");
	/** Width of the blobs, Gaussian sigma in pixels. */
	public static final SynthParam<Double> BLOB_SIGMA = declare("blob_sigma_px", "--blob-sigma", "PX", Double.class,
		12.0, 1, 500, "Width (Gaussian sigma) of the out-of-focus blobs, pixels");
	/** Camera gain in counts per photo-electron. */
	public static final SynthParam<Double> GAIN = declare("gain_counts_per_electron", "--gain", "COUNTS_PER_E",
		Double.class, 1.0, POSITIVE, ANY, "Camera gain in counts per photo-electron");
	/** Gaussian read noise standard deviation in counts. */
	public static final SynthParam<Double> READ_NOISE = declare("read_noise_counts", "--read-noise", "COUNTS",
		Double.class, 3.0, 0, 10000, "Gaussian read noise SD in counts");
	/** Saturation level in counts (pixels are clipped to 0..this). */
	public static final SynthParam<Integer> SATURATION = declare("saturation_counts", "--saturation", "COUNTS",
		Integer.class, 65535, 1, 65535, "Saturation level in counts (pixels are clipped to 0..this)");
	/** Camera noise on (16-bit counts) or off (exact expected counts as 32-bit floats). */
	public static final SynthParam<Boolean> NOISE = declare("noise", "--noise", "BOOLEAN", Boolean.class, true, 0, 0,
		"Shot and read noise, rounding and clipping into a 16-bit recording; --no-noise writes the exact expected " +
			"counts as 32-bit float");
	/** First frame of an in-situ Rmin phase, -1 for none. */
	public static final SynthParam<Integer> ZERO_MG_FROM = declare("ionophore_zero_mg_from_frame",
		"--ionophore-zero-mg-from", "FRAME", Integer.class, -1, -1, 100_000,
		"First frame (0-based) of an ionophore phase in Mg-free buffer (Rmin), -1 = none");
	/** First frame of an in-situ Rmax phase, -1 for none. */
	public static final SynthParam<Integer> SATURATING_FROM = declare("ionophore_saturating_from_frame",
		"--ionophore-saturating-from", "FRAME", Integer.class, -1, -1, 100_000,
		"First frame (0-based) of an ionophore phase in saturating Mg2+ (Rmax), -1 = none");
	/** Time constant of the ionophore equilibration in s. */
	public static final SynthParam<Double> IONOPHORE_TAU = declare("ionophore_tau_s", "--ionophore-tau", "S",
		Double.class, 2.0, 0, ANY, "Time constant of the ionophore equilibration, s (0 = a step)");

	/** Speed of the common drift of every cell, px per frame (0 = still cells). */
	public static final SynthParam<Double> DRIFT = declare("drift_px_per_frame", "--drift", "PX", Double.class, 0.0, 0,
		50, "Speed of a common drift of every cell (stage drift, flow), px per frame; cells then enter and leave the " +
			"field: the layout covers the whole region swept, and 'cells' counts the cells of that region");
	/** Direction of the common drift, degrees counter-clockwise from +x (image y points down). */
	public static final SynthParam<Double> DRIFT_DIRECTION = declare("drift_direction_deg", "--drift-direction", "DEG",
		Double.class, 0.0, -360, 360, "Direction of the drift, degrees from +x towards +y (image rows)");
	/** Amplitude of each cell's own smooth wandering around the drift path, px per axis. */
	public static final SynthParam<Double> WANDER = declare("wander_px", "--wander", "PX", Double.class, 0.0, 0, 50,
		"Amplitude of each cell's own smooth wandering about the drift path, px per axis (touching pairs and " +
			"clusters wander together); needs cell_gap_px > 2*sqrt(2)*wander_px so cells never collide");
	/** Number of cells that divide into two daughters during the recording. */
	public static final SynthParam<Integer> DIVISIONS = declare("divisions", "--divisions", "N", Integer.class, 0, 0,
		10_000, "Cells (single, not touching or clustered) that divide once, at a frame in the middle half of the " +
			"recording, into two daughters (ids after the other cells) that inherit loading and [Mg2+] course");
	/** The motion parameters: left out of the JSON at their defaults, so still recordings' truth stays as it was. */
	static final List<SynthParam<?>> MOTION = Collections.unmodifiableList(java.util.Arrays.asList(DRIFT,
		DRIFT_DIRECTION, WANDER, DIVISIONS));

	/** Every parameter, in declaration order (the order of JSON keys and help). */
	public static final List<SynthParam<?>> PARAMS = Collections.unmodifiableList(new ArrayList<>(DECLARED));

	/** Loading distributions of {@link #LOADING_DISTRIBUTION}. */
	public static final String LOGNORMAL = "lognormal", LOG_UNIFORM = "log-uniform";

	private final Object[] values;

	private SynthSettings(Object[] values) {
		this.values = values;
	}

	/** @return a builder holding the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** @return the default settings */
	public static SynthSettings defaults() {
		return builder().build();
	}

	/**
	 * Crowded cells of unequal loading, as a dish gives: 256 x 256 px, 40 cells with a 10x spread of dye loading
	 * (log-uniform 0.3..3: the dimmest cell is about 20 background-noise SDs above the background in one frame, the
	 * brightest 10 times that), three touching pairs and four clusters of 3-5 cells, elliptical outlines of semi-axes
	 * 5..13 px, a textured background (SD 3 % of the background, correlation length 4 px) and optical blur (sigma 1 px):
	 * a background no polynomial fits, light spilling between neighbours. (A texture is unknowable under a cell: at
	 * 12 % of the background it alone costs the dimmest cells several percent of [Mg2+], see {@link #hard()}.)
	 *
	 * @return a builder preset with these settings, to change a few of them (e.g. the seed)
	 */
	public static Builder crowded() {
		return builder().width(256).height(256).cells(40).touchingPairs(3).set(CLUSTERS, 4).cellRadiusPixels(5, 13).set(
			LOADING_DISTRIBUTION, LOG_UNIFORM).set(LOADING_MIN, 0.3).set(LOADING_MAX, 3.0).cellBrightness380Counts(2000)
			.set(BG_TEXTURE, 0.03).set(BLUR, 1.0).name("crowded");
	}

	/**
	 * {@link #crowded()} with half the brightness (the dimmest cell about 10 noise SDs in one frame), a strong texture
	 * (SD 12 % of the background), lobed, non-convex outlines (irregularity 0.25) and four out-of-focus blobs (peak F380
	 * half a unit-loading cell's): harder than most real dishes.
	 *
	 * @return a builder preset with these settings
	 */
	public static Builder hard() {
		return crowded().cellBrightness380Counts(1000).set(BG_TEXTURE, 0.12).set(IRREGULARITY, 0.25).set(BLOBS, 4).set(
			BLOB_BRIGHTNESS, 0.5).name("hard");
	}

	/** The presets by name, for {@code magratio synth --preset}. */
	public static final Map<String, String> PRESETS;
	static {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("default", "the defaults (the demo's kind of recording)");
		m.put("crowded", "10x loading spread, clusters of 3-5 touching cells, textured background, blur");
		m.put("hard", "crowded plus lobed outlines and out-of-focus blobs");
		PRESETS = Collections.unmodifiableMap(m);
	}

	/**
	 * @return a builder preset with the named preset
	 * @throws IllegalArgumentException naming the valid presets
	 */
	public static Builder preset(String name) {
		if ("default".equals(name)) return builder();
		if ("crowded".equals(name)) return crowded();
		if ("hard".equals(name)) return hard();
		throw new IllegalArgumentException("unknown preset '" + name + "' (valid: " + String.join(", ", PRESETS
			.keySet()) + ")");
	}

	/** @return a builder preset with these settings, to change a few of them */
	public Builder toBuilder() {
		Builder b = new Builder();
		System.arraycopy(values, 0, b.values, 0, values.length);
		return b;
	}

	/** @return the value of parameter {@code p} */
	public <T> T get(SynthParam<T> p) {
		return p.type().cast(values[p.index]);
	}

	/** @return image width in pixels */
	public int width() {
		return get(WIDTH);
	}

	/** @return image height in pixels */
	public int height() {
		return get(HEIGHT);
	}

	/** @return number of time points */
	public int frames() {
		return get(FRAMES);
	}

	/** @return number of cells (touching pairs and clusters included) */
	public int cells() {
		return get(CELLS);
	}

	/** @return number of deliberately touching cell pairs */
	public int touchingPairs() {
		return get(TOUCHING_PAIRS);
	}

	/** @return number of clusters of 3 or more touching cells */
	public int clusters() {
		return get(CLUSTERS);
	}

	/** @return the random seed; the same seed and settings give identical pixels */
	public long seed() {
		return get(SEED);
	}

	/** @return the recording name, used as image title */
	public String name() {
		return get(NAME);
	}

	/** @return time between frames in seconds */
	public double frameIntervalSeconds() {
		return get(FRAME_INTERVAL);
	}

	/** @return the true dissociation constant of dye and Mg2+ in mM */
	public double kdMillimolar() {
		return get(KD);
	}

	/** @return effective excitation coefficient of free dye at 340 nm (relative units) */
	public double excitation340Free() {
		return get(E340_FREE);
	}

	/** @return effective excitation coefficient of free dye at 380 nm (relative units) */
	public double excitation380Free() {
		return get(E380_FREE);
	}

	/** @return effective excitation coefficient of Mg-bound dye at 340 nm (relative units) */
	public double excitation340Bound() {
		return get(E340_BOUND);
	}

	/** @return effective excitation coefficient of Mg-bound dye at 380 nm (relative units) */
	public double excitation380Bound() {
		return get(E380_BOUND);
	}

	/** @return F380 above background (counts) of Mg-free dye at unit loading and illumination at t = 0 */
	public double cellBrightness380Counts() {
		return get(BRIGHTNESS);
	}

	/** @return smallest ellipse semi-axis in pixels */
	public double cellRadiusMinPixels() {
		return get(RADIUS_MIN);
	}

	/** @return largest ellipse semi-axis in pixels */
	public double cellRadiusMaxPixels() {
		return get(RADIUS_MAX);
	}

	/** @return smallest distance in pixels between a cell pixel and the image border */
	public double borderMarginPixels() {
		return get(BORDER_MARGIN);
	}

	/** @return smallest gap in pixels between cells that do not touch on purpose */
	public double cellGapPixels() {
		return get(CELL_GAP);
	}

	/** @return sigma of ln(loading) of the lognormal per-cell dye loading */
	public double loadingSigma() {
		return get(LOADING_SIGMA);
	}

	/** @return fraction of dye bleached between the first and the last frame (0..0.9) */
	public double bleachFraction() {
		return get(BLEACH);
	}

	/**
	 * @return the free [Mg2+] every cell is held at in every frame, mM (cells clamped with an ionophore in a buffer of
	 *         known [Mg2+], as titration standards), or NaN for the usual per-cell time courses
	 */
	public double clampMgMillimolar() {
		return get(CLAMP);
	}

	/** @return the fastest rise of the true [Mg2+] courses (steps and transients), mM/s */
	public double mgMaxRiseMillimolarPerSecond() {
		return get(MG_MAX_RISE);
	}

	/** @return illumination in the image corners relative to the centre */
	public double vignettingCornerFraction() {
		return get(VIGNETTING);
	}

	/** @return camera dark offset in counts */
	public double cameraOffsetCounts() {
		return get(OFFSET);
	}

	/** @return 340 nm background above offset at the image centre at t = 0, in counts */
	public double background340Counts() {
		return get(BG340);
	}

	/** @return 380 nm background above offset at the image centre at t = 0, in counts */
	public double background380Counts() {
		return get(BG380);
	}

	/** @return relative background change from the centre to a side edge along the gradient direction */
	public double backgroundGradientFraction() {
		return get(BG_GRADIENT);
	}

	/** @return relative background drop from the centre to the middle of a side edge */
	public double backgroundBowlFraction() {
		return get(BG_BOWL);
	}

	/** @return relative background increase from the first to the last frame */
	public double backgroundDriftFraction() {
		return get(BG_DRIFT);
	}

	/** @return rotation of the background gradient direction over the recording, in degrees */
	public double backgroundRotationDegrees() {
		return get(BG_ROTATION);
	}

	/** @return camera gain in counts per photo-electron */
	public double gainCountsPerElectron() {
		return get(GAIN);
	}

	/** @return read noise standard deviation in counts */
	public double readNoiseCounts() {
		return get(READ_NOISE);
	}

	/** @return saturation level in counts */
	public int saturationCounts() {
		return get(SATURATION);
	}

	/**
	 * @return true for a noisy 16-bit recording; false for the exact expected counts as a 32-bit float recording
	 *         (no shot noise, read noise, rounding or clipping)
	 */
	public boolean noise() {
		return get(NOISE);
	}

	/**
	 * @return the first frame (0-based) of an in-situ Rmin phase (ionophore in Mg-free buffer): from then on every
	 *         cell's free [Mg2+] falls to 0 with time constant {@link #ionophoreTauSeconds()}; -1 = none
	 */
	public int zeroMgFromFrame() {
		return get(ZERO_MG_FROM);
	}

	/**
	 * @return the first frame (0-based) of an in-situ Rmax phase (ionophore in saturating Mg2+): from then on every
	 *         cell's dye approaches fully bound (bound fraction 1 - (1 - f0) exp(-dt/tau); free [Mg2+] in the truth
	 *         may reach Infinity); -1 = none. After a zero-Mg phase when both are set.
	 */
	public int saturatingFromFrame() {
		return get(SATURATING_FROM);
	}

	/** @return time constant of the ionophore equilibration in s (0 = immediate) */
	public double ionophoreTauSeconds() {
		return get(IONOPHORE_TAU);
	}

	/** @return true when cells move or divide ({@link #DRIFT}, {@link #WANDER}, {@link #DIVISIONS}) */
	public boolean moving() {
		return get(DRIFT) > 0 || get(WANDER) > 0 || get(DIVISIONS) > 0;
	}

	/** @return every setting under its parameter's key (an unset clamp and still-cell motion defaults left out) */
	public JsonObject toJson() {
		JsonObject o = new JsonObject();
		for (SynthParam<?> p : PARAMS) {
			Object v = values[p.index];
			if (v instanceof Double && Double.isNaN((Double) v)) continue;
			if (MOTION.contains(p) && v.equals(p.defaultValue())) continue;
			p.write(o, v);
		}
		return o;
	}

	/**
	 * Reads settings written by {@link #toJson()}; absent keys keep their defaults.
	 *
	 * @throws IllegalArgumentException naming an unknown key, a mistyped value or an invalid setting
	 */
	public static SynthSettings fromJson(JsonObject o) {
		Map<String, SynthParam<?>> byKey = new LinkedHashMap<>();
		for (SynthParam<?> p : PARAMS)
			byKey.put(p.key(), p);
		Builder b = builder();
		for (String k : o.keySet()) {
			SynthParam<?> p = byKey.get(k);
			if (p == null) throw new IllegalArgumentException("unknown synth setting '" + io.github.magratio.util.Text.quote(k) + "' (allowed: " + String
				.join(", ", byKey.keySet()) + ")");
			b.values[p.index] = p.read(o);
		}
		return b.build();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof SynthSettings && toJson().equals(((SynthSettings) o).toJson());
	}

	@Override
	public int hashCode() {
		return toJson().hashCode();
	}

	@Override
	public String toString() {
		return "SynthSettings" + toJson();
	}

	/** Builder of {@link SynthSettings}; starts from the defaults. */
	public static final class Builder {
		private final Object[] values = new Object[PARAMS.size()];

		private Builder() {
			for (SynthParam<?> p : PARAMS)
				values[p.index] = p.defaultValue();
		}

		/** Sets any parameter (range-checked in {@link #build()}). */
		public <T> Builder set(SynthParam<T> p, T value) {
			values[p.index] = value;
			return this;
		}

		/** Image width in pixels (default 160). */
		public Builder width(int px) {
			return set(WIDTH, px);
		}

		/** Image height in pixels (default 128). */
		public Builder height(int px) {
			return set(HEIGHT, px);
		}

		/** Number of time points (default 36). */
		public Builder frames(int n) {
			return set(FRAMES, n);
		}

		/** Number of cells, touching pairs and clusters included (default 14). */
		public Builder cells(int n) {
			return set(CELLS, n);
		}

		/** Number of deliberately touching pairs (default 2). */
		public Builder touchingPairs(int n) {
			return set(TOUCHING_PAIRS, n);
		}

		/** Random seed (default 1). */
		public Builder seed(long v) {
			return set(SEED, v);
		}

		/** Recording name (default "synthetic"). */
		public Builder name(String v) {
			return set(NAME, v);
		}

		/** Time between frames in seconds (default 2). */
		public Builder frameIntervalSeconds(double s) {
			return set(FRAME_INTERVAL, s);
		}

		/** True Kd in mM (default 1.5). */
		public Builder kdMillimolar(double mM) {
			return set(KD, mM);
		}

		/** The four effective excitation coefficients (relative units). */
		public Builder excitationCoefficients(double e340Free, double e380Free, double e340Bound, double e380Bound) {
			return set(E340_FREE, e340Free).set(E380_FREE, e380Free).set(E340_BOUND, e340Bound).set(E380_BOUND,
				e380Bound);
		}

		/** Coefficients giving exactly this calibration (e380free = 1). */
		public Builder spectraFor(double rmin, double rmax, double beta) {
			if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException(
				"beta must be > 0 and finite, got " + beta);
			return excitationCoefficients(rmin, 1.0, rmax / beta, 1.0 / beta);
		}

		/** F380 above background of Mg-free dye at unit loading, image centre, first frame, in counts. */
		public Builder cellBrightness380Counts(double counts) {
			return set(BRIGHTNESS, counts);
		}

		/** Smallest and largest ellipse semi-axis in pixels (default 7..10). */
		public Builder cellRadiusPixels(double minPx, double maxPx) {
			return set(RADIUS_MIN, minPx).set(RADIUS_MAX, maxPx);
		}

		/** Smallest distance of a cell pixel from the border in pixels (default 6). */
		public Builder borderMarginPixels(double px) {
			return set(BORDER_MARGIN, px);
		}

		/** Smallest gap between cells that do not touch on purpose in pixels (default 4). */
		public Builder cellGapPixels(double px) {
			return set(CELL_GAP, px);
		}

		/** Sigma of ln(loading) (default 0.25). */
		public Builder loadingSigma(double sigma) {
			return set(LOADING_SIGMA, sigma);
		}

		/** [Mg2+] every cell is clamped at in mM, or NaN for per-cell courses (default). */
		public Builder clampMgMillimolar(double mM) {
			return set(CLAMP, mM);
		}

		/** Fastest rise of the [Mg2+] courses in mM/s (default 0.05). */
		public Builder mgMaxRiseMillimolarPerSecond(double v) {
			return set(MG_MAX_RISE, v);
		}

		/** Fraction of dye bleached by the last frame (default 0.2). */
		public Builder bleachFraction(double fraction) {
			return set(BLEACH, fraction);
		}

		/** Illumination in the corners relative to the centre (default 0.7). */
		public Builder vignettingCornerFraction(double fraction) {
			return set(VIGNETTING, fraction);
		}

		/** Camera dark offset in counts (default 100). */
		public Builder cameraOffsetCounts(double counts) {
			return set(OFFSET, counts);
		}

		/** 340 nm background above offset at the centre, first frame, counts (default 150). */
		public Builder background340Counts(double counts) {
			return set(BG340, counts);
		}

		/** 380 nm background above offset at the centre, first frame, counts (default 250). */
		public Builder background380Counts(double counts) {
			return set(BG380, counts);
		}

		/** Relative background change from the centre to a side edge (default 0.18). */
		public Builder backgroundGradientFraction(double fraction) {
			return set(BG_GRADIENT, fraction);
		}

		/** Relative background drop from the centre to a side edge (default 0.07). */
		public Builder backgroundBowlFraction(double fraction) {
			return set(BG_BOWL, fraction);
		}

		/** Relative background increase over the recording (default 0.15). */
		public Builder backgroundDriftFraction(double fraction) {
			return set(BG_DRIFT, fraction);
		}

		/** Rotation of the background gradient over the recording in degrees (default 10). */
		public Builder backgroundRotationDegrees(double degrees) {
			return set(BG_ROTATION, degrees);
		}

		/** Camera gain in counts per photo-electron (default 1). */
		public Builder gainCountsPerElectron(double v) {
			return set(GAIN, v);
		}

		/** Gaussian read noise SD in counts (default 3). */
		public Builder readNoiseCounts(double counts) {
			return set(READ_NOISE, counts);
		}

		/** Saturation level in counts, at most 65535 (default 65535). */
		public Builder saturationCounts(int counts) {
			return set(SATURATION, counts);
		}

		/**
		 * Noise on (default): Poisson shot noise, read noise, rounding and clipping to a 16-bit recording. Off: the
		 * exact expected counts as a 32-bit float recording.
		 */
		public Builder noise(boolean on) {
			return set(NOISE, on);
		}

		/**
		 * An in-situ calibration at the end of the recording: every cell goes Mg-free from frame
		 * {@code zeroMgFromFrame}, then saturated from frame {@code saturatingFromFrame}, each approached with time
		 * constant {@code tauSeconds} (0 = a step). Frames are 0-based; -1 leaves a phase out (default: neither).
		 */
		public Builder ionophore(int zeroMgFromFrame, int saturatingFromFrame, double tauSeconds) {
			return set(ZERO_MG_FROM, zeroMgFromFrame).set(SATURATING_FROM, saturatingFromFrame).set(IONOPHORE_TAU,
				tauSeconds);
		}

		/**
		 * @return the validated, immutable settings
		 * @throws IllegalArgumentException naming (by JSON key) the first invalid parameter, its value and the allowed
		 *         range
		 */
		public SynthSettings build() {
			for (SynthParam<?> p : PARAMS)
				check(p);
			SynthSettings s = new SynthSettings(values.clone());
			int width = s.width(), height = s.height(), frames = s.frames(), cells = s.cells();
			if ((long) width * height * frames * 2 * 4 > (1L << 31)) throw new IllegalArgumentException(
				"recording too large: width*height*frames = " + width + "*" + height + "*" + frames +
					" pixels per channel; keep 2 channels below 2 GB");
			int clustered = 2 * s.touchingPairs() + s.clusters() * s.get(CLUSTER_SIZE_MAX);
			if (clustered > cells) throw new IllegalArgumentException(TOUCHING_PAIRS.key() + " and " + CLUSTERS.key() +
				" need up to 2*" + s.touchingPairs() + " + " + s.clusters() + "*" + s.get(CLUSTER_SIZE_MAX) + " = " +
				clustered + " cells, but cells = " + cells);
			if (s.get(CLUSTER_SIZE_MIN) > s.get(CLUSTER_SIZE_MAX)) throw new IllegalArgumentException(CLUSTER_SIZE_MIN
				.key() + " (" + s.get(CLUSTER_SIZE_MIN) + ") must be <= " + CLUSTER_SIZE_MAX.key() + " (" + s.get(
					CLUSTER_SIZE_MAX) + ")");
			String name = s.name();
			if (name.trim().isEmpty() || name.contains("/") || name.contains("\\")) throw new IllegalArgumentException(
				NAME.key() + " must be a non-empty file name without path separators, got '" + name + "'");
			String dist = s.get(LOADING_DISTRIBUTION);
			if (!LOGNORMAL.equals(dist) && !LOG_UNIFORM.equals(dist)) throw new IllegalArgumentException(
				LOADING_DISTRIBUTION.key() + " must be " + LOGNORMAL + " or " + LOG_UNIFORM + ", got '" + dist + "'");
			if (!(s.excitation340Bound() / s.excitation380Bound() > s.excitation340Free() / s.excitation380Free()))
				throw new IllegalArgumentException("excitation coefficients: Mg binding must raise the 340/380 ratio, " +
					"but Rmax = e340bound/e380bound = " + s.excitation340Bound() / s.excitation380Bound() +
					" <= Rmin = e340free/e380free = " + s.excitation340Free() / s.excitation380Free());
			if (s.cellRadiusMaxPixels() < s.cellRadiusMinPixels()) throw new IllegalArgumentException(RADIUS_MAX.key() +
				" (" + s.cellRadiusMaxPixels() + " px) must be >= " + RADIUS_MIN.key() + " (" + s.cellRadiusMinPixels() +
				" px)");
			double room = 2 * (s.borderMarginPixels() + s.cellRadiusMaxPixels()) + 1;
			if (width < room || height < room) throw new IllegalArgumentException("width x height = " + width + " x " +
				height + " px is too small for cells of radius " + s.cellRadiusMaxPixels() + " px with border margin " +
				s.borderMarginPixels() + " px (need at least " + (int) Math.ceil(room) + " px)");
			double gradient = s.backgroundGradientFraction(), bowl = s.backgroundBowlFraction();
			if (!(1 - Math.sqrt(2) * gradient - 2 * bowl > 0.05)) throw new IllegalArgumentException(BG_GRADIENT.key() +
				" " + gradient + " and " + BG_BOWL.key() + " " + bowl + " together would make the background (nearly) " +
				"negative in a corner: need 1 - sqrt(2)*gradient - 2*bowl > 0.05");
			if (s.saturationCounts() <= s.cameraOffsetCounts()) throw new IllegalArgumentException(SATURATION.key() +
				" must be above " + OFFSET.key() + " (" + s.cameraOffsetCounts() + ") and <= 65535, got " + s
					.saturationCounts());
			for (SynthParam<Integer> p : java.util.Arrays.asList(ZERO_MG_FROM, SATURATING_FROM))
				if (s.get(p) >= frames) throw new IllegalArgumentException(p.key() + " must be -1 (none) or a frame 0.." +
					(frames - 1) + ", got " + s.get(p));
			if (s.zeroMgFromFrame() >= 0 && s.saturatingFromFrame() >= 0 && s.saturatingFromFrame() <= s
				.zeroMgFromFrame()) throw new IllegalArgumentException(SATURATING_FROM.key() + " must be after " +
					ZERO_MG_FROM.key() + " (" + s.zeroMgFromFrame() + "), got " + s.saturatingFromFrame());
			double clearance = 2 * Math.sqrt(2) * s.get(WANDER) + (s.get(DIVISIONS) > 0 ? 2 : 0);
			if (s.moving() && !(s.cellGapPixels() > clearance)) throw new IllegalArgumentException(CELL_GAP.key() +
				" (" + s.cellGapPixels() + " px) must be > 2*sqrt(2)*" + WANDER.key() + (s.get(DIVISIONS) > 0 ?
					" + 2 (divisions)" : "") + " = " + clearance + " px, or wandering cells collide");
			if (s.get(DIVISIONS) > cells - clustered) throw new IllegalArgumentException(DIVISIONS.key() + " (" + s.get(
				DIVISIONS) + ") must be <= the cells that neither touch nor cluster (" + (cells - clustered) + ")");
			return s;
		}

		private <T> void check(SynthParam<T> p) {
			Object v = values[p.index];
			if (v != null && !p.type().isInstance(v)) throw new IllegalArgumentException(p.key() + " must be a " + p
				.type().getSimpleName() + ", got " + v);
			p.check(p.type().cast(v));
		}
	}
}
