package io.github.magratio.assay;

import java.util.Arrays;
import java.util.List;

/**
 * Free [Mg2+] from the beta-ATP shift (vs PCr) with the Gupta two-state, fast-exchange model (Gupta, Benovic &amp;
 * Rose 1978; science.md section 3):
 *
 * <pre>
 * phi  = (d_beta - d_MgATP) / (d_ATP - d_MgATP)         free-ATP fraction
 * [Mg] = Kd,app (1 - phi) / phi                          Kd,app = Kd0 (1 + 10^(pKa - pH)) when the pH is known
 * </pre>
 *
 * The limiting shifts are {@link NmrConstants#betaFreePpm()} and {@link NmrConstants#betaMgAtpPpm()}. The 95 %
 * interval maps the shift's interval through the (monotone) model and adds Kd's relative error on the log scale.
 * Stateless and thread-safe.
 */
public final class TwoStateBetaModel implements NmrModel {

	/** Method name. */
	public static final String NAME = "beta";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> requiredColumns() {
		return Arrays.asList("beta_ppm");
	}

	@Override
	public NmrResult compute(NmrSpectrum s, NmrConstants c) {
		TwoState.require(s.betaPpm(), "beta shift (ppm)");
		return TwoState.solve(NAME, s, c, s.betaPpm(), s.shiftSePpm(), "beta shift", NmrConstants.KEY_BETA_FREE,
			NmrConstants.KEY_BETA_MGATP);
	}
}
