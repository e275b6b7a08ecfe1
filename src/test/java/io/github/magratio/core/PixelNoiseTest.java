package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The neighbour-difference noise estimate against the SD the noise was drawn with: a gradient does not inflate it, the
 * excluded pixels (a bright textured cell) do not count, sampling every few rows and columns keeps it unbiased.
 */
class PixelNoiseTest {

	static final int W = 200, H = 150;

	/** @return Gaussian noise of SD {@code sd} on a gradient of 0.8 counts/px in x, a bright rough cell at the centre */
	static float[] image(double sd, long seed, boolean[] cell) {
		Random r = new Random(seed);
		float[] img = new float[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				int p = y * W + x;
				cell[p] = (x - 100) * (x - 100) + (y - 75) * (y - 75) < 40 * 40;
				img[p] = (float) (500 + 0.8 * x + 0.3 * y + sd * r.nextGaussian() + (cell[p] ? 3000 + 40 * sd * r
					.nextGaussian() : 0));
			}
		return img;
	}

	@Test
	void theNoiseOfTheAllowedPixelsIsTheSdItWasDrawnWith() {
		for (double sd : new double[] { 3, 11.5 }) {
			boolean[] cell = new boolean[W * H];
			float[] img = image(sd, 42 + (long) sd, cell);
			boolean[] background = new boolean[cell.length];
			for (int i = 0; i < cell.length; i++)
				background[i] = !cell[i];
			int pairs = 0;
			for (int y = 0; y < H; y++)
				for (int x = 0; x + 1 < W; x++)
					if (background[y * W + x] && background[y * W + x + 1]) pairs++;
			// the MAD estimate of an SD has a relative SE of about 1.17 / sqrt(n); neighbour differences share pixels,
			// which at most doubles the variance: 5 such SEs
			double tol = 5 * Math.sqrt(2) * 1.17 / Math.sqrt(pairs);
			double every = PixelNoise.sigma(p -> img[p + 1] - img[p], background, W, H, 1, 10, null);
			assertEquals(1, every / sd, tol, "every pair, SD " + sd + ": " + every);
			// every 3rd row and column: fewer pairs, wider tolerance, still unbiased
			double sampled = PixelNoise.sigma(p -> img[p] - img[p + 1], background, W, H, 3, 10, new double[PixelNoise
				.pairs(W, H, 3)]);
			assertEquals(1, sampled / sd, 3 * tol, "every 3rd pair, SD " + sd + ": " + sampled);
			// the cell's texture (40 SDs) counts when it is allowed, so the mask is what keeps the estimate honest
			double all = PixelNoise.sigma(p -> img[p + 1] - img[p], null, W, H, 1, 10, null);
			assertTrue(all > 1.2 * sd, "with the cell: " + all);
		}
	}

	@Test
	void tooFewPairsOrNonFinitePixelsGiveNaNOrAreSkipped() {
		boolean[] cell = new boolean[W * H];
		float[] img = image(3, 7, cell);
		assertTrue(Double.isNaN(PixelNoise.sigma(p -> img[p + 1] - img[p], cell, W, H, 1, W * H, null)));
		boolean[] background = new boolean[cell.length];
		for (int i = 0; i < cell.length; i++)
			background[i] = !cell[i];
		double before = PixelNoise.sigma(p -> img[p + 1] - img[p], background, W, H, 1, 10, null);
		// a NaN pixel spoils its two pairs, which are skipped, not counted as huge differences
		for (int i = 0; i < 200; i++)
			img[i * 7] = Float.NaN;
		double after = PixelNoise.sigma(p -> img[p + 1] - img[p], background, W, H, 1, 10, null);
		assertEquals(before, after, 0.02 * before);
		assertEquals(0, PixelNoise.pairs(1, 5, 1));
		assertEquals(5 * 199, PixelNoise.pairs(200, 5, 1));
		assertEquals(2 * 67, PixelNoise.pairs(200, 5, 3));
	}
}
