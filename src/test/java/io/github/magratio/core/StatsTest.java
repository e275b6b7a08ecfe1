package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The robust SD ranked on the values' bits ({@link Stats#robustSigmaFinite}) against closed forms: 1.4826 x the median
 * absolute deviation of evenly spaced values (odd and even counts, negative and positive values across many bins, one
 * value) and the SD of a million normal draws; and equal to {@link Stats#robustSigma} to the bit on values crowded into
 * few bins (integer neighbour differences of a 16-bit frame).
 */
class StatsTest {

	@Test
	void evenlySpacedValuesHaveTheClosedFormMad() {
		// 1..1001: median 501, deviations 0, 1, 1, 2, 2, .. 500, 500: their median 250
		assertEquals(1.4826 * 250, Stats.robustSigmaFinite(shuffled(1001, 1, 1), 1001), 1e-12);
		// 1..1000: median 500.5, deviations 0.5, 0.5, 1.5, 1.5, ..: ranks 499 and 500 are 249.5 and 250.5
		assertEquals(1.4826 * 250, Stats.robustSigmaFinite(shuffled(1000, 1, 1), 1000), 1e-12);
		// -499 .. 500 times 0.37: the same MAD in units of 0.37, across the sign and many exponents
		assertEquals(1.4826 * 250 * 0.37, Stats.robustSigmaFinite(shuffled(1000, -499, 0.37), 1000), 1e-9);
		assertEquals(0, Stats.robustSigmaFinite(new double[] { 7.5 }, 1), 0);
		assertEquals(0, Stats.robustSigmaFinite(new double[0], 0), 0);
	}

	@Test
	void normalDrawsGiveTheirSd() {
		Random rnd = new Random(5);
		int n = 1_000_000;
		double[] a = new double[n];
		for (int i = 0; i < n; i++)
			a[i] = 2.5 * rnd.nextGaussian() - 3;
		// the MAD estimate's standard error is about 1.17 sigma / sqrt(n) = 0.003
		assertEquals(2.5, Stats.robustSigmaFinite(a, n), 0.015);
	}

	@Test
	void crowdedBinsGiveTheQuickselectNumber() {
		Random rnd = new Random(9);
		for (int n : new int[] { 2, 3, 10_000, 10_001 }) {
			double[] a = new double[n], b = new double[n];
			for (int i = 0; i < n; i++)
				a[i] = b[i] = Math.round(40 * rnd.nextGaussian());
			assertEquals(Stats.robustSigma(b, n), Stats.robustSigmaFinite(a, n), 0, "n = " + n);
		}
	}

	/** {@code first}, {@code first + 1}, .. ({@code n} values) times {@code unit}, shuffled. */
	private static double[] shuffled(int n, int first, double unit) {
		double[] a = new double[n];
		for (int i = 0; i < n; i++)
			a[i] = (first + i) * unit;
		Random rnd = new Random(n);
		for (int i = n - 1; i > 0; i--) {
			int j = rnd.nextInt(i + 1);
			double t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return a;
	}
}
