package io.github.magratio.assay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * An atomic absorption standard curve for Mg (285.2 nm) and its inverse (science.md section 4). Ordinary least
 * squares of absorbance on concentration (mg/L), every read one point:
 *
 * <pre>
 * linear     A = a + b c
 * quadratic  A = a + b c + d c^2,   c = 2 (A - a) / (b + sqrt(b^2 + 4 d (A - a)))   (the stable form of the root)
 * </pre>
 *
 * {@link Fit#AUTO} uses the quadratic only when its c^2 coefficient is significant (two-sided t test, p &lt; 0.05,
 * n - 3 degrees of freedom) and the quadratic rises over the standards' range. s_y/x = sqrt(SSres / (n - p)), LOD =
 * 3.3 s_y/x / b and LOQ = 10 s_y/x / b with b the slope at c = 0 (ICH Q2). The standard error of an unknown read m
 * times is Miller &amp; Miller's {@code s_c = (s_y/x / b) sqrt(1/m + 1/n + (A0 - Abar)^2 / (b^2 Sxx))} for the linear
 * curve, and its delta-method generalisation {@code sqrt(s^2/m + g' C g) / |dA/dc|}, g = (1, c, c^2), C the
 * coefficient covariance, for the quadratic (it reduces to Miller's formula for a line). Intervals are 95 % with
 * Student's t at the fit's degrees of freedom. Concentrations above the top standard are never extrapolated (NaN,
 * flag {@link #FLAG_DILUTE}). Immutable and thread-safe.
 */
public final class AasStandardCurve {

	/** Sample reads above the top standard: not extrapolated; dilute and read again. */
	public static final String FLAG_DILUTE = "dilute";
	/** Concentration below the limit of quantification. */
	public static final String FLAG_BELOW_LOQ = "below_loq";
	/** Concentration below the limit of detection. */
	public static final String FLAG_BELOW_LOD = "below_lod";
	/** ICH Q2 factor of the limit of detection. */
	public static final double LOD_FACTOR = 3.3;
	/** ICH Q2 factor of the limit of quantification. */
	public static final double LOQ_FACTOR = 10;
	/** Significance level of the curvature test of {@link Fit#AUTO}. */
	public static final double CURVATURE_ALPHA = 0.05;

	/** Which curve to fit. */
	public enum Fit {
		/** Straight line. */
		LINEAR,
		/** Second-order polynomial. */
		QUADRATIC,
		/** Linear unless the residuals show significant curvature. */
		AUTO;

		/** @return the fit named (case-insensitive) {@code linear}, {@code quadratic} or {@code auto} */
		public static Fit of(String s) {
			for (Fit f : values())
				if (f.name().equalsIgnoreCase(s.trim())) return f;
			throw new IllegalArgumentException("fit must be linear, quadratic or auto, got '" + s + "'");
		}
	}

	/** One standard read: concentration in mg/L, absorbance, and where it came from (for messages). */
	public static final class Standard {
		/** Concentration, mg/L. */
		public final double concMgPerL;
		/** Absorbance (dimensionless, &gt;= 0). */
		public final double absorbance;
		/** Where the value came from, e.g. {@code standards.csv line 3}. */
		public final String where;

		/** A standard read. */
		public Standard(double concMgPerL, double absorbance, String where) {
			this.concMgPerL = concMgPerL;
			this.absorbance = absorbance;
			this.where = where == null ? "standard" : where;
		}
	}

	/** The inverse estimate for one unknown. */
	public static final class Estimate {
		/** Number of reads averaged. */
		public final int reads;
		/** Mean absorbance. */
		public final double meanAbsorbance;
		/** Concentration, mg/L (NaN above the top standard). */
		public final double concMgPerL;
		/** Standard error of the concentration, mg/L. */
		public final double concMgPerLSe;
		/** 95 % interval, mg/L. */
		public final double concMgPerLLo, concMgPerLHi;
		/** Flags: {@link #FLAG_DILUTE}, {@link #FLAG_BELOW_LOQ}, {@link #FLAG_BELOW_LOD}. */
		public final Set<String> flags;

		Estimate(int reads, double meanAbsorbance, double c, double se, double t, Set<String> flags) {
			this.reads = reads;
			this.meanAbsorbance = meanAbsorbance;
			this.concMgPerL = c;
			this.concMgPerLSe = se;
			this.concMgPerLLo = c - t * se;
			this.concMgPerLHi = c + t * se;
			this.flags = Collections.unmodifiableSet(flags);
		}
	}

	private final boolean quadratic;
	private final double[] coef; // a, b, d
	private final double[][] cov; // covariance of the coefficients (p x p)
	private final int n, levels;
	private final double cMean, aMean, sxx, syx, r2, curvatureP, topMgPerL, tQuantile;
	private final List<Standard> standards;

	private AasStandardCurve(boolean quadratic, double[] coef, double[][] cov, List<Standard> standards, int levels,
		double syx, double r2, double curvatureP)
	{
		this.quadratic = quadratic;
		this.coef = coef;
		this.cov = cov;
		this.standards = Collections.unmodifiableList(new ArrayList<>(standards));
		this.n = standards.size();
		this.levels = levels;
		double sc = 0, sa = 0, top = 0;
		for (Standard s : standards) {
			sc += s.concMgPerL;
			sa += s.absorbance;
			top = Math.max(top, s.concMgPerL);
		}
		this.cMean = sc / n;
		this.aMean = sa / n;
		double q = 0;
		for (Standard s : standards)
			q += (s.concMgPerL - cMean) * (s.concMgPerL - cMean);
		this.sxx = q;
		this.syx = syx;
		this.r2 = r2;
		this.curvatureP = curvatureP;
		this.topMgPerL = top;
		this.tQuantile = new TDistribution(degreesOfFreedom()).inverseCumulativeProbability(0.975);
	}

	/**
	 * Fits a curve.
	 *
	 * @throws IllegalArgumentException naming the standard: fewer than 3 concentrations, negative or non-finite
	 *           values, mean absorbance not increasing with concentration, a quadratic without enough points or not
	 *           rising over the range
	 */
	public static AasStandardCurve fit(List<Standard> standards, Fit fit) {
		for (Standard s : standards) {
			if (!Double.isFinite(s.concMgPerL) || s.concMgPerL < 0) throw new IllegalArgumentException(s.where +
				": standard concentration must be >= 0 mg/L, got " + s.concMgPerL);
			if (!Double.isFinite(s.absorbance) || s.absorbance < 0) throw new IllegalArgumentException(s.where +
				": absorbance must be >= 0, got " + s.absorbance);
		}
		TreeMap<Double, List<Standard>> byLevel = new TreeMap<>();
		for (Standard s : standards)
			byLevel.computeIfAbsent(s.concMgPerL, k -> new ArrayList<>()).add(s);
		if (byLevel.size() < 3) throw new IllegalArgumentException("need at least 3 standards with different " +
			"concentrations (ICH Q2 recommends 5 plus a blank), got " + byLevel.size() + (byLevel.isEmpty() ? ""
				: " (" + join(byLevel.keySet()) + " mg/L)"));
		double prevMean = Double.NEGATIVE_INFINITY;
		Standard prev = null;
		for (List<Standard> level : byLevel.values()) {
			double m = 0;
			for (Standard s : level)
				m += s.absorbance;
			m /= level.size();
			if (!(m > prevMean)) throw new IllegalArgumentException("standards not increasing: " + level.get(0).where +
				" (" + fmt(level.get(0).concMgPerL) + " mg/L, mean absorbance " + fmt(m) + ") does not absorb more " +
				"than " + prev.where + " (" + fmt(prev.concMgPerL) + " mg/L, mean absorbance " + fmt(prevMean) + ")");
			prevMean = m;
			prev = level.get(0);
		}
		int n = standards.size();
		double[][] lin = ols(standards, 2);
		double curvatureP = Double.NaN;
		double[][] quad = null;
		if (n >= 4) {
			quad = ols(standards, 3);
			double seD = Math.sqrt(quad[1 + 2][2]);
			// Noise-free curved data has se(d) = 0: the curvature is then certain (p = 0), not undefined.
			curvatureP = seD == 0 ? (quad[0][2] != 0 ? 0 : 1) : 2 * (1 - new TDistribution(n - 3).cumulativeProbability(
				Math.abs(quad[0][2] / seD)));
		}
		boolean useQuadratic;
		double top = byLevel.lastKey();
		if (fit == Fit.QUADRATIC) {
			if (quad == null) throw new IllegalArgumentException("a quadratic curve needs at least 4 standard reads, got " +
				n);
			if (!rising(quad[0], top)) throw new IllegalArgumentException("the quadratic curve does not rise over 0-" +
				fmt(top) + " mg/L (slope " + fmt(quad[0][1] + 2 * quad[0][2] * top) + " at the top standard); use " +
				"--fit linear or drop the top standards");
			useQuadratic = true;
		}
		else useQuadratic = fit == Fit.AUTO && quad != null && curvatureP < CURVATURE_ALPHA && rising(quad[0], top);
		double[][] r = useQuadratic ? quad : lin;
		int p = useQuadratic ? 3 : 2;
		double[] coef = { r[0][0], r[0][1], useQuadratic ? r[0][2] : 0 };
		double[][] cov = new double[p][p];
		for (int i = 0; i < p; i++)
			System.arraycopy(r[1 + i], 0, cov[i], 0, p);
		return new AasStandardCurve(useQuadratic, coef, cov, standards, byLevel.size(), r[r.length - 1][0],
			r[r.length - 1][1], curvatureP);
	}

	/**
	 * OLS of absorbance on powers of concentration.
	 *
	 * @return rows: [coefficients], covariance rows..., [s_y/x, R^2]
	 */
	private static double[][] ols(List<Standard> st, int p) {
		int n = st.size();
		double[][] x = new double[n][p];
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < p; j++)
				x[i][j] = Math.pow(st.get(i).concMgPerL, j);
			y[i] = st.get(i).absorbance;
		}
		RealMatrix X = new Array2DRowRealMatrix(x, false);
		RealMatrix xtxInv = new LUDecomposition(X.transpose().multiply(X)).getSolver().getInverse();
		double[] beta = xtxInv.operate(X.transpose().operate(y));
		double ss = 0, st2 = 0, ym = 0;
		for (double v : y)
			ym += v / n;
		for (int i = 0; i < n; i++) {
			double f = 0;
			for (int j = 0; j < p; j++)
				f += beta[j] * x[i][j];
			ss += (y[i] - f) * (y[i] - f);
			st2 += (y[i] - ym) * (y[i] - ym);
		}
		double s2 = ss / (n - p);
		double[][] out = new double[p + 2][];
		out[0] = beta;
		for (int i = 0; i < p; i++) {
			out[1 + i] = new double[p];
			for (int j = 0; j < p; j++)
				out[1 + i][j] = s2 * xtxInv.getEntry(i, j);
		}
		out[p + 1] = new double[] { Math.sqrt(s2), 1 - ss / st2 };
		return out;
	}

	private static boolean rising(double[] c, double top) {
		return c[1] > 0 && c[1] + 2 * c[2] * top > 0;
	}

	/** @return true when the quadratic was fitted */
	public boolean isQuadratic() {
		return quadratic;
	}

	/** @return intercept a (absorbance at 0 mg/L) */
	public double intercept() {
		return coef[0];
	}

	/** @return slope b at c = 0, absorbance per mg/L */
	public double slopePerMgPerL() {
		return coef[1];
	}

	/** @return quadratic coefficient d, absorbance per (mg/L)^2; 0 for the line */
	public double quadraticPerMgPerLSquared() {
		return coef[2];
	}

	/** @return standard errors of (a, b[, d]) */
	public double[] coefficientSe() {
		double[] se = new double[cov.length];
		for (int i = 0; i < se.length; i++)
			se[i] = Math.sqrt(cov[i][i]);
		return se;
	}

	/** @return number of standard reads n */
	public int size() {
		return n;
	}

	/** @return number of distinct standard concentrations */
	public int levels() {
		return levels;
	}

	/** @return residual degrees of freedom, n - 2 (line) or n - 3 (quadratic) */
	public int degreesOfFreedom() {
		return n - (quadratic ? 3 : 2);
	}

	/** @return coefficient of determination R^2 */
	public double rSquared() {
		return r2;
	}

	/** @return residual standard deviation s_y/x, absorbance units */
	public double residualSd() {
		return syx;
	}

	/** @return p value of the c^2 term in a quadratic fit (NaN with fewer than 4 reads) */
	public double curvaturePValue() {
		return curvatureP;
	}

	/** @return limit of detection 3.3 s_y/x / b, mg/L */
	public double lodMgPerL() {
		return LOD_FACTOR * syx / coef[1];
	}

	/** @return limit of quantification 10 s_y/x / b, mg/L */
	public double loqMgPerL() {
		return LOQ_FACTOR * syx / coef[1];
	}

	/** @return the highest standard concentration, mg/L */
	public double topStandardMgPerL() {
		return topMgPerL;
	}

	/** @return the two-sided 97.5 % Student t quantile at {@link #degreesOfFreedom()} */
	public double tQuantile() {
		return tQuantile;
	}

	/** @return the standards fitted, in input order */
	public List<Standard> standards() {
		return standards;
	}

	/** @return the fitted absorbance at a concentration (mg/L) */
	public double absorbance(double concMgPerL) {
		return coef[0] + coef[1] * concMgPerL + coef[2] * concMgPerL * concMgPerL;
	}

	/** @return the concentration (mg/L) whose fitted absorbance is {@code a}, without range checks (NaN if none) */
	public double concentration(double absorbance) {
		double dA = absorbance - coef[0];
		if (!quadratic) return dA / coef[1];
		double disc = coef[1] * coef[1] + 4 * coef[2] * dA;
		if (disc < 0) return Double.NaN;
		return 2 * dA / (coef[1] + Math.sqrt(disc));
	}

	/**
	 * The concentration of an unknown from its replicate reads, with standard error and 95 % interval.
	 *
	 * @param where names the sample in messages
	 * @throws IllegalArgumentException naming {@code where} for no reads, or a negative or non-finite read
	 */
	public Estimate estimate(double[] reads, String where) {
		if (reads.length == 0) throw new IllegalArgumentException(where + ": no absorbance reads");
		double m = 0;
		for (double r : reads) {
			if (!Double.isFinite(r) || r < 0) throw new IllegalArgumentException(where + ": absorbance must be >= 0, got " +
				r);
			m += r;
		}
		m /= reads.length;
		Set<String> flags = new LinkedHashSet<>();
		double c = concentration(m);
		if (Double.isNaN(c) && m < coef[0]) {
			// Below the vertex of a convex quadratic: no concentration, certainly below detection.
			flags.add(FLAG_BELOW_LOQ);
			flags.add(FLAG_BELOW_LOD);
			return new Estimate(reads.length, m, Double.NaN, Double.NaN, tQuantile, flags);
		}
		if (!(c <= topMgPerL * (1 + 1e-12))) {
			flags.add(FLAG_DILUTE);
			return new Estimate(reads.length, m, Double.NaN, Double.NaN, tQuantile, flags);
		}
		double se;
		if (!quadratic) {
			double b = coef[1];
			se = syx / b * Math.sqrt(1.0 / reads.length + 1.0 / n + (m - aMean) * (m - aMean) / (b * b * sxx));
		}
		else {
			double[] g = { 1, c, c * c };
			double q = 0;
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
					q += g[i] * cov[i][j] * g[j];
			se = Math.sqrt(syx * syx / reads.length + q) / Math.abs(coef[1] + 2 * coef[2] * c);
		}
		if (!(c >= loqMgPerL())) flags.add(FLAG_BELOW_LOQ);
		if (!(c >= lodMgPerL())) flags.add(FLAG_BELOW_LOD);
		return new Estimate(reads.length, m, c, se, tQuantile, flags);
	}

	private static String join(Iterable<Double> v) {
		StringBuilder sb = new StringBuilder();
		for (double d : v)
			sb.append(sb.length() == 0 ? "" : ", ").append(fmt(d));
		return sb.toString();
	}

	static String fmt(double v) {
		return io.github.magratio.util.Csv.number(v, 6);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "AasStandardCurve[%s, a=%g, b=%g, d=%g, s_y/x=%g, R2=%g, n=%d]", quadratic
			? "quadratic" : "linear", coef[0], coef[1], coef[2], syx, r2, n);
	}
}
