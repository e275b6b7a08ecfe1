package io.github.magratio.core;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Reads a 2D frame row by row into a {@code float[]}, so that per-pixel work runs on primitive arrays without a
 * virtual call per pixel. A plain 2D {@code ArrayImg} of unsigned 8/16-bit, signed 16-bit or float pixels (what
 * MagRatio's readers and ImageJ planes give) is read straight from its array; any other image (a view, a converted
 * image, another type) through one {@code RandomAccess} per row, with the same values ({@code getRealDouble}).
 * A view, not a copy: it reads the frame's current pixels. Not thread-safe (one per thread and frame).
 */
public abstract class PlaneRows {

	/** Frame width and height, px. */
	protected final int width, height;
	private final boolean integer;

	private PlaneRows(int width, int height, boolean integer) {
		this.width = width;
		this.height = height;
		this.integer = integer;
	}

	/** @return true when the pixels are integers, so never NaN or infinite (the per-pixel finiteness test is moot) */
	public final boolean integer() {
		return integer;
	}

	/**
	 * @param frame a 2D image (any min; the rows are read from its min)
	 * @return a reader of its rows
	 * @throws IllegalArgumentException when the frame is not 2D or too large for a Java array
	 */
	public static PlaneRows of(RandomAccessibleInterval<? extends RealType<?>> frame) {
		if (frame.numDimensions() != 2) throw new IllegalArgumentException("a frame must be 2D, got " + frame
			.numDimensions() + " dimensions");
		long w = frame.dimension(0), h = frame.dimension(1);
		if (w * h > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("a frame of " + w + "x" + h +
			" px is larger than 2^31 pixels");
		if (frame instanceof ArrayImg) {
			Object access = ((ArrayImg<?, ?>) frame).update(null);
			Object type = ((ArrayImg<?, ?>) frame).firstElement();
			if (type instanceof UnsignedShortType && access instanceof ShortArray) return new Unsigned16((int) w,
				(int) h, ((ShortArray) access).getCurrentStorageArray());
			if (type instanceof ShortType && access instanceof ShortArray) return new Signed16((int) w, (int) h,
				((ShortArray) access).getCurrentStorageArray());
			if (type instanceof UnsignedByteType && access instanceof ByteArray) return new Unsigned8((int) w, (int) h,
				((ByteArray) access).getCurrentStorageArray());
			if (type instanceof FloatType && access instanceof FloatArray) return new Float32((int) w, (int) h,
				((FloatArray) access).getCurrentStorageArray());
		}
		return new Generic<>(frame);
	}

	/** @return the frame width, px */
	public final int width() {
		return width;
	}

	/** @return the frame height, px */
	public final int height() {
		return height;
	}

	/**
	 * Writes row {@code y} (0-based from the frame's min) into {@code out[0..width-1]}: exact for 8/16-bit integer
	 * and 32-bit float pixels (all that recordings hold), the nearest float for wider types.
	 */
	public abstract void row(int y, float[] out);

	/** @return the value of pixel {@code index} = y * width + x (for sparse reads, e.g. sample grids) */
	public abstract double get(int index);

	/**
	 * @return the row-major pixels when this is a plain unsigned 16-bit plane (what recordings hold), else null: the
	 *         kernel then reads the shorts straight into its fused row loop instead of converting rows to float first
	 */
	short[] unsigned16() {
		return null;
	}

	/** @return true when every pixel is 0 or NaN (a blank frame); stops at the first other pixel */
	public boolean isBlank(float[] rowBuffer) {
		for (int y = 0; y < height; y++) {
			row(y, rowBuffer);
			for (int x = 0; x < width; x++) {
				float v = rowBuffer[x];
				if (v != 0 && v == v) return false;
			}
		}
		return true;
	}

	private static final class Unsigned16 extends PlaneRows {
		private final short[] a;

		Unsigned16(int w, int h, short[] a) {
			super(w, h, true);
			this.a = a;
		}

		@Override
		public void row(int y, float[] out) {
			int o = y * width;
			for (int x = 0; x < width; x++)
				out[x] = a[o + x] & 0xffff;
		}

		@Override
		public double get(int index) {
			return a[index] & 0xffff;
		}

		@Override
		short[] unsigned16() {
			return a;
		}
	}

	private static final class Signed16 extends PlaneRows {
		private final short[] a;

		Signed16(int w, int h, short[] a) {
			super(w, h, true);
			this.a = a;
		}

		@Override
		public void row(int y, float[] out) {
			int o = y * width;
			for (int x = 0; x < width; x++)
				out[x] = a[o + x];
		}

		@Override
		public double get(int index) {
			return a[index];
		}
	}

	private static final class Unsigned8 extends PlaneRows {
		private final byte[] a;

		Unsigned8(int w, int h, byte[] a) {
			super(w, h, true);
			this.a = a;
		}

		@Override
		public void row(int y, float[] out) {
			int o = y * width;
			for (int x = 0; x < width; x++)
				out[x] = a[o + x] & 0xff;
		}

		@Override
		public double get(int index) {
			return a[index] & 0xff;
		}
	}

	private static final class Float32 extends PlaneRows {
		private final float[] a;

		Float32(int w, int h, float[] a) {
			super(w, h, false);
			this.a = a;
		}

		@Override
		public void row(int y, float[] out) {
			int o = y * width;
			for (int x = 0; x < width; x++)
				out[x] = a[o + x];
		}

		@Override
		public double get(int index) {
			return a[index];
		}
	}

	private static final class Generic<T extends RealType<?>> extends PlaneRows {
		private final RandomAccess<? extends RealType<?>> ra;
		private final long ox, oy;

		Generic(RandomAccessibleInterval<? extends RealType<?>> frame) {
			super((int) frame.dimension(0), (int) frame.dimension(1), frame.getType() instanceof IntegerType);
			ra = frame.randomAccess();
			ox = frame.min(0);
			oy = frame.min(1);
		}

		@Override
		public void row(int y, float[] out) {
			ra.setPosition(ox, 0);
			ra.setPosition(oy + y, 1);
			for (int x = 0; x < width; x++) {
				out[x] = ra.get().getRealFloat();
				ra.fwd(0);
			}
		}

		@Override
		public double get(int index) {
			ra.setPosition(ox + index % width, 0);
			ra.setPosition(oy + index / width, 1);
			return ra.get().getRealDouble();
		}
	}
}
