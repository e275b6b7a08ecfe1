package io.github.magratio.ij;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/**
 * Zero-copy ImgLib2 views of ImageJ planes: the returned image reads and writes the processor's own pixel array
 * (imglib2-ij is not on Maven Central, and these three cases are all a ratio recording needs).
 */
public final class ImagePlanes {

	private ImagePlanes() {}

	/**
	 * Wraps a plane without copying: 8-bit as {@code UnsignedByteType}, 16-bit as {@code UnsignedShortType}, 32-bit as
	 * {@code FloatType}. The caller picks {@code T} to match the bit depth (all planes of a recording share it).
	 *
	 * @throws IllegalArgumentException for RGB (a ratio needs two intensity channels, not colour)
	 */
	@SuppressWarnings("unchecked")
	public static <T extends RealType<T>> RandomAccessibleInterval<T> wrap(ImageProcessor ip) {
		int w = ip.getWidth(), h = ip.getHeight();
		if (ip instanceof ShortProcessor) return (RandomAccessibleInterval<T>) ArrayImgs.unsignedShorts((short[]) ip
			.getPixels(), w, h);
		if (ip instanceof ByteProcessor) return (RandomAccessibleInterval<T>) ArrayImgs.unsignedBytes((byte[]) ip
			.getPixels(), w, h);
		if (ip instanceof FloatProcessor) return (RandomAccessibleInterval<T>) ArrayImgs.floats((float[]) ip.getPixels(),
			w, h);
		throw new IllegalArgumentException("RGB images are not supported: a ratio needs two grayscale intensity " +
			"channels (8, 16 or 32-bit), got " + ip.getClass().getSimpleName());
	}

	/**
	 * Wraps a 16-bit plane stored as ImageJ stores signed data (value + 32768, with its signed 16-bit calibration) as
	 * {@code ShortType} holding the true signed values: a read-only converted view, no copy. Its type's maximum,
	 * 32767, is the saturation level of such data.
	 */
	@SuppressWarnings("unchecked")
	public static <T extends RealType<T>> RandomAccessibleInterval<T> wrapSigned16(ImageProcessor ip) {
		if (!(ip instanceof ShortProcessor)) return wrap(ip);
		RandomAccessibleInterval<UnsignedShortType> raw = ArrayImgs.unsignedShorts((short[]) ip.getPixels(), ip
			.getWidth(), ip.getHeight());
		return (RandomAccessibleInterval<T>) Converters.convert(raw, (in, out) -> out.set((short) (in.get() - 32768)),
			new ShortType());
	}
}
