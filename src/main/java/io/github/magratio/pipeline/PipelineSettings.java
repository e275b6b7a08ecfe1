package io.github.magratio.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.BackgroundMethod;
import io.github.magratio.core.BackgroundSettings;
import io.github.magratio.core.CalciumCorrection;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.RatioSettings;
import io.github.magratio.core.SegmentationSettings;
import io.github.magratio.core.SettingsException;
import io.github.magratio.core.SettingsProblem;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Thresholds;
import io.github.magratio.util.Json;
import io.github.magratio.util.UserMistake;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.Set;

import static io.github.magratio.core.SettingsProblem.ref;

/**
 * Every setting of a pipeline run, immutable. The JSON form is flat; its keys are the {@code KEY_} constants, each with
 * a default in {@link #DEFAULTS} (the schema: unknown keys are rejected by name). CLI flags and Fiji command parameters
 * are mapped onto the same keys, and {@code run.json} records the effective values under the same keys, so a
 * run.json's {@code settings} block can be replayed as {@code --config}.
 */
public final class PipelineSettings {

	/** Channel layout: auto, hyperstack, interleaved, separate. */
	public static final String KEY_LAYOUT = "layout";
	/** Which channel (1 or 2; slice of each pair if interleaved) is 340 nm. */
	public static final String KEY_CHANNEL340 = "channel340";
	/** Frame interval in s; null = from the file's calibration (1 s with a warning if it has none). */
	public static final String KEY_FRAME_INTERVAL = "frame_interval_s";
	/** Background method: none, constant, roi, surface, ring. */
	public static final String KEY_BACKGROUND = BackgroundSettings.KEY_BACKGROUND;
	/** Constant background at 340 nm above the camera offset, counts (method constant). */
	public static final String KEY_BG340 = BackgroundSettings.KEY_BG340;
	/** Constant background at 380 nm above the camera offset, counts (method constant). */
	public static final String KEY_BG380 = BackgroundSettings.KEY_BG380;
	/** Cell-free region for method roi: "x,y,width,height" in pixels, or an ImageJ .roi file. */
	public static final String KEY_BG_ROI = "bg_roi";
	/** Polynomial degree 0..4 of the background surface (method surface). */
	public static final String KEY_SURFACE_DEGREE = BackgroundSettings.KEY_SURFACE_DEGREE;
	/** Band around cells never used as background, px. */
	public static final String KEY_GUARD = BackgroundSettings.KEY_GUARD_PX;
	/** Width of the per-cell background annulus, px (method ring). */
	public static final String KEY_RING = BackgroundSettings.KEY_RING_PX;
	/** Outlier rejection of the surface fit, robust SDs. */
	public static final String KEY_CLIP_SIGMA = BackgroundSettings.KEY_CLIP_SIGMA;
	/** Camera dark offset, counts, subtracted from both channels first. */
	public static final String KEY_CAMERA_OFFSET = BackgroundSettings.KEY_CAMERA_OFFSET;
	/** Autofluorescence of unloaded cells at 340 nm, counts. */
	public static final String KEY_AUTOFLUOR340 = BackgroundSettings.KEY_AUTOFLUORESCENCE340;
	/** Autofluorescence of unloaded cells at 380 nm, counts. */
	public static final String KEY_AUTOFLUOR380 = BackgroundSettings.KEY_AUTOFLUORESCENCE380;
	/** Saturation level in counts; null = the pixel type's maximum. */
	public static final String KEY_SATURATION = RatioSettings.KEY_SATURATION;
	/** Low-signal threshold in background noise SDs. */
	public static final String KEY_MIN_SIGNAL = RatioSettings.KEY_MIN_SIGNAL_SIGMA;
	/** Outer pixels of each cell left out of its means, px (0 = every pixel). */
	public static final String KEY_MEASURE_INSET = RatioSettings.KEY_MEASURE_INSET_PX;
	/** A label image file (16-bit, 0 = background) instead of automatic segmentation. */
	public static final String KEY_LABELS = "labels";
	/** An ImageJ ROI set (.zip or .roi) instead of automatic segmentation. */
	public static final String KEY_ROIS = "rois";
	/** ImageJ auto-threshold method name. */
	public static final String KEY_THRESHOLD = SegmentationSettings.KEY_THRESHOLD;
	/** Gaussian smoothing before thresholding, px. */
	public static final String KEY_SMOOTH = SegmentationSettings.KEY_SMOOTH_PX;
	/** Degree of the surface removed before thresholding, -1 = none. */
	public static final String KEY_FLATTEN = SegmentationSettings.KEY_FLATTEN_DEGREE;
	/** Fill holes in cells. */
	public static final String KEY_FILL_HOLES = SegmentationSettings.KEY_FILL_HOLES;
	/** Smallest cell, px. */
	public static final String KEY_MIN_AREA = SegmentationSettings.KEY_MIN_AREA_PX;
	/** Largest cell, px; null = no limit. */
	public static final String KEY_MAX_AREA = SegmentationSettings.KEY_MAX_AREA_PX;
	/** Split touching cells with a distance-transform watershed. */
	public static final String KEY_WATERSHED = SegmentationSettings.KEY_WATERSHED;
	/** Watershed neck depth, px. */
	public static final String KEY_WATERSHED_TOLERANCE = SegmentationSettings.KEY_WATERSHED_TOLERANCE_PX;
	/** Cells touching the border: keep or drop. */
	public static final String KEY_BORDER = SegmentationSettings.KEY_BORDER;
	/** Segmentation timing: static (one mask from the time average) or per-frame (the detector on every frame). */
	public static final String KEY_SEGMENTATION = "segmentation";
	/** Per-frame segmentation: frames averaged around each frame (odd, centred), 1 = the frame alone. */
	public static final String KEY_SEGMENTATION_WINDOW = "segmentation_window";
	/** Per-frame segmentation: how cells are linked into tracks ({@value #TRACKING_OVERLAP}). */
	public static final String KEY_TRACKING = "tracking";
	/** Per-frame segmentation: frames a cell may be missing and still continue its track (gap closing), 0 = none. */
	public static final String KEY_TRACK_MAX_GAP = "track_max_gap_frames";
	/** Per-frame segmentation: farthest link by distance, px; null = each track's cell diameter. */
	public static final String KEY_TRACK_MAX_DISTANCE = "track_max_distance_px";
	/** A TrackMate XML file: cells are its spots (outlines, or discs of their radius), frame by frame, keyed by track. */
	public static final String KEY_TRACKS = "tracks";
	/** Static mask: none, or translation (the field's drift by phase correlation, the mask moved with it). */
	public static final String KEY_DRIFT_CORRECTION = "drift_correction";
	/** Drift correction: rigid translation of each frame, by phase correlation with the previous frame. */
	public static final String DRIFT_TRANSLATION = "translation";
	/** Tracking: overlap, then distance, then gap closing ({@link io.github.magratio.core.OverlapLinker}). */
	public static final String TRACKING_OVERLAP = "overlap";
	/** Detector: seeded (per-object levels from LoG seeds) or threshold (one global auto-threshold). */
	public static final String KEY_DETECTOR = SegmentationSettings.KEY_DETECTOR;
	/** Expected cell diameter, px; null = estimated from the image (seeded detector). */
	public static final String KEY_CELL_DIAMETER = SegmentationSettings.KEY_CELL_DIAMETER_PX;
	/** Fraction of its own peak above the local background at which each object is cut (seeded). */
	public static final String KEY_GROW_FRACTION = SegmentationSettings.KEY_GROW_FRACTION;
	/** Relative depth of the intensity valley that keeps two touching objects apart (seeded). */
	public static final String KEY_SPLIT_DEPTH = SegmentationSettings.KEY_SPLIT_DEPTH;
	/** Relative depth of a neck in an object's outline that splits it in two (seeded), 0 = never. */
	public static final String KEY_SHAPE_SPLIT = SegmentationSettings.KEY_SHAPE_SPLIT;
	/** Smallest contrast of a cell to its surround, in pixel-noise SDs (seeded). */
	public static final String KEY_MIN_SNR = SegmentationSettings.KEY_MIN_SNR;
	/** Smallest contrast of a cell to its surround, in SDs of the local background texture (seeded). */
	public static final String KEY_MIN_TEXTURE_CONTRAST = SegmentationSettings.KEY_MIN_TEXTURE_CONTRAST;
	/** Smallest step across a cell's free outline relative to its height above background (seeded). */
	public static final String KEY_MIN_SHARPNESS = SegmentationSettings.KEY_MIN_SHARPNESS;
	/** Background model of the seeded detector: local (tissue, uneven fields) or surface (flat dishes). */
	public static final String KEY_DETECT_BACKGROUND = SegmentationSettings.KEY_DETECT_BACKGROUND;
	/** Specimen of the seeded detector: dish (flat dish or slide) or tissue (a section; outlines at the steepest edge). */
	public static final String KEY_SPECIMEN = SegmentationSettings.KEY_SPECIMEN;
	/** Scale of the seeded detector's local background, in cell diameters. */
	public static final String KEY_BACKGROUND_SCALE = SegmentationSettings.KEY_BACKGROUND_SCALE;
	/** Segmentation timings: one mask for the recording. */
	public static final String SEGMENTATION_STATIC = "static";
	/** Segmentation timings: a mask per frame. */
	public static final String SEGMENTATION_PER_FRAME = "per-frame";
	/** Calibration JSON file. */
	public static final String KEY_CALIBRATION = "calibration";
	/** Kd in mM (overrides the calibration file's). */
	public static final String KEY_KD = Calibration.KEY_KD;
	/** Rmin (overrides the calibration file's). */
	public static final String KEY_RMIN = Calibration.KEY_RMIN;
	/** Rmax (overrides the calibration file's). */
	public static final String KEY_RMAX = Calibration.KEY_RMAX;
	/** beta (overrides the calibration file's). */
	public static final String KEY_BETA = Calibration.KEY_BETA;
	/** Frames averaged for each cell's baseline (from the start) and final value (at the end). */
	public static final String KEY_BASELINE_FRAMES = "baseline_frames";
	/**
	 * Constant free [Ca2+] during the recording, uM (number &gt;= 0); null = not known. With {@link #KEY_CA_FILE} or
	 * this, cells.csv gets Ca2+-corrected [Mg2+] columns; without either, fast rises are flagged {@code ca_suspect}.
	 */
	public static final String KEY_CA = "ca_uM";
	/** CSV of free [Ca2+] per frame: columns {@code frame,ca_uM} or {@code time_s,ca_uM} (see {@link CalciumTrace}). */
	public static final String KEY_CA_FILE = "ca_file";
	/**
	 * Kd of Mag-Fura-2 for Ca2+, uM (number &gt; 0), used by the Ca2+ correction. Default 25 uM: a literature value
	 * NOT verified against a primary source (science.md, 25 to ~50 uM reported); calibrate or confirm it.
	 */
	public static final String KEY_KD_CA = "kd_ca_uM";
	/**
	 * Largest plausible rise of free [Mg2+], mM/s (number &gt; 0); faster rises of the apparent [Mg2+] are flagged
	 * {@code ca_suspect} when no [Ca2+] is given. See {@link #DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND}.
	 */
	public static final String KEY_CA_MAX_RISE = "ca_max_rise_mM_per_s";

	/**
	 * Batch: the part of a file name that marks the 340 nm stack of a separate pair ({@code A-340.tif}); the 380 nm
	 * stack has {@link #KEY_PAIR380} in its place ({@code A-380.tif}) and the result is named without the marker
	 * ({@code OUT/A/}). Empty (with {@link #KEY_PAIR380} empty) = no pairing: every file holds both channels.
	 */
	public static final String KEY_PAIR340 = "pair340_marker";
	/** Batch: the part of a file name that marks the 380 nm stack of a separate pair (see {@link #KEY_PAIR340}). */
	public static final String KEY_PAIR380 = "pair380_marker";

	/**
	 * SLURM: memory per array task, MiB (whole number &gt;= 256); null = estimated from the inputs. {@code slurm
	 * --mem} overrides it.
	 */
	public static final String KEY_SLURM_MEM = "slurm_mem_MiB";
	/**
	 * SLURM: time limit per array task, minutes (whole number &gt;= 1); null = estimated from the measured per-frame
	 * cost. {@code slurm --time} overrides it.
	 */
	public static final String KEY_SLURM_TIME = "slurm_time_min";
	/**
	 * Frames of one recording processed at once (whole number &gt;= 1); null = every core. One thread reads, these
	 * compute, results are written in frame order: outputs are the same for any value.
	 */
	public static final String KEY_FRAME_THREADS = "frame_threads";

	/**
	 * Keys that only say what a cluster task asks for, never what a result is: a batch keeps a result made with other
	 * values of them.
	 */
	public static final Set<String> RESOURCE_KEYS = Collections.unmodifiableSet(new java.util.HashSet<>(Arrays.asList(
		KEY_SLURM_MEM, KEY_SLURM_TIME, KEY_FRAME_THREADS)));

	/**
	 * Default of {@link #KEY_CA_MAX_RISE}: 0.1 mM/s. Cytosolic free Mg2+ is reported to change by tenths of a mM
	 * over tens of seconds to minutes (of the order of 0.01 mM/s at most; not verified against a primary source),
	 * while 1 uM of Ca2+ adds 0.076 mM of apparent [Mg2+] (1.9 mM / 25 uM) within the tens to hundreds of ms of a Ca2+
	 * transient. 0.1 mM/s is about ten times the fastest plausible Mg2+ change, and a 1 uM Ca2+ transient rising
	 * within one frame exceeds it when frames are at most 0.76 s apart (a rise of c uM within one frame of dt s reads
	 * as 0.076 c / dt mM/s). Raise it for preparations with faster Mg2+ changes, lower it for slow frame rates.
	 */
	public static final double DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND = 0.1;

	/** The schema: every key with its default (JSON null = unset / automatic). */
	public static final Map<String, JsonElement> DEFAULTS;

	static {
		Map<String, JsonElement> d = new LinkedHashMap<>();
		d.put(KEY_LAYOUT, new JsonPrimitive("auto"));
		d.put(KEY_CHANNEL340, new JsonPrimitive(1));
		d.put(KEY_FRAME_INTERVAL, JsonNull.INSTANCE);
		d.put(KEY_BACKGROUND, new JsonPrimitive("surface"));
		d.put(KEY_BG340, new JsonPrimitive(0));
		d.put(KEY_BG380, new JsonPrimitive(0));
		d.put(KEY_BG_ROI, JsonNull.INSTANCE);
		d.put(KEY_SURFACE_DEGREE, new JsonPrimitive(BackgroundSettings.DEFAULT_SURFACE_DEGREE));
		d.put(KEY_GUARD, new JsonPrimitive(BackgroundSettings.DEFAULT_GUARD_PX));
		d.put(KEY_RING, new JsonPrimitive(BackgroundSettings.DEFAULT_RING_WIDTH_PX));
		d.put(KEY_CLIP_SIGMA, new JsonPrimitive(BackgroundSettings.DEFAULT_CLIP_SIGMA));
		d.put(KEY_CAMERA_OFFSET, new JsonPrimitive(0));
		d.put(KEY_AUTOFLUOR340, new JsonPrimitive(0));
		d.put(KEY_AUTOFLUOR380, new JsonPrimitive(0));
		d.put(KEY_SATURATION, JsonNull.INSTANCE);
		d.put(KEY_MIN_SIGNAL, new JsonPrimitive(RatioSettings.DEFAULT_MIN_SIGNAL_SIGMA));
		d.put(KEY_MEASURE_INSET, new JsonPrimitive(RatioSettings.DEFAULT_MEASURE_INSET_PX));
		d.put(KEY_LABELS, JsonNull.INSTANCE);
		d.put(KEY_ROIS, JsonNull.INSTANCE);
		d.put(KEY_THRESHOLD, new JsonPrimitive(SegmentationSettings.DEFAULT_THRESHOLD));
		d.put(KEY_SMOOTH, new JsonPrimitive(SegmentationSettings.DEFAULT_SMOOTH_PX));
		d.put(KEY_FLATTEN, new JsonPrimitive(SegmentationSettings.DEFAULT_FLATTEN_DEGREE));
		d.put(KEY_FILL_HOLES, new JsonPrimitive(true));
		d.put(KEY_MIN_AREA, new JsonPrimitive(SegmentationSettings.DEFAULT_MIN_AREA_PX));
		d.put(KEY_MAX_AREA, JsonNull.INSTANCE);
		d.put(KEY_WATERSHED, new JsonPrimitive(true));
		d.put(KEY_WATERSHED_TOLERANCE, new JsonPrimitive(SegmentationSettings.DEFAULT_WATERSHED_TOLERANCE_PX));
		d.put(KEY_BORDER, new JsonPrimitive("keep"));
		d.put(KEY_SEGMENTATION, new JsonPrimitive(SEGMENTATION_STATIC));
		d.put(KEY_SEGMENTATION_WINDOW, new JsonPrimitive(1));
		d.put(KEY_TRACKING, new JsonPrimitive(TRACKING_OVERLAP));
		d.put(KEY_TRACK_MAX_GAP, new JsonPrimitive(io.github.magratio.core.OverlapLinker.DEFAULT_MAX_GAP_FRAMES));
		d.put(KEY_TRACK_MAX_DISTANCE, JsonNull.INSTANCE);
		d.put(KEY_TRACKS, JsonNull.INSTANCE);
		d.put(KEY_DRIFT_CORRECTION, new JsonPrimitive("none"));
		d.put(KEY_DETECTOR, new JsonPrimitive(SegmentationSettings.DEFAULT_DETECTOR));
		d.put(KEY_CELL_DIAMETER, JsonNull.INSTANCE);
		d.put(KEY_GROW_FRACTION, new JsonPrimitive(SegmentationSettings.DEFAULT_GROW_FRACTION));
		d.put(KEY_SPLIT_DEPTH, new JsonPrimitive(SegmentationSettings.DEFAULT_SPLIT_DEPTH));
		d.put(KEY_SHAPE_SPLIT, new JsonPrimitive(SegmentationSettings.DEFAULT_SHAPE_SPLIT));
		d.put(KEY_MIN_SNR, new JsonPrimitive(SegmentationSettings.DEFAULT_MIN_SNR));
		d.put(KEY_MIN_TEXTURE_CONTRAST, new JsonPrimitive(SegmentationSettings.DEFAULT_MIN_TEXTURE_CONTRAST));
		d.put(KEY_MIN_SHARPNESS, new JsonPrimitive(SegmentationSettings.DEFAULT_MIN_SHARPNESS));
		d.put(KEY_DETECT_BACKGROUND, new JsonPrimitive(SegmentationSettings.BACKGROUND_LOCAL));
		d.put(KEY_SPECIMEN, new JsonPrimitive(SegmentationSettings.SPECIMEN_DISH));
		d.put(KEY_BACKGROUND_SCALE, new JsonPrimitive(SegmentationSettings.DEFAULT_BACKGROUND_SCALE));
		d.put(KEY_CALIBRATION, JsonNull.INSTANCE);
		d.put(KEY_KD, JsonNull.INSTANCE);
		d.put(KEY_RMIN, JsonNull.INSTANCE);
		d.put(KEY_RMAX, JsonNull.INSTANCE);
		d.put(KEY_BETA, JsonNull.INSTANCE);
		d.put(KEY_BASELINE_FRAMES, new JsonPrimitive(5));
		d.put(KEY_CA, JsonNull.INSTANCE);
		d.put(KEY_CA_FILE, JsonNull.INSTANCE);
		d.put(KEY_KD_CA, new JsonPrimitive(CalciumCorrection.DEFAULT_KD_CA_MICROMOLAR));
		d.put(KEY_CA_MAX_RISE, new JsonPrimitive(DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND));
		d.put(KEY_PAIR340, new JsonPrimitive("-340"));
		d.put(KEY_PAIR380, new JsonPrimitive("-380"));
		d.put(KEY_SLURM_MEM, JsonNull.INSTANCE);
		d.put(KEY_SLURM_TIME, JsonNull.INSTANCE);
		d.put(KEY_FRAME_THREADS, JsonNull.INSTANCE);
		DEFAULTS = Collections.unmodifiableMap(d);
	}

	private final JsonObject values;
	private final Layout layout;
	private final int channel340;
	private final double frameIntervalSeconds;
	private final BackgroundSettings background;
	private final String backgroundRoi;
	private final RatioSettings ratio;
	private final SegmentationSettings segmentation;
	private final boolean perFrame;
	private final int segmentationWindow;
	private final int trackMaxGapFrames;
	private final double trackMaxDistancePx;
	private final Path tracksFile;
	private final boolean driftCorrection;
	private final Path labelsFile;
	private final Path roisFile;
	private final Path calibrationFile;
	/** null = none given: the settings measure ratios only ({@link #measurement}) */
	private final Calibration calibration;
	private final CalibrationFile calibrationRecord;
	private final int baselineFrames;
	private final CalciumTrace calcium;
	private final double kdCaMicromolar;
	private final double caMaxRiseMillimolarPerSecond;
	private final String pair340Marker, pair380Marker;
	private final Integer slurmMemMiB, slurmTimeMinutes, frameThreads;

	/**
	 * Validates the values; reads no file.
	 *
	 * @param calibrationRecord the calibration file {@link #KEY_CALIBRATION} names, read by the factory; null = none
	 * @param caFromFile the [Ca2+] file {@link #KEY_CA_FILE} names, read by the factory; null = none
	 * @param calibrationNeeded true: refuse settings without a complete calibration (runs); false: a calibration is
	 *          optional (measurement only), but one given in part is still refused
	 * @param p the problems the factory found (unknown keys, files that do not read), to which these add
	 */
	private PipelineSettings(JsonObject v, CalibrationFile calibrationRecord, CalciumTrace caFromFile,
		boolean calibrationNeeded, SettingsException.Collector p)
	{
		this.values = v;
		// every problem is collected (a value of the wrong type counts as its default for the checks that follow, so
		// it is reported once), then all are thrown together
		String layoutName = read(p, () -> string(v, KEY_LAYOUT), "auto");
		if (!oneOf(p, KEY_LAYOUT, layoutName, keysOf(Layout.values()))) layoutName = "auto";
		layout = Layout.parse(layoutName);
		channel340 = read(p, () -> integer(v, KEY_CHANNEL340), 1);
		if (channel340 != 1 && channel340 != 2) p.add(KEY_CHANNEL340, "must be 1 or 2, got " + channel340);
		frameIntervalSeconds = read(p, () -> optionalNumber(v, KEY_FRAME_INTERVAL), Double.NaN);
		if (!Double.isNaN(frameIntervalSeconds) && !(frameIntervalSeconds > 0)) p.add(KEY_FRAME_INTERVAL,
			"must be > 0 s, got " + frameIntervalSeconds);
		String method = read(p, () -> string(v, KEY_BACKGROUND), null);
		BackgroundSettings.Builder bg = BackgroundSettings.builder();
		if (method != null && oneOf(p, KEY_BACKGROUND, method, keysOf(BackgroundMethod.values()))) bg.method(
			BackgroundMethod.parse(method));
		bg.constant340(read(p, () -> number(v, KEY_BG340), 0.0)).constant380(read(p, () -> number(v, KEY_BG380), 0.0))
			.surfaceDegree(read(p, () -> integer(v, KEY_SURFACE_DEGREE), BackgroundSettings.DEFAULT_SURFACE_DEGREE))
			.guardPx(read(p, () -> number(v, KEY_GUARD), BackgroundSettings.DEFAULT_GUARD_PX)).ringWidthPx(read(p,
				() -> number(v, KEY_RING), BackgroundSettings.DEFAULT_RING_WIDTH_PX)).clipSigma(read(p, () -> number(v,
					KEY_CLIP_SIGMA), BackgroundSettings.DEFAULT_CLIP_SIGMA)).cameraOffset(read(p, () -> number(v,
						KEY_CAMERA_OFFSET), 0.0)).autofluorescence340(read(p, () -> number(v, KEY_AUTOFLUOR340), 0.0))
			.autofluorescence380(read(p, () -> number(v, KEY_AUTOFLUOR380), 0.0));
		background = build(p, bg::build, () -> BackgroundSettings.builder().build());
		backgroundRoi = read(p, () -> optionalString(v, KEY_BG_ROI), null);
		if (background.method() == BackgroundMethod.ROI && backgroundRoi == null && !p.has(KEY_BG_ROI)) p.add(KEY_BG_ROI,
			"background 'roi' needs a cell-free region as x,y,width,height or an ImageJ .roi file");
		double saturation = read(p, () -> optionalNumber(v, KEY_SATURATION), Double.NaN), minSignal = read(p,
			() -> number(v, KEY_MIN_SIGNAL), RatioSettings.DEFAULT_MIN_SIGNAL_SIGMA);
		int inset = read(p, () -> integer(v, KEY_MEASURE_INSET), RatioSettings.DEFAULT_MEASURE_INSET_PX);
		ratio = build(p, () -> new RatioSettings(saturation, minSignal, inset), RatioSettings::defaults);
		String border = read(p, () -> string(v, KEY_BORDER), "keep");
		if (!border.equals("keep") && !border.equals("drop")) p.add(KEY_BORDER, "must be 'keep' or 'drop', got '" +
			io.github.magratio.util.Text.quote(border) + "'");
		double maxArea = read(p, () -> optionalNumber(v, KEY_MAX_AREA), Double.NaN);
		double diameter = read(p, () -> optionalNumber(v, KEY_CELL_DIAMETER), Double.NaN);
		String threshold = read(p, () -> string(v, KEY_THRESHOLD), SegmentationSettings.DEFAULT_THRESHOLD);
		if (!oneOf(p, KEY_THRESHOLD, threshold, Arrays.asList(Thresholds.names()))) threshold =
			SegmentationSettings.DEFAULT_THRESHOLD;
		SegmentationSettings.Builder seg = SegmentationSettings.builder().detector(read(p, () -> string(v,
			KEY_DETECTOR), SegmentationSettings.DEFAULT_DETECTOR)).cellDiameterPx(Double.isNaN(diameter) ? 0 : diameter)
			.growFraction(read(p, () -> number(v, KEY_GROW_FRACTION), SegmentationSettings.DEFAULT_GROW_FRACTION))
			.splitDepth(read(p, () -> number(v, KEY_SPLIT_DEPTH), SegmentationSettings.DEFAULT_SPLIT_DEPTH)).shapeSplit(
				read(p, () -> number(v, KEY_SHAPE_SPLIT), SegmentationSettings.DEFAULT_SHAPE_SPLIT)).minSnr(read(p,
					() -> number(v, KEY_MIN_SNR), SegmentationSettings.DEFAULT_MIN_SNR)).minTextureContrast(read(p,
						() -> number(v, KEY_MIN_TEXTURE_CONTRAST), SegmentationSettings.DEFAULT_MIN_TEXTURE_CONTRAST))
			.minSharpness(read(p, () -> number(v, KEY_MIN_SHARPNESS), SegmentationSettings.DEFAULT_MIN_SHARPNESS))
			.detectBackground(read(p, () -> string(v, KEY_DETECT_BACKGROUND), SegmentationSettings.BACKGROUND_LOCAL))
			.specimen(read(p, () -> string(v, KEY_SPECIMEN), SegmentationSettings.SPECIMEN_DISH))
			.backgroundScale(read(p, () -> number(v, KEY_BACKGROUND_SCALE), SegmentationSettings.DEFAULT_BACKGROUND_SCALE))
			.threshold(Thresholds.canonical(threshold)).smoothPx(read(p, () -> number(v, KEY_SMOOTH),
				SegmentationSettings.DEFAULT_SMOOTH_PX)).flattenDegree(read(p, () -> integer(v, KEY_FLATTEN),
					SegmentationSettings.DEFAULT_FLATTEN_DEGREE)).fillHoles(read(p, () -> bool(v, KEY_FILL_HOLES), true))
			.minAreaPx(read(p, () -> integer(v, KEY_MIN_AREA), (int) SegmentationSettings.DEFAULT_MIN_AREA_PX))
			.maxAreaPx(Double.isNaN(maxArea) ? Long.MAX_VALUE : (long) maxArea).watershed(read(p, () -> bool(v,
				KEY_WATERSHED), true)).watershedTolerancePx(read(p, () -> number(v, KEY_WATERSHED_TOLERANCE),
					SegmentationSettings.DEFAULT_WATERSHED_TOLERANCE_PX)).dropBorderCells(border.equals("drop"));
		segmentation = build(p, seg::build, () -> SegmentationSettings.builder().build());
		String timing = read(p, () -> string(v, KEY_SEGMENTATION), SEGMENTATION_STATIC);
		perFrame = SEGMENTATION_PER_FRAME.equals(timing);
		if (!perFrame && !SEGMENTATION_STATIC.equals(timing)) p.add(KEY_SEGMENTATION, "must be " + SEGMENTATION_STATIC +
			" or " + SEGMENTATION_PER_FRAME + ", got '" + timing + "'");
		segmentationWindow = read(p, () -> integer(v, KEY_SEGMENTATION_WINDOW), 1);
		if (segmentationWindow < 1 || segmentationWindow % 2 == 0 || segmentationWindow > 99) p.add(
			KEY_SEGMENTATION_WINDOW, "must be an odd number of frames 1..99 (centred on each frame), got " +
				segmentationWindow);
		String tracking = read(p, () -> string(v, KEY_TRACKING), TRACKING_OVERLAP);
		if (!TRACKING_OVERLAP.equals(tracking)) p.add(KEY_TRACKING, "must be " + TRACKING_OVERLAP +
			" (overlap, then distance, then gap closing), got '" + tracking + "'");
		trackMaxGapFrames = read(p, () -> integer(v, KEY_TRACK_MAX_GAP),
			io.github.magratio.core.OverlapLinker.DEFAULT_MAX_GAP_FRAMES);
		if (trackMaxGapFrames < 0 || trackMaxGapFrames > 100) p.add(KEY_TRACK_MAX_GAP, "must be 0..100 frames, got " +
			trackMaxGapFrames);
		trackMaxDistancePx = read(p, () -> optionalNumber(v, KEY_TRACK_MAX_DISTANCE), Double.NaN);
		if (!Double.isNaN(trackMaxDistancePx) && !(trackMaxDistancePx > 0)) p.add(KEY_TRACK_MAX_DISTANCE,
			"must be > 0 px or null (each track's cell diameter), got " + trackMaxDistancePx);
		tracksFile = read(p, () -> optionalPath(v, KEY_TRACKS), null);
		String drift = read(p, () -> string(v, KEY_DRIFT_CORRECTION), "none");
		if (!drift.equals("none") && !drift.equals(DRIFT_TRANSLATION)) p.add(KEY_DRIFT_CORRECTION, "must be none or " +
			DRIFT_TRANSLATION + ", got '" + drift + "'");
		driftCorrection = drift.equals(DRIFT_TRANSLATION);
		// a conflict between keys is one problem, on the key that asks for the extra (drift correction, the ROI set,
		// the tracks file, the [Ca2+] file), the other keys named in the reason
		if (driftCorrection && (perFrame || tracksFile != null)) p.add(KEY_DRIFT_CORRECTION, DRIFT_TRANSLATION +
			" moves one static mask with the field: it does not go with ", ref(KEY_SEGMENTATION), " " +
				SEGMENTATION_PER_FRAME + " or ", ref(KEY_TRACKS), " (cells per frame)");
		labelsFile = read(p, () -> optionalPath(v, KEY_LABELS), null);
		roisFile = read(p, () -> optionalPath(v, KEY_ROIS), null);
		if (labelsFile != null && roisFile != null) p.add(KEY_ROIS, "give either ", ref(KEY_LABELS), " or ", ref(KEY_ROIS),
			", not both");
		if (tracksFile != null && (labelsFile != null || roisFile != null || perFrame)) p.add(KEY_TRACKS,
			"gives the cells of every frame: leave out ", ref(KEY_LABELS), ", ", ref(KEY_ROIS), " and ", ref(
				KEY_SEGMENTATION), " " + SEGMENTATION_PER_FRAME);
		calibrationFile = read(p, () -> optionalPath(v, KEY_CALIBRATION), null);
		this.calibrationRecord = calibrationRecord;
		UserMistake noCalibration = null;
		Calibration cal = null;
		try {
			cal = resolveCalibration(v, calibrationRecord, calibrationNeeded);
		} catch (SettingsException e) {
			// a value of the wrong type is reported once, by the first read of it
			for (SettingsProblem q : e.problems())
				if (!p.has(q.key())) p.add(q);
		} catch (UserMistake e) {
			noCalibration = e;
		}
		calibration = cal;
		baselineFrames = read(p, () -> integer(v, KEY_BASELINE_FRAMES), 5);
		if (baselineFrames < 1) p.add(KEY_BASELINE_FRAMES, "must be >= 1, got " + baselineFrames);
		double ca = read(p, () -> optionalNumber(v, KEY_CA), Double.NaN);
		Path caFile = read(p, () -> optionalPath(v, KEY_CA_FILE), null);
		if (!Double.isNaN(ca) && caFile != null) p.add(KEY_CA_FILE, "give either ", ref(KEY_CA), " (a constant [Ca2+]) or ",
			ref(KEY_CA_FILE), " ([Ca2+] per frame), not both");
		calcium = caFile != null ? caFromFile : Double.isNaN(ca) ? null : CalciumTrace.constant(ca);
		kdCaMicromolar = read(p, () -> number(v, KEY_KD_CA), CalciumCorrection.DEFAULT_KD_CA_MICROMOLAR);
		if (!(kdCaMicromolar > 0)) p.add(KEY_KD_CA, "must be > 0 uM, got " + kdCaMicromolar);
		caMaxRiseMillimolarPerSecond = read(p, () -> number(v, KEY_CA_MAX_RISE),
			DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND);
		if (!(caMaxRiseMillimolarPerSecond > 0)) p.add(KEY_CA_MAX_RISE, "must be > 0 mM/s, got " +
			caMaxRiseMillimolarPerSecond);
		String m340 = read(p, () -> optionalString(v, KEY_PAIR340), null), m380 = read(p, () -> optionalString(v,
			KEY_PAIR380), null);
		pair340Marker = m340 == null ? "" : m340;
		pair380Marker = m380 == null ? "" : m380;
		if (pair340Marker.isEmpty() != pair380Marker.isEmpty() || !pair340Marker.isEmpty() && pair340Marker.equals(
			pair380Marker) || (pair340Marker + pair380Marker).matches(".*[/\\\\].*")) p.add(KEY_PAIR380, "with ", ref(
				KEY_PAIR340), ": must both be empty (no pairs) or two different parts of a file name without path " +
					"separators, got '" + pair340Marker + "' and '" + pair380Marker + "'");
		slurmMemMiB = read(p, () -> optionalInteger(v, KEY_SLURM_MEM, 256, "MiB (the JVM alone needs 256)",
			"estimated"), null);
		slurmTimeMinutes = read(p, () -> optionalInteger(v, KEY_SLURM_TIME, 1, "minute", "estimated"), null);
		frameThreads = read(p, () -> optionalInteger(v, KEY_FRAME_THREADS, 1, "thread", "every core"), null);
		// a calibration file that did not read is the problem, not the calibration it would have given
		if (noCalibration != null && !p.has(KEY_CALIBRATION)) {
			// alone it keeps its own wording for each front end (UserMistake); with other problems it is one of them
			if (p.problems().isEmpty()) throw noCalibration;
			p.add(KEY_CALIBRATION, noCalibration.getMessage());
			throw new SettingsException(p.problems(), noCalibration);
		}
		p.throwIfAny();
	}

	/**
	 * @return the value {@code read} gives, or {@code fallback} when it is not valid (the problem recorded in
	 *         {@code p} unless its key already has one)
	 */
	private static <T> T read(SettingsException.Collector p, java.util.function.Supplier<T> read, T fallback) {
		try {
			return read.get();
		} catch (SettingsException e) {
			for (SettingsProblem q : e.problems())
				if (!p.has(q.key())) p.add(q);
			return fallback;
		}
	}

	/** @return the settings {@code build} makes, or those of {@code fallback} with its problems recorded in {@code p} */
	private static <T> T build(SettingsException.Collector p, java.util.function.Supplier<T> build,
		java.util.function.Supplier<T> fallback)
	{
		T t = read(p, build, null);
		return t != null ? t : fallback.get();
	}

	/** @return the calibration the values give, or null when they give none and {@code needed} is false */
	private static Calibration resolveCalibration(JsonObject v, CalibrationFile file, boolean needed) {
		Calibration base = file == null ? null : file.calibration();
		double kd = optionalNumber(v, KEY_KD), rmin = optionalNumber(v, KEY_RMIN), rmax = optionalNumber(v, KEY_RMAX),
				beta = optionalNumber(v, KEY_BETA);
		if (base == null) {
			boolean none = Double.isNaN(rmin) && Double.isNaN(rmax) && Double.isNaN(beta);
			if (none && !needed) return null;
			if (Double.isNaN(rmin) || Double.isNaN(rmax) || Double.isNaN(beta)) throw noCalibration(rmin, rmax, beta);
			return new Calibration(Double.isNaN(kd) ? Calibration.DEFAULT_KD_MILLIMOLAR : kd, rmin, rmax, beta);
		}
		boolean overridden = !Double.isNaN(kd) || !Double.isNaN(rmin) || !Double.isNaN(rmax) || !Double.isNaN(beta);
		if (!overridden) return base;
		// an overridden constant loses the file's standard error for it
		return new Calibration(pick(kd, base.kdMillimolar()), pick(rmin, base.rmin()), pick(rmax, base.rmax()), pick(
			beta, base.beta()), Double.isNaN(kd) ? base.kdMillimolarSe() : 0, Double.isNaN(rmin) ? base.rminSe() : 0,
			Double.isNaN(rmax) ? base.rmaxSe() : 0, Double.isNaN(beta) ? base.betaSe() : 0);
	}

	/** @return the error of a missing or incomplete calibration, naming the options as the reader knows them */
	private static UserMistake noCalibration(double rmin, double rmax, double beta) {
		// named as the reader knows them (flags, or dialog fields and macro keys)
		List<Object> parts = new ArrayList<>(Arrays.asList("no calibration: give a calibration file (", SettingNames
			.named(KEY_CALIBRATION), ") or ", SettingNames.named(KEY_RMIN), ", ", SettingNames.named(KEY_RMAX), " and ",
			SettingNames.named(KEY_BETA), " (", SettingNames.named(KEY_KD), " defaults to " +
				Calibration.DEFAULT_KD_MILLIMOLAR + " mM); missing: "));
		String sep = "";
		for (Object[] k : new Object[][] { { rmin, KEY_RMIN }, { rmax, KEY_RMAX }, { beta, KEY_BETA } })
			if (Double.isNaN((Double) k[0])) {
				parts.add(sep);
				parts.add(SettingNames.named((String) k[1]));
				sep = ", ";
			}
		return new UserMistake(parts.toArray());
	}

	private static double pick(double given, double base) {
		return Double.isNaN(given) ? base : given;
	}

	/**
	 * Builds the settings of a run from a flat JSON object; missing keys take their defaults.
	 *
	 * @throws SettingsException with every problem at once, each by its key: an unknown key; a calibration or [Ca2+]
	 *           file that does not read (missing, not valid), on {@link #KEY_CALIBRATION} or {@link #KEY_CA_FILE}
	 *           naming the file; every value of the wrong type or out of range. A limit between two keys is one
	 *           problem, on the key checked ({@code max_area_px} against {@code min_area_px}, {@code rmax} against
	 *           {@code rmin}), or on {@code rmin} when only it was given over a calibration file's rmax
	 * @throws UserMistake when no calibration is given ({@link #KEY_CALIBRATION}, or {@link #KEY_RMIN}, {@link
	 *           #KEY_RMAX} and {@link #KEY_BETA}) and nothing else is wrong: a run converts ratios to [Mg2+] (with other
	 *           problems it is one of the {@link SettingsException}'s, on {@link #KEY_CALIBRATION})
	 * @throws IOException when a calibration or [Ca2+] file cannot be read for a reason of the machine (an I/O
	 *           error, permission denied), which no setting fixes
	 */
	public static PipelineSettings fromJson(JsonObject json) throws IOException {
		return fromJson(json, true);
	}

	/** @param calibrationNeeded false: settings without a calibration are valid (measurement only) */
	private static PipelineSettings fromJson(JsonObject json, boolean calibrationNeeded) throws IOException {
		JsonObject v = new JsonObject();
		for (Map.Entry<String, JsonElement> e : DEFAULTS.entrySet())
			v.add(e.getKey(), e.getValue());
		SettingsException.Collector problems = new SettingsException.Collector();
		boolean knownListed = false;
		for (Map.Entry<String, JsonElement> e : json.entrySet()) {
			if (!DEFAULTS.containsKey(e.getKey())) {
				// a near key named, else the known keys, once: the message stays one readable line
				String near = io.github.magratio.util.Text.nearest(e.getKey(), DEFAULTS.keySet());
				problems.add(io.github.magratio.util.Text.quote(e.getKey()), near != null ? "unknown setting (did you " +
					"mean " + near + "?)" : knownListed ? "unknown setting" : "unknown setting (known: " + String.join(
						", ", DEFAULTS.keySet()) + ")");
				knownListed |= near == null;
				continue;
			}
			v.add(e.getKey(), e.getValue() == null ? JsonNull.INSTANCE : e.getValue());
		}
		absolutePaths(v);
		// the files are read here, not in the constructor, which only validates values; a file that does not read is
		// one problem among the others. A path or [Ca2+] of the wrong type is the constructor's to report; a [Ca2+]
		// file given with a constant [Ca2+] is not read: the constructor refuses the pair
		Path calibration = orNull(() -> optionalPath(v, KEY_CALIBRATION)), caFile = orNull(() -> optionalPath(v,
			KEY_CA_FILE));
		Double ca = orNull(() -> optionalNumber(v, KEY_CA));
		CalibrationFile record = calibration == null ? null : readFile(problems, KEY_CALIBRATION, calibration,
			CalibrationFile::read);
		CalciumTrace trace = caFile != null && (ca == null || Double.isNaN(ca)) ? readFile(problems, KEY_CA_FILE,
			caFile, CalciumTrace::read) : null;
		try {
			return new PipelineSettings(v, record, trace, calibrationNeeded, problems);
		} catch (SettingsException e) {
			throw onTheKeyGiven(e, json, record);
		}
	}

	/** @return what {@code read} gives, or null when the value is not valid (reported where it is checked) */
	private static <T> T orNull(java.util.function.Supplier<T> read) {
		try {
			return read.get();
		} catch (SettingsException e) {
			return null;
		}
	}

	/** Reads a file a setting names. */
	private interface FileReader<T> {
		T read(Path file) throws IOException;
	}

	/**
	 * @return the file {@code key} names, read, or null when it does not read for a reason the user can fix (missing,
	 *         not valid): that reason is recorded in {@code p} on {@code key}, naming the file
	 * @throws IOException when the machine fails to read it (an I/O error, permission denied)
	 */
	private static <T> T readFile(SettingsException.Collector p, String key, Path file, FileReader<T> reader)
		throws IOException
	{
		try {
			return reader.read(file);
		} catch (IOException | IllegalArgumentException e) {
			io.github.magratio.util.Failure f = io.github.magratio.util.Failure.of(e);
			if (!f.userError) throw e;
			p.add(key, f.message.contains(file.toString()) ? f.message : file + ": " + f.message);
			return null;
		}
	}

	/**
	 * Rmax below Rmin is found on rmax ({@link Calibration}); when the user gave only rmin, on top of a calibration
	 * file's rmax, it is rmin that is wrong, and the problem names it.
	 */
	private static SettingsException onTheKeyGiven(SettingsException e, JsonObject given, CalibrationFile file) {
		if (file == null || !given.has(KEY_RMIN) || given.has(KEY_RMAX) && !given.get(KEY_RMAX).isJsonNull())
			return e;
		List<SettingsProblem> problems = new ArrayList<>();
		boolean changed = false;
		for (SettingsProblem q : e.problems())
			if (q.key().equals(KEY_RMAX) && q.refs().contains(KEY_RMIN)) {
				problems.add(SettingsProblem.of(KEY_RMIN, "must be less than ", ref(KEY_RMAX), " (" + file.calibration()
					.rmax() + " in the calibration file), got " + given.get(KEY_RMIN)));
				changed = true;
			}
			else problems.add(q);
		return changed ? new SettingsException(problems, e) : e;
	}

	/**
	 * Reads the settings file of a run and applies {@code overrides} (e.g. CLI flags) on top; a calibration is needed
	 * (see {@link #fromJson}).
	 *
	 * @param file may be null: defaults plus overrides
	 */
	public static PipelineSettings load(Path file, JsonObject overrides) throws IOException {
		return load(file, overrides, true);
	}

	private static PipelineSettings load(Path file, JsonObject overrides, boolean calibrationNeeded)
		throws IOException
	{
		JsonObject merged = new JsonObject();
		if (file != null) {
			JsonElement root = Json.parse(file, "settings file " + file);
			if (!root.isJsonObject()) throw new IllegalArgumentException("settings file " + file +
				" must hold a JSON object of settings");
			for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet())
				merged.add(e.getKey(), e.getValue());
			// relative paths in a settings file are relative to the file
			Path base = file.toAbsolutePath().getParent();
			for (String k : new String[] { KEY_LABELS, KEY_ROIS, KEY_CALIBRATION, KEY_BG_ROI, KEY_CA_FILE })
				if (merged.has(k) && merged.get(k).isJsonPrimitive()) {
					String s = merged.get(k).getAsString();
					if (!k.equals(KEY_BG_ROI) || s.toLowerCase(Locale.ROOT).endsWith(".roi")) {
						Path p = Paths.get(s);
						if (!p.isAbsolute()) merged.addProperty(k, base.resolve(p).normalize().toString());
					}
				}
		}
		if (overrides != null) for (Map.Entry<String, JsonElement> e : overrides.entrySet())
			merged.add(e.getKey(), e.getValue());
		try {
			return fromJson(merged, calibrationNeeded);
		} catch (SettingsException e) {
			throw file == null ? e : e.in("settings file " + file);
		} catch (IllegalArgumentException e) {
			throw file == null ? e : new IllegalArgumentException("settings file " + file + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Settings that measure ratios but do not convert them to [Mg2+] (in-situ calibration, Kd titration, the step
	 * commands Segment Cells and Subtract Background, segment-eval): {@code config} and {@code overrides} without any
	 * calibration ({@link #hasCalibration()} is false; the calibration keys of {@code config} are ignored and no
	 * calibration file is read). {@link RecordingAnalysis#analyse} then gives ratios, and [Mg2+] NaN.
	 *
	 * @param config a pipeline settings JSON, or null for defaults
	 * @param overrides settings keys applied on top (e.g. layout, channel340), or null
	 * @throws IllegalArgumentException naming the settings file and key
	 */
	public static PipelineSettings measurement(Path config, JsonObject overrides) throws IOException {
		JsonObject j = overrides == null ? new JsonObject() : overrides.deepCopy();
		for (String k : new String[] { KEY_CALIBRATION, KEY_KD, KEY_RMIN, KEY_RMAX, KEY_BETA })
			j.add(k, JsonNull.INSTANCE);
		return load(config, j, false);
	}

	/**
	 * Makes the file paths of the settings absolute (against the working directory), so that run.json records where
	 * the files really were and its settings replay from anywhere.
	 */
	private static void absolutePaths(JsonObject v) {
		for (String k : new String[] { KEY_LABELS, KEY_ROIS, KEY_CALIBRATION, KEY_CA_FILE, KEY_BG_ROI }) {
			JsonElement e = v.get(k);
			if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) continue;
			String path = e.getAsString().trim();
			if (path.isEmpty() || k.equals(KEY_BG_ROI) && !path.toLowerCase(Locale.ROOT).endsWith(".roi")) continue;
			v.addProperty(k, Paths.get(path).toAbsolutePath().normalize().toString());
		}
	}

	/** @return every file these settings read (labels, ROIs, calibration, [Ca2+] file, background ROI file) */
	public List<Path> inputFiles() {
		List<Path> files = new ArrayList<>();
		for (Path p : new Path[] { labelsFile, roisFile, calibrationFile, calcium == null ? null : calcium.file() })
			if (p != null) files.add(p);
		if (backgroundRoi != null && backgroundRoi.toLowerCase(Locale.ROOT).endsWith(".roi")) files.add(Paths.get(
			backgroundRoi));
		return files;
	}

	/** @return every setting with its effective value (defaults filled in), as replayable JSON */
	public JsonObject toJson() {
		return values.deepCopy();
	}

	/**
	 * @return a copy with some settings replaced (same validation as {@link #fromJson}; settings without a
	 *         calibration may stay without one)
	 */
	public PipelineSettings with(JsonObject changes) throws IOException {
		JsonObject v = values.deepCopy();
		for (Map.Entry<String, JsonElement> e : changes.entrySet())
			v.add(e.getKey(), e.getValue());
		return fromJson(v, calibration != null);
	}

	/** @return the channel layout */
	public Layout layout() {
		return layout;
	}

	/** @return which channel is 340 nm (1 or 2) */
	public int channel340() {
		return channel340;
	}

	/** @return the frame interval in seconds, NaN = from the file */
	public double frameIntervalSeconds() {
		return frameIntervalSeconds;
	}

	/** @return background settings */
	public BackgroundSettings background() {
		return background;
	}

	/** @return the ROI-method region spec ("x,y,w,h" or a .roi path), or null */
	public String backgroundRoi() {
		return backgroundRoi;
	}

	/** @return ratio validity settings */
	public RatioSettings ratio() {
		return ratio;
	}

	/** @return automatic segmentation settings */
	public SegmentationSettings segmentation() {
		return segmentation;
	}

	/** @return true for per-frame segmentation ({@value #SEGMENTATION_PER_FRAME}), false for one static mask */
	public boolean perFrameSegmentation() {
		return perFrame;
	}

	/** @return frames averaged (centred) for each frame's segmentation in per-frame mode, odd, 1 = the frame alone */
	public int segmentationWindow() {
		return segmentationWindow;
	}

	/** @return frames a cell may be missing and still continue its track (per-frame segmentation) */
	public int trackMaxGapFrames() {
		return trackMaxGapFrames;
	}

	/** @return the farthest link by distance in px, NaN = each track's cell diameter (per-frame segmentation) */
	public double trackMaxDistancePx() {
		return trackMaxDistancePx;
	}

	/** @return true when the static mask follows the field's drift ({@value #DRIFT_TRANSLATION}) */
	public boolean driftCorrection() {
		return driftCorrection;
	}

	/** @return a TrackMate XML whose spots are the cells of every frame, or null */
	public Path tracksFile() {
		return tracksFile;
	}

	/** @return a user label image, or null */
	public Path labelsFile() {
		return labelsFile;
	}

	/** @return a user ROI set, or null */
	public Path roisFile() {
		return roisFile;
	}

	/** @return the calibration file given, or null */
	public Path calibrationFile() {
		return calibrationFile;
	}

	/** @return the calibration file's content, or null */
	public CalibrationFile calibrationRecord() {
		return calibrationRecord;
	}

	/** @return true when the settings hold a calibration: always for a run's, never for {@link #measurement}'s */
	public boolean hasCalibration() {
		return calibration != null;
	}

	/**
	 * @return the effective calibration (file, then individual overrides)
	 * @throws UserMistake naming the calibration options when there is none ({@link #measurement} settings)
	 */
	public Calibration calibration() {
		if (calibration == null) throw noCalibration(Double.NaN, Double.NaN, Double.NaN);
		return calibration;
	}

	/** @return frames averaged for baseline and final values */
	public int baselineFrames() {
		return baselineFrames;
	}

	/** @return the free [Ca2+] ({@link #KEY_CA} or {@link #KEY_CA_FILE}), or null when not given */
	public CalciumTrace calcium() {
		return calcium;
	}

	/** @return Kd of the indicator for Ca2+, uM ({@link #KEY_KD_CA}; default unverified, see there) */
	public double kdCaMicromolar() {
		return kdCaMicromolar;
	}

	/** @return the fastest plausible rise of free [Mg2+], mM/s ({@link #KEY_CA_MAX_RISE}) */
	public double caMaxRiseMillimolarPerSecond() {
		return caMaxRiseMillimolarPerSecond;
	}

	/** @return the file-name marker of a pair's 340 nm stack ({@link #KEY_PAIR340}), "" = no pairing */
	public String pair340Marker() {
		return pair340Marker;
	}

	/** @return the file-name marker of a pair's 380 nm stack ({@link #KEY_PAIR380}), "" = no pairing */
	public String pair380Marker() {
		return pair380Marker;
	}

	/** @return the memory per SLURM task, MiB ({@link #KEY_SLURM_MEM}), or null = estimated */
	public Integer slurmMemMiB() {
		return slurmMemMiB;
	}

	/** @return the time limit per SLURM task, minutes ({@link #KEY_SLURM_TIME}), or null = estimated */
	public Integer slurmTimeMinutes() {
		return slurmTimeMinutes;
	}

	// --- typed access with messages naming the key ---

	/** @return the frames processed at once ({@link #KEY_FRAME_THREADS}): the setting, else every core */
	public int frameThreads() {
		return frameThreads != null ? frameThreads : Runtime.getRuntime().availableProcessors();
	}

	/** @return the problem of one key, thrown */
	private static SettingsException problem(String key, Object... reason) {
		return new SettingsException(Collections.singletonList(SettingsProblem.of(key, reason)));
	}

	/** @return true when {@code value} is one of {@code names} (any case), else records the problem */
	private static boolean oneOf(SettingsException.Collector p, String key, String value, List<String> names) {
		for (String n : names)
			if (n.equalsIgnoreCase(value == null ? "" : value.trim())) return true;
		p.add(key, "must be one of " + String.join(", ", names) + ", got '" + io.github.magratio.util.Text.quote(value) +
			"'");
		return false;
	}

	/** @return the settings names of an enum's constants (their {@code key()}) */
	private static List<String> keysOf(Enum<?>[] values) {
		List<String> names = new ArrayList<>();
		for (Enum<?> e : values)
			names.add(e.name().toLowerCase(Locale.ROOT));
		return names;
	}

	/** @param ifNull what null means, for the message (e.g. "estimated") */
	private static Integer optionalInteger(JsonObject v, String key, int min, String unit, String ifNull) {
		JsonElement e = v.get(key);
		if (e == null || e.isJsonNull()) return null;
		int i = integer(v, key);
		if (i < min) throw problem(key, "must be at least " + min + " " + unit + ", got " + i + " (null = " + ifNull +
			")");
		return i;
	}

	private static String string(JsonObject v, String key) {
		JsonElement e = v.get(key);
		if (e == null || !e.isJsonPrimitive()) throw problem(key, "must be a string, got " + Json.shown(e));
		return e.getAsString().trim();
	}

	private static String optionalString(JsonObject v, String key) {
		JsonElement e = v.get(key);
		if (e == null || e.isJsonNull()) return null;
		String s = string(v, key);
		return s.isEmpty() ? null : s;
	}

	private static Path optionalPath(JsonObject v, String key) {
		String s = optionalString(v, key);
		try {
			return s == null ? null : Paths.get(s);
		} catch (java.nio.file.InvalidPathException e) {
			throw problem(key, "is not a valid file path: '" + io.github.magratio.util.Text.quote(s) + "'");
		}
	}

	private static double number(JsonObject v, String key) {
		JsonElement e = v.get(key);
		if (e == null || !e.isJsonPrimitive()) throw problem(key, "must be a number, got " + Json.shown(e));
		try {
			double d = e.getAsDouble();
			if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
			return d;
		} catch (NumberFormatException ex) {
			throw problem(key, "must be a number, got " + Json.shown(e));
		}
	}

	private static double optionalNumber(JsonObject v, String key) {
		JsonElement e = v.get(key);
		return e == null || e.isJsonNull() ? Double.NaN : number(v, key);
	}

	private static int integer(JsonObject v, String key) {
		double d = Double.NaN;
		try {
			d = number(v, key);
		} catch (SettingsException e) {
			// not a number at all: said as for a number that is not whole
		}
		if (Double.isNaN(d) || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw problem(key, "must be a whole number, got " +
			Json.shown(v.get(key)));
		return (int) d;
	}

	private static boolean bool(JsonObject v, String key) {
		JsonElement e = v.get(key);
		if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) return e.getAsBoolean();
		if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
			String s = e.getAsString().trim().toLowerCase(Locale.ROOT);
			if (Arrays.asList("true", "yes", "on").contains(s)) return true;
			if (Arrays.asList("false", "no", "off").contains(s)) return false;
		}
		throw problem(key, "must be true or false, got " + Json.shown(e));
	}

	/** @return the known keys */
	public static Set<String> keys() {
		return DEFAULTS.keySet();
	}
}
