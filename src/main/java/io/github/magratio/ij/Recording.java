package io.github.magratio.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A 340/380 recording in any of the three {@link Layout}s, as frames of two channels. TIFF files are opened as virtual
 * stacks: a frame is read from disk when asked for and wrapped without copying, so memory stays a few planes whatever
 * the file's size. Opening validates everything a ratio needs and fails with a message naming the file and what was
 * expected. Not thread-safe (ImageJ virtual stacks are not).
 */
public final class Recording {

	private final ImagePlus imp340;
	private final ImagePlus imp380;
	private final int[] slice340;
	private final int[] slice380;
	private final Layout layout;
	private final List<Path> files;
	private final double frameIntervalSeconds;
	private final List<String> warnings;

	private Recording(ImagePlus imp340, int[] slice340, ImagePlus imp380, int[] slice380, Layout layout,
		List<Path> files, List<String> warnings)
	{
		this.imp340 = imp340;
		this.imp380 = imp380;
		this.slice340 = slice340;
		this.slice380 = slice380;
		this.layout = layout;
		this.files = Collections.unmodifiableList(new ArrayList<>(files));
		if ((long) imp340.getWidth() * imp340.getHeight() > Integer.MAX_VALUE / 8) throw new IllegalArgumentException(
			describe(imp340) + " has frames of " + imp340.getWidth() + "x" + imp340.getHeight() + " px; MagRatio " +
				"handles frames up to 2^28 pixels (16384x16384): crop or bin the recording");
		this.frameIntervalSeconds = frameIntervalSeconds(imp340.getCalibration());
		if (imp340.getBitDepth() == 8) warnings.add(describe(imp340) +
			" is 8-bit: 256 intensity levels limit the precision of ratios and [Mg2+]; record 12/16-bit if you can");
		this.warnings = Collections.unmodifiableList(warnings);
	}

	/**
	 * Opens one file holding both channels.
	 *
	 * @param layout {@link Layout#AUTO}, {@link Layout#HYPERSTACK} or {@link Layout#INTERLEAVED}
	 * @param channel340 which channel (1 or 2) is 340 nm; for an interleaved stack, which slice of each pair
	 */
	public static Recording open(Path file, Layout layout, int channel340) {
		if (layout == Layout.SEPARATE) throw new IllegalArgumentException(
			"layout 'separate' needs two files (--f340 and --f380), got one: " + file);
		return of(openImage(file), layout, channel340, file);
	}

	/** Opens two single-channel files, one per wavelength. */
	public static Recording openSeparate(Path file340, Path file380) {
		return of(openImage(file340), openImage(file380), file340, file380);
	}

	/** Wraps an open image holding both channels (no copy); {@code source} may be null. */
	public static Recording of(ImagePlus imp, Layout layout, int channel340, Path source) {
		checkType(imp);
		if (channel340 != 1 && channel340 != 2) throw new IllegalArgumentException(
			"channel340 must be 1 or 2 (which channel is the 340 nm excitation), got " + channel340);
		List<Path> files = source == null ? Collections.emptyList() : Collections.singletonList(source);
		List<String> warnings = new ArrayList<>();
		int c = imp.getNChannels(), z = imp.getNSlices(), t = imp.getNFrames();
		String name = describe(imp);
		if (layout == Layout.AUTO) {
			if (c == 2) layout = Layout.HYPERSTACK;
			else if (c == 1) throw new IllegalArgumentException(name + " has a single channel with " + imp
				.getStackSize() + " slices: say how 340 and 380 are stored: layout 'interleaved' if slices alternate " +
				"340/380, or two files (--f340/--f380) for separate stacks");
			else throw new IllegalArgumentException(name + " has " + c +
				" channels; expected a hyperstack with 2 channels (340 and 380 nm)");
		}
		if (layout == Layout.HYPERSTACK) {
			if (c != 2) throw new IllegalArgumentException(name + " has " + c +
				" channel(s); a hyperstack recording needs exactly 2 (340 and 380 nm)" + (c == 1
					? " (for a stack alternating 340/380 use layout 'interleaved')" : ""));
			if (z > 1 && t > 1) throw new IllegalArgumentException(name + " has " + z + " z-slices and " + t +
				" frames; expected one plane per channel and time point");
			int frames = Math.max(z, t);
			if (z > 1) warnings.add(name + " stores its " + z + " time points as z-slices; reading them as frames");
			int[] s340 = new int[frames], s380 = new int[frames];
			for (int i = 0; i < frames; i++) {
				int zi = z > 1 ? i + 1 : 1, ti = z > 1 ? 1 : i + 1;
				s340[i] = imp.getStackIndex(channel340, zi, ti);
				s380[i] = imp.getStackIndex(3 - channel340, zi, ti);
			}
			return new Recording(imp, s340, imp, s380, Layout.HYPERSTACK, files, warnings);
		}
		if (layout == Layout.INTERLEAVED) {
			if (c != 1) throw new IllegalArgumentException(name + " has " + c +
				" channels; an interleaved stack has one channel alternating 340/380 (use layout 'hyperstack')");
			int n = imp.getStackSize();
			if (n % 2 != 0) throw new IllegalArgumentException(name + " has " + n +
				" slices: an interleaved 340/380 stack needs an even number (one 340 and one 380 image per frame)");
			int frames = n / 2;
			int[] s340 = new int[frames], s380 = new int[frames];
			for (int i = 0; i < frames; i++) {
				s340[i] = 2 * i + channel340;
				s380[i] = 2 * i + 3 - channel340;
			}
			return new Recording(imp, s340, imp, s380, Layout.INTERLEAVED, files, warnings);
		}
		throw new IllegalArgumentException("layout 'separate' needs two images (340 and 380 nm)");
	}

	/** Wraps two open single-channel images (no copy); the sources may be null. */
	public static Recording of(ImagePlus imp340, ImagePlus imp380, Path source340, Path source380) {
		checkType(imp340);
		checkType(imp380);
		for (ImagePlus imp : new ImagePlus[] { imp340, imp380 })
			if (imp.getNChannels() != 1) throw new IllegalArgumentException(describe(imp) + " has " + imp
				.getNChannels() + " channels; separate 340/380 files must each hold one channel");
		if (imp340.getWidth() != imp380.getWidth() || imp340.getHeight() != imp380.getHeight() || imp340
			.getStackSize() != imp380.getStackSize()) throw new IllegalArgumentException("the 340 and 380 images differ: " +
				describe(imp340) + " is " + imp340.getWidth() + "x" + imp340.getHeight() + " with " + imp340.getStackSize() +
				" frames but " + describe(imp380) + " is " + imp380.getWidth() + "x" + imp380.getHeight() + " with " +
				imp380.getStackSize() + " frames");
		if (imp340.getBitDepth() != imp380.getBitDepth()) throw new IllegalArgumentException(
			"the 340 and 380 images differ in bit depth: " + describe(imp340) + " is " + imp340.getBitDepth() +
				"-bit, " + describe(imp380) + " is " + imp380.getBitDepth() + "-bit");
		int frames = imp340.getStackSize();
		int[] s = new int[frames];
		for (int i = 0; i < frames; i++)
			s[i] = i + 1;
		List<Path> files = new ArrayList<>();
		if (source340 != null) files.add(source340);
		if (source380 != null) files.add(source380);
		return new Recording(imp340, s, imp380, s.clone(), Layout.SEPARATE, files, new ArrayList<>());
	}

	private static void checkType(ImagePlus imp) {
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException(describe(imp) +
			" is an RGB colour image: a ratio needs grayscale intensities (8, 16 or 32-bit), one channel per wavelength");
	}

	static String describe(ImagePlus imp) {
		ij.io.FileInfo fi = imp.getOriginalFileInfo();
		String path = fi != null && fi.fileName != null ? (fi.directory != null ? fi.directory : "") + fi.fileName : null;
		return "'" + (path != null ? path : imp.getTitle()) + "'";
	}

	/**
	 * Opens an image file: TIFF as a virtual stack (frames read on demand), anything else ImageJ reads in memory.
	 *
	 * @throws IllegalArgumentException when the file is missing, unreadable or not an image
	 */
	public static ImagePlus openImage(Path file) {
		if (!Files.exists(file)) throw new IllegalArgumentException("input file " + file + " does not exist");
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new IllegalArgumentException("input file " +
			file + " is not a readable file");
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		ImagePlus imp = null;
		try {
			if (name.endsWith(".tif") || name.endsWith(".tiff")) imp = VirtualTiff.open(file);
			if (imp == null || imp.getStackSize() < 1) imp = IJ.openImage(file.toString());
		} catch (RuntimeException | java.io.IOException e) {
			throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
		}
		if (imp == null) throw new IllegalArgumentException("cannot read " + file +
			": not an image ImageJ can open (expected a TIFF stack, 8/16/32-bit)");
		return imp;
	}

	/** Converts an ImageJ frame interval to seconds; NaN when the file has none. */
	static double frameIntervalSeconds(Calibration cal) {
		double fi = cal.frameInterval;
		if (!(fi > 0)) return Double.NaN;
		String unit = cal.getTimeUnit() == null ? "sec" : cal.getTimeUnit().trim().toLowerCase(Locale.ROOT);
		switch (unit) {
			case "ms":
			case "msec":
			case "millisecond":
			case "milliseconds":
				return fi / 1000;
			case "us":
			case "\u00b5s":
			case "usec":
				return fi / 1e6;
			case "min":
			case "minute":
			case "minutes":
				return fi * 60;
			case "h":
			case "hr":
			case "hour":
			case "hours":
				return fi * 3600;
			default:
				return fi;
		}
	}

	/** @return width in pixels */
	public int width() {
		return imp340.getWidth();
	}

	/** @return height in pixels */
	public int height() {
		return imp340.getHeight();
	}

	/** @return number of time points */
	public int frames() {
		return slice340.length;
	}

	/** @return bits per pixel of the raw data: 8, 16 or 32 */
	public int bitDepth() {
		return imp340.getBitDepth();
	}

	/** @return the layout actually used (never AUTO) */
	public Layout layout() {
		return layout;
	}

	/** @return the files read (one, or two for separate stacks; empty for images given in memory) */
	public List<Path> files() {
		return files;
	}

	/** @return the frame interval from the file's calibration in seconds, NaN if absent */
	public double frameIntervalSeconds() {
		return frameIntervalSeconds;
	}

	/** @return warnings found while opening (8-bit data, time stored as z) */
	public List<String> warnings() {
		return warnings;
	}

	/** @return the image holding the 340 nm planes */
	public ImagePlus image340() {
		return imp340;
	}

	/** @return the image holding the 380 nm planes (the same object as {@link #image340()} unless separate) */
	public ImagePlus image380() {
		return imp380;
	}

	/** @return the 1-based stack index of frame {@code t}'s 340 nm plane in {@link #image340()} */
	public int stackIndex340(int t) {
		return slice340[t];
	}

	/** @return the 1-based stack index of frame {@code t}'s 380 nm plane in {@link #image380()} */
	public int stackIndex380(int t) {
		return slice380[t];
	}

	/** @return frame {@code t} (0-based) at 340 nm, a zero-copy view of the plane (read from disk if virtual) */
	public <T extends RealType<T>> RandomAccessibleInterval<T> frame340(int t) {
		return plane(imp340.getStack(), slice340[t]);
	}

	/** @return frame {@code t} (0-based) at 380 nm */
	public <T extends RealType<T>> RandomAccessibleInterval<T> frame380(int t) {
		return plane(imp380.getStack(), slice380[t]);
	}

	private static <T extends RealType<T>> RandomAccessibleInterval<T> plane(ImageStack stack, int index) {
		return ImagePlanes.wrap(stack.getProcessor(index));
	}
}
