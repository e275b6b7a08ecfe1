package io.github.magratio.calibration;

import io.github.magratio.core.Calibration;

import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;

/**
 * Kd of a ratiometric indicator from a titration: standards of known free [Mg2+] (mM, Ca-free) and their
 * background-corrected ratios R. Fits the inverse Grynkiewicz equation (science.md section 1)
 *
 * <pre>
 * R = (Rmin * K' + Rmax * [Mg]) / (K' + [Mg]),    K' = Kd * beta
 * </pre>
 *
 * by non-linear least squares (unweighted, or weighted by 1/R^2 for errors proportional to R) (Levenberg-Marquardt, commons-math3) in K' and, unless fixed by the caller,
 * Rmin and Rmax; then Kd = K' / beta with beta (and its standard error) from the in-situ end points. Standard errors
 * come from the covariance s^2 (J^T J)^-1 at the optimum, with s^2 = RSS / (n - p); 95 % intervals use Student's t
 * with n - p degrees of freedom. The SE of Kd adds beta's relative SE in quadrature (delta method).
 *
 * <p>
 * A linearised check is reported too: y = log10((R - Rmin)/(Rmax - R)) against x = log10[Mg] with the fitted Rmin
 * and Rmax, dropping standards within 5 % of (Rmax - Rmin) of either end and [Mg] = 0; slope n is about 1 for 1:1
 * binding and Kd = 10^(-intercept / n) / beta.
 * </p>
 *
 * Stateless; {@link #fit} is thread-safe. Invalid input throws {@link IllegalArgumentException} naming the standard
 * (1-based, in the order given) and the values.
 */
public final class KdFit {

	/** Fraction of (Rmax - Rmin) near either end within which a standard is left out of the linearised check. */
	public static final double LINEAR_END_FRACTION = 0.05;

	/** Largest drop of R between standards of increasing [Mg2+], as a fraction of the span of R, still accepted. */
	public static final double MONOTONIC_TOLERANCE = 0.05;

	private KdFit() {}

	/** What to fit and what is known. Immutable. */
	public static final class Options {
		final double beta, betaSe, fixedRmin, fixedRmax;
		final int maxIterations;
		final boolean relativeErrors;

		private Options(double beta, double betaSe, double fixedRmin, double fixedRmax, int maxIterations,
			boolean relativeErrors)
		{
			this.beta = beta;
			this.betaSe = betaSe;
			this.fixedRmin = fixedRmin;
			this.fixedRmax = fixedRmax;
			this.maxIterations = maxIterations;
			this.relativeErrors = relativeErrors;
		}

		/**
		 * Fit Rmin, Rmax and K'; Kd = K' / beta.
		 *
		 * @param beta F380(Mg-free) / F380(Mg-saturated), dimensionless, &gt; 0
		 * @param betaSe standard error of beta, &gt;= 0 (0 = exact)
		 */
		public static Options of(double beta, double betaSe) {
			if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be > 0, got " +
				beta);
			if (!(betaSe >= 0) || Double.isInfinite(betaSe)) throw new IllegalArgumentException(
				"beta_se must be >= 0, got " + betaSe);
			return new Options(beta, betaSe, Double.NaN, Double.NaN, 1000, true);
		}

		/** @return a copy with Rmin fixed (dimensionless; NaN = fit it) */
		public Options fixRmin(double rmin) {
			return new Options(beta, betaSe, rmin, fixedRmax, maxIterations, relativeErrors);
		}

		/** @return a copy with Rmax fixed (dimensionless; NaN = fit it) */
		public Options fixRmax(double rmax) {
			return new Options(beta, betaSe, fixedRmin, rmax, maxIterations, relativeErrors);
		}

		/** @return a copy with another iteration limit (&gt;= 1; default 1000) */
		public Options maxIterations(int n) {
			if (n < 1) throw new IllegalArgumentException("max iterations must be >= 1, got " + n);
			return new Options(beta, betaSe, fixedRmin, fixedRmax, n, relativeErrors);
		}

		/**
		 * @return a copy that weights each standard by 1/R^2 (true, the default: the ratio's error is proportional
		 *         to R, as when both intensities carry the same relative noise; this keeps the 95 % intervals honest)
		 *         or not at all (false: the same absolute error at every standard)
		 */
		public Options relativeErrors(boolean relative) {
			return new Options(beta, betaSe, fixedRmin, fixedRmax, maxIterations, relative);
		}
	}

	/** The fitted constants with their uncertainties. Immutable. */
	public static final class Result {
		/** Rmin (fitted or fixed), dimensionless. */
		public final double rmin;
		/** Rmax (fitted or fixed), dimensionless. */
		public final double rmax;
		/** K' = Kd * beta, mM. */
		public final double kPrimeMillimolar;
		/** Standard errors of Rmin, Rmax (0 when fixed) and K' (mM). */
		public final double rminSe, rmaxSe, kPrimeMillimolarSe;
		/** beta used and its standard error. */
		public final double beta, betaSe;
		/** Kd = K' / beta in mM and its standard error in mM (K' and beta errors combined). */
		public final double kdMillimolar, kdMillimolarSe;
		/** 95 % confidence interval of Kd in mM: Kd -+ t(0.975, dof) * SE. */
		public final double kdLowMillimolar, kdHighMillimolar;
		/** 95 % confidence intervals of Rmin and Rmax (equal to the value when fixed). */
		public final double rminLow, rminHigh, rmaxLow, rmaxHigh;
		/** Whether Rmin and Rmax were fitted (false = fixed by the caller). */
		public final boolean rminFitted, rmaxFitted;
		/**
		 * Weighted residual sum of squares and residual SD s = sqrt(RSS / dof): ratio units (squared) without
		 * weights, relative (fractions of R) with {@link Options#relativeErrors}.
		 */
		public final double rss, residualSd;
		/** Degrees of freedom, n - p. */
		public final int degreesOfFreedom;
		/** Levenberg-Marquardt iterations used. */
		public final int iterations;
		/** The standards: [Mg2+] in mM, measured R, fitted R. Copies. */
		private final double[] mg, ratio, fitted;
		/** Linearised check: slope n, intercept, Kd from them (mM), and how many standards it used. */
		public final double linearSlope, linearIntercept, linearKdMillimolar;
		/** Standards used by the linearised check. */
		public final int linearPoints;

		Result(double[] p, double[] se, boolean fr, boolean fx, double beta, double betaSe, double tq, double rss,
			int dof, int iterations, double[] mg, double[] ratio, double[] fitted, double[] linear, int linearPoints)
		{
			rmin = p[0];
			rmax = p[1];
			kPrimeMillimolar = p[2];
			rminSe = se[0];
			rmaxSe = se[1];
			kPrimeMillimolarSe = se[2];
			rminFitted = fr;
			rmaxFitted = fx;
			this.beta = beta;
			this.betaSe = betaSe;
			kdMillimolar = kPrimeMillimolar / beta;
			double rel = Math.hypot(kPrimeMillimolarSe / kPrimeMillimolar, betaSe / beta);
			kdMillimolarSe = kdMillimolar * rel;
			kdLowMillimolar = Math.max(0, kdMillimolar - tq * kdMillimolarSe);
			kdHighMillimolar = kdMillimolar + tq * kdMillimolarSe;
			rminLow = rmin - tq * rminSe;
			rminHigh = rmin + tq * rminSe;
			rmaxLow = rmax - tq * rmaxSe;
			rmaxHigh = rmax + tq * rmaxSe;
			this.rss = rss;
			this.degreesOfFreedom = dof;
			this.residualSd = Math.sqrt(rss / dof);
			this.iterations = iterations;
			this.mg = mg.clone();
			this.ratio = ratio.clone();
			this.fitted = fitted.clone();
			linearSlope = linear[0];
			linearIntercept = linear[1];
			linearKdMillimolar = linear[2];
			this.linearPoints = linearPoints;
		}

		/** @return the standards' free [Mg2+], mM (a copy, in the order given) */
		public double[] mgMillimolar() {
			return mg.clone();
		}

		/** @return the standards' measured ratios (a copy) */
		public double[] ratios() {
			return ratio.clone();
		}

		/** @return the fitted ratio at each standard (a copy) */
		public double[] fittedRatios() {
			return fitted.clone();
		}

		/** @return the fitted model's ratio at {@code mgMillimolar} (mM, &gt;= 0) */
		public double ratioAt(double mgMillimolar) {
			return (rmin * kPrimeMillimolar + rmax * mgMillimolar) / (kPrimeMillimolar + mgMillimolar);
		}

		/** @return the result as a {@link Calibration} (Kd, Rmin, Rmax, beta with their standard errors) */
		public Calibration calibration() {
			return new Calibration(kdMillimolar, rmin, rmax, beta, kdMillimolarSe, rminSe, rmaxSe, betaSe);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
				"Kd = %.4g mM (SE %.3g, 95%% CI %.4g..%.4g), K' = %.4g mM, Rmin = %.4g (SE %.3g), " +
					"Rmax = %.4g (SE %.3g), beta = %.4g, residual SD %.3g, dof %d; linearised slope %.3f, Kd %.4g mM",
				kdMillimolar, kdMillimolarSe, kdLowMillimolar, kdHighMillimolar, kPrimeMillimolar, rmin, rminSe, rmax,
				rmaxSe, beta, residualSd, degreesOfFreedom, linearSlope, linearKdMillimolar);
		}
	}

	/**
	 * Fits a titration.
	 *
	 * @param mgMillimolar free [Mg2+] of each standard, mM, finite and &gt;= 0 (replicates allowed)
	 * @param ratio background-corrected R = F340/F380 of each standard, finite and &gt; 0
	 * @throws IllegalArgumentException for too few standards (fewer than fitted parameters + 1 distinct
	 *           concentrations, or no degree of freedom), invalid values, non-monotonic data (R falling with [Mg2+] by
	 *           more than {@link #MONOTONIC_TOLERANCE} of its span), a fit that does not converge, or an unphysical or
	 *           unidentifiable result
	 */
	public static Result fit(double[] mgMillimolar, double[] ratio, Options options) {
		if (mgMillimolar.length != ratio.length) throw new IllegalArgumentException("titration: " +
			mgMillimolar.length + " concentrations but " + ratio.length + " ratios");
		int n = ratio.length;
		for (int i = 0; i < n; i++) {
			if (!(mgMillimolar[i] >= 0) || Double.isInfinite(mgMillimolar[i])) throw new IllegalArgumentException(
				"standard " + (i + 1) + ": [Mg2+] must be a finite number >= 0 mM, got " + mgMillimolar[i]);
			if (!(ratio[i] > 0) || Double.isInfinite(ratio[i])) throw new IllegalArgumentException("standard " + (i +
				1) + ": ratio must be a finite number > 0, got " + ratio[i]);
		}
		boolean fitRmin = Double.isNaN(options.fixedRmin), fitRmax = Double.isNaN(options.fixedRmax);
		int p = 1 + (fitRmin ? 1 : 0) + (fitRmax ? 1 : 0);
		long distinct = Arrays.stream(mgMillimolar).distinct().count();
		if (distinct < p + 1 || n < p + 1) throw new IllegalArgumentException("too few standards for the fit: " +
			n + " standards at " + distinct + " distinct concentrations, need at least " + (p + 1) +
			" distinct concentrations to fit " + p + " parameter(s)" + (p == 3 ? " (Rmin, Rmax, K')" : "") +
			" with an error estimate; 6 to 8 spanning 0.1..10 x Kd are recommended");
		checkMonotonic(mgMillimolar, ratio);

		Integer[] order = sortedOrder(mgMillimolar);
		double rLow = ratio[order[0]], rHigh = ratio[order[n - 1]];
		double rmin0 = fitRmin ? Math.max(1e-6, rLow - 0.05 * (rHigh - rLow)) : options.fixedRmin;
		double rmax0 = fitRmax ? rHigh + 0.05 * (rHigh - rLow) : options.fixedRmax;
		if (!fitRmin && !(options.fixedRmin >= 0)) throw new IllegalArgumentException("fixed rmin must be >= 0, got " +
			options.fixedRmin);
		if (!fitRmax && !(options.fixedRmax > rmin0)) throw new IllegalArgumentException("fixed rmax must be > rmin (" +
			rmin0 + "), got " + options.fixedRmax);
		double k0 = startK(mgMillimolar, ratio, order, rmin0, rmax0);

		double[] start = new double[p];
		int j = 0;
		if (fitRmin) start[j++] = rmin0;
		if (fitRmax) start[j++] = rmax0;
		start[j] = k0;
		final double fRmin = options.fixedRmin, fRmax = options.fixedRmax;
		MultivariateJacobianFunction model = point -> {
			double[] q = point.toArray();
			int k = 0;
			double a = fitRmin ? q[k++] : fRmin;
			double b = fitRmax ? q[k++] : fRmax;
			double kp = q[k];
			double[] value = new double[n];
			double[][] jac = new double[n][p];
			for (int i = 0; i < n; i++) {
				double x = mgMillimolar[i], d = kp + x;
				value[i] = (a * kp + b * x) / d;
				int c = 0;
				if (fitRmin) jac[i][c++] = kp / d;
				if (fitRmax) jac[i][c++] = x / d;
				jac[i][c] = x * (a - b) / (d * d);
			}
			return new Pair<RealVector, RealMatrix>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac,
				false));
		};
		double kFloor = 1e-9 * Math.max(1e-9, Arrays.stream(mgMillimolar).max().orElse(1));
		double[] weights = new double[n];
		for (int i = 0; i < n; i++)
			weights[i] = options.relativeErrors ? 1 / (ratio[i] * ratio[i]) : 1;
		LeastSquaresProblem problem = new LeastSquaresBuilder().start(start).model(model).target(ratio)
			.weight(new DiagonalMatrix(weights))
			.maxIterations(options.maxIterations).maxEvaluations(options.maxIterations * 10).lazyEvaluation(false)
			.parameterValidator(v -> {
				RealVector c = v.copy();
				int last = c.getDimension() - 1;
				if (c.getEntry(last) < kFloor) c.setEntry(last, kFloor);
				return c;
			}).build();
		LeastSquaresOptimizer.Optimum opt;
		try {
			opt = new LevenbergMarquardtOptimizer().optimize(problem);
		} catch (TooManyIterationsException | TooManyEvaluationsException | ConvergenceException e) {
			throw new IllegalArgumentException("the titration fit did not converge within " + options.maxIterations +
				" iterations (" + e.getMessage() + "); check that R rises with [Mg2+] and that the standards span " +
				"0.1..10 x Kd");
		}
		double[] q = opt.getPoint().toArray();
		double[] par = new double[3], se = new double[3];
		int k = 0;
		par[0] = fitRmin ? q[k++] : fRmin;
		par[1] = fitRmax ? q[k++] : fRmax;
		par[2] = q[k];
		int dof = n - p;
		double rss = opt.getCost() * opt.getCost();
		if (!(par[2] > kFloor * 10) || !(par[1] > par[0]) || par[0] < 0) throw new IllegalArgumentException(String
			.format(Locale.ROOT, "the titration fit gave unphysical constants (Rmin %.4g, Rmax %.4g, K' %.4g mM): " +
				"the standards do not follow a 1:1 binding curve, or do not reach far enough below and above Kd",
				par[0], par[1], par[2]));
		RealMatrix cov;
		try {
			cov = opt.getCovariances(1e-14);
		} catch (SingularMatrixException e) {
			throw new IllegalArgumentException("the titration fit cannot tell the constants apart (singular " +
				"covariance): add standards below and above Kd, or fix Rmin/Rmax from in-situ images");
		}
		double s2 = rss / dof;
		k = 0;
		if (fitRmin) {
			se[0] = Math.sqrt(Math.max(0, cov.getEntry(k, k) * s2));
			k++;
		}
		if (fitRmax) {
			se[1] = Math.sqrt(Math.max(0, cov.getEntry(k, k) * s2));
			k++;
		}
		se[2] = Math.sqrt(Math.max(0, cov.getEntry(k, k) * s2));
		double tq = new TDistribution(null, dof).inverseCumulativeProbability(0.975);
		double[] fitted = new double[n];
		for (int i = 0; i < n; i++)
			fitted[i] = (par[0] * par[2] + par[1] * mgMillimolar[i]) / (par[2] + mgMillimolar[i]);
		int[] used = new int[1];
		double[] linear = linearised(mgMillimolar, ratio, par[0], par[1], options.beta, used);
		return new Result(par, se, fitRmin, fitRmax, options.beta, options.betaSe, tq, rss, dof, opt
			.getIterations(), mgMillimolar, ratio, fitted, linear, used[0]);
	}

	/**
	 * Linearised check: ordinary least squares of y = log10((R - Rmin)/(Rmax - R)) on x = log10[Mg] over the
	 * standards with [Mg] &gt; 0 and R more than {@link #LINEAR_END_FRACTION} of (Rmax - Rmin) away from both ends.
	 *
	 * @param used receives the number of standards used in element 0
	 * @return {slope n, intercept, Kd = 10^(-intercept/n)/beta in mM}; NaNs when fewer than 2 standards qualify
	 */
	public static double[] linearised(double[] mgMillimolar, double[] ratio, double rmin, double rmax, double beta,
		int[] used)
	{
		double margin = LINEAR_END_FRACTION * (rmax - rmin);
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		int m = 0;
		for (int i = 0; i < ratio.length; i++) {
			double r = ratio[i];
			if (!(mgMillimolar[i] > 0) || r <= rmin + margin || r >= rmax - margin) continue;
			double x = Math.log10(mgMillimolar[i]), y = Math.log10((r - rmin) / (rmax - r));
			sx += x;
			sy += y;
			sxx += x * x;
			sxy += x * y;
			m++;
		}
		used[0] = m;
		double den = m * sxx - sx * sx;
		if (m < 2 || den == 0) return new double[] { Double.NaN, Double.NaN, Double.NaN };
		double slope = (m * sxy - sx * sy) / den;
		double intercept = (sy - slope * sx) / m;
		return new double[] { slope, intercept, Math.pow(10, -intercept / slope) / beta };
	}

	private static Integer[] sortedOrder(double[] mg) {
		Integer[] order = new Integer[mg.length];
		for (int i = 0; i < order.length; i++)
			order[i] = i;
		Arrays.sort(order, (a, b) -> Double.compare(mg[a], mg[b]));
		return order;
	}

	/** R must rise with [Mg2+]: compares the means of replicates at consecutive distinct concentrations. */
	private static void checkMonotonic(double[] mg, double[] ratio) {
		Integer[] order = sortedOrder(mg);
		int n = mg.length;
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double r : ratio) {
			lo = Math.min(lo, r);
			hi = Math.max(hi, r);
		}
		double span = hi - lo;
		double prevMean = Double.NaN, prevMg = Double.NaN;
		int prevIndex = -1;
		for (int i = 0; i < n;) {
			int end = i;
			double sum = 0;
			while (end < n && mg[order[end]] == mg[order[i]])
				sum += ratio[order[end++]];
			double mean = sum / (end - i);
			if (!Double.isNaN(prevMean) && prevMean - mean > MONOTONIC_TOLERANCE * span)
				throw new IllegalArgumentException(String.format(Locale.ROOT,
					"titration data are not monotonic: R falls from %.4g at %.4g mM (standard %d) to %.4g at %.4g mM " +
						"(standard %d), but R must rise with [Mg2+]; check for swapped channels or mislabelled standards",
					prevMean, prevMg, prevIndex + 1, mean, mg[order[i]], order[i] + 1));
			prevMean = mean;
			prevMg = mg[order[i]];
			prevIndex = order[i];
			i = end;
		}
		double first = ratio[order[0]], last = ratio[order[n - 1]];
		if (!(last > first)) throw new IllegalArgumentException(String.format(Locale.ROOT,
			"titration data are not monotonic: R at the highest [Mg2+] (%.4g mM: %.4g) is not above R at the lowest " +
				"(%.4g mM: %.4g)", mg[order[n - 1]], last, mg[order[0]], first));
	}

	/** Start value of K': the concentration where R crosses the midpoint between the start Rmin and Rmax. */
	private static double startK(double[] mg, double[] ratio, Integer[] order, double rmin, double rmax) {
		double best = Double.NaN, bestDist = Double.POSITIVE_INFINITY;
		for (int i : order) {
			if (!(mg[i] > 0)) continue;
			double r = ratio[i];
			if (r <= rmin || r >= rmax) continue;
			// invert the model at this standard: K' = x (Rmax - R) / (R - Rmin)
			double k = mg[i] * (rmax - r) / (r - rmin);
			double dist = Math.abs(Math.log(k / mg[i]));
			if (dist < bestDist) {
				bestDist = dist;
				best = k;
			}
		}
		if (Double.isNaN(best)) {
			double[] pos = Arrays.stream(mg).filter(v -> v > 0).sorted().toArray();
			best = pos.length == 0 ? 1 : pos[pos.length / 2];
		}
		return best;
	}
}
