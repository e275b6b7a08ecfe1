package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The lower bound that lets the diameter estimate skip walking the rays of maxima without contrast: against the minimum
 * found by visiting every pixel, on random images of sizes that are and are not multiples of the block, and on the
 * Laplacian it is built beside, against the 5-point formula with mirrored borders.
 */
class SquareMinimaTest {

	private static final int B = SeededSegmenter.SquareMinima.BLOCK;

	@Test
	void theBoundIsTheExactMinimumOverTheBlocksTheRectangleTouches() {
		Random r = new Random(42);
		for (int[] size : new int[][] { { 1, 1 }, { 7, 3 }, { 8, 8 }, { 33, 17 }, { 100, 64 }, { 257, 129 } }) {
			int w = size[0], h = size[1];
			float[] img = new float[w * h];
			for (int i = 0; i < img.length; i++)
				img[i] = (float) r.nextGaussian();
			SeededSegmenter.SquareMinima floor = new SeededSegmenter.SquareMinima(img, w, h);
			for (int q = 0; q < 300; q++) {
				// rectangles partly outside the image too, as the rays' square of a maximum near the border is
				int x0 = r.nextInt(w + 20) - 10, y0 = r.nextInt(h + 20) - 10;
				int x1 = Math.max(x0, 0) + r.nextInt(w + 10), y1 = Math.max(y0, 0) + r.nextInt(h + 10);
				x0 = Math.min(x0, w - 1);
				y0 = Math.min(y0, h - 1);
				int cx0 = Math.max(0, x0), cy0 = Math.max(0, y0), cx1 = Math.min(w - 1, x1), cy1 = Math.min(h - 1, y1);
				float inside = Float.POSITIVE_INFINITY, blocks = Float.POSITIVE_INFINITY;
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						if (x >= cx0 && x <= cx1 && y >= cy0 && y <= cy1) inside = Math.min(inside, img[y * w + x]);
						if (x / B >= cx0 / B && x / B <= cx1 / B && y / B >= cy0 / B && y / B <= cy1 / B) blocks = Math.min(
							blocks, img[y * w + x]);
					}
				float bound = floor.min(x0, y0, x1, y1);
				String where = w + "x" + h + ", x " + x0 + ".." + x1 + ", y " + y0 + ".." + y1;
				assertEquals(blocks, bound, 0, where);
				assertTrue(bound <= inside, where);
			}
		}
	}

	@Test
	void aNanPixelMakesTheBoundNanSoNothingIsRejectedOnIt() {
		int w = 40, h = 30;
		float[] img = new float[w * h];
		img[17 * w + 21] = Float.NaN;
		SeededSegmenter.SquareMinima floor = new SeededSegmenter.SquareMinima(img, w, h);
		assertTrue(Float.isNaN(floor.min(0, 0, w - 1, h - 1)));
		assertEquals(0, floor.min(0, 0, 7, 7), 0);
	}

	@Test
	void theLaplacianIsTheFivePointSumWithMirroredBorders() {
		Random r = new Random(7);
		for (int[] size : new int[][] { { 1, 1 }, { 1, 5 }, { 2, 2 }, { 3, 4 }, { 17, 9 } }) {
			int w = size[0], h = size[1];
			float[] f = new float[w * h];
			for (int i = 0; i < f.length; i++)
				f[i] = (float) (100 * r.nextGaussian());
			float[] lap = Morphology.laplacian(f, w, h);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					// mirrored: the pixel beyond the border is the border pixel itself
					int l = Math.max(0, x - 1), rt = Math.min(w - 1, x + 1), u = Math.max(0, y - 1), d = Math.min(h - 1, y +
						1);
					float expected = f[y * w + l] + f[y * w + rt] + f[u * w + x] + f[d * w + x] - 4 * f[y * w + x];
					assertEquals(expected, lap[y * w + x], 0, w + "x" + h + " at " + x + "," + y);
				}
		}
	}
}
