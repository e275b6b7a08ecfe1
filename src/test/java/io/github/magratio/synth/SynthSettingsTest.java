package io.github.magratio.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.core.Calibration;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;

class SynthSettingsTest {

	@Test
	void defaultSpectraImplyRmin04Rmax4Beta3AndKd15() {
		SynthSettings s = SynthSettings.defaults();
		Calibration c = SyntheticRecording.generate(s.toBuilder().frames(1).build()).truth().calibration();
		assertEquals(0.40, c.rmin(), 1e-15);
		assertEquals(4.00, c.rmax(), 1e-15);
		assertEquals(3.0, c.beta(), 1e-15);
		assertEquals(1.5, c.kdMillimolar(), 0);
		assertEquals(160, s.width());
		assertEquals(128, s.height());
		assertEquals(36, s.frames());
		assertEquals(14, s.cells());
		assertEquals(2.0, s.frameIntervalSeconds(), 0);
		assertEquals(100, s.cameraOffsetCounts(), 0);
		assertEquals(3, s.readNoiseCounts(), 0);
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
