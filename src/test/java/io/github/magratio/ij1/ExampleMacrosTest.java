package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example macros of scripts/examples run in a real, plain ImageJ 1.54 (a separate process, with MagRatio installed
 * as scripts/install-imagej1 installs it, under the test's X display) and write the CLI's tables.
 */
class ExampleMacrosTest {

	static final Path DEMO = Paths.get("test-images/demo/synthetic.tif").toAbsolutePath();
	static final Path CALIBRATION = Paths.get("test-images/demo/synthetic-calibration.json").toAbsolutePath();

	@TempDir
	static Path dir;

	static ImageJ1Install imagej;

	/** Per test, so that without a display each test is reported as skipped (scripts/test names skips). */
	@BeforeEach
	void install() throws Exception {
		ImageJ1Install.assumeDisplay();
		if (imagej == null) imagej = ImageJ1Install.create(dir.resolve("ImageJ"));
	}

	/** cells.csv of the CLI's engine on this recording with the demo calibration. */
	static List<String> cliCells(Path tif, String name) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_CALIBRATION, CALIBRATION.toString());
		Pipeline.Result r = Pipeline.run(PipelineSettings.load(null, o), Pipeline.Input.of(tif), dir.resolve("cli-" +
			name), true, Progress.NONE);
		return Files.readAllLines(r.folder.resolve(Pipeline.CELLS));
	}

	@Test
	void chainMacroOnTheDemoWritesTheClisTable() throws Exception {
		Path out = dir.resolve("chain-cells.csv");
		ImageJ1Install.Run run = imagej.batch(Paths.get("scripts/examples/chain-demo.ijm").toAbsolutePath(), "input=" +
			DEMO + ",calibration=" + CALIBRATION + ",output=" + out, 120);
		assertEquals(0, run.exitCode, run.output);
		assertTrue(run.output.contains("MagRatio: wrote " + out), run.output);
		List<String> cli = cliCells(DEMO, "demo");
		assertEquals(14 * 36 + 1, cli.size());
		assertEquals(cli, Files.readAllLines(out));
	}

	@Test
	void folderMacroRunsThePipelineOnEveryTiffAsTheCliDoes() throws Exception {
		Path in = Files.createDirectories(dir.resolve("folder"));
		Files.copy(DEMO, in.resolve("a.tif"));
		SyntheticRecording.generate(SynthSettings.builder().width(80).height(64).frames(6).cells(4).touchingPairs(0)
			.seed(3).build()).write(dir, "b");
		Files.copy(dir.resolve("b.tif"), in.resolve("b.tif"));
		Files.writeString(in.resolve("notes.txt"), "not a recording");
		Path out = dir.resolve("folder-out");
		ImageJ1Install.Run run = imagej.batch(Paths.get("scripts/examples/batch-folder.ijm").toAbsolutePath(), "input=" +
			in + ",calibration=" + CALIBRATION + ",output=" + out, 120);
		assertEquals(0, run.exitCode, run.output);
		for (String name : new String[] { "a", "b" })
			assertEquals(cliCells(in.resolve(name + ".tif"), name), Files.readAllLines(out.resolve(name).resolve(
				Pipeline.CELLS)), name);
		assertFalse(Files.exists(out.resolve("notes")));
	}

	@Test
	void badInputIsOneLogLineAndStopsTheMacroWithoutAStackTrace() throws Exception {
		Path macro = dir.resolve("bad.ijm");
		Files.writeString(macro, "setBatchMode(true);\nrun(\"Ratio Image\", \"image=nope\");\nprint(\"still running\");\n");
		ImageJ1Install.Run run = imagej.batch(macro, "", 60);
		assertEquals(0, run.exitCode, "ImageJ ends normally: " + run.output);
		assertTrue(run.output.contains("MagRatio Ratio Image: image: no open image is titled 'nope'"), run.output);
		assertFalse(run.output.contains("still running"), run.output);
		assertFalse(run.output.contains("Exception") || run.output.contains("\tat "), run.output);
	}
}
