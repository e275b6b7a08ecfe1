package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.synth.AccuracyReport;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core issue's accuracy bar on synthetic recordings with every difficulty of the generator (gradient and drifting
 * background, vignetting, bleaching, uneven loading, touching cells, camera offset, shot and read noise, Kd 1.5 mM not
 * the 1.9 mM default): automatic segmentation finds every cell and nothing else, and per-cell per-frame [Mg2+] is within
 * median 1 % and 90th percentile 3 % of the truth. The naive constant corner background is measured on the same data
 * and must do clearly worse (it is what the default method exists to fix).
 */
class PipelineAccuracyTest {

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	static PipelineSettings settingsFor(Calibration cal, JsonObject extra) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_KD, cal.kdMillimolar());
		o.addProperty(PipelineSettings.KEY_RMIN, cal.rmin());
		o.addProperty(PipelineSettings.KEY_RMAX, cal.rmax());
		o.addProperty(PipelineSettings.KEY_BETA, cal.beta());
		if (extra != null) for (String k : extra.keySet())
			o.add(k, extra.get(k));
		return PipelineSettings.fromJson(o);
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 7, 42 })
	void surfaceBackgroundMeetsTheAccuracyBarWhereTheNaiveCornerDoesNot(long seed) throws Exception {
		SynthSettings s = SynthSettings.builder().seed(seed).cells(14).touchingPairs(2).frames(32).build();
		SyntheticRecording synth = SyntheticRecording.generate(s);
		Calibration cal = synth.truth().calibration();
		assertEquals(1.5, cal.kdMillimolar(), 1e-12, "the truth's Kd differs from the 1.9 mM default");
		Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);

		RecordingAnalysis.Result r = RecordingAnalysis.analyse(settingsFor(cal, null), rec, Progress.NONE, null);
		AccuracyReport report = AccuracyReport.compare(synth.truth(), r.labels, r.table);
		System.out.println("seed " + seed + " surface: " + report);
		assertTrue(report.trueCells() >= 12 && synth.truth().touchingPairs().size() >= 2);
		assertTrue(report.segmentationExact(), "every cell found once, none extra: " + report);
		assertTrue(report.medianRelativeError() < 0.01, report.toString());
		assertTrue(report.p90RelativeError() < 0.03, report.toString());

		JsonObject naive = new JsonObject();
		naive.addProperty(PipelineSettings.KEY_BACKGROUND, "constant");
		double[] corner = io.github.magratio.cli.DemoCliAccess.cornerMeans(rec);
		naive.addProperty(PipelineSettings.KEY_BG340, corner[0]);
		naive.addProperty(PipelineSettings.KEY_BG380, corner[1]);
		RecordingAnalysis.Result n = RecordingAnalysis.analyse(settingsFor(cal, naive), rec, Progress.NONE, null);
		AccuracyReport naiveReport = AccuracyReport.compare(synth.truth(), n.labels, n.table);
		System.out.println("seed " + seed + " naive corner: " + naiveReport);
		assertTrue(naiveReport.medianRelativeError() > 2 * report.medianRelativeError(), naiveReport.toString());
	}

	@org.junit.jupiter.api.Test
	void automaticSegmentationIsExactOverManySeeds() throws Exception {
		int exact = 0, n = 40;
		StringBuilder failures = new StringBuilder();
		for (long seed = 100; seed < 100 + n; seed++) {
			SyntheticRecording synth = SyntheticRecording.generate(SynthSettings.builder().seed(seed).frames(4).build());
			Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);
			RecordingAnalysis.Result r = RecordingAnalysis.analyse(settingsFor(synth.truth().calibration(), null), rec,
				Progress.NONE, null);
			AccuracyReport report = AccuracyReport.compare(synth.truth(), r.labels, r.table);
			if (report.segmentationExact()) exact++;
			else failures.append("seed ").append(seed).append(": ").append(report).append('\n');
		}
		System.out.println("automatic segmentation exact on " + exact + "/" + n + " seeds");
		assertEquals(n, exact, failures.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ring", "roi" })
	void otherBackgroundMethodsAreReportedOnTheSameData(String method) throws Exception {
		SyntheticRecording synth = SyntheticRecording.generate(SynthSettings.builder().seed(3).frames(30).build());
		Recording rec = Recording.of(synth.imagePlus(), Layout.AUTO, 1, null);
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_BACKGROUND, method);
		o.addProperty(PipelineSettings.KEY_BG_ROI, "0,0,10,10");
		RecordingAnalysis.Result r = RecordingAnalysis.analyse(settingsFor(synth.truth().calibration(), o), rec,
			Progress.NONE, null);
		AccuracyReport report = AccuracyReport.compare(synth.truth(), r.labels, r.table);
		System.out.println(method + ": " + report);
		assertTrue(report.segmentationExact());
		// ring follows the local background: nearly as good as the surface; a corner ROI follows drift only
		if (method.equals("ring")) assertTrue(report.medianRelativeError() < 0.02, report.toString());
		else assertTrue(report.medianRelativeError() < 0.2, report.toString());
	}
}
