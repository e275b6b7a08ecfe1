package io.github.magratio.tiff;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes TIFF files byte by byte for tests, independently of the reader: the caller gives every tag and the bytes of
 * every strip, so a test knows exactly what is in the file. Classic or BigTIFF, either byte order; IFDs in the order
 * added, each followed by its out-of-line values, strips after all IFDs.
 */
public final class TiffBytes {

	public static final int BYTE = 1, ASCII = 2, SHORT = 3, LONG = 4, RATIONAL = 5, LONG8 = 16;

	/** One IFD under construction. */
	public final class Ifd {
		final TreeMap<Integer, Object[]> tags = new TreeMap<>();
		final List<byte[]> strips = new ArrayList<>();
		int offsetsTag = 273, countsTag = 279;
		Long nextOverride;

		public Ifd tag(int tag, int type, long... values) {
			tags.put(tag, new Object[] { type, values });
			return this;
		}

		public Ifd ascii(int tag, String s) {
			byte[] b = (s + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
			long[] v = new long[b.length];
			for (int i = 0; i < b.length; i++)
				v[i] = b[i] & 0xff;
			tags.put(tag, new Object[] { ASCII, v });
			return this;
		}

		/** The basic tags of a grey image with one strip per {@code rowsPerStrip} rows. */
		public Ifd grey(int width, int height, int bits, int sampleFormat, int compression) {
			tag(256, LONG, width);
			tag(257, LONG, height);
			tag(258, SHORT, bits);
			tag(259, SHORT, compression);
			tag(262, SHORT, 1);
			tag(277, SHORT, 1);
			tag(339, SHORT, sampleFormat);
			return this;
		}

		/** Adds strips; the strip offset and byte count tags are filled in when the file is built. */
		public Ifd strips(int rowsPerStrip, byte[]... data) {
			tag(278, LONG, rowsPerStrip);
			for (byte[] d : data)
				strips.add(d);
			return this;
		}

		/** Adds tiles instead of strips. */
		public Ifd tiles(int tileWidth, int tileLength, byte[]... data) {
			tag(322, LONG, tileWidth);
			tag(323, LONG, tileLength);
			offsetsTag = 324;
			countsTag = 325;
			for (byte[] d : data)
				strips.add(d);
			return this;
		}

		/** Points this IFD's "next" at an arbitrary offset (loops, offsets past the end). */
		public Ifd next(long offset) {
			nextOverride = offset;
			return this;
		}
	}

	private final ByteOrder order;
	private final boolean big;
	final List<Ifd> ifds = new ArrayList<>();
	/** Byte counts to write instead of the strips' real lengths, by IFD and strip (null = real). */
	public final List<long[]> countOverrides = new ArrayList<>();

	public TiffBytes(ByteOrder order, boolean big) {
		this.order = order;
		this.big = big;
	}

	public Ifd ifd() {
		Ifd i = new Ifd();
		ifds.add(i);
		countOverrides.add(null);
		return i;
	}

	public byte[] build() {
		// layout: header, then for each IFD its entries and values, then all strip data
		int head = big ? 16 : 8;
		int entry = big ? 20 : 12, countBytes = big ? 8 : 2, nextBytes = big ? 8 : 4, inline = big ? 8 : 4;
		// first pass: sizes
		long pos = head;
		long[] ifdAt = new long[ifds.size()];
		for (int k = 0; k < ifds.size(); k++) {
			Ifd d = ifds.get(k);
			putStripTags(d, k, new long[d.strips.size()]);
			ifdAt[k] = pos;
			pos += countBytes + (long) entry * d.tags.size() + nextBytes;
			for (Object[] t : d.tags.values()) {
				long bytes = size((int) t[0]) * (long) ((long[]) t[1]).length;
				if (bytes > inline) pos += bytes + (bytes & 1);
			}
		}
		long[][] stripAt = new long[ifds.size()][];
		for (int k = 0; k < ifds.size(); k++) {
			Ifd d = ifds.get(k);
			stripAt[k] = new long[d.strips.size()];
			for (int s = 0; s < d.strips.size(); s++) {
				stripAt[k][s] = pos;
				pos += d.strips.get(s).length;
			}
		}
		ByteBuffer b = ByteBuffer.allocate((int) pos).order(order);
		b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M').put(order == ByteOrder.LITTLE_ENDIAN
			? (byte) 'I' : (byte) 'M');
		if (big) b.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(ifds.isEmpty() ? 0 : ifdAt[0]);
		else b.putShort((short) 42).putInt(ifds.isEmpty() ? 0 : (int) ifdAt[0]);
		for (int k = 0; k < ifds.size(); k++) {
			Ifd d = ifds.get(k);
			putStripTags(d, k, stripAt[k]);
			b.position((int) ifdAt[k]);
			long values = ifdAt[k] + countBytes + (long) entry * d.tags.size() + nextBytes;
			if (big) b.putLong(d.tags.size());
			else b.putShort((short) d.tags.size());
			List<Object[]> outOfLine = new ArrayList<>();
			List<Long> outAt = new ArrayList<>();
			for (java.util.Map.Entry<Integer, Object[]> t : d.tags.entrySet()) {
				int type = (int) t.getValue()[0];
				long[] v = (long[]) t.getValue()[1];
				b.putShort((short) (int) t.getKey()).putShort((short) type);
				if (big) b.putLong(v.length);
				else b.putInt(v.length);
				long bytes = size(type) * (long) v.length;
				int fieldStart = b.position();
				if (bytes <= inline) {
					for (long x : v)
						put(b, type, x);
				}
				else {
					if (big) b.putLong(values);
					else b.putInt((int) values);
					outOfLine.add(t.getValue());
					outAt.add(values);
					values += bytes + (bytes & 1);
				}
				b.position(fieldStart + inline);
			}
			long next = d.nextOverride != null ? d.nextOverride : k + 1 < ifds.size() ? ifdAt[k + 1] : 0;
			if (big) b.putLong(next);
			else b.putInt((int) next);
			for (int i = 0; i < outOfLine.size(); i++) {
				b.position((int) (long) outAt.get(i));
				for (long x : (long[]) outOfLine.get(i)[1])
					put(b, (int) outOfLine.get(i)[0], x);
			}
		}
		for (int k = 0; k < ifds.size(); k++)
			for (int s = 0; s < ifds.get(k).strips.size(); s++) {
				b.position((int) stripAt[k][s]);
				b.put(ifds.get(k).strips.get(s));
			}
		return b.array();
	}

	private void putStripTags(Ifd d, int k, long[] offsets) {
		if (d.strips.isEmpty()) return;
		long[] counts = new long[d.strips.size()];
		for (int s = 0; s < counts.length; s++)
			counts[s] = d.strips.get(s).length;
		if (countOverrides.get(k) != null) counts = countOverrides.get(k);
		int type = big ? LONG8 : LONG;
		if (!d.tags.containsKey(d.offsetsTag) || d.tags.get(d.offsetsTag)[0].equals(type)) d.tag(d.offsetsTag, type,
			offsets);
		if (!d.tags.containsKey(d.countsTag) || d.tags.get(d.countsTag)[0].equals(LONG)) d.tag(d.countsTag, LONG, counts);
	}

	private static int size(int type) {
		switch (type) {
			case BYTE:
			case ASCII:
				return 1;
			case SHORT:
				return 2;
			case LONG:
				return 4;
			default:
				return 8;
		}
	}

	private static void put(ByteBuffer b, int type, long v) {
		switch (type) {
			case BYTE:
			case ASCII:
				b.put((byte) v);
				break;
			case SHORT:
				b.putShort((short) v);
				break;
			case LONG:
				b.putInt((int) v);
				break;
			case RATIONAL:
				b.putInt((int) v).putInt(1);
				break;
			default:
				b.putLong(v);
		}
	}

	/** @return {@code values} as bytes of {@code bytesPerSample} in {@code order} */
	public static byte[] samples(ByteOrder order, int bytesPerSample, long... values) {
		ByteBuffer b = ByteBuffer.allocate(values.length * bytesPerSample).order(order);
		for (long v : values)
			if (bytesPerSample == 1) b.put((byte) v);
			else if (bytesPerSample == 2) b.putShort((short) v);
			else b.putInt((int) v);
		return b.array();
	}

	public static byte[] floats(ByteOrder order, float... values) {
		ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
		for (float v : values)
			b.putFloat(v);
		return b.array();
	}

	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		for (byte[] p : parts)
			o.write(p, 0, p.length);
		return o.toByteArray();
	}
}
