package io.github.magratio.synth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Immutable settings of a {@link SyntheticRecording}. Build them with {@link #builder()}; {@link Builder#build()}
 * validates every value and throws an {@link IllegalArgumentException} naming the parameter, its value and the
 * allowed range. Names carry units: {@code _px} pixels, {@code Seconds}, {@code Millimolar}, {@code Counts} (camera
 * counts, i.e. analog-digital units), {@code Fraction} (0..1).
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

	/** Default image width in pixels. */
	public static final int DEFAULT_WIDTH = 160;
	/** Default image height in pixels. */
	public static final int DEFAULT_HEIGHT = 128;
	/** Default number of time points. */
	public static final int DEFAULT_FRAMES = 36;
	/** Default number of cells. */
	public static final int DEFAULT_CELLS = 14;
	/** Default number of deliberately touching cell pairs (each pair counts as two of the cells). */
	public static final int DEFAULT_TOUCHING_PAIRS = 2;
	/** Default random seed. */
	public static final long DEFAULT_SEED = 1L;
	/** Default recording name (image title). */
	public static final String DEFAULT_NAME = "synthetic";
	/** Default frame interval in seconds. */
	public static final double DEFAULT_FRAME_INTERVAL_SECONDS = 2.0;
	/** Default true Kd in mM: deliberately not the 1.9 mM analysis default, so a wrong Kd shows up. */
	public static final double DEFAULT_KD_MILLIMOLAR = 1.5;
	/** Default effective excitation coefficient of free dye at 340 nm (relative units). */
	public static final double DEFAULT_EXCITATION_340_FREE = 0.4;
	/** Default effective excitation coefficient of free dye at 380 nm (relative units). */
	public static final double DEFAULT_EXCITATION_380_FREE = 1.0;
	/** Default effective excitation coefficient of Mg-bound dye at 340 nm (relative units): Rmax 4 with beta 3. */
	public static final double DEFAULT_EXCITATION_340_BOUND = 4.0 / 3.0;
	/** Default effective excitation coefficient of Mg-bound dye at 380 nm (relative units): beta 3. */
	public static final double DEFAULT_EXCITATION_380_BOUND = 1.0 / 3.0;
	/** Default F380 above background, in counts, of Mg-free dye at unit loading, unit illumination and t = 0. */
	public static final double DEFAULT_CELL_BRIGHTNESS_380_COUNTS = 2000;
	/** Default smallest ellipse semi-axis in pixels. */
	public static final double DEFAULT_CELL_RADIUS_MIN_PIXELS = 7;
	/** Default largest ellipse semi-axis in pixels. */
	public static final double DEFAULT_CELL_RADIUS_MAX_PIXELS = 10;
	/** Default smallest distance in pixels between any cell pixel and the image border. */
	public static final double DEFAULT_BORDER_MARGIN_PIXELS = 6;
	/** Default smallest gap in pixels between cells that are not a touching pair. */
	public static final double DEFAULT_CELL_GAP_PIXELS = 4;
	/** Default sigma of the natural log of the per-cell dye loading (lognormal, median 1, kept in 0.6..1.6). */
	public static final double DEFAULT_LOADING_SIGMA = 0.25;
	/** Default fraction of dye destroyed by photobleaching between the first and the last frame. */
	public static final double DEFAULT_BLEACH_FRACTION = 0.2;
	/**
	 * Default fastest rise of free [Mg2+] in the synthetic courses, mM/s: cytosolic Mg2+ changes over tens of seconds
	 * (a 1 mM step takes about 20 s), unlike the sub-second Ca2+ transients the pipeline flags as {@code ca_suspect}.
	 */
	public static final double DEFAULT_MG_MAX_RISE_MILLIMOLAR_PER_SECOND = 0.05;
	/** Default illumination in the image corners relative to the centre (same shape at both wavelengths). */
	public static final double DEFAULT_VIGNETTING_CORNER_FRACTION = 0.7;
	/** Default camera dark offset in counts. */
	public static final double DEFAULT_CAMERA_OFFSET_COUNTS = 100;
	/** Default 340 nm background above the camera offset at the image centre, t = 0, in counts. */
	public static final double DEFAULT_BACKGROUND_340_COUNTS = 150;
	/** Default 380 nm background above the camera offset at the image centre, t = 0, in counts. */
	public static final double DEFAULT_BACKGROUND_380_COUNTS = 250;
	/** Default relative background change from the centre to a side edge along the gradient direction. */
	public static final double DEFAULT_BACKGROUND_GRADIENT_FRACTION = 0.18;
	/** Default relative background drop from the centre to the middle of a side edge (bowl curvature). */
	public static final double DEFAULT_BACKGROUND_BOWL_FRACTION = 0.07;
	/** Default relative increase of the background from the first to the last frame. */
	public static final double DEFAULT_BACKGROUND_DRIFT_FRACTION = 0.15;
	/** Default rotation of the background gradient direction from the first to the last frame, in degrees. */
	public static final double DEFAULT_BACKGROUND_ROTATION_DEGREES = 10;
	/** Default camera gain in counts per photo-electron. */
	public static final double DEFAULT_GAIN_COUNTS_PER_ELECTRON = 1.0;
	/** Default Gaussian read noise standard deviation in counts. */
	public static final double DEFAULT_READ_NOISE_COUNTS = 3.0;
	/** Default saturation level in counts (pixels are clipped to 0..this). */
	public static final int DEFAULT_SATURATION_COUNTS = 65535;

	/** Default: no Mg-free ionophore phase (frame -1). */
	public static final int DEFAULT_IONOPHORE_FRAME = -1;
	/** Default time constant of the ionophore equilibration in s. */
	public static final double DEFAULT_IONOPHORE_TAU_SECONDS = 2.0;

	/** JSON keys of {@link #toJson()}. */
	public static final String KEY_WIDTH = "width_px", KEY_HEIGHT = "height_px", KEY_FRAMES = "frames",
			KEY_CELLS = "cells", KEY_TOUCHING_PAIRS = "touching_pairs", KEY_SEED = "seed", KEY_NAME = "name",
			KEY_FRAME_INTERVAL = "frame_interval_s", KEY_KD = "kd_mM", KEY_E340_FREE = "excitation_340_free",
			KEY_E380_FREE = "excitation_380_free", KEY_E340_BOUND = "excitation_340_bound",
			KEY_E380_BOUND = "excitation_380_bound", KEY_BRIGHTNESS = "cell_brightness_380_counts",
			KEY_RADIUS_MIN = "cell_radius_min_px", KEY_RADIUS_MAX = "cell_radius_max_px",
			KEY_BORDER_MARGIN = "border_margin_px", KEY_CELL_GAP = "cell_gap_px", KEY_LOADING_SIGMA = "loading_sigma",
			KEY_BLEACH = "bleach_fraction", KEY_MG_MAX_RISE = "mg_max_rise_mM_per_s", KEY_CLAMP = "clamp_mg_mM", KEY_VIGNETTING = "vignetting_corner_fraction",
			KEY_OFFSET = "camera_offset_counts", KEY_BG340 = "background_340_counts",
			KEY_BG380 = "background_380_counts", KEY_BG_GRADIENT = "background_gradient_fraction",
			KEY_BG_BOWL = "background_bowl_fraction", KEY_BG_DRIFT = "background_drift_fraction",
			KEY_BG_ROTATION = "background_rotation_deg", KEY_GAIN = "gain_counts_per_electron",
			KEY_READ_NOISE = "read_noise_counts", KEY_SATURATION = "saturation_counts", KEY_NOISE = "noise",
			KEY_ZERO_MG_FROM = "ionophore_zero_mg_from_frame",
			KEY_SATURATING_FROM = "ionophore_saturating_from_frame", KEY_IONOPHORE_TAU = "ionophore_tau_s";

	/** Every key {@link #fromJson} accepts. */
	public static final Set<String> KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(KEY_WIDTH,
		KEY_HEIGHT, KEY_FRAMES, KEY_CELLS, KEY_TOUCHING_PAIRS, KEY_SEED, KEY_NAME, KEY_FRAME_INTERVAL, KEY_KD,
		KEY_E340_FREE, KEY_E380_FREE, KEY_E340_BOUND, KEY_E380_BOUND, KEY_BRIGHTNESS, KEY_RADIUS_MIN, KEY_RADIUS_MAX,
		KEY_BORDER_MARGIN, KEY_CELL_GAP, KEY_LOADING_SIGMA, KEY_BLEACH, KEY_MG_MAX_RISE, KEY_CLAMP, KEY_VIGNETTING, KEY_OFFSET, KEY_BG340,
		KEY_BG380, KEY_BG_GRADIENT, KEY_BG_BOWL, KEY_BG_DRIFT, KEY_BG_ROTATION, KEY_GAIN, KEY_READ_NOISE,
		KEY_SATURATION, KEY_NOISE, KEY_ZERO_MG_FROM, KEY_SATURATING_FROM, KEY_IONOPHORE_TAU)));

	private final int width, height, frames, cells, touchingPairs;
	private final long seed;
	private final String name;
	private final double frameIntervalSeconds, kdMillimolar;
	private final double e340Free, e380Free, e340Bound, e380Bound;
	private final double cellBrightness380Counts, cellRadiusMinPixels, cellRadiusMaxPixels, borderMarginPixels,
			cellGapPixels, loadingSigma, bleachFraction, mgMaxRiseMillimolarPerSecond, clampMgMillimolar,
			vignettingCornerFraction;
	private final double cameraOffsetCounts, background340Counts, background380Counts, backgroundGradientFraction,
			backgroundBowlFraction, backgroundDriftFraction, backgroundRotationDegrees;
	private final double gainCountsPerElectron, readNoiseCounts;
	private final int saturationCounts;
	private final boolean noise;
	private final int zeroMgFromFrame, saturatingFromFrame;
	private final double ionophoreTauSeconds;

	private SynthSettings(Builder b) {
		width = b.width;
		height = b.height;
		frames = b.frames;
		cells = b.cells;
		touchingPairs = b.touchingPairs;
		seed = b.seed;
		name = b.name;
		frameIntervalSeconds = b.frameIntervalSeconds;
		kdMillimolar = b.kdMillimolar;
		e340Free = b.e340Free;
		e380Free = b.e380Free;
		e340Bound = b.e340Bound;
		e380Bound = b.e380Bound;
		cellBrightness380Counts = b.cellBrightness380Counts;
		cellRadiusMinPixels = b.cellRadiusMinPixels;
		cellRadiusMaxPixels = b.cellRadiusMaxPixels;
		borderMarginPixels = b.borderMarginPixels;
		cellGapPixels = b.cellGapPixels;
		loadingSigma = b.loadingSigma;
		bleachFraction = b.bleachFraction;
		mgMaxRiseMillimolarPerSecond = b.mgMaxRiseMillimolarPerSecond;
		clampMgMillimolar = b.clampMgMillimolar;
		vignettingCornerFraction = b.vignettingCornerFraction;
		cameraOffsetCounts = b.cameraOffsetCounts;
		background340Counts = b.background340Counts;
		background380Counts = b.background380Counts;
		backgroundGradientFraction = b.backgroundGradientFraction;
		backgroundBowlFraction = b.backgroundBowlFraction;
		backgroundDriftFraction = b.backgroundDriftFraction;
		backgroundRotationDegrees = b.backgroundRotationDegrees;
		gainCountsPerElectron = b.gainCountsPerElectron;
		readNoiseCounts = b.readNoiseCounts;
		saturationCounts = b.saturationCounts;
		noise = b.noise;
		zeroMgFromFrame = b.zeroMgFromFrame;
		saturatingFromFrame = b.saturatingFromFrame;
		ionophoreTauSeconds = b.ionophoreTauSeconds;
	}

	/** @return a builder holding the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** @return the default settings */
	public static SynthSettings defaults() {
		return builder().build();
	}

	/** @return a builder preset with these settings, to change a few of them */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.width = width;
		b.height = height;
		b.frames = frames;
		b.cells = cells;
		b.touchingPairs = touchingPairs;
		b.seed = seed;
		b.name = name;
		b.frameIntervalSeconds = frameIntervalSeconds;
		b.kdMillimolar = kdMillimolar;
		b.e340Free = e340Free;
		b.e380Free = e380Free;
		b.e340Bound = e340Bound;
		b.e380Bound = e380Bound;
		b.cellBrightness380Counts = cellBrightness380Counts;
		b.cellRadiusMinPixels = cellRadiusMinPixels;
		b.cellRadiusMaxPixels = cellRadiusMaxPixels;
		b.borderMarginPixels = borderMarginPixels;
		b.cellGapPixels = cellGapPixels;
		b.loadingSigma = loadingSigma;
		b.bleachFraction = bleachFraction;
		b.mgMaxRiseMillimolarPerSecond = mgMaxRiseMillimolarPerSecond;
		b.clampMgMillimolar = clampMgMillimolar;
		b.vignettingCornerFraction = vignettingCornerFraction;
		b.cameraOffsetCounts = cameraOffsetCounts;
		b.background340Counts = background340Counts;
		b.background380Counts = background380Counts;
		b.backgroundGradientFraction = backgroundGradientFraction;
		b.backgroundBowlFraction = backgroundBowlFraction;
		b.backgroundDriftFraction = backgroundDriftFraction;
		b.backgroundRotationDegrees = backgroundRotationDegrees;
		b.gainCountsPerElectron = gainCountsPerElectron;
		b.readNoiseCounts = readNoiseCounts;
		b.saturationCounts = saturationCounts;
		b.noise = noise;
		b.zeroMgFromFrame = zeroMgFromFrame;
		b.saturatingFromFrame = saturatingFromFrame;
		b.ionophoreTauSeconds = ionophoreTauSeconds;
		return b;
	}

	/** @return image width in pixels */
	public int width() {
		return width;
	}

	/** @return image height in pixels */
	public int height() {
		return height;
	}

	/** @return number of time points */
	public int frames() {
		return frames;
	}

	/** @return number of cells (touching pairs included) */
	public int cells() {
		return cells;
	}

	/** @return number of deliberately touching cell pairs */
	public int touchingPairs() {
		return touchingPairs;
	}

	/** @return the random seed; the same seed and settings give identical pixels */
	public long seed() {
		return seed;
	}

	/** @return the recording name, used as image title */
	public String name() {
		return name;
	}

	/** @return time between frames in seconds */
	public double frameIntervalSeconds() {
		return frameIntervalSeconds;
	}

	/** @return the true dissociation constant of dye and Mg2+ in mM */
	public double kdMillimolar() {
		return kdMillimolar;
	}

	/** @return effective excitation coefficient of free dye at 340 nm (relative units) */
	public double excitation340Free() {
		return e340Free;
	}

	/** @return effective excitation coefficient of free dye at 380 nm (relative units) */
	public double excitation380Free() {
		return e380Free;
	}

	/** @return effective excitation coefficient of Mg-bound dye at 340 nm (relative units) */
	public double excitation340Bound() {
		return e340Bound;
	}

	/** @return effective excitation coefficient of Mg-bound dye at 380 nm (relative units) */
	public double excitation380Bound() {
		return e380Bound;
	}

	/** @return F380 above background (counts) of Mg-free dye at unit loading and illumination at t = 0 */
	public double cellBrightness380Counts() {
		return cellBrightness380Counts;
	}

	/** @return smallest ellipse semi-axis in pixels */
	public double cellRadiusMinPixels() {
		return cellRadiusMinPixels;
	}

	/** @return largest ellipse semi-axis in pixels */
	public double cellRadiusMaxPixels() {
		return cellRadiusMaxPixels;
	}

	/** @return smallest distance in pixels between a cell pixel and the image border */
	public double borderMarginPixels() {
		return borderMarginPixels;
	}

	/** @return smallest gap in pixels between cells that are not a touching pair */
	public double cellGapPixels() {
		return cellGapPixels;
	}

	/** @return sigma of ln(loading) of the lognormal per-cell dye loading */
	public double loadingSigma() {
		return loadingSigma;
	}

	/** @return fraction of dye bleached between the first and the last frame (0..0.9) */
	public double bleachFraction() {
		return bleachFraction;
	}

	/**
	 * @return the free [Mg2+] every cell is held at in every frame, mM (cells clamped with an ionophore in a buffer of
	 *         known [Mg2+], as titration standards), or NaN for the usual per-cell time courses
	 */
	public double clampMgMillimolar() {
		return clampMgMillimolar;
	}

	/** @return the fastest rise of the true [Mg2+] courses (steps and transients), mM/s */
	public double mgMaxRiseMillimolarPerSecond() {
		return mgMaxRiseMillimolarPerSecond;
	}

	/** @return illumination in the image corners relative to the centre */
	public double vignettingCornerFraction() {
		return vignettingCornerFraction;
	}

	/** @return camera dark offset in counts */
	public double cameraOffsetCounts() {
		return cameraOffsetCounts;
	}

	/** @return 340 nm background above offset at the image centre at t = 0, in counts */
	public double background340Counts() {
		return background340Counts;
	}

	/** @return 380 nm background above offset at the image centre at t = 0, in counts */
	public double background380Counts() {
		return background380Counts;
	}

	/** @return relative background change from the centre to a side edge along the gradient direction */
	public double backgroundGradientFraction() {
		return backgroundGradientFraction;
	}

	/** @return relative background drop from the centre to the middle of a side edge */
	public double backgroundBowlFraction() {
		return backgroundBowlFraction;
	}

	/** @return relative background increase from the first to the last frame */
	public double backgroundDriftFraction() {
		return backgroundDriftFraction;
	}

	/** @return rotation of the background gradient direction over the recording, in degrees */
	public double backgroundRotationDegrees() {
		return backgroundRotationDegrees;
	}

	/** @return camera gain in counts per photo-electron */
	public double gainCountsPerElectron() {
		return gainCountsPerElectron;
	}

	/** @return read noise standard deviation in counts */
	public double readNoiseCounts() {
		return readNoiseCounts;
	}

	/** @return saturation level in counts */
	public int saturationCounts() {
		return saturationCounts;
	}

	/**
	 * @return true for a noisy 16-bit recording; false for the exact expected counts as a 32-bit float recording
	 *         (no shot noise, read noise, rounding or clipping)
	 */
	public boolean noise() {
		return noise;
	}

	/**
	 * @return the first frame (0-based) of an in-situ Rmin phase (ionophore in Mg-free buffer): from then on every
	 *         cell's free [Mg2+] falls to 0 with time constant {@link #ionophoreTauSeconds()}; -1 = none
	 */
	public int zeroMgFromFrame() {
		return zeroMgFromFrame;
	}

	/**
	 * @return the first frame (0-based) of an in-situ Rmax phase (ionophore in saturating Mg2+): from then on every
	 *         cell's dye approaches fully bound (bound fraction 1 - (1 - f0) exp(-dt/tau); free [Mg2+] in the truth
	 *         may reach Infinity); -1 = none. After a zero-Mg phase when both are set.
	 */
	public int saturatingFromFrame() {
		return saturatingFromFrame;
	}

	/** @return time constant of the ionophore equilibration in s (0 = immediate) */
	public double ionophoreTauSeconds() {
		return ionophoreTauSeconds;
	}

	/** @return every setting under the keys of {@link #KEYS} */
	public JsonObject toJson() {
		JsonObject o = new JsonObject();
		o.addProperty(KEY_WIDTH, width);
		o.addProperty(KEY_HEIGHT, height);
		o.addProperty(KEY_FRAMES, frames);
		o.addProperty(KEY_CELLS, cells);
		o.addProperty(KEY_TOUCHING_PAIRS, touchingPairs);
		o.addProperty(KEY_SEED, seed);
		o.addProperty(KEY_NAME, name);
		o.addProperty(KEY_FRAME_INTERVAL, frameIntervalSeconds);
		o.addProperty(KEY_KD, kdMillimolar);
		o.addProperty(KEY_E340_FREE, e340Free);
		o.addProperty(KEY_E380_FREE, e380Free);
		o.addProperty(KEY_E340_BOUND, e340Bound);
		o.addProperty(KEY_E380_BOUND, e380Bound);
		o.addProperty(KEY_BRIGHTNESS, cellBrightness380Counts);
		o.addProperty(KEY_RADIUS_MIN, cellRadiusMinPixels);
		o.addProperty(KEY_RADIUS_MAX, cellRadiusMaxPixels);
		o.addProperty(KEY_BORDER_MARGIN, borderMarginPixels);
		o.addProperty(KEY_CELL_GAP, cellGapPixels);
		o.addProperty(KEY_LOADING_SIGMA, loadingSigma);
		o.addProperty(KEY_BLEACH, bleachFraction);
		o.addProperty(KEY_MG_MAX_RISE, mgMaxRiseMillimolarPerSecond);
		if (!Double.isNaN(clampMgMillimolar)) o.addProperty(KEY_CLAMP, clampMgMillimolar);
		o.addProperty(KEY_VIGNETTING, vignettingCornerFraction);
		o.addProperty(KEY_OFFSET, cameraOffsetCounts);
		o.addProperty(KEY_BG340, background340Counts);
		o.addProperty(KEY_BG380, background380Counts);
		o.addProperty(KEY_BG_GRADIENT, backgroundGradientFraction);
		o.addProperty(KEY_BG_BOWL, backgroundBowlFraction);
		o.addProperty(KEY_BG_DRIFT, backgroundDriftFraction);
		o.addProperty(KEY_BG_ROTATION, backgroundRotationDegrees);
		o.addProperty(KEY_GAIN, gainCountsPerElectron);
		o.addProperty(KEY_READ_NOISE, readNoiseCounts);
		o.addProperty(KEY_SATURATION, saturationCounts);
		o.addProperty(KEY_NOISE, noise);
		o.addProperty(KEY_ZERO_MG_FROM, zeroMgFromFrame);
		o.addProperty(KEY_SATURATING_FROM, saturatingFromFrame);
		o.addProperty(KEY_IONOPHORE_TAU, ionophoreTauSeconds);
		return o;
	}

	/**
	 * Parses settings written by {@link #toJson()}; missing keys take their defaults.
	 *
	 * @throws IllegalArgumentException naming an unknown key, a value of the wrong type, or an invalid value
	 */
	public static SynthSettings fromJson(JsonObject o) {
		for (String k : o.keySet())
			if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown synth setting '" + k + "' (allowed: " +
				String.join(", ", KEYS) + ")");
		Builder b = builder();
		if (o.has(KEY_WIDTH)) b.width(integer(o, KEY_WIDTH));
		if (o.has(KEY_HEIGHT)) b.height(integer(o, KEY_HEIGHT));
		if (o.has(KEY_FRAMES)) b.frames(integer(o, KEY_FRAMES));
		if (o.has(KEY_CELLS)) b.cells(integer(o, KEY_CELLS));
		if (o.has(KEY_TOUCHING_PAIRS)) b.touchingPairs(integer(o, KEY_TOUCHING_PAIRS));
		if (o.has(KEY_SEED)) b.seed(number(o, KEY_SEED).longValue());
		if (o.has(KEY_NAME)) {
			JsonElement e = o.get(KEY_NAME);
			if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) throw new IllegalArgumentException("'" +
				KEY_NAME + "' must be a string, got " + io.github.magratio.util.Text.quote(String.valueOf(e)));
			b.name(e.getAsString());
		}
		if (o.has(KEY_FRAME_INTERVAL)) b.frameIntervalSeconds(real(o, KEY_FRAME_INTERVAL));
		if (o.has(KEY_KD)) b.kdMillimolar(real(o, KEY_KD));
		double e340f = o.has(KEY_E340_FREE) ? real(o, KEY_E340_FREE) : DEFAULT_EXCITATION_340_FREE;
		double e380f = o.has(KEY_E380_FREE) ? real(o, KEY_E380_FREE) : DEFAULT_EXCITATION_380_FREE;
		double e340b = o.has(KEY_E340_BOUND) ? real(o, KEY_E340_BOUND) : DEFAULT_EXCITATION_340_BOUND;
		double e380b = o.has(KEY_E380_BOUND) ? real(o, KEY_E380_BOUND) : DEFAULT_EXCITATION_380_BOUND;
		b.excitationCoefficients(e340f, e380f, e340b, e380b);
		if (o.has(KEY_BRIGHTNESS)) b.cellBrightness380Counts(real(o, KEY_BRIGHTNESS));
		if (o.has(KEY_RADIUS_MIN) || o.has(KEY_RADIUS_MAX)) b.cellRadiusPixels(o.has(KEY_RADIUS_MIN) ? real(o,
			KEY_RADIUS_MIN) : DEFAULT_CELL_RADIUS_MIN_PIXELS, o.has(KEY_RADIUS_MAX) ? real(o, KEY_RADIUS_MAX)
				: DEFAULT_CELL_RADIUS_MAX_PIXELS);
		if (o.has(KEY_BORDER_MARGIN)) b.borderMarginPixels(real(o, KEY_BORDER_MARGIN));
		if (o.has(KEY_CELL_GAP)) b.cellGapPixels(real(o, KEY_CELL_GAP));
		if (o.has(KEY_LOADING_SIGMA)) b.loadingSigma(real(o, KEY_LOADING_SIGMA));
		if (o.has(KEY_BLEACH)) b.bleachFraction(real(o, KEY_BLEACH));
		if (o.has(KEY_MG_MAX_RISE)) b.mgMaxRiseMillimolarPerSecond(real(o, KEY_MG_MAX_RISE));
		if (o.has(KEY_CLAMP)) b.clampMgMillimolar(real(o, KEY_CLAMP));
		if (o.has(KEY_VIGNETTING)) b.vignettingCornerFraction(real(o, KEY_VIGNETTING));
		if (o.has(KEY_OFFSET)) b.cameraOffsetCounts(real(o, KEY_OFFSET));
		if (o.has(KEY_BG340)) b.background340Counts(real(o, KEY_BG340));
		if (o.has(KEY_BG380)) b.background380Counts(real(o, KEY_BG380));
		if (o.has(KEY_BG_GRADIENT)) b.backgroundGradientFraction(real(o, KEY_BG_GRADIENT));
		if (o.has(KEY_BG_BOWL)) b.backgroundBowlFraction(real(o, KEY_BG_BOWL));
		if (o.has(KEY_BG_DRIFT)) b.backgroundDriftFraction(real(o, KEY_BG_DRIFT));
		if (o.has(KEY_BG_ROTATION)) b.backgroundRotationDegrees(real(o, KEY_BG_ROTATION));
		if (o.has(KEY_GAIN)) b.gainCountsPerElectron(real(o, KEY_GAIN));
		if (o.has(KEY_READ_NOISE)) b.readNoiseCounts(real(o, KEY_READ_NOISE));
		if (o.has(KEY_SATURATION)) b.saturationCounts(integer(o, KEY_SATURATION));
		if (o.has(KEY_NOISE)) {
			JsonElement e = o.get(KEY_NOISE);
			if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isBoolean()) throw new IllegalArgumentException("'" +
				KEY_NOISE + "' must be true or false, got " + io.github.magratio.util.Text.quote(String.valueOf(e)));
			b.noise(e.getAsBoolean());
		}
		b.ionophore(o.has(KEY_ZERO_MG_FROM) ? integer(o, KEY_ZERO_MG_FROM) : DEFAULT_IONOPHORE_FRAME, o.has(
			KEY_SATURATING_FROM) ? integer(o, KEY_SATURATING_FROM) : DEFAULT_IONOPHORE_FRAME, o.has(KEY_IONOPHORE_TAU)
				? real(o, KEY_IONOPHORE_TAU) : DEFAULT_IONOPHORE_TAU_SECONDS);
		return b.build();
	}

	private static Number number(JsonObject o, String key) {
		JsonElement e = o.get(key);
		if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) throw new IllegalArgumentException("'" + key +
			"' must be a number, got " + io.github.magratio.util.Text.quote(String.valueOf(e)));
		return e.getAsNumber();
	}

	private static double real(JsonObject o, String key) {
		return number(o, key).doubleValue();
	}

	private static int integer(JsonObject o, String key) {
		double v = real(o, key);
		if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw new IllegalArgumentException("'" + key +
			"' must be an integer, got " + v);
		return (int) v;
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

	/** Mutable builder; every setter names its unit, {@link #build()} validates. Not thread-safe. */
	public static final class Builder {
		private int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT, frames = DEFAULT_FRAMES, cells = DEFAULT_CELLS,
				touchingPairs = DEFAULT_TOUCHING_PAIRS;
		private long seed = DEFAULT_SEED;
		private String name = DEFAULT_NAME;
		private double frameIntervalSeconds = DEFAULT_FRAME_INTERVAL_SECONDS, kdMillimolar = DEFAULT_KD_MILLIMOLAR;
		private double e340Free = DEFAULT_EXCITATION_340_FREE, e380Free = DEFAULT_EXCITATION_380_FREE,
				e340Bound = DEFAULT_EXCITATION_340_BOUND, e380Bound = DEFAULT_EXCITATION_380_BOUND;
		private double cellBrightness380Counts = DEFAULT_CELL_BRIGHTNESS_380_COUNTS,
				cellRadiusMinPixels = DEFAULT_CELL_RADIUS_MIN_PIXELS, cellRadiusMaxPixels = DEFAULT_CELL_RADIUS_MAX_PIXELS,
				borderMarginPixels = DEFAULT_BORDER_MARGIN_PIXELS, cellGapPixels = DEFAULT_CELL_GAP_PIXELS,
				loadingSigma = DEFAULT_LOADING_SIGMA, bleachFraction = DEFAULT_BLEACH_FRACTION,
				mgMaxRiseMillimolarPerSecond = DEFAULT_MG_MAX_RISE_MILLIMOLAR_PER_SECOND, clampMgMillimolar = Double.NaN,
				vignettingCornerFraction = DEFAULT_VIGNETTING_CORNER_FRACTION;
		private double cameraOffsetCounts = DEFAULT_CAMERA_OFFSET_COUNTS,
				background340Counts = DEFAULT_BACKGROUND_340_COUNTS, background380Counts = DEFAULT_BACKGROUND_380_COUNTS,
				backgroundGradientFraction = DEFAULT_BACKGROUND_GRADIENT_FRACTION,
				backgroundBowlFraction = DEFAULT_BACKGROUND_BOWL_FRACTION,
				backgroundDriftFraction = DEFAULT_BACKGROUND_DRIFT_FRACTION,
				backgroundRotationDegrees = DEFAULT_BACKGROUND_ROTATION_DEGREES;
		private double gainCountsPerElectron = DEFAULT_GAIN_COUNTS_PER_ELECTRON,
				readNoiseCounts = DEFAULT_READ_NOISE_COUNTS;
		private int saturationCounts = DEFAULT_SATURATION_COUNTS;
		private boolean noise = true;
		private int zeroMgFromFrame = DEFAULT_IONOPHORE_FRAME, saturatingFromFrame = DEFAULT_IONOPHORE_FRAME;
		private double ionophoreTauSeconds = DEFAULT_IONOPHORE_TAU_SECONDS;

		private Builder() {}

		/** Image width in pixels (default 160). */
		public Builder width(int px) {
			width = px;
			return this;
		}

		/** Image height in pixels (default 128). */
		public Builder height(int px) {
			height = px;
			return this;
		}

		/** Number of time points (default 36). */
		public Builder frames(int n) {
			frames = n;
			return this;
		}

		/** Number of cells, touching pairs included (default 14). */
		public Builder cells(int n) {
			cells = n;
			return this;
		}

		/** Number of deliberately touching pairs among the cells (default 2). */
		public Builder touchingPairs(int n) {
			touchingPairs = n;
			return this;
		}

		/** Random seed (default 1). */
		public Builder seed(long v) {
			seed = v;
			return this;
		}

		/** Recording name and image title (default {@code synthetic}). */
		public Builder name(String v) {
			name = v;
			return this;
		}

		/** Time between frames in seconds (default 2.0). */
		public Builder frameIntervalSeconds(double s) {
			frameIntervalSeconds = s;
			return this;
		}

		/** True Kd of dye and Mg2+ in mM (default 1.5). */
		public Builder kdMillimolar(double mM) {
			kdMillimolar = mM;
			return this;
		}

		/**
		 * Effective excitation coefficients (relative units) of free and Mg-bound dye at 340 and 380 nm (defaults
		 * 0.4, 1.0, 4/3, 1/3).
		 */
		public Builder excitationCoefficients(double e340Free, double e380Free, double e340Bound, double e380Bound) {
			this.e340Free = e340Free;
			this.e380Free = e380Free;
			this.e340Bound = e340Bound;
			this.e380Bound = e380Bound;
			return this;
		}

		/**
		 * Sets the excitation coefficients that give these calibration constants, with e380free = 1:
		 * e340free = Rmin, e380bound = 1/beta, e340bound = Rmax/beta.
		 */
		public Builder spectraFor(double rmin, double rmax, double beta) {
			if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException(
				"beta must be > 0 and finite, got " + beta);
			return excitationCoefficients(rmin, 1.0, rmax / beta, 1.0 / beta);
		}

		/** F380 above background in counts of Mg-free dye at unit loading and illumination at t = 0 (default 2000). */
		public Builder cellBrightness380Counts(double counts) {
			cellBrightness380Counts = counts;
			return this;
		}

		/** Range of the ellipse semi-axes in pixels (default 7..10). */
		public Builder cellRadiusPixels(double minPx, double maxPx) {
			cellRadiusMinPixels = minPx;
			cellRadiusMaxPixels = maxPx;
			return this;
		}

		/** Smallest distance between a cell pixel and the image border, in pixels (default 6). */
		public Builder borderMarginPixels(double px) {
			borderMarginPixels = px;
			return this;
		}

		/** Smallest gap between cells that are not a touching pair, in pixels (default 4). */
		public Builder cellGapPixels(double px) {
			cellGapPixels = px;
			return this;
		}

		/** Sigma of ln(loading), lognormal per-cell dye loading kept in 0.6..1.6 (default 0.25; 0 = uniform). */
		public Builder loadingSigma(double sigma) {
			loadingSigma = sigma;
			return this;
		}

		/** Holds every cell at this free [Mg2+] (mM) in every frame, as a titration standard; NaN = time courses. */
		public Builder clampMgMillimolar(double mM) {
			clampMgMillimolar = mM;
			return this;
		}

		/** Fastest rise of the true [Mg2+] courses, mM/s (default 0.05: physiological; large values mimic Ca2+). */
		public Builder mgMaxRiseMillimolarPerSecond(double v) {
			mgMaxRiseMillimolarPerSecond = v;
			return this;
		}

		/** Fraction of dye bleached between the first and the last frame, 0..0.9 (default 0.2). */
		public Builder bleachFraction(double fraction) {
			bleachFraction = fraction;
			return this;
		}

		/** Illumination in the corners relative to the centre, (0, 1] (default 0.7). */
		public Builder vignettingCornerFraction(double fraction) {
			vignettingCornerFraction = fraction;
			return this;
		}

		/** Camera dark offset in counts (default 100). */
		public Builder cameraOffsetCounts(double counts) {
			cameraOffsetCounts = counts;
			return this;
		}

		/** 340 nm background above offset at the centre at t = 0, in counts (default 150). */
		public Builder background340Counts(double counts) {
			background340Counts = counts;
			return this;
		}

		/** 380 nm background above offset at the centre at t = 0, in counts (default 250). */
		public Builder background380Counts(double counts) {
			background380Counts = counts;
			return this;
		}

		/** Relative background change from centre to a side edge along the gradient, 0..0.5 (default 0.18). */
		public Builder backgroundGradientFraction(double fraction) {
			backgroundGradientFraction = fraction;
			return this;
		}

		/** Relative background drop from centre to the middle of a side edge, 0..0.25 (default 0.07). */
		public Builder backgroundBowlFraction(double fraction) {
			backgroundBowlFraction = fraction;
			return this;
		}

		/** Relative background increase from the first to the last frame, -0.5..1 (default 0.15). */
		public Builder backgroundDriftFraction(double fraction) {
			backgroundDriftFraction = fraction;
			return this;
		}

		/** Rotation of the background gradient over the recording in degrees, -180..180 (default 10). */
		public Builder backgroundRotationDegrees(double degrees) {
			backgroundRotationDegrees = degrees;
			return this;
		}

		/** Camera gain in counts per photo-electron (default 1.0). */
		public Builder gainCountsPerElectron(double counts) {
			gainCountsPerElectron = counts;
			return this;
		}

		/** Gaussian read noise standard deviation in counts (default 3). */
		public Builder readNoiseCounts(double counts) {
			readNoiseCounts = counts;
			return this;
		}

		/** Saturation level in counts, above the camera offset and at most 65535 (default 65535). */
		public Builder saturationCounts(int counts) {
			saturationCounts = counts;
			return this;
		}

		/**
		 * Noise on (default): Poisson shot noise, read noise, rounding and clipping to a 16-bit recording. Off: the
		 * exact expected counts as a 32-bit float recording.
		 */
		public Builder noise(boolean on) {
			noise = on;
			return this;
		}

		/**
		 * An in-situ calibration at the end of the recording: every cell goes Mg-free from frame
		 * {@code zeroMgFromFrame}, then saturated from frame {@code saturatingFromFrame}, each approached with time
		 * constant {@code tauSeconds} (0 = a step). Frames are 0-based; -1 leaves a phase out (default: neither).
		 */
		public Builder ionophore(int zeroMgFromFrame, int saturatingFromFrame, double tauSeconds) {
			this.zeroMgFromFrame = zeroMgFromFrame;
			this.saturatingFromFrame = saturatingFromFrame;
			this.ionophoreTauSeconds = tauSeconds;
			return this;
		}

		/**
		 * @return the validated, immutable settings
		 * @throws IllegalArgumentException naming the first invalid parameter, its value and the allowed range
		 */
		public SynthSettings build() {
			if (width < 16 || width > 8192) throw bad("width", width + " px", "16..8192 px");
			if (height < 16 || height > 8192) throw bad("height", height + " px", "16..8192 px");
			if (frames < 1 || frames > 100_000) throw bad("frames", frames, "1..100000");
			if ((long) width * height * frames * 2 * 4 > (1L << 31)) throw new IllegalArgumentException(
				"recording too large: width*height*frames = " + width + "*" + height + "*" + frames +
					" pixels per channel; keep 2 channels below 2 GB");
			if (cells < 1 || cells > 10_000) throw bad("cells", cells, "1..10000");
			if (touchingPairs < 0 || 2 * touchingPairs > cells) throw bad("touchingPairs", touchingPairs,
				"0..cells/2 = 0.." + cells / 2);
			if (name == null || name.trim().isEmpty() || name.contains("/") || name.contains("\\")) throw bad("name",
				"'" + name + "'", "a non-empty file name without path separators");
			positiveFinite("frameIntervalSeconds", frameIntervalSeconds, "s");
			positiveFinite("kdMillimolar", kdMillimolar, "mM");
			positiveFinite("excitation340Free", e340Free, "");
			positiveFinite("excitation380Free", e380Free, "");
			positiveFinite("excitation340Bound", e340Bound, "");
			positiveFinite("excitation380Bound", e380Bound, "");
			if (!(e340Bound / e380Bound > e340Free / e380Free)) throw new IllegalArgumentException(
				"excitationCoefficients: Mg binding must raise the 340/380 ratio, but Rmax = e340bound/e380bound = " +
					e340Bound / e380Bound + " <= Rmin = e340free/e380free = " + e340Free / e380Free);
			positiveFinite("cellBrightness380Counts", cellBrightness380Counts, "counts");
			if (!(cellRadiusMinPixels >= 2) || !(cellRadiusMaxPixels >= cellRadiusMinPixels) ||
				cellRadiusMaxPixels > 1000) throw bad("cellRadiusPixels", cellRadiusMinPixels + ".." +
					cellRadiusMaxPixels + " px", "2 <= min <= max <= 1000 px");
			if (!(borderMarginPixels >= 1) || borderMarginPixels > 1000) throw bad("borderMarginPixels",
				borderMarginPixels + " px", "1..1000 px");
			if (!(cellGapPixels >= 2) || cellGapPixels > 1000) throw bad("cellGapPixels", cellGapPixels + " px",
				"2..1000 px (below 2 px separate cells could share a label edge)");
			double room = 2 * (borderMarginPixels + cellRadiusMaxPixels) + 1;
			if (width < room || height < room) throw new IllegalArgumentException("width x height = " + width + " x " +
				height + " px is too small for cells of radius " + cellRadiusMaxPixels + " px with border margin " +
				borderMarginPixels + " px (need at least " + (int) Math.ceil(room) + " px)");
			if (!(loadingSigma >= 0 && loadingSigma <= 1)) throw bad("loadingSigma", loadingSigma, "0..1");
			if (!(bleachFraction >= 0 && bleachFraction <= 0.9)) throw bad("bleachFraction", bleachFraction, "0..0.9");
			if (!Double.isNaN(clampMgMillimolar) && !(clampMgMillimolar >= 0 && clampMgMillimolar <= 1000)) throw bad(
				"clampMgMillimolar", clampMgMillimolar, "0..1000 mM or NaN");
			if (!(mgMaxRiseMillimolarPerSecond > 0) || Double.isInfinite(mgMaxRiseMillimolarPerSecond)) throw bad(
				"mgMaxRiseMillimolarPerSecond", mgMaxRiseMillimolarPerSecond, "> 0 mM/s");
			if (!(vignettingCornerFraction > 0 && vignettingCornerFraction <= 1)) throw bad("vignettingCornerFraction",
				vignettingCornerFraction, "(0, 1]");
			if (!(cameraOffsetCounts >= 0 && cameraOffsetCounts <= 60000)) throw bad("cameraOffsetCounts",
				cameraOffsetCounts + " counts", "0..60000 counts");
			if (!(background340Counts >= 0 && background340Counts <= 60000)) throw bad("background340Counts",
				background340Counts + " counts", "0..60000 counts");
			if (!(background380Counts >= 0 && background380Counts <= 60000)) throw bad("background380Counts",
				background380Counts + " counts", "0..60000 counts");
			if (!(backgroundGradientFraction >= 0 && backgroundGradientFraction <= 0.5)) throw bad(
				"backgroundGradientFraction", backgroundGradientFraction, "0..0.5");
			if (!(backgroundBowlFraction >= 0 && backgroundBowlFraction <= 0.25)) throw bad("backgroundBowlFraction",
				backgroundBowlFraction, "0..0.25");
			if (!(1 - Math.sqrt(2) * backgroundGradientFraction - 2 * backgroundBowlFraction > 0.05))
				throw new IllegalArgumentException("backgroundGradientFraction " + backgroundGradientFraction +
					" and backgroundBowlFraction " + backgroundBowlFraction +
					" together would make the background (nearly) negative in a corner: need 1 - sqrt(2)*gradient - " +
					"2*bowl > 0.05");
			if (!(backgroundDriftFraction >= -0.5 && backgroundDriftFraction <= 1)) throw bad("backgroundDriftFraction",
				backgroundDriftFraction, "-0.5..1");
			if (!(Math.abs(backgroundRotationDegrees) <= 180)) throw bad("backgroundRotationDegrees",
				backgroundRotationDegrees + " deg", "-180..180 deg");
			positiveFinite("gainCountsPerElectron", gainCountsPerElectron, "counts/e-");
			if (!(readNoiseCounts >= 0 && readNoiseCounts <= 10000)) throw bad("readNoiseCounts", readNoiseCounts +
				" counts", "0..10000 counts");
			if (saturationCounts > 65535 || saturationCounts <= cameraOffsetCounts) throw bad("saturationCounts",
				saturationCounts + " counts", "above cameraOffsetCounts (" + cameraOffsetCounts + ") and <= 65535");
			if (zeroMgFromFrame < -1 || zeroMgFromFrame >= frames) throw bad("ionophore zeroMgFromFrame",
				zeroMgFromFrame, "-1 (none) or a frame 0.." + (frames - 1));
			if (saturatingFromFrame < -1 || saturatingFromFrame >= frames) throw bad("ionophore saturatingFromFrame",
				saturatingFromFrame, "-1 (none) or a frame 0.." + (frames - 1));
			if (zeroMgFromFrame >= 0 && saturatingFromFrame >= 0 && saturatingFromFrame <= zeroMgFromFrame)
				throw bad("ionophore saturatingFromFrame", saturatingFromFrame, "after zeroMgFromFrame (" +
					zeroMgFromFrame + ")");
			if (!(ionophoreTauSeconds >= 0) || Double.isInfinite(ionophoreTauSeconds)) throw bad(
				"ionophore tauSeconds", ionophoreTauSeconds + " s", ">= 0 s and finite");
			return new SynthSettings(this);
		}

		private static void positiveFinite(String name, double v, String unit) {
			if (!(v > 0) || Double.isInfinite(v)) throw bad(name, v + (unit.isEmpty() ? "" : " " + unit),
				"> 0 and finite");
		}

		private static IllegalArgumentException bad(String name, Object value, String allowed) {
			return new IllegalArgumentException(name + " must be " + allowed + ", got " + value);
		}
	}
}
