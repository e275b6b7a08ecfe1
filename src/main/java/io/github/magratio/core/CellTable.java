package io.github.magratio.core;

import java.util.Arrays;

/**
 * The per-cell, per-frame measurements of one recording: cells 1..n by frames 0..T-1, in flat arrays indexed
 * {@code (cell - 1) * frames + frame}. Written by {@link FrameProcessor}, one frame at a time (each frame touches
 * only its own entries, so frames may be processed concurrently); read by tables and summaries. Intensities are mean
 * camera counts, backgrounds are everything subtracted from those means, concentrations are mM.
 */
public final class CellTable {

	private final int cells;
	private final int frames;
	final double[] f340, f380, bg340, bg380, ratio, ratioSe, mg, mgLo, mgHi;
	final int[] saturated, nonfinite, pixels, flags;
	/** Per cell-frame centroid (px) and area (px, 0 = absent) when cells change from frame to frame; else null. */
	private double[] x, y;
	private int[] area;

	/** Creates an empty table (NaN values, no flags). */
	public CellTable(int cells, int frames) {
		if (cells < 0 || frames < 1) throw new IllegalArgumentException("a table needs >= 0 cells and >= 1 frame");
		this.cells = cells;
		this.frames = frames;
		int n = Math.multiplyExact(cells, frames);
		f340 = nan(n);
		f380 = nan(n);
		bg340 = nan(n);
		bg380 = nan(n);
		ratio = nan(n);
		ratioSe = nan(n);
		mg = nan(n);
		mgLo = nan(n);
		mgHi = nan(n);
		saturated = new int[n];
		nonfinite = new int[n];
		pixels = new int[n];
		flags = new int[n];
	}

	private static double[] nan(int n) {
		double[] a = new double[n];
		Arrays.fill(a, Double.NaN);
		return a;
	}

	int index(int cell, int frame) {
		if (cell < 1 || cell > cells || frame < 0 || frame >= frames) throw new IndexOutOfBoundsException("cell " + cell +
			" frame " + frame + " outside 1.." + cells + " x 0.." + (frames - 1));
		return (cell - 1) * frames + frame;
	}

	/** @return number of cells */
	public int cells() {
		return cells;
	}

	/** @return number of frames */
	public int frames() {
		return frames;
	}

	/** @return mean raw 340 nm intensity of the cell's valid pixels, counts */
	public double f340(int cell, int frame) {
		return f340[index(cell, frame)];
	}

	/** @return mean raw 380 nm intensity, counts */
	public double f380(int cell, int frame) {
		return f380[index(cell, frame)];
	}

	/** @return background subtracted from {@link #f340}, counts (offset + estimate + autofluorescence) */
	public double bg340(int cell, int frame) {
		return bg340[index(cell, frame)];
	}

	/** @return background subtracted from {@link #f380}, counts */
	public double bg380(int cell, int frame) {
		return bg380[index(cell, frame)];
	}

	/** @return (f340 - bg340) / (f380 - bg380), NaN when not valid */
	public double ratio(int cell, int frame) {
		return ratio[index(cell, frame)];
	}

	/** @return standard error of the ratio from pixel noise (delta method), NaN when not valid */
	public double ratioSe(int cell, int frame) {
		return ratioSe[index(cell, frame)];
	}

	/** @return free [Mg2+] in mM (0 at or below Rmin, NaN at or above Rmax or without ratio) */
	public double mgMillimolar(int cell, int frame) {
		return mg[index(cell, frame)];
	}

	/** @return lower end of the 95 % interval of [Mg2+], mM */
	public double mgLowMillimolar(int cell, int frame) {
		return mgLo[index(cell, frame)];
	}

	/** @return upper end of the 95 % interval of [Mg2+], mM */
	public double mgHighMillimolar(int cell, int frame) {
		return mgHi[index(cell, frame)];
	}

	/** @return number of saturated pixels of the cell in the frame */
	public int saturatedPixels(int cell, int frame) {
		return saturated[index(cell, frame)];
	}

	/** @return number of the cell's pixels that are NaN or infinite in either channel (masked, not averaged) */
	public int nonfinitePixels(int cell, int frame) {
		return nonfinite[index(cell, frame)];
	}

	/** @return number of valid (unsaturated, finite) pixels averaged */
	public int validPixels(int cell, int frame) {
		return pixels[index(cell, frame)];
	}

	/** @return the {@link CellFlag} bits */
	public int flags(int cell, int frame) {
		return flags[index(cell, frame)];
	}

	/** Adds flags to a cell's frame (e.g. {@link CellFlag#CA_SUSPECT} found by a later pass). */
	public void addFlags(int cell, int frame, int bits) {
		flags[index(cell, frame)] |= bits;
	}

	/**
	 * Records where a cell is in a frame, for recordings segmented frame by frame (cells move, come and go). Until
	 * the first call every cell is everywhere and always (one static mask); after it, a cell-frame without geometry
	 * is absent.
	 *
	 * @param xPx centroid x, pixels (pixel centres at integer coordinates)
	 * @param areaPx area in pixels, &gt; 0
	 */
	public void setGeometry(int cell, int frame, double xPx, double yPx, long areaPx) {
		int i = index(cell, frame);
		if (area == null) {
			int n = f340.length;
			x = new double[n];
			y = new double[n];
			area = new int[n];
			Arrays.fill(x, Double.NaN);
			Arrays.fill(y, Double.NaN);
		}
		x[i] = xPx;
		y[i] = yPx;
		area[i] = (int) areaPx;
	}

	/** @return true when cells have a geometry per frame ({@link #setGeometry}), false for one static mask */
	public boolean perFrameGeometry() {
		return area != null;
	}

	/** @return true when the cell is in the frame: always with a static mask */
	public boolean present(int cell, int frame) {
		return area == null || area[index(cell, frame)] > 0;
	}

	/** @return the cell's centroid x in the frame, px; NaN when absent; only with {@link #perFrameGeometry()} */
	public double x(int cell, int frame) {
		return x == null ? Double.NaN : x[index(cell, frame)];
	}

	/** @return the cell's centroid y in the frame, px; NaN when absent; only with {@link #perFrameGeometry()} */
	public double y(int cell, int frame) {
		return y == null ? Double.NaN : y[index(cell, frame)];
	}

	/** @return the cell's area in the frame, px; 0 when absent; only with {@link #perFrameGeometry()} */
	public long area(int cell, int frame) {
		return area == null ? 0 : area[index(cell, frame)];
	}

	/** @return a copy of the [Mg2+] trace of {@code cell}, mM, one value per frame */
	public double[] mgTrace(int cell) {
		int i = index(cell, 0);
		return Arrays.copyOfRange(mg, i, i + frames);
	}

	/** @return a copy of the ratio trace of {@code cell} */
	public double[] ratioTrace(int cell) {
		int i = index(cell, 0);
		return Arrays.copyOfRange(ratio, i, i + frames);
	}
}
