package io.github.magratio.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The per-frame hot path: background of both channels, ratio and [Mg2+] images, and per-cell means, in one
 * {@link LoopBuilder} pass over the raw frame. Holds one frame of scratch buffers, so memory is a few planes whatever
 * the recording's length. Not thread-safe: one instance per thread; different frames are independent.
 */
public final class FrameProcessor {

	private final Labels labels;
	private final BackgroundSettings background;
	private final RatioSettings ratioSettings;
	private final Calibration calibration;
	private final BackgroundEstimator estimator;
	private final int width, height;
	private final float[] bg340, bg380;
	private final RandomAccessibleInterval<IntType> labelImg;
	private final RandomAccessibleInterval<FloatType> bg340Img, bg380Img;
	private final int n;
	// per-cell accumulators of the current frame
	private final long[] count, sat;
	private final double[] s340, s380, sb340, sb380, sw, swr, sw2, sw2r, sw2r2;

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
		bg340 = new float[width * height];
		bg380 = new float[width * height];
		labelImg = ArrayImgs.ints(labels.array(), width, height);
		bg340Img = ArrayImgs.floats(bg340, width, height);
		bg380Img = ArrayImgs.floats(bg380, width, height);
		n = labels.count() + 1;
		count = new long[n];
		sat = new long[n];
		s340 = new double[n];
		s380 = new double[n];
		sb340 = new double[n];
		sb380 = new double[n];
		sw = new double[n];
		swr = new double[n];
		sw2 = new double[n];
		sw2r = new double[n];
		sw2r2 = new double[n];
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
			if (ratioOut != null) java.util.Arrays.fill(ratioOut, Float.NaN);
			if (mgOut != null) java.util.Arrays.fill(mgOut, Float.NaN);
			for (int id = 1; id < n; id++)
				table.flags[table.index(id, frame)] |= CellFlag.BAD_FRAME.bit();
			return new double[] { Double.NaN, Double.NaN };
		}
		double sigma340 = estimator.estimate(f340, false, bg340);
		double sigma380 = estimator.estimate(f380, true, bg380);
		double satLevel = Double.isNaN(ratioSettings.saturationCounts()) ? f340.getType().getMaxValue()
			: ratioSettings.saturationCounts();
		// a noise-free image has sigma 0: still require a positive denominator
		double minSignal = Math.max(ratioSettings.minSignalSigma() * sigma380, 1e-6);
		double af340 = background.autofluorescence340(), af380 = background.autofluorescence380();
		java.util.Arrays.fill(count, 0);
		java.util.Arrays.fill(sat, 0);
		for (double[] a : new double[][] { s340, s380, sb340, sb380, sw, swr, sw2, sw2r, sw2r2 })
			java.util.Arrays.fill(a, 0);
		float[] ratioPlane = ratioOut != null ? ratioOut : new float[width * height];
		RandomAccessibleInterval<FloatType> ratioImg = ArrayImgs.floats(ratioPlane, width, height);
		LoopBuilder.setImages(Views.zeroMin(f340), Views.zeroMin(f380), labelImg, bg340Img, bg380Img, ratioImg)
			.forEachPixel((a, b, lab, g340, g380, r) -> {
				double v340 = a.getRealDouble(), v380 = b.getRealDouble();
				int l = lab.getInteger();
				boolean saturated = v340 >= satLevel || v380 >= satLevel;
				double c340 = v340 - g340.getRealDouble() - (l > 0 ? af340 : 0);
				double c380 = v380 - g380.getRealDouble() - (l > 0 ? af380 : 0);
				float ratio = !saturated && c380 >= minSignal ? (float) (c340 / c380) : Float.NaN;
				r.setReal(ratio);
				if (l == 0) return;
				if (saturated) {
					sat[l]++;
					return;
				}
				if (Double.isNaN(v340) || Double.isNaN(v380)) return;
				count[l]++;
				s340[l] += v340;
				s380[l] += v380;
				sb340[l] += g340.getRealDouble();
				sb380[l] += g380.getRealDouble();
				if (!Float.isNaN(ratio)) {
					double w = c380, wr = w * ratio;
					sw[l] += w;
					swr[l] += wr;
					sw2[l] += w * w;
					sw2r[l] += w * wr;
					sw2r2[l] += wr * wr;
				}
			});
		if (mgOut != null) {
			for (int p = 0; p < ratioPlane.length; p++)
				mgOut[p] = calibration == null ? Float.NaN : (float) calibration.concentration(ratioPlane[p]);
		}
		for (int id = 1; id < n; id++)
			storeCell(table, table.index(id, frame), id, af340, af380, minSignal);
		return new double[] { sigma340, sigma380 };
	}

	private void storeCell(CellTable t, int i, int id, double af340, double af380, double minSignal) {
		int flags = 0;
		t.saturated[i] = (int) sat[id];
		t.pixels[i] = (int) count[id];
		if (sat[id] > 0) flags |= CellFlag.SATURATED.bit();
		if (count[id] == 0) {
			t.flags[i] |= flags | CellFlag.NO_PIXELS.bit();
			return;
		}
		double f340 = s340[id] / count[id], f380 = s380[id] / count[id];
		double b340 = sb340[id] / count[id] + af340, b380 = sb380[id] / count[id] + af380;
		t.f340[i] = f340;
		t.f380[i] = f380;
		t.bg340[i] = b340;
		t.bg380[i] = b380;
		double c380 = f380 - b380;
		double ratio = c380 >= minSignal && !Double.isNaN(b380) && !Double.isNaN(b340) ? (f340 - b340) / c380
			: Double.NaN;
		if (Double.isNaN(ratio)) flags |= CellFlag.LOW_SIGNAL.bit();
		t.ratio[i] = ratio;
		// delta-method standard error of an intensity-weighted mean of pixel ratios
		double se = Double.NaN;
		if (sw[id] > 0 && !Double.isNaN(ratio)) {
			double ss = sw2r2[id] - 2 * ratio * sw2r[id] + ratio * ratio * sw2[id];
			se = Math.sqrt(Math.max(0, ss)) / sw[id];
		}
		t.ratioSe[i] = se;
		if (calibration != null && !Double.isNaN(ratio)) {
			switch (calibration.range(ratio)) {
				case BELOW_RMIN:
					flags |= CellFlag.BELOW_RMIN.bit();
					break;
				case ABOVE_RMAX:
					flags |= CellFlag.ABOVE_RMAX.bit();
					break;
				default:
			}
			double mg = calibration.concentration(ratio);
			t.mg[i] = mg;
			double kd = calibration.kdMillimolar();
			if (!Double.isNaN(mg) && (mg < 0.1 * kd || mg > 10 * kd)) flags |= CellFlag.OUTSIDE_USABLE_RANGE.bit();
			double[] ci = calibration.concentrationInterval(ratio, Double.isNaN(se) ? 0 : se);
			t.mgLo[i] = ci[0];
			t.mgHi[i] = ci[1];
		}
		t.flags[i] |= flags;
	}

	private void checkSize(String what, RandomAccessibleInterval<?> frame) {
		if (frame.numDimensions() != 2 || frame.dimension(0) != width || frame.dimension(1) != height)
			throw new IllegalArgumentException(what + " frame is " + java.util.Arrays.toString(frame
				.dimensionsAsLongArray()) + ", expected " + width + "x" + height + " like the label image");
	}

	/** @return true when every pixel is 0 or NaN */
	static <T extends RealType<T>> boolean isBlank(RandomAccessibleInterval<T> frame) {
		for (T t : Views.flatIterable(frame)) {
			double v = t.getRealDouble();
			if (v != 0 && !Double.isNaN(v)) return false;
		}
		return true;
	}
}
