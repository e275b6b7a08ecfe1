package io.github.magratio.core;

/**
 * Immutable settings of the ratio step: which pixels give a valid ratio. A pixel (or a cell's mean) has no ratio when
 * either raw channel is at or above {@link #saturationCounts()} or its background-corrected 380 nm signal is below
 * {@link #minSignalSigma()} times the frame's background noise.
 */
public final class RatioSettings {

	/** Settings key of {@link #saturationCounts()} (null = the pixel type's maximum). */
	public static final String KEY_SATURATION = "saturation";
	/** Settings key of {@link #minSignalSigma()}. */
	public static final String KEY_MIN_SIGNAL_SIGMA = "min_signal_sigma";
	/** Settings key of {@link #measureInsetPx()}. */
	public static final String KEY_MEASURE_INSET_PX = "measure_inset_px";

	/** Default low-signal threshold, in background noise standard deviations. */
	public static final double DEFAULT_MIN_SIGNAL_SIGMA = 3;
	/** Default outer pixels of each cell left out of its means, px. */
	public static final int DEFAULT_MEASURE_INSET_PX = 1;

	private final double saturationCounts;
	private final double minSignalSigma;
	private final int measureInsetPx;

	/**
	 * @param saturationCounts raw value at or above which a pixel is saturated (camera counts); NaN = the largest value
	 *          of the input's pixel type (65535 for 16-bit, 255 for 8-bit, none for float)
	 * @param minSignalSigma low-signal threshold k (&gt;= 0), in noise standard deviations
	 */
	public RatioSettings(double saturationCounts, double minSignalSigma) {
		this(saturationCounts, minSignalSigma, DEFAULT_MEASURE_INSET_PX);
	}

	/**
	 * @param measureInsetPx outer pixels of each cell left out of its means (0 = every pixel), see
	 *          {@link Labels#inset}
	 * @throws SettingsException with every invalid parameter, named by its settings key ({@code KEY_})
	 */
	public RatioSettings(double saturationCounts, double minSignalSigma, int measureInsetPx) {
		SettingsException.Collector p = new SettingsException.Collector();
		if (measureInsetPx < 0 || measureInsetPx > 10) p.add(KEY_MEASURE_INSET_PX, "must be 0..10 px, got " +
			measureInsetPx);
		if (!(saturationCounts > 0) && !Double.isNaN(saturationCounts)) p.add(KEY_SATURATION, "must be > 0 counts, got " +
			saturationCounts);
		if (!(minSignalSigma >= 0) || Double.isInfinite(minSignalSigma)) p.add(KEY_MIN_SIGNAL_SIGMA,
			"must be >= 0 and finite, got " + minSignalSigma);
		p.throwIfAny();
		this.measureInsetPx = measureInsetPx;
		this.saturationCounts = saturationCounts;
		this.minSignalSigma = minSignalSigma;
	}

	/** @return defaults: saturation at the type's maximum, k = 3 */
	public static RatioSettings defaults() {
		return new RatioSettings(Double.NaN, DEFAULT_MIN_SIGNAL_SIGMA);
	}

	/** @return saturation level in counts, NaN for the pixel type's maximum */
	public double saturationCounts() {
		return saturationCounts;
	}

	/**
	 * @return outer pixels of each cell left out of its mean intensities and ratio, px: they mix in the neighbours' and
	 *         the background's light through the blur (a cell too small to keep half its pixels is measured whole)
	 */
	public int measureInsetPx() {
		return measureInsetPx;
	}

	/** @return low-signal threshold in background noise standard deviations */
	public double minSignalSigma() {
		return minSignalSigma;
	}
}
