package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The counting median and MAD of integers against brute force (sort, take the middle, sort the absolute deviations,
 * take their middle) and against {@link Stats#robustSigma} on the same values as doubles, to the bit: odd and even
 * counts, ties, a half-integer median, one and two values, ranges from one value to every 16-bit difference, and the
 * quickselect fallback of a range too wide to count.
 */
class IntegerRanksTest {

	/** 1.4826 x the median absolute deviation from the median, by sorting. */
	static double bruteForce(int[] a, int n) {
		double[] s = new double[n];
		for (int i = 0; i < n; i++)
			s[i] = a[i];
		Arrays.sort(s);
		double med = (n & 1) == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
		for (int i = 0; i < n; i++)
			s[i] = Math.abs(s[i] - med);
		Arrays.sort(s);
		return 1.4826 * ((n & 1) == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]));
	}

	static double quickselect(int[] a, int n) {
		double[] d = new double[n];
		for (int i = 0; i < n; i++)
			d[i] = a[i];
		return Stats.robustSigma(d, n);
	}

	static void check(IntegerRanks ranks, int[] a, int n) {
		int[] copy = a.clone();
		double got = ranks.robustSigma(a, n);
		assertEquals(Double.doubleToRawLongBits(bruteForce(a, n)), Double.doubleToRawLongBits(got), () -> Arrays
			.toString(Arrays.copyOf(a, Math.min(n, 20))) + " n " + n);
		assertEquals(Double.doubleToRawLongBits(quickselect(a, n)), Double.doubleToRawLongBits(got));
		assertEquals(Arrays.toString(copy), Arrays.toString(a), "the values are not modified");
	}

	@Test
	void smallCasesByHand() {
		IntegerRanks ranks = new IntegerRanks();
		assertEquals(0, ranks.robustSigma(new int[0], 0));
		// one value: no deviation; two: median 2.5, deviations 0.5 and 0.5
		assertEquals(0, ranks.robustSigma(new int[] { 7 }, 1));
		assertEquals(1.4826 * 0.5, ranks.robustSigma(new int[] { 2, 3 }, 2));
		// 1 2 3 4 100: median 3, deviations 0 1 1 2 97 -> MAD 1
		assertEquals(1.4826, ranks.robustSigma(new int[] { 100, 3, 1, 4, 2 }, 5));
		// -5 -5 0 6: median -2.5, deviations 2.5 2.5 2.5 8.5 -> MAD 2.5
		assertEquals(1.4826 * 2.5, ranks.robustSigma(new int[] { 0, -5, 6, -5 }, 4));
		// only the first n count
		assertEquals(0, ranks.robustSigma(new int[] { 4, 4, 4, 1000, -1000 }, 3));
	}

	@Test
	void randomValuesMatchSortingToTheBit() {
		IntegerRanks ranks = new IntegerRanks();
		Random r = new Random(5);
		for (int trial = 0; trial < 1500; trial++) {
			int n = 1 + r.nextInt(trial < 500 ? 12 : 3000);
			int spread = new int[] { 1, 2, 5, 40, 300, 65535 }[r.nextInt(6)];
			int centre = r.nextInt(2001) - 1000;
			int[] a = new int[n + r.nextInt(3)];
			for (int i = 0; i < a.length; i++) {
				// mostly narrow noise, sometimes a far outlier (a hot pixel's difference)
				a[i] = r.nextInt(20) == 0 ? r.nextInt(131071) - 65535 : centre + (int) Math.round(spread * r
					.nextGaussian());
				a[i] = Math.max(-65535, Math.min(65535, a[i]));
			}
			check(ranks, a, n);
		}
	}

	@Test
	void everySixteenBitDifferenceAndWiderRanges() {
		IntegerRanks ranks = new IntegerRanks();
		check(ranks, new int[] { -65535, 65535, 0 }, 3);
		check(ranks, new int[] { -65535, 65535, 0, 1 }, 4);
		// wider than counting covers: quickselect, the same numbers
		check(ranks, new int[] { Integer.MIN_VALUE / 2, Integer.MAX_VALUE / 2, 3, 3, 8 }, 5);
		int[] wide = new int[500];
		Random r = new Random(9);
		for (int i = 0; i < wide.length; i++)
			wide[i] = r.nextInt();
		check(ranks, wide, wide.length);
	}
}
