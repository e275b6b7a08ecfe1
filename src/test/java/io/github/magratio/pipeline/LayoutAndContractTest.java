package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.Progress;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three input layouts give identical tables, and a run's folder holds exactly the output contract. */
class LayoutAndContractTest {

	@TempDir
	static Path tmp;
	static SyntheticRecording synth;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(5).width(120).height(96).cells(8)
			.touchingPairs(1).frames(12).build());
	}

	static PipelineSettings settings(String... kv) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty("kd_mM", synth.truth().calibration().kdMillimolar());
		o.addProperty("rmin", synth.truth().calibration().rmin());
		o.addProperty("rmax", synth.truth().calibration().rmax());
		o.addProperty("beta", synth.truth().calibration().beta());
		for (int i = 0; i < kv.length; i += 2)
			o.addProperty(kv[i], kv[i + 1]);
		return PipelineSettings.fromJson(o);
	}

	@Test
	void threeLayoutsGiveIdenticalTables() throws Exception {
		Path in = Files.createDirectories(tmp.resolve("layouts"));
		Path hyper = TestRecordings.hyperstack(synth.imagePlus(), in.resolve("A.tif"));
		Path inter = TestRecordings.interleaved(synth.imagePlus(), in.resolve("B.tif"));
		Path f340 = TestRecordings.channel(synth.imagePlus(), 1, in.resolve("C-340.tif"));
		Path f380 = TestRecordings.channel(synth.imagePlus(), 2, in.resolve("C-380.tif"));
		Path out = tmp.resolve("layouts-out");
		Pipeline.Result a = Pipeline.run(settings(), Pipeline.Input.of(hyper), out, false, Progress.NONE);
		Pipeline.Result b = Pipeline.run(settings("layout", "interleaved"), Pipeline.Input.of(inter), out, false,
			Progress.NONE);
		Pipeline.Result c = Pipeline.run(settings(), Pipeline.Input.separate(f340, f380), out, false, Progress.NONE);
		assertEquals(out.resolve("C"), c.folder, "a 340/380 pair is named after its common stem");
		for (String table : new String[] { Pipeline.CELLS, Pipeline.SUMMARY }) {
			String ta = new String(Files.readAllBytes(a.folder.resolve(table)), StandardCharsets.UTF_8);
			assertEquals(ta, new String(Files.readAllBytes(b.folder.resolve(table)), StandardCharsets.UTF_8), table);
			assertEquals(ta, new String(Files.readAllBytes(c.folder.resolve(table)), StandardCharsets.UTF_8), table);
		}
		// channel340=2 on a hyperstack with swapped channels gives the same numbers
		ImagePlus swapped = swapChannels(synth.imagePlus());
		Path sw = TestRecordings.hyperstack(swapped, in.resolve("D.tif"));
		Pipeline.Result d = Pipeline.run(settings("channel340", "2"), Pipeline.Input.of(sw), out, false, Progress.NONE);
		assertEquals(new String(Files.readAllBytes(a.folder.resolve(Pipeline.CELLS)), StandardCharsets.UTF_8),
			new String(Files.readAllBytes(d.folder.resolve(Pipeline.CELLS)), StandardCharsets.UTF_8));
	}

	static ImagePlus swapChannels(ImagePlus imp) {
		ij.ImageStack s = new ij.ImageStack(imp.getWidth(), imp.getHeight());
		for (int t = 1; t <= imp.getNFrames(); t++)
			for (int c = 2; c >= 1; c--)
				s.addSlice(imp.getStack().getProcessor(imp.getStackIndex(c, 1, t)));
		ImagePlus out = new ImagePlus("swapped", s);
		out.setDimensions(2, 1, imp.getNFrames());
		out.setOpenAsHyperStack(true);
		out.setCalibration(imp.getCalibration());
		return out;
	}

	@Test
	void outputFolderHoldsTheContract() throws Exception {
		Path in = Files.createDirectories(tmp.resolve("contract"));
		Path rec = TestRecordings.hyperstack(synth.imagePlus(), in.resolve("rec.tif"));
		byte[] before = Files.readAllBytes(rec);
		Path out = tmp.resolve("contract-out");
		Pipeline.Result r = Pipeline.run(settings(), Pipeline.Input.of(rec), out, false, Progress.NONE);
		assertArrayEquals(before, Files.readAllBytes(rec), "the input is never modified");
		List<String> names = new ArrayList<>();
		try (java.util.stream.Stream<Path> s = Files.list(r.folder)) {
			s.forEach(p -> names.add(p.getFileName().toString()));
		}
		names.sort(null);
		assertEquals(Arrays.asList("cells.csv", "labels.tif", "mg.tif", "qc.png", "ratio.tif", "rois.zip", "run.json",
			"summary.csv", "traces.png", "tracks.xml"), names, "exactly the contract, no scratch files left");
		try (java.util.stream.Stream<Path> s = Files.list(out)) {
			assertEquals(1, s.count(), "no temporary folder left beside the result");
		}

		Csv.Table cells = Csv.read(r.folder.resolve("cells.csv"));
		// the design's output contract, written out here (not read from the code that writes the file)
		assertEquals(Arrays.asList("cell", "frame", "time_s", "x_px", "y_px", "area_px", "f340", "f380", "bg340",
			"bg380", "ratio", "ratio_se", "mg_mM", "mg_lo_mM", "mg_hi_mM", "saturated_px", "flags", "nonfinite_px"), cells
				.header());
		int n = r.analysis.labels.count(), frames = 12;
		assertEquals(n * frames, cells.rows().size());
		assertEquals("0", cells.rows().get(0).get(cells.column("frame")), "frames are 0-based");
		assertEquals(2.0 * 11, cells.number(frames - 1, cells.column("time_s")), 1e-9, "time_s = frame x 2 s");
		Csv.Table summary = Csv.read(r.folder.resolve("summary.csv"));
		assertEquals(n, summary.rows().size());

		ImagePlus ratio = IJ.openImage(r.folder.resolve("ratio.tif").toString());
		assertEquals(32, ratio.getBitDepth());
		assertEquals(frames, ratio.getNFrames());
		assertEquals(2.0, ratio.getCalibration().frameInterval, 1e-9);
		ImagePlus mg = IJ.openImage(r.folder.resolve("mg.tif").toString());
		assertEquals(frames, mg.getStackSize());
		// mg.tif at every cell's centroid pixel is Grynkiewicz, written out here (not the code's function), of ratio.tif
		// there with the true constants the run was given
		Calibration c = synth.truth().calibration();
		ratio.setT(5);
		mg.setT(5);
		for (int cell = 1; cell <= n; cell++) {
			int x = (int) Math.round(r.analysis.labels.centroidX(cell)), y = (int) Math.round(r.analysis.labels
				.centroidY(cell));
			double rv = ratio.getProcessor().getPixelValue(x, y), mv = mg.getProcessor().getPixelValue(x, y);
			if (Double.isNaN(rv)) continue;
			double expected = rv <= c.rmin() ? 0 : rv >= c.rmax() ? Double.NaN : c.kdMillimolar() * c.beta() * (rv - c
				.rmin()) / (c.rmax() - rv);
			assertEquals(expected, mv, 1e-5 * Math.max(1, Math.abs(expected)), "cell " + cell);
		}
		ImagePlus labels = IJ.openImage(r.folder.resolve("labels.tif").toString());
		assertEquals(16, labels.getBitDepth());
		assertEquals(n, (int) labels.getProcessor().getStatistics().max);

		try (ZipFile zip = new ZipFile(r.folder.resolve("rois.zip").toFile())) {
			int count = 0;
			for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
				ZipEntry entry = e.nextElement();
				byte[] bytes = zip.getInputStream(entry).readAllBytes();
				Roi roi = RoiDecoder.openFromByteArray(bytes);
				assertNotNull(roi, entry.getName());
				count++;
				int id = Integer.parseInt(entry.getName().replaceAll("\\D", ""));
				assertEquals(String.format("cell-%04d.roi", id), entry.getName());
				// the ROI covers exactly the label's pixels
				assertEquals(r.analysis.labels.area(id), roi.getContainedPoints().length, entry.getName());
			}
			assertEquals(n, count);
		}
		byte[] png = Files.readAllBytes(r.folder.resolve("traces.png"));
		assertEquals((byte) 0x89, png[0]);
		assertEquals('P', png[1]);

		JsonObject run = JsonParser.parseString(new String(Files.readAllBytes(r.folder.resolve("run.json")),
			StandardCharsets.UTF_8)).getAsJsonObject();
		assertTrue(run.getAsJsonObject("software").has("version"));
		assertEquals(io.github.magratio.util.Checksums.sha256(rec), run.getAsJsonObject("input").getAsJsonArray("files")
			.get(0).getAsJsonObject().get("sha256").getAsString());
		assertEquals(1.5, run.getAsJsonObject("calibration").get("kd_mM").getAsDouble(), 1e-12);
		assertTrue(run.getAsJsonObject("timings").get("total_s").getAsDouble() > 0);
		// run.json's settings replay to the same settings
		PipelineSettings replay = PipelineSettings.fromJson(run.getAsJsonObject("settings"));
		assertEquals(run.getAsJsonObject("settings"), replay.toJson());
	}

	@Test
	void userLabelsAndRoisReproduceTheAutomaticRun() throws Exception {
		Path in = Files.createDirectories(tmp.resolve("given"));
		Path rec = TestRecordings.hyperstack(synth.imagePlus(), in.resolve("rec.tif"));
		Path out = tmp.resolve("given-out");
		Pipeline.Result auto = Pipeline.run(settings(), Pipeline.Input.of(rec), out, false, Progress.NONE);
		Pipeline.Result fromLabels = Pipeline.run(settings("labels", auto.folder.resolve("labels.tif").toString()),
			Pipeline.Input.of(rec), tmp.resolve("given-labels"), false, Progress.NONE);
		Pipeline.Result fromRois = Pipeline.run(settings("rois", auto.folder.resolve("rois.zip").toString()), Pipeline
			.Input.of(rec), tmp.resolve("given-rois"), false, Progress.NONE);
		String want = new String(Files.readAllBytes(auto.folder.resolve("cells.csv")), StandardCharsets.UTF_8);
		assertEquals(want, new String(Files.readAllBytes(fromLabels.folder.resolve("cells.csv")),
			StandardCharsets.UTF_8));
		assertEquals(want, new String(Files.readAllBytes(fromRois.folder.resolve("cells.csv")), StandardCharsets.UTF_8));
		assertFalse(Files.exists(out.resolve("rec").resolve("cells.csv.part")));
	}
}
