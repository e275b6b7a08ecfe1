package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The filters and distance transforms on planes large enough to run on several threads (over 64k px), against
 * brute-force references written here: direct convolution with mirrored borders, and distances to every feature pixel.
 */
class MorphologyTest {

	static final int W = 301, H = 263; // odd, unequal sides: block edges and borders fall in different places

	static float[] noise(long seed) {
		Random r = new Random(seed);
		float[] img = new float[W * H];
		for (int i = 0; i < img.length; i++)
			img[i] = (float) (1000 * r.nextDouble());
		return img;
	}

	static int mirror(int i, int n) {
		while (i < 0 || i >= n)
			i = i < 0 ? -i - 1 : 2 * n - i - 1;
		return i;
	}

	@Test
	void gaussianEqualsDirectConvolution() {
		float[] img = noise(1);
		double sigma = 1.7;
		int r = (int) Math.ceil(3 * sigma);
		double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++)
			sum += k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
		float[] got = Morphology.gaussian(img, W, H, sigma);
		for (int y = 0; y < H; y += 7)
			for (int x = 0; x < W; x++) {
				double s = 0;
				for (int j = -r; j <= r; j++)
					for (int i = -r; i <= r; i++)
						s += k[i + r] * k[j + r] * img[mirror(y + j, H) * W + mirror(x + i, W)];
				assertEquals(s / (sum * sum), got[y * W + x], 1e-3, "at " + x + "," + y);
			}
	}

	@Test
	void boxGaussianKeepsConstantsAndMass() {
		float[] flat = new float[W * H];
		java.util.Arrays.fill(flat, 7.5f);
		for (float v : Morphology.gaussianFast(flat, W, H, 6))
			assertEquals(7.5, v, 1e-4);
		float[] delta = new float[W * H];
		delta[131 * W + 150] = 1;
		float[] spread = Morphology.gaussianFast(delta, W, H, 6);
		double mass = 0;
		for (float v : spread)
			mass += v;
		assertEquals(1, mass, 1e-5);
		// symmetric about the impulse
		assertEquals(spread[131 * W + 150 - 9], spread[131 * W + 150 + 9], 1e-7);
		assertEquals(spread[(131 - 9) * W + 150], spread[(131 + 9) * W + 150], 1e-7);
	}

	@Test
	void distancesEqualBruteForce() {
		Random r = new Random(2);
		boolean[] features = new boolean[W * H];
		int[] fx = new int[40], fy = new int[40];
		for (int k = 0; k < fx.length; k++) {
			fx[k] = r.nextInt(W);
			fy[k] = r.nextInt(H);
			features[fy[k] * W + fx[k]] = true;
		}
		float[] squared = new float[W * H];
		int[] nearest = Morphology.nearestFeature(features, W, H, squared);
		boolean[] foreground = new boolean[W * H];
		for (int i = 0; i < foreground.length; i++)
			foreground[i] = !features[i];
		// distanceTransform counts pixels outside the image as background too
		float[] dist = Morphology.distanceTransform(foreground, W, H);
		for (int y = 0; y < H; y += 5)
			for (int x = 0; x < W; x += 3) {
				double best = Double.POSITIVE_INFINITY;
				for (int k = 0; k < fx.length; k++)
					best = Math.min(best, (double) (fx[k] - x) * (fx[k] - x) + (double) (fy[k] - y) * (fy[k] - y));
				int i = y * W + x;
				assertEquals(best, squared[i], 1e-3, "squared distance at " + x + "," + y);
				int nx = nearest[i] % W, ny = nearest[i] / W;
				assertEquals(best, (double) (nx - x) * (nx - x) + (double) (ny - y) * (ny - y), 1e-3);
				double toBorder = Math.min(Math.min(x + 1, W - x), Math.min(y + 1, H - y));
				assertEquals(Math.min(Math.sqrt(best), toBorder), dist[i], 1e-3, "distance at " + x + "," + y);
			}
	}
}
