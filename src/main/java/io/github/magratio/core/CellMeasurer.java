package io.github.magratio.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Per-cell values of one frame from its raw and background-corrected planes: mean raw intensities, everything
 * subtracted from them, the ratio of the corrected means, its standard error, [Mg2+] with its 95 % interval, and flags.
 * The pipeline ({@link FrameProcessor}) and the Fiji "Measure Cells" command both use it, so they give the same
 * numbers. A cell's outer pixels can be left out ({@link RatioSettings#measureInsetPx()}); a cell absent from a frame
 * (segmented frame by frame) is left NaN without a flag. Holds one frame of per-cell accumulators: not thread-safe,
 * one instance per thread.
 */
public final class CellMeasurer {

	// one frame's sums, interleaved per cell so that a pixel touches one or two cache lines
	private static final int COUNT = 0, SAT = 1, NONFINITE = 2, RAW340 = 3, RAW380 = 4, C340 = 5, C380 = 6, XX = 7,
		XY = 8, YY = 9, STRIDE = 10;

	private final Labels labels;
	private final int n;
	private final double[] acc;
	private final float[] row340, row380;
	/**
	 * The runs of one cell along each row of the measured labels, found once per label image: run k spans
	 * {@code runFrom[k]..runTo[k]-1} of cell {@code runId[k]}, the runs of row y at {@code rowRuns[y]..rowRuns[y+1]-1},
	 * left to right. A frame then visits cell pixels only (not the background between them) in the same order.
	 */
	private final int[] rowRuns, runFrom, runTo, runId;

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
		n = labels.count() + 1;
		acc = new double[n * STRIDE];
		row340 = new float[labels.width()];
		row380 = new float[labels.width()];
		int w = labels.width(), h = labels.height();
		int[] ids = labels.array();
		int runs = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0, p = y * w; x < w; x++, p++)
				if (ids[p] != 0 && (x == 0 || ids[p - 1] != ids[p])) runs++;
		rowRuns = new int[h + 1];
		runFrom = new int[runs];
		runTo = new int[runs];
		runId = new int[runs];
		int k = 0;
		for (int y = 0; y < h; y++) {
			rowRuns[y] = k;
			int row = y * w;
			for (int x = 0; x < w;) {
				int id = ids[row + x], end = x + 1;
				while (end < w && ids[row + end] == id)
					end++;
				if (id != 0) {
					runFrom[k] = x;
					runTo[k] = end;
					runId[k++] = id;
				}
				x = end;
			}
		}
		rowRuns[h] = k;
	}

	/** @return the measured cells (after the inset), row-major ids; do not modify */
	public int[] measuredLabels() {
		return labels.array();
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
		PlaneRows a = PlaneRows.of(f340), b = PlaneRows.of(f380);
		int w = labels.width(), h = labels.height();
		if (a.width() != w || a.height() != h || b.width() != w || b.height() != h) throw new IllegalArgumentException(
			"frames are " + a.width() + "x" + a.height() + " and " + b.width() + "x" + b.height() + " px, cells " + w +
				"x" + h);
		boolean finite = a.integer() && b.integer();
		begin();
		for (int y = 0; y < h; y++) {
			a.row(y, row340);
			b.row(y, row380);
			addRow(y * w, row340, row380, corrected340, corrected380, y * w, saturationCounts, finite);
		}
		end(frame, minSignal, calibration, table);
	}

	/** Starts a frame: clears the sums. */
	public void begin() {
		java.util.Arrays.fill(acc, 0);
	}

	/**
	 * Adds pixels {@code from..to-1} of one row, all of cell {@code id} (&gt; 0), to this frame's sums, pixel by pixel
	 * in order, with the cell's sums held in locals over the run: a pixel is counted as non-finite or saturated from
	 * its raw values, else averaged when both corrected values are numbers.
	 *
	 * @param raw340 the row's raw values, counts, at {@code from..to-1}
	 * @param c340 background-corrected values (NaN = invalid), at {@code cOffset + from..cOffset + to-1}
	 * @param finite true when the raw values are known to be finite (integer pixels)
	 */
	public void addRun(int id, float[] raw340, float[] raw380, float[] c340, float[] c380, int cOffset, int from,
		int to, double saturationCounts, boolean finite)
	{
		int o = id * STRIDE;
		double count = acc[o + COUNT], sat = acc[o + SAT], nonfinite = acc[o + NONFINITE], r340 = acc[o + RAW340],
			r380 = acc[o + RAW380], s340 = acc[o + C340], s380 = acc[o + C380], xx = acc[o + XX], xy = acc[o + XY],
			yy = acc[o + YY];
		for (int x = from; x < to; x++) {
			double a = raw340[x], b = raw380[x];
			if (!finite && (!Double.isFinite(a) || !Double.isFinite(b))) {
				nonfinite++;
				continue;
			}
			if (a >= saturationCounts || b >= saturationCounts) {
				sat++;
				continue;
			}
			float cx = c340[cOffset + x], cy = c380[cOffset + x];
			if (cx != cx || cy != cy) continue;
			count++;
			r340 += a;
			r380 += b;
			s340 += cx;
			s380 += cy;
			xx += (double) cx * cx;
			xy += (double) cx * cy;
			yy += (double) cy * cy;
		}
		acc[o + COUNT] = count;
		acc[o + SAT] = sat;
		acc[o + NONFINITE] = nonfinite;
		acc[o + RAW340] = r340;
		acc[o + RAW380] = r380;
		acc[o + C340] = s340;
		acc[o + C380] = s380;
		acc[o + XX] = xx;
		acc[o + XY] = xy;
		acc[o + YY] = yy;
	}

	/**
	 * {@link #addRow} for the measured labels' row {@code y} with raw unsigned 16-bit pixels read straight from their
	 * planes (at {@code y * width + x}): the same sums as from their float values, which equal them; the float sums in
	 * the same order, the integer ones (counts and raw counts, exact either way) in integers over each run, and the
	 * saturation test on integers ({@link #firstIntegerAtLeast}), which took a tenth off these sums' CPU time.
	 * {@link #addRun}'s loop again over shorts on purpose: sharing it would mean widening the row to floats first or
	 * reading pixels through a call, the cost this path exists to remove ({@code BackgroundAndRatioTest} holds the two
	 * paths to the same bits).
	 */
	void addRowUnsigned16(int y, short[] raw340, short[] raw380, float[] c340, float[] c380,
		double saturationCounts)
	{
		int row = y * labels.width(), saturatedAt = firstIntegerAtLeast(saturationCounts);
		for (int k = rowRuns[y]; k < rowRuns[y + 1]; k++) {
			int o = runId[k] * STRIDE;
			// the integer sums (counts, raw counts) in integers over the run: exact, as the double sums are (integers
			// below 2^53), so the same values whatever the order; the float sums stay doubles, in pixel order
			int count = 0, sat = 0;
			long r340 = 0, r380 = 0;
			double s340 = acc[o + C340], s380 = acc[o + C380], xx = acc[o + XX], xy = acc[o + XY], yy = acc[o + YY];
			for (int x = runFrom[k], to = runTo[k]; x < to; x++) {
				int a = raw340[row + x] & 0xffff, b = raw380[row + x] & 0xffff;
				if (Math.max(a, b) >= saturatedAt) {
					sat++;
					continue;
				}
				float cx = c340[x], cy = c380[x];
				if (cx != cx || cy != cy) continue;
				count++;
				r340 += a;
				r380 += b;
				s340 += cx;
				s380 += cy;
				xx += (double) cx * cx;
				xy += (double) cx * cy;
				yy += (double) cy * cy;
			}
			acc[o + COUNT] += count;
			acc[o + SAT] += sat;
			acc[o + RAW340] += r340;
			acc[o + RAW380] += r380;
			acc[o + C340] = s340;
			acc[o + C380] = s380;
			acc[o + XX] = xx;
			acc[o + XY] = xy;
			acc[o + YY] = yy;
		}
	}

	/**
	 * @return the least int {@code t} such that, for every 16-bit pixel {@code a} (0..65535), {@code a >= t} exactly when
	 *         {@code a >= level}: never reached for a NaN level (no comparison with NaN holds)
	 */
	static int firstIntegerAtLeast(double level) {
		return level != level ? Integer.MAX_VALUE : (int) Math.ceil(Math.min(level, Integer.MAX_VALUE));
	}

	/**
	 * Adds one row of the measured labels ({@link #measuredLabels()}): every run of one cell along it
	 * ({@link #addRun}).
	 *
	 * @param row the row's first pixel, {@code y * width}
	 */
	public void addRow(int row, float[] raw340, float[] raw380, float[] c340, float[] c380, int cOffset,
		double saturationCounts, boolean finite)
	{
		int y = row / labels.width();
		for (int k = rowRuns[y]; k < rowRuns[y + 1]; k++)
			addRun(runId[k], raw340, raw380, c340, c380, cOffset, runFrom[k], runTo[k], saturationCounts, finite);
	}

	/** Ends a frame: every cell's values from the sums into {@code table}'s entries of {@code frame}. */
	public void end(int frame, double minSignal, Calibration calibration, CellTable table) {
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
		int o = id * STRIDE;
		double count = acc[o + COUNT];
		t.saturated[i] = (int) acc[o + SAT];
		t.nonfinite[i] = (int) acc[o + NONFINITE];
		t.pixels[i] = (int) count;
		if (acc[o + SAT] > 0) flags |= CellFlag.SATURATED.bit();
		if (acc[o + NONFINITE] > 0) flags |= CellFlag.NONFINITE.bit();
		if (count == 0) {
			// a cell not in this frame at all (segmented frame by frame) is absent, not a problem
			if (labels.area(id) > 0) t.flags[i] |= flags | CellFlag.NO_PIXELS.bit();
			return;
		}
		double f340 = acc[o + RAW340] / count, f380 = acc[o + RAW380] / count;
		double m340 = acc[o + C340] / count, m380 = acc[o + C380] / count;
		t.f340[i] = f340;
		t.f380[i] = f380;
		t.bg340[i] = f340 - m340;
		t.bg380[i] = f380 - m380;
		double ratio = m380 >= minSignal ? m340 / m380 : Double.NaN;
		if (Double.isNaN(ratio)) flags |= CellFlag.LOW_SIGNAL.bit();
		t.ratio[i] = ratio;
		double se = Double.NaN;
		if (!Double.isNaN(ratio) && count > 1) {
			// ratio estimator R = sum(x)/sum(y) over the same pixels; first-order (delta-method) standard error
			// sqrt(sum (x - R y)^2) / sum(y), with sum (x - R y)^2 = sum x^2 - 2 R sum xy + R^2 sum y^2
			double ss = acc[o + XX] - 2 * ratio * acc[o + XY] + ratio * ratio * acc[o + YY];
			se = Math.sqrt(Math.max(0, ss)) / acc[o + C380];
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
