package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.magratio.core.CalciumCorrection;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.CellFlag;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ca2+ interference through the pipeline (science.md section 2): with a given [Ca2+] cells.csv carries
 * mg_corrected_mM = mg_mM - [Ca] * Kd,Mg / Kd,Ca; without it, rises faster than Mg2+ plausibly moves are flagged
 * ca_suspect and the generator's slow courses are not.
 */
class CalciumPipelineTest {

	@TempDir
	static Path tmp;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	static SyntheticRecording synth(double frameIntervalSeconds) {
		return SyntheticRecording.generate(SynthSettings.builder().seed(11).cells(12).frames(24).frameIntervalSeconds(
			frameIntervalSeconds).build());
	}

	static JsonObject calibration(Calibration cal, double kdMillimolar) {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_KD, kdMillimolar);
		o.addProperty(PipelineSettings.KEY_RMIN, cal.rmin());
		o.addProperty(PipelineSettings.KEY_RMAX, cal.rmax());
		o.addProperty(PipelineSettings.KEY_BETA, cal.beta());
		return o;
	}

	@Test
	void oneMicromolarCalciumLowersEveryMgBy0076MillimolarInCellsCsv() throws Exception {
		SyntheticRecording s = synth(2);
		Path rec = TestRecordings.hyperstack(s.imagePlus(), Files.createDirectories(tmp.resolve("ca1")).resolve(
			"rec.tif"));
		JsonObject o = calibration(s.truth().calibration(), 1.9);
		o.addProperty(PipelineSettings.KEY_CA, 1.0);
		Pipeline.Result r = Pipeline.run(PipelineSettings.fromJson(o), Pipeline.Input.of(rec), tmp.resolve("ca1-out"),
			false, Progress.NONE);

		RecordingAnalysis.Result a = r.analysis;
		int finite = 0;
		for (int c = 1; c <= a.table.cells(); c++)
			for (int t = 0; t < a.table.frames(); t++) {
				double mg = a.table.mgMillimolar(c, t);
				if (Double.isNaN(mg)) continue;
				finite++;
				assertEquals(mg - 0.076, a.mgCorrectedMillimolar(mg, t), 1e-12, "1 uM x 1.9 mM / 25 uM = 0.076 mM");
				assertEquals(0, a.table.flags(c, t) & CellFlag.CA_SUSPECT.bit(), "no ca_suspect when [Ca2+] is given");
			}
		assertTrue(finite > 100, "cells measured: " + finite);

		Csv.Table cells = Csv.read(r.folder.resolve(Pipeline.CELLS));
		assertTrue(cells.header().containsAll(CellTables.CELL_COLUMNS), "contract columns kept: " + cells.header());
		assertEquals(CellTables.CELL_COLUMNS, cells.header().subList(0, CellTables.CELL_COLUMNS.size()),
			"contract columns first, in order");
		int mg = cells.column("mg_mM"), corr = cells.requireColumn("mg_corrected_mM"), ca = cells.requireColumn(
			"ca_uM"), lo = cells.column("mg_lo_mM"), clo = cells.requireColumn("mg_corrected_lo_mM");
		for (int i = 0; i < cells.rows().size(); i++) {
			double m = cells.number(i, mg);
			if (Double.isNaN(m)) continue;
			assertEquals(1.0, cells.number(i, ca), 0);
			assertEquals(m - 0.076, cells.number(i, corr), 1e-5 * Math.max(1, m));
			assertEquals(cells.number(i, lo) - 0.076, cells.number(i, clo), 1e-5 * Math.max(1, m));
		}
		JsonObject run = JsonParser.parseString(new String(Files.readAllBytes(r.folder.resolve(Pipeline.RUN)),
			StandardCharsets.UTF_8)).getAsJsonObject();
		assertEquals(1.0, run.getAsJsonObject("settings").get(PipelineSettings.KEY_CA).getAsDouble(), 0);
		assertEquals(25.0, run.getAsJsonObject("settings").get(PipelineSettings.KEY_KD_CA).getAsDouble(), 0);
		assertTrue(run.getAsJsonObject("result").get("ca_corrected").getAsBoolean());
	}

	@Test
	void calciumFileByTimeGivesEachFrameItsOwnCorrection() throws Exception {
		SyntheticRecording s = synth(2);
		Recording rec = Recording.of(s.imagePlus(), Layout.AUTO, 1, null);
		StringBuilder csv = new StringBuilder("# parallel fura-2\ntime_s,ca_uM\n");
		for (int t = 23; t >= 0; t--)
			csv.append(2.0 * t + 0.01).append(',').append(0.1 * t).append('\n');
		Path file = Files.write(tmp.resolve("ca-time.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
		JsonObject o = calibration(s.truth().calibration(), 1.9);
		o.addProperty(PipelineSettings.KEY_CA_FILE, file.toString());
		o.addProperty(PipelineSettings.KEY_KD_CA, 50);
		RecordingAnalysis.Result a = RecordingAnalysis.analyse(PipelineSettings.fromJson(o), rec, Progress.NONE, null);
		for (int t = 0; t < 24; t++) {
			assertEquals(0.1 * t, a.caMicromolar(t), 1e-12);
			assertEquals(1.0 - 0.1 * t * 1.9 / 50, a.mgCorrectedMillimolar(1.0, t), 1e-12);
		}

		Path gap = Files.write(tmp.resolve("ca-gap.csv"), "frame,ca_uM\n0,0.1\n2,0.1\n".getBytes(
			StandardCharsets.UTF_8));
		o.addProperty(PipelineSettings.KEY_CA_FILE, gap.toString());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordingAnalysis.analyse(
			PipelineSettings.fromJson(o), rec, Progress.NONE, null));
		assertTrue(e.getMessage().contains(gap.toString()) && e.getMessage().contains("22 of 24 frames"), e
			.getMessage());
	}

	@Test
	void calciumSettingsAreValidatedByKey() throws Exception {
		Calibration cal = new Calibration(1.9, 0.4, 4, 3);
		String[][] bad = { { PipelineSettings.KEY_CA, "-1" }, { PipelineSettings.KEY_KD_CA, "0" }, {
			PipelineSettings.KEY_CA_MAX_RISE, "-0.1" }, { PipelineSettings.KEY_CA_FILE, tmp.resolve("none.csv")
				.toString() } };
		for (String[] b : bad) {
			JsonObject o = calibration(cal, 1.9);
			if (b[0].equals(PipelineSettings.KEY_CA_FILE)) o.addProperty(b[0], b[1]);
			else o.addProperty(b[0], Double.parseDouble(b[1]));
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.fromJson(
				o));
			assertTrue(e.getMessage().contains(b[0]), e.getMessage());
		}
		JsonObject both = calibration(cal, 1.9);
		both.addProperty(PipelineSettings.KEY_CA, 1);
		both.addProperty(PipelineSettings.KEY_CA_FILE, "ca.csv");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.fromJson(
			both));
		assertTrue(e.getMessage().contains("ca_uM") && e.getMessage().contains("ca_file"), e.getMessage());
	}

	/** Cells of the analysis matched to the truth's cells by centroid, with their course kinds. */
	static List<String> kinds(GroundTruth truth, RecordingAnalysis.Result a) {
		List<String> k = new ArrayList<>();
		for (int c = 1; c <= a.labels.count(); c++) {
			int id = truth.label((int) Math.round(a.labels.centroidX(c)), (int) Math.round(a.labels.centroidY(c)));
			k.add(id == 0 ? "none" : truth.courseKind(id));
		}
		return k;
	}

	static int suspectFrames(RecordingAnalysis.Result a, int cell) {
		int n = 0;
		for (int t = 0; t < a.table.frames(); t++)
			if ((a.table.flags(cell, t) & CellFlag.CA_SUSPECT.bit()) != 0) n++;
		return n;
	}

	/**
	 * The generator's courses rise no faster than cytosolic Mg2+ plausibly moves (0.05 mM/s by default): the default
	 * threshold (0.1 mM/s) flags nothing on them, and gives no warning.
	 */
	@Test
	void defaultThresholdFlagsNothingOnPhysiologicalCourses() throws Exception {
		assertEquals(0.1, PipelineSettings.DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND, 0);
		SyntheticRecording s = synth(2);
		RecordingAnalysis.Result a = RecordingAnalysis.analyse(PipelineSettings.fromJson(calibration(s.truth()
			.calibration(), s.truth().calibration().kdMillimolar())), Recording.of(s.imagePlus(), Layout.AUTO, 1, null),
			Progress.NONE, null);
		List<String> kinds = kinds(s.truth(), a);
		assertTrue(kinds.contains("step") && kinds.contains("transient") && kinds.contains("drift"), kinds.toString());
		assertEquals(0, a.caSuspectFrames);
		assertFalse(a.warnings.stream().anyMatch(w -> w.contains("ca_suspect")), a.warnings.toString());
	}

	/**
	 * Rises as fast as a Ca2+ transient (the same courses drawn with a 5 mM/s limit: steps of 0.4..1.5 mM within one
	 * or two 2 s frames) are flagged at their onsets by the default threshold, while drifting and constant cells are
	 * not.
	 */
	@Test
	void fastRisesAreFlaggedAtTheirOnsets() throws Exception {
		SyntheticRecording fast = SyntheticRecording.generate(SynthSettings.builder().seed(11).cells(12).frames(24)
			.frameIntervalSeconds(2).mgMaxRiseMillimolarPerSecond(5).build());
		RecordingAnalysis.Result b = RecordingAnalysis.analyse(PipelineSettings.fromJson(calibration(fast.truth()
			.calibration(), fast.truth().calibration().kdMillimolar())), Recording.of(fast.imagePlus(), Layout.AUTO, 1,
				null), Progress.NONE, null);
		List<String> kinds = kinds(fast.truth(), b);
		int steps = 0;
		for (int c = 1; c <= b.labels.count(); c++) {
			String k = kinds.get(c - 1);
			if (k.equals("step")) {
				steps++;
				assertTrue(suspectFrames(b, c) >= 1 && suspectFrames(b, c) <= 2, "fast step of cell " + c +
					" flagged at its onset only: " + suspectFrames(b, c));
			}
			if (k.equals("constant") || k.equals("drift")) assertEquals(0, suspectFrames(b, c), "cell " + c + " (" + k +
				")");
		}
		assertTrue(steps >= 3, kinds.toString());
		assertTrue(b.caSuspectFrames > 0 && b.warnings.stream().anyMatch(w -> w.contains("ca_suspect")), b.warnings
			.toString());
	}

	@Test
	void noiseAloneIsNotAFastRise() {
		double[] trace = { 1.0, 1.03, 0.99, 1.02, 1.5 };
		double[] se = { 0.02, 0.02, 0.02, 0.02, 0.02 };
		boolean[] f = CalciumCorrection.fastRises(trace, se, 0.1, 0.1, 3);
		assertFalse(f[1] || f[3], "rises of 0.03 mM within 3 SEs (0.085 mM) are noise");
		assertTrue(f[4], "0.48 mM in 0.1 s is a fast rise");
	}
}
