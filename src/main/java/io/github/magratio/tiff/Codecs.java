package io.github.magratio.tiff;

import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The decompressors and predictors of TIFF strips and tiles. Every decoder writes exactly the number of bytes the
 * caller expects into the caller's array and never more; input that ends early, or codes that do not exist, are errors.
 * Instances hold reusable tables: not thread-safe, one per reader.
 */
final class Codecs {

	/** A decoding failure; the reader adds the file, plane and strip to the message. */
	static final class CodecException extends Exception {
		private static final long serialVersionUID = 1L;

		CodecException(String message) {
			super(message);
		}
	}

	/** TIFF compression codes. */
	static final int NONE = 1, LZW = 5, DEFLATE = 8, DEFLATE_OLD = 32946, PACKBITS = 32773;

	/**
	 * The most output one input byte can produce: deflate 1032:1 (a run of 258 bytes per 2-bit code), LZW about
	 * 4096 bytes per 9-bit code, PackBits 128 per 2 bytes. A strip claiming more is corrupt, which is found before its
	 * output is allocated.
	 */
	static long maxExpansion(int compression) {
		switch (compression) {
			case NONE:
				return 1;
			case DEFLATE:
			case DEFLATE_OLD:
				return 1032;
			case PACKBITS:
				return 64;
			default:
				return 3641;
		}
	}

	private final Inflater inflater = new Inflater();
	// LZW string table: prefix code, last byte, first byte and length of each entry
	private final short[] prefix = new short[4096];
	private final byte[] suffix = new byte[4096];
	private final byte[] first = new byte[4096];
	private final short[] length = new short[4096];

	/** Releases the inflater's native memory. */
	void close() {
		inflater.end();
	}

	/** @return the bytes written ({@code outLen} unless the data ended early: then an exception) */
	void decode(int compression, byte[] in, int inLen, byte[] out, int outOff, int outLen) throws CodecException {
		switch (compression) {
			case LZW:
				lzw(in, inLen, out, outOff, outLen);
				break;
			case DEFLATE:
			case DEFLATE_OLD:
				inflate(in, inLen, out, outOff, outLen);
				break;
			case PACKBITS:
				packBits(in, inLen, out, outOff, outLen);
				break;
			default:
				throw new CodecException("compression " + compression + " is not supported");
		}
	}

	private void inflate(byte[] in, int inLen, byte[] out, int outOff, int outLen) throws CodecException {
		inflater.reset();
		inflater.setInput(in, 0, inLen);
		int done = 0, stalls = 0;
		try {
			while (done < outLen) {
				int n = inflater.inflate(out, outOff + done, outLen - done);
				done += n;
				if (n > 0) {
					stalls = 0;
					continue;
				}
				if (inflater.finished()) throw new CodecException("deflate data ends after " + done + " of " + outLen +
					" bytes");
				if (inflater.needsDictionary()) throw new CodecException("deflate data needs a preset dictionary");
				if (inflater.needsInput()) throw new CodecException("deflate data is truncated: " + inLen +
					" compressed bytes give " + done + " of " + outLen + " bytes");
				// no progress without a reason: never loop on it
				if (++stalls > 2) throw new CodecException("deflate data makes no progress after " + done + " bytes");
			}
			// read to the end of the stream, so its checksum is verified: a flipped bit is an error, not a wrong pixel
			byte[] one = new byte[1];
			for (int guard = 0; !inflater.finished(); guard++) {
				if (inflater.inflate(one) > 0) throw new CodecException("deflate data hold more than the " + outLen +
					" bytes of their strip (corrupt)");
				if (inflater.needsInput() || inflater.needsDictionary() || guard > 2) throw new CodecException(
					"deflate data end before their checksum (truncated or corrupt)");
			}
		} catch (DataFormatException e) {
			throw new CodecException("corrupt deflate data after " + done + " of " + outLen + " bytes (" + shorten(e
				.getMessage()) + ")");
		}
	}

	private static void packBits(byte[] in, int inLen, byte[] out, int outOff, int outLen) throws CodecException {
		int i = 0, o = outOff, end = outOff + outLen;
		while (o < end) {
			if (i >= inLen) throw new CodecException("PackBits data ends after " + (o - outOff) + " of " + outLen +
				" bytes");
			int n = in[i++];
			if (n >= 0) {
				int count = Math.min(n + 1, end - o);
				if (i + count > inLen) throw new CodecException("PackBits literal run ends past the data after " + (o -
					outOff) + " of " + outLen + " bytes");
				System.arraycopy(in, i, out, o, count);
				i += n + 1;
				o += count;
			}
			else if (n != -128) {
				if (i >= inLen) throw new CodecException("PackBits repeat run ends past the data after " + (o - outOff) +
					" of " + outLen + " bytes");
				byte b = in[i++];
				int count = Math.min(1 - n, end - o);
				for (int k = 0; k < count; k++)
					out[o++] = b;
			}
		}
	}

	/** TIFF 6 LZW: codes MSB first, 9 to 12 bits, width growing one code early, 256 = clear, 257 = end. */
	private void lzw(byte[] in, int inLen, byte[] out, int outOff, int outLen) throws CodecException {
		for (int c = 0; c < 256; c++) {
			prefix[c] = -1;
			suffix[c] = (byte) c;
			first[c] = (byte) c;
			length[c] = 1;
		}
		int o = outOff, end = outOff + outLen;
		int next = 258, bits = 9, old = -1;
		long bitPos = 0, totalBits = 8L * inLen;
		while (o < end) {
			if (bitPos + bits > totalBits) throw new CodecException("LZW data ends after " + (o - outOff) + " of " +
				outLen + " bytes");
			int code = readBits(in, bitPos, bits);
			bitPos += bits;
			if (code == 257) throw new CodecException("LZW data ends (end code) after " + (o - outOff) + " of " +
				outLen + " bytes");
			if (code == 256) {
				next = 258;
				bits = 9;
				old = -1;
				continue;
			}
			if (old < 0) {
				if (code > 255) throw new CodecException("corrupt LZW data: code " + code + " after a clear code");
				out[o++] = (byte) code;
				old = code;
				continue;
			}
			int written;
			if (code < next) {
				written = emit(code, out, o, end);
				if (next < 4096) add(old, first[code], next++);
			}
			else if (code == next && next < 4096) {
				add(old, first[old], next++);
				written = emit(code, out, o, end);
			}
			else throw new CodecException("corrupt LZW data: code " + code + " before it was defined (next " + next + ")");
			o += written;
			old = code;
			if (next >= (1 << bits) - 1 && bits < 12) bits++;
		}
	}

	private void add(int prefixCode, byte last, int code) {
		prefix[code] = (short) prefixCode;
		suffix[code] = last;
		first[code] = first[prefixCode];
		length[code] = (short) (length[prefixCode] + 1);
	}

	/** Writes the string of {@code code} at {@code o}, cut at {@code end}; returns the bytes written. */
	private int emit(int code, byte[] out, int o, int end) {
		int len = length[code];
		int n = Math.min(len, end - o);
		int c = code;
		// walk back from the last byte; bytes beyond the end are dropped
		for (int k = len - 1; k >= 0; k--) {
			if (k < n) out[o + k] = suffix[c];
			c = prefix[c];
		}
		return n;
	}

	private static int readBits(byte[] in, long bitPos, int bits) {
		int byteIndex = (int) (bitPos >>> 3), shift = (int) (bitPos & 7);
		int v = (in[byteIndex] & 0xff) << 16;
		if (byteIndex + 1 < in.length) v |= (in[byteIndex + 1] & 0xff) << 8;
		if (byteIndex + 2 < in.length) v |= in[byteIndex + 2] & 0xff;
		return (v >>> (24 - shift - bits)) & ((1 << bits) - 1);
	}

	/**
	 * Undoes horizontal differencing (predictor 2) in place: {@code rows} rows of {@code width} samples of
	 * {@code bytes} bytes, each row starting {@code rowStride} bytes after the previous one.
	 */
	static void undoHorizontal(byte[] b, int off, int rows, int width, int rowStride, int bytes, ByteOrder order) {
		boolean le = order == ByteOrder.LITTLE_ENDIAN;
		for (int r = 0; r < rows; r++) {
			int p = off + r * rowStride;
			switch (bytes) {
				case 1:
					for (int i = 1; i < width; i++)
						b[p + i] += b[p + i - 1];
					break;
				case 2: {
					int prev = get16(b, p, le);
					for (int i = 1; i < width; i++) {
						int q = p + 2 * i;
						prev = (get16(b, q, le) + prev) & 0xffff;
						put16(b, q, prev, le);
					}
					break;
				}
				default: {
					int prev = get32(b, p, le);
					for (int i = 1; i < width; i++) {
						int q = p + 4 * i;
						prev = get32(b, q, le) + prev;
						put32(b, q, prev, le);
					}
				}
			}
		}
	}

	/**
	 * Undoes the floating-point predictor (predictor 3) of 32-bit samples in place: per row, the bytes were split into
	 * planes by significance (most significant first) and differenced byte by byte.
	 *
	 * @param row scratch of at least {@code 4 * width} bytes
	 */
	static void undoFloatingPoint(byte[] b, int off, int rows, int width, int rowStride, ByteOrder order,
		byte[] row)
	{
		int n = 4 * width;
		boolean le = order == ByteOrder.LITTLE_ENDIAN;
		for (int r = 0; r < rows; r++) {
			int p = off + r * rowStride;
			for (int i = 1; i < n; i++)
				b[p + i] += b[p + i - 1];
			System.arraycopy(b, p, row, 0, n);
			for (int i = 0; i < width; i++)
				for (int k = 0; k < 4; k++) {
					// k = 0 is the most significant byte
					byte v = row[k * width + i];
					b[p + 4 * i + (le ? 3 - k : k)] = v;
				}
		}
	}

	static int get16(byte[] b, int p, boolean le) {
		return le ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 : (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
	}

	static void put16(byte[] b, int p, int v, boolean le) {
		if (le) {
			b[p] = (byte) v;
			b[p + 1] = (byte) (v >>> 8);
		}
		else {
			b[p] = (byte) (v >>> 8);
			b[p + 1] = (byte) v;
		}
	}

	static int get32(byte[] b, int p, boolean le) {
		return le ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24
			: (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
	}

	static void put32(byte[] b, int p, int v, boolean le) {
		for (int k = 0; k < 4; k++)
			b[p + (le ? k : 3 - k)] = (byte) (v >>> (8 * k));
	}

	/** @return at most 40 characters of {@code s}, for messages */
	static String shorten(String s) {
		if (s == null) return "";
		return s.length() <= 40 ? s : s.substring(0, 37) + "...";
	}
}
