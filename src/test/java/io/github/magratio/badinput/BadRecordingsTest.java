package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import io.github.magratio.cli.CliRun;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.tiff.TiffBytes;
import io.github.magratio.util.Csv;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile recordings of docs/bad-inputs.md through the real command line: each is refused with one line
 * naming the file and the plane, in bounded time, leaving nothing behind, or (signed data, non-finite pixels) gives
 * the right numbers.
 */
class BadRecordingsTest {

	@TempDir
	static Path tmp;
	static SyntheticRecording synth;
	static List<short[]> planes;
	static Path good;
	static final int W = 80, H = 64;

	@BeforeAll
	static void setUp() {
		synth = Bad.synth(5);
		planes = Bad.interleaved(synth);
		good = Bad.save(synth.imagePlus(), tmp.resolve("good.tif"));
	}

	static Path write(String name, byte[] b) throws Exception {
		return Files.write(tmp.resolve(name), b);
	}

	static CliRun runInterleaved(Path file, Path out) {
		return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Bad.run(file.toString(), "--layout",
			"interleaved", "--out", out.toString()));
	}

	@Test
	void truncatedDeflateTiffIsAnErrorNamingThePlaneNotAHang() throws Exception {
		// plane 9's compressed strip is cut to half: the strip table still fits the file, the stream itself ends
		Path f = write("trunc-deflate.tif", Bad.stack(planes, W, H, true, 8, s -> Arrays.copyOf(s, s.length / 2)));
		Path out = tmp.resolve("o1");
		CliRun r = runInterleaved(f, out);
		Bad.userError(r, "trunc-deflate.tif", "plane 9 of 12", "deflate data is truncated");
		Bad.nothingLeft(out);
	}

	@Test
	void truncatedCopyOfAnImageJFileIsAnErrorNotFewerFrames() throws Exception {
		// ImageJ writes the IFDs of planes 2..n after all pixels: a partial copy loses them
		byte[] whole = Files.readAllBytes(good);
		Path f = write("partial.tif", Arrays.copyOf(whole, whole.length * 2 / 3));
		Path out = tmp.resolve("o2");
		Bad.userError(Bad.run(f.toString(), "--out", out.toString()), "partial.tif", "after plane 1 of 12",
			"beyond the end of the file", "truncated");
		Bad.nothingLeft(out);
	}

	@Test
	void truncatedContiguousImageJStackNamesTheFirstMissingPlane() throws Exception {
		// ImageJ's layout past 4 GiB: one IFD, images=12, planes one after another; the copy ends inside plane 8
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		byte[][] all = new byte[12][];
		for (int k = 0; k < 12; k++)
			all[k] = Bad.bytes(planes.get(k), o);
		t.ifd().grey(W, H, 16, 1, 1).ascii(270, "ImageJ=1.54p\nimages=12\nchannels=2\nframes=6\nhyperstack=true\n")
			.strips(H, all[0]);
		byte[] head = t.build();
		byte[] b = TiffBytes.concat(head, TiffBytes.concat(Arrays.copyOfRange(all, 1, 7)), Arrays.copyOf(all[7], 100));
		Path f = write("contiguous.tif", b);
		Path out = tmp.resolve("o3");
		Bad.userError(Bad.run(f.toString(), "--out", out.toString()), "contiguous.tif", "plane 8 of 12",
			"planes 8..12 are missing");
		Bad.nothingLeft(out);
	}

	@Test
	void bitFlippedDeflateDataIsAnErrorNamingThePlane() throws Exception {
		Path f = write("flipped.tif", Bad.stack(planes, W, H, true, 6, s -> {
			byte[] c = s.clone();
			c[c.length / 2] ^= 0x10;
			return c;
		}));
		Path out = tmp.resolve("o4");
		Bad.userError(runInterleaved(f, out), "flipped.tif", "plane 7 of 12", "deflate");
		Bad.nothingLeft(out);
	}

	@Test
	void hugeDimensionsInATinyFileAreRefusedBeforeAllocating() throws Exception {
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		// uncompressed: the strip would need 20 GB where the file has a few hundred bytes
		TiffBytes t = new TiffBytes(o, false);
		t.ifd().grey(100000, 100000, 16, 1, 1).strips(100000, new byte[64]);
		Path f = write("huge.tif", t.build());
		Path out = tmp.resolve("o5");
		CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Bad.run(f.toString(), "--out", out
			.toString()));
		Bad.userError(r, "huge.tif", "100000 x 100000", "more than the");
		// deflate: 4 KB cannot inflate to 20 GB; refused from the strip table alone
		t = new TiffBytes(o, false);
		t.ifd().grey(100000, 20000, 8, 1, 8).strips(20000, new byte[4096]);
		Path g = write("huge-deflate.tif", t.build());
		r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Bad.run(g.toString(), "--out", out.toString()));
		Bad.userError(r, "huge-deflate.tif", "4096 compressed bytes cannot hold 2000000000 bytes");
		Bad.nothingLeft(out);
	}

	@Test
	void framesTooLargeForTheHeapAreRefusedUpFront() throws Exception {
		// 2 planes of d x d 16-bit: a valid file of a few KB, but one frame's working memory (about 100 bytes per
		// pixel) exceeds this JVM's heap
		int d = (int) Math.ceil(Math.sqrt(Runtime.getRuntime().maxMemory() * 0.8 / 100)) + 64;
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		byte[] zeros = Bad.deflate(new byte[2 * d * d]);
		for (int k = 0; k < 2; k++)
			t.ifd().grey(d, d, 16, 1, 8).strips(d, zeros);
		Path f = write("big-frames.tif", t.build());
		Path out = tmp.resolve("o5b");
		CliRun r = Bad.run(f.toString(), "--layout", "interleaved", "--out", out.toString());
		Bad.userError(r, "big-frames.tif", d + "x" + d, "working memory", "-Xmx");
	}

	@Test
	void aLoopInTheIfdChainIsRefused() throws Exception {
		ByteOrder o = ByteOrder.BIG_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		t.ifd().grey(W, H, 16, 1, 1).strips(H, Bad.bytes(planes.get(0), o));
		t.ifd().grey(W, H, 16, 1, 1).strips(H, Bad.bytes(planes.get(1), o)).next(8); // back to the first IFD
		Path f = write("loop.tif", t.build());
		Bad.userError(Bad.run(f.toString(), "--out", tmp.resolve("o6").toString()), "loop.tif", "points back to an " +
			"earlier IFD");
	}

	@Test
	void notATiffAndEmptyFilesAreRefused() throws Exception {
		Path png = write("image.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0 });
		Bad.userError(Bad.run(png.toString(), "--out", tmp.resolve("o7").toString()), "image.png", "not a TIFF",
			"save it as TIFF");
		Path empty = write("empty.tif", new byte[0]);
		Bad.userError(Bad.run(empty.toString(), "--out", tmp.resolve("o7").toString()), "empty.tif", "empty file");
	}

	@Test
	void jpegCompressedAndFloat64AreRefusedWithTheReason() throws Exception {
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		t.ifd().grey(4, 4, 8, 1, 7).strips(4, new byte[20]);
		Bad.userError(Bad.run(write("jpeg.tif", t.build()).toString(), "--out", tmp.resolve("o8").toString()),
			"jpeg.tif", "JPEG", "lossy");
		t = new TiffBytes(o, false);
		t.ifd().grey(2, 2, 64, 3, 1).strips(2, new byte[32]);
		Bad.userError(Bad.run(write("f64.tif", t.build()).toString(), "--out", tmp.resolve("o8").toString()),
			"f64.tif", "64-bit floating-point");
	}

	/** The recording's planes shifted by {@code -offset} as signed 16-bit, in a TIFF with SampleFormat 2. */
	static byte[] signed(int offset) {
		return signed(planes, W, H, offset);
	}

	/** {@code planes} unchanged as signed 16-bit (their counts fit), a 2-channel hyperstack. */
	static byte[] signedCopy(List<short[]> planes, int w, int h) {
		return signed(planes, w, h, 0);
	}

	static byte[] signed(List<short[]> planes, int w, int h, int offset) {
		ByteOrder o = ByteOrder.BIG_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		for (int k = 0; k < planes.size(); k++) {
			short[] p = planes.get(k).clone();
			for (int i = 0; i < p.length; i++)
				p[i] = (short) ((p[i] & 0xffff) - offset);
			TiffBytes.Ifd d = t.ifd().grey(w, h, 16, 2, 1).strips(h, Bad.bytes(p, o));
			if (k == 0) d.ascii(270, "ImageJ=1.54p\nimages=" + planes.size() + "\nchannels=2\nframes=" + planes.size() /
				2 + "\nhyperstack=true\nfinterval=2.0\n");
		}
		return t.build();
	}

	@Test
	void signed16BitDataGiveTheSameNumbersAsTheUnsignedOriginal() throws Exception {
		// the same counts minus 1000 as signed 16-bit (negative in the background), with a camera offset of -1000,
		// must give exactly the unsigned recording's ratio and [Mg2+]; read as raw unsigned they would be +32768 off
		Path f = write("signed.tif", signed(1000));
		Path outS = tmp.resolve("o9s"), outU = tmp.resolve("o9u");
		assertEquals(0, Bad.run(good.toString(), "--out", outU.toString(), "--saturation", "60000").code);
		CliRun r = Bad.run(f.toString(), "--out", outS.toString(), "--camera-offset", "-1000", "--saturation",
			"59000");
		assertEquals(0, r.code, r.err);
		Csv.Table u = Csv.read(outU.resolve("good/cells.csv")), s = Csv.read(outS.resolve("signed/cells.csv"));
		assertEquals(u.rows().size(), s.rows().size());
		for (String col : new String[] { "f340", "bg340", "ratio", "mg_mM", "area_px" })
			for (int i = 0; i < u.rows().size(); i++) {
				double a = u.number(i, u.column(col)), b = s.number(i, s.column(col));
				if (col.startsWith("f") || col.startsWith("bg")) b += 1000; // raw means differ by the shift
				// cells.csv keeps 6 significant digits: the shifted means round differently in the last one
				assertEquals(a, b, 1e-5 * Math.max(1, Math.abs(a)), col + " row " + i);
			}
	}

	@Test
	void signedDataWithoutAnOffsetSaturateAt32767() throws Exception {
		// a signed recording's default saturation is its type's maximum, 32767, not 65535
		short[] p = planes.get(0).clone();
		io.github.magratio.tiff.TiffReader r = io.github.magratio.tiff.TiffReader.open(signed(0), "s", io.github
			.magratio.tiff.TiffReader.Limits.DEFAULT);
		r.readPlane(0, p);
		assertEquals(planes.get(0)[5], p[5]);
		try (io.github.magratio.ij.Recording rec = io.github.magratio.ij.Recording.open(write("signed0.tif", signed(0)),
			io.github.magratio.ij.Layout.AUTO, 1))
		{
			net.imglib2.type.numeric.RealType<?> t = (net.imglib2.type.numeric.RealType<?>) rec.frame340(0).getType();
			assertEquals(32767, t.getMaxValue());
			assertEquals(-32768, t.getMinValue());
		}
	}

	/** A float copy of the recording with pixel (x, y) of frame 2 at 340 nm set to {@code v}. */
	static Path floatWith(String name, int x, int y, float v) {
		ImageStack st = new ImageStack(W, H);
		for (int k = 0; k < planes.size(); k++) {
			FloatProcessor fp = new ShortProcessor(W, H, planes.get(k), null).convertToFloatProcessor();
			if (k == 4) fp.setf(x, y, v);
			st.addSlice(fp);
		}
		ImagePlus imp = new ImagePlus(name, st);
		imp.setDimensions(2, 1, 6);
		imp.setOpenAsHyperStack(true);
		imp.getCalibration().frameInterval = 2;
		return Bad.save(imp, tmp.resolve(name + ".tif"));
	}

	@Test
	void anInfinitePixelInTheBackgroundIsMaskedNotAFailedFit() throws Exception {
		// corner pixel (1, 1) is background in every frame; +Inf there used to fail the surface fit
		Path inf = floatWith("inf", 1, 1, Float.POSITIVE_INFINITY), nan = floatWith("nan", 1, 1, Float.NaN);
		CliRun r = Bad.run(inf.toString(), "--out", tmp.resolve("o10").toString());
		assertEquals(0, r.code, r.err);
		assertEquals(0, Bad.run(nan.toString(), "--out", tmp.resolve("o10").toString()).code);
		Csv.Table a = Csv.read(tmp.resolve("o10/inf/cells.csv")), b = Csv.read(tmp.resolve("o10/nan/cells.csv"));
		// an infinite pixel is masked exactly like a missing one
		assertEquals(b.rows(), a.rows());
	}

	@Test
	void nanPixelsInsideACellAreCountedNotSilentlyDropped() throws Exception {
		int x = (int) Math.round(synth.truth().centroidX(1)), y = (int) Math.round(synth.truth().centroidY(1));
		Path f = floatWith("nancell", x, y, Float.NaN);
		// the true cells as labels, so the cell under the NaN pixel is known
		Bad.save(new ImagePlus("l", new ShortProcessor(W, H, synth.truth().labels(), null)), tmp.resolve("labels.tif"));
		CliRun r = Bad.run(f.toString(), "--out", tmp.resolve("o11").toString(), "--labels", tmp.resolve("labels.tif")
			.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.contains("NaN or infinite"), r.err);
		Csv.Table t = Csv.read(tmp.resolve("o11/nancell/cells.csv"));
		int id = synth.truth().label(x, y);
		for (int i = 0; i < t.rows().size(); i++) {
			boolean hit = t.number(i, t.column("cell")) == id && t.number(i, t.column("frame")) == 2;
			assertEquals(hit ? 1 : 0, (int) t.number(i, t.column("nonfinite_px")), "row " + i);
			assertEquals(hit, t.rows().get(i).get(t.column("flags")).contains("nonfinite"), "row " + i);
		}
	}

	@Test
	void aRunWhereEveryRatioIsNaNIsRefusedWithTheReason() throws Exception {
		Path out = tmp.resolve("o12");
		Bad.userError(Bad.run(good.toString(), "--out", out.toString(), "--min-signal", "1e9"), "no cell of",
			"has a valid ratio in any frame", "low_signal", "min_signal_sigma");
		Bad.nothingLeft(out);
	}

	@Test
	void theSameFileAs340And380IsRefused() throws Exception {
		Path one = Bad.save(new ImagePlus("one", synth.imagePlus().getStack().getProcessor(1)), tmp.resolve(
			"one.tif"));
		Bad.userError(Bad.run("--f340", one.toString(), "--f380", one.toString(), "--out", tmp.resolve("o13")
			.toString()), "the same file", "one.tif");
	}
}
