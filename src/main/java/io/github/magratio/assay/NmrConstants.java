package io.github.magratio.assay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Constants of the 31P NMR free-Mg2+ models (science.md section 3). Immutable; {@link #builder()} starts from the
 * documented defaults and {@link Builder#build()} validates, each failure naming the key.
 * <p>
 * Several defaults are <b>not verified</b> against their primary sources (marked "unverified" below and listed by
 * {@link #unverifiedDefaultsInUse()}); every output records the constants used so a result can be recomputed when a
 * lab substitutes its own values. Shifts are in ppm relative to phosphocreatine (PCr = 0 ppm).
 */
public final class NmrConstants {

	/** Key of the beta-ATP shift of Mg-free ATP, ppm vs PCr. */
	public static final String KEY_BETA_FREE = "beta_free_ppm";
	/** Key of the beta-ATP shift of MgATP, ppm vs PCr. */
	public static final String KEY_BETA_MGATP = "beta_mgatp_ppm";
	/** Key of the alpha-beta shift difference of Mg-free ATP, ppm. */
	public static final String KEY_ALPHABETA_FREE = "alphabeta_free_ppm";
	/** Key of the alpha-beta shift difference of MgATP, ppm. */
	public static final String KEY_ALPHABETA_MGATP = "alphabeta_mgatp_ppm";
	/** Key of the apparent MgATP dissociation constant used when no pH is known, uM. */
	public static final String KEY_KD = "kd_uM";
	/** Key of the standard error of {@link #KEY_KD}, uM. */
	public static final String KEY_KD_SE = "kd_uM_se";
	/** Key of the proton-free MgATP dissociation constant Kd0 used when the pH is known, uM. */
	public static final String KEY_KD0 = "kd0_uM";
	/** Key of the standard error of {@link #KEY_KD0}, uM. */
	public static final String KEY_KD0_SE = "kd0_uM_se";
	/** Key of the pKa of HATP3- (proton competition for ATP4-). */
	public static final String KEY_PKA_ATP = "pka_atp";
	/** Key of the pKa of inorganic phosphate for pH from the Pi shift. */
	public static final String KEY_PI_PKA = "pi_pka";
	/** Key of the Pi shift of H2PO4- (acid limit), ppm vs PCr. */
	public static final String KEY_PI_ACID = "pi_acid_ppm";
	/** Key of the Pi shift of HPO4 2- (base limit), ppm vs PCr. */
	public static final String KEY_PI_BASE = "pi_base_ppm";
	/** Key of the smallest accepted free-ATP fraction. */
	public static final String KEY_MIN_FRACTION = "min_free_fraction";
	/** Key of the largest accepted free-ATP fraction. */
	public static final String KEY_MAX_FRACTION = "max_free_fraction";

	/** Beta-ATP shift of Mg-free ATP, ppm vs PCr (Iotti constants, science.md: checked against an implementation). */
	public static final double DEFAULT_BETA_FREE_PPM = -18.58;
	/** Beta-ATP shift of MgATP, ppm vs PCr (Iotti constants, science.md: checked against an implementation). */
	public static final double DEFAULT_BETA_MGATP_PPM = -15.74;
	/** Alpha-beta difference of Mg-free ATP, ppm (approximate, unverified; Halvorson et al. 1992 method). */
	public static final double DEFAULT_ALPHABETA_FREE_PPM = 10.8;
	/** Alpha-beta difference of MgATP, ppm (approximate, unverified). */
	public static final double DEFAULT_ALPHABETA_MGATP_PPM = 8.3;
	/** Apparent MgATP Kd, uM: the common in-vivo choice (unverified; 18-160 uM are reported depending on pH, I, T). */
	public static final double DEFAULT_KD_MICROMOLAR = 50;
	/**
	 * Proton-free MgATP Kd0, uM: formation constant ~55,000 /M at 37 C, pH 7.9-8.9, I 0.11 (values checked,
	 * attribution to Burton 1959 unverified). At pH &gt;= 7.9 the proton term is negligible, hence Kd0.
	 */
	public static final double DEFAULT_KD0_MICROMOLAR = 18;
	/** pKa of HATP3-: midpoint of the 6.5-6.7 range of science.md (unverified). */
	public static final double DEFAULT_PKA_ATP = 6.6;
	/** pKa of Pi for the Henderson-Hasselbalch pH (usual value, Moon &amp; Richards 1973; unverified here). */
	public static final double DEFAULT_PI_PKA = 6.75;
	/** Pi shift of the acid form, ppm vs PCr (usual value, Moon &amp; Richards 1973; unverified here). */
	public static final double DEFAULT_PI_ACID_PPM = 3.27;
	/** Pi shift of the base form, ppm vs PCr (usual value, Moon &amp; Richards 1973; unverified here). */
	public static final double DEFAULT_PI_BASE_PPM = 5.69;
	/** Smallest accepted free-ATP fraction (science.md: reject phi outside (0.02, 0.98)). */
	public static final double DEFAULT_MIN_FRACTION = 0.02;
	/** Largest accepted free-ATP fraction. */
	public static final double DEFAULT_MAX_FRACTION = 0.98;

	/** Keys whose defaults science.md marks as not verified against a primary source. */
	public static final Set<String> UNVERIFIED_KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(java.util.Arrays
		.asList(KEY_ALPHABETA_FREE, KEY_ALPHABETA_MGATP, KEY_KD, KEY_KD0, KEY_PKA_ATP, KEY_PI_PKA, KEY_PI_ACID,
			KEY_PI_BASE)));

	private final Map<String, Double> values;

	private NmrConstants(Map<String, Double> values) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/** @return the defaults of science.md section 3 */
	public static NmrConstants defaults() {
		return builder().build();
	}

	/** @return a builder holding the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder holding this object's values */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.values.putAll(values);
		return b;
	}

	/** @return beta-ATP shift of Mg-free ATP, ppm vs PCr */
	public double betaFreePpm() {
		return values.get(KEY_BETA_FREE);
	}

	/** @return beta-ATP shift of MgATP, ppm vs PCr */
	public double betaMgAtpPpm() {
		return values.get(KEY_BETA_MGATP);
	}

	/** @return alpha minus beta shift of Mg-free ATP, ppm */
	public double alphaBetaFreePpm() {
		return values.get(KEY_ALPHABETA_FREE);
	}

	/** @return alpha minus beta shift of MgATP, ppm */
	public double alphaBetaMgAtpPpm() {
		return values.get(KEY_ALPHABETA_MGATP);
	}

	/** @return apparent MgATP Kd used when no pH is known, uM */
	public double kdMicromolar() {
		return values.get(KEY_KD);
	}

	/** @return standard error of {@link #kdMicromolar()}, uM (0 = unknown) */
	public double kdMicromolarSe() {
		return values.get(KEY_KD_SE);
	}

	/** @return proton-free MgATP Kd0 used when the pH is known, uM */
	public double kd0Micromolar() {
		return values.get(KEY_KD0);
	}

	/** @return standard error of {@link #kd0Micromolar()}, uM (0 = unknown) */
	public double kd0MicromolarSe() {
		return values.get(KEY_KD0_SE);
	}

	/** @return pKa of HATP3- */
	public double pKaAtp() {
		return values.get(KEY_PKA_ATP);
	}

	/** @return pKa of inorganic phosphate */
	public double piPKa() {
		return values.get(KEY_PI_PKA);
	}

	/** @return Pi shift of the acid form H2PO4-, ppm vs PCr */
	public double piAcidPpm() {
		return values.get(KEY_PI_ACID);
	}

	/** @return Pi shift of the base form HPO4 2-, ppm vs PCr */
	public double piBasePpm() {
		return values.get(KEY_PI_BASE);
	}

	/** @return smallest accepted free-ATP fraction */
	public double minFreeFraction() {
		return values.get(KEY_MIN_FRACTION);
	}

	/** @return largest accepted free-ATP fraction */
	public double maxFreeFraction() {
		return values.get(KEY_MAX_FRACTION);
	}

	/**
	 * Apparent MgATP Kd at a pH: {@code Kd,app = Kd0 (1 + 10^(pKa - pH))} (protons compete for ATP4-; MgHATP is
	 * ignored, science.md section 3), or {@link #kdMicromolar()} when {@code ph} is NaN.
	 *
	 * @return {Kd,app, its standard error} in uM
	 */
	public double[] apparentKdMicromolar(double ph) {
		if (Double.isNaN(ph)) return new double[] { kdMicromolar(), kdMicromolarSe() };
		double factor = 1 + Math.pow(10, pKaAtp() - ph);
		return new double[] { kd0Micromolar() * factor, kd0MicromolarSe() * factor };
	}

	/**
	 * pH from the Pi shift by Henderson-Hasselbalch: {@code pH = pKa + log10((d - dAcid) / (dBase - d))}.
	 *
	 * @param piPpm Pi shift, ppm vs PCr
	 * @throws IllegalArgumentException when the shift is not strictly between the acid and base limits
	 */
	public double phFromPi(double piPpm) {
		double acid = piAcidPpm(), base = piBasePpm();
		if (!(piPpm > acid && piPpm < base)) throw new IllegalArgumentException("Pi shift " + piPpm +
			" ppm is outside the Henderson-Hasselbalch limits (" + acid + " ppm acid form, " + base +
			" ppm base form, vs PCr); is it referenced to PCr = 0?");
		return piPKa() + Math.log10((piPpm - acid) / (base - piPpm));
	}

	/** @return every constant by key, in a stable order */
	public Map<String, Double> asMap() {
		return values;
	}

	/** @return the unverified keys still at their default value: what a result must warn about */
	public Set<String> unverifiedDefaultsInUse() {
		Set<String> out = new LinkedHashSet<>();
		Map<String, Double> def = Builder.DEFAULTS;
		for (String k : UNVERIFIED_KEYS)
			if (values.get(k).equals(def.get(k))) out.add(k);
		return out;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof NmrConstants && values.equals(((NmrConstants) o).values);
	}

	@Override
	public int hashCode() {
		return Objects.hash(values);
	}

	@Override
	public String toString() {
		return "NmrConstants" + values;
	}

	/** Builder of {@link NmrConstants}; every setter takes the unit named in its name. */
	public static final class Builder {
		static final Map<String, Double> DEFAULTS;
		static {
			Map<String, Double> d = new LinkedHashMap<>();
			d.put(KEY_BETA_FREE, DEFAULT_BETA_FREE_PPM);
			d.put(KEY_BETA_MGATP, DEFAULT_BETA_MGATP_PPM);
			d.put(KEY_ALPHABETA_FREE, DEFAULT_ALPHABETA_FREE_PPM);
			d.put(KEY_ALPHABETA_MGATP, DEFAULT_ALPHABETA_MGATP_PPM);
			d.put(KEY_KD, DEFAULT_KD_MICROMOLAR);
			d.put(KEY_KD_SE, 0.0);
			d.put(KEY_KD0, DEFAULT_KD0_MICROMOLAR);
			d.put(KEY_KD0_SE, 0.0);
			d.put(KEY_PKA_ATP, DEFAULT_PKA_ATP);
			d.put(KEY_PI_PKA, DEFAULT_PI_PKA);
			d.put(KEY_PI_ACID, DEFAULT_PI_ACID_PPM);
			d.put(KEY_PI_BASE, DEFAULT_PI_BASE_PPM);
			d.put(KEY_MIN_FRACTION, DEFAULT_MIN_FRACTION);
			d.put(KEY_MAX_FRACTION, DEFAULT_MAX_FRACTION);
			DEFAULTS = Collections.unmodifiableMap(d);
		}

		private final Map<String, Double> values = new LinkedHashMap<>(DEFAULTS);

		private Builder() {}

		/**
		 * Sets a constant by key (as in {@link #asMap()}); unknown keys are rejected by name.
		 *
		 * @throws IllegalArgumentException for an unknown key
		 */
		public Builder set(String key, double value) {
			if (!DEFAULTS.containsKey(key)) throw new IllegalArgumentException("unknown NMR constant '" + key +
				"' (allowed: " + String.join(", ", DEFAULTS.keySet()) + ")");
			values.put(key, value);
			return this;
		}

		/** Beta-ATP shift of Mg-free ATP, ppm vs PCr. */
		public Builder betaFreePpm(double v) {
			return set(KEY_BETA_FREE, v);
		}

		/** Beta-ATP shift of MgATP, ppm vs PCr. */
		public Builder betaMgAtpPpm(double v) {
			return set(KEY_BETA_MGATP, v);
		}

		/** Alpha-beta difference of Mg-free ATP, ppm. */
		public Builder alphaBetaFreePpm(double v) {
			return set(KEY_ALPHABETA_FREE, v);
		}

		/** Alpha-beta difference of MgATP, ppm. */
		public Builder alphaBetaMgAtpPpm(double v) {
			return set(KEY_ALPHABETA_MGATP, v);
		}

		/** Apparent MgATP Kd used without pH, uM. */
		public Builder kdMicromolar(double v) {
			return set(KEY_KD, v);
		}

		/** Standard error of the apparent Kd, uM. */
		public Builder kdMicromolarSe(double v) {
			return set(KEY_KD_SE, v);
		}

		/** Proton-free Kd0 used with a pH, uM. */
		public Builder kd0Micromolar(double v) {
			return set(KEY_KD0, v);
		}

		/** Standard error of Kd0, uM. */
		public Builder kd0MicromolarSe(double v) {
			return set(KEY_KD0_SE, v);
		}

		/** pKa of HATP3-. */
		public Builder pKaAtp(double v) {
			return set(KEY_PKA_ATP, v);
		}

		/** pKa of Pi. */
		public Builder piPKa(double v) {
			return set(KEY_PI_PKA, v);
		}

		/** Pi acid-form shift, ppm vs PCr. */
		public Builder piAcidPpm(double v) {
			return set(KEY_PI_ACID, v);
		}

		/** Pi base-form shift, ppm vs PCr. */
		public Builder piBasePpm(double v) {
			return set(KEY_PI_BASE, v);
		}

		/** Accepted free-ATP fraction range (exclusive). */
		public Builder freeFractionRange(double min, double max) {
			set(KEY_MIN_FRACTION, min);
			return set(KEY_MAX_FRACTION, max);
		}

		/**
		 * @return the validated constants
		 * @throws IllegalArgumentException naming the key and value of the first problem
		 */
		public NmrConstants build() {
			for (Map.Entry<String, Double> e : values.entrySet())
				if (!Double.isFinite(e.getValue())) throw new IllegalArgumentException(e.getKey() +
					" must be a finite number, got " + e.getValue());
			positive(KEY_KD);
			positive(KEY_KD0);
			nonNegative(KEY_KD_SE);
			nonNegative(KEY_KD0_SE);
			if (values.get(KEY_BETA_FREE).equals(values.get(KEY_BETA_MGATP))) throw new IllegalArgumentException(
				KEY_BETA_FREE + " and " + KEY_BETA_MGATP + " must differ, both are " + values.get(KEY_BETA_FREE) +
					" ppm");
			if (values.get(KEY_ALPHABETA_FREE).equals(values.get(KEY_ALPHABETA_MGATP)))
				throw new IllegalArgumentException(KEY_ALPHABETA_FREE + " and " + KEY_ALPHABETA_MGATP +
					" must differ, both are " + values.get(KEY_ALPHABETA_FREE) + " ppm");
			if (!(values.get(KEY_PI_ACID) < values.get(KEY_PI_BASE))) throw new IllegalArgumentException(KEY_PI_ACID +
				" (" + values.get(KEY_PI_ACID) + " ppm) must be below " + KEY_PI_BASE + " (" + values.get(KEY_PI_BASE) +
				" ppm)");
			for (String k : new String[] { KEY_PKA_ATP, KEY_PI_PKA })
				if (values.get(k) <= 0 || values.get(k) >= 14) throw new IllegalArgumentException(k +
					" must be between 0 and 14, got " + values.get(k));
			double lo = values.get(KEY_MIN_FRACTION), hi = values.get(KEY_MAX_FRACTION);
			if (!(lo >= 0 && lo < hi && hi <= 1)) throw new IllegalArgumentException(KEY_MIN_FRACTION + " and " +
				KEY_MAX_FRACTION + " must satisfy 0 <= min < max <= 1, got " + lo + " and " + hi);
			return new NmrConstants(values);
		}

		private void positive(String k) {
			if (!(values.get(k) > 0)) throw new IllegalArgumentException(k + " must be > 0, got " + values.get(k));
		}

		private void nonNegative(String k) {
			if (!(values.get(k) >= 0)) throw new IllegalArgumentException(k + " (standard error) must be >= 0, got " +
				values.get(k));
		}
	}
}
