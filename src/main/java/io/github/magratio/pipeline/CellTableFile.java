package io.github.magratio.pipeline;

import io.github.magratio.core.CellRows;
import io.github.magratio.core.CellTable;
import io.github.magratio.util.OutputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The per-cell table of a run spilled to disk as the frames complete, so the run's memory does not grow with cells x
 * frames: frame after frame in frame order ({@link #append}), every cell's entries of a frame as one record of
 * {@link CellTable#recordBytes} per cell (the exact bits). Read back frame by frame, or cell by cell in blocks of at
 * most {@link #blockBytes} (each cell's entries of a frame are contiguous, so a block costs one read per frame and the
 * whole table is read once per pass). A temporary file beside the outputs, deleted by {@link #close}.
 */
public final class CellTableFile implements CellRows, AutoCloseable {

	/** Default memory of one block of cells read back: whole traces of as many cells as fit. */
	public static final int DEFAULT_BLOCK_BYTES = 8 << 20;

	private final Path file;
	/** The whole table, once read, when it fits one block. */
	private CellTable whole;
	private final FileChannel channel;
	private final int cells, frames, recordBytes, blockBytes;
	private final boolean geometry;
	private final ByteBuffer frameBuffer;
	private CellTable frame;
	private int appended;

	/**
	 * Creates the (empty) file in {@code dir}.
	 *
	 * @param perFrameGeometry whether cells change from frame to frame (their positions are then recorded too)
	 * @param blockBytes the memory of a block of cells read back (at least one cell per block whatever its size)
	 */
	public CellTableFile(Path dir, int cells, int frames, boolean perFrameGeometry, int blockBytes) throws IOException {
		this.cells = cells;
		this.frames = frames;
		this.geometry = perFrameGeometry;
		this.recordBytes = CellTable.recordBytes(perFrameGeometry);
		this.blockBytes = blockBytes;
		try {
			this.file = Files.createTempFile(dir, ".cells-", ".bin.tmp");
		} catch (IOException e) {
			throw new OutputException(dir, e);
		}
		this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
		this.frameBuffer = ByteBuffer.allocate(Math.multiplyExact(cells, recordBytes));
	}

	@Override
	public int cells() {
		return cells;
	}

	@Override
	public int frames() {
		return frames;
	}

	/** @return true when the cells change from frame to frame and the records hold their geometry */
	public boolean perFrameGeometry() {
		return geometry;
	}

	/** @return a one-frame table for {@link #append} (a frame in flight fills it) */
	public CellTable newSlice(int frame) {
		return CellTable.frameSlice(cells, frames, frame, geometry);
	}

	/**
	 * Appends a frame: frames arrive in order, each once.
	 *
	 * @param slice a {@link #newSlice} holding the next frame
	 */
	public void append(int frame, CellTable slice) throws IOException {
		if (frame != appended) throw new IllegalStateException("frame " + frame + " appended after frame " + (appended -
			1));
		frameBuffer.clear();
		slice.putFrame(frame, frameBuffer);
		frameBuffer.flip();
		writeFully(frameBuffer, (long) frame * frameBuffer.capacity());
		appended++;
	}

	@Override
	public CellTable frame(int t) throws IOException {
		requireComplete();
		if (frame == null) frame = newSlice(t);
		else frame.resetTo(t);
		frameBuffer.clear();
		readFully(frameBuffer, (long) t * frameBuffer.capacity());
		frameBuffer.flip();
		frame.getFrame(t, frameBuffer, geometry);
		return frame;
	}

	/** @return how many cells a block holds */
	int cellsPerBlock() {
		long perCell = (long) frames * (recordBytes + 8); // the in-memory table holds a little more than a record
		return (int) Math.max(1, Math.min(cells, blockBytes / perCell));
	}

	@Override
	public void blocks(BlockVisitor visitor) throws IOException {
		requireComplete();
		int per = cellsPerBlock();
		if (per >= cells) {
			// the whole table fits one block: read once, then shared by every pass (checks, tables, traces)
			if (whole == null) whole = read(1, cells, ByteBuffer.allocate(cells * recordBytes));
			visitor.accept(whole);
			return;
		}
		ByteBuffer buffer = ByteBuffer.allocate(per * recordBytes);
		for (int first = 1; first <= cells; first += per)
			visitor.accept(read(first, Math.min(cells, first + per - 1), buffer));
	}

	/** @return the whole traces of cells {@code first..last}, read frame by frame through {@code buffer} */
	private CellTable read(int first, int last, ByteBuffer buffer) throws IOException {
		CellTable block = CellTable.cellBlock(cells, frames, first, last, geometry);
		for (int t = 0; t < frames; t++) {
			buffer.clear().limit((last - first + 1) * recordBytes);
			readFully(buffer, offset(t, first));
			buffer.flip();
			block.getFrame(t, buffer, geometry);
		}
		return block;
	}

	/**
	 * @return the whole table in memory when it fits in one block ({@code blockBytes}), read back; else null (a long
	 *         recording's table stays on disk)
	 */
	public CellTable wholeIfOneBlock() throws IOException {
		if (cellsPerBlock() < cells) return null;
		blocks(b -> {});
		return whole;
	}

	/** Writes a block's entries back (after a pass that changed them, such as the ca_suspect flags). */
	public void update(CellTable block) throws IOException {
		requireComplete();
		if (!block.allFrames()) throw new IllegalArgumentException("only a block of whole traces is written back");
		int first = block.firstCell(), n = block.lastCell() - first + 1;
		if (n <= 0) return;
		if (block != whole) whole = null; // the shared copy would no longer be what the file holds
		ByteBuffer buffer = ByteBuffer.allocate(n * recordBytes);
		for (int t = 0; t < frames; t++) {
			buffer.clear();
			block.putFrame(t, buffer);
			buffer.flip();
			writeFully(buffer, offset(t, first));
		}
	}

	private long offset(int frame, int cell) {
		return (long) frame * frameBuffer.capacity() + (long) (cell - 1) * recordBytes;
	}

	private void requireComplete() {
		if (appended != frames) throw new IllegalStateException(appended + " of " + frames + " frames written");
	}

	private void writeFully(ByteBuffer b, long position) throws IOException {
		long at = position;
		try {
			while (b.hasRemaining())
				at += channel.write(b, at);
		} catch (IOException e) {
			// a full disk names the folder the run writes (the file is its temporary part)
			throw new OutputException(file.getParent(), e);
		}
	}

	private void readFully(ByteBuffer b, long position) throws IOException {
		long at = position;
		while (b.hasRemaining()) {
			int n = channel.read(b, at);
			if (n < 0) throw new IOException("cell table " + file + " ends at byte " + at + ": truncated");
			at += n;
		}
	}

	/** Closes and deletes the file. */
	@Override
	public void close() throws IOException {
		try {
			channel.close();
		} finally {
			Files.deleteIfExists(file);
		}
	}

	/** @return the file (for messages) */
	Path file() {
		return file;
	}
}
