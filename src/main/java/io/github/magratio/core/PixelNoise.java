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
	 * {@link #sigma} of a plain unsigned 16-bit plane with the difference {@code px[p] - px[p + 1]}: the same pairs, the
	 * same number to the bit (the differences are integers, so {@link IntegerRanks} ranks them by counting, and nothing
	 * is skipped as non-finite), read straight from the array instead of through a call per pixel.
	 *
	 * @param buffer holds the differences: at least {@link #pairs} long
	 */
	static double sigmaUnsigned16(short[] px, boolean[] allowed, int width, int height, int step, int minPairs,
		int[] buffer, IntegerRanks ranks)
	{
		int n = 0;
		for (int y = 0; y < height; y += step)
			for (int x = 0, p = y * width; x + 1 < width; x += step, p += step) {
				if (allowed != null && (!allowed[p] || !allowed[p + 1])) continue;
				buffer[n++] = (px[p] & 0xffff) - (px[p + 1] & 0xffff);
			}
		if (n < minPairs) return Double.NaN;
		return ranks.robustSigma(buffer, n) / Math.sqrt(2);
	}

	/** @return how many neighbour pairs {@link #sigma} samples at most with {@code step} */
	static int pairs(int width, int height, int step) {
		return ((height + step - 1) / step) * Math.max(0, (width - 1 + step - 1) / step);
	}
}
