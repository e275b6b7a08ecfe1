package io.github.magratio.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** 31P NMR models against science.md section 3 and hand algebra. */
class NmrModelsTest {

	private static final NmrConstants DEF = NmrConstants.defaults();

	private static NmrSpectrum beta(double ppm) {
		return NmrSpectrum.builder().betaPpm(ppm).build();
	}

	// science.md 3 (a): Iotti closed form, printed to 4 decimals.
	@Test
	void iottiReproducesScienceWorkedNumbers() {
		IottiClosedForm m = new IottiClosedForm();
		NmrResult r = m.compute(beta(-16.18), DEF);
		assertEquals(3.7808, r.pMg(), 0.00005);
		assertEquals(0.1656, r.freeMgMillimolar(), 0.00005);
		assertEquals(0.2656, m.compute(beta(-16.00), DEF).freeMgMillimolar(), 0.00005);
		assertEquals(0.0986, m.compute(beta(-16.50), DEF).freeMgMillimolar(), 0.00005);
	}

	// science.md 3 (b): two-state, Kd 50 uM, limits -18.58 / -15.74.
	@Test
	void twoStateReproducesScienceWorkedNumbers() {
		NmrResult r = new TwoStateBetaModel().compute(beta(-16.18), DEF);
		assertEquals(0.15493, r.freeAtpFraction(), 0.000005);
		assertEquals(0.2727, r.freeMgMillimolar(), 0.00005);
		assertEquals(50, r.kdAppMicromolar(), 0);
		assertEquals(NmrResult.PH_NONE, r.phSource());
		assertTrue(r.flags().contains(NmrResult.FLAG_UNVERIFIED_CONSTANTS), "Kd 50 uM is an unverified default");
		assertEquals("kd_uM", r.constants().get("unverified"));
	}

	// Hand algebra: independent of the implementation's code path.
	@Test
	void midpointShiftGivesKd() {
		// phi = 0.5 at the midpoint -17.16 ppm, so [Mg] = Kd (1 - 0.5) / 0.5 = Kd = 50 uM.
		assertEquals(0.050, new TwoStateBetaModel().compute(beta(-17.16), DEF).freeMgMillimolar(), 1e-12);
		// Alpha-beta: midpoint of 10.8 and 8.3 is 9.55 ppm: alpha -7.00, beta -16.55.
		NmrResult ab = new AlphaBetaDifferenceModel().compute(NmrSpectrum.builder().alphaPpm(-7.0).betaPpm(-16.55)
			.build(), DEF);
		assertEquals(0.5, ab.freeAtpFraction(), 1e-12);
		assertEquals(0.050, ab.freeMgMillimolar(), 1e-12);
	}

	@Test
	void iottiAtAnIndependentPoint() {
		// d = -17.58: (d + 18.58) = 1 so the numerator is 1; pMg = 4.24 + 0.84 log10(1.84).
		double pMg = 4.24 + 0.84 * Math.log10(1.84);
		NmrResult r = new IottiClosedForm().compute(beta(-17.58), DEF);
		assertEquals(pMg, r.pMg(), 1e-12);
		assertEquals(Math.pow(10, -pMg) * 1000, r.freeMgMillimolar(), 1e-15);
		assertEquals(0.034479, r.freeMgMillimolar(), 5e-7); // python: 10**-(4.24+0.84*log10(1.84))*1000
	}

	@Test
	void phAtPkaDoublesKd0() {
		// Kd,app = Kd0 (1 + 10^(pKa - pH)) = 18 * 2 = 36 uM at pH = pKa = 6.6; midpoint shift gives [Mg] = Kd,app.
		NmrResult r = new TwoStateBetaModel().compute(NmrSpectrum.builder().betaPpm(-17.16).ph(6.6).build(), DEF);
		assertEquals(36, r.kdAppMicromolar(), 1e-12);
		assertEquals(0.036, r.freeMgMillimolar(), 1e-12);
		assertEquals(NmrResult.PH_GIVEN, r.phSource());
	}

	@Test
	void phFromPiShiftByHendersonHasselbalch() {
		// Midpoint of 3.27 and 5.69 is 4.48 ppm: pH = pKa = 6.75. (d - 3.27)/(5.69 - d) = 10 at d = 5.47: pH 7.75.
		assertEquals(6.75, DEF.phFromPi(4.48), 1e-12);
		assertEquals(7.75, DEF.phFromPi(5.47), 1e-12);
		NmrResult r = new TwoStateBetaModel().compute(NmrSpectrum.builder().betaPpm(-17.16).piPpm(5.47).build(), DEF);
		assertEquals(NmrResult.PH_FROM_PI, r.phSource());
		assertEquals(7.75, r.ph(), 1e-12);
		assertEquals(18 * (1 + Math.pow(10, 6.6 - 7.75)), r.kdAppMicromolar(), 1e-12);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEF.phFromPi(6.0));
		assertTrue(e.getMessage().contains("Pi shift 6"), e.getMessage());
	}

	@Test
	void shiftIntervalMapsThroughTheModel() {
		// 1.96 sigma = 0.71 ppm around -17.16: ends -17.87 (phi 0.75, 50*0.25/0.75 uM) and -16.45 (phi 0.25, 150 uM).
		double sigma = 0.71 / Intervals.Z95;
		NmrResult r = new TwoStateBetaModel().compute(NmrSpectrum.builder().betaPpm(-17.16).shiftSePpm(sigma).build(),
			DEF);
		assertEquals(50.0 / 3 / 1000, r.freeMgMillimolarLo(), 1e-12);
		assertEquals(0.150, r.freeMgMillimolarHi(), 1e-12);
	}

	@Test
	void kdUncertaintyWidensOnTheLogScale() {
		NmrConstants c = NmrConstants.builder().kdMicromolarSe(5).build();
		NmrResult r = new TwoStateBetaModel().compute(beta(-17.16), c);
		assertEquals(0.050 * Math.exp(-Intervals.Z95 * 0.1), r.freeMgMillimolarLo(), 1e-12);
		assertEquals(0.050 * Math.exp(Intervals.Z95 * 0.1), r.freeMgMillimolarHi(), 1e-12);
	}

	@Test
	void intervalReachingALimitIsOpenEnded() {
		NmrResult r = new TwoStateBetaModel().compute(NmrSpectrum.builder().betaPpm(-16.0).shiftSePpm(0.2).build(),
			DEF);
		assertEquals(Double.POSITIVE_INFINITY, r.freeMgMillimolarHi());
		assertTrue(r.freeMgMillimolarLo() > 0 && r.freeMgMillimolarLo() < r.freeMgMillimolar());
	}

	@Test
	void shiftOutsideLimitsIsRejectedWithMessage() {
		NmrResult r = new TwoStateBetaModel().compute(beta(-19.0), DEF);
		assertFalse(r.isValid());
		assertTrue(r.flags().contains(NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS));
		assertEquals("beta shift -19 ppm is outside the limiting shifts (-18.58 ppm free ATP, -15.74 ppm MgATP)", r
			.message());
		assertTrue(new IottiClosedForm().compute(beta(-15.0), DEF).flags().contains(
			NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS));
	}

	@Test
	void fractionTooCloseToZeroOrOneIsRejected() {
		// -18.55: phi = 2.81/2.84 = 0.989 > 0.98; -15.76: phi = 0.02/2.84 = 0.007 < 0.02.
		NmrResult near1 = new TwoStateBetaModel().compute(beta(-18.55), DEF);
		assertTrue(near1.flags().contains(NmrResult.FLAG_FRACTION_NEAR_1));
		assertTrue(Double.isNaN(near1.freeMgMillimolar()));
		assertEquals(2.81 / 2.84, near1.freeAtpFraction(), 1e-12);
		assertTrue(new TwoStateBetaModel().compute(beta(-15.76), DEF).flags().contains(
			NmrResult.FLAG_FRACTION_NEAR_0));
	}

	@Test
	void missingShiftNamesIt() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AlphaBetaDifferenceModel()
			.compute(beta(-16), DEF));
		assertTrue(e.getMessage().contains("alpha shift"), e.getMessage());
	}

	@Test
	void constantsValidationNamesTheKey() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmrConstants.builder()
			.kdMicromolar(0).build());
		assertTrue(e.getMessage().startsWith("kd_uM must be > 0"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> NmrConstants.builder().set("kd", 5));
		assertTrue(e.getMessage().contains("unknown NMR constant 'kd'"), e.getMessage());
	}

	@Test
	void threeShiftRecoversSynthesisedPhAndPmg() {
		ThreeShiftConstants t = ThreeShiftConstants.placeholder();
		assertTrue(t.isPlaceholder());
		ThreeShiftModel m = new ThreeShiftModel(t);
		for (double[] truth : new double[][] { { 7.1, 3.3 }, { 6.8, 3.0 }, { 7.4, 3.6 } }) {
			double[] d = t.shiftsPpm(truth[0], truth[1]);
			NmrResult r = m.compute(NmrSpectrum.builder().alphaPpm(d[0]).betaPpm(d[1]).gammaPpm(d[2]).shiftSePpm(0.02)
				.build(), DEF);
			assertEquals(truth[0], r.ph(), 1e-5);
			assertEquals(truth[1], r.pMg(), 1e-5);
			assertTrue(r.flags().contains(NmrResult.FLAG_PLACEHOLDER_CONSTANTS));
			assertTrue(r.freeMgMillimolarLo() < r.freeMgMillimolar() && r.freeMgMillimolar() < r.freeMgMillimolarHi());
		}
	}

	@Test
	void threeShiftFractionsSumToOneAndFollowTheMassAction() {
		ThreeShiftConstants t = ThreeShiftConstants.placeholder();
		// At pH = pKa and pMg with [Mg] = Kd(MgATP): weights 1, 1, 1, 1 * [Mg]/Kd(MgHATP) = 50/5000 = 0.01.
		double pMg = -Math.log10(50e-6);
		double[] f = t.fractions(6.6, pMg);
		double sum = 3.01;
		assertEquals(1 / sum, f[0], 1e-12);
		assertEquals(1 / sum, f[1], 1e-12);
		assertEquals(1 / sum, f[2], 1e-12);
		assertEquals(0.01 / sum, f[3], 1e-12);
	}
}
