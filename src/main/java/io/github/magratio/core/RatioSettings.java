package io.github.magratio.core;

/**
 * Immutable settings of the ratio step: which pixels give a valid ratio. A pixel (or a cell's mean) has no ratio when
 * either raw channel is at or above {@link #saturationCounts()} or its background-corrected 380 nm signal is below
 * {@link #minSignalSigma()} times the frame's background noise.
 */
public final class RatioSettings {

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
	 */
	public RatioSettings(double saturationCounts, double minSignalSigma, int measureInsetPx) {
		if (measureInsetPx < 0 || measureInsetPx > 10) throw new IllegalArgumentException(
			"measure_inset_px must be 0..10 px, got " + measureInsetPx);
		this.measureInsetPx = measureInsetPx;
		if (!(saturationCounts > 0) && !Double.isNaN(saturationCounts)) throw new IllegalArgumentException(
			"saturation must be > 0 counts, got " + saturationCounts);
		if (!(minSignalSigma >= 0) || Double.isInfinite(minSignalSigma)) throw new IllegalArgumentException(
			"min_signal_sigma must be >= 0 and finite, got " + minSignalSigma);
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
