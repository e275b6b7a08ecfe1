package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.ij.Thresholds;

import org.junit.jupiter.api.Test;

/** Distance transform, watershed and segmentation on images with known answers. */
class SegmentationTest {

	static boolean[] discs(int w, int h, double[][] centresAndRadii) {
		boolean[] m = new boolean[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (double[] c : centresAndRadii)
					if ((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]) <= c[2] * c[2]) m[y * w + x] = true;
		return m;
	}

	@Test
	void distanceTransformIsExactEuclidean() {
		int w = 21, h = 21;
		boolean[] fg = new boolean[w * h];
		java.util.Arrays.fill(fg, true);
		fg[10 * w + 10] = false; // one background pixel in the centre; the border counts as background too
		float[] d = Morphology.distanceTransform(fg, w, h);
		assertEquals(0, d[10 * w + 10], 0);
		assertEquals(Math.sqrt(3 * 3 + 4 * 4), d[(10 + 4) * w + 10 + 3], 1e-6);
		assertEquals(1, d[0], 1e-6, "corner pixel is 1 px from outside");
	}

	@Test
	void watershedSplitsTwoTouchingDiscsAndNotOne() {
		int w = 60, h = 40;
		boolean[] pair = discs(w, h, new double[][] { { 20, 20, 9 }, { 35, 20, 9 } });
		int[] lab = Watershed.split(pair, w, h, 1.0);
		Labels l = Labels.of(lab, w, h);
		assertEquals(2, l.count());
		assertEquals(20, l.centroidX(1), 1.0);
		assertEquals(35, l.centroidX(2), 1.0);
		assertEquals(l.area(1), l.area(2), 0.1 * l.area(1), "a symmetric pair splits in halves");
		boolean[] ellipse = new boolean[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				ellipse[y * w + x] = (x - 30) * (x - 30) / 196.0 + (y - 20) * (y - 20) / 64.0 <= 1;
		assertEquals(1, Labels.of(Watershed.split(ellipse, w, h, 1.0), w, h).count(), "an ellipse stays one cell");
	}

	@Test
	void bothDetectorsFindCellsOnAGradientAndApplySizeAndBorderFilters() {
		int w = 80, h = 60;
		boolean[] cells = discs(w, h, new double[][] { { 20, 20, 7 }, { 50, 30, 8 }, { 30, 45, 6 }, { 2, 30, 5 },
			{ 65, 10, 1.5 } });
		float[] img = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				img[y * w + x] = 100 + 3f * x + (cells[y * w + x] ? 400 : 0);
		for (String detector : SegmentationSettings.DETECTORS) {
			// min area 25 px: the 1.5 px speck has 9 px, 21 px when cut at a quarter of its smoothed peak (seeded)
			SegmentationSettings keep = SegmentationSettings.builder().detector(detector).minAreaPx(25).build();
			ThresholdMethod otsu = Thresholds.byName("Otsu");
			Labels all = CellSegmenter.segment(img, w, h, keep, otsu).cells;
			assertEquals(4, all.count(), detector + ": the 1.5 px speck is below min area");
			Labels inner = CellSegmenter.segment(img, w, h, SegmentationSettings.builder().detector(detector).minAreaPx(
				25).dropBorderCells(true).build(), otsu).cells;
			assertEquals(3, inner.count(), detector + ": the cell cut by the left border is dropped");
			for (int id = 1; id <= inner.count(); id++)
				assertTrue(!inner.touchesBorder(id));
			// the found cells are the drawn discs, to about a pixel (the seeded detector cuts at a quarter of the peak of
			// the smoothed image, half a pixel outside a sharp edge): IoU above 0.7 for discs of radius 6-8 px
			int[] truth = Morphology.connectedComponents(cells, w, h, true);
			SegmentationScore score = SegmentationScore.of(truth, all.array(), w, h, 0.7);
			assertEquals(4, score.matched(), detector + ": " + score);
		}
	}

	@Test
	void fillHolesFillsEnclosedBackgroundOnly() {
		int w = 9, h = 9;
		boolean[] ring = new boolean[w * h];
		for (int y = 2; y <= 6; y++)
			for (int x = 2; x <= 6; x++)
				ring[y * w + x] = !(x == 4 && y == 4);
		boolean[] filled = Morphology.fillHoles(ring, w, h);
		assertTrue(filled[4 * w + 4]);
		assertTrue(!filled[0]);
	}
}
