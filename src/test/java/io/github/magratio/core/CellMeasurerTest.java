package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The per-cell sums of 16-bit planes compare pixels with the saturation level as integers: the integer threshold must
 * select exactly the pixels that the comparison in double selects, for every 16-bit value and levels that are
 * fractional, integral, out of range, infinite or NaN.
 */
class CellMeasurerTest {

	@Test
	void integerThresholdSelectsTheSamePixelsAsTheLevel() {
		double[] levels = { Double.NaN, Double.NEGATIVE_INFINITY, -1e300, -3.5, -0.0, 0, 0.25, 1, 999.5, 1000,
			Math.nextUp(1000.0), 4095.999, 65534.5, 65535, 65535.5, 65536, 1e12, Double.POSITIVE_INFINITY };
		for (double level : levels) {
			int t = CellMeasurer.firstIntegerAtLeast(level);
			for (int a = 0; a <= 65535; a++)
				if ((a >= t) != (a >= level)) assertEquals(a >= level, a >= t, "pixel " + a + ", level " + level);
		}
	}
}
