package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.CellFlag;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.UserMistake;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurement without conversion: settings for the in-situ calibration, the Kd titration and the step commands hold
 * no calibration at all (no stand-in constants), the analysis then gives the same ratios as a calibrated run and no
 * [Mg2+], and every path that converts still refuses settings without a calibration, naming the options.
 */
class MeasurementSettingsTest {

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	@Test
	void measurementSettingsHoldNoCalibrationAndSayWhichOptionsAConversionNeeds() throws Exception {
		PipelineSettings s = PipelineSettings.measurement(null, null);
		assertFalse(s.hasCalibration());
		for (String k : new String[] { PipelineSettings.KEY_RMIN, PipelineSettings.KEY_RMAX, PipelineSettings.KEY_BETA,
			PipelineSettings.KEY_KD, PipelineSettings.KEY_CALIBRATION })
			assertTrue(s.toJson().get(k).isJsonNull(), k + " is " + s.toJson().get(k));
		UserMistake e = assertThrows(UserMistake.class, s::calibration);
		assertEquals("no calibration: give a calibration file (--calibration) or --rmin, --rmax and --beta (--kd " +
			"defaults to 1.9 mM); missing: --rmin, --rmax, --beta", e.getMessage());
		// a copy with other measurement settings stays without a calibration
		JsonObject change = new JsonObject();
		change.addProperty(PipelineSettings.KEY_GUARD, 3);
		assertFalse(s.with(change).hasCalibration());
	}

	@Test
	void aSettingsFilesCalibrationIsIgnoredByMeasurementAndRequiredByARun(@TempDir Path dir) throws Exception {
		Path config = dir.resolve("settings.json");
		// the calibration file does not exist: measurement must not read it
		Files.writeString(config, "{\"calibration\": \"gone.json\", \"rmin\": 0.5, \"guard_px\": 4}");
		PipelineSettings m = PipelineSettings.measurement(config, null);
		assertFalse(m.hasCalibration());
		assertEquals(4, m.background().guardPx(), 0);
		Files.writeString(config, "{\"guard_px\": 4}");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.load(config,
			null));
		assertTrue(e.getMessage().contains("no calibration: give a calibration file (--calibration)") && e.getMessage()
			.contains("missing: --rmin, --rmax, --beta"), e.getMessage());
		JsonObject partial = new JsonObject();
		partial.addProperty(PipelineSettings.KEY_RMIN, 0.4);
		e = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.fromJson(partial));
		assertTrue(e.getMessage().endsWith("missing: --rmax, --beta"), e.getMessage());
	}

	@Test
	void withoutCalibrationTheRatiosAreThoseOfACalibratedRunAndThereIsNoMg() throws Exception {
		SyntheticRecording synth = SyntheticRecording.generate(SynthSettings.builder().seed(5).cells(8).frames(12)
			.build());
		Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);
		RecordingAnalysis.Result calibrated = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(synth.truth()
			.calibration(), null), rec, Progress.NONE, null);
		int[] planes = { 0 };
		RecordingAnalysis.Result measured = RecordingAnalysis.analyse(PipelineSettings.measurement(null, null), rec,
			Progress.NONE, (t, ratio, mg) -> {
				planes[0]++;
				for (float v : mg)
					assertTrue(Float.isNaN(v), "frame " + t + ": [Mg2+] pixel " + v + " without a calibration");
			});
		assertEquals(12, planes[0]);
		assertEquals(calibrated.table.cells(), measured.table.cells());
		int valid = 0;
		for (int c = 1; c <= measured.table.cells(); c++)
			for (int t = 0; t < measured.table.frames(); t++) {
				assertEquals(calibrated.table.ratio(c, t), measured.table.ratio(c, t), 0, "cell " + c + " frame " + t);
				assertEquals(calibrated.table.ratioSe(c, t), measured.table.ratioSe(c, t), 0);
				assertTrue(Double.isNaN(measured.table.mgMillimolar(c, t)) && Double.isNaN(measured.table
					.mgLowMillimolar(c, t)));
				assertEquals(0, measured.table.flags(c, t) & CellFlag.CA_SUSPECT.bit());
				if (!Double.isNaN(measured.table.ratio(c, t))) valid++;
			}
		assertEquals(0, measured.caSuspectFrames);
		assertTrue(valid >= 8 * 12 * 9 / 10, valid + " valid cell-frame ratios");
	}
}
