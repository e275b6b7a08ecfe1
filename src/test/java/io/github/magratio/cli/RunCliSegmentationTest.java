package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segmentation through the real command line: the QC picture and the per-cell SNR record of every run, per-frame
 * segmentation's outputs, segment-eval's numbers, and the bad inputs of segmentation settings.
 */
class RunCliSegmentationTest {

	@TempDir
	static Path tmp;
	static Path rec;
	static SyntheticRecording synth;
	static final String[] CAL = { "--kd", "1.5", "--rmin", "0.4", "--rmax", "4", "--beta", "3" };

	@BeforeAll
	static void setUp() throws Exception {
		System.setProperty("java.awt.headless", "true");
		// cells of a 6x spread of loading, so their SNRs differ
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(5).width(128).height(96).cells(8)
			.touchingPairs(1).frames(6).set(SynthSettings.LOADING_DISTRIBUTION, SynthSettings.LOG_UNIFORM).set(
				SynthSettings.LOADING_MIN, 0.3).set(SynthSettings.LOADING_MAX, 1.8).build());
		rec = tmp.resolve("rec.tif");
		new FileSaver(synth.imagePlus()).saveAsTiffStack(rec.toString());
	}

	static CliRun run(String... args) {
		return CliRun.run(args);
	}

	static String[] with(String[] a, String... b) {
		String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	@Test
	void everyRunWritesTheQcPictureAndEachCellsSnr() throws Exception {
		Path out = tmp.resolve("static");
		CliRun r = run(with(new String[] { "run", rec.toString(), "--out", out.toString(), "--quiet" }, CAL));
		assertEquals(0, r.code, r.err);
		Path dir = out.resolve("rec");
		ImagePlus qc = IJ.openImage(dir.resolve("qc.png").toString());
		assertTrue(qc != null && qc.getWidth() >= 128 && qc.getHeight() > 96, "qc.png shows the whole field");
		JsonObject run = JsonParser.parseString(new String(Files.readAllBytes(dir.resolve("run.json")),
			StandardCharsets.UTF_8)).getAsJsonObject();
		JsonObject seg = run.getAsJsonObject("result").getAsJsonObject("segmentation");
		assertTrue(seg.get("automatic").getAsBoolean());
		assertTrue(seg.get("cell_diameter_estimated").getAsBoolean());
		JsonArray cells = seg.getAsJsonArray("cells");
		assertEquals(8, cells.size());
		// each cell's SNR ranks as the generator's truth does: rank correlation over the cells
		GroundTruth t = synth.truth();
		double[] measured = new double[cells.size()], truth = new double[cells.size()];
		for (int i = 0; i < cells.size(); i++) {
			JsonObject c = cells.get(i).getAsJsonObject();
			measured[i] = c.get("snr").getAsDouble();
			int truthCell = t.label((int) Math.round(c.get("x_px").getAsDouble()), (int) Math.round(c.get("y_px")
				.getAsDouble()));
			assertTrue(truthCell > 0, "a cell centre inside a true cell");
			truth[i] = t.snr380(truthCell);
		}
		assertTrue(spearman(measured, truth) >= 0.9, "SNR in run.json follows the true SNR: " + java.util.Arrays
			.toString(measured) + " vs " + java.util.Arrays.toString(truth));
	}

	static double spearman(double[] a, double[] b) {
		double[] ra = ranks(a), rb = ranks(b);
		double n = a.length, d2 = 0;
		for (int i = 0; i < a.length; i++)
			d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
		return 1 - 6 * d2 / (n * (n * n - 1));
	}

	static double[] ranks(double[] v) {
		Integer[] idx = new Integer[v.length];
		for (int i = 0; i < v.length; i++)
			idx[i] = i;
		java.util.Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
		double[] r = new double[v.length];
		for (int k = 0; k < idx.length; k++)
			r[idx[k]] = k;
		return r;
	}

	@Test
	void perFrameSegmentationWritesATStackAndOneRoiPerCellAndFrame() throws Exception {
		Path out = tmp.resolve("perframe");
		CliRun r = run(with(new String[] { "run", rec.toString(), "--out", out.toString(), "--quiet", "--segmentation",
			"per-frame" }, CAL));
		assertEquals(0, r.code, r.err);
		Path dir = out.resolve("rec");
		ImagePlus labels = IJ.openImage(dir.resolve("labels.tif").toString());
		assertEquals(6, labels.getNFrames(), "time in T");
		assertEquals(1, labels.getNSlices());
		assertEquals(16, labels.getBitDepth());
		Csv.Table cells = Csv.read(dir.resolve("cells.csv"));
		int cc = cells.requireColumn("cell"), fc = cells.requireColumn("frame"), ac = cells.requireColumn("area_px");
		int xc = cells.requireColumn("x_px"), yc = cells.requireColumn("y_px");
		int rows = cells.rows().size();
		// every row's cell is under its id in that frame's plane of labels.tif, at its centroid
		for (int i = 0; i < rows; i++) {
			int cell = (int) cells.number(i, cc), frame = (int) cells.number(i, fc);
			assertTrue(cells.number(i, ac) > 0);
			labels.setT(frame + 1);
			int v = (int) labels.getProcessor().getf((int) Math.round(cells.number(i, xc)), (int) Math.round(cells.number(
				i, yc)));
			assertEquals(cell, v, "cell " + cell + " frame " + frame);
		}
		try (ZipFile zip = new ZipFile(dir.resolve("rois.zip").toFile())) {
			assertEquals(rows, zip.size(), "one ROI per cell and frame");
			assertTrue(zip.getEntry("cell-0001-t0001.roi") != null);
		}
	}

	@Test
	void segmentEvalScoresAHandMadePair() throws Exception {
		// truth: two 10x10 squares; prediction: one shifted by 2 px (IoU 2/3), the other missing, one stray object
		short[] t = new short[40 * 20], p = new short[40 * 20];
		for (int y = 2; y < 12; y++)
			for (int x = 0; x < 10; x++) {
				t[y * 40 + 2 + x] = 1;
				t[y * 40 + 20 + x] = 2;
				p[y * 40 + 4 + x] = 5;
			}
		p[18 * 40 + 38] = 9;
		Path truth = tmp.resolve("t.tif"), pred = tmp.resolve("p");
		new FileSaver(new ImagePlus("t", new ShortProcessor(40, 20, t, null))).saveAsTiff(truth.toString());
		Files.createDirectories(pred);
		new FileSaver(new ImagePlus("p", new ShortProcessor(40, 20, p, null))).saveAsTiff(pred.resolve("labels.tif")
			.toString());
		CliRun r = run("segment-eval", "--labels-truth", truth.toString(), "--run", pred.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("2 true, 2 found, 1 matched at IoU >= 0.50: precision 0.500, recall 0.500, F1 0.500, " +
			"mean IoU of matches 0.667"), r.out);
		CliRun bad = run("segment-eval", "--labels-truth", truth.toString(), "--run", tmp.resolve("none").toString());
		assertEquals(2, bad.code);
		assertTrue(bad.err.contains("has no labels.tif"), bad.err);
	}

	@Test
	void badSegmentationSettingsNameTheKeyAndWriteNothing() throws Exception {
		Path out = tmp.resolve("bad");
		String[][] cases = { { "--detector", "cellpose" }, { "--grow-fraction", "1.5" }, { "--segmentation",
			"sometimes" }, { "--segmentation-window", "4" }, { "--min-sharpness", "-1" } };
		String[] expected = { "--detector: must be one of seeded, threshold, got 'cellpose'", "--grow-fraction: must be",
			"--segmentation: must be static or per-frame", "--segmentation-window: must be an odd number",
			"--min-sharpness: must be 0..1" };
		for (int i = 0; i < cases.length; i++) {
			CliRun r = run(with(with(new String[] { "run", rec.toString(), "--out", out.toString(), "--quiet" }, CAL),
				cases[i]));
			assertEquals(2, r.code, r.err);
			assertTrue(r.err.contains(expected[i]), r.err);
		}
		CliRun window = run(with(new String[] { "run", rec.toString(), "--out", out.toString(), "--quiet",
			"--segmentation", "per-frame", "--segmentation-window", "7" }, CAL));
		assertEquals(2, window.code);
		assertTrue(window.err.contains("has 6 frame(s), fewer than segmentation_window 7"), window.err);
		Path labels = tmp.resolve("given-labels.tif");
		ImagePlus l = new ImagePlus("l", new ShortProcessor(128, 96));
		l.getProcessor().set(10, 10, 1);
		new FileSaver(l).saveAsTiff(labels.toString());
		CliRun given = run(with(new String[] { "run", rec.toString(), "--out", out.toString(), "--quiet",
			"--segmentation", "per-frame", "--labels", labels.toString() }, CAL));
		assertEquals(2, given.code);
		assertTrue(given.err.contains("leave out labels and rois"), given.err);
		// a field without cells: no output, the detector and what to change
		CliRun none = run(with(new String[] { "run", rec.toString(), "--out", out.toString(), "--quiet",
			"--min-snr", "1000" }, CAL));
		assertEquals(2, none.code);
		assertTrue(none.err.contains("no cells found") && none.err.contains("rejected, by ") && none.err.contains(
			"min_snr ("), none.err);
		assertFalse(Files.exists(out.resolve("rec")), "nothing written");
	}
}
