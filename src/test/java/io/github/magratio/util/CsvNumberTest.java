package io.github.magratio.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link Csv#number(double, int)} formats without {@link String#format}, and must give the bytes that
 * {@code String.format(Locale.ROOT, "%.Ng", v)} with the trailing zeros removed gives (cells.csv, summary.csv and the
 * report were written that way): checked against the JDK's Formatter here, over random magnitudes and the cases
 * where a formatter goes wrong (midpoints, powers of ten, carries, signs, the edges of the decimal range).
 */
class CsvNumberTest {

	private static final int[] DIGITS = { 3, 5, 6 };

	/** The definition: the JDK's Formatter, then the zeros of the fraction dropped (what Csv.number did). */
	private static String byFormatter(double v, int significant) {
		if (Double.isNaN(v)) return "NaN";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		String s = String.format(Locale.ROOT, "%." + significant + "g", v);
		if (s.contains("e")) return s;
		if (s.contains(".")) {
			s = s.replaceAll("0+$", "");
			if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
		}
		return s;
	}

	private static void same(double v, int significant) {
		assertEquals(byFormatter(v, significant), Csv.number(v, significant), () -> "value " + v + " (" + new BigDecimal(
			v) + "), " + significant + " significant digits");
	}

	private static void around(double v, int significant) {
		for (double x : new double[] { v, Math.nextUp(v), Math.nextDown(v), -v, -Math.nextUp(v), -Math.nextDown(v) })
			same(x, significant);
	}

	@Test
	void knownTextsOfFormatterHalfUpRounding() {
		// Formatter rounds the decimal digits half up: 0.125 is exact, 1.0005 is 1.000499999... in binary but
		// "1.0005" in decimal, and both go up
		assertEquals("0.125", Csv.number(0.125, 3));
		assertEquals("0.13", Csv.number(0.125, 2));
		assertEquals("1.001", Csv.number(1.0005, 4));
		assertEquals("-1.001", Csv.number(-1.0005, 4));
		assertEquals("0.0001", Csv.number(0.000099999996, 6));
		assertEquals("1.00000e-05", Csv.number(0.00001, 6));
		assertEquals("10", Csv.number(9.9999996, 6));
		assertEquals("123457", Csv.number(123456.7, 6));
		assertEquals("1.23457e+06", Csv.number(1234567.25, 6));
		assertEquals("0.333333", Csv.number(1.0 / 3, 6));
		assertEquals("3.1416", Csv.number(Math.PI, 5));
		assertEquals("-0.5", Csv.number(-0.5, 6));
		assertEquals("0", Csv.number(-0.0, 6));
		assertEquals("NaN", Csv.number(Double.NaN, 6));
		assertEquals("-Infinity", Csv.number(Double.NEGATIVE_INFINITY, 3));
	}

	@Test
	void specialValuesAndExtremesAsFormatter() {
		double[] special = { 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
			Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e15, 1e15 + 0.5, 999999999999999.9, 1e16, 1e22,
			1e23, 1e-4, 1e-5, 9.99999e-5, 1e-300, 4.9e-324, 0.1, 0.2, 0.3, 0.7, 2.5, 0.5, 1.5 };
		for (int n = 1; n <= 17; n++)
			for (double v : special)
				around(v, n);
	}

	@Test
	void randomMagnitudesAsFormatter() {
		SplittableRandom r = new SplittableRandom(11);
		for (int n : DIGITS)
			for (int i = 0; i < 200_000; i++) {
				double v = Math.pow(10, -7 + 24 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
				same(v, n);
				same((float) v, n); // cells.csv's f340, ratio, mg_mM are floats widened to double
			}
		for (int i = 0; i < 100_000; i++) // any digit count up to 17
			same(Math.pow(10, -6 + 12 * r.nextDouble()), 1 + r.nextInt(17));
	}

	@Test
	void midpointsBetweenTwoResultsAsFormatter() {
		// decimals of N+1 digits ending in 5: exactly the tie of the rounding to N digits, at every decimal exponent
		// of the decimal range and beyond it; the doubles next to them too (the binary value is on either side)
		SplittableRandom r = new SplittableRandom(7);
		for (int n : DIGITS)
			for (int e = -7; e <= n + 2; e++)
				for (int i = 0; i < 2000; i++) {
					long m = (long) Math.pow(10, n - 1) + r.nextLong((long) (9 * Math.pow(10, n - 1)));
					around(new BigDecimal(m * 10 + 5).scaleByPowerOfTen(e - n).doubleValue(), n);
					// and the ones that carry into the next power of ten: 9995, 99995, ...
					long nines = (long) Math.pow(10, n) - 1;
					around(new BigDecimal(nines * 10 + 5).scaleByPowerOfTen(e - n).doubleValue(), n);
					around(new BigDecimal(nines * 10 + 4).scaleByPowerOfTen(e - n).doubleValue(), n);
				}
	}

	@Test
	void powersOfTenAndShortDecimalsAsFormatter() {
		List<Double> v = new ArrayList<>();
		for (int e = -8; e <= 17; e++) {
			v.add(Math.pow(10, e));
			v.add(Double.parseDouble("1e" + e));
			for (int d = 1; d <= 99; d++)
				v.add(Double.parseDouble(d + "e" + e)); // one and two digit decimals: their own digit strings
		}
		for (int n = 1; n <= 8; n++)
			for (double x : v)
				around(x, n);
	}
}
