package io.github.magratio.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

/**
 * The TIFF reader on files written byte by byte ({@link TiffBytes}): every expected pixel is written into the test,
 * and every compressed stream is either encoded by hand (LZW codes, PackBits runs) or by the JDK's independent
 * {@link Deflater}.
 */
class TiffReaderTest {

	static final TiffReader.Limits L = TiffReader.Limits.DEFAULT;

	static TiffReader read(byte[] file) throws Exception {
		return TiffReader.open(file, "test.tif", L);
	}

	@Test
	void uncompressed16BitInBothByteOrdersAndBigTiff() throws Exception {
		long[] v = { 0, 1, 65535, 4095, 300, 32768 };
		for (ByteOrder order : new ByteOrder[] { ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN })
			for (boolean big : new boolean[] { false, true }) {
				TiffBytes t = new TiffBytes(order, big);
				t.ifd().grey(3, 2, 16, 1, 1).strips(2, TiffBytes.samples(order, 2, v));
				try (TiffReader r = read(t.build())) {
					assertEquals(3, r.width());
					assertEquals(2, r.height());
					assertEquals(1, r.planes());
					assertEquals(PixelType.UINT16, r.pixelType());
					assertEquals(big, r.isBigTiff());
					short[] p = new short[6];
					r.readPlane(0, p);
					for (int i = 0; i < 6; i++)
						assertEquals(v[i], p[i] & 0xffff, order + " big=" + big + " pixel " + i);
					float[] f = new float[6];
					r.readPlaneAsFloat(0, f);
					assertEquals(65535f, f[2]);
				}
			}
	}

	@Test
	void signed16BitKeepsItsSign() throws Exception {
		TiffBytes t = new TiffBytes(ByteOrder.BIG_ENDIAN, false);
		t.ifd().grey(2, 2, 16, 2, 1).strips(2, TiffBytes.samples(ByteOrder.BIG_ENDIAN, 2, -32768, -1, 0, 32767));
		try (TiffReader r = read(t.build())) {
			assertEquals(PixelType.INT16, r.pixelType());
			float[] f = new float[4];
			r.readPlaneAsFloat(0, f);
			assertArrayEquals(new float[] { -32768, -1, 0, 32767 }, f);
		}
	}

	@Test
	void eightBitFloatAnd32BitIntegers() throws Exception {
		TiffBytes t = new TiffBytes(ByteOrder.LITTLE_ENDIAN, false);
		t.ifd().grey(2, 1, 8, 1, 1).strips(1, new byte[] { (byte) 200, 7 });
		try (TiffReader r = read(t.build())) {
			byte[] b = new byte[2];
			r.readPlane(0, b);
			assertEquals(200, b[0] & 0xff);
			assertEquals(7, b[1]);
		}
		t = new TiffBytes(ByteOrder.BIG_ENDIAN, true);
		t.ifd().grey(3, 1, 32, 3, 1).strips(1, TiffBytes.floats(ByteOrder.BIG_ENDIAN, 1.5f, Float.NaN, -2e-7f));
		try (TiffReader r = read(t.build())) {
			float[] f = new float[3];
			r.readPlane(0, f);
			assertEquals(1.5f, f[0]);
			assertTrue(Float.isNaN(f[1]));
			assertEquals(-2e-7f, f[2]);
		}
		t = new TiffBytes(ByteOrder.LITTLE_ENDIAN, false);
		t.ifd().grey(2, 1, 32, 1, 1).strips(1, TiffBytes.samples(ByteOrder.LITTLE_ENDIAN, 4, 4_000_000_000L, 5));
		try (TiffReader r = read(t.build())) {
			assertEquals(PixelType.UINT32, r.pixelType());
			int[] p = new int[2];
			r.readPlane(0, p);
			assertEquals(4_000_000_000L, p[0] & 0xffffffffL);
		}
	}

	@Test
	void severalStripsAndSeveralPlanes() throws Exception {
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		for (int k = 0; k < 3; k++)
			t.ifd().grey(2, 3, 16, 1, 1).strips(1, TiffBytes.samples(o, 2, 10 * k, 10 * k + 1), TiffBytes.samples(o, 2,
				10 * k + 2, 10 * k + 3), TiffBytes.samples(o, 2, 10 * k + 4, 10 * k + 5));
		try (TiffReader r = read(t.build())) {
			assertEquals(3, r.planes());
			short[] p = new short[6];
			for (int k = 2; k >= 0; k--) {
				r.readPlane(k, p);
				for (int i = 0; i < 6; i++)
					assertEquals(10 * k + i, p[i], "plane " + k + " pixel " + i);
			}
		}
	}

	@Test
	void tilesArePlacedAndClippedAtTheEdges() throws Exception {
		// a 20 x 18 image in 16 x 16 tiles: 2 x 2 tiles, the right and bottom ones padded
		ByteOrder o = ByteOrder.BIG_ENDIAN;
		int w = 20, h = 18;
		byte[][] tiles = new byte[4][16 * 16 * 2];
		for (int ty = 0; ty < 2; ty++)
			for (int tx = 0; tx < 2; tx++) {
				long[] v = new long[256];
				for (int y = 0; y < 16; y++)
					for (int x = 0; x < 16; x++) {
						int gx = tx * 16 + x, gy = ty * 16 + y;
						v[y * 16 + x] = gx < w && gy < h ? gy * 100 + gx : 9999; // padding is never read
					}
				tiles[ty * 2 + tx] = TiffBytes.samples(o, 2, v);
			}
		TiffBytes t = new TiffBytes(o, false);
		t.ifd().grey(w, h, 16, 1, 1).tiles(16, 16, tiles);
		try (TiffReader r = read(t.build())) {
			short[] p = new short[w * h];
			r.readPlane(0, p);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					assertEquals(y * 100 + x, p[y * w + x], x + "," + y);
		}
	}

	@Test
	void packBitsTheAppleExample() throws Exception {
		// Apple's technical note TN1023 example: 15 packed bytes -> 24 bytes
		byte[] packed = { (byte) 0xFE, (byte) 0xAA, 0x02, (byte) 0x80, 0x00, 0x2A, (byte) 0xFD, (byte) 0xAA, 0x03,
			(byte) 0x80, 0x00, 0x2A, 0x22, (byte) 0xF7, (byte) 0xAA };
		int[] expected = { 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0x22, 0xAA,
			0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA };
		TiffBytes t = new TiffBytes(ByteOrder.LITTLE_ENDIAN, false);
		t.ifd().grey(6, 4, 8, 1, 32773).strips(4, packed);
		try (TiffReader r = read(t.build())) {
			byte[] p = new byte[24];
			r.readPlane(0, p);
			for (int i = 0; i < 24; i++)
				assertEquals(expected[i], p[i] & 0xff, "byte " + i);
		}
	}

	/** Packs codes MSB first at the given widths (the encoder side of TIFF LZW, done by hand). */
	static byte[] packCodes(int[] codes, int[] widths) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		long acc = 0;
		int n = 0;
		for (int i = 0; i < codes.length; i++) {
			acc = acc << widths[i] | codes[i];
			n += widths[i];
			while (n >= 8) {
				o.write((int) (acc >>> (n - 8)) & 0xff);
				n -= 8;
			}
		}
		if (n > 0) o.write((int) (acc << (8 - n)) & 0xff);
		return o.toByteArray();
	}

	@Test
	void lzwCodesEncodedByHand() throws Exception {
		// "AAAA": clear, 'A', 258 ("AA", defined by the decoder after the first two codes), 'A', end
		byte[] data = packCodes(new int[] { 256, 65, 258, 65, 257 }, new int[] { 9, 9, 9, 9, 9 });
		TiffBytes t = new TiffBytes(ByteOrder.LITTLE_ENDIAN, false);
		t.ifd().grey(4, 1, 8, 1, 5).strips(1, data);
		try (TiffReader r = read(t.build())) {
			byte[] p = new byte[4];
			r.readPlane(0, p);
			assertArrayEquals(new byte[] { 65, 65, 65, 65 }, p);
		}
		// "ABABABA": A B 258(AB) 260(ABA, the code being defined: the KwKwK case)
		data = packCodes(new int[] { 256, 'A', 'B', 258, 260, 257 }, new int[] { 9, 9, 9, 9, 9, 9 });
		t = new TiffBytes(ByteOrder.LITTLE_ENDIAN, false);
		t.ifd().grey(7, 1, 8, 1, 5).strips(1, data);
		try (TiffReader r = read(t.build())) {
			byte[] p = new byte[7];
			r.readPlane(0, p);
			assertEquals("ABABABA", new String(p, java.nio.charset.StandardCharsets.US_ASCII));
		}
	}

	@Test
	void lzwCodeWidthGrowsOneCodeEarly() throws Exception {
		// 300 distinct two-byte strings: literals alternate so every code after the first defines a new entry; the
		// decoder's next code reaches 511 after 253 entries and codes become 10 bits wide from then on
		int n = 300;
		int[] codes = new int[n + 2];
		int[] widths = new int[n + 2];
		byte[] expected = new byte[n];
		codes[0] = 256;
		widths[0] = 9;
		int next = 258, width = 9;
		for (int i = 0; i < n; i++) {
			int lit = (i * 7) % 256;
			expected[i] = (byte) lit;
			codes[i + 1] = lit;
			widths[i + 1] = width;
			// the decoder adds an entry for every code after the first
			if (i > 0) next++;
			if (next >= (1 << width) - 1 && width < 12) width++;
		}
		codes[n + 1] = 257;
		widths[n + 1] = width;
		TiffBytes t = new TiffBytes(ByteOrder.BIG_ENDIAN, false);
		t.ifd().grey(n, 1, 8, 1, 5).strips(1, packCodes(codes, widths));
		try (TiffReader r = read(t.build())) {
			byte[] p = new byte[n];
			r.readPlane(0, p);
			assertArrayEquals(expected, p);
		}
	}

	static byte[] deflate(byte[] raw) {
		Deflater d = new Deflater();
		d.setInput(raw);
		d.finish();
		byte[] buf = new byte[raw.length * 2 + 64];
		int n = d.deflate(buf);
		d.end();
		return java.util.Arrays.copyOf(buf, n);
	}

	@Test
	void deflateWithAndWithoutHorizontalPredictorBothCodes() throws Exception {
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		long[] v = { 1000, 1010, 990, 65535, 0, 5, 7, 7, 8, 300, 301, 302 };
		// predictor 2: each row stores differences from its left neighbour, modulo 2^16 (rows of 4)
		long[] diff = new long[v.length];
		for (int i = 0; i < v.length; i++)
			diff[i] = i % 4 == 0 ? v[i] : (v[i] - v[i - 1]) & 0xffff;
		for (int compression : new int[] { 8, 32946 })
			for (int predictor : new int[] { 1, 2 }) {
				TiffBytes t = new TiffBytes(o, false);
				t.ifd().grey(4, 3, 16, 1, compression).tag(317, TiffBytes.SHORT, predictor).strips(3, deflate(TiffBytes
					.samples(o, 2, predictor == 2 ? diff : v)));
				try (TiffReader r = read(t.build())) {
					short[] p = new short[12];
					r.readPlane(0, p);
					for (int i = 0; i < 12; i++)
						assertEquals(v[i], p[i] & 0xffff, "compression " + compression + " predictor " + predictor + " px " +
							i);
				}
			}
	}

	@Test
	void floatingPointPredictor() throws Exception {
		// predictor 3 on one row of 3 floats: bytes split into planes by significance (MSB first), then differenced
		float[] v = { 1.0f, -2.5f, 1e-3f };
		byte[] be = TiffBytes.floats(ByteOrder.BIG_ENDIAN, v);
		byte[] planes = new byte[12];
		for (int i = 0; i < 3; i++)
			for (int k = 0; k < 4; k++)
				planes[k * 3 + i] = be[4 * i + k];
		byte[] diff = new byte[12];
		for (int i = 0; i < 12; i++)
			diff[i] = (byte) (i == 0 ? planes[0] : planes[i] - planes[i - 1]);
		for (ByteOrder o : new ByteOrder[] { ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN }) {
			TiffBytes t = new TiffBytes(o, false);
			t.ifd().grey(3, 1, 32, 3, 8).tag(317, TiffBytes.SHORT, 3).strips(1, deflate(diff));
			try (TiffReader r = read(t.build())) {
				float[] p = new float[3];
				r.readPlane(0, p);
				assertArrayEquals(v, p, o.toString());
			}
		}
	}

	@Test
	void imageJDescriptionGivesTheHyperstackAndThumbnailsAreSkipped() throws Exception {
		ByteOrder o = ByteOrder.BIG_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		String desc = "ImageJ=1.54p\nimages=4\nchannels=2\nframes=2\nhyperstack=true\nfinterval=0.5\ntunit=min\nunit=micron\n";
		for (int k = 0; k < 4; k++) {
			TiffBytes.Ifd d = t.ifd().grey(1, 1, 16, 1, 1).strips(1, TiffBytes.samples(o, 2, k + 1));
			if (k == 0) d.ascii(270, desc);
		}
		// a reduced-resolution thumbnail at the end is not a plane
		t.ifd().grey(1, 1, 8, 1, 1).tag(254, TiffBytes.LONG, 1).strips(1, new byte[] { 9 });
		try (TiffReader r = read(t.build())) {
			assertEquals(4, r.planes());
			ImageJMetadata ij = r.imageJ();
			assertNotNull(ij);
			assertEquals(4, ij.images());
			assertEquals(2, ij.channels());
			assertEquals(1, ij.slices());
			assertEquals(2, ij.frames());
			assertTrue(ij.hyperstack());
			assertEquals(0.5, ij.frameInterval());
			assertEquals("min", ij.timeUnit());
			assertEquals("micron", ij.unit());
			short[] p = new short[1];
			r.readPlane(3, p);
			assertEquals(4, p[0]);
		}
	}

	@Test
	void imageJStackPast4GiBLayoutOneIfdWithContiguousPlanes() throws Exception {
		// how ImageJ writes stacks larger than 4 GiB: one IFD, images=N, the planes one after another
		ByteOrder o = ByteOrder.BIG_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		t.ifd().grey(2, 1, 16, 1, 1).ascii(270, "ImageJ=1.54p\nimages=3\nframes=3\n").strips(1, TiffBytes.samples(o,
			2, 1, 2, 3, 4, 5, 6));
		try (TiffReader r = read(t.build())) {
			assertEquals(3, r.planes());
			short[] p = new short[2];
			r.readPlane(2, p);
			assertArrayEquals(new short[] { 5, 6 }, p);
		}
	}

	@Test
	void theSameArrayIsFilledPlaneAfterPlane() throws Exception {
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		for (int k = 0; k < 5; k++)
			t.ifd().grey(2, 2, 16, 1, 8).strips(2, deflate(TiffBytes.samples(o, 2, k, k, k, k)));
		try (TiffReader r = read(t.build()); TiffReader d = r.duplicate()) {
			short[] p = new short[4];
			for (int k = 0; k < 5; k++) {
				r.readPlane(k, p);
				assertArrayEquals(new short[] { (short) k, (short) k, (short) k, (short) k }, p);
				d.readPlane(4 - k, p);
				assertEquals(4 - k, p[0], "a duplicate reads on its own");
			}
		}
		assertFalse(PixelType.UINT16.signed());
	}
}
