package io.github.magratio.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Per-cell values of one frame from its raw and background-corrected planes: mean raw intensities, everything
 * subtracted from them, the ratio of the corrected means, its standard error, [Mg2+] with its 95 % interval, and flags.
 * The pipeline ({@link FrameProcessor}) and the Fiji "Measure Cells" command both use it, so they give the same
 * numbers. A cell's outer pixels can be left out ({@link RatioSettings#measureInsetPx()}); a cell absent from a frame
 * (segmented frame by frame) is left NaN without a flag. Holds one frame of per-cell accumulators: not thread-safe,
 * one instance per thread.
 */
public final class CellMeasurer {

	private final Labels labels;
	private final RandomAccessibleInterval<net.imglib2.type.numeric.integer.IntType> labelImg;
	private final int n;
	private final long[] count, sat, nonfinite;
	private final double[] raw340, raw380, c340, c380, xx, xy, yy;

	/** A measurer for the cells of {@code labels}, every pixel of each. */
	public CellMeasurer(Labels labels) {
		this(labels, 0);
	}

	/**
	 * A measurer for the cells of {@code labels} without their outer {@code insetPx} pixels ({@link Labels#inset}),
	 * where the blur mixes in the neighbours' and the background's light.
	 */
	public CellMeasurer(Labels labels, int insetPx) {
		labels = labels.inset(insetPx);
		this.labels = labels;
		labelImg = ArrayImgs.ints(labels.array(), labels.width(), labels.height());
		n = labels.count() + 1;
		count = new long[n];
		sat = new long[n];
		nonfinite = new long[n];
		raw340 = new double[n];
		raw380 = new double[n];
		c340 = new double[n];
		c380 = new double[n];
		xx = new double[n];
		xy = new double[n];
		yy = new double[n];
	}

	/**
	 * Measures one frame into {@code table}.
	 *
	 * @param f340 raw 340 nm frame (camera counts)
	 * @param f380 raw 380 nm frame
	 * @param corrected340 background-corrected 340 nm plane (NaN where invalid), row-major
	 * @param corrected380 background-corrected 380 nm plane
	 * @param saturationCounts raw level counted as saturated
	 * @param minSignal smallest corrected mean F380 that gives a ratio, counts
	 * @param calibration converts ratios to [Mg2+]; null leaves [Mg2+] NaN
	 */
	public <T extends RealType<T>> void measure(int frame, RandomAccessibleInterval<T> f340,
		RandomAccessibleInterval<T> f380, float[] corrected340, float[] corrected380, double saturationCounts,
		double minSignal, Calibration calibration, CellTable table)
	{
		java.util.Arrays.fill(count, 0);
		java.util.Arrays.fill(sat, 0);
		java.util.Arrays.fill(nonfinite, 0);
		for (double[] a : new double[][] { raw340, raw380, c340, c380, xx, xy, yy })
			java.util.Arrays.fill(a, 0);
		int w = labels.width(), h = labels.height();
		LoopBuilder.setImages(Views.zeroMin(f340), Views.zeroMin(f380), labelImg, ArrayImgs.floats(corrected340, w, h),
			ArrayImgs.floats(corrected380, w, h)).forEachPixel((a, b, lab, ca, cb) -> {
				int l = lab.getInteger();
				if (l == 0) return;
				double v340 = a.getRealDouble(), v380 = b.getRealDouble();
				if (!Double.isFinite(v340) || !Double.isFinite(v380)) {
					nonfinite[l]++;
					return;
				}
				if (v340 >= saturationCounts || v380 >= saturationCounts) {
					sat[l]++;
					return;
				}
				float x = ca.get(), y = cb.get();
				if (Float.isNaN(x) || Float.isNaN(y)) return;
				count[l]++;
				raw340[l] += v340;
				raw380[l] += v380;
				c340[l] += x;
				c380[l] += y;
				xx[l] += (double) x * x;
				xy[l] += (double) x * y;
				yy[l] += (double) y * y;
			});
		for (int id = 1; id < n; id++)
			store(table, table.index(id, frame), id, minSignal, calibration);
	}

	/** Flags every cell of a blank frame (all zero or NaN in a channel). */
	public void markBadFrame(int frame, CellTable table) {
		for (int id = 1; id < n; id++)
			table.flags[table.index(id, frame)] |= CellFlag.BAD_FRAME.bit();
	}

	private void store(CellTable t, int i, int id, double minSignal, Calibration calibration) {
		int flags = 0;
		t.saturated[i] = (int) sat[id];
		t.nonfinite[i] = (int) nonfinite[id];
		t.pixels[i] = (int) count[id];
		if (sat[id] > 0) flags |= CellFlag.SATURATED.bit();
		if (nonfinite[id] > 0) flags |= CellFlag.NONFINITE.bit();
		if (count[id] == 0) {
			// a cell not in this frame at all (segmented frame by frame) is absent, not a problem
			if (labels.area(id) > 0) t.flags[i] |= flags | CellFlag.NO_PIXELS.bit();
			return;
		}
		double f340 = raw340[id] / count[id], f380 = raw380[id] / count[id];
		double m340 = c340[id] / count[id], m380 = c380[id] / count[id];
		t.f340[i] = f340;
		t.f380[i] = f380;
		t.bg340[i] = f340 - m340;
		t.bg380[i] = f380 - m380;
		double ratio = m380 >= minSignal ? m340 / m380 : Double.NaN;
		if (Double.isNaN(ratio)) flags |= CellFlag.LOW_SIGNAL.bit();
		t.ratio[i] = ratio;
		double se = Double.NaN;
		if (!Double.isNaN(ratio) && count[id] > 1) {
			// ratio estimator R = sum(x)/sum(y) over the same pixels; first-order (delta-method) standard error
			// sqrt(sum (x - R y)^2) / sum(y), with sum (x - R y)^2 = sum x^2 - 2 R sum xy + R^2 sum y^2
			double ss = xx[id] - 2 * ratio * xy[id] + ratio * ratio * yy[id];
			se = Math.sqrt(Math.max(0, ss)) / c380[id];
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
}
