package io.github.magratio.assay;

import java.util.ArrayList;
import java.util.List;

/** The shipped {@link NmrModel}s by name: {@code beta}, {@code iotti}, {@code alphabeta}, {@code threeshift}. */
public enum NmrMethod {
	/** {@link TwoStateBetaModel}. */
	BETA(TwoStateBetaModel.NAME, "two-state fast exchange, beta-ATP shift vs PCr, Kd,app (pH-corrected if pH known)"),
	/** {@link IottiClosedForm}. */
	IOTTI(IottiClosedForm.NAME, "Iotti empirical closed form from the beta-ATP shift vs PCr"),
	/** {@link AlphaBetaDifferenceModel}. */
	ALPHABETA(AlphaBetaDifferenceModel.NAME, "two-state model on the reference-free alpha-beta shift difference"),
	/** {@link ThreeShiftModel}. */
	THREESHIFT(ThreeShiftModel.NAME, "joint pH + pMg fit of alpha, beta, gamma shifts to a constants table");

	private final String key;
	private final String description;

	NmrMethod(String key, String description) {
		this.key = key;
		this.description = description;
	}

	/** @return the name used on the command line and in outputs */
	public String key() {
		return key;
	}

	/** @return a one-line description */
	public String description() {
		return description;
	}

	/**
	 * @param threeShiftTable the constants table for {@link #THREESHIFT}; ignored by the others; null means the
	 *          shipped placeholder table
	 * @return a model instance
	 */
	public NmrModel model(ThreeShiftConstants threeShiftTable) {
		switch (this) {
			case BETA:
				return new TwoStateBetaModel();
			case IOTTI:
				return new IottiClosedForm();
			case ALPHABETA:
				return new AlphaBetaDifferenceModel();
			default:
				return new ThreeShiftModel(threeShiftTable == null ? ThreeShiftConstants.placeholder() : threeShiftTable);
		}
	}

	/**
	 * @return the method named {@code key} (case-insensitive)
	 * @throws IllegalArgumentException listing the known names
	 */
	public static NmrMethod of(String key) {
		for (NmrMethod m : values())
			if (m.key.equalsIgnoreCase(key.trim())) return m;
		throw new IllegalArgumentException("unknown NMR method '" + key + "' (known: " + String.join(", ", keys()) +
			")");
	}

	/** @return every method name */
	public static List<String> keys() {
		List<String> out = new ArrayList<>();
		for (NmrMethod m : values())
			out.add(m.key);
		return out;
	}
}
