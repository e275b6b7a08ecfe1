package io.github.magratio.tiff;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A streaming TIFF reader: {@link #open} parses and validates the whole directory (every IFD, every strip or tile
 * offset and byte count against the file length, every plane's size against {@link Limits}) without reading pixels;
 * {@link #readPlane(int, Object)} then decodes plane {@code k} into an array the caller owns, so reading a recording
 * needs no allocation per plane in steady state (the reader keeps one plane of scratch bytes and one strip of
 * compressed bytes, allocated at the first read).
 *
 * <p>Reads classic TIFF and BigTIFF, little and big endian; compression none, LZW, deflate (8 and the old 32946)
 * and PackBits, with horizontal (2) or floating-point (3) predictor; strips or tiles; one grey sample per pixel of the
 * {@link PixelType}s. Thumbnails (NewSubfileType bit 0) are skipped. A file with a single IFD whose ImageJ description
 * says {@code images=N} is read as ImageJ writes stacks past 4 GiB: N uncompressed planes stored one after another.
 *
 * <p>Every problem is a {@link TiffFormatException} naming the file and, for pixel data, the plane (1-based, "plane 19
 * of 36") and the strip or tile; a plane that ends early or data that do not decompress to the expected size is an
 * error, never a partial or blank plane. Decompression is bounded by the size each strip must produce.
 *
 * <p><b>Thread safety:</b> not thread-safe (scratch buffers and the inflater are reused). One thread reads and hands
 * planes to workers; for parallel reading, each thread uses its own {@link #duplicate()}, which shares the parsed,
 * immutable directory and opens its own file channel.
 */
public final class TiffReader implements Closeable {

	/** Bounds on what a file may ask the reader to allocate; checked before anything is allocated. */
	public static final class Limits {
		/** Defaults: 10 million planes, 2^31 - 16 bytes per plane (one Java array), 16 million strips or tiles. */
		public static final Limits DEFAULT = new Limits(10_000_000, Integer.MAX_VALUE - 16, 16_000_000, 1 << 20);

		final int maxPlanes;
		final long maxPlaneBytes;
		final int maxChunks;
		final int maxDescriptionBytes;

		/**
		 * @param maxPlanes most planes (IFDs) a file may have
		 * @param maxPlaneBytes most bytes one decoded plane may have
		 * @param maxChunks most strips and tiles of all planes together
		 * @param maxDescriptionBytes longest ImageDescription read (a longer one is ignored, not read)
		 */
		public Limits(int maxPlanes, long maxPlaneBytes, int maxChunks, int maxDescriptionBytes) {
			if (maxPlanes < 1 || maxPlaneBytes < 1 || maxPlaneBytes > Integer.MAX_VALUE - 16 || maxChunks < 1 ||
				maxDescriptionBytes < 0) throw new IllegalArgumentException("invalid TIFF limits");
			this.maxPlanes = maxPlanes;
			this.maxPlaneBytes = maxPlaneBytes;
			this.maxChunks = maxChunks;
			this.maxDescriptionBytes = maxDescriptionBytes;
		}

		/** @return these limits with another largest plane size in bytes */
		public Limits withMaxPlaneBytes(long bytes) {
			return new Limits(maxPlanes, bytes, maxChunks, maxDescriptionBytes);
		}
	}

	// TIFF tags read
	private static final int NEW_SUBFILE_TYPE = 254, IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258,
			COMPRESSION = 259, PHOTOMETRIC = 262, FILL_ORDER = 266, IMAGE_DESCRIPTION = 270, STRIP_OFFSETS = 273,
			SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278, STRIP_BYTE_COUNTS = 279, X_RESOLUTION = 282,
			Y_RESOLUTION = 283, PLANAR_CONFIGURATION = 284, RESOLUTION_UNIT = 296, PREDICTOR = 317, TILE_WIDTH = 322,
			TILE_LENGTH = 323, TILE_OFFSETS = 324, TILE_BYTE_COUNTS = 325, SAMPLE_FORMAT = 339;
	private static final Set<Integer> TAGS = new HashSet<>(Arrays.asList(NEW_SUBFILE_TYPE, IMAGE_WIDTH,
		IMAGE_LENGTH, BITS_PER_SAMPLE, COMPRESSION, PHOTOMETRIC, FILL_ORDER, IMAGE_DESCRIPTION, STRIP_OFFSETS,
		SAMPLES_PER_PIXEL, ROWS_PER_STRIP, STRIP_BYTE_COUNTS, X_RESOLUTION, Y_RESOLUTION, PLANAR_CONFIGURATION,
		RESOLUTION_UNIT, PREDICTOR, TILE_WIDTH, TILE_LENGTH, TILE_OFFSETS, TILE_BYTE_COUNTS, SAMPLE_FORMAT));

	/** How the chunks (strips or tiles) of a plane are laid out; shared by the planes that agree. */
	private static final class Layout {
		final int compression, predictor, rowsPerStrip, tileWidth, tileLength, chunks;
		final boolean tiled;

		Layout(int compression, int predictor, boolean tiled, int rowsPerStrip, int tileWidth, int tileLength,
			int chunks)
		{
			this.compression = compression;
			this.predictor = predictor;
			this.tiled = tiled;
			this.rowsPerStrip = rowsPerStrip;
			this.tileWidth = tileWidth;
			this.tileLength = tileLength;
			this.chunks = chunks;
		}

		@Override
		public boolean equals(Object o) {
			if (!(o instanceof Layout)) return false;
			Layout l = (Layout) o;
			return compression == l.compression && predictor == l.predictor && tiled == l.tiled &&
				rowsPerStrip == l.rowsPerStrip && tileWidth == l.tileWidth && tileLength == l.tileLength &&
				chunks == l.chunks;
		}

		@Override
		public int hashCode() {
			return Objects.hash(compression, predictor, tiled, rowsPerStrip, tileWidth, tileLength, chunks);
		}
	}

	/** The parsed directory: immutable, shared by duplicates. */
	private static final class Structure {
		String name;
		Path file;
		long size;
		ByteOrder order;
		boolean bigTiff;
		int width, height, photometric;
		PixelType type;
		int planes;
		long[] chunkOffset;
		int[] chunkBytes;
		int[] planeFirstChunk;
		Layout[] layout;
		String description;
		ImageJMetadata imageJ;
		double xResolution = Double.NaN, yResolution = Double.NaN;
		int resolutionUnit = 2;
		long planeBytes;
		int maxChunkBytes, maxStoredChunkBytes;
	}

	private final Structure s;
	private final Source source;
	private final Codecs codecs = new Codecs();
	private byte[] raw;
	private ByteBuffer rawView;
	private byte[] chunk;
	private byte[] tile;
	private byte[] predictorRow;

	private TiffReader(Structure s, Source source) {
		this.s = s;
		this.source = source;
	}

	/**
	 * Opens and validates a TIFF file with the {@link Limits#DEFAULT default limits}.
	 *
	 * @throws TiffFormatException when the file is not a TIFF this reader can read, naming the problem
	 * @throws IOException when the file cannot be read
	 */
	public static TiffReader open(Path file) throws IOException {
		return open(file, Limits.DEFAULT);
	}

	/** Opens and validates a TIFF file. */
	public static TiffReader open(Path file, Limits limits) throws IOException {
		Source src = Source.of(file);
		try {
			Structure s = parse(src, limits);
			s.file = file;
			return new TiffReader(s, src);
		} catch (IOException | RuntimeException e) {
			src.close();
			throw e;
		}
	}

	/** Opens TIFF bytes held in memory (tests, fuzzing); {@code name} names them in messages. */
	public static TiffReader open(byte[] data, String name, Limits limits) throws IOException {
		Source src = Source.of(data, name);
		return new TiffReader(parse(src, limits), src);
	}

	/** @return a new reader of the same file sharing this one's parsed directory, with its own channel and buffers */
	public TiffReader duplicate() throws IOException {
		return new TiffReader(s, source.reopen());
	}

	/** Closes the file. */
	@Override
	public void close() throws IOException {
		codecs.close();
		source.close();
	}

	/** @return the file (or name) for messages */
	public String name() {
		return s.name;
	}

	/** @return the file, or null for bytes in memory */
	public Path file() {
		return s.file;
	}

	/** @return plane width in pixels */
	public int width() {
		return s.width;
	}

	/** @return plane height in pixels */
	public int height() {
		return s.height;
	}

	/** @return the number of planes (thumbnails excluded) */
	public int planes() {
		return s.planes;
	}

	/** @return the sample type */
	public PixelType pixelType() {
		return s.type;
	}

	/** @return the byte order of the file */
	public ByteOrder byteOrder() {
		return s.order;
	}

	/** @return true for BigTIFF */
	public boolean isBigTiff() {
		return s.bigTiff;
	}

	/** @return the bytes of one decoded plane */
	public long planeBytes() {
		return s.planeBytes;
	}

	/** @return the first plane's ImageDescription (up to {@link Limits#maxDescriptionBytes}), or null */
	public String description() {
		return s.description;
	}

	/** @return the ImageJ metadata of the description, or null when the file was not written by ImageJ */
	public ImageJMetadata imageJ() {
		return s.imageJ;
	}

	/** @return XResolution (pixels per {@link #resolutionUnit()}), NaN when absent */
	public double xResolution() {
		return s.xResolution;
	}

	/** @return YResolution, NaN when absent */
	public double yResolution() {
		return s.yResolution;
	}

	/** @return ResolutionUnit: 1 none, 2 inch, 3 centimetre */
	public int resolutionUnit() {
		return s.resolutionUnit;
	}

	/** @return true when the file stores a palette (PhotometricInterpretation 3): values are indices, read as is */
	public boolean isPalette() {
		return s.photometric == 3;
	}

	/** @return a new array for one plane, of {@link PixelType#arrayClass()} */
	public Object newPlane() {
		return s.type.newArray(s.width * s.height);
	}

	/**
	 * Reads plane {@code k} (0-based) into {@code dest}, an array of {@link PixelType#arrayClass()} with at least
	 * {@code width * height} elements, row-major.
	 *
	 * @throws TiffFormatException naming the plane when its data are corrupt or the file ends early
	 */
	public void readPlane(int k, Object dest) throws IOException {
		if (dest == null || dest.getClass() != s.type.arrayClass()) throw new IllegalArgumentException(
			"plane of " + s.type.describe() + " samples needs a " + s.type.arrayClass().getSimpleName() + ", got " +
				(dest == null ? "null" : dest.getClass().getSimpleName()));
		int n = s.width * s.height;
		if (java.lang.reflect.Array.getLength(dest) < n) throw new IllegalArgumentException("plane needs " + n +
			" elements, the array has " + java.lang.reflect.Array.getLength(dest));
		decode(k);
		rawView.clear();
		switch (s.type) {
			case UINT8:
				System.arraycopy(raw, 0, dest, 0, n);
				break;
			case UINT16:
			case INT16:
				rawView.asShortBuffer().get((short[]) dest, 0, n);
				break;
			case UINT32:
			case INT32:
				rawView.asIntBuffer().get((int[]) dest, 0, n);
				break;
			default:
				rawView.asFloatBuffer().get((float[]) dest, 0, n);
		}
	}

	/**
	 * Reads plane {@code k} as float values whatever the sample type: signed types keep their sign, unsigned 32-bit
	 * values above 2^24 are rounded to the nearest float.
	 */
	public void readPlaneAsFloat(int k, float[] dest) throws IOException {
		int n = s.width * s.height;
		if (dest.length < n) throw new IllegalArgumentException("plane needs " + n + " elements, the array has " +
			dest.length);
		if (s.type == PixelType.FLOAT32) {
			readPlane(k, dest);
			return;
		}
		decode(k);
		boolean le = s.order == ByteOrder.LITTLE_ENDIAN;
		for (int i = 0; i < n; i++) {
			switch (s.type) {
				case UINT8:
					dest[i] = raw[i] & 0xff;
					break;
				case UINT16:
					dest[i] = Codecs.get16(raw, 2 * i, le);
					break;
				case INT16:
					dest[i] = (short) Codecs.get16(raw, 2 * i, le);
					break;
				case UINT32:
					dest[i] = Codecs.get32(raw, 4 * i, le) & 0xffffffffL;
					break;
				default:
					dest[i] = Codecs.get32(raw, 4 * i, le);
			}
		}
	}

	private String plane(int k) {
		int total = s.imageJ != null && s.imageJ.images() > 0 ? s.imageJ.images() : s.planes;
		return "plane " + (k + 1) + " of " + total;
	}

	/** Decodes plane k into {@link #raw}, in the file's byte order. */
	private void decode(int k) throws IOException {
		if (k < 0 || k >= s.planes) throw new IndexOutOfBoundsException(s.name + " has " + s.planes +
			" planes, asked for index " + k);
		if (raw == null) {
			raw = new byte[(int) s.planeBytes];
			rawView = ByteBuffer.wrap(raw).order(s.order);
		}
		Layout l = s.layout[k];
		int bps = s.type.bytes();
		int rowBytes = s.width * bps;
		int c0 = s.planeFirstChunk[k];
		for (int c = 0; c < l.chunks; c++) {
			long off = s.chunkOffset[c0 + c];
			int stored = s.chunkBytes[c0 + c];
			try {
				if (!l.tiled) {
					int row0 = c * l.rowsPerStrip;
					int rows = Math.min(l.rowsPerStrip, s.height - row0);
					int expected = rows * rowBytes;
					int dst = row0 * rowBytes;
					if (l.compression == Codecs.NONE) source.read(off, raw, dst, expected);
					else {
						readChunk(off, stored);
						codecs.decode(l.compression, chunk, stored, raw, dst, expected);
						undoPredictor(l, raw, dst, rows, s.width, rowBytes);
					}
				}
				else {
					int across = (s.width + l.tileWidth - 1) / l.tileWidth;
					int tx = (c % across) * l.tileWidth, ty = (c / across) * l.tileLength;
					int tileRow = l.tileWidth * bps, expected = tileRow * l.tileLength;
					if (tile == null || tile.length < expected) tile = new byte[expected];
					if (l.compression == Codecs.NONE) source.read(off, tile, 0, expected);
					else {
						readChunk(off, stored);
						codecs.decode(l.compression, chunk, stored, tile, 0, expected);
						undoPredictor(l, tile, 0, l.tileLength, l.tileWidth, tileRow);
					}
					int w = Math.min(l.tileWidth, s.width - tx) * bps;
					int h = Math.min(l.tileLength, s.height - ty);
					for (int y = 0; y < h; y++)
						System.arraycopy(tile, y * tileRow, raw, (ty + y) * rowBytes + tx * bps, w);
				}
			} catch (Codecs.CodecException e) {
				throw new TiffFormatException(s.name + ": " + plane(k) + ", " + (l.tiled ? "tile " : "strip ") + (c + 1) +
					" of " + l.chunks + ": " + e.getMessage());
			} catch (EOFException e) {
				throw new TiffFormatException(s.name + ": " + plane(k) + " ends early: " + e.getMessage(), e);
			}
		}
	}

	private void readChunk(long off, int stored) throws IOException {
		if (chunk == null || chunk.length < stored) chunk = new byte[Math.max(stored, s.maxStoredChunkBytes)];
		source.read(off, chunk, 0, stored);
	}

	private void undoPredictor(Layout l, byte[] b, int off, int rows, int width, int rowStride) {
		if (l.predictor == 2) Codecs.undoHorizontal(b, off, rows, width, rowStride, s.type.bytes(), s.order);
		else if (l.predictor == 3) {
			if (predictorRow == null || predictorRow.length < rowStride) predictorRow = new byte[rowStride];
			Codecs.undoFloatingPoint(b, off, rows, width, rowStride, s.order, predictorRow);
		}
	}

	// ------------------------------------------------------------------ parsing

	/** One IFD entry: where its values are. */
	private static final class Entry {
		int type;
		long count;
		long valueOffset; // absolute file offset of the values
	}

	private static int typeSize(int type) {
		switch (type) {
			case 1: // BYTE
			case 2: // ASCII
			case 6: // SBYTE
			case 7: // UNDEFINED
				return 1;
			case 3: // SHORT
			case 8: // SSHORT
				return 2;
			case 4: // LONG
			case 9: // SLONG
			case 11: // FLOAT
			case 13: // IFD
				return 4;
			case 5: // RATIONAL
			case 10: // SRATIONAL
			case 12: // DOUBLE
			case 16: // LONG8
			case 17: // SLONG8
			case 18: // IFD8
				return 8;
			default:
				return 0;
		}
	}

	/** Reading context of one parse. */
	private static final class Parser {
		final Source src;
		final String name;
		final long size;
		final Limits limits;
		ByteOrder order;
		boolean big;
		final byte[] small = new byte[16];

		Parser(Source src, Limits limits) {
			this.src = src;
			this.name = src.name();
			this.size = src.size();
			this.limits = limits;
		}

		TiffFormatException fail(String message) {
			return new TiffFormatException(name + ": " + message);
		}

		long u(byte[] b, int p, int bytes) {
			long v = 0;
			if (order == ByteOrder.LITTLE_ENDIAN) for (int i = bytes - 1; i >= 0; i--)
				v = v << 8 | (b[p + i] & 0xff);
			else for (int i = 0; i < bytes; i++)
				v = v << 8 | (b[p + i] & 0xff);
			return v;
		}

		/** Reads {@code len} bytes at {@code pos}, which the caller checked lie inside the file. */
		byte[] bytes(long pos, int len, byte[] reuse) throws IOException {
			byte[] b = reuse != null && reuse.length >= len ? reuse : new byte[len];
			try {
				src.read(pos, b, 0, len);
			} catch (EOFException e) {
				throw fail("the file ends at byte " + size + " inside its directory (truncated?)");
			}
			return b;
		}

		/** Checks that {@code [pos, pos + len)} lies inside the file. */
		void inside(long pos, long len, String what) throws TiffFormatException {
			if (pos < 0 || len < 0 || pos > size || len > size - pos) throw fail(what + " at byte " + Long
				.toUnsignedString(pos) + " (" + Long.toUnsignedString(len) + " bytes) lies beyond the end of the file (" +
				size + " bytes): the file is truncated or corrupt");
		}

		/** @return the values of an integer tag */
		long[] longs(Entry e, long maxCount, String what) throws IOException {
			int ts = typeSize(e.type);
			if (e.type != 1 && e.type != 3 && e.type != 4 && e.type != 16 && e.type != 13 && e.type != 18)
				throw fail(what + " has TIFF type " + e.type + ", expected an unsigned integer type");
			if (e.count < 1 || e.count > maxCount) throw fail(what + " has " + Long.toUnsignedString(e.count) +
				" values, expected 1.." + maxCount);
			long bytes = e.count * ts;
			inside(e.valueOffset, bytes, what);
			long[] out = new long[(int) e.count];
			int batch = 8192;
			byte[] buf = new byte[(int) Math.min(bytes, (long) batch * ts)];
			for (int i = 0; i < out.length; i += batch) {
				int n = Math.min(batch, out.length - i);
				bytes(e.valueOffset + (long) i * ts, n * ts, buf);
				for (int j = 0; j < n; j++) {
					long v = u(buf, j * ts, ts);
					if (v < 0) throw fail(what + " holds a value above 2^63");
					out[i + j] = v;
				}
			}
			return out;
		}

		/** @return the first value of an integer tag (arrays such as BitsPerSample give their first value) */
		long scalar(Entry e, String what) throws IOException {
			int ts = typeSize(e.type);
			if (e.type != 1 && e.type != 3 && e.type != 4 && e.type != 16 && e.type != 13 && e.type != 18)
				throw fail(what + " has TIFF type " + e.type + ", expected an unsigned integer type");
			if (e.count < 1) throw fail(what + " has no value");
			inside(e.valueOffset, ts, what);
			long v = u(bytes(e.valueOffset, ts, small), 0, ts);
			if (v < 0) throw fail(what + " holds a value above 2^63");
			return v;
		}

		double rational(Entry e) throws IOException {
			if (e.type != 5 || e.count < 1) return Double.NaN;
			inside(e.valueOffset, 8, "resolution");
			byte[] b = bytes(e.valueOffset, 8, small);
			long num = u(b, 0, 4), den = u(b, 4, 4);
			return den == 0 ? Double.NaN : (double) num / den;
		}

		String ascii(Entry e) throws IOException {
			if (e.type != 2 && e.type != 1 && e.type != 7) return null;
			if (e.count > limits.maxDescriptionBytes) return null;
			inside(e.valueOffset, e.count, "ImageDescription");
			byte[] b = bytes(e.valueOffset, (int) e.count, null);
			int end = 0;
			while (end < b.length && b[end] != 0)
				end++;
			try {
				return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, 0, end)).toString();
			} catch (java.nio.charset.CharacterCodingException notUtf8) {
				return new String(b, 0, end, StandardCharsets.ISO_8859_1);
			}
		}
	}

	/**
	 * The IFD offsets seen, to refuse a chain that loops: 8 bytes per IFD while offsets increase (as every writer
	 * lays them out), a hash set once they do not.
	 */
	private static final class IfdOffsets {
		private long[] sorted = new long[16];
		private int n;
		private Set<Long> set;

		boolean add(long offset) {
			if (set != null) return set.add(offset);
			if (n == 0 || offset > sorted[n - 1]) {
				if (n == sorted.length) sorted = Arrays.copyOf(sorted, 2 * n);
				sorted[n++] = offset;
				return true;
			}
			if (Arrays.binarySearch(sorted, 0, n, offset) >= 0) return false;
			set = new HashSet<>();
			for (int i = 0; i < n; i++)
				set.add(sorted[i]);
			sorted = null;
			return set.add(offset);
		}
	}

	private static Structure parse(Source src, Limits limits) throws IOException {
		Parser p = new Parser(src, limits);
		Structure s = new Structure();
		s.name = p.name;
		s.size = p.size;
		if (p.size < 8) throw p.fail(p.size == 0 ? "empty file (0 bytes), not a TIFF" : "only " + p.size +
			" bytes, not a TIFF");
		byte[] h = p.bytes(0, (int) Math.min(16, p.size), null);
		if (h[0] == 'I' && h[1] == 'I') p.order = ByteOrder.LITTLE_ENDIAN;
		else if (h[0] == 'M' && h[1] == 'M') p.order = ByteOrder.BIG_ENDIAN;
		else throw p.fail("not a TIFF file (it starts with " + hex(h, 4) + "; a TIFF starts with II or MM)");
		int magic = (int) p.u(h, 2, 2);
		long ifd;
		if (magic == 42) ifd = p.u(h, 4, 4);
		else if (magic == 43) {
			if (p.size < 16) throw p.fail("only " + p.size + " bytes, too short for a BigTIFF header");
			if (p.u(h, 4, 2) != 8) throw p.fail("a BigTIFF with offsets of " + p.u(h, 4, 2) +
				" bytes; only 8 is defined");
			p.big = true;
			ifd = p.u(h, 8, 8);
		}
		else throw p.fail("not a TIFF file (version " + magic + " after the byte order mark, expected 42 or 43)");
		s.order = p.order;
		s.bigTiff = p.big;

		IfdOffsets seen = new IfdOffsets();
		Map<Layout, Layout> layouts = new HashMap<>();
		long[] offs = new long[16];
		int[] counts = new int[16];
		int chunks = 0;
		int[] first = new int[17];
		Layout[] layoutOf = new Layout[16];
		int planes = 0, ifds = 0;
		int maxChunk = 0, maxStored = 0;
		byte[] ifdBuf = null;
		while (ifd != 0) {
			ifds++;
			String where = "IFD " + ifds;
			if (ifds > limits.maxPlanes + 64) throw p.fail("more than " + limits.maxPlanes + " IFDs");
			if (!seen.add(ifd)) throw p.fail(where + " points back to an earlier IFD at byte " + ifd +
				" (a loop in the directory chain)");
			int countBytes = p.big ? 8 : 2, entryBytes = p.big ? 20 : 12, nextBytes = p.big ? 8 : 4;
			p.inside(ifd, countBytes, where + (planes > 0 ? " (plane " + (planes + 1) + ")" : ""));
			long n = p.u(p.bytes(ifd, countBytes, p.small), 0, countBytes);
			if (n < 1 || n > 65535) throw p.fail(where + " at byte " + ifd + " has " + Long.toUnsignedString(n) +
				" entries; expected 1..65535 (corrupt directory)");
			long blockBytes = n * entryBytes + nextBytes;
			p.inside(ifd + countBytes, blockBytes, where + " (" + n + " entries)");
			ifdBuf = p.bytes(ifd + countBytes, (int) blockBytes, ifdBuf);
			Map<Integer, Entry> tags = new HashMap<>();
			for (int i = 0; i < n; i++) {
				int q = i * entryBytes;
				int tag = (int) p.u(ifdBuf, q, 2);
				if (!TAGS.contains(tag) || tags.containsKey(tag)) continue;
				Entry e = new Entry();
				e.type = (int) p.u(ifdBuf, q + 2, 2);
				e.count = p.u(ifdBuf, q + 4, p.big ? 8 : 4);
				int ts = typeSize(e.type);
				int inline = p.big ? 8 : 4;
				long valueField = ifd + countBytes + q + (p.big ? 12 : 8);
				if (ts == 0) continue; // unknown type: the tag is ignored, as the specification asks
				if (e.count < 0 || e.count > Long.MAX_VALUE / 8) throw p.fail(where + ": tag " + tag + " claims " +
					Long.toUnsignedString(e.count) + " values");
				e.valueOffset = e.count * ts <= inline ? valueField : p.u(ifdBuf, q + (p.big ? 12 : 8), inline);
				tags.put(tag, e);
			}
			long next = p.u(ifdBuf, (int) (n * entryBytes), nextBytes);
			if (next < 0) throw p.fail(where + ": next IFD offset above 2^63");

			boolean thumbnail = tags.containsKey(NEW_SUBFILE_TYPE) && (p.scalar(tags.get(NEW_SUBFILE_TYPE),
				"NewSubfileType") & 1) != 0;
			if (!thumbnail) {
				String plane = "plane " + (planes + 1);
				if (planes >= limits.maxPlanes) throw p.fail("more than " + limits.maxPlanes + " planes");
				Entry we = require(p, tags, IMAGE_WIDTH, plane, "ImageWidth"), he = require(p, tags, IMAGE_LENGTH, plane,
					"ImageLength");
				long w = p.scalar(we, "ImageWidth"), ht = p.scalar(he, "ImageLength");
				if (w < 1 || ht < 1 || w > Integer.MAX_VALUE || ht > Integer.MAX_VALUE) throw p.fail(plane + " is " + w +
					" x " + ht + " px; width and height must be 1..2^31-1");
				int spp = tags.containsKey(SAMPLES_PER_PIXEL) ? (int) Math.min(Integer.MAX_VALUE, p.scalar(tags.get(
					SAMPLES_PER_PIXEL), "SamplesPerPixel")) : 1;
				int photometric = tags.containsKey(PHOTOMETRIC) ? (int) Math.min(65535, p.scalar(tags.get(PHOTOMETRIC),
					"PhotometricInterpretation")) : 1;
				if (photometric == 2 || spp == 3 || spp == 4) throw p.fail(plane + " is an RGB colour image (" + spp +
					" samples per pixel): a ratio needs grayscale intensities (8, 16 or 32-bit), one channel per " +
					"wavelength");
				if (spp != 1) throw p.fail(plane + " has " + spp + " samples per pixel; MagRatio reads one grey sample " +
					"per pixel (store each channel as its own plane)");
				if (photometric == 0) throw p.fail(plane + " stores inverted intensities (WhiteIsZero); save it as a " +
					"normal (BlackIsZero) grey image");
				if (photometric != 1 && photometric != 3) throw p.fail(plane + " has photometric interpretation " +
					photometric + " (e.g. CMYK, YCbCr or a mask); expected grey (1)");
				int bits = tags.containsKey(BITS_PER_SAMPLE) ? (int) Math.min(65535, p.scalar(tags.get(BITS_PER_SAMPLE),
					"BitsPerSample")) : 1;
				int format = tags.containsKey(SAMPLE_FORMAT) ? (int) Math.min(65535, p.scalar(tags.get(SAMPLE_FORMAT),
					"SampleFormat")) : 1;
				PixelType type = pixelType(p, plane, bits, format);
				if (tags.containsKey(FILL_ORDER) && p.scalar(tags.get(FILL_ORDER), "FillOrder") == 2) throw p.fail(plane +
					" uses bit fill order 2 (least significant bit first), which is not supported");
				int compression = tags.containsKey(COMPRESSION) ? (int) Math.min(65535, p.scalar(tags.get(COMPRESSION),
					"Compression")) : 1;
				checkCompression(p, plane, compression);
				int predictor = tags.containsKey(PREDICTOR) ? (int) Math.min(65535, p.scalar(tags.get(PREDICTOR),
					"Predictor")) : 1;
				if (compression == Codecs.NONE || compression == Codecs.PACKBITS) predictor = 1;
				if (predictor != 1 && predictor != 2 && predictor != 3) throw p.fail(plane + " has predictor " +
					predictor + "; expected 1 (none), 2 (horizontal) or 3 (floating point)");
				if (predictor == 3 && type != PixelType.FLOAT32) throw p.fail(plane + " has the floating-point " +
					"predictor on " + type.describe() + " samples; it applies to 32-bit float only");
				long rowBytes = w * type.bytes();
				long planeBytes = rowBytes * ht;
				if (planeBytes > limits.maxPlaneBytes) throw p.fail(plane + " is " + w + " x " + ht + " px of " + type
					.describe() + " samples = " + mib(planeBytes) + " per plane, more than the " + mib(
						limits.maxPlaneBytes) + " one plane may have");
				if (planes == 0) {
					s.width = (int) w;
					s.height = (int) ht;
					s.type = type;
					s.photometric = photometric;
					s.planeBytes = planeBytes;
					if (tags.containsKey(IMAGE_DESCRIPTION)) s.description = p.ascii(tags.get(IMAGE_DESCRIPTION));
					s.imageJ = ImageJMetadata.parse(s.description);
					if (tags.containsKey(X_RESOLUTION)) s.xResolution = p.rational(tags.get(X_RESOLUTION));
					if (tags.containsKey(Y_RESOLUTION)) s.yResolution = p.rational(tags.get(Y_RESOLUTION));
					if (tags.containsKey(RESOLUTION_UNIT)) s.resolutionUnit = (int) Math.min(3, p.scalar(tags.get(
						RESOLUTION_UNIT), "ResolutionUnit"));
				}
				else if (w != s.width || ht != s.height || type != s.type) throw p.fail(plane + " is " + w + " x " + ht +
					" px of " + type.describe() + " samples but plane 1 is " + s.width + " x " + s.height + " px of " +
					s.type.describe() + ": every plane of a recording must have the same size and type");

				boolean tiled = tags.containsKey(TILE_WIDTH) || tags.containsKey(TILE_OFFSETS);
				int rps = 0, tw = 0, tl = 0;
				long nChunks, chunkExpected;
				Entry offE, cntE;
				if (!tiled) {
					long r = tags.containsKey(ROWS_PER_STRIP) ? p.scalar(tags.get(ROWS_PER_STRIP), "RowsPerStrip") : ht;
					if (r < 1) throw p.fail(plane + " has RowsPerStrip " + r + "; expected >= 1");
					rps = (int) Math.min(r, ht);
					nChunks = (ht + rps - 1) / rps;
					chunkExpected = rps * rowBytes;
					offE = require(p, tags, STRIP_OFFSETS, plane, "StripOffsets");
					cntE = tags.get(STRIP_BYTE_COUNTS);
				}
				else {
					Entry twE = require(p, tags, TILE_WIDTH, plane, "TileWidth"), tlE = require(p, tags, TILE_LENGTH, plane,
						"TileLength");
					long a = p.scalar(twE, "TileWidth"), b = p.scalar(tlE, "TileLength");
					if (a < 1 || b < 1 || a > 65536 || b > 65536 || a * b * type.bytes() > limits.maxPlaneBytes) throw p
						.fail(plane + " has tiles of " + a + " x " + b + " px; expected 1..65536 each, within the plane " +
							"size limit");
					tw = (int) a;
					tl = (int) b;
					nChunks = ((w + tw - 1) / tw) * ((ht + tl - 1) / tl);
					chunkExpected = (long) tw * tl * type.bytes();
					offE = require(p, tags, TILE_OFFSETS, plane, "TileOffsets");
					cntE = tags.get(TILE_BYTE_COUNTS);
				}
				String unit = tiled ? "tile" : "strip";
				if (offE.count != nChunks) throw p.fail(plane + " lists " + offE.count + " " + unit + " offsets; its " +
					"size needs " + nChunks);
				if (cntE != null && cntE.count != nChunks) throw p.fail(plane + " lists " + cntE.count + " " + unit +
					" byte counts; its size needs " + nChunks);
				if (cntE == null && compression != Codecs.NONE) throw p.fail(plane + " has no " + unit +
					" byte counts, which compressed data need");
				if ((long) chunks + nChunks > limits.maxChunks) throw p.fail("more than " + limits.maxChunks +
					" strips and tiles in all; rewrite it with fewer, larger strips");
				long[] o = p.longs(offE, nChunks, plane + " " + unit + " offsets");
				long[] cnt = cntE == null ? null : p.longs(cntE, nChunks, plane + " " + unit + " byte counts");
				while (chunks + nChunks > offs.length) {
					int grow = (int) Math.min((long) limits.maxChunks, Math.max(offs.length * 2L, chunks + nChunks));
					offs = Arrays.copyOf(offs, grow);
					counts = Arrays.copyOf(counts, grow);
				}
				long maxRatio = Codecs.maxExpansion(compression);
				for (int c = 0; c < nChunks; c++) {
					long expected = tiled ? chunkExpected : Math.min(rps, ht - (long) c * rps) * rowBytes;
					long stored = cnt == null ? expected : cnt[c];
					String chunkName = plane + ", " + unit + " " + (c + 1) + " of " + nChunks;
					if (stored == 0) throw p.fail(chunkName + " has no data (byte count 0)");
					p.inside(o[c], Math.min(stored, compression == Codecs.NONE ? expected : stored), chunkName);
					if (compression == Codecs.NONE) {
						if (stored < expected) throw p.fail(chunkName + " holds " + stored + " bytes but " + expected +
							" are needed (truncated or corrupt)");
						stored = expected;
					}
					else {
						if (stored * maxRatio < expected) throw p.fail(chunkName + ": " + stored + " compressed bytes cannot " +
							"hold " + expected + " bytes (at most " + maxRatio + ":1 for this compression): corrupt or " +
							"truncated");
						if (stored > 2 * expected + 65536) throw p.fail(chunkName + " claims " + stored + " compressed bytes " +
							"for " + expected + " bytes of pixels (corrupt)");
					}
					offs[chunks + c] = o[c];
					counts[chunks + c] = (int) stored;
					maxStored = Math.max(maxStored, (int) stored);
					maxChunk = (int) Math.max(maxChunk, expected);
				}
				Layout l = new Layout(compression, predictor, tiled, rps, tw, tl, (int) nChunks);
				Layout shared = layouts.putIfAbsent(l, l);
				if (planes + 2 > first.length) {
					first = Arrays.copyOf(first, 2 * first.length);
					layoutOf = Arrays.copyOf(layoutOf, first.length);
				}
				layoutOf[planes] = shared == null ? l : shared;
				first[planes] = chunks;
				chunks += (int) nChunks;
				planes++;
				first[planes] = chunks;
			}
			ifd = next;
			if (ifd != 0) {
				String what = "the next IFD" + (planes > 0 ? " (after plane " + planes + (s.imageJ != null && s.imageJ
					.images() > 0 ? " of " + s.imageJ.images() : "") + ")" : "");
				p.inside(ifd, p.big ? 8 : 2, what);
			}
		}
		if (planes == 0) throw p.fail("no image in the file (only thumbnails or an empty directory)");
		s.planes = planes;
		s.chunkOffset = offs;
		s.chunkBytes = counts;
		s.planeFirstChunk = first;
		s.layout = layoutOf;
		s.maxChunkBytes = maxChunk;
		s.maxStoredChunkBytes = maxStored;
		if (s.imageJ != null && s.imageJ.images() > 1) imageJStack(p, s);
		return s;
	}

	/**
	 * An ImageJ stack: with one IFD and {@code images=N}, ImageJ's layout of N contiguous uncompressed planes (how it
	 * writes stacks past 4 GiB); with several IFDs their number must be N.
	 */
	private static void imageJStack(Parser p, Structure s) throws TiffFormatException {
		int n = s.imageJ.images();
		if (s.planes == n) return;
		if (s.planes > 1) throw p.fail("its ImageJ description says images=" + n + " but the file has " + s.planes +
			" planes: the file is truncated or was edited by another program");
		Layout l = s.layout[0];
		if (l.compression != Codecs.NONE || l.tiled) throw p.fail("its ImageJ description says images=" + n +
			" but the file has one compressed or tiled plane");
		long start = s.chunkOffset[0];
		for (int c = 1; c < l.chunks; c++)
			if (s.chunkOffset[c] != s.chunkOffset[c - 1] + s.chunkBytes[c - 1]) throw p.fail("its ImageJ description " +
				"says images=" + n + " but the strips of its first plane are not contiguous");
		long planeBytes = s.planeBytes;
		long fit = (s.size - start) / planeBytes;
		if (fit < n) throw p.fail("plane " + (fit + 1) + " of " + n + " would end at byte " + (start + (fit + 1) *
			planeBytes) + " but the file has " + s.size + " bytes: the file is truncated (planes " + (fit + 1) + ".." +
			n + " are missing)");
		if (n > p.limits.maxPlanes) throw p.fail(n + " planes, more than " + p.limits.maxPlanes);
		if (planeBytes > Integer.MAX_VALUE) throw p.fail("planes of " + planeBytes + " bytes");
		Layout one = new Layout(Codecs.NONE, 1, false, s.height, 0, 0, 1);
		s.chunkOffset = new long[n];
		s.chunkBytes = new int[n];
		s.planeFirstChunk = new int[n + 1];
		s.layout = new Layout[n];
		for (int k = 0; k < n; k++) {
			s.chunkOffset[k] = start + k * planeBytes;
			s.chunkBytes[k] = (int) planeBytes;
			s.planeFirstChunk[k] = k;
			s.layout[k] = one;
		}
		s.planeFirstChunk[n] = n;
		s.planes = n;
		s.maxChunkBytes = (int) planeBytes;
		s.maxStoredChunkBytes = (int) planeBytes;
	}

	private static Entry require(Parser p, Map<Integer, Entry> tags, int tag, String plane, String name)
		throws TiffFormatException
	{
		Entry e = tags.get(tag);
		if (e == null) throw p.fail(plane + " lacks the required tag " + name + " (" + tag + ")");
		return e;
	}

	private static PixelType pixelType(Parser p, String plane, int bits, int format) throws TiffFormatException {
		if (format == 4) format = 1; // "undefined": read as unsigned, as libtiff does
		if (format == 3) {
			if (bits == 32) return PixelType.FLOAT32;
			throw p.fail(plane + " has " + bits + "-bit floating-point samples; MagRatio reads 32-bit float (save " +
				"as 32-bit)");
		}
		if (format != 1 && format != 2) throw p.fail(plane + " has SampleFormat " + format +
			"; expected unsigned (1), signed (2) or float (3)");
		boolean signed = format == 2;
		switch (bits) {
			case 8:
				if (signed) throw p.fail(plane + " has 8-bit signed samples; expected 8-bit unsigned, 16-bit or 32-bit");
				return PixelType.UINT8;
			case 16:
				return signed ? PixelType.INT16 : PixelType.UINT16;
			case 32:
				return signed ? PixelType.INT32 : PixelType.UINT32;
			default:
				throw p.fail(plane + " has " + bits + "-bit samples; MagRatio reads 8, 16 and 32-bit samples (a " +
					(bits < 8 ? "bilevel or packed" : "packed " + bits + "-bit") + " image: save it as 8 or 16-bit)");
		}
	}

	private static void checkCompression(Parser p, String plane, int c) throws TiffFormatException {
		if (c == Codecs.NONE || c == Codecs.LZW || c == Codecs.DEFLATE || c == Codecs.DEFLATE_OLD ||
			c == Codecs.PACKBITS) return;
		if (c == 6 || c == 7 || c == 34892) throw p.fail(plane + " is JPEG-compressed: lossy compression changes " +
			"intensities and ratios; save the recording uncompressed, LZW or deflate (zip)");
		throw p.fail(plane + " uses compression " + c + ", which MagRatio does not read (supported: none, LZW, " +
			"deflate/zip, PackBits)");
	}

	private static String hex(byte[] b, int n) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < n && i < b.length; i++)
			sb.append(String.format("%02X", b[i] & 0xff)).append(i + 1 < n ? " " : "");
		return sb.toString();
	}

	static String mib(long bytes) {
		return bytes >= 1 << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
			: String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
	}
}
