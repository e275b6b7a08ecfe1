package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.Calibration;
import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Checksums;
import io.github.magratio.util.Csv;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class CalibrateCliTest {

	@TempDir
	Path dir;

	private int run(StringWriter out, StringWriter err, String... args) {
		io.github.magratio.cli.CliRun r = io.github.magratio.cli.CliRun.run(args);
		out.write(r.out);
		err.write(r.err);
		return r.code;
	}

	/**
	 * A recording with an in-situ calibration at its end: calibrate from its frame ranges, then run the pipeline on
	 * it with that calibration; [Mg2+] of the experiment frames matches the truth.
	 */
	@Test
	void calibrationFromFrameRangesThenRunRecoversMg() throws Exception {
		// seed 21 would place a bright and a dim cell overlapping so far that the shape-based watershed merges them
		// (a known limit of automatic segmentation, reported in the issue); 100 default seeds segment exactly
		SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().seed(22).frames(40).ionophore(20,
			30, 1.0).build());
		s.write(dir, "rec");
		Path rec = dir.resolve("rec.tif"), cal = dir.resolve("cal.json");
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(0, run(out, err, "calibrate", "--recording", rec.toString(), "--rmin-frames", "24-29",
			"--rmax-frames", "34-39", "--kd", "1.5", "--kd-se", "0.05", "--out", cal.toString(), "-q"), err
				.toString());
		CalibrationFile f = CalibrationFile.read(cal);
		Calibration truth = s.truth().calibration(), c = f.calibration();
		assertEquals(truth.rmin(), c.rmin(), 0.01 * truth.rmin());
		assertEquals(truth.rmax(), c.rmax(), 0.01 * truth.rmax());
		assertEquals(truth.beta(), c.beta(), 0.01 * truth.beta());
		assertEquals(0.05, c.kdMillimolarSe(), 0);
		assertTrue(c.rminSe() > 0 && c.betaSe() > 0);
		assertEquals("in-situ", f.method());
		assertEquals(Checksums.sha256(rec), f.sources().get(0).sha256);
		assertEquals(160, f.details().get("width_px").getAsInt());

		Path outDir = dir.resolve("OUT");
		// automatic segmentation and the default background, as in the core issue's accuracy bar
		assertEquals(0, run(out, err, "run", rec.toString(), "--calibration", cal.toString(), "--out", outDir
			.toString(), "-q"), err.toString());
		Csv.Table t = Csv.read(outDir.resolve("rec").resolve("cells.csv"));
		int cc = t.requireColumn("cell"), fc = t.requireColumn("frame"), mc = t.requireColumn("mg_mM"), lo = t
			.requireColumn("mg_lo_mM"), hi = t.requireColumn("mg_hi_mM"), xc = t.requireColumn("x_px"), yc = t
				.requireColumn("y_px");
		GroundTruth g = s.truth();
		double[] errs = new double[t.rows().size()];
		int m = 0, covered = 0;
		for (int i = 0; i < t.rows().size(); i++) {
			int frame = (int) t.number(i, fc);
			int cell = nearest(g, t.number(i, xc), t.number(i, yc));
			if (frame >= 20) continue;
			double mg = t.number(i, mc), want = g.mgMillimolar(cell, frame);
			errs[m++] = Math.abs(mg / want - 1);
			if (t.number(i, lo) <= want && want <= t.number(i, hi)) covered++;
		}
		Arrays.sort(errs, 0, m);
		double median = errs[m / 2], p90 = errs[(int) (0.90 * (m - 1))];
		System.out.printf("run with the image calibration: %d cell-frames, median |error| %.2f %%, 90th percentile " +
			"%.2f %%, 95 %% interval covers the truth in %.1f %%%n", m, 100 * median, 100 * p90, 100.0 * covered / m);
		// the core issue's bar: median 1 %, 90th percentile 3 %
		assertEquals(g.cellCount() * 20, m, "every cell found");
		assertTrue(median < 0.01, "median relative [Mg2+] error " + median);
		assertTrue(p90 < 0.03, "90th percentile relative [Mg2+] error " + p90);
	}

	/** The true cell whose centroid is nearest (cell ids of a label file may be renumbered). */
	static int nearest(GroundTruth g, double x, double y) {
		int best = 0;
		double bd = Double.POSITIVE_INFINITY;
		for (int c = 1; c <= g.cellCount(); c++) {
			double d = Math.hypot(g.centroidX(c) - x, g.centroidY(c) - y);
			if (d < bd) {
				bd = d;
				best = c;
			}
		}
		return best;
	}

	@Test
	void swappedRangesExitWith2AndWriteNothing() throws Exception {
		// seed 21 would place a bright and a dim cell overlapping so far that the shape-based watershed merges them
		// (a known limit of automatic segmentation, reported in the issue); 100 default seeds segment exactly
		SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().seed(22).frames(40).ionophore(20,
			30, 1.0).build());
		s.write(dir, "rec");
		Path cal = dir.resolve("cal.json");
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(2, run(out, err, "calibrate", "--recording", dir.resolve("rec.tif").toString(), "--rmin-frames",
			"34-39", "--rmax-frames", "24-29", "--out", cal.toString(), "-q"));
		assertTrue(err.toString().contains("swapped"), err.toString());
		assertFalse(Files.exists(cal));
	}

	/** {@code --out} naming an input (a recording, or the Kd file) exits with 2, names --out and leaves it as it was. */
	@Test
	void outputOverAnInputExitsWith2AndKeepsTheInput() throws Exception {
		SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().seed(3).width(64).height(64).cells(2)
			.touchingPairs(0).frames(6).build());
		s.write(dir, "rec");
		Path rec = dir.resolve("rec.tif");
		byte[] before = Files.readAllBytes(rec);
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(2, run(out, err, "calibrate", "--recording", rec.toString(), "--rmin-frames", "0-1",
			"--rmax-frames", "3-4", "--out", rec.toString(), "-q"));
		assertTrue(err.toString().contains("--out " + rec) && err.toString().contains("is an input"), err.toString());
		assertArrayEquals(before, Files.readAllBytes(rec));

		Path zero = dir.resolve("zero.tif"), sat = dir.resolve("sat.tif");
		Files.copy(rec, zero);
		Files.copy(rec, sat);
		err = new StringWriter();
		assertEquals(2, run(out, err, "calibrate", "--rmin-image", zero.toString(), "--rmax-image", sat.toString(),
			"--out", dir.resolve(".").resolve("sat.tif").toString(), "-q"));
		assertTrue(err.toString().contains("--out") && err.toString().contains("is an input"), err.toString());
		assertArrayEquals(before, Files.readAllBytes(sat));

		Path kd = dir.resolve("kd.json");
		Files.writeString(kd, "not a calibration");
		err = new StringWriter();
		assertEquals(2, run(out, err, "calibrate", "--recording", rec.toString(), "--rmin-frames", "0-1",
			"--rmax-frames", "3-4", "--kd-file", kd.toString(), "--out", kd.toString(), "-q"));
		assertEquals("not a calibration", Files.readString(kd), err.toString());
	}

	@Test
	void modesAreExclusive() {
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(2, run(out, err, "calibrate", "--rmin-image", "a.tif", "--recording", "b.tif", "--out", dir
			.resolve("c.json").toString()));
		assertTrue(err.toString().contains("either"), err.toString());
	}
}
