package io.github.magratio.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Prefs;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TIFF reader against two independent implementations: files written by the JDK's own TIFF encoder (LZW,
 * deflate, PackBits, with and without the horizontal predictor, strips and tiles; big-endian), whose pixels the
 * test knows, and files written by ImageJ, read by ImageJ's own reader for comparison.
 */
class TiffInteropTest {

	@TempDir
	static Path tmp;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	static BufferedImage gray16(int w, int h, long seed) {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
		Random r = new Random(seed);
		WritableRaster ras = img.getRaster();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				// smooth ramps with noise compress, and differences span the whole 16-bit range
				ras.setSample(x, y, 0, (x * 300 + y * 7 + r.nextInt(50) + (r.nextInt(20) == 0 ? 40000 : 0)) & 0xffff);
		return img;
	}

	static BufferedImage gray8(int w, int h, long seed) {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
		Random r = new Random(seed);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				img.getRaster().setSample(x, y, 0, (x + y + r.nextInt(3)) & 0xff);
		return img;
	}

	static BufferedImage float32(int w, int h, long seed) {
		ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
			Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
		WritableRaster ras = Raster.createWritableRaster(cm.createCompatibleSampleModel(w, h), new DataBufferFloat(w *
			h), new Point(0, 0));
		Random r = new Random(seed);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				ras.setSample(x, y, 0, (float) (r.nextGaussian() * 1000));
		return new BufferedImage(cm, ras, false, null);
	}

	/** Writes {@code img} with the JDK's TIFF encoder. */
	static Path writeJdk(BufferedImage img, String compression, int predictor, boolean tiled, ByteOrder order,
		String name) throws Exception
	{
		Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
		ImageWriter w = it.next();
		ImageWriteParam p = w.getDefaultWriteParam();
		if (compression != null) {
			p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			p.setCompressionType(compression);
		}
		if (tiled) {
			p.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
			p.setTiling(16, 16, 0, 0);
		}
		IIOMetadata md = w.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(img), p);
		if (predictor != 1) {
			TIFFDirectory dir = TIFFDirectory.createFromMetadata(md);
			TIFFTag tag = BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_PREDICTOR);
			dir.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_SHORT, 1, new char[] { (char) predictor }));
			md = dir.getAsMetadata();
		}
		Path f = tmp.resolve(name);
		java.nio.file.Files.deleteIfExists(f);
		try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
			out.setByteOrder(order);
			w.setOutput(out);
			w.write(null, new IIOImage(img, null, md), p);
		}
		w.dispose();
		return f;
	}

	static void assertSame(Raster expected, TiffReader r, String what) throws Exception {
		int w = r.width(), h = r.height();
		assertEquals(expected.getWidth(), w, what);
		assertEquals(expected.getHeight(), h, what);
		float[] ours = new float[w * h];
		r.readPlaneAsFloat(0, ours);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				assertEquals(expected.getSampleFloat(x, y, 0), ours[y * w + x], 0, what + " at " + x + "," + y);
	}

	@Test
	void jdkEncodedFilesInEveryCompressionPredictorOrderAndTiling() throws Exception {
		BufferedImage[] images = { gray16(37, 29, 1), gray8(37, 29, 2), float32(21, 13, 3) };
		String[] compressions = { null, "LZW", "Deflate", "ZLib", "PackBits" };
		int files = 0;
		for (BufferedImage img : images)
			for (String c : compressions)
				for (int predictor : new int[] { 1, 2 })
					for (boolean tiled : new boolean[] { false, true })
						// the JDK's encoder writes big-endian files only; little-endian ones come from ImageJ and TiffBytes
						for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN }) {
							if (predictor == 2 && (c == null || c.equals("PackBits") || img.getRaster().getDataBuffer()
								.getDataType() == DataBuffer.TYPE_FLOAT)) continue;
							String what = img.getRaster().getDataBuffer().getDataType() + "/" + c + "/p" + predictor + "/" +
								(tiled ? "tiles" : "strips") + "/" + order;
							Path f = writeJdk(img, c, predictor, tiled, order, "jdk" + files++ + ".tif");
							try (TiffReader r = TiffReader.open(f)) {
								assertEquals(order, r.byteOrder(), what);
								assertSame(img.getRaster(), r, what);
							}
						}
		assertTrue(files > 30, files + " files");
	}

	@Test
	void imageJReadsTheSamePixelsFromJdkCompressedFiles() throws Exception {
		BufferedImage img = gray16(40, 30, 5);
		for (String c : new String[] { "LZW", "Deflate", "PackBits" }) {
			Path f = writeJdk(img, c, c.equals("PackBits") ? 1 : 2, false, ByteOrder.LITTLE_ENDIAN, "ij-" + c + ".tif");
			ImagePlus imp = IJ.openImage(f.toString());
			assertNotNull(imp, c);
			short[] theirs = (short[]) imp.getProcessor().getPixels();
			short[] ours = new short[40 * 30];
			try (TiffReader r = TiffReader.open(f)) {
				r.readPlane(0, ours);
			}
			assertArrayEquals(theirs, ours, c);
		}
	}

	@Test
	void imageJHyperstacksInBothByteOrdersAndEveryBitDepth() throws Exception {
		boolean intel = Prefs.intelByteOrder;
		try {
			for (boolean little : new boolean[] { false, true }) {
				Prefs.intelByteOrder = little;
				for (int bits : new int[] { 8, 16, 32 }) {
					ImageStack st = new ImageStack(7, 5);
					Random r = new Random(bits);
					for (int k = 0; k < 6; k++) {
						FloatProcessor fp = new FloatProcessor(7, 5);
						for (int i = 0; i < 35; i++)
							fp.setf(i, bits == 32 ? (float) r.nextGaussian() : r.nextInt(bits == 8 ? 256 : 65536));
						st.addSlice(bits == 8 ? fp.convertToByteProcessor(false) : bits == 16 ? fp.convertToShortProcessor(
							false) : fp);
					}
					ImagePlus imp = new ImagePlus("h", st);
					imp.setDimensions(2, 1, 3);
					imp.setOpenAsHyperStack(true);
					imp.getCalibration().frameInterval = 1.5;
					Path f = tmp.resolve("ij" + bits + (little ? "le" : "be") + ".tif");
					assertTrue(new FileSaver(imp).saveAsTiffStack(f.toString()));
					ImagePlus back = IJ.openImage(f.toString());
					try (TiffReader tr = TiffReader.open(f)) {
						String what = bits + "-bit " + (little ? "little" : "big") + " endian";
						assertEquals(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, tr.byteOrder(), what);
						assertEquals(6, tr.planes(), what);
						assertEquals(2, tr.imageJ().channels(), what);
						assertEquals(3, tr.imageJ().frames(), what);
						assertEquals(1.5, tr.imageJ().frameInterval(), 0, what);
						for (int k = 0; k < 6; k++) {
							Object ours = tr.newPlane();
							tr.readPlane(k, ours);
							Object theirs = back.getStack().getPixels(k + 1);
							if (bits == 8) assertArrayEquals((byte[]) theirs, (byte[]) ours, what);
							else if (bits == 16) assertArrayEquals((short[]) theirs, (short[]) ours, what);
							else assertArrayEquals((float[]) theirs, (float[]) ours, what);
						}
					}
				}
			}
		} finally {
			Prefs.intelByteOrder = intel;
		}
	}

	@Test
	void imageJSigned16BitIsRecognisedByItsCalibration() throws Exception {
		ShortProcessor sp = new ShortProcessor(3, 1);
		ImagePlus imp = new ImagePlus("s", sp);
		imp.getCalibration().setSigned16BitCalibration();
		// ImageJ stores value + 32768: -5, 0, 1200
		sp.set(0, 32768 - 5);
		sp.set(1, 32768);
		sp.set(2, 32768 + 1200);
		Path f = tmp.resolve("signed.tif");
		assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
		try (TiffReader r = TiffReader.open(f)) {
			assertEquals(PixelType.UINT16, r.pixelType());
			assertTrue(r.imageJ().signed16BitCalibration());
			short[] p = new short[3];
			r.readPlane(0, p);
			assertEquals(32768 - 5, p[0] & 0xffff);
		}
	}
}
