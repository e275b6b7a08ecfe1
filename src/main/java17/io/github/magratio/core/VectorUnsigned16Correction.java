package io.github.magratio.core;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Unsigned16Correction} with the Vector API (jdk.incubator.vector, Java 17+): C2 of JDK 17 vectorises no
 * scalar form of this loop (16-bit lanes to 32-bit ones), which made it the largest part of the kernel. The same
 * values as the scalar loops, to the bit: the shorts sign-extended to int and masked to 0..65535, converted to float
 * exactly, one float subtraction per pixel, and the OR of the integers. Compiled apart, for Java 17, and loaded by
 * {@link Unsigned16Correction#vector()} only when the JVM has the module; the Java 11 build runs the scalar loops.
 */
final class VectorUnsigned16Correction extends Unsigned16Correction {

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
	private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
	/** Half the bits: as many 16-bit lanes as the float vector has 32-bit ones. */
	private static final VectorSpecies<Short> S = VectorSpecies.of(short.class,
		VectorShape.forBitSize(F.vectorBitSize() / 2));

	@Override
	int correctRow(short[] s340, short[] s380, int row, float[] bg340, float[] bg380, float[] c340, float[] c380,
		int width)
	{
		IntVector or = IntVector.zero(I);
		int x = 0;
		for (int upper = S.loopBound(width); x < upper; x += S.length()) {
			IntVector a = unsigned(s340, row + x), b = unsigned(s380, row + x);
			or = or.or(a).or(b);
			((FloatVector) a.convertShape(VectorOperators.I2F, F, 0)).sub(FloatVector.fromArray(F, bg340, x))
				.intoArray(c340, x);
			((FloatVector) b.convertShape(VectorOperators.I2F, F, 0)).sub(FloatVector.fromArray(F, bg380, x))
				.intoArray(c380, x);
		}
		return or.reduceLanes(VectorOperators.OR) | fusedRange(s340, s380, row, bg340, bg380, c340, c380, x, width);
	}

	/**
	 * The background's three float terms per lane in the order {@link SurfaceFit#evaluateRow} adds them (a mul and an
	 * add per term, never a fused multiply-add, which would round once instead of twice).
	 */
	@Override
	int correctRowQuadratic(short[] s340, short[] s380, int row, float[] q340, float[] q380, float[] p1, float[] p2,
		float[] c340, float[] c380, int width)
	{
		FloatVector a0 = FloatVector.broadcast(F, q340[0]), a1 = FloatVector.broadcast(F, q340[1]),
			a2 = FloatVector.broadcast(F, q340[2]), b0 = FloatVector.broadcast(F, q380[0]),
			b1 = FloatVector.broadcast(F, q380[1]), b2 = FloatVector.broadcast(F, q380[2]);
		IntVector or = IntVector.zero(I);
		int x = 0;
		for (int upper = S.loopBound(width); x < upper; x += S.length()) {
			IntVector a = unsigned(s340, row + x), b = unsigned(s380, row + x);
			or = or.or(a).or(b);
			FloatVector x1 = FloatVector.fromArray(F, p1, x), x2 = FloatVector.fromArray(F, p2, x);
			((FloatVector) a.convertShape(VectorOperators.I2F, F, 0)).sub(a0.add(a1.mul(x1)).add(a2.mul(x2)))
				.intoArray(c340, x);
			((FloatVector) b.convertShape(VectorOperators.I2F, F, 0)).sub(b0.add(b1.mul(x1)).add(b2.mul(x2)))
				.intoArray(c380, x);
		}
		return or.reduceLanes(VectorOperators.OR) | quadraticRange(s340, s380, row, q340, q380, p1, p2, c340, c380, x,
			width);
	}

	@Override
	boolean fusesQuadratic() {
		return true;
	}

	/** @return the 16-bit pixels at {@code s[at..]} as ints 0..65535, sign-extended and masked */
	private static IntVector unsigned(short[] s, int at) {
		return ((IntVector) ShortVector.fromArray(S, s, at).convertShape(VectorOperators.S2I, I, 0)).and(0xffff);
	}

	/** @return the name, or null where vectors are narrower than 256 bits (the scalar loop is then as fast) */
	@Override
	String name() {
		return F.vectorBitSize() >= 256 && I.vectorBitSize() == F.vectorBitSize() ? "Vector API " + F.vectorBitSize() +
			" bit" : null;
	}
}
