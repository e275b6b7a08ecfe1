package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.synth.TrackingReport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-frame segmentation and tracking on synthetic recordings whose cells drift across the field (entering and
 * leaving it), wander on their own and divide, against the generator's truth, over seeds 12000-12019 fixed before any
 * result was looked at (linker rules were then added after looking at seeds 12002 and 12010: pieces below a quarter of
 * a cell are crumbs, and a split that merges again is a flicker; and after looking at 12001, 12012, 12016, 13002,
 * 13003 and 13012: a flicker's pieces are the cell, a piece keeping 70 % of the cell is no division, a division at
 * the border, a merge that splits back; held-out seeds 14000-14019, run once afterwards: see the README). Bars of the
 * issue: every truth cell followed with at least 99 % of its frames on its own track (so, at 36 frames, all of them),
 * and the core issue's [Mg2+] accuracy (median relative error below 1 %, 90th percentile below 3 %) on those cells;
 * and divisions recorded with the right parent where they can be seen.
 */
class TrackingAccuracyTest {

	/**
	 * Seeds 12000-12019, or a held-out range with the same bars from the environment, e.g.
	 * {@code MAGRATIO_TRACKING_FIRST_SEED=18000 mvn test -Dtest=TrackingAccuracyTest} (the environment reaches
	 * surefire's test JVM; a {@code -D} property given to Maven does not).
	 */
	static final long FIRST_SEED = firstSeed(), SEEDS = 20;

	private static long firstSeed() {
		String s = System.getenv("MAGRATIO_TRACKING_FIRST_SEED");
		return s == null || s.isBlank() ? 12000 : Long.parseLong(s.trim());
	}

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	/** Moving cells: 1.5 px per frame of drift at 20 degrees, 1 px of wandering, 3 divisions. */
	static SynthSettings.Builder moving(long seed) {
		return SynthSettings.builder().seed(seed).cells(20).set(SynthSettings.DRIFT, 1.5).set(
			SynthSettings.DRIFT_DIRECTION, 20.0).set(SynthSettings.WANDER, 1.0).set(SynthSettings.DIVISIONS, 3)
			.cellGapPixels(6);
	}

	static TrackingReport track(SynthSettings s, JsonObject extra) throws Exception {
		SyntheticRecording synth = SyntheticRecording.generate(s);
		JsonObject o = extra == null ? new JsonObject() : extra;
		o.addProperty(PipelineSettings.KEY_SEGMENTATION, PipelineSettings.SEGMENTATION_PER_FRAME);
		RecordingAnalysis.Result r = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(synth.truth()
			.calibration(), o), Recording.of(synth.imagePlus(), Layout.AUTO, 1, null), Progress.NONE, null);
		return TrackingReport.compare(synth.truth(), r.perFrameLabels::get, r.table, r.tracks);
	}

	@Test
	void driftingWanderingDividingCellsStayOnTheirTracks() throws Exception {
		int judged = 0, right = 0, daughters = 0, divisions = 0;
		double worst = 1;
		List<Double> errors = new ArrayList<>();
		StringBuilder lines = new StringBuilder();
		for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
			TrackingReport t = track(moving(seed).build(), null);
			judged += t.judgedFrames();
			right += t.rightFrames();
			daughters += t.divisions()[0];
			divisions += t.divisions()[1];
			worst = Math.min(worst, t.worstCellFraction());
			for (double e : t.relativeErrors())
				errors.add(e);
			lines.append("seed ").append(seed).append(": ").append(t).append('\n');
			for (String f : t.failures())
				lines.append("    ").append(f).append('\n');
		}
		errors.sort(null);
		double median = errors.get(errors.size() / 2), p90 = errors.get((int) (0.9 * errors.size()));
		String all = String.format(java.util.Locale.ROOT, "all seeds: %d of %d cell-frames right (%.3f %%), " +
			"worst truth cell %.2f %%, divisions %d of %d, [Mg2+] error median %.2f %%, p90 %.2f %%%n", right, judged,
			100.0 * right / judged, 100 * worst, divisions, daughters, 100 * median, 100 * p90) + lines;
		System.out.println(all);
		// divisions are judged where the truth shows mother and daughter whole in the field; how many of the 6
		// daughters a seed schedules that is depends on where the drift takes them (89 of 120 on 12000-12019, 58 on
		// 13000-13019), so the bar is a fraction of what the truth of this range shows, resting on at least one a seed
		assertTrue(daughters >= SEEDS && divisions >= 0.95 * daughters, all);
		assertTrue(right >= 0.99 * judged, all);
		assertTrue(worst >= 0.99, "every truth cell followed in at least 99 % of its frames: " + all);
		assertTrue(median < 0.01 && p90 < 0.03, all);
	}
}
