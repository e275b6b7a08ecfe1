package io.github.magratio.calibration.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import org.junit.jupiter.api.Test;

class InSituCalibrationTest {

	/** Pipeline settings for calibration runs: placeholder constants, which the calibration ignores. */
	static PipelineSettings settings() throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_RMIN, 0.1);
		o.addProperty(PipelineSettings.KEY_RMAX, 100);
		o.addProperty(PipelineSettings.KEY_BETA, 1);
		return PipelineSettings.load(null, o);
	}

	/** 40 frames, 2 s apart: experiment, Mg-free ionophore from frame 20, saturating from frame 30 (tau 1 s). */
	static SyntheticRecording endOfRunCalibration(long seed) {
		return SyntheticRecording.generate(SynthSettings.builder().seed(seed).frames(40).ionophore(20, 30, 1.0)
			.build());
	}

	static Recording recording(SyntheticRecording s) {
		return Recording.of(s.imagePlus(), Layout.AUTO, 1, null);
	}

	@Test
	void frameRangesRecoverRminRmaxBetaWithin1PercentDespiteBleaching() throws Exception {
		SyntheticRecording s = endOfRunCalibration(11);
		Calibration truth = s.truth().calibration();
		InSituCalibration.Result r = InSituCalibration.fromRecording(settings(), recording(s),
			new InSituCalibration.FrameRange(24, 29), new InSituCalibration.FrameRange(34, 39), InSituCalibration.Options
				.of(1.5, 0.1), Progress.NONE);
		Calibration c = r.calibration;
		System.out.printf("in-situ (frame ranges): Rmin %.4f (truth %.4f, err %.3f %%), Rmax %.4f (truth %.4f, err " +
			"%.3f %%), beta %.4f (truth %.4f, err %.3f %%; uncorrected %.4f, err %.3f %%), %d/%d cells, warnings %s%n",
			c.rmin(), truth.rmin(), err(c.rmin(), truth.rmin()), c.rmax(), truth.rmax(), err(c.rmax(), truth.rmax()),
			c.beta(), truth.beta(), err(c.beta(), truth.beta()), r.betaUncorrected, err(r.betaUncorrected, truth
				.beta()), r.cellsKept, r.cellsMeasured, r.warnings);
		assertEquals(truth.rmin(), c.rmin(), 0.01 * truth.rmin());
		assertEquals(truth.rmax(), c.rmax(), 0.01 * truth.rmax());
		assertEquals(truth.beta(), c.beta(), 0.01 * truth.beta());
		assertTrue(c.rminSe() > 0 && c.rmaxSe() > 0 && c.betaSe() > 0);
		assertTrue(r.bleachCorrected);
		assertTrue(r.warnings.isEmpty(), r.warnings.toString());
		assertTrue(r.cellsKept >= r.cellsMeasured - 2, r.toString());
	}

	@Test
	void separateImagesRecoverRminRmaxBetaWithin1Percent() throws Exception {
		SynthSettings base = SynthSettings.builder().seed(5).frames(6).bleachFraction(0).build();
		SyntheticRecording zero = SyntheticRecording.generate(base.toBuilder().ionophore(0, -1, 0).build());
		SyntheticRecording sat = SyntheticRecording.generate(base.toBuilder().ionophore(-1, 0, 0).build());
		Calibration truth = zero.truth().calibration();
		InSituCalibration.Result r = InSituCalibration.fromImages(settings(), recording(zero), recording(sat),
			InSituCalibration.Options.of(1.5, 0), Progress.NONE);
		Calibration c = r.calibration;
		System.out.printf("in-situ (separate images): Rmin err %.3f %%, Rmax err %.3f %%, beta err %.3f %%, %d/%d " +
			"cells%n", err(c.rmin(), truth.rmin()), err(c.rmax(), truth.rmax()), err(c.beta(), truth.beta()),
			r.cellsKept, r.cellsMeasured);
		assertEquals(truth.rmin(), c.rmin(), 0.01 * truth.rmin());
		assertEquals(truth.rmax(), c.rmax(), 0.01 * truth.rmax());
		assertEquals(truth.beta(), c.beta(), 0.01 * truth.beta());
		assertFalse(r.bleachCorrected);
	}

	@Test
	void swappedImagesAreNamed() throws Exception {
		SynthSettings base = SynthSettings.builder().seed(5).frames(3).build();
		SyntheticRecording zero = SyntheticRecording.generate(base.toBuilder().ionophore(0, -1, 0).build());
		SyntheticRecording sat = SyntheticRecording.generate(base.toBuilder().ionophore(-1, 0, 0).build());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InSituCalibration.fromImages(
			settings(), recording(sat), recording(zero), InSituCalibration.Options.of(1.5, 0), Progress.NONE));
		assertTrue(e.getMessage().contains("swapped"), e.getMessage());
	}

	@Test
	void rangesOffThePlateauWarnAndPointToIt() throws Exception {
		SyntheticRecording s = endOfRunCalibration(11);
		InSituCalibration.Result r = InSituCalibration.fromRecording(settings(), recording(s),
			new InSituCalibration.FrameRange(18, 23), new InSituCalibration.FrameRange(34, 39), InSituCalibration.Options
				.of(1.5, 0), Progress.NONE);
		assertEquals(1, r.warnings.size(), r.warnings.toString());
		String w = r.warnings.get(0);
		assertTrue(w.contains("not at a plateau") && w.contains("18-23"), w);
		// the flat, lowest stretch of 6 frames lies within the Mg-free phase (frames 20-29; frame 30 is taken as the
		// saturating buffer arrives and still reads Rmin)
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("frames (\\d+)-(\\d+) are flat").matcher(w);
		assertTrue(m.find(), w);
		int first = Integer.parseInt(m.group(1));
		assertTrue(first >= 21 && Integer.parseInt(m.group(2)) <= 30, w);
	}

	@Test
	void overlappingOrOutsideRangesAreRefused() throws Exception {
		SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().frames(10).build());
		assertThrows(IllegalArgumentException.class, () -> InSituCalibration.fromRecording(settings(), recording(s),
			new InSituCalibration.FrameRange(2, 5), new InSituCalibration.FrameRange(4, 8), InSituCalibration.Options.of(
				1.5, 0), Progress.NONE));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InSituCalibration
			.fromRecording(settings(), recording(s), new InSituCalibration.FrameRange(2, 5),
				new InSituCalibration.FrameRange(7, 12), InSituCalibration.Options.of(1.5, 0), Progress.NONE));
		assertTrue(e.getMessage().contains("7-12"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> InSituCalibration.FrameRange.parse("12", "--rmin-frames"));
	}

	static double err(double v, double truth) {
		return 100 * (v / truth - 1);
	}
}
