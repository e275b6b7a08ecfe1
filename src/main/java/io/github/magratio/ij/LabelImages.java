package io.github.magratio.ij;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.io.RoiEncoder;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.github.magratio.core.LabelPlanes;
import io.github.magratio.core.Labels;
import io.github.magratio.tiff.PixelType;
import io.github.magratio.tiff.TiffFormatException;
import io.github.magratio.tiff.TiffReader;
import io.github.magratio.util.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Label images and ImageJ ROI sets: 16-bit label TIFFs in and out, and {@code .zip} ROI sets as Fiji's ROI Manager
 * reads and writes them, built with {@link RoiEncoder}/{@link RoiDecoder} so no (headless-hostile) RoiManager window
 * is ever created.
 */
public final class LabelImages {

	private LabelImages() {}

	/** Modification time of every entry of a written ROI set: 2000-01-01 00:00 local time. */
	static final long REPRODUCIBLE_TIME = new java.util.GregorianCalendar(2000, 0, 1).getTimeInMillis();

	/** @return the name of cell {@code id}'s ROI, e.g. {@code cell-0007} (sorts in cell order) */
	public static String roiName(int id) {
		return String.format(Locale.ROOT, "cell-%04d", id);
	}

	/** @return a 16-bit image of the labels (0 = background) */
	public static ImagePlus toImagePlus(Labels labels, String title) {
		if (labels.count() > 65535) throw new IllegalArgumentException(labels.count() +
			" cells do not fit a 16-bit label image");
		int[] a = labels.array();
		short[] s = new short[a.length];
		for (int i = 0; i < a.length; i++)
			s[i] = (short) a[i];
		ImagePlus imp = new ImagePlus(title, new ShortProcessor(labels.width(), labels.height(), s, null));
		imp.setDisplayRange(0, Math.max(1, labels.count()));
		return imp;
	}

	/**
	 * The largest cell id a label image may hold: 2^24, the largest integer a 32-bit float label image stores
	 * exactly (ids are renumbered 1..n anyway, so larger ones carry no information).
	 */
	public static final int MAX_LABEL = 1 << 24;

	/** @return labels read from an open image's first plane (8, 16 or 32-bit integer values; ImageJ's signed 16-bit) */
	public static Labels fromImagePlus(ImagePlus imp, int width, int height, String what) {
		if (imp.getWidth() != width || imp.getHeight() != height) throw new IllegalArgumentException(what + " is " + imp
			.getWidth() + "x" + imp.getHeight() + " but the recording is " + width + "x" + height);
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException(what +
			" is an RGB image; a label image holds one integer cell id per pixel (0 = background)");
		ImageProcessor ip = imp.getStack().getProcessor(1);
		boolean signed = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit();
		int[] lab = new int[width * height];
		for (int i = 0; i < lab.length; i++)
			lab[i] = label(signed ? ip.get(i) - 32768 : ip.getf(i), i, width, what);
		return Labels.of(lab, width, height);
	}

	private static int label(double v, int i, int width, String what) {
		if (v >= 0 && v <= MAX_LABEL && v == Math.rint(v)) return (int) v;
		throw new IllegalArgumentException(what + " has the value " + (v == Math.rint(v) && Math.abs(v) < 1e15 ?
			Long.toString((long) v) : Double.toString(v)) + " at pixel (" + i % width + "," + i / width + "); a label " +
			"image holds whole cell ids 0.." + MAX_LABEL + " (0 = background)");
	}

	/**
	 * Reads a label image file: a TIFF (8, 16, 32-bit integer or float; one plane) streamed by MagRatio's reader, or
	 * a PNG or another format Java reads (e.g. Cellpose's 16-bit masks). Its size is checked against the recording
	 * before any pixel is read, and every value must be a whole id 0..{@value #MAX_LABEL}.
	 *
	 * @throws IllegalArgumentException naming the file and the problem
	 */
	public static Labels read(Path file, int width, int height) throws IOException {
		String what = "label image " + file;
		if (!Files.isRegularFile(file)) throw new IllegalArgumentException(what + (Files.exists(file) ?
			" is not a file" : io.github.magratio.util.Inputs.whyMissing(file)));
		if (!isTiff(file)) return readOther(file, width, height, what);
		try (TiffReader r = TiffReader.open(file)) {
			if (r.width() != width || r.height() != height) throw new IllegalArgumentException(what + " is " + r
				.width() + "x" + r.height() + " but the recording is " + width + "x" + height);
			if (r.planes() != 1) throw new IllegalArgumentException(what + " has " + r.planes() + " planes; a label " +
				"image is one plane of cell ids (0 = background)");
			int n = width * height;
			int[] lab = new int[n];
			switch (r.pixelType()) {
				case UINT8: {
					byte[] b = new byte[n];
					r.readPlane(0, b);
					for (int i = 0; i < n; i++)
						lab[i] = b[i] & 0xff;
					break;
				}
				case UINT16:
				case INT16: {
					short[] s = new short[n];
					r.readPlane(0, s);
					boolean signed = r.pixelType() == PixelType.INT16;
					for (int i = 0; i < n; i++)
						lab[i] = signed ? label(s[i], i, width, what) : s[i] & 0xffff;
					break;
				}
				case UINT32:
				case INT32: {
					r.readPlane(0, lab);
					boolean unsigned = r.pixelType() == PixelType.UINT32;
					for (int i = 0; i < n; i++)
						lab[i] = label(unsigned ? lab[i] & 0xffffffffL : lab[i], i, width, what);
					break;
				}
				default: {
					float[] f = new float[n];
					r.readPlane(0, f);
					for (int i = 0; i < n; i++)
						lab[i] = label(f[i], i, width, what);
				}
			}
			return Labels.of(lab, width, height);
		} catch (TiffFormatException e) {
			throw new IllegalArgumentException("cannot read " + e.getMessage(), e);
		}
	}

	private static boolean isTiff(Path file) throws IOException {
		byte[] h = new byte[4];
		try (InputStream in = Files.newInputStream(file)) {
			int n = in.readNBytes(h, 0, 4);
			return n == 4 && (h[0] == 'I' && h[1] == 'I' && h[3] == 0 || h[0] == 'M' && h[1] == 'M' && h[2] == 0);
		}
	}

	/** A label image in a format Java's ImageIO reads; the size is read from the header before any pixel. */
	private static Labels readOther(Path file, int width, int height, String what) throws IOException {
		try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
			java.util.Iterator<javax.imageio.ImageReader> it = in == null ? null : javax.imageio.ImageIO.getImageReaders(
				in);
			if (it == null || !it.hasNext()) throw new IllegalArgumentException("cannot read " + what + ": not a TIFF " +
				"or PNG image (save the label image as TIFF in Fiji)");
			javax.imageio.ImageReader reader = it.next();
			try {
				reader.setInput(in, true, true);
				int w = reader.getWidth(0), h = reader.getHeight(0);
				if (w != width || h != height) throw new IllegalArgumentException(what + " is " + w + "x" + h +
					" but the recording is " + width + "x" + height);
				java.awt.image.Raster raster = reader.readRaster(0, null);
				if (raster.getNumBands() != 1) throw new IllegalArgumentException(what + " has " + raster.getNumBands() +
					" colour bands; a label image holds one integer cell id per pixel (0 = background)");
				int[] lab = new int[width * height];
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++)
						lab[y * width + x] = label(raster.getSampleDouble(x + raster.getMinX(), y + raster.getMinY(), 0), y *
							width + x, width, what);
				return Labels.of(lab, width, height);
			} catch (IllegalArgumentException e) {
				throw e; // ours: size or value
			} catch (IOException | RuntimeException e) {
				// Java's decoders report a damaged image as EOFException, IIOException or an index out of bounds: the
				// user's file, not the disk
				throw new IllegalArgumentException("cannot read " + what + ": a damaged or truncated image (" + io.github
					.magratio.util.Text.quote(String.valueOf(e.getMessage())) + ")", e);
			} finally {
				reader.dispose();
			}
		}
	}

	/**
	 * Reads an ImageJ ROI set ({@code .zip} of {@code .roi} entries, or a single {@code .roi}) into labels, with the
	 * limits of {@link RoiFiles}; where ROIs overlap the earlier one keeps the pixel.
	 */
	public static Labels readRois(Path file, int width, int height) throws IOException {
		return fromRois(RoiFiles.read(file, "ROI file " + file), width, height, "ROI file " + file);
	}

	/**
	 * Paints area ROIs into labels 1..n in list order (earlier ROIs keep overlapping pixels). Each ROI's bounds are
	 * checked before its mask is made: a ROI far outside the image (more than the image's own size beyond an edge)
	 * is refused, and so is one that ends up with no pixel (outside the image or under earlier ROIs), since dropping
	 * it would renumber the cells after it.
	 */
	public static Labels fromRois(List<Roi> rois, int width, int height, String what) {
		int[] lab = new int[width * height];
		int id = 0;
		for (Roi roi : rois) {
			id++;
			String name = what + ": ROI " + id + (roi.getName() != null ? " ('" + io.github.magratio.util.Text.quote(roi
				.getName()) + "')" : "");
			if (!roi.isArea()) throw new IllegalArgumentException(name + " is a " + roi.getTypeAsString() +
				", not an area");
			java.awt.Rectangle b = roi.getBounds();
			if ((long) b.x + b.width <= 0 || (long) b.y + b.height <= 0 || b.x >= width || b.y >= height)
				throw new IllegalArgumentException(name + " at " + b.x + "," + b.y + " (" + b.width + "x" + b.height +
					" px) lies outside the " + width + "x" + height + " image");
			if (b.x < -width || b.y < -height || (long) b.x + b.width > 2L * width || (long) b.y + b.height > 2L * height)
				throw new IllegalArgumentException(name + " at " + b.x + "," + b.y + " (" + b.width + "x" + b.height +
					" px) reaches far beyond the " + width + "x" + height + " image; a cell ROI lies (mostly) inside it");
			ImageProcessor mask = roi.getMask();
			long painted = 0;
			for (int y = 0; y < b.height; y++)
				for (int x = 0; x < b.width; x++) {
					int ix = b.x + x, iy = b.y + y;
					if (ix < 0 || iy < 0 || ix >= width || iy >= height) continue;
					if (mask != null && mask.get(x, y) == 0) continue;
					int p = iy * width + ix;
					if (lab[p] == 0) {
						lab[p] = id;
						painted++;
					}
				}
			if (painted == 0) throw new IllegalArgumentException(name + " covers no pixel of its own (outside the " +
				"image or hidden under earlier ROIs); remove it so the cells keep their numbers");
		}
		return Labels.of(lab, width, height);
	}

	/** @return one area ROI per cell, named {@link #roiName(int)}, outlining exactly the cell's pixels */
	public static List<Roi> toRois(Labels labels) {
		List<Roi> rois = new ArrayList<>();
		int w = labels.width();
		int[] lab = labels.array();
		ThresholdToSelection tts = new ThresholdToSelection();
		for (int id = 1; id <= labels.count(); id++) {
			if (labels.area(id) == 0) continue; // an id not in this frame (cells tracked over frames)
			int[] bb = labels.bounds(id);
			int bw = bb[2] - bb[0] + 1, bh = bb[3] - bb[1] + 1;
			ByteProcessor crop = new ByteProcessor(bw, bh);
			for (int y = 0; y < bh; y++)
				for (int x = 0; x < bw; x++)
					if (lab[(bb[1] + y) * w + bb[0] + x] == id) crop.set(x, y, 255);
			crop.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
			Roi roi = tts.convert(crop);
			roi.setLocation(roi.getXBase() + bb[0], roi.getYBase() + bb[1]);
			roi.setName(roiName(id));
			rois.add(roi);
		}
		return rois;
	}

	/**
	 * @return a 16-bit T-stack (one plane per frame, time in T so TrackMate's label-image detector reads it) of cells
	 *         tracked over frames, each under its track id
	 * @param count the number of track ids
	 */
	public static ImagePlus toImagePlus(LabelPlanes planes, int width, int height, int count, String title) {
		if (count > 65535) throw new IllegalArgumentException(count + " cells do not fit a 16-bit label image");
		ImageStack stack = new ImageStack(width, height);
		for (int t = 0; t < planes.size(); t++) {
			int[] a = planes.get(t);
			short[] s = new short[a.length];
			for (int i = 0; i < a.length; i++)
				s[i] = (short) a[i];
			stack.addSlice("t=" + (t + 1), new ShortProcessor(width, height, s, null));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, 1, planes.size());
		if (planes.size() > 1) imp.setOpenAsHyperStack(true);
		imp.setDisplayRange(0, Math.max(1, count));
		return imp;
	}

	/**
	 * @return one ROI per cell and frame of cells tracked over frames, named {@code cell-0007-t0003} (frame 1-based,
	 *         as ImageJ counts) and placed at that frame (T position), in frame then cell order
	 */
	public static List<Roi> toRois(LabelPlanes planes, int width, int height, int count) {
		List<Roi> rois = new ArrayList<>();
		for (int t = 0; t < planes.size(); t++)
			for (Roi roi : toRois(Labels.withIds(planes.get(t), width, height, count))) {
				roi.setName(roi.getName() + String.format(Locale.ROOT, "-t%04d", t + 1));
				roi.setPosition(0, 0, t + 1);
				rois.add(roi);
			}
		return rois;
	}

	/**
	 * Writes the cells as an ImageJ ROI set (opens in Fiji's ROI Manager), atomically. The entries carry a fixed date,
	 * so the same cells give the same bytes (results compare byte for byte across runs and machines).
	 */
	public static void writeRois(Labels labels, Path target) throws IOException {
		writeRois(toRois(labels), target);
	}

	/** Writes ROIs as an ImageJ ROI set (opens in Fiji's ROI Manager), atomically, one entry per ROI by its name. */
	public static void writeRois(List<Roi> rois, Path target) throws IOException {
		AtomicFiles.writeBytes(target, out -> {
			ZipOutputStream zip = new ZipOutputStream(out);
			for (Roi roi : rois) {
				ZipEntry e = new ZipEntry(roi.getName() + ".roi");
				// a fixed time: the same cells give the same bytes, so a rerun's rois.zip equals the first run's
				e.setTime(REPRODUCIBLE_TIME);
				zip.putNextEntry(e);
				zip.write(RoiEncoder.saveAsByteArray(roi));
				zip.closeEntry();
			}
			zip.finish();
		});
	}
}
