package io.github.magratio.assay;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Gupta two-state, fast-exchange model shared by {@link TwoStateBetaModel} and {@link AlphaBetaDifferenceModel}
 * (science.md section 3): {@code phi = (d - dMgATP) / (dATP - dMgATP)}, {@code [Mg] = Kd,app (1 - phi) / phi}.
 * Package-private.
 */
final class TwoState {

	private TwoState() {}

	/** Resolved pH: value, source, and the constant keys it used. */
	static final class Ph {
		final double value;
		final String source;

		Ph(double value, String source) {
			this.value = value;
			this.source = source;
		}
	}

	/** pH given, else from the Pi shift, else none; Pi outside its limits is bad input. */
	static Ph ph(NmrSpectrum s, NmrConstants c) {
		if (!Double.isNaN(s.ph())) return new Ph(s.ph(), NmrResult.PH_GIVEN);
		if (!Double.isNaN(s.piPpm())) return new Ph(c.phFromPi(s.piPpm()), NmrResult.PH_FROM_PI);
		return new Ph(Double.NaN, NmrResult.PH_NONE);
	}

	static double require(double v, String what) {
		if (Double.isNaN(v)) throw new IllegalArgumentException(what + " is required by this method but missing");
		return v;
	}

	static NmrResult solve(String method, NmrSpectrum s, NmrConstants c, double observedPpm, double observedSePpm,
		String shiftName, String freeKey, String mgAtpKey)
	{
		double free = c.asMap().get(freeKey), bound = c.asMap().get(mgAtpKey);
		Ph ph = ph(s, c);
		double[] kd = c.apparentKdMicromolar(ph.value);
		Map<String, Object> used = new LinkedHashMap<>();
		used.put(freeKey, free);
		used.put(mgAtpKey, bound);
		Set<String> keys = new LinkedHashSet<>();
		if (Double.isNaN(ph.value)) {
			keys.add(NmrConstants.KEY_KD);
			keys.add(NmrConstants.KEY_KD_SE);
		}
		else {
			keys.add(NmrConstants.KEY_KD0);
			keys.add(NmrConstants.KEY_KD0_SE);
			keys.add(NmrConstants.KEY_PKA_ATP);
			if (NmrResult.PH_FROM_PI.equals(ph.source)) {
				keys.add(NmrConstants.KEY_PI_PKA);
				keys.add(NmrConstants.KEY_PI_ACID);
				keys.add(NmrConstants.KEY_PI_BASE);
			}
		}
		keys.add(NmrConstants.KEY_MIN_FRACTION);
		keys.add(NmrConstants.KEY_MAX_FRACTION);
		for (String k : keys)
			used.put(k, c.asMap().get(k));
		used.put("kd_app_uM", kd[0]);
		used.put("kd_app_uM_se", kd[1]);
		Set<String> flags = new LinkedHashSet<>();
		String unverified = unverified(c, used.keySet());
		if (!unverified.isEmpty()) {
			used.put("unverified", unverified);
			flags.add(NmrResult.FLAG_UNVERIFIED_CONSTANTS);
		}
		double lo = Math.min(free, bound), hi = Math.max(free, bound);
		if (!(observedPpm > lo && observedPpm < hi)) {
			flags.add(NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS);
			return rejected(s, method, ph, kd[0], used, flags, String.format(Locale.ROOT,
				"%s %s ppm is outside the limiting shifts (%s ppm free ATP, %s ppm MgATP)", shiftName, fmt(observedPpm),
				fmt(free), fmt(bound)));
		}
		double phi = (observedPpm - bound) / (free - bound);
		if (phi < c.minFreeFraction() || phi > c.maxFreeFraction()) {
			boolean near0 = phi < c.minFreeFraction();
			flags.add(near0 ? NmrResult.FLAG_FRACTION_NEAR_0 : NmrResult.FLAG_FRACTION_NEAR_1);
			return new NmrResult(s.label(), method, Double.NaN, Double.NaN, Double.NaN, phi, ph.value, ph.source,
				kd[0], used, flags, String.format(Locale.ROOT,
					"%s %s ppm gives a free-ATP fraction of %.4f, outside the accepted (%s, %s): %s", shiftName, fmt(
						observedPpm), phi, fmt(c.minFreeFraction()), fmt(c.maxFreeFraction()), near0
							? "nearly all ATP is Mg-bound, so [Mg2+] is not determined"
							: "nearly no MgATP, so [Mg2+] is not determined"));
		}
		double mgMillimolar = mgMillimolar(observedPpm, free, bound, kd[0]);
		double a = mgMillimolar(observedPpm - Intervals.Z95 * observedSePpm, free, bound, kd[0]);
		double b = mgMillimolar(observedPpm + Intervals.Z95 * observedSePpm, free, bound, kd[0]);
		double[] ci = Intervals.logCombine(mgMillimolar, Math.min(a, b), Math.max(a, b), kd[1] / kd[0]);
		return new NmrResult(s.label(), method, mgMillimolar, ci[0], ci[1], phi, ph.value, ph.source, kd[0], used,
			flags, null);
	}

	/** [Mg] in mM at a shift; 0 beyond the free-ATP limit, +Infinity beyond the MgATP limit (monotone extension). */
	static double mgMillimolar(double shiftPpm, double free, double bound, double kdMicromolar) {
		double phi = (shiftPpm - bound) / (free - bound);
		if (phi >= 1) return 0;
		if (phi <= 0) return Double.POSITIVE_INFINITY;
		return kdMicromolar * (1 - phi) / phi / 1000;
	}

	static NmrResult rejected(NmrSpectrum s, String method, Ph ph, double kd, Map<String, Object> used,
		Set<String> flags, String message)
	{
		return new NmrResult(s.label(), method, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ph.value, ph.source, kd,
			used, flags, message);
	}

	static String unverified(NmrConstants c, Set<String> usedKeys) {
		StringBuilder sb = new StringBuilder();
		for (String k : c.unverifiedDefaultsInUse())
			if (usedKeys.contains(k)) sb.append(sb.length() == 0 ? "" : " ").append(k);
		return sb.toString();
	}

	/** Shortest round-trip decimal, for messages. */
	static String fmt(double v) {
		return io.github.magratio.util.Csv.number(v, 10);
	}
}
