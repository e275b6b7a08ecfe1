package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * {@link TemporalCells} on painted scenes whose cells are known: discs of known place, brightness and noise, with the
 * detector's result of a frame given (a cell it kept, one it lost, one it rejected for min_snr).
 */
class TemporalCellsTest {

	static final int W = 96, H = 64;
	static final double SIGMA = 2;

	/** A flat background of 100 with Gaussian noise SD {@link #SIGMA} and discs of radius 7 (x, y, height). */
	static float[] scene(long seed, double[]... discs) {
		return scene(seed, SIGMA, discs);
	}

	static float[] scene(long seed, double sd, double[]... discs) {
		Random r = new Random(seed);
		float[] img = new float[W * H];
		for (int i = 0; i < img.length; i++) {
			double v = 100 + sd * r.nextGaussian();
			for (double[] d : discs)
				if (Math.hypot(i % W - d[0], i / W - d[1]) <= 7) v += d[2];
			img[i] = (float) v;
		}
		return img;
	}

	/** Labels of the discs (id = 1 + index), 0 for a disc given as null. */
	static int[] discs(double[]... discs) {
		int[] lab = new int[W * H];
		int id = 0;
		for (double[] d : discs) {
			if (d == null) continue;
			id++;
			for (int i = 0; i < lab.length; i++)
				if (Math.hypot(i % W - d[0], i / W - d[1]) <= 7) lab[i] = id;
		}
		return lab;
	}

	/** What a detector would report: these cells, these min_snr rejects, a background of 100, noise SIGMA. */
	static Segmentation detected(int[] cells, int[] rejected) {
		Labels c = Labels.of(cells, W, H), rj = Labels.of(rejected, W, H);
		Segmentation.ObjectStats[] cs = new Segmentation.ObjectStats[c.count() + 1];
		for (int k = 1; k <= c.count(); k++)
			cs[k] = new Segmentation.ObjectStats(50, 50, 0, 1, 25, c.area(k), null, null);
		Segmentation.ObjectStats[] rs = new Segmentation.ObjectStats[rj.count() + 1];
		for (int k = 1; k <= rj.count(); k++)
			rs[k] = new Segmentation.ObjectStats(4, 4, 0, 1, 2, rj.area(k), "min_snr", "contrast 4 < min_snr 3 x noise");
		float[] bg = new float[W * H];
		java.util.Arrays.fill(bg, 100);
		return new Segmentation(c, rj, cs, rs, 14, false, SIGMA, bg);
	}

	static SegmentationSettings settings() {
		return SegmentationSettings.builder().cellDiameterPx(14).build();
	}

	@Test
	void aCellTheDetectorLostIsCarriedWhereTheImageStillShowsIt() {
		double[] a = { 20, 30, 60 }, b = { 60, 30, 40 };
		OverlapLinker linker = new OverlapLinker();
		TemporalCells tc = new TemporalCells(W, H, settings(), () -> {
			throw new AssertionError("no min_snr candidate: the time average is not needed");
		});
		float[] f0 = scene(1, a, b);
		int[] t0 = linker.link(tc.cells(detected(discs(a, b), new int[W * H]), f0));
		tc.linked(t0, linker);
		int idB = t0[30 * W + 60];
		// the detector lost B in frame 1, but it is still there
		float[] f1 = scene(2, a, b);
		int[] t1 = linker.link(tc.cells(detected(discs(a, null), new int[W * H]), f1));
		tc.linked(t1, linker);
		assertEquals(1, tc.carriedCellFrames());
		int[] truthB = discs(null, b);
		int same = 0, area = 0;
		for (int i = 0; i < t1.length; i++) {
			if (truthB[i] == 0) continue;
			area++;
			if (t1[i] == idB) same++;
		}
		assertEquals(area, same, "B carried with its own pixels and its track id");
		// frame 2: B faded to a quarter of its brightness (below half of what it had): not carried
		float[] f2 = scene(3, a, new double[] { 60, 30, 10 });
		int[] t2 = linker.link(tc.cells(detected(discs(a, null), new int[W * H]), f2));
		tc.linked(t2, linker);
		assertEquals(1, tc.carriedCellFrames());
		assertEquals(0, t2[30 * W + 60]);
	}

	@Test
	void aCellThatMovedAwayOrWasCoveredIsNotCarried() {
		double[] a = { 20, 30, 60 }, b = { 60, 30, 40 };
		OverlapLinker linker = new OverlapLinker();
		TemporalCells tc = new TemporalCells(W, H, settings(), () -> null);
		tc.linked(linker.link(tc.cells(detected(discs(a, b), new int[W * H]), scene(1, a, b))), linker);
		// B went 20 px away (the detector found it there): its old place shows background, nothing carried
		double[] b2 = { 80, 30, 40 };
		tc.linked(linker.link(tc.cells(detected(discs(a, b2), new int[W * H]), scene(2, a, b2))), linker);
		assertEquals(0, tc.carriedCellFrames());
		// A covered by a larger object (a merge with a neighbour): not carried beside it
		double[] big = { 24, 30, 60 };
		int[] merged = discs(big);
		for (int i = 0; i < merged.length; i++)
			if (Math.hypot(i % W - 24, i / W - 30) <= 10) merged[i] = 1;
		tc.linked(linker.link(tc.cells(detected(merged, new int[W * H]), scene(3, a, big))), linker);
		assertEquals(0, tc.carriedCellFrames());
	}

	@Test
	void aDimObjectIsACellWhenTheTimeAverageShowsAStaticCellThere() {
		// frame: a disc 8 noise SDs high at (30, 30) and one at (70, 30) the detector rejected for min_snr; the time
		// average (noise of 16 frames) shows the first, the second is not there (a texture blob of that frame)
		double[] dim = { 30, 30, 16 }, blob = { 70, 30, 16 };
		AtomicInteger asked = new AtomicInteger();
		float[] average = scene(5, SIGMA / 4, dim);
		TemporalCells tc = new TemporalCells(W, H, settings(), () -> {
			asked.incrementAndGet();
			return average;
		});
		Labels out = tc.cells(detected(new int[W * H], discs(dim, blob)), scene(6, dim, blob));
		assertEquals(1, asked.get());
		assertEquals(1, tc.confirmedCellFrames());
		assertEquals(1, out.count());
		assertTrue(out.at(30, 30) == 1 && out.at(70, 30) == 0, "the dim cell kept, the blob not");
		// the next frame asks for the average no more
		tc.cells(detected(new int[W * H], discs(dim, blob)), scene(7, dim, blob));
		assertEquals(1, asked.get());
		assertEquals(2, tc.confirmedCellFrames());
	}
}
