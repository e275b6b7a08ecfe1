package io.github.magratio.core;

/**
 * The first step of the kernel's row for plain unsigned 16-bit planes: both channels' pixels minus their background
 * rows, as floats, and a bound on the row's brightest pixel. Three implementations of the same values (one exact float
 * subtraction of two exact values per pixel, and an OR of integers): the fastest the running JVM allows is picked once.
 * The scalar ones hold a row of scratch and are not thread-safe (one per {@link FrameProcessor}); the vector one
 * holds none and is shared.
 */
abstract class Unsigned16Correction {

	/** The Vector API implementation, compiled for Java 17 apart from the Java 11 sources (src/main/java17). */
	static final String VECTOR_CLASS = "io.github.magratio.core.VectorUnsigned16Correction";

	/**
	 * Writes {@code c340[x] = (s340[row + x] & 0xffff) - bg340[x]} and the same at 380 nm, for x in 0..width-1.
	 *
	 * @return the OR of the row's pixels in both channels: at least its brightest pixel, below twice it
	 */
	abstract int correctRow(short[] s340, short[] s380, int row, float[] bg340, float[] bg380, float[] c340,
		float[] c380, int width);

	/**
	 * {@link #correctRow} with the backgrounds of a degree-2 surface evaluated inline instead of read from rows:
	 * {@code bg340[x] = q340[0] + q340[1] * p1[x] + q340[2] * p2[x]}, summed left to right in float as
	 * {@link SurfaceFit#evaluateRow} sums it, so the same values to the bit without the background rows' store and
	 * load. Only where {@link #fusesQuadratic()}.
	 *
	 * @param q340 the row's float coefficients of x^0, x^1, x^2 ({@link SurfaceFit#rowCoefficients})
	 * @param p1 x^1 of every column ({@link SurfaceFit#xPower}), {@code p2} x^2
	 * @return as {@link #correctRow}
	 */
	int correctRowQuadratic(short[] s340, short[] s380, int row, float[] q340, float[] q380, float[] p1, float[] p2,
		float[] c340, float[] c380, int width)
	{
		return quadraticRange(s340, s380, row, q340, q380, p1, p2, c340, c380, 0, width);
	}

	/** @return true when {@link #correctRowQuadratic} is faster than evaluating the rows first */
	boolean fusesQuadratic() {
		return false;
	}

	/** {@link #correctRowQuadratic} of pixels {@code from..to-1} only, in one scalar loop; @return their OR */
	static int quadraticRange(short[] s340, short[] s380, int row, float[] q340, float[] q380, float[] p1, float[] p2,
		float[] c340, float[] c380, int from, int to)
	{
		float a0 = q340[0], a1 = q340[1], a2 = q340[2], b0 = q380[0], b1 = q380[1], b2 = q380[2];
		int bound = 0;
		for (int x = from; x < to; x++) {
			int v340 = s340[row + x] & 0xffff, v380 = s380[row + x] & 0xffff;
			c340[x] = v340 - (a0 + a1 * p1[x] + a2 * p2[x]);
			c380[x] = v380 - (b0 + b1 * p1[x] + b2 * p2[x]);
			bound |= v340 | v380;
		}
		return bound;
	}

	/** @return a short name of the implementation, for benchmarks and logs */
	abstract String name();

	/**
	 * @return the Vector API implementation when the JVM has {@code jdk.incubator.vector} (started with
	 *         {@code --add-modules jdk.incubator.vector}, as scripts/magratio does on Java 17+) and vectors of 256 bits
	 *         or more, else the scalar loop its JIT runs fastest
	 */
	static Unsigned16Correction best(int width) {
		Unsigned16Correction vector = VectorOnce.INSTANCE;
		return vector != null ? vector : scalar(width);
	}

	/**
	 * The Vector API implementation looked up once per JVM (a kernel is made per frame in per-frame segmentation): it
	 * holds no scratch, so every kernel and thread shares it.
	 */
	private static final class VectorOnce {
		static final Unsigned16Correction INSTANCE = vector();
	}

	/** @return the Vector API implementation, or null where the module, the class or wide vectors are missing */
	static Unsigned16Correction vector() {
		if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return null;
		try {
			Unsigned16Correction v = (Unsigned16Correction) Class.forName(VECTOR_CLASS).getDeclaredConstructor()
				.newInstance();
			return v.name() == null ? null : v;
		} catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
			// a build without the Java 17 classes (built on JDK 11) or an unexpected Vector API: the scalar loop
			return null;
		}
	}

	/**
	 * @return the scalar loop the JIT runs fastest: on JDK 20+ widening to int first and then converting, two loops C2
	 *         vectorises (JDK 25: 0.37 against 0.58 ms per 960x1024 frame pair); on JDK 17, which vectorises
	 *         neither, one fused loop (1.1 against 1.6 ms)
	 */
	static Unsigned16Correction scalar(int width) {
		return Runtime.version().feature() >= 20 ? new Widening(width) : new Fused();
	}

	/** {@link #correctRow} of pixels {@code from..to-1} only, in one scalar loop; @return their OR */
	static int fusedRange(short[] s340, short[] s380, int row, float[] bg340, float[] bg380, float[] c340,
		float[] c380, int from, int to)
	{
		int bound = 0;
		for (int x = from; x < to; x++) {
			int v340 = s340[row + x] & 0xffff, v380 = s380[row + x] & 0xffff;
			c340[x] = v340 - bg340[x];
			c380[x] = v380 - bg380[x];
			bound |= v340 | v380;
		}
		return bound;
	}

	/** One scalar loop: convert, subtract and OR per pixel. */
	static final class Fused extends Unsigned16Correction {
		@Override
		int correctRow(short[] s340, short[] s380, int row, float[] bg340, float[] bg380, float[] c340, float[] c380,
			int width)
		{
			return fusedRange(s340, s380, row, bg340, bg380, c340, c380, 0, width);
		}

		@Override
		String name() {
			return "scalar fused";
		}
	}

	/** Widen the row to int, then int to float: the same values in two loops that C2 of JDK 20+ vectorises. */
	static final class Widening extends Unsigned16Correction {
		private final int[] wide340, wide380;

		Widening(int width) {
			wide340 = new int[width];
			wide380 = new int[width];
		}

		@Override
		int correctRow(short[] s340, short[] s380, int row, float[] bg340, float[] bg380, float[] c340, float[] c380,
			int width)
		{
			int[] w3 = wide340, w8 = wide380;
			int bound = 0;
			for (int x = 0; x < width; x++) {
				w3[x] = s340[row + x] & 0xffff;
				w8[x] = s380[row + x] & 0xffff;
			}
			for (int x = 0; x < width; x++) {
				c340[x] = w3[x] - bg340[x];
				c380[x] = w8[x] - bg380[x];
				bound |= w3[x] | w8[x];
			}
			return bound;
		}

		@Override
		String name() {
			return "scalar widening";
		}
	}
}
