package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.ShortProcessor;

import io.github.magratio.cli.CliRun;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.tiff.TiffBytes;
import io.github.magratio.util.Csv;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label images and ROI sets of docs/bad-inputs.md: every size a user's container declares is checked before it is
 * read or allocated, and a damaged entry is an error naming it rather than a silently renumbered cell.
 */
class BadContainersTest {

	@TempDir
	static Path tmp;
	static SyntheticRecording synth;
	static Path good;
	static final int W = 80, H = 64;

	@BeforeAll
	static void setUp() {
		synth = Bad.synth(6);
		good = Bad.save(synth.imagePlus(), tmp.resolve("good.tif"));
	}

	static CliRun withLabels(Path labels) {
		return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Bad.run(good.toString(), "--out", tmp.resolve(
			"out").toString(), "--labels", labels.toString()));
	}

	static CliRun withRois(Path rois) {
		return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Bad.run(good.toString(), "--out", tmp.resolve(
			"out").toString(), "--rois", rois.toString()));
	}

	/** The true labels as a 32-bit float TIFF, with pixel (3, 2) set to {@code v}. */
	static Path floatLabels(String name, float v) throws Exception {
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		short[] lab = synth.truth().labels();
		float[] f = new float[lab.length];
		for (int i = 0; i < f.length; i++)
			f[i] = lab[i];
		f[2 * W + 3] = v;
		TiffBytes t = new TiffBytes(o, false);
		t.ifd().grey(W, H, 32, 3, 1).strips(H, TiffBytes.floats(o, f));
		return Files.write(tmp.resolve(name), t.build());
	}

	@Test
	void labelValuesOf2e9And1e12AreRefusedBeforeAnyAllocation() throws Exception {
		Bad.userError(withLabels(floatLabels("l2e9.tif", 2e9f)), "l2e9.tif", "value 2000000000 at pixel (3,2)",
			"0..16777216");
		Bad.userError(withLabels(floatLabels("l1e12.tif", 1e12f)), "l1e12.tif", "at pixel (3,2)", "0..16777216");
		Bad.userError(withLabels(floatLabels("lfrac.tif", 2.5f)), "lfrac.tif", "2.5", "whole cell ids");
		// 32-bit integers are read exactly: 2^31 - 1 is refused as well
		ByteOrder o = ByteOrder.BIG_ENDIAN;
		long[] v = new long[W * H];
		v[7] = Integer.MAX_VALUE;
		TiffBytes t = new TiffBytes(o, false);
		t.ifd().grey(W, H, 32, 2, 1).strips(H, TiffBytes.samples(o, 4, v));
		Bad.userError(withLabels(Files.write(tmp.resolve("lint.tif"), t.build())), "lint.tif", "2147483647");
	}

	@Test
	void signed16BitLabelImagesAreReadAsTheirIds() throws Exception {
		// the true labels stored as signed 16-bit: the same cells as the unsigned file
		short[] lab = synth.truth().labels();
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		ByteBuffer b = ByteBuffer.allocate(2 * lab.length).order(o);
		b.asShortBuffer().put(lab);
		t.ifd().grey(W, H, 16, 2, 1).strips(H, b.array());
		Path signed = Files.write(tmp.resolve("l-int16.tif"), t.build());
		Path unsigned = Bad.save(new ImagePlus("u", new ShortProcessor(W, H, lab, null)), tmp.resolve("l-u16.tif"));
		CliRun r = Bad.run(good.toString(), "--out", tmp.resolve("s").toString(), "--labels", signed.toString());
		assertEquals(0, r.code, r.err);
		assertEquals(0, Bad.run(good.toString(), "--out", tmp.resolve("u").toString(), "--labels", unsigned.toString())
			.code);
		assertEquals(Csv.read(tmp.resolve("u/good/cells.csv")).rows(), Csv.read(tmp.resolve("s/good/cells.csv"))
			.rows());
		// a negative id is refused naming the value and the pixel
		b.putShort(2 * (5 * W + 4), (short) -3);
		t = new TiffBytes(o, false);
		t.ifd().grey(W, H, 16, 2, 1).strips(H, b.array());
		Bad.userError(withLabels(Files.write(tmp.resolve("l-neg.tif"), t.build())), "l-neg.tif",
			"value -3 at pixel (4,5)");
	}

	@Test
	void aLabelImageWithSeveralPlanesIsRefused() throws Exception {
		Bad.userError(withLabels(good), "good.tif", "has 12 planes", "one plane of cell ids");
	}

	static byte[] roi(Roi r) {
		return RoiEncoder.saveAsByteArray(r);
	}

	static Path zip(String name, Object... entries) throws Exception {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (ZipOutputStream z = new ZipOutputStream(bos)) {
			for (int i = 0; i < entries.length; i += 2) {
				z.putNextEntry(new ZipEntry((String) entries[i]));
				z.write((byte[]) entries[i + 1]);
				z.closeEntry();
			}
		}
		return Files.write(tmp.resolve(name), bos.toByteArray());
	}

	@Test
	void aZipBombEntryIsRefusedByItsDeclaredSize() throws Exception {
		// 17 MiB of zeros deflate to 17 KB; an ImageJ ROI has at most 16 MiB
		Path z = zip("bomb.zip", "cell-0001.roi", roi(new OvalRoi(5, 5, 10, 10)), "cell-0002.roi", new byte[17 << 20]);
		Bad.userError(withRois(z), "bomb.zip", "entry 2 'cell-0002.roi'", "declares 17825792 bytes");
	}

	@Test
	void aZipEntryLyingAboutItsSizeStopsAtTheLimit() throws Exception {
		Path z = zip("liar.zip", "cell-0001.roi", new byte[17 << 20]);
		// make the central directory claim 100 bytes for the entry: the bytes actually inflated are counted
		byte[] b = Files.readAllBytes(z);
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		for (int p = b.length - 22; p >= 0; p--)
			if (bb.getInt(p) == 0x02014b50) { // central directory header
				bb.putInt(p + 24, 100); // uncompressed size
				break;
			}
		Files.write(z, b);
		Bad.userError(withRois(z), "liar.zip", "inflates to more than 16777216 bytes");
	}

	@Test
	void tooManyEntriesAreRefusedBeforeReadingThem() throws Exception {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		byte[] one = roi(new Roi(1, 1, 2, 2));
		try (ZipOutputStream z = new ZipOutputStream(bos)) {
			z.setLevel(1);
			for (int i = 0; i < 66600; i++) {
				z.putNextEntry(new ZipEntry(i + ".roi"));
				z.write(one);
				z.closeEntry();
			}
		}
		Path z = Files.write(tmp.resolve("many.zip"), bos.toByteArray());
		Bad.userError(withRois(z), "many.zip", "66600 entries", "at most 65535");
	}

	@Test
	void aDamagedEntryIsAnErrorNamingItNotASkippedCell() throws Exception {
		byte[] bad = roi(new OvalRoi(30, 20, 10, 10));
		bad[0] = 'X';
		Path z = zip("damaged.zip", "cell-0001.roi", roi(new OvalRoi(5, 5, 10, 10)), "cell-0002.roi", bad,
			"cell-0003.roi", roi(new OvalRoi(50, 30, 10, 10)));
		Bad.userError(withRois(z), "damaged.zip", "entry 2 'cell-0002.roi'", "not a valid ImageJ ROI");
		// a header declaring more points than its bytes hold, before ImageJ's decoder allocates them
		byte[] lying = roi(new ij.gui.PolygonRoi(new int[] { 1, 9, 5 }, new int[] { 1, 1, 9 }, 3, Roi.POLYGON));
		ByteBuffer.wrap(lying).putShort(16, (short) 0).putInt(18, 2_000_000_000);
		Bad.userError(withRois(zip("points.zip", "cell-0001.roi", lying)), "points.zip", "declares 2000000000 points");
		// a truncated archive
		byte[] whole = Files.readAllBytes(z);
		Path cut = Files.write(tmp.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
		Bad.userError(withRois(cut), "cut.zip", "not a valid zip archive");
	}

	@Test
	void aHugeOvalRoiIsRefusedBeforeItsMaskIsMade() throws Exception {
		// a 32000 x 32000 px oval would need a 1 GB mask
		Path z = zip("huge.zip", "cell-0001.roi", roi(new OvalRoi(0, 0, 32000, 32000)));
		Bad.userError(withRois(z), "huge.zip", "ROI 1", "reaches far beyond the 80x64 image");
	}

	@Test
	void roisOutsideTheImageOrHiddenUnderOthersAreRefused() throws Exception {
		Path outside = zip("outside.zip", "a.roi", roi(new OvalRoi(5, 5, 10, 10)), "b.roi", roi(new OvalRoi(90, 70, 5,
			5)));
		Bad.userError(withRois(outside), "outside.zip", "ROI 2", "lies outside the 80x64 image");
		Path hidden = zip("hidden.zip", "a.roi", roi(new OvalRoi(5, 5, 20, 20)), "b.roi", roi(new OvalRoi(8, 8, 5,
			5)));
		Bad.userError(withRois(hidden), "hidden.zip", "ROI 2", "covers no pixel of its own");
		Path other = zip("notes.zip", "a.roi", roi(new OvalRoi(5, 5, 20, 20)), "notes.txt", "hello".getBytes());
		Bad.userError(withRois(other), "notes.zip", "'notes.txt' is not a .roi file");
	}
}
