package io.github.magratio.tiff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * Writes a 32-bit float stack plane by plane, in any order, as an uncompressed little-endian ImageJ hyperstack: the
 * planes first, stored one after another (plane k at a fixed offset, so nothing is buffered), then one IFD per plane
 * and the ImageJ description (dimensions, frame interval, units, display range) with an optional 256-entry lookup
 * table. ImageJ reads the first IFD and the description and finds the planes where it expects them. A stack that would
 * not fit the 4 GiB of a classic TIFF is written as BigTIFF (same layout, 64-bit offsets), which Fiji (Bio-Formats),
 * tifffile and libtiff read; plain ImageJ 1 opens classic TIFF only.
 *
 * <p>The writer writes into the file it is given; writing it under a temporary name and moving it into place is the
 * caller's job. Not thread-safe: one thread writes (planes may come from workers through it).
 */
public final class FloatTiffWriter implements Closeable {

	/** The largest classic TIFF: offsets are 32-bit. */
	public static final long CLASSIC_LIMIT = 0xFFFF_FFFFL;

	private static final int MAX_DESCRIPTION = 65536;
	private static final short NEW_SUBFILE_TYPE = 254, IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258,
			COMPRESSION = 259, PHOTOMETRIC = 262, IMAGE_DESCRIPTION = 270, STRIP_OFFSETS = 273,
			SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278, STRIP_BYTE_COUNTS = 279, COLOR_MAP = 320,
			SAMPLE_FORMAT = 339;
	private static final short SHORT = 3, LONG = 4, ASCII = 2, LONG8 = 16;

	private final Path file;
	private final FileChannel channel;
	private final int width, height, planes;
	private final int bits;
	private final long planeBytes;
	private final boolean big;
	private final long dataStart;
	private final ByteBuffer buffer;
	private final BitSet written;
	private boolean finished;

	/**
	 * Creates (or truncates) {@code file} for a stack of {@code planes} planes of {@code width x height} pixels.
	 *
	 * @throws IllegalArgumentException when a plane would not fit one Java array
	 */
	public FloatTiffWriter(Path file, int width, int height, int planes) throws IOException {
		this(file, width, height, planes, CLASSIC_LIMIT);
	}

	/** With the classic/BigTIFF threshold given (tests write "large" stacks of a few KiB). */
	FloatTiffWriter(Path file, int width, int height, int planes, long classicLimit) throws IOException {
		this(file, width, height, planes, classicLimit, 32);
	}

	/**
	 * A writer of unsigned 16-bit planes ({@link #writePlane(int, short[])}) instead of floats, same layout: what a
	 * camera gives, for synthetic recordings of any length (the benchmark's).
	 */
	public static FloatTiffWriter unsigned16(Path file, int width, int height, int planes) throws IOException {
		return new FloatTiffWriter(file, width, height, planes, CLASSIC_LIMIT, 16);
	}

	private FloatTiffWriter(Path file, int width, int height, int planes, long classicLimit, int bits)
		throws IOException
	{
		this.bits = bits;
		if (width < 1 || height < 1 || planes < 1) throw new IllegalArgumentException("a stack needs width, height and " +
			"planes >= 1, got " + width + " x " + height + " x " + planes);
		this.planeBytes = bits / 8L * width * height;
		if (planeBytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("a plane of " + width + " x " +
			height + " floats does not fit one array");
		this.file = file;
		this.width = width;
		this.height = height;
		this.planes = planes;
		long classicEnd = 8 + planeBytes * planes + (long) planes * ifdBytes(false, 13) + MAX_DESCRIPTION + 2048;
		this.big = classicEnd > classicLimit;
		this.dataStart = big ? 16 : 8;
		// direct: the channel writes it as it is (a heap buffer is first copied into a temporary direct one)
		this.buffer = ByteBuffer.allocateDirect((int) planeBytes).order(ByteOrder.LITTLE_ENDIAN);
		this.written = new BitSet(planes);
		this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ);
	}

	/** @return true when the stack is written as BigTIFF */
	public boolean isBigTiff() {
		return big;
	}

	/** @return the file being written */
	public Path file() {
		return file;
	}

	/** Writes plane {@code k} (0-based), row-major {@code width * height} values; a plane may be written again. */
	public void writePlane(int k, float[] plane) throws IOException {
		check(k, plane.length, 32);
		buffer.clear();
		buffer.asFloatBuffer().put(plane);
		writeFully(buffer, dataStart + k * planeBytes);
		written.set(k);
	}

	/** Writes plane {@code k} of a {@link #unsigned16} stack (values as unsigned 16-bit). */
	public void writePlane(int k, short[] plane) throws IOException {
		check(k, plane.length, 16);
		buffer.clear();
		buffer.asShortBuffer().put(plane);
		writeFully(buffer, dataStart + k * planeBytes);
		written.set(k);
	}

	private void check(int k, int length, int bitsGiven) {
		if (finished) throw new IllegalStateException(file + " is already finished");
		if (bitsGiven != bits) throw new IllegalArgumentException("a " + bits + "-bit stack, given " + bitsGiven +
			"-bit planes");
		if (k < 0 || k >= planes) throw new IndexOutOfBoundsException("plane " + k + " outside 0.." + (planes - 1));
		if (length != width * height) throw new IllegalArgumentException("plane has " + length + " values, expected " +
			width + " x " + height);
	}

	/**
	 * Writes the directory; every plane must have been written.
	 *
	 * @param meta the ImageJ description (dimensions must multiply to the number of planes)
	 * @param lut a lookup table of 768 bytes (256 reds, greens, blues) or null for grays
	 */
	public void finish(ImageJMetadata meta, byte[] lut) throws IOException {
		if (finished) return;
		int missing = written.nextClearBit(0);
		if (missing < planes) throw new IllegalStateException("plane " + missing + " of " + file +
			" was never written");
		if (meta.images() != planes) throw new IllegalArgumentException("the description has images=" + meta.images() +
			" but the stack has " + planes + " planes");
		if (lut != null && lut.length != 768) throw new IllegalArgumentException("a lookup table has 768 bytes, got " +
			lut.length);
		byte[] desc = meta.format().getBytes(StandardCharsets.UTF_8);
		if (desc.length > MAX_DESCRIPTION) throw new IllegalArgumentException("description of " + desc.length +
			" bytes is too long");
		long dataEnd = dataStart + planeBytes * planes;
		int entries0 = lut == null ? 12 : 13, entries = 11;
		long ifd0 = align(dataEnd);
		long descAt = ifd0 + ifdBytes(big, entries0);
		long lutAt = descAt + desc.length;
		long ifd1 = align(lutAt + (lut == null ? 0 : 1536));
		long ifdSize = ifdBytes(big, entries);
		long end = ifd1 + (planes - 1) * ifdSize;
		if (!big && end > CLASSIC_LIMIT) throw new IllegalStateException("classic TIFF limit exceeded");

		ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		head.put((byte) 'I').put((byte) 'I');
		if (big) head.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(ifd0);
		else head.putShort((short) 42).putInt((int) ifd0);
		head.flip();
		writeFully(head, 0);

		ByteBuffer b = ByteBuffer.allocate((int) (ifdBytes(big, entries0) + desc.length + (lut == null ? 0 : 1536)))
			.order(ByteOrder.LITTLE_ENDIAN);
		count(b, entries0);
		common(b, dataStart, true, desc.length, descAt, lut != null, lutAt);
		next(b, planes > 1 ? ifd1 : 0);
		b.put(desc);
		if (lut != null) for (int i = 0; i < 768; i++)
			b.putShort((short) ((lut[i] & 0xff) * 257));
		b.flip();
		writeFully(b, ifd0);

		// the other IFDs in batches, so a long stack is written in a few large writes
		int batch = 4096;
		ByteBuffer ib = ByteBuffer.allocate((int) (ifdSize * Math.min(batch, Math.max(1, planes - 1)))).order(
			ByteOrder.LITTLE_ENDIAN);
		for (int k = 1; k < planes; k += batch) {
			ib.clear();
			int n = Math.min(batch, planes - k);
			for (int i = 0; i < n; i++) {
				int plane = k + i;
				count(ib, entries);
				common(ib, dataStart + plane * planeBytes, false, 0, 0, false, 0);
				next(ib, plane + 1 < planes ? ifd1 + plane * ifdSize : 0);
			}
			ib.flip();
			writeFully(ib, ifd1 + (k - 1) * ifdSize);
		}
		channel.truncate(Math.max(end, ifd1));
		channel.force(false);
		finished = true;
	}

	private static long align(long p) {
		return (p + 7) & ~7L;
	}

	private static long ifdBytes(boolean big, int entries) {
		return big ? 8 + 20L * entries + 8 : 2 + 12L * entries + 4;
	}

	private void count(ByteBuffer b, int n) {
		if (big) b.putLong(n);
		else b.putShort((short) n);
	}

	private void next(ByteBuffer b, long offset) {
		if (big) b.putLong(offset);
		else b.putInt((int) offset);
	}

	/** The entries of an IFD, in ascending tag order. */
	private void common(ByteBuffer b, long stripOffset, boolean first, int descLength, long descAt, boolean lut,
		long lutAt)
	{
		entry(b, NEW_SUBFILE_TYPE, LONG, 1, 0);
		entry(b, IMAGE_WIDTH, LONG, 1, width);
		entry(b, IMAGE_LENGTH, LONG, 1, height);
		entry(b, BITS_PER_SAMPLE, SHORT, 1, bits);
		entry(b, COMPRESSION, SHORT, 1, 1);
		entry(b, PHOTOMETRIC, SHORT, 1, 1);
		if (first) entry(b, IMAGE_DESCRIPTION, ASCII, descLength, descAt);
		entry(b, STRIP_OFFSETS, big ? LONG8 : LONG, 1, stripOffset);
		entry(b, SAMPLES_PER_PIXEL, SHORT, 1, 1);
		entry(b, ROWS_PER_STRIP, LONG, 1, height);
		entry(b, STRIP_BYTE_COUNTS, LONG, 1, planeBytes);
		if (lut) entry(b, COLOR_MAP, SHORT, 768, lutAt);
		entry(b, SAMPLE_FORMAT, SHORT, 1, bits == 32 ? 3 : 1);
	}

	/** One entry; {@code value} is the value itself when it fits the entry, else the offset of the values. */
	private void entry(ByteBuffer b, short tag, short type, long count, long value) {
		b.putShort(tag).putShort(type);
		if (big) {
			b.putLong(count);
			if (type == SHORT && count == 1) b.putShort((short) value).putShort((short) 0).putInt(0);
			else if (type == LONG && count == 1) b.putInt((int) value).putInt(0);
			else b.putLong(value);
		}
		else {
			b.putInt((int) count);
			if (type == SHORT && count == 1) b.putShort((short) value).putShort((short) 0);
			else b.putInt((int) value);
		}
	}

	private void writeFully(ByteBuffer b, long position) throws IOException {
		long pos = position;
		while (b.hasRemaining())
			pos += channel.write(b, pos);
	}

	/** Closes the file; an unfinished file is left as it is (the caller deletes its temporary file). */
	@Override
	public void close() throws IOException {
		channel.close();
	}
}
