package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The 9-value median network of the 16-bit tile fit against sorting: every 0/1 input (a compare-exchange network
 * selects correctly on all inputs when it does on these, the 0-1 principle), then random values with ties and the
 * 16-bit extremes; the same for tiles of fewer values, padded into the network.
 */
class SurfaceFitMedianTest {

	static int sorted(int[] a) {
		int[] s = a.clone();
		Arrays.sort(s);
		return s[4];
	}

	@Test
	void everyZeroOneInput() {
		for (int bits = 0; bits < 512; bits++) {
			int[] a = new int[9];
			for (int i = 0; i < 9; i++)
				a[i] = (bits >> i) & 1;
			assertEquals(sorted(a), SurfaceFit.median9(a.clone()), Arrays.toString(a));
		}
	}

	/** Tiles of 1 to 8 values (cut by the mask or the edge): the middle value or the mean of the two, by sorting. */
	@Test
	void cutTilesRandomValuesWithTies() {
		Random r = new Random(5);
		for (int trial = 0; trial < 100000; trial++) {
			int m = 1 + trial % 8, spread = trial % 3 == 0 ? 3 : 65536;
			int[] a = new int[9];
			for (int i = 0; i < m; i++)
				a[i] = r.nextInt(spread);
			if (trial % 5 == 0) a[r.nextInt(m)] = 65535;
			if (trial % 11 == 0) a[r.nextInt(m)] = 0;
			int[] s = Arrays.copyOf(a, m);
			Arrays.sort(s);
			double expected = m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
			assertEquals(expected, SurfaceFit.cutTileMedian(a, m), 0, Arrays.toString(s));
		}
	}

	/**
	 * The clipping rounds' robust sigma of residuals, 1.4826 x the median absolute deviation from the median, against
	 * sorting: odd and even counts, runs of equal values (the selection's fallback after 64 partitions) and NaN.
	 */
	@Test
	void residualSigmaBySorting() {
		Random r = new Random(6);
		for (int trial = 0; trial < 3000; trial++) {
			int n = 1 + r.nextInt(trial % 10 == 0 ? 3000 : 300);
			double[] res = new double[n];
			for (int i = 0; i < n; i++)
				res[i] = trial % 4 == 0 ? r.nextInt(5) - 2 : trial % 4 == 1 ? 0.5 * r.nextInt(40) : r.nextGaussian() *
					30;
			if (trial % 97 == 0) res[r.nextInt(n)] = Double.NaN;
			boolean[] use = new boolean[n];
			int m = 0;
			for (int i = 0; i < n; i++)
				if (use[i] = trial % 3 != 0 || r.nextInt(4) > 0) m++;
			double[] kept = new double[m];
			for (int i = 0, j = 0; i < n; i++)
				if (use[i]) kept[j++] = res[i];
			double expected;
			if (Arrays.stream(kept).anyMatch(Double::isNaN)) expected = Stats.robustSigma(kept.clone(), m);
			else {
				double med = sortedMedian(kept);
				double[] dev = new double[m];
				for (int i = 0; i < m; i++)
					dev[i] = Math.abs(kept[i] - med);
				expected = m == 0 ? 0 : 1.4826 * sortedMedian(dev);
			}
			assertEquals(expected, SurfaceFit.robustSigma(res, use, n, new double[n]), 0, "trial " + trial + ", n " +
				n);
		}
	}

	private static double sortedMedian(double[] a) {
		if (a.length == 0) return Double.NaN;
		double[] s = a.clone();
		Arrays.sort(s);
		int n = s.length;
		return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
	}

	@Test
	void randomValuesWithTies() {
		Random r = new Random(4);
		for (int trial = 0; trial < 100000; trial++) {
			int[] a = new int[9];
			int spread = trial % 3 == 0 ? 4 : 65536;
			for (int i = 0; i < 9; i++)
				a[i] = r.nextInt(spread);
			if (trial % 7 == 0) a[r.nextInt(9)] = 65535;
			assertEquals(sorted(a), SurfaceFit.median9(a.clone()), Arrays.toString(a));
		}
	}
}
