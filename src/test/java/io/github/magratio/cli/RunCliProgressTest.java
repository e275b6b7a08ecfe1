package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.pipeline.PipelineSettings;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress on stderr (frames done, rate, time left) unless --quiet; flags override the settings file. */
class RunCliProgressTest {

	@TempDir
	static Path tmp;

	@BeforeAll
	static void setUp() throws Exception {
		RunCliBadInputTest.tmp = tmp;
		RunCliBadInputTest.setUp();
	}

	@Test
	void progressShowsFramesRateAndTimeLeftUnlessQuiet() {
		Object[] r = RunCliBadInputTest.run("" + RunCliBadInputTest.good, "--out", tmp.resolve("p1").toString(),
			"--kd", "1.5", "--rmin", "0.4", "--rmax", "4", "--beta", "3");
		assertEquals(0, r[0]);
		String err = (String) r[2];
		assertTrue(err.contains("measuring: 6/6 frames"), err);
		assertTrue(err.matches("(?s).*frames/s, \\d+ s left\\).*"), err);
		r = RunCliBadInputTest.run("" + RunCliBadInputTest.good, "--out", tmp.resolve("p2").toString(), "--kd", "1.5",
			"--rmin", "0.4", "--rmax", "4", "--beta", "3", "--quiet");
		assertEquals(0, r[0]);
		assertFalse(((String) r[2]).contains("frames/s"), (String) r[2]);
	}

	@Test
	void flagsOverrideTheSettingsFile() throws Exception {
		Path cfg = tmp.resolve("settings.json");
		Files.write(cfg, ("{\"background\": \"ring\", \"kd_mM\": 1.9, \"rmin\": 0.4, \"rmax\": 4, \"beta\": 3, " +
			"\"threshold\": \"Li\"}").getBytes("UTF-8"));
		Object[] r = RunCliBadInputTest.run("" + RunCliBadInputTest.good, "--out", tmp.resolve("p3").toString(),
			"--config", cfg.toString(), "--kd", "1.5", "-q");
		assertEquals(0, r[0], (String) r[2]);
		String run = new String(Files.readAllBytes(tmp.resolve("p3/good/run.json")), "UTF-8");
		com.google.gson.JsonObject s = com.google.gson.JsonParser.parseString(run).getAsJsonObject().getAsJsonObject(
			"settings");
		assertEquals("ring", s.get(PipelineSettings.KEY_BACKGROUND).getAsString(), "from the file");
		assertEquals("Li", s.get(PipelineSettings.KEY_THRESHOLD).getAsString(), "from the file");
		assertEquals(1.5, s.get(PipelineSettings.KEY_KD).getAsDouble(), 0, "the flag wins");
	}
}
