package io.github.magratio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;

import io.github.magratio.core.Calibration;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticRecordingTest {

	static SynthSettings settings;
	static SyntheticRecording noisy, exact;

	@BeforeAll
	static void generate() {
		settings = SynthSettings.builder().width(160).height(128).frames(36).cells(14).seed(1L).build();
		noisy = SyntheticRecording.generate(settings);
		exact = SyntheticRecording.generate(settings.toBuilder().noise(false).build());
	}

	/** Pixel value of channel (1 = 340, 2 = 380) at frame (0-based). */
	static double px(ImagePlus imp, int channel, int frame, int x, int y) {
		return imp.getStack().getProcessor(imp.getStackIndex(channel, 1, frame + 1)).getf(x, y);
	}

	@Test
	void hyperstackHasTwoChannelsFramesAndFrameInterval() {
		ImagePlus imp = noisy.imagePlus();
		assertEquals(2, imp.getNChannels());
		assertEquals(1, imp.getNSlices());
		assertEquals(36, imp.getNFrames());
		assertEquals(16, imp.getBitDepth());
		assertEquals(32, exact.imagePlus().getBitDepth());
		assertEquals("synthetic", imp.getTitle());
		assertEquals(2.0, imp.getCalibration().frameInterval, 0);
		assertEquals(0.5, imp.getCalibration().fps, 0);
		assertEquals("sec", imp.getCalibration().getTimeUnit());
	}

	@Test
	void sameSeedGivesIdenticalPixelsAndOtherSeedDoesNot() {
		SyntheticRecording again = SyntheticRecording.generate(settings);
		SyntheticRecording other = SyntheticRecording.generate(settings.toBuilder().seed(2L).build());
		ImageStack a = noisy.imagePlus().getStack(), b = again.imagePlus().getStack(), c = other.imagePlus()
			.getStack();
		boolean differs = false;
		for (int i = 1; i <= a.getSize(); i++) {
			assertArrayEquals((short[]) a.getPixels(i), (short[]) b.getPixels(i), "plane " + i);
			differs |= !java.util.Arrays.equals((short[]) a.getPixels(i), (short[]) c.getPixels(i));
		}
		assertTrue(differs);
		assertArrayEquals(noisy.truth().labels(), again.truth().labels());
		assertFalse(java.util.Arrays.equals(noisy.truth().labels(), other.truth().labels()));
		assertEquals(noisy.truth().mgMillimolar(3, 20), again.truth().mgMillimolar(3, 20), 0);
		// The noise-free recording has the same layout and truth as the noisy one.
		assertArrayEquals(noisy.truth().labels(), exact.truth().labels());
	}

	@Test
	void noiseFreeBackgroundCorrectedRatioIsTheGrynkiewiczRatioOfTheTrueMg() {
		GroundTruth t = exact.truth();
		Calibration cal = t.calibration();
		ImagePlus imp = exact.imagePlus();
		for (int frame : new int[] { 0, 11, 23, 35 }) {
			double[] f340 = new double[t.cellCount() + 1], f380 = new double[t.cellCount() + 1];
			for (int y = 0; y < t.height(); y++)
				for (int x = 0; x < t.width(); x++) {
					int l = t.label(x, y);
					if (l == 0) continue;
					f340[l] += px(imp, 1, frame, x, y) - t.background340(x, y, frame);
					f380[l] += px(imp, 2, frame, x, y) - t.background380(x, y, frame);
				}
			for (int c = 1; c <= t.cellCount(); c++) {
				double expected = cal.ratio(t.mgMillimolar(c, frame));
				assertEquals(expected, f340[c] / f380[c], 1e-6 * expected, "cell " + c + " frame " + frame);
				assertEquals(t.mgMillimolar(c, frame), cal.concentration(f340[c] / f380[c]), 1e-5 * t.mgMillimolar(c,
					frame));
			}
		}
	}

	@Test
	void atLeastTwelveCellsNoneNearTheBorderAndTwoTouchingPairsShareAnEdge() {
		GroundTruth t = noisy.truth();
		assertTrue(t.cellCount() >= 12);
		for (int y = 0; y < t.height(); y++)
			for (int x = 0; x < t.width(); x++)
				if (t.label(x, y) != 0) assertTrue(x >= 6 && y >= 6 && x < t.width() - 6 && y < t.height() - 6,
					"label " + t.label(x, y) + " at (" + x + ", " + y + ") within 6 px of the border");
		List<int[]> pairs = t.touchingPairs();
		assertEquals(2, pairs.size());
		for (int[] p : pairs) {
			assertEquals(p[1], t.touchingPartner(p[0]));
			assertEquals(p[0], t.touchingPartner(p[1]));
			int shared = 0;
			for (int y = 0; y < t.height() - 1; y++)
				for (int x = 0; x < t.width() - 1; x++) {
					int l = t.label(x, y), r = t.label(x + 1, y), d = t.label(x, y + 1);
					if ((l == p[0] && r == p[1]) || (l == p[1] && r == p[0]) || (l == p[0] && d == p[1]) || (l == p[1] &&
						d == p[0])) shared++;
				}
			assertTrue(shared >= 4, "pair " + p[0] + "-" + p[1] + " shares only " + shared + " edges");
			// A neck for a distance-transform watershed: inside the union of the pair, the distance to the background
			// on the shared border stays well below the distance at either cell's core.
			double[] core = new double[2];
			double neck = 0;
			for (int y = 0; y < t.height(); y++)
				for (int x = 0; x < t.width(); x++) {
					int l = t.label(x, y);
					if (l != p[0] && l != p[1]) continue;
					double d = distanceToOutside(t, p, x, y);
					core[l == p[0] ? 0 : 1] = Math.max(core[l == p[0] ? 0 : 1], d);
					int r = t.label(x + 1, y), b = y + 1 < t.height() ? t.label(x, y + 1) : 0;
					if ((r == p[0] || r == p[1]) && r != l || (b == p[0] || b == p[1]) && b != l) neck = Math.max(neck, d);
				}
			assertTrue(neck < 0.8 * Math.min(core[0], core[1]), "pair " + p[0] + "-" + p[1] + ": neck depth " + neck +
				" px vs cores " + core[0] + ", " + core[1] + " px");
		}
		for (int c = 1; c <= t.cellCount(); c++) {
			assertTrue(t.area(c) >= Math.PI * 7 * 7 * 0.6, "cell " + c + " area " + t.area(c));
			assertEquals(c, t.label((int) Math.round(t.centroidX(c)), (int) Math.round(t.centroidY(c))));
		}
	}

	/** Euclidean distance in pixels from (x, y) to the nearest pixel outside the union of the pair's labels. */
	private static double distanceToOutside(GroundTruth t, int[] pair, int x, int y) {
		double best = Double.MAX_VALUE;
		for (int v = Math.max(0, y - 15); v <= Math.min(t.height() - 1, y + 15); v++)
			for (int u = Math.max(0, x - 15); u <= Math.min(t.width() - 1, x + 15); u++) {
				int l = t.label(u, v);
				if (l != pair[0] && l != pair[1]) best = Math.min(best, Math.hypot(u - x, v - y));
			}
		return best;
	}

	@Test
	void everySeedPlacesAllCellsWithExactlyTheRequestedTouchingPairs() {
		for (long seed = 1; seed <= 40; seed++) {
			GroundTruth t = SyntheticRecording.generate(settings.toBuilder().seed(seed).frames(1).build()).truth();
			assertEquals(14, t.cellCount(), "seed " + seed);
			assertEquals(2, t.touchingPairs().size(), "seed " + seed);
			for (int[] p : t.touchingPairs())
				assertEquals(p[1], t.touchingPartner(p[0]), "seed " + seed);
		}
	}

	@Test
	void mgCoursesStayInRangeAndIncludeStepsDriftsAndTransients() {
		GroundTruth t = noisy.truth();
		Set<String> kinds = new HashSet<>();
		int steps = 0;
		for (int c = 1; c <= t.cellCount(); c++) {
			kinds.add(t.courseKind(c));
			if (t.courseKind(c).equals("step")) steps++;
			assertTrue(t.mgMillimolar(c, 0) >= 0.4 && t.mgMillimolar(c, 0) <= 1.2, "baseline of cell " + c);
			for (int f = 0; f < t.frames(); f++)
				assertTrue(t.mgMillimolar(c, f) >= 0.2 && t.mgMillimolar(c, f) <= 4.0);
		}
		assertEquals(new HashSet<>(java.util.Arrays.asList("constant", "step", "drift", "transient")), kinds);
		assertEquals(5, steps); // round(14 / 3)
	}

	@Test
	void bleachingRemovesTheRequestedFractionOfDyeInBothChannels() {
		GroundTruth t = exact.truth();
		SynthSettings s = t.settings();
		double[] dye380 = new double[t.frames()], dye340 = new double[t.frames()];
		for (int f : new int[] { 0, t.frames() - 1 }) {
			for (int y = 0; y < t.height(); y++)
				for (int x = 0; x < t.width(); x++) {
					int c = t.label(x, y);
					if (c == 0) continue;
					double m = t.mgMillimolar(c, f), bound = m / (m + t.calibration().kdMillimolar());
					dye380[f] += (px(exact.imagePlus(), 2, f, x, y) - t.background380(x, y, f)) / (s.excitation380Free() *
						(1 - bound) + s.excitation380Bound() * bound);
					dye340[f] += (px(exact.imagePlus(), 1, f, x, y) - t.background340(x, y, f)) / (s.excitation340Free() *
						(1 - bound) + s.excitation340Bound() * bound);
				}
		}
		int last = t.frames() - 1;
		double loss380 = 1 - dye380[last] / dye380[0], loss340 = 1 - dye340[last] / dye340[0];
		assertEquals(0.20, loss380, 1e-6);
		assertEquals(0.20, loss340, 1e-6);
		assertTrue(loss380 >= 0.15 && loss380 <= 0.30);
		assertEquals(1 - t.bleachFactor(last), loss380, 1e-6);
	}

	@Test
	void cellSignalLevelsMatchTheSpecification() {
		GroundTruth t = exact.truth();
		double sum = 0;
		for (int c = 1; c <= t.cellCount(); c++) {
			int x = (int) Math.round(t.centroidX(c)), y = (int) Math.round(t.centroidY(c));
			double m = t.mgMillimolar(c, 0), bound = m / (m + t.calibration().kdMillimolar());
			double mix = 1 - bound + bound / t.calibration().beta(); // F380(Mg) / F380(0)
			sum += (px(exact.imagePlus(), 2, 0, x, y) - t.background380(x, y, 0)) / mix;
		}
		double meanAtZeroMg = sum / t.cellCount();
		assertTrue(meanAtZeroMg > 1500 && meanAtZeroMg < 2500, "mean F380 at Mg=0 of cell centres " + meanAtZeroMg);
		double lo = Double.MAX_VALUE, hi = 0;
		for (int i = 1; i <= noisy.imagePlus().getStackSize(); i++) {
			short[] p = (short[]) noisy.imagePlus().getStack().getPixels(i);
			for (short v : p) {
				lo = Math.min(lo, v & 0xffff);
				hi = Math.max(hi, v & 0xffff);
			}
		}
		assertTrue(lo > 0 && hi < 65535, "pixel range " + lo + ".." + hi + ": clipped or saturated");
	}

	@Test
	void dyeLoadingIsUnevenButEdgePixelsStayBright() {
		GroundTruth t = exact.truth();
		double minLoad = 9, maxLoad = 0;
		for (int c = 1; c <= t.cellCount(); c++) {
			minLoad = Math.min(minLoad, t.loading(c));
			maxLoad = Math.max(maxLoad, t.loading(c));
			double peak = 0, low = Double.MAX_VALUE;
			for (int y = 0; y < t.height(); y++)
				for (int x = 0; x < t.width(); x++)
					if (t.label(x, y) == c) {
						double v = (px(exact.imagePlus(), 2, 0, x, y) - t.background380(x, y, 0)) / t.illumination(x, y);
						peak = Math.max(peak, v);
						low = Math.min(low, v);
					}
			assertTrue(low / peak >= 0.3 && low / peak <= 0.5, "cell " + c + " edge/peak " + low / peak);
		}
		assertTrue(minLoad >= 0.6 && maxLoad <= 1.6 && maxLoad / minLoad > 1.3, minLoad + ".." + maxLoad);
	}

	@Test
	void backgroundVariesSoANaiveCornerBackgroundWouldBeBiased() {
		GroundTruth t = noisy.truth();
		ImagePlus imp = noisy.imagePlus();
		int frame = 0;
		double[] cornerData = new double[4], cornerTruth = new double[4];
		int[][] corners = { { 0, 0 }, { t.width() - 6, 0 }, { 0, t.height() - 6 }, { t.width() - 6, t.height() - 6 } };
		for (int k = 0; k < 4; k++) {
			for (int y = corners[k][1]; y < corners[k][1] + 6; y++)
				for (int x = corners[k][0]; x < corners[k][0] + 6; x++) {
					cornerData[k] += px(imp, 2, frame, x, y) / 36;
					cornerTruth[k] += t.background380(x, y, frame) / 36;
				}
			// The image's cell-free corner agrees with the true background (36 px, noise ~ sqrt(250) / 6 counts).
			assertEquals(cornerTruth[k], cornerData[k], 5, "corner " + k);
		}
		double under = 0;
		int n = 0;
		for (int y = 0; y < t.height(); y++)
			for (int x = 0; x < t.width(); x++)
				if (t.label(x, y) != 0) {
					under += t.background380(x, y, frame) - t.cameraOffset();
					n++;
				}
		under /= n;
		double maxBias = 0;
		for (int k = 0; k < 4; k++)
			maxBias = Math.max(maxBias, Math.abs(cornerTruth[k] - t.cameraOffset() - under) / under);
		assertTrue(maxBias > 0.10, "corner background differs from the background under cells by only " + maxBias);
		// Spatial variation of +-25..35 % across the field, and a drift of +15 % over the recording.
		double lo = Double.MAX_VALUE, hi = 0;
		for (int y = 0; y < t.height(); y++)
			for (int x = 0; x < t.width(); x++) {
				double b = t.background380(x, y, frame) - t.cameraOffset();
				lo = Math.min(lo, b);
				hi = Math.max(hi, b);
			}
		double halfRange = (hi - lo) / (hi + lo);
		assertTrue(halfRange >= 0.2 && halfRange <= 0.4, "background varies +-" + halfRange);
		int cx = t.width() / 2, cy = t.height() / 2;
		assertEquals(1.15, (t.background380(cx, cy, t.frames() - 1) - t.cameraOffset()) / (t.background380(cx, cy, 0) - t
			.cameraOffset()), 0.01);
		assertTrue(t.background340(cx, cy, 0) - t.cameraOffset() < t.background380(cx, cy, 0) - t.cameraOffset());
	}

	@Test
	void noiseIsPoissonShotNoisePlusReadNoise() {
		// (pixel - expected) / sqrt(expected above offset * gain + read^2) must be standard normal.
		ImagePlus a = noisy.imagePlus(), b = exact.imagePlus();
		double sum = 0, sum2 = 0;
		long n = 0;
		for (int i = 1; i <= a.getStackSize(); i += 7) {
			short[] p = (short[]) a.getStack().getPixels(i);
			float[] e = (float[]) b.getStack().getPixels(i);
			for (int k = 0; k < p.length; k++) {
				double sd = Math.sqrt((e[k] - 100) * 1.0 + 9);
				double z = ((p[k] & 0xffff) - e[k]) / sd;
				sum += z;
				sum2 += z * z;
				n++;
			}
		}
		double mean = sum / n, var = sum2 / n - mean * mean;
		assertEquals(0, mean, 0.01);
		assertEquals(1, var, 0.02);
	}

	@Test
	void poissonSamplerHasTheRightMeanAndVariance() {
		java.util.SplittableRandom r = new java.util.SplittableRandom(7);
		for (double mean : new double[] { 0.5, 4, 12, 300, 5000 }) {
			double s = 0, s2 = 0;
			int n = 200_000;
			for (int i = 0; i < n; i++) {
				long k = Noise.poisson(r, mean);
				s += k;
				s2 += (double) k * k;
			}
			double m = s / n, v = s2 / n - m * m;
			assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean " + mean);
			assertEquals(mean, v, 0.02 * mean, "variance " + mean);
		}
	}
}
