package io.github.magratio.assay;

/**
 * A way to turn the 31P shifts of one spectrum into free [Mg2+]. Implementations are stateless and thread-safe;
 * {@link NmrMethod} lists the shipped ones by name.
 */
public interface NmrModel {

	/** @return the short name used on the command line and in outputs, e.g. {@code beta} */
	String name();

	/** @return the spectrum quantities this model needs, as table column names (e.g. {@code beta_ppm}) */
	java.util.List<String> requiredColumns();

	/**
	 * Computes free [Mg2+]. A spectrum the model cannot interpret (shift outside its limits, fraction too close to 0
	 * or 1) gives a result with NaN concentration, flags and a message, not an exception.
	 *
	 * @throws IllegalArgumentException when a required shift is missing (NaN), naming it
	 */
	NmrResult compute(NmrSpectrum spectrum, NmrConstants constants);
}
