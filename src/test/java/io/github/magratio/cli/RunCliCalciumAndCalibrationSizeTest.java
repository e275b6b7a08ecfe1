package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.Calibration;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with a calibration file made on images of another size: allowed, with a warning in run.json and on
 * stderr; and the Ca2+ flags {@code --ca}, {@code --kd-ca}, {@code --ca-max-rise} reach the settings.
 */
class RunCliCalciumAndCalibrationSizeTest {

	@TempDir
	static Path tmp;
	static Path rec;
	static SyntheticRecording synth;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(2).width(96).height(80).cells(5)
			.touchingPairs(1).frames(6).build());
		rec = tmp.resolve("rec.tif");
		RunCliBadInputTest.save(synth.imagePlus(), rec);
	}

	static Path calibrationFile(String name, int width, int height) throws Exception {
		JsonObject details = new JsonObject();
		details.addProperty("width_px", width);
		details.addProperty("height_px", height);
		Calibration c = synth.truth().calibration();
		Path p = tmp.resolve(name);
		CalibrationFile.builder(new Calibration(1.9, c.rmin(), c.rmax(), c.beta())).method("in-situ").details(details)
			.build().write(p);
		return p;
	}

	static JsonObject runJson(Path folder) throws Exception {
		return JsonParser.parseString(new String(Files.readAllBytes(folder.resolve("run.json")),
			StandardCharsets.UTF_8)).getAsJsonObject();
	}

	@Test
	void calibrationOfAnotherImageSizeIsWarnedNotRefused() throws Exception {
		Path cal = calibrationFile("cal-512.json", 512, 512);
		Object[] r = RunCliBadInputTest.run(rec.toString(), "--out", tmp.resolve("out-size").toString(),
			"--calibration", cal.toString(), "--ca", "0.5", "--kd-ca", "40", "-q");
		assertEquals(0, r[0], "exit code; stderr: " + r[2]);
		String err = (String) r[2];
		assertTrue(err.contains("512x512") && err.contains("96x80"), "stderr names both sizes: " + err);
		JsonObject run = runJson(tmp.resolve("out-size/rec"));
		JsonArray warnings = run.getAsJsonArray("warnings");
		boolean found = false;
		for (int i = 0; i < warnings.size(); i++)
			found |= warnings.get(i).getAsString().contains("512x512 px") && warnings.get(i).getAsString().contains(cal
				.toString());
		assertTrue(found, "run.json warnings: " + warnings);
		JsonObject settings = run.getAsJsonObject("settings");
		assertEquals(0.5, settings.get("ca_uM").getAsDouble(), 0);
		assertEquals(40, settings.get("kd_ca_uM").getAsDouble(), 0);
		Csv.Table cells = Csv.read(tmp.resolve("out-size/rec/cells.csv"));
		int mg = cells.column("mg_mM"), corr = cells.requireColumn("mg_corrected_mM");
		for (int i = 0; i < cells.rows().size(); i++)
			if (!Double.isNaN(cells.number(i, mg))) assertEquals(cells.number(i, mg) - 0.5 * 1.9 / 40, cells.number(i,
				corr), 1e-5 * Math.max(1, cells.number(i, mg)));
	}

	@Test
	void calibrationOfTheSameSizeGivesNoSizeWarning() throws Exception {
		Path cal = calibrationFile("cal-same.json", 96, 80);
		Object[] r = RunCliBadInputTest.run(rec.toString(), "--out", tmp.resolve("out-same").toString(),
			"--calibration", cal.toString(), "--ca-max-rise", "5", "-q");
		assertEquals(0, r[0], "exit code; stderr: " + r[2]);
		assertTrue(!((String) r[2]).contains("px images"), "no size warning: " + r[2]);
		JsonObject run = runJson(tmp.resolve("out-same/rec"));
		assertTrue(!run.getAsJsonArray("warnings").toString().contains("px images"), run.get("warnings").toString());
		assertEquals(5, run.getAsJsonObject("settings").get("ca_max_rise_mM_per_s").getAsDouble(), 0);
		assertTrue(!Csv.read(tmp.resolve("out-same/rec/cells.csv")).header().contains("mg_corrected_mM"),
			"no corrected column without [Ca2+]");
	}
}
