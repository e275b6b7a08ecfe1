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
		// before the first frame there is no rate: no "0.0 frames/s, 0 s left"
		assertFalse(err.matches("(?s).*: 0/\\d+ frames \\(.*"), err);
		r = RunCliBadInputTest.run("" + RunCliBadInputTest.good, "--out", tmp.resolve("p2").toString(), "--kd", "1.5",
			"--rmin", "0.4", "--rmax", "4", "--beta", "3", "--quiet");
		assertEquals(0, r[0]);
		assertFalse(((String) r[2]).contains("frames/s"), (String) r[2]);
	}

	@Test
	void runJsonRecordsTheCommandLineAndTheGitCommit() throws Exception {
		Path out = tmp.resolve("provenance out");
		ChildJvm.Result r = ChildJvm.magratio(tmp.resolve("logs-provenance"), "run", "" + RunCliBadInputTest.good,
			"--out", out.toString(), "--kd", "1.5", "--rmin", "0.4", "--rmax", "4", "--beta", "3", "-q");
		assertEquals(0, r.code, r.err);
		String stem = RunCliBadInputTest.good.getFileName().toString().replaceFirst("\\.tiff?$", "");
		com.google.gson.JsonObject run = com.google.gson.JsonParser.parseString(Files.readString(out.resolve(stem)
			.resolve("run.json"))).getAsJsonObject();
		assertEquals("magratio run " + RunCliBadInputTest.good + " --out '" + out + "' --kd 1.5 --rmin 0.4 --rmax 4 " +
			"--beta 3 -q", run.get("command_line").getAsString());
		String commit = run.getAsJsonObject("software").get("git_commit").getAsString();
		// as pom-scijava's build number (maven-scm): the newest commit that is not a merge
		Process git = new ProcessBuilder("git", "log", "-1", "--no-merges", "--format=%H").redirectErrorStream(true)
			.start();
		String head = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
		if (git.waitFor() == 0) assertEquals(head, commit, "the commit the classes were built from");
		else assertEquals("unknown", commit);
	}

	@Test
	void runJsonSettingsReplayFromAnotherFolder() throws Exception {
		Path cal = tmp.resolve("cal.json");
		Files.write(cal, "{\"kd_mM\": 1.5, \"rmin\": 0.4, \"rmax\": 4, \"beta\": 3}".getBytes("UTF-8"));
		// a relative path, as users type them
		Path rel = Path.of("").toAbsolutePath().relativize(cal);
		Object[] r = RunCliBadInputTest.run("" + RunCliBadInputTest.good, "--out", tmp.resolve("p4").toString(),
			"--calibration", rel.toString(), "-q");
		assertEquals(0, r[0], (String) r[2]);
		Path runJson = tmp.resolve("p4/good/run.json");
		com.google.gson.JsonObject settings = com.google.gson.JsonParser.parseString(new String(Files.readAllBytes(
			runJson), "UTF-8")).getAsJsonObject().getAsJsonObject("settings");
		assertEquals(cal.toString(), settings.get(PipelineSettings.KEY_CALIBRATION).getAsString(),
			"run.json records where the file really was");
		// replayed as --config from the result folder (paths relative to it would point elsewhere)
		Path replay = tmp.resolve("p4/good/replay.json");
		Files.write(replay, settings.toString().getBytes("UTF-8"));
		r = RunCliBadInputTest.run("" + RunCliBadInputTest.good, "--out", tmp.resolve("p5").toString(), "--config",
			replay.toString(), "-q");
		assertEquals(0, r[0], (String) r[2]);
		assertEquals(new String(Files.readAllBytes(tmp.resolve("p4/good/cells.csv")), "UTF-8"), new String(Files
			.readAllBytes(tmp.resolve("p5/good/cells.csv")), "UTF-8"));
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
