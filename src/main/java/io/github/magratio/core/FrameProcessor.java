package io.github.magratio.core;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The per-frame kernel of MagRatio, used by the pipeline, calibration and the Fiji step commands: background of both
 * channels (fitted on sampled or masked pixels), then one fused pass over the frame that, row by row, evaluates the
 * background inline, corrects both channels, masks saturated, non-finite and low-signal pixels, writes ratio and
 * [Mg2+] (and, when asked, the corrected planes), and adds each cell's pixels to per-cell sums. Works on primitive
 * arrays ({@link PlaneRows}); holds a few rows of scratch and one frame of per-cell sums, so a frame allocates nothing
 * in steady state and memory does not grow with the recording. The static steps remain for the commands that take
 * their input from an earlier step (Ratio Image, Ratio to [Mg2+]).
 * <p>
 * Thread safety: not thread-safe; use one instance per thread. Frames are independent, so frames run in parallel
 * with one instance each, and give the same numbers whatever the thread that ran them.
 */
public final class FrameProcessor {

	private final Labels labels;
	private final BackgroundSettings background;
	private final RatioSettings ratioSettings;
	private final Calibration calibration;
	private final BackgroundEstimator estimator;
	private final CellMeasurer measurer;
	private final int width, height;
	private final float[] row340, row380;
	private final float[] bgRow340, bgRow380, cRow340, cRow380, rRow, mRow;
	/** A degree-2 surface's float coefficients of the current row, per channel. */
	private final float[] quadratic340 = new float[3], quadratic380 = new float[3];
	/** The 16-bit rows minus their background: the fastest exact loop this JVM runs. */
	private final Unsigned16Correction correction;

	/**
	 * @param calibration may be null: then only ratios are computed and [Mg2+] stays NaN
	 * @param roiMask the cell-free region for the ROI background method, else null
	 */
	public FrameProcessor(Labels labels, BackgroundSettings background, RatioSettings ratioSettings,
		Calibration calibration, boolean[] roiMask)
	{
		this.labels = labels;
		this.background = background;
		this.ratioSettings = ratioSettings;
		this.calibration = calibration;
		this.width = labels.width();
		this.height = labels.height();
		this.estimator = new BackgroundEstimator(background, labels, roiMask);
		this.measurer = new CellMeasurer(labels, ratioSettings.measureInsetPx());
		row340 = new float[width];
		row380 = new float[width];
		bgRow340 = new float[width];
		bgRow380 = new float[width];
		cRow340 = new float[width];
		cRow380 = new float[width];
		rRow = new float[width];
		mRow = new float[width];
		correction = Unsigned16Correction.best(width);
	}

	/**
	 * Processes one frame.
	 *
	 * @param frame 0-based frame index in {@code table}
	 * @param f340 raw 340 nm frame, same size as the labels (any min)
	 * @param f380 raw 380 nm frame
	 * @param ratioOut receives the 32-bit ratio image (NaN where invalid), row-major; may be null
	 * @param mgOut receives the [Mg2+] image in mM (NaN where invalid or at/above Rmax); may be null
	 * @param table receives the per-cell values of this frame
	 * @return the frame's background noise {sigma340, sigma380} in counts; NaN when the frame is blank (all zero or
	 *         NaN in a channel), whose cells are then flagged {@link CellFlag#BAD_FRAME}
	 */
	public <T extends RealType<T>> double[] process(int frame, RandomAccessibleInterval<T> f340,
		RandomAccessibleInterval<T> f380, float[] ratioOut, float[] mgOut, CellTable table)
	{
		return process(frame, f340, f380, null, null, ratioOut, mgOut, table);
	}

	/**
	 * Processes one frame, also writing the background-corrected planes.
	 *
	 * @param corrected340 receives {@code raw - background - autofluorescence (inside cells)} at 340 nm, NaN where
	 *          either raw channel is saturated, NaN or infinite (both planes NaN at the same pixels); may be null
	 * @param corrected380 the same at 380 nm; may be null
	 * @param table receives the per-cell values of this frame; may be null (no measurement)
	 * @return as {@link #process(int, RandomAccessibleInterval, RandomAccessibleInterval, float[], float[], CellTable)}
	 */
	public <T extends RealType<T>> double[] process(int frame, RandomAccessibleInterval<T> f340,
		RandomAccessibleInterval<T> f380, float[] corrected340, float[] corrected380, float[] ratioOut, float[] mgOut,
		CellTable table)
	{
		checkSize("340 nm", f340);
		checkSize("380 nm", f380);
		PlaneRows a = PlaneRows.of(f340), b = PlaneRows.of(f380);
		if (a.isBlank(row340) || b.isBlank(row380)) {
			for (float[] out : new float[][] { corrected340, corrected380, ratioOut, mgOut })
				if (out != null) Arrays.fill(out, Float.NaN);
			if (table != null) measurer.markBadFrame(frame, table);
			return new double[] { Double.NaN, Double.NaN };
		}
		// the 340 nm noise of a plain 16-bit plane gathered in the pass below, from rows it reads anyway (only the
		// 380 nm noise is needed before the pass, for the low-signal mask)
		short[] u340 = a.unsigned16();
		boolean noiseInPass = u340 != null && estimator.noiseByRows();
		double sigma340 = Double.NaN;
		if (noiseInPass) estimator.fit(a, false);
		else sigma340 = estimator.estimate(a, false);
		double sigma380 = estimator.estimate(b, true);
		int noisePairs = 0;
		double saturation = saturationLevel(ratioSettings, f340);
		double minSignal = minSignal(sigma380, ratioSettings.minSignalSigma());
		double af340 = background.autofluorescence340(), af380 = background.autofluorescence380();
		boolean autofluorescence = af340 != 0 || af380 != 0;
		boolean finite = a.integer() && b.integer();
		int[] lab = labels.array();
		boolean measure = table != null;
		if (measure) measurer.begin();
		float[] c3 = cRow340, c8 = cRow380, r = rRow;
		float kdBeta = calibration == null ? 0 : (float) (calibration.kdMillimolar() * calibration.beta());
		float rmin = calibration == null ? 0 : (float) calibration.rmin();
		float rmax = calibration == null ? 0 : (float) calibration.rmax();
		float minSignalF = floatAtLeast(minSignal), saturationF = floatAtLeast(saturation);
		// plain 16-bit planes (what recordings hold): the shorts read straight into the fused row loop, no float rows
		short[] s340 = autofluorescence ? null : a.unsigned16(), s380 = s340 == null ? null : b.unsigned16();
		// a degree-2 surface (the default) evaluated inside the 16-bit row loop where that loop is a vector one
		SurfaceFit fit340 = estimator.surface(false), fit380 = estimator.surface(true);
		boolean inline = s380 != null && fit340 != null && fit340.degree() == 2 && correction.fusesQuadratic();
		for (int y = 0; y < height; y++) {
			int row = y * width;
			if (noiseInPass) noisePairs = estimator.noiseRow(u340, y, noisePairs);
			if (inline) {
				fit340.rowCoefficients(y, quadratic340);
				fit380.rowCoefficients(y, quadratic380);
			}
			else {
				estimator.backgroundRow(false, y, bgRow340, 0);
				estimator.backgroundRow(true, y, bgRow380, 0);
			}
			if (s380 != null) {
				// the same float subtraction of the same (exact) values as the float rows below. The OR of the row's
				// pixels bounds its brightest pixel from above at half the cost of a running max; the exact max only
				// when the bound reaches saturation
				int bound = inline ? correction.correctRowQuadratic(s340, s380, row, quadratic340, quadratic380, fit340
					.xPower(1), fit340.xPower(2), c3, c8, width) : correction.correctRow(s340, s380, row, bgRow340,
						bgRow380, c3, c8, width);
				int brightest = 0;
				if (bound >= saturationF) for (int x = 0; x < width; x++)
					brightest = Math.max(brightest, Math.max(s340[row + x] & 0xffff, s380[row + x] & 0xffff));
				if (brightest >= saturationF) for (int x = 0; x < width; x++) {
					int v340 = s340[row + x] & 0xffff, v380 = s380[row + x] & 0xffff;
					if (v340 >= saturationF || v380 >= saturationF || c3[x] != c3[x]) {
						c3[x] = Float.NaN;
						c8[x] = Float.NaN;
					}
				}
				rowOutputs(r, c3, c8, row, minSignalF, corrected340, corrected380, ratioOut, mgOut, kdBeta, rmin, rmax);
				if (measure) measurer.addRowUnsigned16(y, s340, s380, c3, c8, saturation);
				continue;
			}
			a.row(y, row340);
			b.row(y, row380);
			// corrected planes: NaN where either raw channel is saturated, NaN or infinite, in both channels alike
			if (!autofluorescence) {
				// arithmetic first, masks after: loops without branches vectorise. One subtraction of floats: the float
				// difference is the double one rounded (see the ratio below).
				float brightest = 0;
				for (int x = 0; x < width; x++) {
					c3[x] = row340[x] - bgRow340[x];
					c8[x] = row380[x] - bgRow380[x];
				}
				for (int x = 0; x < width; x++)
					brightest = Math.max(brightest, Math.max(row340[x], row380[x]));
				// the per-pixel mask only on rows that need it: a saturated pixel in the row, or float pixels
				if (!finite || brightest >= saturationF) for (int x = 0; x < width; x++) {
					float v340 = row340[x], v380 = row380[x];
					if (v340 >= saturationF || v380 >= saturationF || !finite && (!Float.isFinite(v340) || !Float
						.isFinite(v380)) || c3[x] != c3[x])
					{
						c3[x] = Float.NaN;
						c8[x] = Float.NaN;
					}
				}
			}
			else for (int x = 0; x < width; x++) {
				double v340 = row340[x], v380 = row380[x];
				boolean inCell = lab[row + x] > 0;
				boolean invalid = !Double.isFinite(v340) || !Double.isFinite(v380) || v340 >= saturation ||
					v380 >= saturation;
				float c = invalid ? Float.NaN : (float) (v340 - bgRow340[x] - (inCell ? af340 : 0));
				c3[x] = c;
				c8[x] = c != c ? Float.NaN : (float) (v380 - bgRow380[x] - (inCell ? af380 : 0));
			}
			rowOutputs(r, c3, c8, row, minSignalF, corrected340, corrected380, ratioOut, mgOut, kdBeta, rmin, rmax);
			// runs of one cell along the row: its sums stay in registers over the run
			if (measure) measurer.addRow(row, row340, row380, c3, c8, 0, saturation, finite);
		}
		if (measure) measurer.end(frame, minSignal, calibration, table);
		if (noiseInPass) sigma340 = estimator.noiseOfRows(noisePairs);
		return new double[] { sigma340, sigma380 };
	}

	/** Ratio and [Mg2+] of one row from its corrected values, and every output plane's row written. */
	private void rowOutputs(float[] r, float[] c3, float[] c8, int row, float minSignalF, float[] corrected340,
		float[] corrected380, float[] ratioOut, float[] mgOut, float kdBeta, float rmin, float rmax)
	{
		ratioRow(c3, c8, minSignalF, r, width);
		if (corrected340 != null) System.arraycopy(c3, 0, corrected340, row, width);
		if (corrected380 != null) System.arraycopy(c8, 0, corrected380, row, width);
		if (ratioOut != null) System.arraycopy(r, 0, ratioOut, row, width);
		if (mgOut != null) {
			if (calibration == null) Arrays.fill(mgOut, row, row + width, Float.NaN);
			else {
				concentrationRow(r, mRow, width, kdBeta, rmin, rmax);
				System.arraycopy(mRow, 0, mgOut, row, width);
			}
		}
	}

	/** @return which loop corrects plain 16-bit rows on this JVM (for benchmarks): the Vector API or a scalar one */
	public static String unsigned16RowLoop() {
		return Unsigned16Correction.best(0).name();
	}

	/** @return the saturation level in counts: the setting, or the largest value of the frame's pixel type */
	public static <T extends RealType<T>> double saturationLevel(RatioSettings settings,
		RandomAccessibleInterval<T> frame)
	{
		return Double.isNaN(settings.saturationCounts()) ? frame.getType().getMaxValue() : settings.saturationCounts();
	}

	/**
	 * @param sigma380 the frame's 380 nm background noise, counts
	 * @param k threshold in noise standard deviations
	 * @return the smallest corrected F380 that gives a ratio; a noise-free frame (sigma 0) still needs a positive one
	 */
	public static double minSignal(double sigma380, double k) {
		return Math.max(k * sigma380, 1e-6);
	}

	/** The ratio image: {@code c340 / c380} where {@code c380 >= minSignal}, else NaN (what {@link #process} writes). */
	public static void ratio(float[] c340, float[] c380, double minSignal, float[] out) {
		ratioRow(c340, c380, floatAtLeast(minSignal), out, out.length);
	}

	/** The [Mg2+] image in mM from a ratio image (all NaN without a calibration), what {@link #process} writes. */
	public static void concentration(float[] ratio, Calibration calibration, float[] out) {
		if (calibration == null) Arrays.fill(out, Float.NaN);
		else concentrationRow(ratio, out, out.length, (float) (calibration.kdMillimolar() * calibration.beta()),
			(float) calibration.rmin(), (float) calibration.rmax());
	}

	/** @return the smallest float {@code >= v}: for a float {@code c}, {@code c >= it} exactly when {@code c >= v} */
	static float floatAtLeast(double v) {
		float f = (float) v;
		return f < v ? Math.nextUp(f) : f;
	}

	/**
	 * {@code out[x] = c340[x] / c380[x]} for x in 0..n-1, NaN where {@code !(c380[x] >= minSignal)}. A float
	 * quotient of floats is the double quotient rounded to float (double rounding is exact for division when the wider
	 * format has at least 2p + 2 bits): the same ratios as in double, in the faster unit. The mask without a branch
	 * (a branch per pixel on noise is mispredicted half the time in the background): {@link #nanBelowZero} of
	 * {@code c380 - min}, which is negative exactly when {@code c380 < min} (the float difference of two floats is
	 * negative exactly when the first is smaller) and NaN when c380 is; the loop vectorises.
	 */
	static void ratioRow(float[] c340, float[] c380, float minSignal, float[] out, int n) {
		// every array at the same index: the JIT vectorises only loops whose stores cannot overlap their loads
		for (int x = 0; x < n; x++)
			out[x] = c340[x] / c380[x] + nanBelowZero(c380[x] - minSignal);
	}

	/**
	 * {@link Calibration#concentration} over {@code ratio[0..n-1]} into {@code out[0..n-1]}, in float and
	 * without branches: {@code q = kdBeta (R - Rmin) / (Rmax - R)}; {@code max(0, q)} gives 0 at or below Rmin;
	 * {@code q - q} is NaN where q is infinite (R = Rmax) and {@link #nanBelowZero}{@code (Rmax - R)} NaN above Rmax, so
	 * at or above Rmax the value is NaN, never a negative or infinite concentration. Float is ample for an image of
	 * concentrations (7 digits; the per-cell values are computed in double from the sums).
	 */
	static void concentrationRow(float[] ratio, float[] out, int n, float kdBeta, float rmin, float rmax) {
		for (int x = 0; x < n; x++) {
			float v = ratio[x], d = rmax - v, q = kdBeta * (v - rmin) / d;
			out[x] = Math.max(0f, q) + (q - q) + nanBelowZero(d);
		}
	}

	/**
	 * @return +0 where {@code t >= 0}, NaN where {@code t < 0} or t is NaN, without a branch or a square root (what
	 *         {@code 0 * sqrt(t)} gave, at a few multiplications instead of the slowest vector instruction):
	 *         {@code min(t, 0)} is +0 for t &gt;= 0 and at most -2^-149 for t &lt; 0, which 2^381 (three factors of
	 *         2^127) takes past the float range to -infinity, and {@code u - u} is +0 for 0 and NaN for infinity or NaN.
	 *         A NaN t passes through unchanged (not through {@code Math.abs}, which would clear its sign), so the NaNs
	 *         written are those the square root gave, to the bit, whatever the order the JIT adds them in
	 */
	static float nanBelowZero(float t) {
		float u = Math.min(t, 0f) * 0x1p127f * 0x1p127f * 0x1p127f;
		return u - u;
	}

	private void checkSize(String what, RandomAccessibleInterval<?> frame) {
		if (frame.numDimensions() != 2 || frame.dimension(0) != width || frame.dimension(1) != height)
			throw new IllegalArgumentException(what + " frame is " + Arrays.toString(frame.dimensionsAsLongArray()) +
				", expected " + width + "x" + height + " like the label image");
	}

	/** @return true when every pixel is 0 or NaN */
	public static <T extends RealType<T>> boolean isBlank(RandomAccessibleInterval<T> frame) {
		return PlaneRows.of(frame).isBlank(new float[(int) frame.dimension(0)]);
	}
}
