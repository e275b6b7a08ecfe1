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
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Thresholds;
import io.github.magratio.util.Json;
import io.github.magratio.util.UserMistake;
import io.github.magratio.util.UserOption;

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
	public static final String KEY_BACKGROUND = "background";
	/** Constant background at 340 nm above the camera offset, counts (method constant). */
	public static final String KEY_BG340 = "bg340";
	/** Constant background at 380 nm above the camera offset, counts (method constant). */
	public static final String KEY_BG380 = "bg380";
	/** Cell-free region for method roi: "x,y,width,height" in pixels, or an ImageJ .roi file. */
	public static final String KEY_BG_ROI = "bg_roi";
	/** Polynomial degree 0..4 of the background surface (method surface). */
	public static final String KEY_SURFACE_DEGREE = "surface_degree";
	/** Band around cells never used as background, px. */
	public static final String KEY_GUARD = "guard_px";
	/** Width of the per-cell background annulus, px (method ring). */
	public static final String KEY_RING = "ring_px";
	/** Outlier rejection of the surface fit, robust SDs. */
	public static final String KEY_CLIP_SIGMA = "clip_sigma";
	/** Camera dark offset, counts, subtracted from both channels first. */
	public static final String KEY_CAMERA_OFFSET = "camera_offset";
	/** Autofluorescence of unloaded cells at 340 nm, counts. */
	public static final String KEY_AUTOFLUOR340 = "autofluorescence340";
	/** Autofluorescence of unloaded cells at 380 nm, counts. */
	public static final String KEY_AUTOFLUOR380 = "autofluorescence380";
	/** Saturation level in counts; null = the pixel type's maximum. */
	public static final String KEY_SATURATION = "saturation";
	/** Low-signal threshold in background noise SDs. */
	public static final String KEY_MIN_SIGNAL = "min_signal_sigma";
	/** Outer pixels of each cell left out of its means, px (0 = every pixel). */
	public static final String KEY_MEASURE_INSET = "measure_inset_px";
	/** A label image file (16-bit, 0 = background) instead of automatic segmentation. */
	public static final String KEY_LABELS = "labels";
	/** An ImageJ ROI set (.zip or .roi) instead of automatic segmentation. */
	public static final String KEY_ROIS = "rois";
	/** ImageJ auto-threshold method name. */
	public static final String KEY_THRESHOLD = "threshold";
	/** Gaussian smoothing before thresholding, px. */
	public static final String KEY_SMOOTH = "smooth_px";
	/** Degree of the surface removed before thresholding, -1 = none. */
	public static final String KEY_FLATTEN = "flatten_degree";
	/** Fill holes in cells. */
	public static final String KEY_FILL_HOLES = "fill_holes";
	/** Smallest cell, px. */
	public static final String KEY_MIN_AREA = "min_area_px";
	/** Largest cell, px; null = no limit. */
	public static final String KEY_MAX_AREA = "max_area_px";
	/** Split touching cells with a distance-transform watershed. */
	public static final String KEY_WATERSHED = "watershed";
	/** Watershed neck depth, px. */
	public static final String KEY_WATERSHED_TOLERANCE = "watershed_tolerance_px";
	/** Cells touching the border: keep or drop. */
	public static final String KEY_BORDER = "border";
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
	public static final String KEY_DETECTOR = "detector";
	/** Expected cell diameter, px; null = estimated from the image (seeded detector). */
	public static final String KEY_CELL_DIAMETER = "cell_diameter_px";
	/** Fraction of its own peak above the local background at which each object is cut (seeded). */
	public static final String KEY_GROW_FRACTION = "grow_fraction";
	/** Relative depth of the intensity valley that keeps two touching objects apart (seeded). */
	public static final String KEY_SPLIT_DEPTH = "split_depth";
	/** Relative depth of a neck in an object's outline that splits it in two (seeded), 0 = never. */
	public static final String KEY_SHAPE_SPLIT = "shape_split";
	/** Smallest contrast of a cell to its surround, in pixel-noise SDs (seeded). */
	public static final String KEY_MIN_SNR = "min_snr";
	/** Smallest contrast of a cell to its surround, in SDs of the local background texture (seeded). */
	public static final String KEY_MIN_TEXTURE_CONTRAST = "min_texture_contrast";
	/** Smallest step across a cell's free outline relative to its height above background (seeded). */
	public static final String KEY_MIN_SHARPNESS = "min_sharpness";
	/** Background model of the seeded detector: local (tissue, uneven fields) or surface (flat dishes). */
	public static final String KEY_DETECT_BACKGROUND = "detect_background";
	/** Scale of the seeded detector's local background, in cell diameters. */
	public static final String KEY_BACKGROUND_SCALE = "background_scale";
	/** Segmentation timings: one mask for the recording. */
	public static final String SEGMENTATION_STATIC = "static";
	/** Segmentation timings: a mask per frame. */
	public static final String SEGMENTATION_PER_FRAME = "per-frame";
	/** Calibration JSON file. */
	public static final String KEY_CALIBRATION = "calibration";
	/** Kd in mM (overrides the calibration file's). */
	public static final String KEY_KD = "kd_mM";
	/** Rmin (overrides the calibration file's). */
	public static final String KEY_RMIN = "rmin";
	/** Rmax (overrides the calibration file's). */
	public static final String KEY_RMAX = "rmax";
	/** beta (overrides the calibration file's). */
	public static final String KEY_BETA = "beta";
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
	 */
	private PipelineSettings(JsonObject v, CalibrationFile calibrationRecord, CalciumTrace caFromFile,
		boolean calibrationNeeded)
	{
		this.values = v;
		layout = Layout.parse(string(v, KEY_LAYOUT));
		channel340 = integer(v, KEY_CHANNEL340);
		if (channel340 != 1 && channel340 != 2) throw new IllegalArgumentException(KEY_CHANNEL340 +
			" must be 1 or 2, got " + channel340);
		frameIntervalSeconds = optionalNumber(v, KEY_FRAME_INTERVAL);
		if (!Double.isNaN(frameIntervalSeconds) && !(frameIntervalSeconds > 0)) throw new IllegalArgumentException(
			KEY_FRAME_INTERVAL + " must be > 0 s, got " + frameIntervalSeconds);
		background = BackgroundSettings.builder().method(BackgroundMethod.parse(string(v, KEY_BACKGROUND)))
			.constant340(number(v, KEY_BG340)).constant380(number(v, KEY_BG380)).surfaceDegree(integer(v,
				KEY_SURFACE_DEGREE)).guardPx(number(v, KEY_GUARD)).ringWidthPx(number(v, KEY_RING)).clipSigma(number(v,
					KEY_CLIP_SIGMA)).cameraOffset(number(v, KEY_CAMERA_OFFSET)).autofluorescence340(number(v,
						KEY_AUTOFLUOR340)).autofluorescence380(number(v, KEY_AUTOFLUOR380)).build();
		backgroundRoi = optionalString(v, KEY_BG_ROI);
		if (background.method() == BackgroundMethod.ROI && backgroundRoi == null) throw new IllegalArgumentException(
			"background 'roi' needs " + KEY_BG_ROI + ": a cell-free region as x,y,width,height or an ImageJ .roi file");
		ratio = new RatioSettings(optionalNumber(v, KEY_SATURATION), number(v, KEY_MIN_SIGNAL), integer(v,
			KEY_MEASURE_INSET));
		String border = string(v, KEY_BORDER);
		if (!border.equals("keep") && !border.equals("drop")) throw new IllegalArgumentException(KEY_BORDER +
			" must be 'keep' or 'drop', got '" + io.github.magratio.util.Text.quote(border) + "'");
		double maxArea = optionalNumber(v, KEY_MAX_AREA);
		double diameter = optionalNumber(v, KEY_CELL_DIAMETER);
		segmentation = SegmentationSettings.builder().detector(string(v, KEY_DETECTOR)).cellDiameterPx(Double.isNaN(
			diameter) ? 0 : diameter).growFraction(number(v, KEY_GROW_FRACTION)).splitDepth(number(v, KEY_SPLIT_DEPTH))
			.shapeSplit(number(v, KEY_SHAPE_SPLIT)).minSnr(number(v, KEY_MIN_SNR)).minTextureContrast(number(v,
				KEY_MIN_TEXTURE_CONTRAST)).minSharpness(number(v, KEY_MIN_SHARPNESS)).detectBackground(string(v,
					KEY_DETECT_BACKGROUND)).backgroundScale(number(v, KEY_BACKGROUND_SCALE)).threshold(Thresholds
						.canonical(string(v, KEY_THRESHOLD)))
			.smoothPx(number(v, KEY_SMOOTH)).flattenDegree(integer(v, KEY_FLATTEN)).fillHoles(bool(v, KEY_FILL_HOLES))
			.minAreaPx(integer(v, KEY_MIN_AREA)).maxAreaPx(Double.isNaN(maxArea) ? Long.MAX_VALUE : (long) maxArea)
			.watershed(bool(v, KEY_WATERSHED)).watershedTolerancePx(number(v, KEY_WATERSHED_TOLERANCE))
			.dropBorderCells(border.equals("drop")).build();
		perFrame = SEGMENTATION_PER_FRAME.equals(string(v, KEY_SEGMENTATION));
		if (!perFrame && !SEGMENTATION_STATIC.equals(string(v, KEY_SEGMENTATION))) throw new IllegalArgumentException(
			KEY_SEGMENTATION + " must be " + SEGMENTATION_STATIC + " or " + SEGMENTATION_PER_FRAME + ", got '" + string(v,
				KEY_SEGMENTATION) + "'");
		segmentationWindow = integer(v, KEY_SEGMENTATION_WINDOW);
		if (segmentationWindow < 1 || segmentationWindow % 2 == 0 || segmentationWindow > 99)
			throw new IllegalArgumentException(KEY_SEGMENTATION_WINDOW + " must be an odd number of frames 1..99 " +
				"(centred on each frame), got " + segmentationWindow);
		if (!TRACKING_OVERLAP.equals(string(v, KEY_TRACKING))) throw new IllegalArgumentException(KEY_TRACKING +
			" must be " + TRACKING_OVERLAP + " (overlap, then distance, then gap closing), got '" + string(v,
				KEY_TRACKING) + "'");
		trackMaxGapFrames = integer(v, KEY_TRACK_MAX_GAP);
		if (trackMaxGapFrames < 0 || trackMaxGapFrames > 100) throw new IllegalArgumentException(KEY_TRACK_MAX_GAP +
			" must be 0..100 frames, got " + trackMaxGapFrames);
		trackMaxDistancePx = optionalNumber(v, KEY_TRACK_MAX_DISTANCE);
		if (!Double.isNaN(trackMaxDistancePx) && !(trackMaxDistancePx > 0)) throw new IllegalArgumentException(
			KEY_TRACK_MAX_DISTANCE + " must be > 0 px or null (each track's cell diameter), got " + trackMaxDistancePx);
		tracksFile = optionalPath(v, KEY_TRACKS);
		String drift = string(v, KEY_DRIFT_CORRECTION);
		if (!drift.equals("none") && !drift.equals(DRIFT_TRANSLATION)) throw new IllegalArgumentException(
			KEY_DRIFT_CORRECTION + " must be none or " + DRIFT_TRANSLATION + ", got '" + drift + "'");
		driftCorrection = drift.equals(DRIFT_TRANSLATION);
		if (driftCorrection && (perFrame || tracksFile != null)) throw new IllegalArgumentException(
			KEY_DRIFT_CORRECTION + " " + DRIFT_TRANSLATION + " moves one static mask with the field: it does not go " +
				"with " + KEY_SEGMENTATION + " " + SEGMENTATION_PER_FRAME + " or " + KEY_TRACKS + " (cells per frame)");
		labelsFile = optionalPath(v, KEY_LABELS);
		roisFile = optionalPath(v, KEY_ROIS);
		if (labelsFile != null && roisFile != null) throw new IllegalArgumentException("give either " + KEY_LABELS +
			" or " + KEY_ROIS + ", not both");
		if (tracksFile != null && (labelsFile != null || roisFile != null || perFrame)) throw new IllegalArgumentException(
			KEY_TRACKS + " gives the cells of every frame: leave out " + KEY_LABELS + ", " + KEY_ROIS + " and " +
				KEY_SEGMENTATION + " " + SEGMENTATION_PER_FRAME);
		calibrationFile = optionalPath(v, KEY_CALIBRATION);
		this.calibrationRecord = calibrationRecord;
		calibration = resolveCalibration(v, calibrationRecord, calibrationNeeded);
		baselineFrames = integer(v, KEY_BASELINE_FRAMES);
		if (baselineFrames < 1) throw new IllegalArgumentException(KEY_BASELINE_FRAMES + " must be >= 1, got " +
			baselineFrames);
		double ca = optionalNumber(v, KEY_CA);
		Path caFile = optionalPath(v, KEY_CA_FILE);
		if (!Double.isNaN(ca) && caFile != null) throw new IllegalArgumentException("give either " + KEY_CA +
			" (a constant [Ca2+]) or " + KEY_CA_FILE + " ([Ca2+] per frame), not both");
		calcium = caFile != null ? caFromFile : Double.isNaN(ca) ? null : CalciumTrace.constant(ca);
		kdCaMicromolar = number(v, KEY_KD_CA);
		if (!(kdCaMicromolar > 0)) throw new IllegalArgumentException(KEY_KD_CA + " must be > 0 uM, got " +
			kdCaMicromolar);
		caMaxRiseMillimolarPerSecond = number(v, KEY_CA_MAX_RISE);
		if (!(caMaxRiseMillimolarPerSecond > 0)) throw new IllegalArgumentException(KEY_CA_MAX_RISE +
			" must be > 0 mM/s, got " + caMaxRiseMillimolarPerSecond);
		pair340Marker = optionalString(v, KEY_PAIR340) == null ? "" : optionalString(v, KEY_PAIR340);
		pair380Marker = optionalString(v, KEY_PAIR380) == null ? "" : optionalString(v, KEY_PAIR380);
		if (pair340Marker.isEmpty() != pair380Marker.isEmpty() || !pair340Marker.isEmpty() && pair340Marker.equals(
			pair380Marker) || (pair340Marker + pair380Marker).matches(".*[/\\\\].*")) throw new IllegalArgumentException(
				KEY_PAIR340 + " and " + KEY_PAIR380 + " must both be empty (no pairs) or two different parts of a file " +
					"name without path separators, got '" + pair340Marker + "' and '" + pair380Marker + "'");
		slurmMemMiB = optionalInteger(v, KEY_SLURM_MEM, 256, "MiB (the JVM alone needs 256)", "estimated");
		slurmTimeMinutes = optionalInteger(v, KEY_SLURM_TIME, 1, "minute", "estimated");
		frameThreads = optionalInteger(v, KEY_FRAME_THREADS, 1, "thread", "every core");
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
		List<Object> parts = new ArrayList<>(Arrays.asList("no calibration: give a calibration file (",
			UserOption.CALIBRATION, ") or ", UserOption.RMIN, ", ", UserOption.RMAX, " and ", UserOption.BETA, " (",
			UserOption.KD, " defaults to " + Calibration.DEFAULT_KD_MILLIMOLAR + " mM); missing: "));
		String sep = "";
		for (Object[] k : new Object[][] { { rmin, UserOption.RMIN }, { rmax, UserOption.RMAX }, { beta,
			UserOption.BETA } })
			if (Double.isNaN((Double) k[0])) {
				parts.add(sep);
				parts.add(k[1]);
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
	 * @throws IllegalArgumentException naming an unknown key, a value of the wrong type, or an invalid value; also
	 *           when no calibration is given ({@link #KEY_CALIBRATION}, or {@link #KEY_RMIN}, {@link #KEY_RMAX} and
	 *           {@link #KEY_BETA}): a run converts ratios to [Mg2+]
	 * @throws IOException when a referenced calibration file cannot be read
	 */
	public static PipelineSettings fromJson(JsonObject json) throws IOException {
		return fromJson(json, true);
	}

	/** @param calibrationNeeded false: settings without a calibration are valid (measurement only) */
	private static PipelineSettings fromJson(JsonObject json, boolean calibrationNeeded) throws IOException {
		JsonObject v = new JsonObject();
		for (Map.Entry<String, JsonElement> e : DEFAULTS.entrySet())
			v.add(e.getKey(), e.getValue());
		for (Map.Entry<String, JsonElement> e : json.entrySet()) {
			if (!DEFAULTS.containsKey(e.getKey())) throw new IllegalArgumentException("unknown setting '" + io.github.magratio.util.Text.quote(e.getKey()) +
				"' (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
			v.add(e.getKey(), e.getValue() == null ? JsonNull.INSTANCE : e.getValue());
		}
		absolutePaths(v);
		// the files are read here, not in the constructor, which only validates values; a [Ca2+] file given with a
		// constant [Ca2+] is not read: the constructor refuses the pair
		Path calibration = optionalPath(v, KEY_CALIBRATION), caFile = optionalPath(v, KEY_CA_FILE);
		boolean readCa = caFile != null && Double.isNaN(optionalNumber(v, KEY_CA));
		return new PipelineSettings(v, calibration == null ? null : CalibrationFile.read(calibration), readCa
			? CalciumTrace.read(caFile) : null, calibrationNeeded);
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

	/** @param ifNull what null means, for the message (e.g. "estimated") */
	private static Integer optionalInteger(JsonObject v, String key, int min, String unit, String ifNull) {
		JsonElement e = v.get(key);
		if (e == null || e.isJsonNull()) return null;
		int i = integer(v, key);
		if (i < min) throw new IllegalArgumentException("setting '" + key + "' must be at least " + min + " " + unit +
			", got " + i + " (null = " + ifNull + ")");
		return i;
	}

	private static String string(JsonObject v, String key) {
		JsonElement e = v.get(key);
		if (e == null || !e.isJsonPrimitive()) throw new IllegalArgumentException("setting '" + key +
			"' must be a string, got " + Json.shown(e));
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
			throw new IllegalArgumentException("setting '" + key + "' is not a valid file path: '" + io.github.magratio.util.Text.quote(s) + "'");
		}
	}

	private static double number(JsonObject v, String key) {
		JsonElement e = v.get(key);
		if (e == null || !e.isJsonPrimitive()) throw new IllegalArgumentException("setting '" + key +
			"' must be a number, got " + Json.shown(e));
		try {
			double d = e.getAsDouble();
			if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
			return d;
		} catch (NumberFormatException ex) {
			throw new IllegalArgumentException("setting '" + key + "' must be a number, got " + Json.shown(e));
		}
	}

	private static double optionalNumber(JsonObject v, String key) {
		JsonElement e = v.get(key);
		return e == null || e.isJsonNull() ? Double.NaN : number(v, key);
	}

	private static int integer(JsonObject v, String key) {
		double d = number(v, key);
		if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new IllegalArgumentException("setting '" + key +
			"' must be a whole number, got " + Json.shown(v.get(key)));
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
		throw new IllegalArgumentException("setting '" + key + "' must be true or false, got " + Json.shown(e));
	}

	/** @return the known keys */
	public static Set<String> keys() {
		return DEFAULTS.keySet();
	}
}
