package io.github.magratio.core;

/**
 * The single-pixel noise standard deviation of an image from the differences of horizontal neighbours: 1.4826 MAD /
 * sqrt 2 of the differences, which smooth structure (gradients, texture broader than a pixel) does not inflate. The
 * one implementation behind the background's noise ({@link BackgroundEstimator}) and the segmenters' ({@link
 * SeededSegmenter}, {@link CellSegmenter}); each caller keeps its own sampling, minimum count and fallback.
 */
final class PixelNoise {

	/** The difference between pixel {@code p} and its right neighbour, in the caller's arithmetic (float or double). */
	@FunctionalInterface
	interface Difference {
		/** @return the difference of pixels {@code p} and {@code p + 1}; not finite where a pixel is not */
		double at(int p);
	}

	private PixelNoise() {}

	/**
	 * @param difference the neighbour difference at a pixel; pairs whose difference is not finite are skipped
	 * @param allowed a pair counts only where both its pixels are allowed; null = every pair
	 * @param step every {@code step}-th row and column is sampled (1 = every pair)
	 * @param minPairs fewer counted pairs than this give NaN
	 * @param buffer holds the differences (reused between calls): at least {@link #pairs} long, or null to allocate
	 * @return the noise SD in the image's units, NaN when fewer than {@code minPairs} pairs count
	 */
	static double sigma(Difference difference, boolean[] allowed, int width, int height, int step, int minPairs,
		double[] buffer)
	{
		double[] d = buffer != null ? buffer : new double[pairs(width, height, step)];
		int n = 0;
		for (int y = 0; y < height; y += step)
			for (int x = 0; x + 1 < width; x += step) {
				int p = y * width + x;
				if (allowed != null && (!allowed[p] || !allowed[p + 1])) continue;
				double v = difference.at(p);
				if (!Double.isFinite(v)) continue;
				d[n++] = v;
			}
		if (n < minPairs) return Double.NaN;
		return Stats.robustSigmaFinite(d, n) / Math.sqrt(2);
	}

	/**
	 * @param allowed a pair counts only where both its pixels are allowed; null = every pair
	 * @return the first pixel of every pair {@link #sigma} samples with {@code step} and {@code allowed}, in its order:
	 *         found once per mask, so that a frame reads only its pairs' pixels, not the mask
	 */
	static int[] pairIndices(boolean[] allowed, int width, int height, int step) {
		int[] out = new int[pairs(width, height, step)];
		int n = 0;
		for (int y = 0; y < height; y += step)
			for (int x = 0, p = y * width; x + 1 < width; x += step, p += step)
				if (allowed == null || allowed[p] && allowed[p + 1]) out[n++] = p;
		return java.util.Arrays.copyOf(out, n);
	}

	/**
	 * {@link #sigma} of a plain unsigned 16-bit plane with the difference {@code px[p] - px[p + 1]} over the pairs
	 * {@link #pairIndices} gave: the same pairs, the same number to the bit (the differences are integers, so
	 * {@link IntegerRanks} ranks them by counting, and nothing is skipped as non-finite), read straight from the array
	 * instead of through a call per pixel.
	 *
	 * @param pairs the first pixel of each pair, from {@link #pairIndices}
	 * @param buffer holds the differences: at least {@code pairs.length} long
	 */
	static double sigmaUnsigned16(short[] px, int[] pairs, int minPairs, int[] buffer, IntegerRanks ranks) {
		if (pairs.length < minPairs) return Double.NaN;
		return sigmaOf(buffer, gatherUnsigned16(px, pairs, 0, pairs.length, buffer, 0), ranks);
	}

	/**
	 * Writes the differences of {@code pairs[from..to-1]} of a plain unsigned 16-bit plane into {@code buffer} from
	 * {@code n} on: for callers that gather a plane's pairs row by row while its rows are in the cache.
	 *
	 * @return n plus the pairs written
	 */
	static int gatherUnsigned16(short[] px, int[] pairs, int from, int to, int[] buffer, int n) {
		for (int i = from; i < to; i++) {
			int p = pairs[i];
			buffer[n++] = (px[p] & 0xffff) - (px[p + 1] & 0xffff);
		}
		return n;
	}

	/** @return the noise SD of the integer differences {@code buffer[0..n-1]} (their order does not matter) */
	static double sigmaOf(int[] buffer, int n, IntegerRanks ranks) {
		return ranks.robustSigma(buffer, n) / Math.sqrt(2);
	}

	/** @return how many neighbour pairs {@link #sigma} samples at most with {@code step} */
	static int pairs(int width, int height, int step) {
		return ((height + step - 1) / step) * Math.max(0, (width - 1 + step - 1) / step);
	}
}
