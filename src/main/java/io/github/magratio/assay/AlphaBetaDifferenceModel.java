package io.github.magratio.assay;

import java.util.Arrays;
import java.util.List;

/**
 * Reference-free variant of the two-state model (Halvorson et al. 1992, NMR Biomed 5:53): the observed quantity is
 * {@code d_alpha - d_beta}, which needs no PCr reference, between the limits {@link NmrConstants#alphaBetaFreePpm()}
 * and {@link NmrConstants#alphaBetaMgAtpPpm()} (defaults 10.8 / 8.3 ppm, <b>approximate and unverified</b>: enter
 * your own). The difference's standard error is {@code sqrt(2)} times the shift standard error (independent
 * shifts). Stateless and thread-safe.
 */
public final class AlphaBetaDifferenceModel implements NmrModel {

	/** Method name. */
	public static final String NAME = "alphabeta";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> requiredColumns() {
		return Arrays.asList("alpha_ppm", "beta_ppm");
	}

	@Override
	public NmrResult compute(NmrSpectrum s, NmrConstants c) {
		TwoState.require(s.alphaPpm(), "alpha shift (ppm)");
		TwoState.require(s.betaPpm(), "beta shift (ppm)");
		return TwoState.solve(NAME, s, c, s.alphaPpm() - s.betaPpm(), Math.sqrt(2) * s.shiftSePpm(),
			"alpha-beta shift difference", NmrConstants.KEY_ALPHABETA_FREE, NmrConstants.KEY_ALPHABETA_MGATP);
	}
}
