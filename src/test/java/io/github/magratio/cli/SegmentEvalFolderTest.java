package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment-eval --truth-folder}: folders of annotated images written from the synthetic generator (images and
 * the generator's own truth labels, which the detector never sees), scored through the real command line. Pooled
 * counts are the sums of the per-pair counts; a mask scored against itself and against the same mask less one object
 * gives the closed-form precision, recall and F1; each bad pair is named and the others are still scored.
 */
class SegmentEvalFolderTest {

	static final int W = 128, H = 96, CELLS = 8;
	static final long[] SEEDS = { 31, 32, 33 };

	@TempDir
	static Path tmp;
	static Path flat, twoFolders;

	@BeforeAll
	static void setUp() throws Exception {
		System.setProperty("java.awt.headless", "true");
		flat = Files.createDirectories(tmp.resolve("flat"));
		twoFolders = Files.createDirectories(tmp.resolve("two"));
		Files.createDirectories(twoFolders.resolve("images"));
		Files.createDirectories(twoFolders.resolve("masks"));
		for (long seed : SEEDS) {
			SyntheticRecording s = synth(seed);
			String name = "field" + seed;
			saveRecording(s, flat.resolve(name + "_image.tif"));
			saveLabels(s.truth().labels(), W, H, flat.resolve(name + "_mask.tif"));
			saveRecording(s, twoFolders.resolve("images").resolve(name + ".tif"));
			saveLabels(s.truth().labels(), W, H, twoFolders.resolve("masks").resolve(name + ".tif"));
		}
		// notes and scripts beside the pairs are no pairs
		Files.write(flat.resolve("SOURCE.md"), "where the pairs come from".getBytes("UTF-8"));
	}

	static SyntheticRecording synth(long seed) {
		return SyntheticRecording.generate(SynthSettings.builder().seed(seed).width(W).height(H).cells(CELLS)
			.frames(3).build());
	}

	static void saveRecording(SyntheticRecording s, Path file) {
		assertTrue(new FileSaver(s.imagePlus()).saveAsTiffStack(file.toString()));
	}

	static void saveLabels(short[] labels, int w, int h, Path file) {
		assertTrue(new FileSaver(new ImagePlus("labels", new ShortProcessor(w, h, labels.clone(), null))).saveAsTiff(
			file.toString()));
	}

	static Csv.Table scores(Path csv) throws Exception {
		return Csv.read(csv);
	}

	static String get(Csv.Table t, int row, String column) {
		return t.rows().get(row).get(t.requireColumn(column));
	}

	static int count(Csv.Table t, int row, String column) {
		return Integer.parseInt(get(t, row, column));
	}

	@Test
	void theDetectorIsScoredOnEveryPairAndThePoolIsTheSumOfThePairs() throws Exception {
		Path csv = tmp.resolve("flat.csv");
		CliRun r = CliRun.run("segment-eval", "--truth-folder", flat.toString(), "--csv", csv.toString());
		assertEquals(0, r.code, r.err + r.out);
		Csv.Table t = scores(csv);
		assertEquals(SEEDS.length + 1, t.rows().size(), r.out);
		int truth = 0, found = 0, matched = 0, merged = 0, split = 0;
		for (int i = 0; i < SEEDS.length; i++) {
			assertEquals("pair", get(t, i, "kind"));
			assertEquals("field" + SEEDS[i], get(t, i, "name"));
			// the truth side is the generator's: every one of its cells, whatever the detector did
			assertEquals(CELLS, count(t, i, "truth"), r.out);
			truth += count(t, i, "truth");
			found += count(t, i, "found");
			matched += count(t, i, "matched");
			merged += count(t, i, "merged");
			split += count(t, i, "split");
			assertTrue(r.out.contains("field" + SEEDS[i] + ": " + CELLS + " true, "), r.out);
		}
		int p = SEEDS.length;
		assertEquals("pooled", get(t, p, "kind"));
		assertEquals(truth, count(t, p, "truth"));
		assertEquals(found, count(t, p, "found"));
		assertEquals(matched, count(t, p, "matched"));
		assertEquals(merged, count(t, p, "merged"));
		assertEquals(split, count(t, p, "split"));
		assertEquals(truth - matched, count(t, p, "missed"));
		assertEquals(found - matched, count(t, p, "extra"));
		assertEquals(2.0 * matched / (truth + found), Double.parseDouble(get(t, p, "f1")), 1e-5);
		assertEquals(matched / (double) truth, Double.parseDouble(get(t, p, "recall")), 1e-5);
		// the generator's default kind is the demo's, on which the seeded detector finds every cell
		assertEquals(truth, matched, r.out);
		assertTrue(r.out.contains("pooled over 3 pairs (detector seeded): " + truth + " true, " + found + " found, " +
			matched + " matched"), r.out);

		// the two-folder layout pairs the same files alike and scores them the same
		CliRun two = CliRun.run("segment-eval", "--truth-folder", twoFolders.toString());
		assertEquals(0, two.code, two.err);
		assertEquals(r.out.substring(0, r.out.indexOf("wrote ")), two.out);

		// the other detector is chosen as run's flag, and scores differently or alike, but scores
		CliRun old = CliRun.run("segment-eval", "--truth-folder", flat.toString(), "--detector", "threshold");
		assertEquals(0, old.code, old.err);
		assertTrue(old.out.contains("pooled over 3 pairs (detector threshold): " + truth + " true, "), old.out);
	}

	@Test
	void aMaskAgainstItselfAndAgainstItselfLessOneObjectGiveTheClosedForms() throws Exception {
		// prediction P = the truth T of one field less its object 1 (given as --labels, so no detector is involved);
		// pair "same": mask P, so F1 1; pair "less": mask T, so n true, n-1 found, n-1 matched
		short[] t = synth(SEEDS[0]).truth().labels();
		Set<Short> ids = new HashSet<>();
		short[] p = t.clone();
		for (int i = 0; i < p.length; i++) {
			if (t[i] != 0) ids.add(t[i]);
			if (p[i] == 1) p[i] = 0;
		}
		int n = ids.size();
		assertEquals(CELLS, n);
		Path dir = Files.createDirectories(tmp.resolve("closed"));
		Path prediction = tmp.resolve("prediction.tif");
		saveLabels(p, W, H, prediction);
		saveLabels(p, W, H, dir.resolve("same_mask.tif"));
		saveLabels(t, W, H, dir.resolve("less_mask.tif"));
		saveRecording(synth(SEEDS[0]), dir.resolve("same_image.tif"));
		saveRecording(synth(SEEDS[0]), dir.resolve("less_image.tif"));
		Path csv = tmp.resolve("closed.csv");
		CliRun r = CliRun.run("segment-eval", "--truth-folder", dir.toString(), "--labels", prediction.toString(),
			"--csv", csv.toString());
		assertEquals(0, r.code, r.err);
		Csv.Table s = scores(csv);
		// rows sorted by name: less, same, pooled
		assertEquals("less", get(s, 0, "name"));
		assertEquals(n, count(s, 0, "truth"));
		assertEquals(n - 1, count(s, 0, "matched"));
		assertEquals((n - 1) / (double) n, Double.parseDouble(get(s, 0, "recall")), 1e-5);
		assertEquals(1.0, Double.parseDouble(get(s, 0, "precision")), 0);
		assertEquals(2.0 * (n - 1) / (2 * n - 1), Double.parseDouble(get(s, 0, "f1")), 1e-5);
		assertEquals(1.0, Double.parseDouble(get(s, 0, "mean_iou")), 0);
		assertEquals("same", get(s, 1, "name"));
		assertEquals(1.0, Double.parseDouble(get(s, 1, "f1")), 0);
		assertEquals(n - 1, count(s, 1, "matched"));
		// pooled: 2n-1 true, 2n-2 found and matched
		assertEquals(2 * n - 1, count(s, 2, "truth"));
		assertEquals(2 * n - 2, count(s, 2, "found"));
		assertEquals((2.0 * n - 2) / (2 * n - 1), Double.parseDouble(get(s, 2, "recall")), 1e-5);
		assertEquals(2.0 * (2 * n - 2) / (4 * n - 3), Double.parseDouble(get(s, 2, "f1")), 1e-5);
		assertTrue(r.out.contains(String.format(java.util.Locale.ROOT, "less: %d true, %d found, %d matched at IoU >= " +
			"0.50: precision 1.000, recall %.3f", n, n - 1, n - 1, (n - 1) / (double) n)), r.out);

		// --exclude leaves a pair out of the pool by name
		CliRun one = CliRun.run("segment-eval", "--truth-folder", dir.toString(), "--labels", prediction.toString(),
			"--exclude", "less");
		assertEquals(0, one.code, one.err);
		assertFalse(one.out.contains("less:"), one.out);
		assertTrue(one.out.contains("pooled over 1 pair (detector seeded): " + (n - 1) + " true, " + (n - 1) +
			" found, " + (n - 1) + " matched"), one.out);
	}

	@Test
	void eachBadPairIsNamedAndTheOthersAreStillScored() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("bad"));
		SyntheticRecording s = synth(SEEDS[1]);
		saveRecording(s, dir.resolve("good_image.tif"));
		saveLabels(s.truth().labels(), W, H, dir.resolve("good_mask.tif"));
		saveRecording(s, dir.resolve("lonely_image.tif"));
		saveLabels(s.truth().labels(), W, H, dir.resolve("orphan_mask.tif"));
		saveRecording(s, dir.resolve("small_image.tif"));
		saveLabels(new short[64 * 48], 64, 48, dir.resolve("small_mask.tif"));
		Files.write(dir.resolve("broken_image.tif"), "not a tiff".getBytes("UTF-8"));
		saveLabels(s.truth().labels(), W, H, dir.resolve("broken_mask.tif"));
		Path csv = tmp.resolve("bad.csv");
		CliRun r = CliRun.run("segment-eval", "--truth-folder", dir.toString(), "--csv", csv.toString());
		assertEquals(2, r.code, r.out);
		assertTrue(r.err.contains("lonely: " + dir.resolve("lonely_image.tif") + ": no mask for it (expected " + dir
			.resolve("lonely_mask.tif")), r.err);
		assertTrue(r.err.contains("orphan: " + dir.resolve("orphan_mask.tif") + ": no image for this mask (expected " +
			dir.resolve("orphan_image.tif")), r.err);
		assertTrue(r.err.contains("small: image " + dir.resolve("small_image.tif") + " is 128x96 but its mask " + dir
			.resolve("small_mask.tif") + " is 64x48"), r.err);
		assertTrue(r.err.contains("broken: cannot read " + dir.resolve("broken_image.tif")), r.err);
		assertTrue(r.out.contains("good: " + CELLS + " true, "), r.out);
		assertTrue(r.out.contains("pooled over 1 pair, 4 not scored (detector seeded): " + CELLS + " true, "), r.out);
		Csv.Table t = scores(csv);
		assertEquals(6, t.rows().size());
		assertEquals("broken", get(t, 0, "name"));
		assertTrue(get(t, 0, "problem").contains("cannot read"), get(t, 0, "problem"));
		assertEquals("", get(t, 0, "f1"));
		assertEquals("4 pairs not scored", get(t, 5, "problem"));
		assertEquals(CELLS, count(t, 5, "truth"));

		// an existing --csv is kept unless --overwrite
		CliRun again = CliRun.run("segment-eval", "--truth-folder", flat.toString(), "--csv", csv.toString());
		assertEquals(2, again.code);
		assertTrue(again.err.contains("--csv " + csv + " exists; pass --overwrite"), again.err);
		assertEquals(6, scores(csv).rows().size());
	}

	@Test
	void aFolderWithoutPairsAndWrongOptionsAreRefusedByName() throws Exception {
		Path empty = Files.createDirectories(tmp.resolve("empty"));
		Files.write(empty.resolve("notes.txt"), "no images".getBytes("UTF-8"));
		CliRun r = CliRun.run("segment-eval", "--truth-folder", empty.toString());
		assertEquals(2, r.code);
		assertTrue(r.err.contains("--truth-folder " + empty + " holds no annotated image: expected NAME_image.tif + " +
			"NAME_mask.tif side by side, or images/NAME.tif + masks/NAME.tif"), r.err);
		assertEquals("", r.out);
		CliRun missing = CliRun.run("segment-eval", "--truth-folder", tmp.resolve("nowhere").toString());
		assertEquals(2, missing.code);
		assertTrue(missing.err.contains("--truth-folder " + tmp.resolve("nowhere") + " does not exist"), missing.err);
		CliRun typo = CliRun.run("segment-eval", "--truth-folder", flat.toString(), "--exclude", "field99");
		assertEquals(2, typo.code);
		assertTrue(typo.err.contains("--exclude field99: no pair of that name in " + flat + " (pairs: field31, " +
			"field32, field33)"), typo.err);
		CliRun both = CliRun.run("segment-eval", "--truth-folder", flat.toString(), "--image", "x.tif");
		assertEquals(2, both.code);
		assertTrue(both.err.contains("--image goes with --labels-truth"), both.err);
		CliRun neither = CliRun.run("segment-eval", "--detector", "seeded");
		assertEquals(2, neither.code);
		assertTrue(neither.err.contains("give --labels-truth FILE with --image or --run, or --truth-folder DIR"),
			neither.err);
		CliRun iou = CliRun.run("segment-eval", "--truth-folder", flat.toString(), "--iou", "0.3");
		assertEquals(2, iou.code);
		assertTrue(iou.err.contains("--iou: must be 0.5..1"), iou.err);
	}
}
