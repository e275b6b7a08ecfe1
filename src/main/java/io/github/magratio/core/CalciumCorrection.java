package io.github.magratio.core;

/**
 * Ca2+ interference on Mag-Fura-2 (science.md section 2). Assuming one shared bound spectrum and competitive 1:1
 * binding, the apparent [Mg2+] from the Grynkiewicz equation is X_app = [Mg] + [Ca] * Kd,Mg / Kd,Ca, so
 * [Mg] = X_app - [Ca] * Kd,Mg / Kd,Ca (with 1.9 mM and 25 uM, 1 uM Ca2+ adds 0.076 mM). Stateless and thread-safe.
 */
public final class CalciumCorrection {

	/** Default Kd of Mag-Fura-2 for Ca2+, uM (science.md, unverified). */
	public static final double DEFAULT_KD_CA_MICROMOLAR = 25;

	private CalciumCorrection() {}

	/**
	 * @param apparentMillimolar apparent [Mg2+] in mM (NaN stays NaN)
	 * @param caMicromolar free [Ca2+] in uM, &gt;= 0
	 * @param kdMgMillimolar Kd for Mg2+ in mM, &gt; 0
	 * @param kdCaMicromolar Kd for Ca2+ in uM, &gt; 0
	 * @return the corrected [Mg2+] in mM; may be negative when the Ca2+ term exceeds the apparent value (not clipped,
	 *         so the caller can flag it)
	 * @throws IllegalArgumentException for a negative [Ca2+] or non-positive Kd, naming the value and unit
	 */
	public static double correctedMillimolar(double apparentMillimolar, double caMicromolar, double kdMgMillimolar,
		double kdCaMicromolar)
	{
		if (!(caMicromolar >= 0)) throw new IllegalArgumentException("[Ca2+] must be >= 0 uM, got " + caMicromolar);
		if (!(kdMgMillimolar > 0)) throw new IllegalArgumentException("Kd(Mg2+) must be > 0 mM, got " +
			kdMgMillimolar);
		if (!(kdCaMicromolar > 0)) throw new IllegalArgumentException("Kd(Ca2+) must be > 0 uM, got " +
			kdCaMicromolar);
		return apparentMillimolar - caMicromolar * kdMgMillimolar / kdCaMicromolar;
	}

	/**
	 * Frames whose apparent [Mg2+] rises faster than Mg2+ plausibly does (a likely Ca2+ transient), ignoring rises
	 * within the measurement noise; NaN frames are skipped. A frame is suspect only when its rise from the previous
	 * valid frame is faster than {@code maxRiseMillimolarPerSecond} and also larger than {@code minSignificance * sqrt(se[prev]^2 + se[t]^2)}. Without this, noise alone exceeds a rate
	 * threshold at short frame intervals (a noise SD of 0.02 mM per frame every 0.1 s is 0.28 mM/s between frames).
	 *
	 * @param trace apparent [Mg2+] per frame, mM (NaN frames are skipped)
	 * @param noiseSe standard error of each frame's value from measurement noise alone, mM (NaN = 0); null = none
	 * @param frameIntervalSeconds time between frames, s, &gt; 0
	 * @param maxRiseMillimolarPerSecond largest plausible rise rate, mM/s, &gt; 0
	 * @param minSignificance rises up to this many combined standard errors are noise, &gt;= 0 (e.g. 3)
	 * @return one boolean per frame, true = suspect
	 * @throws IllegalArgumentException for a non-positive interval or rate, a negative significance, or a noise
	 *           array of another length than the trace
	 */
	public static boolean[] fastRises(double[] trace, double[] noiseSe, double frameIntervalSeconds,
		double maxRiseMillimolarPerSecond, double minSignificance)
	{
		if (!(frameIntervalSeconds > 0)) throw new IllegalArgumentException("frame interval must be > 0 s, got " +
			frameIntervalSeconds);
		if (!(maxRiseMillimolarPerSecond > 0)) throw new IllegalArgumentException(
			"max rise rate must be > 0 mM/s, got " + maxRiseMillimolarPerSecond);
		if (!(minSignificance >= 0)) throw new IllegalArgumentException("significance must be >= 0 SEs, got " +
			minSignificance);
		if (noiseSe != null && noiseSe.length != trace.length) throw new IllegalArgumentException("noise has " +
			noiseSe.length + " frames but the trace " + trace.length);
		boolean[] out = new boolean[trace.length];
		int prev = -1;
		for (int t = 0; t < trace.length; t++) {
			if (Double.isNaN(trace[t])) continue;
			if (prev >= 0) {
				double rise = trace[t] - trace[prev];
				out[t] = rise / ((t - prev) * frameIntervalSeconds) > maxRiseMillimolarPerSecond &&
					rise > minSignificance * Math.hypot(se(noiseSe, prev), se(noiseSe, t));
			}
			prev = t;
		}
		return out;
	}

	private static double se(double[] noiseSe, int t) {
		return noiseSe == null || Double.isNaN(noiseSe[t]) ? 0 : noiseSe[t];
	}
}
