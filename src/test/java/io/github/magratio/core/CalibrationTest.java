package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Grynkiewicz against the worked numbers of science.md section 1 (Kd 1.9 mM, beta 3.0, Rmin 0.40, Rmax 4.00). */
class CalibrationTest {

	static final Calibration CAL = new Calibration(1.9, 0.40, 4.00, 3.0);

	@Test
	void unitTestTableOfScienceMd() {
		assertEquals(0.0, CAL.concentration(0.40), 0);
		assertEquals(1.140, CAL.concentration(1.00), 5e-4);
		assertEquals(1.900, CAL.concentration(1.30), 5e-4);
		assertEquals(5.700, CAL.concentration(2.20), 5e-4);
		assertEquals(45.6, CAL.concentration(3.60), 5e-2);
	}

	@Test
	void midpointRatioGivesKd() {
		double mid = (CAL.rmax() + CAL.beta() * CAL.rmin()) / (1 + CAL.beta());
		assertEquals(1.3, mid, 1e-12);
		assertEquals(CAL.kdMillimolar(), CAL.concentration(mid), 1e-12);
	}

	@Test
	void inverseReproducesTheTitrationTable() {
		double[] mg = { 0.25, 0.5, 1, 2, 4, 8, 16, 50 };
		double[] r = { 0.55126, 0.69032, 0.93731, 1.33506, 1.88454, 2.50219, 3.05438, 3.63160 };
		for (int i = 0; i < mg.length; i++) {
			assertEquals(r[i], CAL.ratio(mg[i]), 5e-6, "R at " + mg[i] + " mM");
			assertEquals(mg[i], CAL.concentration(CAL.ratio(mg[i])), 1e-9 * mg[i]);
		}
	}

	@Test
	void endsAreFlaggedNeverNegativeOrInfinite() {
		assertEquals(0, CAL.concentration(0.1), 0);
		assertEquals(Calibration.Range.BELOW_RMIN, CAL.range(0.1));
		assertTrue(Double.isNaN(CAL.concentration(4.0)));
		assertTrue(Double.isNaN(CAL.concentration(7.0)));
		assertEquals(Calibration.Range.ABOVE_RMAX, CAL.range(4.0));
		assertEquals(Calibration.Range.INVALID, CAL.range(Double.NaN));
	}

	@Test
	void uncertaintyMatchesScienceMd() {
		// by hand from science.md's first-order formulas, Kd 1.9 mM, Rmin 0.4, Rmax 4, beta 3, R 1.00 (D = 3,
		// X = 1.14 mM): dX/dR = K'(Rmax - Rmin)/D^2 = 2.28; at R 3.60 (D = 0.4): 5.7 x 3.6 / 0.16 = 128.25
		assertEquals(2.28 * 0.02, CAL.concentrationSe(1.00, 0.02), 1e-9);
		assertEquals(128.25 * 0.02, CAL.concentrationSe(3.60, 0.02), 1e-9);
		// with SEs of Rmin 0.02, Rmax 0.10, Kd 0.2 mM, beta 0.1 too: dX/dRmin = -K'/D = -1.9, dX/dRmax = -K'(R-Rmin)/D^2
		// = -0.38, dX/dKd = X/Kd = 0.6, dX/dbeta = X/beta = 0.38
		Calibration withSe = new Calibration(1.9, 0.40, 4.00, 3.0, 0.2, 0.02, 0.10, 0.1);
		double se = Math.sqrt(Math.pow(2.28 * 0.02, 2) + Math.pow(1.9 * 0.02, 2) + Math.pow(0.38 * 0.10, 2) + Math.pow(
			0.6 * 0.2, 2) + Math.pow(0.38 * 0.1, 2));
		assertEquals(0.14426, se, 5e-6); // the arithmetic above, once more by hand
		assertEquals(se, withSe.concentrationSe(1.00, 0.02), 1e-9);
		double[] ci = withSe.concentrationInterval(1.00, 0.02);
		assertEquals(1.14 - 1.959964 * se, ci[0], 1e-9);
		assertEquals(1.14 + 1.959964 * se, ci[1], 1e-9);
		// near Rmin the lower end is clipped at 0, never negative
		double[] low = withSe.concentrationInterval(0.41, 0.02);
		assertEquals(0, low[0], 0);
		assertTrue(low[1] > withSe.concentration(0.41));
	}

	@Test
	void invalidConstantsNameTheParameter() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Calibration(0, 0.4, 4, 3)).getMessage()
			.startsWith("kd"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Calibration(1.9, 0.4, 4, 0)).getMessage()
			.startsWith("beta"));
		String swapped = assertThrows(IllegalArgumentException.class, () -> new Calibration(1.9, 4, 0.4, 3))
			.getMessage();
		assertTrue(swapped.contains("rmax") && swapped.contains("swapped"), swapped);
	}
}
