package io.github.magratio.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The float stack writer: ImageJ opens what it writes as a hyperstack with the frame interval, value unit, display
 * range and lookup table, and the pixels written; past the classic limit (4 GiB, lowered here to a few KiB) it writes
 * BigTIFF, checked byte by byte and read back by the reader.
 */
class FloatTiffWriterTest {

	@TempDir
	static Path tmp;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	static float value(int k, int i) {
		return k * 1000 + i + 0.25f - (i % 3 == 0 ? 2000 : 0);
	}

	static void writeOutOfOrder(FloatTiffWriter w, int width, int height, int planes) throws Exception {
		for (int k = planes - 1; k >= 0; k -= 2)
			w.writePlane(k, plane(k, width * height));
		for (int k = planes - 2; k >= 0; k -= 2)
			w.writePlane(k, plane(k, width * height));
	}

	static float[] plane(int k, int n) {
		float[] p = new float[n];
		for (int i = 0; i < n; i++)
			p[i] = value(k, i);
		return p;
	}

	@Test
	void imageJOpensAHyperstackWithFrameIntervalUnitRangeAndLut() throws Exception {
		int w = 7, h = 5, c = 2, t = 4;
		Path f = tmp.resolve("stack.tif");
		byte[] lut = new byte[768];
		for (int i = 0; i < 256; i++) {
			lut[i] = (byte) i; // red ramp
			lut[512 + i] = (byte) (255 - i); // blue falling
		}
		try (FloatTiffWriter wr = new FloatTiffWriter(f, w, h, c * t)) {
			assertFalse(wr.isBigTiff());
			writeOutOfOrder(wr, w, h, c * t);
			wr.finish(ImageJMetadata.builder().dimensions(c, 1, t).frameInterval(0.25, "sec").valueUnit("mM")
				.displayRange(-1, 7.5).build(), lut);
		}
		for (ImagePlus imp : new ImagePlus[] { IJ.openImage(f.toString()), new Opener().openImage(f.toString()) }) {
			assertNotNull(imp);
			assertEquals(32, imp.getBitDepth());
			assertEquals(c, imp.getNChannels());
			assertEquals(t, imp.getNFrames());
			assertTrue(imp.isHyperStack());
			assertEquals(0.25, imp.getCalibration().frameInterval, 0);
			assertEquals("mM", imp.getCalibration().getValueUnit());
			for (int k = 0; k < c * t; k++)
				assertArrayEquals(plane(k, w * h), (float[]) imp.getStack().getPixels(k + 1), "plane " + k);
		}
		ImagePlus one = IJ.openImage(f.toString());
		one.setC(1);
		assertEquals(-1, one.getDisplayRangeMin(), 1e-9);
		assertEquals(7.5, one.getDisplayRangeMax(), 1e-9);
		int rgb = one.getProcessor().getLut().getRGB(200);
		assertEquals(200, (rgb >> 16) & 0xff, "red of entry 200");
		assertEquals(55, rgb & 0xff, "blue of entry 200");
	}

	@Test
	void aSinglePlaneIsAPlainImage() throws Exception {
		Path f = tmp.resolve("one.tif");
		try (FloatTiffWriter wr = new FloatTiffWriter(f, 3, 2, 1)) {
			wr.writePlane(0, plane(0, 6));
			wr.finish(ImageJMetadata.builder().build(), null);
		}
		ImagePlus imp = IJ.openImage(f.toString());
		assertEquals(1, imp.getStackSize());
		assertArrayEquals(plane(0, 6), (float[]) imp.getProcessor().getPixels());
	}

	@Test
	void pastTheClassicLimitItIsBigTiff() throws Exception {
		int w = 16, h = 8, n = 12; // 6 KiB of pixels, over a 4 KiB "classic limit"
		Path f = tmp.resolve("big.tif");
		try (FloatTiffWriter wr = new FloatTiffWriter(f, w, h, n, 4096)) {
			assertTrue(wr.isBigTiff());
			writeOutOfOrder(wr, w, h, n);
			wr.finish(ImageJMetadata.builder().dimensions(1, 1, n).frameInterval(2, null).build(), null);
		}
		byte[] b = Files.readAllBytes(f);
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		// BigTIFF header: II, 43, offset size 8, 0, first IFD as a 64-bit offset; planes start at byte 16
		assertEquals('I', b[0]);
		assertEquals('I', b[1]);
		assertEquals(43, bb.getShort(2));
		assertEquals(8, bb.getShort(4));
		assertEquals(0, bb.getShort(6));
		long ifd = bb.getLong(8);
		assertEquals(16 + 4L * w * h * n, ifd, "the directory follows the planes (8-aligned)");
		assertEquals(value(0, 0), bb.getFloat(16), 0);
		assertEquals(value(5, 3), bb.getFloat(16 + 4 * (5 * w * h + 3)), 0);
		try (TiffReader r = TiffReader.open(f)) {
			assertTrue(r.isBigTiff());
			assertEquals(n, r.planes());
			assertEquals(n, r.imageJ().frames());
			assertEquals(2, r.imageJ().frameInterval(), 0);
			float[] p = new float[w * h];
			for (int k = 0; k < n; k++) {
				r.readPlane(k, p);
				assertArrayEquals(plane(k, w * h), p, "plane " + k);
			}
		}
	}

	@Test
	void aPlaneNeverWrittenIsAnError() throws Exception {
		Path f = tmp.resolve("gap.tif");
		try (FloatTiffWriter wr = new FloatTiffWriter(f, 2, 2, 3)) {
			wr.writePlane(0, plane(0, 4));
			wr.writePlane(2, plane(2, 4));
			IllegalStateException e = assertThrows(IllegalStateException.class, () -> wr.finish(ImageJMetadata
				.builder().dimensions(1, 1, 3).build(), null));
			assertTrue(e.getMessage().contains("plane 1"), e.getMessage());
		}
	}
}
