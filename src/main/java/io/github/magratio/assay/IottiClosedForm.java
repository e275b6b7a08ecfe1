package io.github.magratio.assay;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Empirical closed form for free [Mg2+] from the beta-ATP shift (attributed to Iotti et al. 1996, NMR Biomed 9:24,
 * attribution unverified; constants checked against a public implementation, science.md section 3):
 *
 * <pre>
 * pMg  = 4.24 - log10[ (d_beta + 18.58)^0.42 / (-15.74 - d_beta)^0.84 ]      d_beta in ppm vs PCr
 * [Mg] = 10^(-pMg) M,  valid only for -18.58 &lt; d_beta &lt; -15.74
 * </pre>
 *
 * The constants are part of the formula, not of {@link NmrConstants}; no Kd and no pH enter (a given pH is flagged
 * {@link NmrResult#FLAG_PH_NOT_USED}). The free-ATP fraction between the formula's limits is checked against the
 * accepted range as in the two-state model. The 95 % interval maps the shift's interval through the formula.
 * Stateless and thread-safe.
 */
public final class IottiClosedForm implements NmrModel {

	/** Method name. */
	public static final String NAME = "iotti";
	/** pMg offset of the closed form. */
	public static final double PMG_OFFSET = 4.24;
	/** Exponent of the free-ATP distance. */
	public static final double FREE_EXPONENT = 0.42;
	/** Exponent of the MgATP distance. */
	public static final double MGATP_EXPONENT = 0.84;
	/** Free-ATP limit of the formula, ppm vs PCr. */
	public static final double FREE_LIMIT_PPM = -18.58;
	/** MgATP limit of the formula, ppm vs PCr. */
	public static final double MGATP_LIMIT_PPM = -15.74;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> requiredColumns() {
		return Arrays.asList("beta_ppm");
	}

	/**
	 * @return pMg at a beta shift (ppm vs PCr); +Infinity at or below the free limit, -Infinity at or above the
	 *         MgATP limit
	 */
	public static double pMg(double betaPpm) {
		if (betaPpm <= FREE_LIMIT_PPM) return Double.POSITIVE_INFINITY;
		if (betaPpm >= MGATP_LIMIT_PPM) return Double.NEGATIVE_INFINITY;
		return PMG_OFFSET - Math.log10(Math.pow(betaPpm - FREE_LIMIT_PPM, FREE_EXPONENT) / Math.pow(MGATP_LIMIT_PPM -
			betaPpm, MGATP_EXPONENT));
	}

	/** @return free [Mg2+] in mM at a beta shift (ppm vs PCr); 0 / +Infinity beyond the limits */
	public static double freeMgMillimolar(double betaPpm) {
		return Math.pow(10, -pMg(betaPpm)) * 1000;
	}

	@Override
	public NmrResult compute(NmrSpectrum s, NmrConstants c) {
		double beta = TwoState.require(s.betaPpm(), "beta shift (ppm)");
		Map<String, Object> used = new LinkedHashMap<>();
		used.put("pmg_offset", PMG_OFFSET);
		used.put("free_exponent", FREE_EXPONENT);
		used.put("mgatp_exponent", MGATP_EXPONENT);
		used.put("free_limit_ppm", FREE_LIMIT_PPM);
		used.put("mgatp_limit_ppm", MGATP_LIMIT_PPM);
		used.put(NmrConstants.KEY_MIN_FRACTION, c.minFreeFraction());
		used.put(NmrConstants.KEY_MAX_FRACTION, c.maxFreeFraction());
		Set<String> flags = new LinkedHashSet<>();
		if (!Double.isNaN(s.ph()) || !Double.isNaN(s.piPpm())) flags.add(NmrResult.FLAG_PH_NOT_USED);
		TwoState.Ph none = new TwoState.Ph(Double.NaN, NmrResult.PH_NONE);
		if (!(beta > FREE_LIMIT_PPM && beta < MGATP_LIMIT_PPM)) {
			flags.add(NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS);
			return TwoState.rejected(s, NAME, none, Double.NaN, used, flags, String.format(Locale.ROOT,
				"beta shift %s ppm is outside the limiting shifts of the Iotti closed form (%s ppm free ATP, %s ppm " +
					"MgATP)", TwoState.fmt(beta), TwoState.fmt(FREE_LIMIT_PPM), TwoState.fmt(MGATP_LIMIT_PPM)));
		}
		double phi = (beta - MGATP_LIMIT_PPM) / (FREE_LIMIT_PPM - MGATP_LIMIT_PPM);
		if (phi < c.minFreeFraction() || phi > c.maxFreeFraction()) {
			flags.add(phi < c.minFreeFraction() ? NmrResult.FLAG_FRACTION_NEAR_0 : NmrResult.FLAG_FRACTION_NEAR_1);
			return new NmrResult(s.label(), NAME, Double.NaN, Double.NaN, Double.NaN, phi, Double.NaN,
				NmrResult.PH_NONE, Double.NaN, used, flags, String.format(Locale.ROOT,
					"beta shift %s ppm gives a free-ATP fraction of %.4f, outside the accepted (%s, %s)", TwoState.fmt(
						beta), phi, TwoState.fmt(c.minFreeFraction()), TwoState.fmt(c.maxFreeFraction())));
		}
		double mg = freeMgMillimolar(beta);
		double a = freeMgMillimolar(beta - Intervals.Z95 * s.shiftSePpm());
		double b = freeMgMillimolar(beta + Intervals.Z95 * s.shiftSePpm());
		double[] ci = Intervals.logCombine(mg, Math.min(a, b), Math.max(a, b), 0);
		return new NmrResult(s.label(), NAME, mg, ci[0], ci[1], phi, Double.NaN, NmrResult.PH_NONE, Double.NaN, used,
			flags, null);
	}
}
