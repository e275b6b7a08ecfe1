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

	@Test
	void dilationEqualsBruteForceForSmallAndLargeRadii() {
		Random r = new Random(3);
		boolean[] mask = new boolean[W * H];
		int[] mx = new int[60], my = new int[60];
		for (int k = 0; k < mx.length; k++) {
			mx[k] = r.nextInt(W);
			my[k] = r.nextInt(H);
			mask[my[k] * W + mx[k]] = true;
		}
		// 2.42 px: the row lookup; 40 px: the distance transform; both against every mask pixel's disc
		for (double radius : new double[] { 2.42, 7, 40 }) {
			boolean[] got = Morphology.dilate(mask, W, H, radius);
			int set = 0;
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					boolean want = false;
					for (int k = 0; k < mx.length && !want; k++)
						want = (double) (mx[k] - x) * (mx[k] - x) + (double) (my[k] - y) * (my[k] - y) <= radius * radius;
					assertEquals(want, got[y * W + x], "radius " + radius + " at " + x + "," + y);
					if (want) set++;
				}
			// not a trivial mask: the discs cover a real part of the plane, and not all of it
			assertEquals(true, set > mx.length && set < W * H, "radius " + radius + ": " + set + " px set");
		}
	}

	@Test
	void componentsAreNumberedInRasterOrderAndEqualAFloodFill() {
		Random r = new Random(4);
		boolean[] fg = new boolean[W * H];
		for (int i = 0; i < fg.length; i++)
			fg[i] = r.nextDouble() < 0.45; // near the percolation threshold: long, winding components
		for (boolean eight : new boolean[] { false, true }) {
			int[] got = Morphology.connectedComponents(fg, W, H, eight);
			// reference: a breadth-first flood from every unlabelled pixel in raster order
			int[] want = new int[fg.length], queue = new int[fg.length];
			int next = 0;
			for (int start = 0; start < fg.length; start++) {
				if (!fg[start] || want[start] != 0) continue;
				want[start] = ++next;
				int head = 0, tail = 0;
				queue[tail++] = start;
				while (head < tail) {
					int p = queue[head++], x = p % W, y = p / W;
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++) {
							int nx = x + dx, ny = y + dy;
							if ((dx == 0) == (dy == 0) && !(eight && dx != 0)) continue;
							if (nx < 0 || ny < 0 || nx >= W || ny >= H || !fg[ny * W + nx] || want[ny * W + nx] != 0)
								continue;
							want[ny * W + nx] = next;
							queue[tail++] = ny * W + nx;
						}
				}
			}
			assertEquals(true, next > 100, next + " components");
			for (int i = 0; i < fg.length; i++)
				assertEquals(want[i], got[i], (eight ? "8" : "4") + "-connected, at " + i % W + "," + i / W);
		}
	}
}
