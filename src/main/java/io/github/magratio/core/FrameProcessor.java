package io.github.magratio.core;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The per-frame path of the pipeline: background of both channels, background-corrected planes, ratio and [Mg2+]
 * images, and per-cell values. Each step is also a static method that the Fiji commands call one by one, so a chain of
 * commands computes exactly what the pipeline does. Holds a few planes of scratch buffers, so memory is a few frames
 * whatever the recording's length. Not thread-safe: one instance per thread; frames are independent.
 */
public final class FrameProcessor {

	private final Labels labels;
	private final BackgroundSettings background;
	private final RatioSettings ratioSettings;
	private final Calibration calibration;
	private final BackgroundEstimator estimator;
	private final CellMeasurer measurer;
	private final int width, height;
	private final float[] bg340, bg380, c340, c380;

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
		bg340 = new float[width * height];
		bg380 = new float[width * height];
		c340 = new float[width * height];
		c380 = new float[width * height];
	}

	/** @return the background estimator (for its pixel masks) */
	public BackgroundEstimator estimator() {
		return estimator;
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
		checkSize("340 nm", f340);
		checkSize("380 nm", f380);
		if (isBlank(f340) || isBlank(f380)) {
			if (ratioOut != null) Arrays.fill(ratioOut, Float.NaN);
			if (mgOut != null) Arrays.fill(mgOut, Float.NaN);
			measurer.markBadFrame(frame, table);
			return new double[] { Double.NaN, Double.NaN };
		}
		double sigma340 = estimator.estimate(f340, false, bg340);
		double sigma380 = estimator.estimate(f380, true, bg380);
		double saturation = saturationLevel(ratioSettings, f340);
		correct(f340, f380, labels.array(), bg340, bg380, background, saturation, c340, c380);
		double minSignal = minSignal(sigma380, ratioSettings.minSignalSigma());
		float[] ratio = ratioOut != null ? ratioOut : new float[width * height];
		ratio(c340, c380, minSignal, ratio);
		measurer.measure(frame, f340, f380, c340, c380, saturation, minSignal, calibration, table);
		if (mgOut != null) concentration(ratio, calibration, mgOut);
		return new double[] { sigma340, sigma380 };
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

	/**
	 * Background-corrected planes: {@code raw - background - autofluorescence (inside cells) }, NaN where either raw
	 * channel is saturated, NaN or infinite (so both planes are NaN at the same pixels).
	 *
	 * @param labels row-major cell ids (autofluorescence is subtracted where &gt; 0)
	 * @param bg340 background to subtract at 340 nm, camera offset included (row-major)
	 * @param c340 receives the corrected 340 nm plane
	 */
	public static <T extends RealType<T>> void correct(RandomAccessibleInterval<T> f340,
		RandomAccessibleInterval<T> f380, int[] labels, float[] bg340, float[] bg380, BackgroundSettings settings,
		double saturationCounts, float[] c340, float[] c380)
	{
		long w = f340.dimension(0), h = f340.dimension(1);
		double af340 = settings.autofluorescence340(), af380 = settings.autofluorescence380();
		RandomAccessibleInterval<net.imglib2.type.numeric.integer.IntType> lab = ArrayImgs.ints(labels, w, h);
		LoopBuilder.setImages(Views.zeroMin(f340), Views.zeroMin(f380), lab, ArrayImgs.floats(bg340, w, h), ArrayImgs
			.floats(c340, w, h)).forEachPixel((a, b, l, g, c) -> {
				double v340 = a.getRealDouble(), v380 = b.getRealDouble();
				boolean invalid = !Double.isFinite(v340) || !Double.isFinite(v380) || v340 >= saturationCounts ||
					v380 >= saturationCounts;
				c.setReal(invalid ? Float.NaN : v340 - g.getRealDouble() - (l.getInteger() > 0 ? af340 : 0));
			});
		LoopBuilder.setImages(Views.zeroMin(f380), lab, ArrayImgs.floats(bg380, w, h), ArrayImgs.floats(c340, w, h),
			ArrayImgs.floats(c380, w, h)).forEachPixel((b, l, g, c3, c) -> {
				double v380 = b.getRealDouble();
				c.setReal(Float.isNaN(c3.get()) ? Float.NaN : v380 - g.getRealDouble() - (l.getInteger() > 0 ? af380 : 0));
			});
	}

	/** The ratio image: {@code c340 / c380} where {@code c380 >= minSignal}, else NaN. */
	public static void ratio(float[] c340, float[] c380, double minSignal, float[] out) {
		for (int p = 0; p < out.length; p++)
			out[p] = c380[p] >= minSignal ? (float) (c340[p] / (double) c380[p]) : Float.NaN;
	}

	/** The [Mg2+] image in mM from a ratio image (all NaN without a calibration). */
	public static void concentration(float[] ratio, Calibration calibration, float[] out) {
		for (int p = 0; p < out.length; p++)
			out[p] = calibration == null ? Float.NaN : (float) calibration.concentration(ratio[p]);
	}

	private void checkSize(String what, RandomAccessibleInterval<?> frame) {
		if (frame.numDimensions() != 2 || frame.dimension(0) != width || frame.dimension(1) != height)
			throw new IllegalArgumentException(what + " frame is " + Arrays.toString(frame.dimensionsAsLongArray()) +
				", expected " + width + "x" + height + " like the label image");
	}

	/** @return true when every pixel is 0 or NaN */
	public static <T extends RealType<T>> boolean isBlank(RandomAccessibleInterval<T> frame) {
		for (T t : Views.flatIterable(frame)) {
			double v = t.getRealDouble();
			if (v != 0 && !Double.isNaN(v)) return false;
		}
		return true;
	}
}
