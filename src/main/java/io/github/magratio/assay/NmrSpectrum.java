package io.github.magratio.assay;

/**
 * The measured quantities of one 31P spectrum. Shifts are in ppm relative to PCr = 0; NaN means "not measured".
 * Immutable; {@link #builder()} validates in {@link Builder#build()}.
 */
public final class NmrSpectrum {

	private final String label;
	private final double alphaPpm, betaPpm, gammaPpm, piPpm, ph, shiftSePpm, temperatureCelsius, ionicStrengthMolar;

	private NmrSpectrum(Builder b) {
		label = b.label;
		alphaPpm = b.alphaPpm;
		betaPpm = b.betaPpm;
		gammaPpm = b.gammaPpm;
		piPpm = b.piPpm;
		ph = b.ph;
		shiftSePpm = b.shiftSePpm;
		temperatureCelsius = b.temperatureCelsius;
		ionicStrengthMolar = b.ionicStrengthMolar;
	}

	/** @return a builder with every quantity unmeasured and a shift standard error of 0 ppm */
	public static Builder builder() {
		return new Builder();
	}

	/** @return the sample or spectrum label (never null) */
	public String label() {
		return label;
	}

	/** @return the alpha-ATP shift, ppm vs PCr, or NaN */
	public double alphaPpm() {
		return alphaPpm;
	}

	/** @return the beta-ATP shift, ppm vs PCr, or NaN */
	public double betaPpm() {
		return betaPpm;
	}

	/** @return the gamma-ATP shift, ppm vs PCr, or NaN */
	public double gammaPpm() {
		return gammaPpm;
	}

	/** @return the inorganic phosphate shift, ppm vs PCr, or NaN */
	public double piPpm() {
		return piPpm;
	}

	/** @return the pH measured otherwise (e.g. electrode), or NaN */
	public double ph() {
		return ph;
	}

	/** @return the standard error of each measured shift, ppm (0 = not given) */
	public double shiftSePpm() {
		return shiftSePpm;
	}

	/** @return the sample temperature, degrees C, or NaN */
	public double temperatureCelsius() {
		return temperatureCelsius;
	}

	/** @return the ionic strength, M, or NaN */
	public double ionicStrengthMolar() {
		return ionicStrengthMolar;
	}

	/** Builder of {@link NmrSpectrum}. */
	public static final class Builder {
		private String label = "";
		private double alphaPpm = Double.NaN, betaPpm = Double.NaN, gammaPpm = Double.NaN, piPpm = Double.NaN,
				ph = Double.NaN, shiftSePpm = 0, temperatureCelsius = Double.NaN, ionicStrengthMolar = Double.NaN;

		private Builder() {}

		/** Sample or spectrum label. */
		public Builder label(String v) {
			label = v == null ? "" : v;
			return this;
		}

		/** Alpha-ATP shift, ppm vs PCr. */
		public Builder alphaPpm(double v) {
			alphaPpm = v;
			return this;
		}

		/** Beta-ATP shift, ppm vs PCr. */
		public Builder betaPpm(double v) {
			betaPpm = v;
			return this;
		}

		/** Gamma-ATP shift, ppm vs PCr. */
		public Builder gammaPpm(double v) {
			gammaPpm = v;
			return this;
		}

		/** Inorganic phosphate shift, ppm vs PCr (gives the pH when no pH is given). */
		public Builder piPpm(double v) {
			piPpm = v;
			return this;
		}

		/** pH, when known from elsewhere; takes precedence over the Pi shift. */
		public Builder ph(double v) {
			ph = v;
			return this;
		}

		/** Standard error of each measured shift, ppm. */
		public Builder shiftSePpm(double v) {
			shiftSePpm = v;
			return this;
		}

		/** Sample temperature, degrees C. */
		public Builder temperatureCelsius(double v) {
			temperatureCelsius = v;
			return this;
		}

		/** Ionic strength, M. */
		public Builder ionicStrengthMolar(double v) {
			ionicStrengthMolar = v;
			return this;
		}

		/**
		 * @return the validated spectrum
		 * @throws IllegalArgumentException naming the quantity: infinite values, pH outside 0-14, negative standard
		 *           error or ionic strength
		 */
		public NmrSpectrum build() {
			notInfinite("alpha shift (ppm)", alphaPpm);
			notInfinite("beta shift (ppm)", betaPpm);
			notInfinite("gamma shift (ppm)", gammaPpm);
			notInfinite("Pi shift (ppm)", piPpm);
			if (!Double.isNaN(ph) && !(ph > 0 && ph < 14)) throw new IllegalArgumentException(
				"pH must be between 0 and 14, got " + ph);
			if (!(shiftSePpm >= 0) || Double.isInfinite(shiftSePpm)) throw new IllegalArgumentException(
				"shift standard error must be >= 0 ppm and finite, got " + shiftSePpm);
			if (!Double.isNaN(ionicStrengthMolar) && !(ionicStrengthMolar >= 0 && ionicStrengthMolar < 10))
				throw new IllegalArgumentException("ionic strength must be between 0 and 10 M, got " +
					ionicStrengthMolar);
			if (!Double.isNaN(temperatureCelsius) && !(temperatureCelsius > -20 && temperatureCelsius < 100))
				throw new IllegalArgumentException("temperature must be between -20 and 100 degrees C, got " +
					temperatureCelsius);
			return new NmrSpectrum(this);
		}

		private static void notInfinite(String name, double v) {
			if (Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be finite, got " + v);
		}
	}
}
