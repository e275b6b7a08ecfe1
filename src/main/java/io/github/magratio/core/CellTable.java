package io.github.magratio.core;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The per-cell, per-frame measurements of one recording: cells 1..n by frames 0..T-1. A table holds all of them, or
 * a part: one frame of every cell ({@link #frameSlice}, what a frame in flight fills) or every frame of a block of
 * cells ({@link #cellBlock}, what a per-cell pass over a table spilled to disk reads), in flat arrays indexed
 * {@code (cell - firstCell) * storedFrames + (frame - firstFrame)}; asking a part for an entry it does not hold is an
 * {@link IndexOutOfBoundsException}. Written by {@link FrameProcessor}, one frame at a time (each frame touches only
 * its own entries, so frames may be processed concurrently); read by tables and summaries. Intensities are mean
 * camera counts, backgrounds are everything subtracted from those means, concentrations are mM.
 */
public final class CellTable implements CellRows {

	/** Bytes of one cell-frame in {@link #putFrame}'s records: 9 doubles and 4 ints, then x, y and area. */
	private static final int VALUE_BYTES = 9 * Double.BYTES + 4 * Integer.BYTES, GEOMETRY_BYTES = 2 * Double.BYTES +
		Integer.BYTES;

	private final int cells;
	private final int frames;
	/** The part held: cells firstCell..firstCell+storedCells-1, frames firstFrame..firstFrame+storedFrames-1. */
	private final int firstCell, storedCells, storedFrames;
	private int firstFrame;
	final double[] f340, f380, bg340, bg380, ratio, ratioSe, mg, mgLo, mgHi;
	final int[] saturated, nonfinite, pixels, flags;
	/** Per cell-frame centroid (px) and area (px, 0 = absent) when cells change from frame to frame; else null. */
	private double[] x, y;
	private int[] area;

	/** Creates an empty table of every cell and frame (NaN values, no flags). */
	public CellTable(int cells, int frames) {
		this(cells, frames, 1, cells, 0, frames, false);
	}

	private CellTable(int cells, int frames, int firstCell, int storedCells, int firstFrame, int storedFrames,
		boolean geometry)
	{
		if (cells < 0 || frames < 1) throw new IllegalArgumentException("a table needs >= 0 cells and >= 1 frame");
		if (firstCell < 1 || storedCells < 0 || firstCell - 1 + storedCells > cells || firstFrame < 0 ||
			storedFrames < 1 || firstFrame + storedFrames > frames) throw new IllegalArgumentException("cells " +
				firstCell + ".." + (firstCell + storedCells - 1) + " x frames " + firstFrame + ".." + (firstFrame +
					storedFrames - 1) + " are not inside 1.." + cells + " x 0.." + (frames - 1));
		this.cells = cells;
		this.frames = frames;
		this.firstCell = firstCell;
		this.storedCells = storedCells;
		this.firstFrame = firstFrame;
		this.storedFrames = storedFrames;
		int n = Math.multiplyExact(storedCells, storedFrames);
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
		if (geometry) allocateGeometry();
	}

	/**
	 * One frame of every cell, e.g. the entries a frame in flight fills before they go to disk.
	 *
	 * @param perFrameGeometry true when cells change from frame to frame ({@link #setGeometry}): a cell without
	 *          geometry is then absent, as in a whole table after its first {@link #setGeometry}
	 */
	public static CellTable frameSlice(int cells, int frames, int frame, boolean perFrameGeometry) {
		return new CellTable(cells, frames, 1, cells, frame, 1, perFrameGeometry);
	}

	/** Every frame of cells {@code firstCell..lastCell} (an empty block when lastCell &lt; firstCell). */
	public static CellTable cellBlock(int cells, int frames, int firstCell, int lastCell, boolean perFrameGeometry) {
		return new CellTable(cells, frames, firstCell, lastCell - firstCell + 1, 0, frames, perFrameGeometry);
	}

	/**
	 * Makes a {@link #frameSlice} hold {@code frame} instead, empty again (NaN values, no flags, no cell present when
	 * it has geometry): a slot's table reused for the next frame it carries.
	 */
	public void resetTo(int frame) {
		if (storedFrames != 1) throw new IllegalStateException("only a one-frame slice moves to another frame");
		if (frame < 0 || frame >= frames) throw new IndexOutOfBoundsException("frame " + frame + " outside 0.." +
			(frames - 1));
		firstFrame = frame;
		for (double[] a : Arrays.asList(f340, f380, bg340, bg380, ratio, ratioSe, mg, mgLo, mgHi))
			Arrays.fill(a, Double.NaN);
		for (int[] a : Arrays.asList(saturated, nonfinite, pixels, flags))
			Arrays.fill(a, 0);
		if (area != null) {
			Arrays.fill(x, Double.NaN);
			Arrays.fill(y, Double.NaN);
			Arrays.fill(area, 0);
		}
	}

	private void allocateGeometry() {
		int n = f340.length;
		x = new double[n];
		y = new double[n];
		area = new int[n];
		Arrays.fill(x, Double.NaN);
		Arrays.fill(y, Double.NaN);
	}

	/** @return the first cell this table holds (1 for a whole table) */
	public int firstCell() {
		return firstCell;
	}

	/** @return the last cell this table holds ({@link #cells()} for a whole table; firstCell - 1 when empty) */
	public int lastCell() {
		return firstCell + storedCells - 1;
	}

	/** @return true when this table holds every frame of its cells (a whole table or a {@link #cellBlock}) */
	public boolean allFrames() {
		return storedFrames == frames;
	}

	/** @return the bytes of one cell's entries in one frame in {@link #putFrame}'s records */
	public static int recordBytes(boolean perFrameGeometry) {
		return VALUE_BYTES + (perFrameGeometry ? GEOMETRY_BYTES : 0);
	}

	/**
	 * Puts frame {@code frame} of every cell this table holds into {@code out}, cell after cell, {@link #recordBytes}
	 * each (with geometry when this table has it): the exact bits, so {@link #getFrame} restores the same table.
	 */
	public void putFrame(int frame, ByteBuffer out) {
		for (int c = firstCell; c <= lastCell(); c++) {
			int i = index(c, frame);
			out.putDouble(f340[i]).putDouble(f380[i]).putDouble(bg340[i]).putDouble(bg380[i]).putDouble(ratio[i])
				.putDouble(ratioSe[i]).putDouble(mg[i]).putDouble(mgLo[i]).putDouble(mgHi[i]);
			out.putInt(saturated[i]).putInt(nonfinite[i]).putInt(pixels[i]).putInt(flags[i]);
			if (area != null) out.putDouble(x[i]).putDouble(y[i]).putInt(area[i]);
		}
	}

	/**
	 * Reads frame {@code frame} of every cell this table holds from records {@link #putFrame} wrote.
	 *
	 * @param perFrameGeometry whether the records hold geometry (they must, if this table has it)
	 */
	public void getFrame(int frame, ByteBuffer in, boolean perFrameGeometry) {
		if (perFrameGeometry && area == null) allocateGeometry();
		for (int c = firstCell; c <= lastCell(); c++) {
			int i = index(c, frame);
			f340[i] = in.getDouble();
			f380[i] = in.getDouble();
			bg340[i] = in.getDouble();
			bg380[i] = in.getDouble();
			ratio[i] = in.getDouble();
			ratioSe[i] = in.getDouble();
			mg[i] = in.getDouble();
			mgLo[i] = in.getDouble();
			mgHi[i] = in.getDouble();
			saturated[i] = in.getInt();
			nonfinite[i] = in.getInt();
			pixels[i] = in.getInt();
			flags[i] = in.getInt();
			if (perFrameGeometry) {
				x[i] = in.getDouble();
				y[i] = in.getDouble();
				area[i] = in.getInt();
			}
		}
	}

	/** A table holds its own frames: it is returned as it is. */
	@Override
	public CellTable frame(int frame) {
		if (frame < firstFrame || frame >= firstFrame + storedFrames || storedCells != cells)
			throw new IndexOutOfBoundsException("frame " + frame + " of every cell is not in this table");
		return this;
	}

	@Override
	public void blocks(BlockVisitor visitor) throws java.io.IOException {
		if (!allFrames()) throw new IllegalStateException("a slice of one frame has no blocks of cells");
		visitor.accept(this);
	}

	private static double[] nan(int n) {
		double[] a = new double[n];
		Arrays.fill(a, Double.NaN);
		return a;
	}

	int index(int cell, int frame) {
		if (cell < firstCell || cell > lastCell() || frame < firstFrame || frame >= firstFrame + storedFrames)
			throw new IndexOutOfBoundsException("cell " + cell + " frame " + frame + " outside the " + firstCell + ".." +
				lastCell() + " x " + firstFrame + ".." + (firstFrame + storedFrames - 1) + " this table holds (of 1.." +
				cells + " x 0.." + (frames - 1) + ")");
		return (cell - firstCell) * storedFrames + frame - firstFrame;
	}

	/** @return number of cells of the recording */
	public int cells() {
		return cells;
	}

	/** @return number of frames of the recording */
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
		if (area == null) allocateGeometry();
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

	/** @return a copy of the [Mg2+] trace of {@code cell}, mM, one value per frame (a table of all frames only) */
	public double[] mgTrace(int cell) {
		if (!allFrames()) throw new IllegalStateException("a slice of one frame holds no trace");
		int i = index(cell, 0);
		return Arrays.copyOfRange(mg, i, i + frames);
	}

	/** @return a copy of the ratio trace of {@code cell} (a table of all frames only) */
	public double[] ratioTrace(int cell) {
		if (!allFrames()) throw new IllegalStateException("a slice of one frame holds no trace");
		int i = index(cell, 0);
		return Arrays.copyOfRange(ratio, i, i + frames);
	}
}
