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
	 * Frames whose apparent [Mg2+] rises faster than Mg2+ plausibly does: a rise from the previous valid frame of more
	 * than {@code maxRiseMillimolarPerSecond} (a likely Ca2+ transient). NaN frames are skipped.
	 *
	 * @param trace apparent [Mg2+] per frame, mM
	 * @param frameIntervalSeconds time between frames, s, &gt; 0
	 * @param maxRiseMillimolarPerSecond largest plausible rise rate, mM/s, &gt; 0
	 * @return one boolean per frame, true = suspect
	 */
	public static boolean[] fastRises(double[] trace, double frameIntervalSeconds, double maxRiseMillimolarPerSecond) {
		if (!(frameIntervalSeconds > 0)) throw new IllegalArgumentException("frame interval must be > 0 s, got " +
			frameIntervalSeconds);
		if (!(maxRiseMillimolarPerSecond > 0)) throw new IllegalArgumentException(
			"max rise rate must be > 0 mM/s, got " + maxRiseMillimolarPerSecond);
		boolean[] out = new boolean[trace.length];
		int prev = -1;
		for (int t = 0; t < trace.length; t++) {
			if (Double.isNaN(trace[t])) continue;
			if (prev >= 0 && (trace[t] - trace[prev]) / ((t - prev) * frameIntervalSeconds) > maxRiseMillimolarPerSecond)
				out[t] = true;
			prev = t;
		}
		return out;
	}
}
