package io.github.magratio.assay;

/**
 * Free over total Mg of the same sample (free from imaging or 31P NMR, total from AAS): the fraction left unbound,
 * whose complement is the buffered fraction. First-order propagation of independent errors:
 * {@code se(r) = r sqrt((se_f / f)^2 + (se_t / t)^2)}; 95 % interval {@code r +- 1.96 se}, lower end clipped at 0.
 * Immutable.
 */
public final class FreeTotal {

	private final double freeMillimolar, freeMillimolarSe, totalMillimolar, totalMillimolarSe;

	/**
	 * @throws IllegalArgumentException naming the value: free &lt; 0, total &lt;= 0, negative standard errors
	 */
	public FreeTotal(double freeMillimolar, double freeMillimolarSe, double totalMillimolar, double totalMillimolarSe) {
		if (!(freeMillimolar >= 0) || Double.isInfinite(freeMillimolar)) throw new IllegalArgumentException(
			"free [Mg] must be >= 0 mM, got " + freeMillimolar);
		if (!(totalMillimolar > 0) || Double.isInfinite(totalMillimolar)) throw new IllegalArgumentException(
			"total [Mg] must be > 0 mM, got " + totalMillimolar);
		if (!(freeMillimolarSe >= 0)) throw new IllegalArgumentException("free [Mg] standard error must be >= 0 mM, got " +
			freeMillimolarSe);
		if (!(totalMillimolarSe >= 0)) throw new IllegalArgumentException(
			"total [Mg] standard error must be >= 0 mM, got " + totalMillimolarSe);
		this.freeMillimolar = freeMillimolar;
		this.freeMillimolarSe = freeMillimolarSe;
		this.totalMillimolar = totalMillimolar;
		this.totalMillimolarSe = totalMillimolarSe;
	}

	/** @return a standard error from a symmetric-enough 95 % interval: (hi - lo) / (2 * 1.96) */
	public static double seFromInterval(double lo, double hi) {
		return (hi - lo) / (2 * Intervals.Z95);
	}

	/** @return free / total (dimensionless) */
	public double ratio() {
		return freeMillimolar / totalMillimolar;
	}

	/** @return standard error of the ratio */
	public double ratioSe() {
		double r = ratio();
		double a = freeMillimolar > 0 ? freeMillimolarSe / freeMillimolar : 0;
		double b = totalMillimolarSe / totalMillimolar;
		return freeMillimolar > 0 ? r * Math.sqrt(a * a + b * b) : freeMillimolarSe / totalMillimolar;
	}

	/** @return lower end of the 95 % interval of the ratio (&gt;= 0) */
	public double ratioLo() {
		return Math.max(0, ratio() - Intervals.Z95 * ratioSe());
	}

	/** @return upper end of the 95 % interval of the ratio */
	public double ratioHi() {
		return ratio() + Intervals.Z95 * ratioSe();
	}

	/** @return the bound (buffered) fraction 1 - free/total */
	public double boundFraction() {
		return 1 - ratio();
	}
}
