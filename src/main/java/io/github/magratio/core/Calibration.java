package io.github.magratio.core;

import java.util.Objects;

/**
 * In-situ calibration constants of a ratiometric indicator and the Grynkiewicz model that turns a background-corrected
 * ratio R = F340/F380 into a free ion concentration (Grynkiewicz, Poenie &amp; Tsien 1985, J Biol Chem 260:3440):
 *
 * <pre>
 * [Mg] = Kd * beta * (R - Rmin) / (Rmax - R)        beta = F380(ion-free) / F380(ion-saturated)
 * R    = (Rmin * K' + Rmax * [Mg]) / (K' + [Mg])     K' = Kd * beta
 * </pre>
 *
 * Immutable and thread-safe. Standard errors are optional (0 = unknown) and feed the 95 % interval of
 * {@link #concentrationInterval}. Values are validated on construction: {@code kd > 0}, {@code beta > 0},
 * {@code rmin >= 0} and {@code rmax > rmin}, every failure naming the key ({@code KEY_}) and the value.
 */
public final class Calibration {

	/** Key of {@link #kdMillimolar()} in settings and calibration files. */
	public static final String KEY_KD = "kd_mM";
	/** Key of {@link #rmin()}. */
	public static final String KEY_RMIN = "rmin";
	/** Key of {@link #rmax()}. */
	public static final String KEY_RMAX = "rmax";
	/** Key of {@link #beta()}. */
	public static final String KEY_BETA = "beta";
	/** Key of {@link #kdMillimolarSe()}. */
	public static final String KEY_KD_SE = "kd_mM_se";
	/** Key of {@link #rminSe()}. */
	public static final String KEY_RMIN_SE = "rmin_se";
	/** Key of {@link #rmaxSe()}. */
	public static final String KEY_RMAX_SE = "rmax_se";
	/** Key of {@link #betaSe()}. */
	public static final String KEY_BETA_SE = "beta_se";

	/** Mag-Fura-2's manufacturer Kd for Mg2+ in mM; the default when no Kd is given. */
	public static final double DEFAULT_KD_MILLIMOLAR = 1.9;

	private final double kdMillimolar;
	private final double rmin;
	private final double rmax;
	private final double beta;
	private final double kdMillimolarSe;
	private final double rminSe;
	private final double rmaxSe;
	private final double betaSe;

	/** Calibration without uncertainties. */
	public Calibration(double kdMillimolar, double rmin, double rmax, double beta) {
		this(kdMillimolar, rmin, rmax, beta, 0, 0, 0, 0);
	}

	/**
	 * Calibration with standard errors (same units as the values; 0 where unknown).
	 *
	 * @throws SettingsException with every invalid value, named by its key ({@code KEY_})
	 */
	public Calibration(double kdMillimolar, double rmin, double rmax, double beta, double kdMillimolarSe,
		double rminSe, double rmaxSe, double betaSe)
	{
		SettingsException.Collector p = new SettingsException.Collector();
		if (requireFinite(p, KEY_KD, kdMillimolar) && kdMillimolar <= 0) p.add(KEY_KD, "must be > 0 mM, got " +
			kdMillimolar);
		boolean finiteRmin = requireFinite(p, KEY_RMIN, rmin), finiteRmax = requireFinite(p, KEY_RMAX, rmax);
		if (requireFinite(p, KEY_BETA, beta) && beta <= 0) p.add(KEY_BETA,
			"must be > 0 (F380 free / F380 bound), got " + beta);
		if (finiteRmin && rmin < 0) p.add(KEY_RMIN, "must be >= 0, got " + rmin);
		// a limit between two keys is one problem, on rmax (checked against rmin)
		else if (finiteRmin && finiteRmax && rmax <= rmin) {
			if (rmax > 0 && rmin > rmax) p.add(KEY_RMAX, "must be greater than ", SettingsProblem.ref(KEY_RMIN), " (" +
				rmin + "), got " + rmax + " (are ", SettingsProblem.ref(KEY_RMIN), " and ", SettingsProblem.ref(KEY_RMAX),
				" swapped?)");
			else p.add(KEY_RMAX, "must be greater than ", SettingsProblem.ref(KEY_RMIN), " (" + rmin + "), got " + rmax);
		}
		requireSe(p, KEY_KD_SE, kdMillimolarSe);
		requireSe(p, KEY_RMIN_SE, rminSe);
		requireSe(p, KEY_RMAX_SE, rmaxSe);
		requireSe(p, KEY_BETA_SE, betaSe);
		p.throwIfAny();
		this.kdMillimolar = kdMillimolar;
		this.rmin = rmin;
		this.rmax = rmax;
		this.beta = beta;
		this.kdMillimolarSe = kdMillimolarSe;
		this.rminSe = rminSe;
		this.rmaxSe = rmaxSe;
		this.betaSe = betaSe;
	}

	/** @return true when {@code v} is finite, else records the problem */
	private static boolean requireFinite(SettingsException.Collector p, String key, double v) {
		if (!Double.isFinite(v)) p.add(key, "must be a finite number, got " + v);
		return Double.isFinite(v);
	}

	private static void requireSe(SettingsException.Collector p, String key, double v) {
		if (!(v >= 0) || Double.isInfinite(v)) p.add(key, "must be >= 0 and finite (a standard error), got " + v);
	}

	/** @return the dissociation constant Kd in mM */
	public double kdMillimolar() {
		return kdMillimolar;
	}

	/** @return the ratio of ion-free dye, Rmin (dimensionless) */
	public double rmin() {
		return rmin;
	}

	/** @return the ratio of ion-saturated dye, Rmax (dimensionless) */
	public double rmax() {
		return rmax;
	}

	/** @return beta = F380(free) / F380(bound) (dimensionless, &gt; 1 for Mag-Fura-2) */
	public double beta() {
		return beta;
	}

	/** @return standard error of Kd in mM, 0 if unknown */
	public double kdMillimolarSe() {
		return kdMillimolarSe;
	}

	/** @return standard error of Rmin, 0 if unknown */
	public double rminSe() {
		return rminSe;
	}

	/** @return standard error of Rmax, 0 if unknown */
	public double rmaxSe() {
		return rmaxSe;
	}

	/** @return standard error of beta, 0 if unknown */
	public double betaSe() {
		return betaSe;
	}

	/**
	 * @return K' = Kd * beta in mM, the concentration at which R = (Rmin + Rmax) / 2 (at R = (Rmax + beta * Rmin) /
	 *         (1 + beta) the concentration is Kd itself)
	 */
	public double effectiveKdMillimolar() {
		return kdMillimolar * beta;
	}

	/**
	 * Grynkiewicz: free concentration in mM for a ratio. Policy at the ends, so that no negative or infinite
	 * concentration is ever produced silently: {@code R <= Rmin} gives 0 (see {@link Range#BELOW_RMIN}),
	 * {@code R >= Rmax} and NaN give NaN (see {@link Range#ABOVE_RMAX}).
	 */
	public double concentration(double ratio) {
		if (Double.isNaN(ratio) || ratio >= rmax) return Double.NaN;
		if (ratio <= rmin) return 0;
		return kdMillimolar * beta * (ratio - rmin) / (rmax - ratio);
	}

	/** Inverse model: the ratio that a free concentration (mM, &gt;= 0) gives. */
	public double ratio(double concentrationMillimolar) {
		if (concentrationMillimolar < 0) throw new IllegalArgumentException("concentration must be >= 0 mM, got " +
			concentrationMillimolar);
		double k = effectiveKdMillimolar();
		return (rmin * k + rmax * concentrationMillimolar) / (k + concentrationMillimolar);
	}

	/** Where a ratio lies relative to the calibrated range. */
	public enum Range {
		/** Rmin &lt; R &lt; Rmax: a finite positive concentration. */
		INSIDE,
		/** R &lt;= Rmin: reported as 0 mM and flagged. */
		BELOW_RMIN,
		/** R &gt;= Rmax: reported as NaN and flagged. */
		ABOVE_RMAX,
		/** R is NaN: no valid ratio. */
		INVALID
	}

	/** @return where {@code ratio} lies relative to Rmin and Rmax */
	public Range range(double ratio) {
		if (Double.isNaN(ratio)) return Range.INVALID;
		if (ratio <= rmin) return Range.BELOW_RMIN;
		if (ratio >= rmax) return Range.ABOVE_RMAX;
		return Range.INSIDE;
	}

	/**
	 * First-order 95 % interval of the concentration from the ratio's own standard error and the calibration's
	 * standard errors (independent errors, science.md section 1):
	 * dX/dR = K'(Rmax-Rmin)/D^2, dX/dRmin = -K'/D, dX/dRmax = -K'(R-Rmin)/D^2, dX/dKd = X/Kd, dX/dbeta = X/beta, with
	 * D = Rmax - R. The lower end is clipped at 0.
	 *
	 * @return {lo, hi} in mM, or {NaN, NaN} outside (Rmin, Rmax)
	 */
	public double[] concentrationInterval(double ratio, double ratioSe) {
		double sd = concentrationSe(ratio, ratioSe);
		if (Double.isNaN(sd)) return new double[] { Double.NaN, Double.NaN };
		double x = concentration(ratio);
		return new double[] { Math.max(0, x - 1.959964 * sd), x + 1.959964 * sd };
	}

	/** @return the first-order standard error of the concentration in mM, NaN outside (Rmin, Rmax) */
	public double concentrationSe(double ratio, double ratioSe) {
		if (range(ratio) != Range.INSIDE) return Double.NaN;
		double k = effectiveKdMillimolar();
		double d = rmax - ratio;
		double x = concentration(ratio);
		double dR = k * (rmax - rmin) / (d * d) * ratioSe;
		double dRmin = -k / d * rminSe;
		double dRmax = -k * (ratio - rmin) / (d * d) * rmaxSe;
		double dKd = x / kdMillimolar * kdMillimolarSe;
		double dBeta = x / beta * betaSe;
		return Math.sqrt(dR * dR + dRmin * dRmin + dRmax * dRmax + dKd * dKd + dBeta * dBeta);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Calibration)) return false;
		Calibration c = (Calibration) o;
		return kdMillimolar == c.kdMillimolar && rmin == c.rmin && rmax == c.rmax && beta == c.beta &&
			kdMillimolarSe == c.kdMillimolarSe && rminSe == c.rminSe && rmaxSe == c.rmaxSe && betaSe == c.betaSe;
	}

	@Override
	public int hashCode() {
		return Objects.hash(kdMillimolar, rmin, rmax, beta, kdMillimolarSe, rminSe, rmaxSe, betaSe);
	}

	@Override
	public String toString() {
		return "Calibration[kd=" + kdMillimolar + " mM, rmin=" + rmin + ", rmax=" + rmax + ", beta=" + beta + "]";
	}
}
