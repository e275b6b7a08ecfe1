package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CalciumCorrectionTest {

	/** science.md section 2: with Kd 1.9 mM / 25 uM, 0.1 uM Ca adds 7.6 uM, 1 uM adds 0.076 mM, 10 uM 0.76 mM. */
	@Test
	void oneMicromolarCalciumAdds0076Millimolar() {
		assertEquals(1.0, CalciumCorrection.correctedMillimolar(1.076, 1, 1.9, 25), 1e-12);
		assertEquals(1.0, CalciumCorrection.correctedMillimolar(1.0076, 0.1, 1.9, 25), 1e-12);
		assertEquals(0.24, CalciumCorrection.correctedMillimolar(1.0, 10, 1.9, 25), 1e-12);
		assertEquals(0.7, CalciumCorrection.correctedMillimolar(0.7, 0, 1.9, 25), 0);
	}

	@Test
	void negativeCalciumIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> CalciumCorrection.correctedMillimolar(1, -1, 1.9, 25));
	}

	@Test
	void fastRisesAreFlaggedAcrossGaps() {
		double[] trace = { 0.8, 0.81, 1.6, Double.NaN, 1.62, 0.9 };
		assertArrayEquals(new boolean[] { false, false, true, false, false, false }, CalciumCorrection.fastRises(
			trace, null, 2, 0.1, 0));
	}
}
