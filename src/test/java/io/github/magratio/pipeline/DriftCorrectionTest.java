package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.DriftEstimator;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.synth.TrackingReport;

import ij.ImageStack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drift correction before a static mask, on a synthetic recording whose whole field drifts by a known 1.2 px per frame
 * at 30 degrees (no wandering, no division): the phase correlation recovers every frame's drift to a fraction of a
 * pixel, and the moved mask follows the cells (whole-cell frames on their own cell and [Mg2+] within the core bar),
 * where the fixed mask of the same recording loses them.
 */
class DriftCorrectionTest {

	static SyntheticRecording synth;
	static final double SPEED = 1.2, ANGLE = 30;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(21).cells(20).frames(24).set(SynthSettings.DRIFT,
			SPEED).set(SynthSettings.DRIFT_DIRECTION, ANGLE).build());
	}

	static float[] sum(int t) {
		ImageStack s = synth.imagePlus().getStack();
		int w = s.getWidth(), h = s.getHeight();
		float[] out = new float[w * h];
		for (int c = 1; c <= 2; c++) {
			ij.process.ImageProcessor ip = s.getProcessor(synth.imagePlus().getStackIndex(c, 1, t + 1));
			for (int i = 0; i < out.length; i++)
				out[i] += ip.getf(i);
		}
		return out;
	}

	@Test
	void phaseCorrelationRecoversTheDriftBetweenFrames() {
		double vx = SPEED * Math.cos(Math.toRadians(ANGLE)), vy = SPEED * Math.sin(Math.toRadians(ANGLE));
		double worst = 0;
		for (int t = 1; t < 24; t++) {
			double[] d = DriftEstimator.shift(sum(t - 1), sum(t), 160, 128);
			worst = Math.max(worst, Math.max(Math.abs(d[0] - vx), Math.abs(d[1] - vy)));
		}
		assertTrue(worst < 0.25, "worst error " + worst + " px per frame");
	}

	static TrackingReport run(String drift) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_DRIFT_CORRECTION, drift);
		RecordingAnalysis.Result r = RecordingAnalysis.analyse(PipelineAccuracyTest.settingsFor(synth.truth()
			.calibration(), o), Recording.of(synth.imagePlus(), Layout.AUTO, 1, null), Progress.NONE, null);
		if (r.perFrameLabels == null) return TrackingReport.compare(synth.truth(), t -> r.labels.array(), r.table,
			r.tracks);
		return TrackingReport.compare(synth.truth(), r.perFrameLabels::get, r.table, r.tracks);
	}

	@Test
	void theMovedMaskFollowsTheCellsTheFixedOneDoesNot() throws Exception {
		TrackingReport moved = run(PipelineSettings.DRIFT_TRANSLATION), fixed = run("none");
		// cells entering after frame 0 are outside frame 0's field: not in the mask, so judged only where covered
		assertTrue(moved.rightFraction() > 0.9, moved.toString());
		assertTrue(moved.errorQuantile(0.5) < 0.01 && moved.errorQuantile(0.9) < 0.03, moved.toString());
		assertTrue(fixed.rightFraction() < 0.5 * moved.rightFraction(), "fixed " + fixed + " / moved " + moved);
		System.out.println("drift correction: " + moved + "\nfixed mask: " + fixed);
		assertEquals(0, moved.divisions()[0]);
	}
}
