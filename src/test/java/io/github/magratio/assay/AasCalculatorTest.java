package io.github.magratio.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** AAS standard curve, conversions and free/total against science.md section 4 and hand algebra. */
class AasCalculatorTest {

	static List<AasStandardCurve.Standard> standards(double[] c, double[] a) {
		List<AasStandardCurve.Standard> s = new ArrayList<>();
		for (int i = 0; i < c.length; i++)
			s.add(new AasStandardCurve.Standard(c[i], a[i], "standard " + (i + 1)));
		return s;
	}

	static final double[] SCIENCE_C = { 0, 0.1, 0.2, 0.3, 0.4, 0.5 };
	static final double[] SCIENCE_A = { 0.003, 0.091, 0.176, 0.266, 0.349, 0.437 };

	// science.md 4: b 0.866857, a 0.003619, s_y/x 0.0015087, LOD 0.00574 mg/L, LOQ 0.0174 mg/L.
	@Test
	void calibrationReproducesScienceWorkedNumbers() {
		AasStandardCurve c = AasStandardCurve.fit(standards(SCIENCE_C, SCIENCE_A), AasStandardCurve.Fit.AUTO);
		assertFalse(c.isQuadratic(), "no significant curvature in the worked example");
		assertEquals(0.866857, c.slopePerMgPerL(), 5e-7);
		assertEquals(0.003619, c.intercept(), 5e-7);
		assertEquals(0.0015087, c.residualSd(), 5e-8);
		assertEquals(0.00574, c.lodMgPerL(), 5e-6);
		assertEquals(0.0174, c.loqMgPerL(), 5e-5);
	}

	// science.md 4: 0.175 mg/L, DF 10, 5.0 mL, 1e7 cells, 2.0 pL -> 8.75 ug = 360.0 nmol -> 36.0 fmol/cell -> 18.0 mM.
	@Test
	void conversionReproducesScienceWorkedNumbers() {
		double digest = AasSample.digestConcentrationMgPerL(0.175, 10, 0);
		assertEquals(8.75, digest * 5.0, 1e-12, "ug in the digest");
		double nmol = AasSample.nanomoles(digest, 5.0);
		assertEquals(360.0, nmol, 0.05);
		double fmol = AasSample.femtomolesPerCell(nmol, 1e7);
		assertEquals(36.0, fmol, 0.05);
		assertEquals(18.0, AasSample.totalMillimolar(fmol, 2.0, 1), 0.05);
	}

	@Test
	void millerStandardErrorByHand() {
		// c = 0, 1, 2; A = 0.1, 1.0, 2.1: cbar 1, Abar 16/15, Sxx 2, Sxy 2 -> b = 1, a = 1/15; residuals 1/30, -1/15,
		// 1/30 -> SS = 1/150, s_y/x = sqrt(1/150) (1 dof). Unknown A0 = Abar read once: c = 1,
		// s_c = s_y/x * sqrt(1 + 1/3) = sqrt(4/450).
		AasStandardCurve c = AasStandardCurve.fit(standards(new double[] { 0, 1, 2 }, new double[] { 0.1, 1.0, 2.1 }),
			AasStandardCurve.Fit.LINEAR);
		assertEquals(1.0, c.slopePerMgPerL(), 1e-12);
		assertEquals(1.0 / 15, c.intercept(), 1e-12);
		assertEquals(Math.sqrt(1.0 / 150), c.residualSd(), 1e-12);
		AasStandardCurve.Estimate e = c.estimate(new double[] { 16.0 / 15 }, "u");
		assertEquals(1.0, e.concMgPerL, 1e-12);
		assertEquals(Math.sqrt(4.0 / 450), e.concMgPerLSe, 1e-12);
		// t(0.975, 1 dof) = tan(pi * 0.475) = 12.7062.
		assertEquals(Math.tan(Math.PI * 0.475), c.tQuantile(), 1e-6);
		// Two reads of A0 (mean Abar): sqrt(1/2 + 1/3) replaces sqrt(4/3).
		assertEquals(Math.sqrt(1.0 / 150 * (0.5 + 1.0 / 3)), c.estimate(new double[] { 16.0 / 15 - 0.01, 16.0 / 15 +
			0.01 }, "u").concMgPerLSe, 1e-12);
	}

	@Test
	void quadraticIsChosenForCurvedDataAndInvertsExactly() {
		// A = 0.02 + 0.8 c - 0.3 c^2, exact: auto must see the curvature (se(d) = 0 -> p = 0).
		double[] c = { 0, 0.25, 0.5, 0.75, 1.0, 1.25 };
		double[] a = new double[c.length];
		for (int i = 0; i < c.length; i++)
			a[i] = 0.02 + 0.8 * c[i] - 0.3 * c[i] * c[i];
		AasStandardCurve q = AasStandardCurve.fit(standards(c, a), AasStandardCurve.Fit.AUTO);
		assertTrue(q.isQuadratic());
		assertEquals(0.02, q.intercept(), 1e-10);
		assertEquals(0.8, q.slopePerMgPerL(), 1e-10);
		assertEquals(-0.3, q.quadraticPerMgPerLSquared(), 1e-10);
		// A(0.6) = 0.02 + 0.48 - 0.108 = 0.392.
		assertEquals(0.6, q.estimate(new double[] { 0.392 }, "u").concMgPerL, 1e-9);
		assertEquals(0.6, q.concentration(0.392), 1e-9);
	}

	@Test
	void aboveTopStandardIsNeverExtrapolated() {
		AasStandardCurve c = AasStandardCurve.fit(standards(SCIENCE_C, SCIENCE_A), AasStandardCurve.Fit.LINEAR);
		AasStandardCurve.Estimate e = c.estimate(new double[] { 0.6 }, "u");
		assertTrue(Double.isNaN(e.concMgPerL));
		assertTrue(e.flags.contains(AasStandardCurve.FLAG_DILUTE));
		AasStandardCurve.Estimate low = c.estimate(new double[] { 0.012 }, "u");
		assertTrue(low.flags.contains(AasStandardCurve.FLAG_BELOW_LOQ));
		assertFalse(low.flags.contains(AasStandardCurve.FLAG_BELOW_LOD));
	}

	@Test
	void badStandardsAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AasStandardCurve.fit(standards(
			new double[] { 0, 0.1 }, new double[] { 0, 0.1 }), AasStandardCurve.Fit.AUTO));
		assertTrue(e.getMessage().startsWith("need at least 3 standards"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> AasStandardCurve.fit(standards(new double[] { 0, 0.1,
			0.2 }, new double[] { 0, 0.2, 0.1 }), AasStandardCurve.Fit.AUTO));
		assertTrue(e.getMessage().startsWith("standards not increasing: standard 3 (0.2 mg/L"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> AasStandardCurve.fit(standards(new double[] { 0, 0.1,
			0.2 }, new double[] { -0.01, 0.1, 0.2 }), AasStandardCurve.Fit.AUTO));
		assertEquals("standard 1: absorbance must be >= 0, got -0.01", e.getMessage());
	}

	@Test
	void sampleValidationNamesSampleAndParameter() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AasSample.builder("S1").reads(
			0.1).cells(0).build());
		assertEquals("sample 'S1': cell count must be > 0, got 0.0", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> AasSample.builder("S1").reads(0.1)
			.cellVolumePicolitres(0).build());
		assertEquals("sample 'S1': cell volume (pL) must be > 0, got 0.0", e.getMessage());
	}

	@Test
	void sampleCarriesErrorsThroughExactFactors() {
		AasStandardCurve c = AasStandardCurve.fit(standards(SCIENCE_C, SCIENCE_A), AasStandardCurve.Fit.LINEAR);
		AasSample s = AasSample.builder("S").reads(0.155, 0.157).dilutionFactor(10).reagentBlankMgPerL(0.05)
			.digestVolumeMillilitres(5).cells(1e7).cellVolumePicolitres(2).build();
		AasSample.Result r = s.compute(c);
		double cRead = (0.156 - c.intercept()) / c.slopePerMgPerL();
		assertEquals(cRead, r.read.concMgPerL, 1e-12);
		assertEquals(cRead * 10 - 0.05, r.digestMgPerL, 1e-12);
		assertEquals((cRead * 10 - 0.05) * 5 / 24.305 * 1000 * 1e6 / 1e7 / 2, r.totalMillimolar, 1e-9);
		assertEquals(r.totalMillimolar / r.digestMgPerL * r.digestMgPerLSe, r.totalMillimolarSe, 1e-12);
	}

	@Test
	void freeTotalRatioWithPropagatedError() {
		// 0.6 / 18 = 1/30; relative errors 0.05/0.6 and 0.9/18 = 1/12 and 1/20 in quadrature.
		FreeTotal ft = new FreeTotal(0.6, 0.05, 18, 0.9);
		assertEquals(1.0 / 30, ft.ratio(), 1e-15);
		assertEquals(1.0 / 30 * Math.sqrt(1.0 / 144 + 1.0 / 400), ft.ratioSe(), 1e-15);
		assertEquals(1 - 1.0 / 30, ft.boundFraction(), 1e-15);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FreeTotal(0.6, 0, 0, 0));
		assertEquals("total [Mg] must be > 0 mM, got 0.0", e.getMessage());
	}

	/**
	 * Round trip: 200 seeded repeats of a 6-level curve read in duplicate (A = 0.004 + 0.85 c, noise sd 0.004) and an
	 * unknown at a random concentration read 3 times; its 95 % interval must contain the truth in at least 90 %.
	 */
	@Test
	void intervalsCoverSynthesisedConcentrations() {
		int covered = 0, runs = 200;
		for (int seed = 0; seed < runs; seed++) {
			Random rnd = new Random(seed);
			List<AasStandardCurve.Standard> st = new ArrayList<>();
			for (double c : SCIENCE_C)
				for (int k = 0; k < 2; k++)
					st.add(new AasStandardCurve.Standard(c, Math.max(0, 0.004 + 0.85 * c + 0.004 * rnd.nextGaussian()),
						"s"));
			AasStandardCurve curve = AasStandardCurve.fit(st, AasStandardCurve.Fit.LINEAR);
			double truth = 0.05 + 0.4 * rnd.nextDouble();
			double[] reads = new double[3];
			for (int k = 0; k < 3; k++)
				reads[k] = 0.004 + 0.85 * truth + 0.004 * rnd.nextGaussian();
			AasStandardCurve.Estimate e = curve.estimate(reads, "u");
			if (e.concMgPerLLo <= truth && truth <= e.concMgPerLHi) covered++;
		}
		assertTrue(covered >= 0.9 * runs, "coverage " + covered + "/" + runs);
	}
}
