package io.github.magratio.command;

import io.github.magratio.ij.ImagePlanes;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * How the step images of a chain are laid out and named. The intermediate images are 32-bit: the background-corrected
 * image ({@code -bg}) is a 2-channel hyperstack (channel 1 = 340 nm, 2 = 380 nm) by T frames; the ratio ({@code
 * -ratio}) and [Mg2+] ({@code -mg}) images are single-channel T-frame stacks. Per-frame numbers the next step needs
 * travel as ImageJ image properties (saved with the TIFF). Planes are wrapped, never copied.
 */
public final class Chain {

	/** Image property: per-frame background noise at 380 nm, counts, comma-separated; "NaN" marks a blank frame. */
	public static final String PROP_SIGMA380 = "MagRatio.sigma380";
	/** Image property: per-frame absolute minimum background-corrected 380 nm signal of a valid ratio, counts. */
	public static final String PROP_MIN_SIGNAL = "MagRatio.minSignal";
	/** Image property: raw level counted as saturated, counts (on the {@code -bg} image). */
	public static final String PROP_SATURATION = "MagRatio.saturation";
	/** Image property: which channel of the raw recording is 340 nm (on the {@code -bg} image). */
	public static final String PROP_CHANNEL340 = "MagRatio.channel340";
	/**
	 * Image property: the constants of an [Mg2+] image, comma-separated: Kd (mM), Rmin, Rmax, beta and their
	 * standard errors.
	 */
	public static final String PROP_CONSTANTS = "MagRatio.constants";
	/** Image property: the calibration file behind an [Mg2+] image, when it came from one. */
	public static final String PROP_CALIBRATION = "MagRatio.calibration";

	private static final String[] SUFFIXES = { "-bg", "-ratio", "-mg", "-labels" };

	private Chain() {}

	/** @return the recording's title without a step suffix ({@code rec-bg} gives {@code rec}) and extension */
	public static String base(String title) {
		String t = title;
		for (String s : SUFFIXES)
			if (t.endsWith(s)) return t.substring(0, t.length() - s.length());
		int dot = t.lastIndexOf('.');
		if (dot > 0 && t.substring(dot).toLowerCase(Locale.ROOT).matches("\\.(tif|tiff)")) t = t.substring(0, dot);
		return t;
	}

	/** @return a T-frame 32-bit image of these planes (wrapped, not copied) */
	static ImagePlus stack(String title, List<float[]> planes, int width, int height, int channels) {
		ImageStack stack = new ImageStack(width, height);
		for (float[] p : planes)
			stack.addSlice(new FloatProcessor(width, height, p));
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(channels, 1, planes.size() / channels);
		if (channels > 1) imp.setOpenAsHyperStack(true);
		return imp;
	}

	/**
	 * @return the image's rectangular selection as {@code x,y,width,height} in pixels (the background region's
	 *         syntax), or null when it has none or another shape
	 */
	public static String selectedRectangle(ImagePlus imp) {
		ij.gui.Roi roi = imp.getRoi();
		if (roi == null || roi.getType() != ij.gui.Roi.RECTANGLE) return null;
		java.awt.Rectangle r = roi.getBounds();
		return r.x + "," + r.y + "," + r.width + "," + r.height;
	}

	/** @return the 1-based stack index's plane as a zero-copy ImgLib2 view (32-bit images only) */
	static RandomAccessibleInterval<FloatType> plane(ImagePlus imp, int index) {
		return ImagePlanes.wrap(imp.getStack().getProcessor(index));
	}

	/** @return the plane's own pixel array (32-bit images only) */
	static float[] pixels(ImagePlus imp, int index) {
		return (float[]) imp.getStack().getPixels(index);
	}

	/** @return per-frame values of a property written by {@link #format}, or null when absent */
	static double[] values(ImagePlus imp, String key, int frames) {
		String s = imp.getProp(key);
		if (s == null || s.trim().isEmpty()) return null;
		String[] parts = s.split(",");
		if (parts.length != frames) throw new IllegalArgumentException("image '" + imp.getTitle() + "' property " + key +
			" has " + parts.length + " values for " + frames + " frames");
		double[] v = new double[frames];
		for (int i = 0; i < frames; i++)
			v[i] = Double.parseDouble(parts[i].trim());
		return v;
	}

	/** @return the values as an exactly round-tripping comma-separated list */
	static String format(double[] values) {
		StringBuilder b = new StringBuilder();
		for (double v : values)
			b.append(b.length() > 0 ? "," : "").append(Double.toString(v));
		return b.toString();
	}

	/** @throws IllegalArgumentException naming {@code key} unless {@code imp} is 32-bit with one channel */
	static void checkSingleChannelFloat(String key, ImagePlus imp, String what) {
		if (imp.getBitDepth() != 32 || imp.getNChannels() != 1) throw new IllegalArgumentException(key + ": '" + imp
			.getTitle() + "' is " + imp.getBitDepth() + "-bit with " + imp.getNChannels() + " channel(s); expected " +
			what + " (32-bit, one channel)");
	}

	/** @throws IllegalArgumentException naming {@code key} unless both images are the same width and height */
	static void checkSameSize(String key, ImagePlus imp, ImagePlus reference, String referenceKey) {
		if (imp.getWidth() != reference.getWidth() || imp.getHeight() != reference.getHeight())
			throw new IllegalArgumentException(key + ": '" + imp.getTitle() + "' is " + imp.getWidth() + "x" + imp
				.getHeight() + " but " + referenceKey + " '" + reference.getTitle() + "' is " + reference.getWidth() + "x" +
				reference.getHeight());
	}
}
