package io.github.magratio.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class KdFitTest {

	/** science.md section 1 test data: Rmin 0.4, Rmax 4.0, beta 3, Kd 1.9 mM. */
	static final double[] MG = { 0.25, 0.5, 1, 2, 4, 8, 16, 50 };
	static final double[] R = { 0.55126, 0.69032, 0.93731, 1.33506, 1.88454, 2.50219, 3.05438, 3.63160 };

	@Test
	void scienceTableGivesKd19WithBeta3() {
		KdFit.Result r = KdFit.fit(MG, R, KdFit.Options.of(3, 0));
		assertEquals(1.9, r.kdMillimolar, 1.9e-4);
		assertEquals(5.7, r.kPrimeMillimolar, 5.7e-4);
		assertEquals(0.4, r.rmin, 1e-3);
		assertEquals(4.0, r.rmax, 1e-3);
		assertEquals(5, r.degreesOfFreedom);
		assertTrue(r.kdLowMillimolar <= 1.9 && 1.9 <= r.kdHighMillimolar, r.toString());
		assertEquals(1.0, r.linearSlope, 1e-3);
		assertEquals(-0.75587, r.linearIntercept, 1e-3);
		assertEquals(1.9, r.linearKdMillimolar, 2e-3);
		// the 0.25 mM standard lies within 5 % of (Rmax - Rmin) above Rmin: left out of the linearised check
		assertEquals(7, r.linearPoints);
	}

	@Test
	void fixedEndPointsFitOnlyKPrime() {
		KdFit.Result r = KdFit.fit(MG, R, KdFit.Options.of(3, 0).fixRmin(0.4).fixRmax(4.0));
		assertFalse(r.rminFitted);
		assertEquals(0, r.rminSe, 0);
		assertEquals(1.9, r.kdMillimolar, 1e-4);
		assertEquals(7, r.degreesOfFreedom);
	}

	@Test
	void betaErrorPropagatesIntoKdError() {
		KdFit.Result exact = KdFit.fit(MG, R, KdFit.Options.of(3, 0));
		KdFit.Result withBeta = KdFit.fit(MG, R, KdFit.Options.of(3, 0.3));
		// 10 % relative beta error dominates the tiny fit error
		assertEquals(0.1 * 1.9, withBeta.kdMillimolarSe, 0.01 * 1.9);
		assertTrue(withBeta.kdMillimolarSe > exact.kdMillimolarSe);
	}

	/** Kd recovered within 3 % and the 95 % interval covers the truth in >= 90 % of seeded noisy titrations. */
	/**
	 * 400 seeded titrations, 16 standards (0 and 0.1..50 mM), 0.5 % relative ratio noise, weighted fit: every Kd within
	 * 3 % and the 95 % interval covers the true Kd in >= 90 % of repeats.
	 */
	@Test
	void noisyTitrationsRecoverKdWithin3PercentAndIntervalsCoverTheTruth() {
		double[] s = repeats(0.005, true, true, 16, 400);
		System.out.printf("KdFit: 400 titrations, 0.5 %% noise, 16 standards: worst Kd error %.2f %%, rms %.2f %%, " +
			"95 %% CI coverage %.1f %%%n", 100 * s[0], 100 * s[1], 100 * s[2]);
		assertTrue(s[0] < 0.03, "worst Kd error " + s[0]);
		assertTrue(s[2] >= 0.90, "coverage " + s[2]);
	}

	/** Additive ratio noise (SD 0.01) with the unweighted fit on the 9-standard series: coverage >= 90 %. */
	@Test
	void unweightedFitCoversTheTruthForAdditiveNoise() {
		double[] s = repeats(0.01, false, false, 9, 400);
		System.out.printf("KdFit: 400 titrations, additive noise 0.01, 9 standards, unweighted: worst %.2f %%, rms " +
			"%.2f %%, coverage %.1f %%%n", 100 * s[0], 100 * s[1], 100 * s[2]);
		assertTrue(s[2] >= 0.90, "coverage " + s[2]);
	}

	/** @return {worst relative Kd error, RMS relative error, coverage of the 95 % CI} */
	static double[] repeats(double noise, boolean multiplicative, boolean relativeWeights, int standards,
		int repeats)
	{
		double rmin = 0.4, rmax = 4.0, beta = 3, kd = 1.9, k = kd * beta;
		double[] base = { 0, 0.2, 0.5, 1, 2, 4, 8, 16, 50 };
		double[] mg = new double[standards];
		for (int i = 0; i < standards; i++)
			mg[i] = standards == base.length ? base[i] : i == 0 ? 0 : 0.1 * Math.pow(500, (i - 1) / (standards - 2.0));
		int covered = 0;
		double worst = 0, ss = 0;
		for (int seed = 1; seed <= repeats; seed++) {
			SplittableRandom rnd = new SplittableRandom(seed);
			double[] ratio = new double[mg.length];
			for (int i = 0; i < mg.length; i++) {
				double truth = (rmin * k + rmax * mg[i]) / (k + mg[i]);
				ratio[i] = multiplicative ? truth * (1 + noise * gaussian(rnd)) : truth + noise * gaussian(rnd);
			}
			KdFit.Result r = KdFit.fit(mg, ratio, KdFit.Options.of(beta, 0).relativeErrors(relativeWeights));
			double e = r.kdMillimolar / kd - 1;
			worst = Math.max(worst, Math.abs(e));
			ss += e * e;
			if (r.kdLowMillimolar <= kd && kd <= r.kdHighMillimolar) covered++;
		}
		return new double[] { worst, Math.sqrt(ss / repeats), covered / (double) repeats };
	}

	static double gaussian(SplittableRandom r) {
		double u = r.nextDouble(), v = r.nextDouble();
		return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
	}

	@Test
	void tooFewStandardsAreRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KdFit.fit(new double[] { 1, 2,
			4 }, new double[] { 1, 1.3, 1.8 }, KdFit.Options.of(3, 0)));
		assertTrue(e.getMessage().contains("too few standards"), e.getMessage());
	}

	@Test
	void nonMonotonicDataAreRefusedNamingTheStandards() {
		double[] r = R.clone();
		r[4] = 0.8; // 4 mM reads lower than 1 mM
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KdFit.fit(MG, r, KdFit.Options
			.of(3, 0)));
		assertTrue(e.getMessage().contains("not monotonic") && e.getMessage().contains("standard 5"), e.getMessage());
	}

	@Test
	void fallingRatioIsRefused() {
		double[] r = new double[R.length];
		for (int i = 0; i < r.length; i++)
			r[i] = R[R.length - 1 - i];
		assertThrows(IllegalArgumentException.class, () -> KdFit.fit(MG, r, KdFit.Options.of(3, 0)));
	}

	@Test
	void negativeConcentrationIsRefused() {
		double[] mg = MG.clone();
		mg[2] = -1;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KdFit.fit(mg, R, KdFit.Options
			.of(3, 0)));
		assertTrue(e.getMessage().contains("standard 3"), e.getMessage());
	}

	@Test
	void nonConvergenceIsReportedNotReturned() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KdFit.fit(MG, R, KdFit.Options
			.of(3, 0).maxIterations(1)));
		assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
	}
}
