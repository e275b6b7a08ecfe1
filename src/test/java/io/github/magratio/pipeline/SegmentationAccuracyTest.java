package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Progress;
import io.github.magratio.core.SegmentationScore;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.synth.AccuracyReport;
import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import ij.ImageStack;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Automatic segmentation on synthetic recordings harder than the generator's defaults ({@link SynthSettings#crowded()}:
 * a 10x spread of dye loading, touching pairs and clusters of 3-5 cells, a textured background and optical blur), over
 * seeds 7000-7019, through the whole analysis, against the generator's truth. The seeds were chosen before any result
 * was looked at, but the detector's working scale and its soft-and-faint rule were later chosen on them too (with seeds
 * 100-119 and real images), so they are tuning data now: the held-out figures (crowded 9400-9419 and 9600-9619, hard
 * 9500-9519 and 9700-9719, below the 99 % there) are in the README. Every seed's figures are printed; the
 * assertions are the bars of 99 % found and 1 % extra, and the old threshold detector's figure on the same
 * seeds.
 */
class SegmentationAccuracyTest {

	static final long FIRST_SEED = 7000, SEEDS = 20;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	static int[] truthLabels(GroundTruth t) {
		short[] s = t.labels();
		int[] a = new int[s.length];
		for (int i = 0; i < s.length; i++)
			a[i] = s[i] & 0xffff;
		return a;
	}

	@Test
	void crowdedRecordingsOverEvaluationSeeds() throws Exception {
		int truth = 0, found = 0, matched = 0, oldMatched = 0, oldFound = 0;
		List<Double> errors = new ArrayList<>();
		StringBuilder lines = new StringBuilder();
		for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
			SyntheticRecording synth = SyntheticRecording.generate(SynthSettings.crowded().seed(seed).build());
			GroundTruth t = synth.truth();
			Calibration cal = t.calibration();
			Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);
			RecordingAnalysis.Result r = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(cal, null), rec,
				Progress.NONE, null);
			SegmentationScore s = SegmentationScore.of(truthLabels(t), r.labels.array(), t.width(), t.height());
			AccuracyReport a = AccuracyReport.compare(t, r.labels, r.table);
			for (double e : a.relativeErrors())
				errors.add(e);
			truth += s.truthCount();
			found += s.predictedCount();
			matched += s.matched();

			JsonObject old = new JsonObject();
			old.addProperty(PipelineSettings.KEY_DETECTOR, "threshold");
			PipelineSettings os = PipelineAccuracyTest.settingsFor(cal, old);
			Labels o = RecordingAnalysis.segment(os, r.segmentationImage, t.width(), t.height()).cells;
			SegmentationScore so = SegmentationScore.of(truthLabels(t), o.array(), t.width(), t.height());
			oldMatched += so.matched();
			oldFound += so.predictedCount();
			lines.append(String.format(Locale.ROOT, "seed %d: seeded %s; [Mg2+] %s; threshold detector: %d of %d%n",
				seed, s, a, so.matched(), so.truthCount()));
		}
		double recall = matched / (double) truth, extra = (found - matched) / (double) found;
		double f1 = 2.0 * matched / (truth + found);
		double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
		double median = io.github.magratio.core.Stats.quantile(e, 0.5), p90 = io.github.magratio.core.Stats.quantile(e,
			0.9);
		String summary = String.format(Locale.ROOT, "crowded seeds %d-%d: %d true, %d found, %d matched (recall %.4f, " +
			"extra %.4f, F1 %.4f); [Mg2+] over %d matched cell-frames: median %.3f %%, p90 %.3f %%; threshold detector " +
			"recall %.4f, extra %.4f", FIRST_SEED, FIRST_SEED + SEEDS - 1, truth, found, matched, recall, extra, f1,
			e.length, 100 * median, 100 * p90, oldMatched / (double) truth, (oldFound - oldMatched) / (double) Math.max(1,
				oldFound));
		System.out.print(lines);
		System.out.println(summary);
		assertTrue(recall >= 0.99, summary); // measured 0.9988
		assertTrue(extra <= 0.01, summary); // measured 0.0025
		assertTrue(f1 >= 0.99, summary); // measured 0.9994 (session 23; 0.9981 before)
		assertTrue(median <= 0.01 && p90 <= 0.03, "the core [Mg2+] bar on the cells found: " + summary);
		assertTrue(oldMatched / (double) truth < recall - 0.25, "the threshold detector misses the dim cells: " +
			summary);
	}

	@Test
	void aCellWhoseSeedMissedItsTopStaysApartFromItsPeer() throws Exception {
		// crowded seed 12002 (tuning range): cell 9, an ellipse of semi-axes 12.0 x 6.8 px (loading 0.48), touches cell 7
		// (5.5 x 7.3 px, loading 0.51, a peer) and cell 10. Its one seed sits at its end beside cell 7, where the
		// intensity near the seed is barely above the pass to cell 7 (by 0.06 of it), while its own hill top, 6 px
		// away, is 0.25 above the pass (measured in the detector). The build before SeededSegmenter's hill-top rule
		// (2c73f32) joined the two into one object: cell 9 IoU 0.96, cell 7 IoU 0, 39 of 40 cells found. The truth is
		// the generator's drawn ellipses. Drawn alone in closed form (these three cells with the generator's profile, on
		// a plain gradient with white noise) the old build parts them too, as it did every simpler drawing tried (session
		// 28: off-centre nuclei, cones, stadiums, elongated peers), so the test takes the whole recording
		SyntheticRecording synth = SyntheticRecording.generate(SynthSettings.crowded().seed(12002).build());
		GroundTruth t = synth.truth();
		Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);
		RecordingAnalysis.Result r = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(t.calibration(), null),
			rec, Progress.NONE, null);
		SegmentationScore sc = SegmentationScore.of(truthLabels(t), r.labels.array(), t.width(), t.height());
		int[] truth = truthLabels(t);
		assertEquals(9, truth[59 * t.width() + 140], "cell 9 is the drawn ellipse centred at (140.3, 58.8)");
		assertEquals(7, truth[48 * t.width() + 135], "cell 7 is the drawn ellipse centred at (135.5, 47.8)");
		assertTrue(sc.iouOfTruth(9) >= 0.5 && sc.iouOfTruth(7) >= 0.5, "cells 9 and 7 each their own object: IoU " + sc
			.iouOfTruth(9) + ", " + sc.iouOfTruth(7) + "; " + sc);
		assertEquals(t.cellCount(), sc.matched(), sc.toString());
	}

	@Test
	void oneCellFiveTimesBrighterLeavesEveryCellFound() throws Exception {
		// the bundled kind of recording with one cell's dye made 5x (not saturated): the threshold detector found 1
		// of 14 cells of such a recording
		SynthSettings s = SynthSettings.builder().seed(3).frames(6).build();
		SyntheticRecording synth = SyntheticRecording.generate(s);
		GroundTruth t = synth.truth();
		ImageStack stack = synth.imagePlus().getStack();
		int w = t.width(), bright = 5;
		for (int k = 1; k <= stack.getSize(); k++) {
			ImageProcessor ip = stack.getProcessor(k);
			int frame = (k - 1) / 2;
			boolean at340 = (k - 1) % 2 == 0;
			for (int i = 0; i < ip.getPixelCount(); i++) {
				if ((t.labels()[i] & 0xffff) != bright) continue;
				double bg = at340 ? t.background340(i % w, i / w, frame) : t.background380(i % w, i / w, frame);
				double v = bg + 5 * (ip.getf(i) - bg);
				assertTrue(v < 65535, "not saturated");
				ip.setf(i, (float) v);
			}
		}
		Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);
		RecordingAnalysis.Result r = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(t.calibration(), null),
			rec, Progress.NONE, null);
		SegmentationScore sc = SegmentationScore.of(truthLabels(t), r.labels.array(), w, t.height());
		assertEquals(t.cellCount(), sc.matched(), sc.toString());
		assertEquals(0, sc.extra(), sc.toString());
		AccuracyReport a = AccuracyReport.compare(t, r.labels, r.table);
		assertTrue(a.medianRelativeError() < 0.01, a.toString());
	}

	/**
	 * The bar: per-frame mode on a still recording gives the same cells as the static mask (IoU &gt;= 0.5) in at
	 * least 99 % of cell-frames, on the demo's kind of recording one frame at a time, and on crowded clusters with a
	 * 3-frame average (seeds 7000-7004, where the disagreements were classified and {@code TemporalCells} was made;
	 * before it 2371 of 2424).
	 */
	@Test
	void perFrameSegmentationOfAStillRecordingFindsTheStaticCells() throws Exception {
		assertTrue(perFrameAgreement(SynthSettings.builder(), 1, FIRST_SEED, 5) >= 0.99); // measured 840 of 840
		assertTrue(perFrameAgreement(SynthSettings.crowded(), 3, FIRST_SEED, 5) >= 0.99); // measured 2388 of 2400 (session 23)
	}

	/**
	 * The same bar on crowded seeds 15000-15019, fixed before {@code TemporalCells} was written and not used to make
	 * it (before it: 9382 of 9444 cell-frames).
	 */
	@Test
	void perFrameSegmentationOfStillCrowdedRecordingsOverFreshSeeds() throws Exception {
		assertTrue(perFrameAgreement(SynthSettings.crowded(), 3, 15000, 20) >= 0.99);
	}

	/** @return the fraction of the static mask's cell-frames that per-frame segmentation finds (IoU &gt;= 0.5) */
	static double perFrameAgreement(SynthSettings.Builder preset, int window, long firstSeed, int seeds)
		throws Exception
	{
		int cellFrames = 0, same = 0;
		StringBuilder lines = new StringBuilder();
		for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
			SyntheticRecording synth = SyntheticRecording.generate(preset.seed(seed).frames(12).build());
			GroundTruth t = synth.truth();
			Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);
			RecordingAnalysis.Result still = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(t
				.calibration(), null), rec, Progress.NONE, null);
			JsonObject pf = new JsonObject();
			pf.addProperty(PipelineSettings.KEY_SEGMENTATION, PipelineSettings.SEGMENTATION_PER_FRAME);
			pf.addProperty(PipelineSettings.KEY_SEGMENTATION_WINDOW, window);
			RecordingAnalysis.Result moving = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(t
				.calibration(), pf), rec, Progress.NONE, null);
			int seedSame = 0, seedTotal = 0;
			for (int f = 0; f < t.frames(); f++) {
				SegmentationScore sc = SegmentationScore.of(still.labels.array(), moving.perFrameLabels.get(f), t.width(),
					t.height());
				seedSame += sc.matched();
				seedTotal += sc.truthCount();
			}
			cellFrames += seedTotal;
			same += seedSame;
			lines.append(String.format(Locale.ROOT, "seed %d: %d of %d cell-frames, %d tracks for %d cells%n", seed,
				seedSame, seedTotal, moving.table.cells(), still.labels.count()));
		}
		double fraction = same / (double) cellFrames;
		System.out.print(lines);
		System.out.printf(Locale.ROOT, "per-frame (window %d) vs static mask, %s seeds %d-%d: %d of %d cell-frames the " +
			"same cell (IoU >= 0.5): %.4f%n", window, preset.build().name(), firstSeed, firstSeed + seeds - 1, same,
			cellFrames, fraction);
		return fraction;
	}
}
