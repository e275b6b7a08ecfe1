package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.SettingsException;
import io.github.magratio.core.SettingsProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings validation reports every invalid key at once, each as (key, reason) with the reason not repeating the key;
 * a value of the wrong type is one problem (not also a range problem); a limit between two keys is one problem on the
 * key the user set.
 */
class SettingsProblemsTest {

	@TempDir
	Path tmp;

	/** @return valid settings with typed calibration constants, plus {@code more} */
	static JsonObject calibrated(JsonObject more) {
		JsonObject o = more.deepCopy();
		o.addProperty(PipelineSettings.KEY_RMIN, 0.4);
		o.addProperty(PipelineSettings.KEY_RMAX, 4);
		o.addProperty(PipelineSettings.KEY_BETA, 3);
		return o;
	}

	static List<String> keys(SettingsException e) {
		List<String> k = new ArrayList<>();
		for (SettingsProblem p : e.problems())
			k.add(p.key());
		return k;
	}

	@Test
	void threeBadKeysInAFileAreAllReportedWithTheirKeys() throws Exception {
		Path f = tmp.resolve("settings.json");
		// one in the background builder (core), one in the segmentation builder (core), one a type error read by the
		// pipeline settings, and a valid key between them
		Files.writeString(f, "{\"guard_px\": -2, \"smooth_px\": 1.5, \"min_snr\": 5000, \"segmentation_window\": " +
			"\"three\", \"rmin\": 0.4, \"rmax\": 4, \"beta\": 3}");
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.load(f, null));
		assertEquals(Arrays.asList("guard_px", "min_snr", "segmentation_window"), keys(e), e.getMessage());
		assertEquals("settings file " + f + ": guard_px: must be 0..1000 px, got -2.0; min_snr: must be 0..1000, got " +
			"5000.0; segmentation_window: must be a whole number, got \"three\"", e.getMessage());
		for (SettingsProblem p : e.problems())
			assertTrue(!p.reason().contains(p.key()), "the reason repeats the key: " + p);
		// an existing catch of IllegalArgumentException still catches it
		assertTrue(e instanceof IllegalArgumentException);
	}

	/**
	 * Files that do not read and unknown keys are problems among the others, not reported alone before them: each by
	 * its key, a file by its path. An unreadable calibration file is the calibration's problem, not "no calibration".
	 */
	@Test
	void badFilesAndUnknownKeysAreReportedWithTheBadValues() throws Exception {
		Path f = tmp.resolve("files.json");
		Path cal = tmp.resolve("none.json"), ca = tmp.resolve("ca.csv");
		Files.writeString(ca, "frame,ca_uM\n");
		Files.writeString(f, "{\"calibration\": \"none.json\", \"ca_file\": \"ca.csv\", \"guard_px\": -2, " +
			"\"min_snr\": 5000, \"minsnr\": 3}");
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.load(f, null));
		assertEquals(Arrays.asList("minsnr", "calibration", "ca_file", "guard_px", "min_snr"), keys(e), e.getMessage());
		assertEquals("unknown setting (did you mean min_snr?)", e.problems().get(0).reason());
		assertEquals("calibration file " + cal + " does not exist", e.problems().get(1).reason());
		assertEquals(ca + ": no [Ca2+] values (only a header)", e.problems().get(2).reason());
		assertTrue(e.getMessage().startsWith("settings file " + f + ": minsnr: unknown setting"), e.getMessage());
		assertTrue(e.getMessage().endsWith("; guard_px: must be 0..1000 px, got -2.0; min_snr: must be 0..1000, got " +
			"5000.0"), e.getMessage());
		// the same values without the file problems: only the values
		Files.writeString(f, "{\"guard_px\": -2, \"min_snr\": 5000}");
		e = assertThrows(SettingsException.class, () -> PipelineSettings.measurement(f, null));
		assertEquals(Arrays.asList("guard_px", "min_snr"), keys(e), e.getMessage());
	}

	/**
	 * Several unknown keys each name their key, a near known key is suggested, and the known ones are listed once at
	 * most (a fuzz finding: the list for every unknown key made a message of 1685 characters).
	 */
	@Test
	void valuesAndKeysWithControlCharactersAreQuotedOnOneLine() throws Exception {
		// found by the settings fuzzer: a value holding a newline was echoed raw, so the refusal broke across lines
		JsonObject o = new JsonObject();
		o.addProperty("drift_correction", "\u00b5m \"q\"\nx\ty\u0007z");
		o.addProperty("rmin", 0.4);
		o.addProperty("rmax", 4);
		o.addProperty("beta", 3);
		o.addProperty("bad\rkey", 1);
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.fromJson(o));
		// an unknown key is named as quoted (Text.quote) by the reader of unknown keys
		assertEquals(Arrays.asList("bad\\rkey", "drift_correction"), keys(e), e.getMessage());
		assertEquals("drift_correction: must be none or translation, got '\u00b5m \"q\"\\nx\\ty\\u0007z'", e.problems()
			.get(1).toString());
		assertTrue(e.getMessage().startsWith("bad\\rkey: unknown setting"), e.getMessage());
		assertTrue(e.getMessage().indexOf('\n') < 0 && e.getMessage().indexOf('\r') < 0, e.getMessage());
	}

	@Test
	void unknownKeysSuggestTheNearOneAndListTheKnownOnesOnce() throws Exception {
		Path f = tmp.resolve("typos.json");
		Files.writeString(f, "{\"fraoe_interval_s\": 2.5, \"notes\": \"x\", \"minsnr\": 3, \"remarks\": 1, " +
			"\"rmin\": 0.4, \"rmax\": 4, \"beta\": 3}");
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.load(f, null));
		assertEquals(Arrays.asList("fraoe_interval_s", "notes", "minsnr", "remarks"), keys(e), e.getMessage());
		assertEquals("unknown setting (did you mean frame_interval_s?)", e.problems().get(0).reason());
		assertTrue(e.problems().get(1).reason().startsWith("unknown setting (known: layout, channel340, "), e
			.getMessage());
		assertEquals("unknown setting (did you mean min_snr?)", e.problems().get(2).reason());
		assertEquals("unknown setting", e.problems().get(3).reason());
		String m = e.getMessage();
		assertEquals(m.indexOf("(known: "), m.lastIndexOf("(known: "), m);
		assertTrue(m.length() < 1200, m); // the 60 known keys take about 860 characters
	}

	@Test
	void aValueOfTheWrongTypeIsOneProblem() {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_GUARD, "wide");
		o.addProperty(PipelineSettings.KEY_CHANNEL340, 3);
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.fromJson(calibrated(o)));
		assertEquals(Arrays.asList("channel340", "guard_px"), keys(e), e.getMessage());
		assertEquals("must be a number, got \"wide\"", e.problems().get(1).reason());
		assertEquals("must be 1 or 2, got 3", e.problems().get(0).reason());
	}

	@Test
	void everyKindOfCheckIsCollected() {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_LAYOUT, "sideways"); // a choice
		o.addProperty(PipelineSettings.KEY_MEASURE_INSET, 11); // RatioSettings (core)
		o.addProperty(PipelineSettings.KEY_THRESHOLD, "Nope"); // ImageJ's thresholds
		o.addProperty(PipelineSettings.KEY_KD_CA, 0); // pipeline only
		o.addProperty(PipelineSettings.KEY_BETA, -1); // Calibration (core)
		o.addProperty(PipelineSettings.KEY_RMIN, 0.4);
		o.addProperty(PipelineSettings.KEY_RMAX, 4);
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.fromJson(o));
		assertEquals(Arrays.asList("layout", "measure_inset_px", "threshold", "beta", "kd_ca_uM"), keys(e), e
			.getMessage());
		assertTrue(e.problems().get(0).reason().startsWith("must be one of auto, hyperstack, interleaved, separate, " +
			"got 'sideways'"), e.getMessage());
		assertTrue(e.problems().get(2).reason().contains("Otsu") && e.problems().get(2).reason().endsWith(
			"got 'Nope'"), e.getMessage());
	}

	@Test
	void aLimitBetweenTwoKeysIsOneProblemOnTheMaximumNamingTheMinimum() {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_MIN_AREA, 50);
		o.addProperty(PipelineSettings.KEY_MAX_AREA, 20);
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.fromJson(calibrated(o)));
		assertEquals(1, e.problems().size(), e.getMessage());
		SettingsProblem p = e.problems().get(0);
		assertEquals("max_area_px", p.key());
		assertEquals(Arrays.asList("min_area_px"), p.refs());
		assertEquals("must be >= min_area_px (50), got 20", p.reason());
		// each front end names the other key its way
		assertEquals("must be >= --min-area (50), got 20", p.reason(SettingNames::option));
		assertEquals("maxarea: must be >= minarea (50), got 20", e.message(SettingNames::macroKey));
	}

	@Test
	void rminGivenOverACalibrationFileIsTheKeyAtFault() throws Exception {
		Path cal = tmp.resolve("cal.json");
		Files.writeString(cal, "{\"kd_mM\": 1.9, \"rmin\": 0.4, \"rmax\": 4.0, \"beta\": 3.0}");
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_CALIBRATION, cal.toString());
		o.addProperty(PipelineSettings.KEY_RMIN, 5);
		SettingsException e = assertThrows(SettingsException.class, () -> PipelineSettings.fromJson(o));
		assertEquals(Arrays.asList("rmin"), keys(e), e.getMessage());
		assertEquals("must be less than rmax (4.0 in the calibration file), got 5", e.problems().get(0).reason());
		// both given: the limit stays on rmax
		o.addProperty(PipelineSettings.KEY_RMAX, 4.5);
		e = assertThrows(SettingsException.class, () -> PipelineSettings.fromJson(o));
		assertEquals("rmax: must be greater than rmin (5.0), got 4.5 (are rmin and rmax swapped?)", e.getMessage());
	}

	@Test
	void theTableNamesEveryKey() {
		assertEquals(PipelineSettings.keys(), SettingNames.options().keySet());
		assertEquals("--min-area", SettingNames.option(PipelineSettings.KEY_MIN_AREA));
		assertEquals("--frame-interval", SettingNames.option(PipelineSettings.KEY_FRAME_INTERVAL));
		assertEquals("--ca-max-rise", SettingNames.option(PipelineSettings.KEY_CA_MAX_RISE));
		assertEquals("--ring-width", SettingNames.option(PipelineSettings.KEY_RING));
		assertEquals(null, SettingNames.option(PipelineSettings.KEY_CLIP_SIGMA));
		assertEquals("offset", SettingNames.macroKey(PipelineSettings.KEY_CAMERA_OFFSET));
		assertEquals(null, SettingNames.macroKey(PipelineSettings.KEY_SLURM_MEM));
		// a key as a part of a message, in each reader's words
		io.github.magratio.util.Worded rmin = SettingNames.named(PipelineSettings.KEY_RMIN);
		assertEquals("--rmin", rmin.name(io.github.magratio.util.Audience.COMMAND_LINE));
		assertEquals("Rmin (macro key rmin)", rmin.name(io.github.magratio.util.Audience.IMAGEJ));
		assertEquals("minsnr", SettingNames.named(PipelineSettings.KEY_MIN_SNR).name(
			io.github.magratio.util.Audience.IMAGEJ));
		assertThrows(IllegalArgumentException.class, () -> SettingNames.named(PipelineSettings.KEY_SLURM_MEM));
	}
}
