package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/** Background estimation and the per-frame ratio on noise-free images with closed-form answers. */
class BackgroundAndRatioTest {

	static final int W = 64, H = 48;
	static final Calibration CAL = new Calibration(1.5, 0.4, 4.0, 3.0);

	/** A quadratic background, and two square cells with known corrected intensities. */
	static double background(int x, int y, double scale) {
		return scale * (200 + 1.5 * x - 0.8 * y + 0.02 * x * x + 0.01 * x * y);
	}

	static int[] labels() {
		int[] lab = new int[W * H];
		for (int y = 10; y < 20; y++)
			for (int x = 10; x < 20; x++)
				lab[y * W + x] = 1;
		for (int y = 25; y < 37; y++)
			for (int x = 40; x < 52; x++)
				lab[y * W + x] = 2;
		return lab;
	}

	static float[] frame(int[] lab, double scale, double[] cellSignal) {
		float[] f = new float[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				int l = lab[y * W + x];
				f[y * W + x] = (float) (background(x, y, scale) + (l > 0 ? cellSignal[l] * (1 + 0.3 * ((x + y) % 3)) : 0));
			}
		return f;
	}

	@Test
	void surfaceFitRecoversAQuadraticBackgroundUnderCells() {
		Labels l = Labels.of(labels(), W, H);
		float[] img = frame(l.array(), 1, new double[] { 0, 900, 700 });
		BackgroundEstimator est = new BackgroundEstimator(BackgroundSettings.builder().build(), l, null);
		float[] plane = new float[W * H];
		est.estimate(ArrayImgs.floats(img, W, H), false, plane);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				assertEquals(background(x, y, 1), plane[y * W + x], 1e-2, "at " + x + "," + y);
	}

	@Test
	void ratioOfCellsEqualsTheModelWithEveryMethodThatCanSeeTheBackground() {
		Labels l = Labels.of(labels(), W, H);
		double mg1 = 0.8, mg2 = 2.5;
		// free/bound excitation giving Rmin 0.4, Rmax 4, beta 3; F380 of a cell at Mg: loading*(1-f + f/3)
		double[] f380 = new double[3], f340 = new double[3];
		double[] mg = { 0, mg1, mg2 };
		for (int c = 1; c <= 2; c++) {
			double b = mg[c] / (mg[c] + 1.5);
			f380[c] = 1000 * ((1 - b) + b / 3.0);
			f340[c] = 1000 * (0.4 * (1 - b) + 4.0 / 3.0 * b);
		}
		float[] a = frame(l.array(), 0.7, f340), b = frame(l.array(), 1.0, f380);
		for (String method : new String[] { "surface", "ring" }) {
			FrameProcessor p = new FrameProcessor(l, BackgroundSettings.builder().method(BackgroundMethod.parse(method))
				.surfaceDegree(2).build(), RatioSettings.defaults(), CAL, null);
			CellTable t = new CellTable(2, 1);
			float[] ratio = new float[W * H], mgPlane = new float[W * H];
			p.process(0, ArrayImgs.floats(a, W, H), ArrayImgs.floats(b, W, H), ratio, mgPlane, t);
			double tol = method.equals("surface") ? 1e-4 : 0.05;
			assertEquals(mg1, t.mgMillimolar(1, 0), tol * mg1, method);
			assertEquals(mg2, t.mgMillimolar(2, 0), tol * mg2, method);
			if (method.equals("surface")) {
				assertEquals(CAL.ratio(mg1), ratio[15 * W + 15], 1e-4, "pixel ratio inside cell 1");
				assertEquals(mg1, mgPlane[15 * W + 15], 1e-3);
				assertTrue(Float.isNaN(ratio[2 * W + 2]), "background pixels have no ratio (low signal)");
			}
		}
	}

	@Test
	void constantAndOffsetAndAutofluorescenceAreSubtracted() {
		Labels l = Labels.of(labels(), W, H);
		float[] a = new float[W * H], b = new float[W * H];
		for (int i = 0; i < a.length; i++) {
			boolean cell = l.array()[i] > 0;
			a[i] = 100 + 50 + (cell ? 20 + 600 : 0); // offset + background + autofluorescence + dye
			b[i] = 100 + 80 + (cell ? 30 + 400 : 0);
		}
		BackgroundSettings bg = BackgroundSettings.builder().method(BackgroundMethod.CONSTANT).cameraOffset(100)
			.constant340(50).constant380(80).autofluorescence340(20).autofluorescence380(30).build();
		CellTable t = new CellTable(2, 1);
		new FrameProcessor(l, bg, RatioSettings.defaults(), CAL, null).process(0, ArrayImgs.floats(a, W, H), ArrayImgs
			.floats(b, W, H), null, null, t);
		assertEquals(1.5, t.ratio(1, 0), 1e-9);
		assertEquals(170, t.bg340(1, 0), 1e-9, "bg340 reports everything subtracted");
	}

	@Test
	void saturatedPixelsAreCountedExcludedAndFlagged() {
		Labels l = Labels.of(labels(), W, H);
		short[] a = new short[W * H], b = new short[W * H];
		for (int i = 0; i < a.length; i++) {
			boolean cell = l.array()[i] > 0;
			a[i] = (short) (cell ? 1100 : 100);
			b[i] = (short) (cell ? 600 : 100);
		}
		a[12 * W + 12] = (short) 65535;
		a[13 * W + 12] = (short) 65535;
		CellTable t = new CellTable(2, 1);
		RandomAccessibleInterval<UnsignedShortType> fa = Views.translate(ArrayImgs.unsignedShorts(a, W, H), 5, 7);
		RandomAccessibleInterval<UnsignedShortType> fb = Views.translate(ArrayImgs.unsignedShorts(b, W, H), 5, 7);
		new FrameProcessor(l, BackgroundSettings.builder().method(BackgroundMethod.SURFACE).surfaceDegree(0).build(),
			new RatioSettings(Double.NaN, RatioSettings.DEFAULT_MIN_SIGNAL_SIGMA, 0), CAL, null).process(0, fa, fb, null,
				null, t);
		assertEquals(2, t.saturatedPixels(1, 0));
		assertEquals(98, t.validPixels(1, 0));
		assertEquals(2.0, t.ratio(1, 0), 1e-9, "saturated pixels are excluded from the means");
		assertTrue((t.flags(1, 0) & CellFlag.SATURATED.bit()) != 0);
		assertEquals(0, t.flags(2, 0));
	}

	@Test
	void ratioImageOfFloatInputsWithNaNs() {
		// 32-bit input with NaN and infinite pixels in the cells and the background: those pixels have no ratio and
		// are left out of the cell means (counted as nonfinite), every other pixel keeps its exact ratio
		Labels l = Labels.of(labels(), W, H);
		float[] a = new float[W * H], b = new float[W * H];
		for (int i = 0; i < a.length; i++) {
			boolean cell = l.array()[i] > 0;
			a[i] = 50 + (cell ? 600 : 0);
			b[i] = 80 + (cell ? 400 : 0);
		}
		int nan340 = 12 * W + 12, nan380 = 14 * W + 17, inf340 = 18 * W + 11, nanBackground = 3 * W + 5;
		a[nan340] = Float.NaN;
		b[nan380] = Float.NaN;
		a[inf340] = Float.POSITIVE_INFINITY;
		a[nanBackground] = Float.NaN;
		BackgroundSettings bg = BackgroundSettings.builder().method(BackgroundMethod.CONSTANT).constant340(50)
			.constant380(80).build();
		FrameProcessor p = new FrameProcessor(l, bg, new RatioSettings(Double.NaN, RatioSettings.DEFAULT_MIN_SIGNAL_SIGMA,
			0), CAL, null);
		CellTable t = new CellTable(2, 2);
		float[] ratio = new float[W * H], mg = new float[W * H];
		p.process(0, ArrayImgs.floats(a, W, H), ArrayImgs.floats(b, W, H), ratio, mg, t);
		for (int i : new int[] { nan340, nan380, inf340, nanBackground })
			assertTrue(Float.isNaN(ratio[i]) && Float.isNaN(mg[i]), "pixel " + i + ": ratio " + ratio[i]);
		int cellPixels = 0;
		for (int i = 0; i < a.length; i++)
			if (l.array()[i] > 0 && i != nan340 && i != nan380 && i != inf340) {
				assertEquals(1.5f, ratio[i], 0, "pixel " + i); // 600 / 400
				// Kd beta (R - Rmin) / (Rmax - R) = 1.5 * 3 * 1.1 / 2.5
				assertEquals(1.98f, mg[i], 1e-5f, "pixel " + i);
				cellPixels++;
			}
		assertEquals(100 + 144 - 3, cellPixels);
		assertEquals(3, t.nonfinitePixels(1, 0));
		assertEquals(97, t.validPixels(1, 0));
		assertEquals(1.5, t.ratio(1, 0), 1e-9);
		assertEquals(1.98, t.mgMillimolar(1, 0), 1e-9);
		assertTrue((t.flags(1, 0) & CellFlag.NONFINITE.bit()) != 0, "cell 1 has nonfinite pixels");
		assertEquals(0, t.nonfinitePixels(2, 0));
		assertEquals(144, t.validPixels(2, 0));
		assertEquals(0, t.flags(2, 0) & CellFlag.NONFINITE.bit());
		// a frame that is NaN everywhere in one channel is a bad frame: no ratio anywhere
		java.util.Arrays.fill(a, Float.NaN);
		p.process(1, ArrayImgs.floats(a, W, H), ArrayImgs.floats(b, W, H), ratio, mg, t);
		assertTrue((t.flags(1, 1) & CellFlag.BAD_FRAME.bit()) != 0, "an all-NaN frame is a bad frame");
		assertTrue(Double.isNaN(t.ratio(1, 1)) && Double.isNaN(t.ratio(2, 1)));
		for (float r : ratio)
			assertTrue(Float.isNaN(r));
	}

	/**
	 * 16-bit planes take their own row loop (the shorts read straight in); float planes holding the same counts take
	 * the general one. The pixel type must not change a single output: the corrected planes, ratio and [Mg2+] images
	 * bit for bit, and every per-cell value, with noise, a quadratic background and saturated pixels in a cell.
	 */
	@Test
	void sixteenBitAndFloatPlanesOfTheSameCountsGiveTheSameOutputs() {
		Labels l = Labels.of(labels(), W, H);
		java.util.Random rnd = new java.util.Random(7);
		short[] a = new short[W * H], b = new short[W * H];
		float[] fa = new float[W * H], fb = new float[W * H];
		float[] m340 = frame(l.array(), 1, new double[] { 0, 900, 2500 }), m380 = frame(l.array(), 0.8, new double[] { 0,
			700, 1200 });
		for (int i = 0; i < a.length; i++) {
			int v = (int) Math.round(m340[i] + 8 * rnd.nextGaussian()), u = (int) Math.round(m380[i] + 8 * rnd
				.nextGaussian());
			a[i] = (short) v;
			b[i] = (short) u;
		}
		a[30 * W + 45] = (short) 5000; // at and above the saturation level set below, in cell 2
		b[31 * W + 46] = (short) 6000;
		for (int i = 0; i < a.length; i++) {
			fa[i] = a[i] & 0xffff;
			fb[i] = b[i] & 0xffff;
		}
		BackgroundSettings bg = BackgroundSettings.builder().method(BackgroundMethod.SURFACE).build();
		RatioSettings rs = new RatioSettings(5000, RatioSettings.DEFAULT_MIN_SIGNAL_SIGMA, 0);
		float[][] shortOut = new float[4][W * H], floatOut = new float[4][W * H];
		CellTable ts = new CellTable(2, 1), tf = new CellTable(2, 1);
		new FrameProcessor(l, bg, rs, CAL, null).process(0, ArrayImgs.unsignedShorts(a, W, H), ArrayImgs.unsignedShorts(b,
			W, H), shortOut[0], shortOut[1], shortOut[2], shortOut[3], ts);
		new FrameProcessor(l, bg, rs, CAL, null).process(0, ArrayImgs.floats(fa, W, H), ArrayImgs.floats(fb, W, H),
			floatOut[0], floatOut[1], floatOut[2], floatOut[3], tf);
		for (int k = 0; k < 4; k++)
			for (int i = 0; i < W * H; i++)
				assertEquals(Float.floatToRawIntBits(floatOut[k][i]), Float.floatToRawIntBits(shortOut[k][i]), "plane " + k +
					", pixel " + i);
		assertEquals(2, ts.saturatedPixels(2, 0));
		assertEquals(0, ts.saturatedPixels(1, 0));
		for (int c = 1; c <= 2; c++) {
			assertEquals(tf.f340(c, 0), ts.f340(c, 0), 0);
			assertEquals(tf.f380(c, 0), ts.f380(c, 0), 0);
			assertEquals(tf.ratio(c, 0), ts.ratio(c, 0), 0);
			assertEquals(tf.ratioSe(c, 0), ts.ratioSe(c, 0), 0);
			assertEquals(tf.mgMillimolar(c, 0), ts.mgMillimolar(c, 0), 0);
			assertEquals(tf.saturatedPixels(c, 0), ts.saturatedPixels(c, 0));
			assertEquals(tf.validPixels(c, 0), ts.validPixels(c, 0));
			assertEquals(tf.flags(c, 0), ts.flags(c, 0));
		}
	}
}
