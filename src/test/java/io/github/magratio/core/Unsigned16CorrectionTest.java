package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Every implementation of the kernel's 16-bit row step against the exact difference rounded once: the pixel as an
 * unsigned integer (0..65535, both ends included) minus the float background in double, which is exact for these
 * magnitudes, then rounded to float; and the OR of the row's pixels. Widths below, at and past a vector's length (the
 * scalar tail), rows at an offset in the plane, backgrounds negative, fractional, NaN and infinite, to the bit.
 */
class Unsigned16CorrectionTest {

	static List<Unsigned16Correction> implementations(int width) {
		List<Unsigned16Correction> all = new ArrayList<>();
		all.add(new Unsigned16Correction.Fused());
		all.add(new Unsigned16Correction.Widening(width));
		Unsigned16Correction vector = Unsigned16Correction.vector();
		if (vector != null) all.add(vector);
		return all;
	}

	@Test
	void everyLoopGivesTheRoundedExactDifferenceAndTheOrOfThePixels() {
		SplittableRandom random = new SplittableRandom(23);
		for (int width : new int[] { 1, 7, 15, 16, 17, 31, 33, 64, 100, 960, 1001 }) {
			int rows = 3;
			short[] s340 = new short[width * rows], s380 = new short[width * rows];
			for (int i = 0; i < s340.length; i++) {
				s340[i] = (short) random.nextInt(65536);
				s380[i] = (short) (random.nextBoolean() ? random.nextInt(4096) : 65535 - random.nextInt(3));
			}
			s340[width] = 0; // row 1 starts at 0 and ends at the top of the range
			s380[2 * width - 1] = (short) 65535;
			float[] bg340 = new float[width], bg380 = new float[width];
			for (int x = 0; x < width; x++) {
				bg340[x] = (float) (random.nextDouble() * 300 - 50);
				bg380[x] = x % 11 == 3 ? Float.NaN : x % 13 == 5 ? Float.NEGATIVE_INFINITY : (float) (100 + random
					.nextDouble());
			}
			for (Unsigned16Correction loop : implementations(width))
				for (int y = 0; y < rows; y++) {
					int row = y * width, or = 0;
					float[] c340 = new float[width], c380 = new float[width];
					int bound = loop.correctRow(s340, s380, row, bg340, bg380, c340, c380, width);
					for (int x = 0; x < width; x++) {
						int v340 = Short.toUnsignedInt(s340[row + x]), v380 = Short.toUnsignedInt(s380[row + x]);
						or |= v340 | v380;
						String at = loop.name() + ", width " + width + ", row " + y + ", x " + x;
						assertEquals(Float.floatToRawIntBits((float) (v340 - (double) bg340[x])), Float
							.floatToRawIntBits(c340[x]), at);
						assertEquals(Float.floatToRawIntBits((float) (v380 - (double) bg380[x])), Float
							.floatToRawIntBits(c380[x]), at);
					}
					assertEquals(or, bound, loop.name() + ", width " + width + ", row " + y);
				}
		}
	}

	/**
	 * The row step with a degree-2 background evaluated inline: the background rounded to float after each product
	 * and each sum, left to right ({@code (c0 + c1 x) + c2 x^2}, as the surface's rows are evaluated; double rounding
	 * is exact for float products and sums), then the difference rounded once, as above. Every loop, the scalar tail
	 * included.
	 */
	@Test
	void everyLoopEvaluatesAQuadraticBackgroundRoundedTermByTerm() {
		SplittableRandom random = new SplittableRandom(29);
		for (int width : new int[] { 1, 15, 16, 17, 33, 960, 1001 }) {
			short[] s340 = new short[2 * width], s380 = new short[2 * width];
			for (int i = 0; i < s340.length; i++) {
				s340[i] = (short) random.nextInt(65536);
				s380[i] = (short) random.nextInt(4096);
			}
			float[] p1 = new float[width], p2 = new float[width];
			for (int x = 0; x < width; x++) {
				double nx = width == 1 ? 0 : 2.0 * x / (width - 1) - 1;
				p1[x] = (float) nx;
				p2[x] = (float) (nx * nx);
			}
			float[] q340 = { 812.37f, -41.9f, 13.0625f }, q380 = { 97.1f, 0.3f, Float.NaN };
			if (width == 1001) q380[2] = -7.77f;
			for (Unsigned16Correction loop : implementations(width)) {
				int row = width, or = 0;
				float[] c340 = new float[width], c380 = new float[width];
				int bound = loop.correctRowQuadratic(s340, s380, row, q340, q380, p1, p2, c340, c380, width);
				for (int x = 0; x < width; x++) {
					int v340 = Short.toUnsignedInt(s340[row + x]), v380 = Short.toUnsignedInt(s380[row + x]);
					or |= v340 | v380;
					String at = loop.name() + ", width " + width + ", x " + x;
					assertEquals(Float.floatToRawIntBits((float) (v340 - (double) quadratic(q340, p1[x], p2[x]))), Float
						.floatToRawIntBits(c340[x]), at);
					assertEquals(Float.floatToRawIntBits((float) (v380 - (double) quadratic(q380, p1[x], p2[x]))), Float
						.floatToRawIntBits(c380[x]), at);
				}
				assertEquals(or, bound, loop.name() + ", width " + width);
			}
		}
	}

	/** @return {@code (q0 + q1 p1) + q2 p2} with each product and sum done in double and rounded to float */
	private static float quadratic(float[] q, float p1, float p2) {
		float t1 = (float) ((double) q[1] * p1), t2 = (float) ((double) q[2] * p2);
		float s = (float) ((double) q[0] + t1);
		return (float) ((double) s + t2);
	}

	/** The build on JDK 17+ runs the tests with the module (pom.xml's vector-api profile), so the vector loop is tested. */
	@Test
	void theVectorLoopIsPickedWhereTheModuleIsPresent() {
		assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
		Unsigned16Correction vector = Unsigned16Correction.vector();
		assertNotNull(vector, "the module is present but the Vector API class did not load");
		assertEquals(vector.name(), Unsigned16Correction.best(960).name());
	}
}
