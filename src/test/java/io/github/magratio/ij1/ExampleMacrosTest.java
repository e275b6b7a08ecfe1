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
	void chainMacroWithTheDefaultsWritesTheClisTableOnCrowdedCells() throws Exception {
		// many touching pairs: the segmentation's watershed tolerance matters, the macro must use the CLI's default
		SyntheticRecording.generate(SynthSettings.builder().width(160).height(128).frames(8).cells(18).touchingPairs(6)
			.seed(11).build()).write(dir, "crowded");
		Path rec = dir.resolve("crowded.tif"), out = dir.resolve("crowded-cells.csv");
		ImageJ1Install.Run run = imagej.batch(Paths.get("scripts/examples/chain-demo.ijm").toAbsolutePath(), "input=" +
			rec + ",calibration=" + CALIBRATION + ",output=" + out, 120);
		assertEquals(0, run.exitCode, run.output);
		List<String> cli = cliCells(rec, "crowded");
		assertTrue(cli.size() > 8 * 12, "cells found: " + cli.size());
		assertEquals(cli, Files.readAllLines(out));
	}

	@Test
	void folderMacroFinishesEveryGoodFileAfterABadOneAndListsAllInBatchCsv() throws Exception {
		Path in = Files.createDirectories(dir.resolve("mixed"));
		// synth writes a label image beside each recording: a TIFF, but not a 2-channel recording
		SyntheticRecording.generate(SynthSettings.builder().width(80).height(64).frames(6).cells(4).touchingPairs(0)
			.seed(5).build()).write(in, "c");
		Files.copy(DEMO, in.resolve("a.tif"));
		byte[] demo = Files.readAllBytes(DEMO);
		Files.write(in.resolve("b-damaged.tif"), java.util.Arrays.copyOf(demo, demo.length / 3));
		List<String> tiffs = new java.util.ArrayList<>();
		try (java.util.stream.Stream<Path> files = Files.list(in)) {
			files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tif")).sorted().forEach(tiffs::add);
		}
		assertTrue(tiffs.contains("c-labels.tif") && tiffs.indexOf("b-damaged.tif") < tiffs.indexOf("c.tif"), tiffs
			.toString());
		Path out = dir.resolve("mixed-out");
		ImageJ1Install.Run run = imagej.batch(Paths.get("scripts/examples/batch-folder.ijm").toAbsolutePath(), "input=" +
			in + ",calibration=" + CALIBRATION + ",output=" + out, 180);
		assertEquals(0, run.exitCode, run.output);
		for (String name : new String[] { "a", "c" })
			assertEquals(cliCells(in.resolve(name + ".tif"), "mixed-" + name), Files.readAllLines(out.resolve(name)
				.resolve(Pipeline.CELLS)), name);
		java.util.Map<String, io.github.magratio.batch.BatchTable.Row> rows = new java.util.TreeMap<>();
		for (io.github.magratio.batch.BatchTable.Row r : io.github.magratio.batch.BatchTable.read(out.resolve(
			io.github.magratio.batch.BatchTable.BATCH)))
			rows.put(Paths.get(r.input).getFileName().toString(), r);
		assertEquals(tiffs, new java.util.ArrayList<>(rows.keySet()), "one row per TIFF");
		assertEquals(io.github.magratio.batch.BatchTable.Status.OK, rows.get("a.tif").status);
		assertEquals("a", rows.get("a.tif").output);
		assertEquals(14, rows.get("a.tif").cells);
		assertEquals(io.github.magratio.batch.BatchTable.Status.OK, rows.get("c.tif").status);
		assertEquals(io.github.magratio.batch.BatchTable.Status.FAILED, rows.get("b-damaged.tif").status);
		assertTrue(rows.get("b-damaged.tif").error.contains("b-damaged.tif"), rows.get("b-damaged.tif").error);
		assertEquals(io.github.magratio.batch.BatchTable.Status.FAILED, rows.get("c-labels.tif").status);
		assertTrue(rows.get("c-labels.tif").error.contains("single channel"), rows.get("c-labels.tif").error);
		assertFalse(rows.get("c-labels.tif").error.contains("--f340"), "speaks ImageJ: " + rows.get("c-labels.tif")
			.error);
		assertTrue(run.output.contains("4 file(s) tried"), run.output);
	}

	@Test
	void plainImageJHeadlessStopsWithExitCodeOneAndTheFix() throws Exception {
		Path out = dir.resolve("headless-cells.csv");
		ImageJ1Install.Run run = imagej.java(List.of("-Djava.awt.headless=true"), List.of(), "ij.ImageJ", 60, "-batch",
			Paths.get("scripts/examples/chain-demo.ijm").toAbsolutePath().toString(), "input=" + DEMO + ",calibration=" +
				CALIBRATION + ",output=" + out);
		assertEquals(1, run.exitCode, run.output);
		assertTrue(run.output.contains("MagRatio chain-demo.ijm: plain ImageJ 1 cannot run commands headless") && run
			.output.contains("xvfb-run"), run.output);
		assertFalse(run.output.contains("HeadlessException"), run.output);
		assertFalse(Files.exists(out));
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
