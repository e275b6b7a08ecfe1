package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/** Chains every step through CommandService in a headless context and compares with the CLI's engine. */
class CommandChainTest {

	@TempDir
	static Path dir;

	static Context context;
	static CommandService commands;
	static Path tif, calibration;

	@BeforeAll
	static void setUp() throws Exception {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ImageRegistry.class, LogService.class);
		commands = context.service(CommandService.class);
		SyntheticRecording syn = SyntheticRecording.generate(SynthSettings.builder().width(96).height(80).frames(8).cells(
			6).touchingPairs(1).seed(7).build());
		syn.write(dir, "rec");
		tif = dir.resolve("rec.tif");
		calibration = dir.resolve("rec-calibration.json");
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	static CommandModule run(Class<? extends Command> c, Object... kv) throws Exception {
		Map<String, Object> in = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			in.put((String) kv[i], kv[i + 1]);
		return commands.run(c, true, in).get();
	}

	/** @return {@code base} followed by {@code more} (a later key replaces an earlier one) */
	static Object[] with(Object[] base, Object... more) {
		Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Test
	void chainedStepsGiveTheNumbersOfThePipeline() throws Exception {
		ImagePlus raw = IJ.openImage(tif.toString());
		raw.setTitle("rec");
		context.service(ImageRegistry.class).put(raw);

		CommandModule seg = run(SegmentCellsCommand.class, "image", "rec", "threshold", "Otsu", "watershed", true);
		assertFalse(seg.isCanceled(), seg.getCancelReason());
		assertEquals("rec-labels", ((ImagePlus) seg.getOutput("labels")).getTitle());
		CommandModule bg = run(SubtractBackgroundCommand.class, "image", "rec", "labels", "rec-labels", "method",
			"surface");
		assertFalse(bg.isCanceled(), bg.getCancelReason());
		ImagePlus bgImp = (ImagePlus) bg.getOutput("corrected");
		assertEquals("rec-bg", bgImp.getTitle());
		CommandModule ratio = run(RatioImageCommand.class, "image", "rec-bg");
		assertFalse(ratio.isCanceled(), ratio.getCancelReason());
		ImagePlus ratioImp = (ImagePlus) ratio.getOutput("ratio");
		CommandModule mg = run(RatioToMgCommand.class, "ratio", "rec-ratio", "calibration", calibration.toFile());
		assertFalse(mg.isCanceled(), mg.getCancelReason());
		Path csv = dir.resolve("chain-cells.csv");
		CommandModule measure = run(MeasureCellsCommand.class, "recording", "rec", "image", "rec-bg", "labels",
			"rec-labels", "ratio", "rec-ratio", "mg", "rec-mg", "save", csv.toString());
		assertFalse(measure.isCanceled(), measure.getCancelReason());
		ResultsTable rt = (ResultsTable) measure.getOutput("table");
		assertEquals(6 * 8, rt.size());
		// Measure Cells' own settings are checked by the pipeline's rules, both at once, named by their macro keys
		Object[] measureInputs = { "recording", "rec", "image", "rec-bg", "labels", "rec-labels", "ratio", "rec-ratio",
			"mg", "rec-mg" };
		try {
			CommandModule bad = run(MeasureCellsCommand.class, with(measureInputs, "inset", 11, "camaxrise", 0.0));
			assertTrue(bad.isCanceled());
			assertEquals("inset: must be 0..10 px, got 11; camaxrise: must be > 0 mM/s, got 0.0", bad
				.getCancelReason());
		} finally {
			// SciJava persists inputs: the defaults again, by a run that cancels at once
			assertTrue(run(MeasureCellsCommand.class, with(measureInputs, "inset",
				io.github.magratio.core.RatioSettings.DEFAULT_MEASURE_INSET_PX, "camaxrise",
				PipelineSettings.DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND, "image", "nope")).isCanceled());
		}

		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_CALIBRATION, calibration.toString());
		Pipeline.Result cli = Pipeline.run(PipelineSettings.load(null, o), Pipeline.Input.of(tif), dir.resolve("out"),
			true, Progress.NONE);
		// the chain runs the pipeline's own steps one by one: the table is the CLI's cells.csv, character for character
		assertEquals(Files.readAllLines(cli.folder.resolve(Pipeline.CELLS)), Files.readAllLines(csv));
		// the table holds the measured doubles: rounded as cells.csv rounds them, they are its fields
		Csv.Table saved = Csv.read(csv);
		boolean finer = false;
		for (String column : new String[] { "cell", "frame", "time_s", "area_px", "f340", "bg380", "ratio", "mg_mM",
			"mg_hi_mM", "saturated_px" })
			for (int i = 0; i < rt.size(); i++) {
				String field = saved.rows().get(i).get(saved.requireColumn(column));
				assertEquals(field, Csv.number(rt.getValue(column, i)), column + " row " + i);
				finer |= !field.equals("NaN") && rt.getValue(column, i) != Double.parseDouble(field);
			}
		assertTrue(finer, "the table is not rounded to the CSV's 6 digits");
		assertEquals(saved.rows().get(5).get(saved.requireColumn("flags")), rt.getStringValue("flags", 5));
		// and the images are the CLI's, pixel for pixel
		ImagePlus cliRatio = IJ.openImage(cli.folder.resolve(Pipeline.RATIO).toString());
		ImagePlus cliMg = IJ.openImage(cli.folder.resolve(Pipeline.MG).toString());
		ImagePlus mgImp = (ImagePlus) mg.getOutput("mg");
		for (int t = 1; t <= 8; t++) {
			org.junit.jupiter.api.Assertions.assertArrayEquals((float[]) cliRatio.getStack().getPixels(t),
				(float[]) ratioImp.getStack().getPixels(t), "ratio frame " + t);
			org.junit.jupiter.api.Assertions.assertArrayEquals((float[]) cliMg.getStack().getPixels(t), (float[]) mgImp
				.getStack().getPixels(t), "mg frame " + t);
		}
		assertTrue(ratioImp.getStackSize() == 8 && bgImp.getNChannels() == 2);
	}

	@Test
	void stepsReadThePixelArraysThePreviousStepWrote() throws Exception {
		ImagePlus raw = IJ.openImage(tif.toString());
		raw.setTitle("zc");
		ImageRegistry registry = context.service(ImageRegistry.class);
		registry.put(raw);
		run(SegmentCellsCommand.class, "image", "zc");
		ImagePlus bg = (ImagePlus) run(SubtractBackgroundCommand.class, "image", "zc", "labels", "zc-labels")
			.getOutput("corrected");
		ImagePlus ratio = (ImagePlus) run(RatioImageCommand.class, "image", "zc-bg").getOutput("ratio");
		// the next step resolves the very ImagePlus the previous step output ...
		assertSame(bg, registry.get("zc-bg"));
		assertSame(ratio, registry.get("zc-ratio"));
		// ... and its ImgLib2 views are backed by the same arrays, not copies
		for (int i = 1; i <= bg.getStackSize(); i++)
			assertSame(bg.getStack().getPixels(i), storage(Chain.plane(bg, i)));
		for (int i = 1; i <= ratio.getStackSize(); i++)
			assertSame(ratio.getStack().getPixels(i), storage(Chain.plane(ratio, i)));
		assertSame(ratio.getStack().getPixels(3), Chain.pixels(registry.get("zc-ratio"), 3));
	}

	@Test
	void runPipelineWritesWhatTheCliWrites() throws Exception {
		CommandModule m = run(RunPipelineCommand.class, "input", tif.toFile(), "output", dir.resolve("cmd").toFile(),
			"calibration", calibration.toFile(), "settings", "", "overwrite", true);
		assertFalse(m.isCanceled(), m.getCancelReason());
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_CALIBRATION, calibration.toString());
		Pipeline.Result cli = Pipeline.run(PipelineSettings.load(null, o), Pipeline.Input.of(tif), dir.resolve("cli"),
			true, Progress.NONE);
		Path folder = Path.of((String) m.getOutput("folder"));
		assertEquals(Files.readAllLines(cli.folder.resolve(Pipeline.CELLS)), Files.readAllLines(folder.resolve(
			Pipeline.CELLS)));
		assertEquals(cli.analysis.labels.count(), (int) (Integer) m.getOutput("cells"));
	}

	private static Object storage(RandomAccessibleInterval<FloatType> view) {
		@SuppressWarnings("unchecked")
		ArrayImg<FloatType, FloatArray> img = (ArrayImg<FloatType, FloatArray>) view;
		return img.update(null).getCurrentStorageArray();
	}
}
