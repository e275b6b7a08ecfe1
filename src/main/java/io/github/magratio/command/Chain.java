package io.github.magratio.command;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.Calibration;
import io.github.magratio.ij.ImagePlanes;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.nio.file.Paths;
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

	/**
	 * Wraps a 2-channel hyperstack as a recording (no copy).
	 *
	 * @throws IllegalArgumentException naming {@code key} for a single-channel or RGB image
	 */
	static Recording recording(String key, ImagePlus imp, int channel340) {
		if (imp.getNChannels() != 2) throw new IllegalArgumentException(key + ": '" + imp.getTitle() + "' has " + imp
			.getNChannels() + " channel(s); this step needs one 2-channel hyperstack (340 and 380 nm). Combine two " +
			"stacks with Image > Color > Merge Channels, or use Run Pipeline for interleaved/separate files");
		try {
			return Recording.of(imp, Layout.HYPERSTACK, channel340, null);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
		}
	}

	/** @return Kd (mM), Rmin, Rmax, beta and their standard errors, in the order of {@link #calibration(double[])} */
	static double[] constants(Calibration c) {
		return new double[] { c.kdMillimolar(), c.rmin(), c.rmax(), c.beta(), c.kdMillimolarSe(), c.rminSe(), c
			.rmaxSe(), c.betaSe() };
	}

	/** @return the calibration of {@link #constants} */
	static Calibration calibration(double[] v) {
		return new Calibration(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	}

	/**
	 * @return the calibration an [Mg2+] image was made with: its constants (property {@link #PROP_CONSTANTS}),
	 *         else its calibration file (images of MagRatio 0.1)
	 * @throws IllegalArgumentException naming {@code key} when the image carries neither
	 */
	static Calibration calibrationOf(String key, ImagePlus mg) throws IOException {
		double[] v = values(mg, PROP_CONSTANTS, 8);
		if (v != null) return calibration(v);
		String file = mg.getProp(PROP_CALIBRATION);
		if (file == null) throw new IllegalArgumentException(key + ": '" + mg.getTitle() +
			"' does not carry its calibration (make it with Ratio to [Mg2+])");
		try {
			return CalibrationFile.read(Paths.get(file)).calibration();
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(key + ": calibration " + e.getMessage(), e);
		}
	}
}
