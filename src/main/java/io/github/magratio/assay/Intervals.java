package io.github.magratio.assay;

/** Interval arithmetic shared by the NMR models; package-private. */
final class Intervals {

	/** Two-sided 95 % normal quantile. */
	static final double Z95 = 1.959963984540054;

	private Intervals() {}

	/**
	 * Combines an interval of a positive quantity that comes from mapping a shift's 95 % interval through a monotone
	 * model (exact for a normally distributed shift) with a relative standard error of a multiplicative constant
	 * (first order, 95 %): the two half-widths are added in quadrature on the log scale, which keeps the lower end
	 * positive and the interval asymmetric as the model is. A 0 lower or infinite upper end from the shift survives.
	 *
	 * @return {lo, hi}
	 */
	static double[] logCombine(double value, double loFromShift, double hiFromShift, double relativeSe) {
		double k = Z95 * relativeSe;
		double dLo = Math.log(value / loFromShift);
		double dHi = Math.log(hiFromShift / value);
		return new double[] { value * Math.exp(-Math.sqrt(dLo * dLo + k * k)), value * Math.exp(Math.sqrt(dHi * dHi +
			k * k)) };
	}
}
