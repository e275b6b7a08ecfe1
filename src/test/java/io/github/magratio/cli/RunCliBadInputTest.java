package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.ImageConverter;
import ij.process.ShortProcessor;

import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Every bad input of the core issue through the real command line: a specific message naming the file or parameter, a
 * non-zero exit code, and nothing left behind in the output folder.
 */
class RunCliBadInputTest {

	@TempDir
	static Path tmp;
	static Path good;
	static SyntheticRecording synth;
	static final String[] CAL = { "--kd", "1.5", "--rmin", "0.4", "--rmax", "4", "--beta", "3" };

	@BeforeAll
	static void setUp() throws Exception {
		System.setProperty("java.awt.headless", "true");
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(2).width(96).height(80).cells(5)
			.touchingPairs(1).frames(6).build());
		good = tmp.resolve("good.tif");
		save(synth.imagePlus(), good);
	}

	static void save(ImagePlus imp, Path p) {
		if (imp.getStackSize() > 1) new FileSaver(imp).saveAsTiffStack(p.toString());
		else new FileSaver(imp).saveAsTiff(p.toString());
	}

	/** Runs {@code magratio run ARGS}; returns {exit code, stdout, stderr}. */
	static Object[] run(String... args) {
		String[] full = new String[args.length + 1];
		full[0] = "run";
		System.arraycopy(args, 0, full, 1, args.length);
		args = full;
		CliRun r = CliRun.run(args);
		return new Object[] { r.code, r.out, r.err };
	}

	static String[] args(String... a) {
		List<String> l = new ArrayList<>(Arrays.asList(a));
		l.addAll(Arrays.asList(CAL));
		l.add("-q");
		return l.toArray(new String[0]);
	}

	/** Asserts exit code 2, a message containing every fragment, and no output folder. */
	static void refused(Path out, String[] args, String... fragments) {
		Object[] r = run(args);
		String err = (String) r[2];
		assertEquals(2, r[0], "exit code; stderr: " + err);
		for (String f : fragments)
			assertTrue(err.contains(f), "message should contain '" + f + "': " + err);
		assertFalse(Files.exists(out), "nothing left behind at " + out);
	}

	@Test
	void missingFile() {
		Path out = tmp.resolve("o-missing");
		refused(out, args(tmp.resolve("nope.tif").toString(), "--out", out.toString()), "nope.tif", "does not exist");
	}

	@Test
	void unreadableFile() throws Exception {
		Path bad = tmp.resolve("notatiff.tif");
		Files.write(bad, "hello".getBytes(StandardCharsets.UTF_8));
		Path out = tmp.resolve("o-unreadable");
		refused(out, args(bad.toString(), "--out", out.toString()), "notatiff.tif", "cannot read");
	}

	@Test
	void rgbRefused() {
		Path rgb = tmp.resolve("rgb.tif");
		save(new ImagePlus("rgb", new ColorProcessor(40, 30)), rgb);
		Path out = tmp.resolve("o-rgb");
		refused(out, args(rgb.toString(), "--out", out.toString()), "rgb.tif", "RGB");
	}

	@Test
	void eightBitAcceptedWithAWarning() {
		ImagePlus imp = synth.imagePlus().duplicate();
		imp.setDimensions(2, 1, 6);
		ImageConverter.setDoScaling(true);
		new ij.process.StackConverter(imp).convertToGray8();
		Path p = tmp.resolve("eight.tif");
		save(imp, p);
		Path out = tmp.resolve("o-eight");
		Object[] r = run(args(p.toString(), "--out", out.toString(), "--min-area", "20"));
		assertEquals(0, r[0], (String) r[2]);
		assertTrue(((String) r[2]).contains("8-bit"), (String) r[2]);
		assertTrue(Files.exists(out.resolve("eight").resolve("cells.csv")));
	}

	@Test
	void separateStacksThatDiffer() {
		ImageStack a = new ImageStack(50, 40), b = new ImageStack(50, 40);
		for (int i = 0; i < 4; i++)
			a.addSlice(new ShortProcessor(50, 40));
		for (int i = 0; i < 3; i++)
			b.addSlice(new ShortProcessor(50, 40));
		Path p340 = tmp.resolve("d-340.tif"), p380 = tmp.resolve("d-380.tif");
		save(new ImagePlus("a", a), p340);
		save(new ImagePlus("b", b), p380);
		Path out = tmp.resolve("o-differ");
		refused(out, args("--f340", p340.toString(), "--f380", p380.toString(), "--out", out.toString()), "differ",
			"4 frames", "3 frames");
	}

	@Test
	void interleavedOddSliceCount() {
		ImageStack s = new ImageStack(50, 40);
		for (int i = 0; i < 5; i++)
			s.addSlice(new ShortProcessor(50, 40));
		Path p = tmp.resolve("odd.tif");
		save(new ImagePlus("odd", s), p);
		Path out = tmp.resolve("o-odd");
		refused(out, args(p.toString(), "--layout", "interleaved", "--out", out.toString()), "odd.tif", "5 slices",
			"even");
	}

	@Test
	void hyperstackWithoutTwoChannels() {
		ImageStack s = new ImageStack(50, 40);
		for (int i = 0; i < 6; i++)
			s.addSlice(new ShortProcessor(50, 40));
		ImagePlus imp = new ImagePlus("three", s);
		imp.setDimensions(3, 1, 2);
		imp.setOpenAsHyperStack(true);
		Path p = tmp.resolve("three.tif");
		save(imp, p);
		Path out = tmp.resolve("o-three");
		refused(out, args(p.toString(), "--out", out.toString()), "three.tif", "3 channels", "2");
	}

	@Test
	void twelveBitSaturationIsPointedOut() throws Exception {
		ImagePlus imp = synth.imagePlus().duplicate();
		imp.setDimensions(2, 1, 6);
		short[] p = (short[]) imp.getStack().getPixels(imp.getStackIndex(1, 1, 1));
		for (int i = 0; i < 40; i++)
			p[i] = 4095;
		Path file = tmp.resolve("twelve.tif");
		save(imp, file);
		Object[] r = run(args(file.toString(), "--out", tmp.resolve("o-twelve").toString()));
		assertEquals(0, r[0], (String) r[2]);
		assertTrue(((String) r[2]).contains("exactly 4095 counts, where a 12-bit camera saturates"), (String) r[2]);
		r = run(args(file.toString(), "--out", tmp.resolve("o-twelve2").toString(), "--saturation", "4095"));
		assertEquals(0, r[0], (String) r[2]);
		assertFalse(((String) r[2]).contains("12-bit"), "no hint once the level is set");
	}

	@Test
	void blankFrameIsFlaggedAndTheRunGoesOn() throws Exception {
		ImagePlus imp = synth.imagePlus().duplicate();
		imp.setDimensions(2, 1, 6);
		// frame 3 (0-based 2) at 380 nm: all zero
		java.util.Arrays.fill((short[]) imp.getStack().getPixels(imp.getStackIndex(2, 1, 3)), (short) 0);
		Path p = tmp.resolve("blank.tif");
		save(imp, p);
		Path out = tmp.resolve("o-blank");
		Object[] r = run(args(p.toString(), "--out", out.toString()));
		assertEquals(0, r[0], (String) r[2]);
		assertTrue(((String) r[2]).contains("frame 2 is blank"), (String) r[2]);
		Csv.Table t = Csv.read(out.resolve("blank").resolve("cells.csv"));
		int fc = t.column("frame"), flags = t.column("flags"), mg = t.column("mg_mM");
		for (int i = 0; i < t.rows().size(); i++) {
			boolean blank = t.rows().get(i).get(fc).equals("2");
			assertEquals(blank, t.rows().get(i).get(flags).contains("bad_frame"));
			assertEquals(blank, Double.isNaN(t.number(i, mg)));
		}
	}

	@Test
	void unphysicalCalibrationConstants() {
		Path out = tmp.resolve("o-cal");
		refused(out, new String[] { good.toString(), "--out", out.toString(), "--rmin", "2", "--rmax", "1", "--beta",
			"3", "-q" }, "rmax", "rmin");
		refused(out, new String[] { good.toString(), "--out", out.toString(), "--kd", "0", "--rmin", "0.4", "--rmax", "4",
			"--beta", "3", "-q" }, "--kd: must be > 0 mM, got 0.0");
		refused(out, new String[] { good.toString(), "--out", out.toString(), "--kd", "1.5", "--rmin", "0.4", "--rmax",
			"4", "--beta", "-1", "-q" }, "--beta: must be > 0");
		refused(out, new String[] { good.toString(), "--out", out.toString(), "-q" }, "no calibration", "rmin");
	}

	/** Every bad setting at once, each named as the user gave it: a flag by the flag, a file's key by that key. */
	@Test
	void badFlagsAndSettingsAreAllNamedAsGiven() throws Exception {
		Path out = tmp.resolve("o-flags");
		Object[] r = run(args(good.toString(), "--out", out.toString(), "--guard", "-1", "--detector", "cellpose",
			"--min-area", "0"));
		String err = (String) r[2];
		assertEquals(2, r[0], err);
		assertEquals("magratio: --guard: must be 0..1000 px, got -1.0; --detector: must be one of seeded, threshold, " +
			"got 'cellpose'; --min-area: must be >= 1 px, got 0", err.trim());
		assertFalse(Files.exists(out));
		Path settings = tmp.resolve("flags-settings.json");
		Files.write(settings, "{\"min_snr\": 5000, \"max_area_px\": 10}".getBytes(StandardCharsets.UTF_8));
		r = run(args(good.toString(), "--out", out.toString(), "--config", settings.toString(), "--min-area", "20",
			"--ring-width", "0"));
		err = (String) r[2];
		assertEquals(2, r[0], err);
		// the limit is on the file's max_area_px; the minimum it names was given as a flag
		assertEquals("magratio: --ring-width: must be 1..1000 px, got 0.0; settings file " + settings + ": min_snr: " +
			"must be 0..1000, got 5000.0; max_area_px: must be >= --min-area (20), got 10", err.trim());
		assertFalse(Files.exists(out));
	}

	/** A calibration file that does not read is one problem among the others, not reported alone before them. */
	@Test
	void aBadCalibrationFileAndTwoBadFlagsAreReportedTogether() throws Exception {
		Path out = tmp.resolve("o-file-and-flags");
		Path missing = tmp.resolve("missing-cal.json");
		Object[] r = run(good.toString(), "--out", out.toString(), "--calibration", missing.toString(), "--guard", "-1",
			"--min-area", "0", "-q");
		String err = (String) r[2];
		assertEquals(2, r[0], err);
		assertEquals("magratio: --calibration: calibration file " + missing + " does not exist; --guard: must be 0..1000 px, got -1.0; " +
			"--min-area: must be >= 1 px, got 0", err.trim());
		assertFalse(Files.exists(out));
		// the same from a settings file: an unknown key, a [Ca2+] file that does not parse, a bad value
		Path ca = tmp.resolve("ca-bad.csv");
		Files.write(ca, "frame,ca_uM\n0,x\n".getBytes(StandardCharsets.UTF_8));
		Path settings = tmp.resolve("file-and-values.json");
		Files.write(settings, ("{\"treshold\": \"Otsu\", \"ca_file\": \"ca-bad.csv\", \"min_snr\": 5000}").getBytes(
			StandardCharsets.UTF_8));
		r = run(args(good.toString(), "--out", out.toString(), "--config", settings.toString(), "--ring-width", "0"));
		err = (String) r[2];
		assertEquals(2, r[0], err);
		assertTrue(err.startsWith("magratio: --ring-width: must be 1..1000 px, got 0.0; settings file " + settings +
			": treshold: unknown setting (did you mean threshold?); ca_file: "), err);
		assertTrue(err.contains("; ca_file: " + ca + " line 2, column 'ca_uM': 'x' is not a number; "), err);
		assertTrue(err.trim().endsWith("; min_snr: must be 0..1000, got 5000.0"), err);
		assertFalse(Files.exists(out));
	}

	@Test
	void malformedOrUnknownCalibrationAndSettingsFiles() throws Exception {
		Path out = tmp.resolve("o-json");
		Path broken = tmp.resolve("broken.json");
		Files.write(broken, "{\"rmin\": 0.4, ".getBytes(StandardCharsets.UTF_8));
		refused(out, new String[] { good.toString(), "--out", out.toString(), "--calibration", broken.toString(), "-q" },
			"broken.json", "not valid JSON");
		Path typo = tmp.resolve("typo.json");
		Files.write(typo, "{\"kd_mM\": 1.5, \"rmin\": 0.4, \"rmaxx\": 4, \"beta\": 3}".getBytes(
			StandardCharsets.UTF_8));
		refused(out, new String[] { good.toString(), "--out", out.toString(), "--calibration", typo.toString(), "-q" },
			"typo.json", "unknown key 'rmaxx'");
		Path settings = tmp.resolve("settings.json");
		Files.write(settings, "{\"background\": \"surface\", \"treshold\": \"Otsu\"}".getBytes(StandardCharsets.UTF_8));
		refused(out, args(good.toString(), "--out", out.toString(), "--config", settings.toString()), "settings.json",
			"treshold: unknown setting (did you mean threshold?)");
		Path notJson = tmp.resolve("settings2.json");
		Files.write(notJson, "background = surface".getBytes(StandardCharsets.UTF_8));
		refused(out, args(good.toString(), "--out", out.toString(), "--config", notJson.toString()), "settings2.json");
	}

	@Test
	void existingOutputFolderIsRefusedUnlessOverwrite() throws Exception {
		Path out = tmp.resolve("o-exists");
		Path existing = Files.createDirectories(out.resolve("good"));
		Files.write(existing.resolve("notes.txt"), "mine".getBytes(StandardCharsets.UTF_8));
		Object[] r = run(args(good.toString(), "--out", out.toString()));
		assertEquals(2, r[0]);
		assertTrue(((String) r[2]).contains("exists and is not empty"), (String) r[2]);
		assertTrue(((String) r[2]).contains("--overwrite"), (String) r[2]);
		// a folder that is not an earlier result is never replaced, even with --overwrite
		r = run(args(good.toString(), "--out", out.toString(), "--overwrite"));
		assertEquals(2, r[0]);
		assertTrue(((String) r[2]).contains("not an earlier MagRatio result"), (String) r[2]);
		assertTrue(Files.exists(existing.resolve("notes.txt")), "nothing of the user's is touched");
		try (java.util.stream.Stream<Path> s = Files.list(out)) {
			assertEquals(1, s.count(), "no temporary folder left");
		}
		// an earlier result is replaced as a whole with --overwrite
		Files.delete(existing.resolve("notes.txt"));
		assertEquals(0, run(args(good.toString(), "--out", out.toString()))[0]);
		Files.write(existing.resolve("stale.txt"), "old".getBytes(StandardCharsets.UTF_8));
		r = run(args(good.toString(), "--out", out.toString(), "--overwrite"));
		assertEquals(0, r[0], (String) r[2]);
		assertTrue(Files.exists(existing.resolve("cells.csv")));
		assertFalse(Files.exists(existing.resolve("stale.txt")), "--overwrite replaces the folder as a whole");
	}

	@Test
	void overwriteNeverDeletesAnInputInsideTheResultFolder() throws Exception {
		Path out = tmp.resolve("o-inside");
		assertEquals(0, run(args(good.toString(), "--out", out.toString()))[0]);
		// the user keeps the recording and its calibration inside what is now the result folder of that stem
		Path inside = out.resolve("good").resolve("good.tif");
		Files.copy(good, inside);
		byte[] before = Files.readAllBytes(inside);
		Object[] r = run(args(inside.toString(), "--out", out.toString(), "--overwrite"));
		assertEquals(2, r[0], (String) r[2]);
		assertTrue(((String) r[2]).contains("contains the input"), (String) r[2]);
		assertArrayEquals(before, Files.readAllBytes(inside), "the input is untouched");
	}

	@Test
	void outputThatCannotBeWritten() throws Exception {
		Path file = tmp.resolve("a-file");
		Files.write(file, new byte[] { 1 });
		Path out = file.resolve("sub");
		Object[] r = run(args(good.toString(), "--out", out.toString()));
		assertEquals(2, r[0]);
		assertTrue(((String) r[2]).contains("cannot write to output folder"), (String) r[2]);
	}

	@Test
	void oneBadFileDoesNotStopTheOthers() throws Exception {
		Path out = tmp.resolve("o-batch");
		Object[] r = run(args(good.toString(), tmp.resolve("missing.tif").toString(), "--out", out.toString()));
		assertEquals(1, r[0], "some inputs failed");
		assertTrue(Files.exists(out.resolve("good").resolve("cells.csv")));
		Csv.Table batch = Csv.read(out.resolve("batch.csv"));
		assertEquals("ok", batch.rows().get(0).get(batch.column("status")));
		assertEquals("failed", batch.rows().get(1).get(batch.column("status")));
		assertTrue(batch.rows().get(1).get(batch.column("error")).contains("missing.tif"));
	}
}
