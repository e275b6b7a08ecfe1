package io.github.magratio.ij;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import io.github.magratio.tiff.ImageJMetadata;
import io.github.magratio.tiff.PixelType;
import io.github.magratio.tiff.TiffFormatException;
import io.github.magratio.tiff.TiffReader;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A 340/380 recording in any of the three {@link Layout}s, as frames of two channels. TIFF files (classic or BigTIFF,
 * uncompressed or LZW, deflate, PackBits) are streamed by MagRatio's own {@link TiffReader}: a frame is decoded from
 * disk when asked for and wrapped without copying, so memory stays a few planes whatever the file's size, and a broken
 * file fails with the plane named instead of being cut short. Other formats are refused (nothing is ever loaded whole
 * behind the user's back). Opening validates everything a ratio needs, including that one frame's working memory fits
 * the Java heap, and fails with a message naming the file and what was expected. Signed 16-bit data (ImageJ's signed
 * calibration, or TIFF SampleFormat 2) are presented as their true signed values. Close it to release the files.
 * Not thread-safe.
 */
public final class Recording implements AutoCloseable {

	/** Working memory of the pipeline per pixel of a frame (planes, masks, labels, fits), bytes; measured, rounded up. */
	static final long WORKING_BYTES_PER_PIXEL = 100;

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
		long need = WORKING_BYTES_PER_PIXEL * imp340.getWidth() * imp340.getHeight();
		long heap = Runtime.getRuntime().maxMemory();
		if (heap != Long.MAX_VALUE && need > heap * 8 / 10) throw new IllegalArgumentException(describe(imp340) +
			" has frames of " + imp340.getWidth() + "x" + imp340.getHeight() + " px, which need about " + mib(need) +
			" of working memory; Java may use " + mib(heap) + ": give it more (MAGRATIO_JAVA_OPTS=-Xmx...) or crop or " +
			"bin the recording");
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
		if (sameFile(file340, file380)) throw new IllegalArgumentException("the 340 and 380 nm stacks are the same " +
			"file (" + file340 + "): give the two wavelengths' files (--f340 and --f380)");
		ImagePlus a = openImage(file340);
		try {
			return of(a, openImage(file380), file340, file380);
		} catch (RuntimeException e) {
			closeStack(a);
			throw e;
		}
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
	 * Opens a TIFF file as a virtual stack streamed by {@link TiffReader}, with ImageJ's hyperstack dimensions, frame
	 * interval, spatial calibration and signed 16-bit calibration from its description.
	 *
	 * @throws IllegalArgumentException when the file is missing, unreadable, not a TIFF or broken, naming it
	 * @throws java.io.UncheckedIOException when the file system fails while reading the directory
	 */
	public static ImagePlus openImage(Path file) {
		if (!Files.exists(file)) throw new IllegalArgumentException("input file " + file + io.github.magratio.util
			.Inputs.whyMissing(file));
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new IllegalArgumentException("input file " +
			file + " is not a readable file");
		TiffReader reader;
		try {
			reader = TiffReader.open(file);
		} catch (TiffFormatException e) {
			String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			boolean tif = name.endsWith(".tif") || name.endsWith(".tiff");
			throw new IllegalArgumentException("cannot read " + e.getMessage() + (tif ? "" : " (MagRatio streams " +
				"recordings and label images from TIFF files: save it as TIFF in Fiji, File > Save As > Tiff...)"), e);
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException("cannot read " + file + ": " + e, e);
		}
		return toImagePlus(file, reader);
	}

	private static ImagePlus toImagePlus(Path file, TiffReader reader) {
		TiffStack stack = new TiffStack(reader);
		Path abs = file.toAbsolutePath();
		ImagePlus imp = new ImagePlus(abs.getFileName().toString(), stack);
		Calibration cal = imp.getCalibration();
		ImageJMetadata ij = reader.imageJ();
		if (ij != null) {
			if (!Double.isNaN(ij.frameInterval())) cal.frameInterval = ij.frameInterval();
			cal.setTimeUnit(ij.timeUnit());
			if (ij.unit() != null) cal.setUnit(ij.unit());
			int c = ij.channels(), z = ij.slices(), t = ij.frames();
			if ((long) c * z * t == reader.planes()) {
				imp.setDimensions(c, z, t);
				if (c * z * t > 1 && (ij.hyperstack() || c > 1)) imp.setOpenAsHyperStack(true);
			}
		}
		if (reader.xResolution() > 0) {
			cal.pixelWidth = 1 / reader.xResolution();
			cal.pixelHeight = reader.yResolution() > 0 ? 1 / reader.yResolution() : cal.pixelWidth;
			if (ij == null || ij.unit() == null) cal.setUnit(reader.resolutionUnit() == 3 ? "cm" : reader
				.resolutionUnit() == 2 ? "inch" : " ");
		}
		if (stack.signed16() || reader.pixelType() == PixelType.UINT16 && ij != null && ij.signed16BitCalibration())
			cal.setSigned16BitCalibration();
		ij.io.FileInfo fi = new ij.io.FileInfo();
		fi.fileName = abs.getFileName().toString();
		fi.directory = abs.getParent().toString() + java.io.File.separator;
		fi.width = reader.width();
		fi.height = reader.height();
		fi.nImages = reader.planes();
		imp.setFileInfo(fi);
		return imp;
	}

	private static boolean sameFile(Path a, Path b) {
		try {
			return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
		} catch (java.io.IOException e) {
			return false;
		}
	}

	/** Closes the files of a recording opened from disk; an image given in memory is left alone. */
	@Override
	public void close() {
		closeStack(imp340);
		if (imp380 != imp340) closeStack(imp380);
	}

	private static void closeStack(ImagePlus imp) {
		if (imp.getStack() instanceof TiffStack) try {
			((TiffStack) imp.getStack()).close();
		} catch (java.io.IOException e) {
			// closing a read-only file: nothing is lost
		}
	}

	private static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1 << 20));
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

	/**
	 * @return frame {@code t} (0-based) at 340 nm, a zero-copy view of the plane (read from disk if virtual); signed
	 *         16-bit data as {@code ShortType} holding the true signed values
	 */
	public <T extends RealType<T>> RandomAccessibleInterval<T> frame340(int t) {
		return plane(imp340, slice340[t]);
	}

	/** @return frame {@code t} (0-based) at 380 nm */
	public <T extends RealType<T>> RandomAccessibleInterval<T> frame380(int t) {
		return plane(imp380, slice380[t]);
	}

	private static <T extends RealType<T>> RandomAccessibleInterval<T> plane(ImagePlus imp, int index) {
		ImageStack stack = imp.getStack();
		return imp.getCalibration().isSigned16Bit() ? ImagePlanes.wrapSigned16(stack.getProcessor(index))
			: ImagePlanes.wrap(stack.getProcessor(index));
	}
}
