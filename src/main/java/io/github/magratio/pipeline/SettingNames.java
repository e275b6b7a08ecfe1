package io.github.magratio.pipeline;

import static io.github.magratio.pipeline.PipelineSettings.*;

import io.github.magratio.util.Audience;
import io.github.magratio.util.Worded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one table from each {@link PipelineSettings} key to the names the front ends give it: the command-line option
 * ({@code magratio run}, {@code batch}, {@code calibrate}, {@code segment-eval} spell it alike) and the macro key of
 * the Fiji commands' parameter that sets it. Messages about settings ({@link io.github.magratio.core.SettingsProblem})
 * name keys; a front end words them through this table. The option is derived from the key where it can be ({@code
 * "--"}, the key without its unit suffix, {@code _} as {@code -}: {@code min_area_px} gives {@code --min-area}); the
 * exceptions and every macro key are listed here, with the dialog field's name where a message shared by the CLI and
 * the Fiji commands names the field ({@link #named}). A test checks the options against the picocli commands, the
 * macro keys against the commands' parameters and the field names against their labels.
 */
public final class SettingNames {

	/** Unit suffixes a key has and its option has not, longest first. */
	private static final String[] UNITS = { "_mM_per_s", "_marker", "_sigma", "_px", "_mM", "_uM", "_s" };

	/** Name of the calibration file field of the converting commands (their labels start with it). */
	public static final String CALIBRATION_FIELD = "Calibration file";
	/** Name of the Kd field. */
	public static final String KD_FIELD = "Kd";
	/** Name of the Rmin field. */
	public static final String RMIN_FIELD = "Rmin";
	/** Name of the Rmax field. */
	public static final String RMAX_FIELD = "Rmax";
	/** Name of the beta field. */
	public static final String BETA_FIELD = "beta";

	private static final Map<String, String> OPTION = new LinkedHashMap<>(), MACRO = new LinkedHashMap<>(),
			FIELD = new LinkedHashMap<>();

	static {
		for (String k : DEFAULTS.keySet())
			OPTION.put(k, derived(k));
		// options not derived from the key
		OPTION.put(KEY_RING, "--ring-width");
		OPTION.put(KEY_TRACK_MAX_GAP, "--max-gap");
		OPTION.put(KEY_TRACK_MAX_DISTANCE, "--max-link-distance");
		OPTION.put(KEY_FILL_HOLES, "--no-fill-holes");
		OPTION.put(KEY_WATERSHED, "--no-watershed");
		OPTION.put(KEY_FRAME_THREADS, "--threads");
		// settings only a settings file gives (slurm --mem and --time are options of their own, not these keys)
		OPTION.put(KEY_CLIP_SIGMA, null);
		OPTION.put(KEY_SLURM_MEM, null);
		OPTION.put(KEY_SLURM_TIME, null);

		// Segment Cells
		macro(KEY_DETECTOR, "detector");
		macro(KEY_CELL_DIAMETER, "diameter");
		macro(KEY_MIN_SNR, "minsnr");
		macro(KEY_MIN_TEXTURE_CONTRAST, "texture");
		macro(KEY_MIN_SHARPNESS, "sharpness");
		macro(KEY_GROW_FRACTION, "grow");
		macro(KEY_SPLIT_DEPTH, "split");
		macro(KEY_SHAPE_SPLIT, "shape");
		macro(KEY_DETECT_BACKGROUND, "detectbg");
		macro(KEY_SPECIMEN, "specimen");
		macro(KEY_BACKGROUND_SCALE, "bgscale");
		macro(KEY_THRESHOLD, "threshold");
		macro(KEY_SMOOTH, "smooth");
		macro(KEY_FLATTEN, "flatten");
		macro(KEY_FILL_HOLES, "fillholes");
		macro(KEY_MIN_AREA, "minarea");
		macro(KEY_MAX_AREA, "maxarea");
		macro(KEY_WATERSHED, "watershed");
		macro(KEY_WATERSHED_TOLERANCE, "tolerance");
		macro(KEY_BORDER, "border");
		// Subtract Background
		macro(KEY_BACKGROUND, "method");
		macro(KEY_BG_ROI, "roi");
		macro(KEY_SURFACE_DEGREE, "degree");
		macro(KEY_GUARD, "guard");
		macro(KEY_RING, "ring");
		macro(KEY_CLIP_SIGMA, "clip");
		macro(KEY_BG340, "bg340");
		macro(KEY_BG380, "bg380");
		macro(KEY_CAMERA_OFFSET, "offset");
		macro(KEY_AUTOFLUOR340, "af340");
		macro(KEY_AUTOFLUOR380, "af380");
		macro(KEY_SATURATION, "saturation");
		// the step commands' recording, Ratio Image, Measure Cells
		macro(KEY_CHANNEL340, "channel");
		macro(KEY_MIN_SIGNAL, "minsignal");
		macro(KEY_FRAME_INTERVAL, "interval");
		macro(KEY_MEASURE_INSET, "inset");
		macro(KEY_CA_MAX_RISE, "camaxrise");
		// Measure TrackMate Tracks
		macro(KEY_TRACKS, "tracks");
		// Run Pipeline, Ratio to [Mg2+], Batch Pipeline
		macro(KEY_CALIBRATION, "calibration", CALIBRATION_FIELD);
		macro(KEY_KD, "kd", KD_FIELD);
		macro(KEY_RMIN, "rmin", RMIN_FIELD);
		macro(KEY_RMAX, "rmax", RMAX_FIELD);
		macro(KEY_BETA, "beta", BETA_FIELD);
	}

	private SettingNames() {}

	private static String derived(String key) {
		String k = key;
		for (String u : UNITS)
			if (k.endsWith(u)) {
				k = k.substring(0, k.length() - u.length());
				break;
			}
		return "--" + k.replace('_', '-').toLowerCase(Locale.ROOT);
	}

	private static void macro(String key, String macroKey) {
		if (!DEFAULTS.containsKey(key)) throw new AssertionError("not a settings key: " + key);
		if (MACRO.containsValue(macroKey)) throw new AssertionError("macro key given twice: " + macroKey);
		MACRO.put(key, macroKey);
	}

	private static void macro(String key, String macroKey, String field) {
		macro(key, macroKey);
		FIELD.put(key, field);
	}

	/** @return the command-line option that sets {@code key} (e.g. {@code --min-area}), or null when none does */
	public static String option(String key) {
		return OPTION.get(key);
	}

	/** @return the macro key of the Fiji command parameter that sets {@code key}, or null when none does */
	public static String macroKey(String key) {
		return MACRO.get(key);
	}

	/** @return the name of the dialog field that sets {@code key} (the start of its label), or null when not listed */
	public static String field(String key) {
		return FIELD.get(key);
	}

	/**
	 * @return {@code key} as a part of a {@link io.github.magratio.util.UserMistake}: its command-line option for the
	 *         command line; its field and macro key ({@code "Rmin (macro key rmin)"}), or the macro key alone where no
	 *         field name is listed, in ImageJ
	 * @throws IllegalArgumentException when no option or no macro key sets {@code key}
	 */
	public static Worded named(String key) {
		String option = option(key), macro = macroKey(key), field = field(key);
		if (option == null || macro == null) throw new IllegalArgumentException("no option or macro key sets " + key);
		String imagej = field == null ? macro : field + " (macro key " + macro + ")";
		return new Worded() {
			@Override
			public String name(Audience audience) {
				return audience == Audience.IMAGEJ ? imagej : option;
			}

			@Override
			public String toString() {
				return option;
			}
		};
	}

	/** @return every settings key with its command-line option (null = none), in the schema's order */
	public static Map<String, String> options() {
		return Collections.unmodifiableMap(OPTION);
	}

	/** @return every settings key that a Fiji command parameter sets, with its macro key */
	public static Map<String, String> macroKeys() {
		return Collections.unmodifiableMap(MACRO);
	}
}
