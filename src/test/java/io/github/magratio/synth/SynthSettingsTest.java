package io.github.magratio.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.core.Calibration;

import com.google.gson.JsonObject;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;

class SynthSettingsTest {

	@Test
	void defaultSpectraImplyRmin04Rmax4Beta3AndKd15() {
		SynthSettings s = SynthSettings.defaults();
		Calibration c = SyntheticRecording.generate(s.toBuilder().frames(1).build()).truth().calibration();
		// the demo's truth, as the README states it
		assertEquals(0.40, c.rmin(), 1e-15);
		assertEquals(4.00, c.rmax(), 1e-15);
		assertEquals(3.0, c.beta(), 1e-15);
		assertEquals(1.5, c.kdMillimolar(), 0);
	}

	@Test
	void theRecordingHasTheSizeFramesCellsAndIntervalItWasAskedFor() {
		SynthSettings s = SynthSettings.builder().width(90).height(70).frames(3).cells(5).touchingPairs(1)
			.frameIntervalSeconds(0.5).seed(11).build();
		SyntheticRecording r = SyntheticRecording.generate(s);
		ImagePlus imp = r.imagePlus();
		assertEquals(90, imp.getWidth());
		assertEquals(70, imp.getHeight());
		assertEquals(2, imp.getNChannels());
		assertEquals(3, imp.getNFrames());
		assertEquals(0.5, imp.getCalibration().frameInterval, 0);
		java.util.Set<Short> ids = new java.util.TreeSet<>();
		for (short l : r.truth().labels())
			if (l != 0) ids.add(l);
		assertEquals(5, ids.size(), ids.toString());
	}

	/**
	 * The camera model measured in the pixels: where no cell is and the background is flat, each pixel is offset + B
	 * plus shot noise of B / gain photo-electrons (variance gain * B) and Gaussian read noise, rounded to whole counts
	 * (variance + 1/12). Mean and SD over the cell-free pixels of every frame and both channels match that closed form
	 * within 5 standard errors of the sample (SE of a mean sd / sqrt n, of an SD about sd / sqrt(2 n)), for the
	 * default camera in the dark and for a non-default one over a flat background.
	 */
	@Test
	void cellFreePixelsHoldTheOffsetReadNoiseAndShotNoiseOfTheSettings() {
		SynthSettings dark = SynthSettings.builder().frames(4).set(SynthSettings.BG340, 0.0).set(SynthSettings.BG380,
			0.0).build();
		checkCamera(dark, 0, 0);
		SynthSettings camera = SynthSettings.builder().frames(4).seed(5).set(SynthSettings.OFFSET, 480.0).set(
			SynthSettings.READ_NOISE, 7.5).set(SynthSettings.GAIN, 2.5).set(SynthSettings.BG340, 60.0).set(
				SynthSettings.BG380, 200.0).set(SynthSettings.BG_GRADIENT, 0.0).set(SynthSettings.BG_BOWL, 0.0).set(
					SynthSettings.BG_DRIFT, 0.0).build();
		checkCamera(camera, 60, 200);
	}

	/** @param b340 the flat background above offset at 340 nm, counts; {@code b380} at 380 nm */
	private static void checkCamera(SynthSettings s, double b340, double b380) {
		SyntheticRecording r = SyntheticRecording.generate(s);
		ImagePlus imp = r.imagePlus();
		short[] labels = r.truth().labels();
		for (int c = 1; c <= 2; c++) {
			double b = c == 1 ? b340 : b380;
			double expectedMean = s.cameraOffsetCounts() + b;
			double expectedSd = Math.sqrt(s.gainCountsPerElectron() * b + s.readNoiseCounts() * s.readNoiseCounts() +
				1.0 / 12);
			double sum = 0, sum2 = 0;
			long n = 0;
			for (int t = 1; t <= s.frames(); t++) {
				short[] px = (short[]) imp.getStack().getPixels(imp.getStackIndex(c, 1, t));
				for (int i = 0; i < px.length; i++)
					if (labels[i] == 0) {
						double v = px[i] & 0xffff;
						sum += v;
						sum2 += v * v;
						n++;
					}
			}
			double mean = sum / n, sd = Math.sqrt((sum2 - n * mean * mean) / (n - 1));
			String what = String.format(java.util.Locale.ROOT, "camera offset %.1f, read noise %.2f, gain %.2f, " +
				"background %.0f, channel %d: mean %.4f (expected %.4f), SD %.4f (expected %.4f) over %d pixels", s
					.cameraOffsetCounts(), s.readNoiseCounts(), s.gainCountsPerElectron(), b, c, mean, expectedMean, sd,
				expectedSd, n);
			System.out.println(what);
			assertTrue(n > 10000, what);
			assertEquals(expectedMean, mean, 5 * expectedSd / Math.sqrt(n), what);
			assertEquals(expectedSd, sd, 5 * expectedSd / Math.sqrt(2.0 * n), what);
		}
	}

	@Test
	void spectraForGivesTheRequestedCalibration() {
		SynthSettings s = SynthSettings.builder().spectraFor(0.3, 5.0, 2.5).kdMillimolar(2.2).frames(1).build();
		Calibration c = SyntheticRecording.generate(s).truth().calibration();
		assertEquals(0.3, c.rmin(), 1e-12);
		assertEquals(5.0, c.rmax(), 1e-12);
		assertEquals(2.5, c.beta(), 1e-12);
		assertEquals(2.2, c.kdMillimolar(), 0);
	}

	@Test
	void invalidValuesAreRejectedByName() {
		assertMessage("frames must be 1..100000, got 0", () -> SynthSettings.builder().frames(0).build());
		assertMessage("frame_interval_s must be > 0, got -1.0", () -> SynthSettings.builder().frameIntervalSeconds(-1)
			.build());
		assertMessage("kd_mM must be > 0, got NaN", () -> SynthSettings.builder().kdMillimolar(Double.NaN).build());
		assertMessage("bleach_fraction must be 0..0.9, got 0.95", () -> SynthSettings.builder().bleachFraction(0.95)
			.build());
		assertMessage("touching_pairs and clusters need up to", () -> SynthSettings.builder().cells(3).touchingPairs(2)
			.build());
		assertMessage("touching_pairs and clusters need up to 2*1 + 2*5 = 12 cells, but cells = 10", () -> SynthSettings
			.builder().cells(10).touchingPairs(1).set(SynthSettings.CLUSTERS, 2).build());
		assertMessage("saturation_counts must be 1..65535, got 70000", () -> SynthSettings.builder().saturationCounts(
			70000).build());
		assertMessage("cell_gap_px must be 2..1000, got 1.0", () -> SynthSettings.builder().cellGapPixels(1).build());
		assertMessage("excitation coefficients", () -> SynthSettings.builder().spectraFor(4, 0.4, 3).build());
		assertMessage("name", () -> SynthSettings.builder().name("a/b").build());
		assertMessage("loading_distribution must be lognormal or log-uniform, got 'uniform'", () -> SynthSettings
			.builder().set(SynthSettings.LOADING_DISTRIBUTION, "uniform").build());
		assertMessage("cluster_size_min (5) must be <= cluster_size_max (4)", () -> SynthSettings.builder().set(
			SynthSettings.CLUSTER_SIZE_MIN, 5).set(SynthSettings.CLUSTER_SIZE_MAX, 4).build());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticRecording.generate(
			SynthSettings.builder().width(40).height(40).cells(30).touchingPairs(0).build()));
		assertTrue(e.getMessage().startsWith("cannot place cells=30"), e.getMessage());
	}

	@Test
	void jsonRoundTripKeepsEverySetting() {
		SynthSettings s = SynthSettings.builder().seed(42).width(100).kdMillimolar(1.7).noise(false).spectraFor(0.5,
			3.5, 2.0).build();
		assertEquals(s, SynthSettings.fromJson(s.toJson()));
		JsonObject bad = s.toJson();
		bad.addProperty("kd", 1.9);
		assertMessage("unknown synth setting 'kd'", () -> SynthSettings.fromJson(bad));
	}

	private static void assertMessage(String start, org.junit.jupiter.api.function.Executable ex) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
		assertTrue(e.getMessage().startsWith(start), "expected message starting with '" + start + "', got: " + e
			.getMessage());
	}
}
