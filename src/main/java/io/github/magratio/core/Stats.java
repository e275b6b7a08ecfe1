package io.github.magratio.core;

import java.util.Arrays;

/** Small robust statistics on primitive arrays. */
public final class Stats {

	private Stats() {}

	/**
	 * @return the median of the first {@code n} values (reorders them), NaN if n == 0; linear time (quickselect), as
	 *         it runs several times per frame
	 */
	public static double median(double[] a, int n) {
		if (n == 0) return Double.NaN;
		return medianOfSelected(a, n, select(a, 0, n - 1, n / 2));
	}

	/**
	 * @param hi the value of rank n/2 of a[0..n-1], placed by a selection with no larger value before it
	 * @return the median: hi for odd n, else the mean of hi and the largest value before rank n/2
	 */
	static double medianOfSelected(double[] a, int n, double hi) {
		if (n % 2 == 1) return hi;
		double lo = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < n / 2; i++)
			lo = Math.max(lo, a[i]);
		return 0.5 * (lo + hi);
	}

	/**
	 * The robust standard deviation of the first {@code n} values: 1.4826 times their median absolute deviation (the
	 * SD for normally distributed values, unmoved by a minority of outliers). Reorders the values; 0 if n == 0.
	 */
	public static double robustSigma(double[] a, int n) {
		if (n == 0) return 0;
		double med = median(a, n);
		for (int i = 0; i < n; i++)
			a[i] = Math.abs(a[i] - med);
		return 1.4826 * median(a, n);
	}

	/**
	 * {@link #robustSigma} of finite values by ranking on their bits: each median counts the values into 65536 bins
	 * by their top 16 bits (sign, exponent and the leading mantissa bits: the bins follow the values' order), reads the
	 * bin of the wanted ranks off the running count and selects within that bin's few values only. The same number as
	 * {@link #robustSigma} (the same order statistics and arithmetic; where the median is a zero, its sign may differ,
	 * which the absolute deviations do not keep) at a fraction of the cost on a million values (the pixel noise of a
	 * frame: two selections over every neighbour pair). Reorders the values; 0 if n == 0.
	 */
	static double robustSigmaFinite(double[] a, int n) {
		if (n == 0) return 0;
		int[] counts = new int[1 << 16];
		double med = medianByBits(a, n, counts);
		for (int i = 0; i < n; i++)
			a[i] = Math.abs(a[i] - med);
		return 1.4826 * medianByBits(a, n, counts);
	}

	/** {@link #median} of finite values ({@link #robustSigmaFinite}); {@code counts} is 65536 long (overwritten). */
	private static double medianByBits(double[] a, int n, int[] counts) {
		java.util.Arrays.fill(counts, 0);
		for (int i = 0; i < n; i++)
			counts[bin(a[i])]++;
		// the bins of ranks n/2 and, for even n, n/2 - 1 (as median: the mean of the two)
		int kHi = n / 2, kLo = n % 2 == 1 ? kHi : kHi - 1;
		int binLo = -1, binHi = -1, belowLo = 0, belowHi = 0;
		for (int b = 0, below = 0; binHi < 0; below += counts[b++]) {
			if (binLo < 0 && below + counts[b] > kLo) {
				binLo = b;
				belowLo = below;
			}
			if (below + counts[b] > kHi) {
				binHi = b;
				belowHi = below;
			}
		}
		double hi = inBin(a, n, binHi, counts[binHi], kHi - belowHi);
		if (n % 2 == 1) return hi;
		return 0.5 * (inBin(a, n, binLo, counts[binLo], kLo - belowLo) + hi);
	}

	/** @return the value of rank {@code k} among the {@code size} values of bin {@code bin} */
	private static double inBin(double[] a, int n, int bin, int size, int k) {
		double[] m = new double[size];
		for (int i = 0, j = 0; i < n; i++)
			if (bin(a[i]) == bin) m[j++] = a[i];
		return select(m, 0, size - 1, k);
	}

	/** @return the top 16 bits of a double's bits made to order as the values do (negatives flipped) */
	private static int bin(double v) {
		long b = Double.doubleToRawLongBits(v);
		return (int) ((b < 0 ? ~b : b | Long.MIN_VALUE) >>> 48);
	}

	/** @return the k-th smallest (0-based) of the first n values (reorders them); linear time */
	public static double select(double[] a, int n, int k) {
		if (k < 0 || k >= n) throw new IllegalArgumentException("rank " + k + " outside 0.." + (n - 1));
		return select(a, 0, n - 1, k);
	}

	/** Hoare quickselect: places the k-th smallest of a[from..to] at a[k] with smaller values before it. */
	private static double select(double[] a, int from, int to, int k) {
		while (from < to) {
			double pivot = a[(from + to) >>> 1];
			int i = from, j = to;
			while (i <= j) {
				while (a[i] < pivot)
					i++;
				while (a[j] > pivot)
					j--;
				if (i <= j) {
					double t = a[i];
					a[i] = a[j];
					a[j] = t;
					i++;
					j--;
				}
			}
			if (k <= j) to = j;
			else if (k >= i) from = i;
			else return a[k];
		}
		return a[k];
	}

	/** @return the q-quantile (0..1, linear interpolation) of the non-NaN values, NaN if none */
	public static double quantile(double[] values, double q) {
		double[] a = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
		if (a.length == 0) return Double.NaN;
		double pos = q * (a.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(a.length - 1, lo + 1);
		return a[lo] + (pos - lo) * (a[hi] - a[lo]);
	}
}
