package io.github.magratio.core;

import java.util.Arrays;

/** Small robust statistics on primitive arrays. */
public final class Stats {

	private Stats() {}

	/** @return the median of the first {@code n} values (reorders them), NaN if n == 0 */
	public static double median(double[] a, int n) {
		if (n == 0) return Double.NaN;
		Arrays.sort(a, 0, n);
		return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
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
