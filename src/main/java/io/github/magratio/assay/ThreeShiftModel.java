package io.github.magratio.assay;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Joint pH and free [Mg2+] from the alpha, beta and gamma ATP shifts (the three-shift method attributed to Iotti et
 * al., ~2000; bibliographic details unverified, science.md section 3). Each observed shift is the population average
 * of the species shifts of a {@link ThreeShiftConstants} table; the model solves
 * {@code min over (pH, pMg) of sum_i (d_i,obs - sum_s f_s(pH, pMg) d_i,s)^2} by a grid search (pH 4-10, pMg 1-7,
 * step 0.05) followed by Levenberg-Marquardt, so no Pi peak is needed. A given pH or Pi shift is not used (flag
 * {@link NmrResult#FLAG_PH_NOT_USED}); the fitted pH is reported with source {@link NmrResult#PH_FITTED}.
 * <p>
 * Uncertainty: with shift standard error s, cov(pH, pMg) = s^2 (J^T J)^-1 at the optimum; the 95 % interval of pMg
 * is mapped to [Mg]. Flags: {@link NmrResult#FLAG_PLACEHOLDER_CONSTANTS} with the shipped table,
 * {@link NmrResult#FLAG_POOR_FIT} when the RMS residual exceeds max(3 s, 0.05 ppm),
 * {@link NmrResult#FLAG_FIT_AT_BOUND}, {@link NmrResult#FLAG_CONDITIONS_DIFFER} when the sample's temperature
 * differs by more than 2 C or its ionic strength by more than 0.02 M from the table's. Immutable and thread-safe.
 */
public final class ThreeShiftModel implements NmrModel {

	/** Method name. */
	public static final String NAME = "threeshift";
	/** Search range of the fit. */
	public static final double PH_MIN = 4, PH_MAX = 10, PMG_MIN = 1, PMG_MAX = 7;
	/** Smallest RMS residual flagged as a poor fit, ppm. */
	public static final double POOR_FIT_FLOOR_PPM = 0.05;

	private final ThreeShiftConstants table;

	/** A model using {@code table}. */
	public ThreeShiftModel(ThreeShiftConstants table) {
		this.table = java.util.Objects.requireNonNull(table, "three-shift constants table");
	}

	/** @return the constants table */
	public ThreeShiftConstants table() {
		return table;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> requiredColumns() {
		return Arrays.asList("alpha_ppm", "beta_ppm", "gamma_ppm");
	}

	@Override
	public NmrResult compute(NmrSpectrum s, NmrConstants c) {
		double[] obs = { TwoState.require(s.alphaPpm(), "alpha shift (ppm)"), TwoState.require(s.betaPpm(),
			"beta shift (ppm)"), TwoState.require(s.gammaPpm(), "gamma shift (ppm)") };
		Map<String, Object> used = new LinkedHashMap<>();
		used.put("table", table.name());
		used.putAll(table.asMap());
		used.put(NmrConstants.KEY_MIN_FRACTION, c.minFreeFraction());
		used.put(NmrConstants.KEY_MAX_FRACTION, c.maxFreeFraction());
		Set<String> flags = new LinkedHashSet<>();
		if (table.isPlaceholder()) flags.add(NmrResult.FLAG_PLACEHOLDER_CONSTANTS);
		if (!Double.isNaN(s.ph()) || !Double.isNaN(s.piPpm())) flags.add(NmrResult.FLAG_PH_NOT_USED);
		if (!Double.isNaN(s.temperatureCelsius()) && Math.abs(s.temperatureCelsius() - table
			.temperatureCelsius()) > 2 || !Double.isNaN(s.ionicStrengthMolar()) && Math.abs(s.ionicStrengthMolar() -
				table.ionicStrengthMolar()) > 0.02) flags.add(NmrResult.FLAG_CONDITIONS_DIFFER);
		TwoState.Ph none = new TwoState.Ph(Double.NaN, NmrResult.PH_NONE);
		for (int p = 0; p < 3; p++) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (int sp = 0; sp < 4; sp++) {
				lo = Math.min(lo, table.shiftPpm(sp, p));
				hi = Math.max(hi, table.shiftPpm(sp, p));
			}
			if (!(obs[p] >= lo && obs[p] <= hi)) {
				flags.add(NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS);
				return TwoState.rejected(s, NAME, none, Double.NaN, used, flags, String.format(Locale.ROOT,
					"%s shift %s ppm is outside the species limits of table '%s' (%s to %s ppm)", ThreeShiftConstants
						.PHOSPHATES.get(p), TwoState.fmt(obs[p]), table.name(), TwoState.fmt(lo), TwoState.fmt(hi)));
			}
		}
		double[] fit = fit(obs);
		double ph = fit[0], pMg = fit[1];
		double[] model = table.shiftsPpm(ph, pMg);
		double ss = 0;
		for (int p = 0; p < 3; p++)
			ss += (obs[p] - model[p]) * (obs[p] - model[p]);
		double rms = Math.sqrt(ss / 3);
		used.put("fit_rms_ppm", rms);
		if (rms > Math.max(3 * s.shiftSePpm(), POOR_FIT_FLOOR_PPM)) flags.add(NmrResult.FLAG_POOR_FIT);
		if (ph <= PH_MIN + 1e-6 || ph >= PH_MAX - 1e-6 || pMg <= PMG_MIN + 1e-6 || pMg >= PMG_MAX - 1e-6) flags.add(
			NmrResult.FLAG_FIT_AT_BOUND);
		double[] f = table.fractions(ph, pMg);
		double phi = f[0] + f[1];
		TwoState.Ph fitted = new TwoState.Ph(ph, NmrResult.PH_FITTED);
		if (phi < c.minFreeFraction() || phi > c.maxFreeFraction()) {
			flags.add(phi < c.minFreeFraction() ? NmrResult.FLAG_FRACTION_NEAR_0 : NmrResult.FLAG_FRACTION_NEAR_1);
			return new NmrResult(s.label(), NAME, Double.NaN, Double.NaN, Double.NaN, phi, ph, NmrResult.PH_FITTED,
				Double.NaN, used, flags, String.format(Locale.ROOT,
					"fitted free-ATP fraction %.4f is outside the accepted (%s, %s)", phi, TwoState.fmt(c
						.minFreeFraction()), TwoState.fmt(c.maxFreeFraction())));
		}
		double[] se = standardErrors(ph, pMg, s.shiftSePpm());
		double pMgSe = se[1];
		used.put("ph_se", se[0]);
		used.put("pmg_se", se[1]);
		double mg = Math.pow(10, -pMg) * 1000;
		double lo = Math.pow(10, -(pMg + Intervals.Z95 * pMgSe)) * 1000;
		double hi = Math.pow(10, -(pMg - Intervals.Z95 * pMgSe)) * 1000;
		if (Double.isNaN(pMgSe)) {
			lo = 0;
			hi = Double.POSITIVE_INFINITY;
		}
		return new NmrResult(s.label(), NAME, mg, lo, hi, phi, fitted.value, fitted.source, Double.NaN, used, flags,
			null);
	}

	/**
	 * First-order standard errors of the fitted pH and pMg: cov = s^2 (J^T J)^-1.
	 *
	 * @return {pH se, pMg se}; NaN when J^T J is singular (the shifts do not determine both)
	 */
	double[] standardErrors(double ph, double pMg, double shiftSePpm) {
		double[][] j = jacobian(ph, pMg);
		double a = 0, b = 0, d = 0;
		for (int p = 0; p < 3; p++) {
			a += j[p][0] * j[p][0];
			b += j[p][0] * j[p][1];
			d += j[p][1] * j[p][1];
		}
		double det = a * d - b * b;
		if (!(det > 1e-12 * Math.max(a * d, 1e-300))) return new double[] { Double.NaN, Double.NaN };
		double s2 = shiftSePpm * shiftSePpm;
		return new double[] { Math.sqrt(s2 * d / det), Math.sqrt(s2 * a / det) };
	}

	/** @return {pH, pMg} minimising the squared shift residuals */
	double[] fit(double[] obs) {
		double best = Double.POSITIVE_INFINITY, ph0 = 7, pmg0 = 3;
		for (double ph = PH_MIN; ph <= PH_MAX + 1e-9; ph += 0.05)
			for (double pmg = PMG_MIN; pmg <= PMG_MAX + 1e-9; pmg += 0.05) {
				double[] m = table.shiftsPpm(ph, pmg);
				double ss = 0;
				for (int p = 0; p < 3; p++)
					ss += (obs[p] - m[p]) * (obs[p] - m[p]);
				if (ss < best) {
					best = ss;
					ph0 = ph;
					pmg0 = pmg;
				}
			}
		LeastSquaresBuilder b = new LeastSquaresBuilder().start(new double[] { ph0, pmg0 }).target(obs).model(
			point -> {
				double[] x = point.toArray();
				return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(new ArrayRealVector(table
					.shiftsPpm(x[0], x[1])), new Array2DRowRealMatrix(jacobian(x[0], x[1]), false));
			}).parameterValidator(v -> new ArrayRealVector(new double[] { clamp(v.getEntry(0), PH_MIN, PH_MAX), clamp(v
				.getEntry(1), PMG_MIN, PMG_MAX) })).maxEvaluations(10000).maxIterations(10000);
		LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(b.build());
		return o.getPoint().toArray();
	}

	/** Central-difference Jacobian of the three shifts with respect to (pH, pMg), ppm per unit. */
	double[][] jacobian(double ph, double pMg) {
		double h = 1e-6;
		double[] a = table.shiftsPpm(ph + h, pMg), b = table.shiftsPpm(ph - h, pMg);
		double[] c = table.shiftsPpm(ph, pMg + h), d = table.shiftsPpm(ph, pMg - h);
		double[][] j = new double[3][2];
		for (int p = 0; p < 3; p++) {
			j[p][0] = (a[p] - b[p]) / (2 * h);
			j[p][1] = (c[p] - d[p]) / (2 * h);
		}
		return j;
	}

	private static double clamp(double v, double lo, double hi) {
		return Math.max(lo, Math.min(hi, v));
	}
}
