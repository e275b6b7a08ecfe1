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
import io.github.magratio.util.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Label images and ImageJ ROI sets: 16-bit label TIFFs in and out, and {@code .zip} ROI sets as Fiji's ROI Manager
 * reads and writes them, built with {@link RoiEncoder}/{@link RoiDecoder} so no (headless-hostile) RoiManager window
 * is ever created.
 */
public final class LabelImages {

	private LabelImages() {}

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

	/** @return labels read from an open image's first plane (8, 16 or 32-bit integer values) */
	public static Labels fromImagePlus(ImagePlus imp, int width, int height, String what) {
		if (imp.getWidth() != width || imp.getHeight() != height) throw new IllegalArgumentException(what + " is " + imp
			.getWidth() + "x" + imp.getHeight() + " but the recording is " + width + "x" + height);
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException(what +
			" is an RGB image; a label image holds one integer cell id per pixel (0 = background)");
		ImageProcessor ip = imp.getStack().getProcessor(1);
		int[] lab = new int[width * height];
		for (int i = 0; i < lab.length; i++) {
			float v = ip.getf(i);
			if (v < 0 || v != Math.rint(v)) throw new IllegalArgumentException(what + " has the value " + v +
				" at pixel (" + i % width + "," + i / width + "); a label image holds non-negative integer cell ids");
			lab[i] = (int) v;
		}
		return Labels.of(lab, width, height);
	}

	/** Reads a label image file; its size must match the recording. */
	public static Labels read(Path file, int width, int height) {
		ImagePlus imp = Recording.openImage(file);
		return fromImagePlus(imp, width, height, "label image " + file);
	}

	/**
	 * Reads an ImageJ ROI set ({@code .zip} of {@code .roi} entries, or a single {@code .roi}) into labels: the n-th ROI
	 * becomes cell n; where ROIs overlap the earlier one keeps the pixel.
	 */
	public static Labels readRois(Path file, int width, int height) throws IOException {
		if (!Files.exists(file)) throw new IllegalArgumentException("ROI file " + file + " does not exist");
		List<Roi> rois = new ArrayList<>();
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".roi")) {
			Roi r = RoiDecoder.open(file.toString());
			if (r != null) rois.add(r);
		}
		else try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(file))) {
			ZipEntry e;
			while ((e = zin.getNextEntry()) != null) {
				if (!e.getName().toLowerCase(Locale.ROOT).endsWith(".roi")) continue;
				Roi r = RoiDecoder.openFromByteArray(readAll(zin));
				if (r != null) rois.add(r);
			}
		}
		if (rois.isEmpty()) throw new IllegalArgumentException("ROI file " + file +
			" holds no ImageJ ROI (expected a ROI Manager .zip or a .roi file)");
		return fromRois(rois, width, height, "ROI file " + file);
	}

	/** Paints area ROIs into labels 1..n in list order (earlier ROIs keep overlapping pixels). */
	public static Labels fromRois(List<Roi> rois, int width, int height, String what) {
		int[] lab = new int[width * height];
		int id = 0;
		for (Roi roi : rois) {
			id++;
			if (!roi.isArea()) throw new IllegalArgumentException(what + ": ROI " + id + " ('" + roi.getName() +
				"') is a " + roi.getTypeAsString() + ", not an area");
			java.awt.Rectangle b = roi.getBounds();
			ImageProcessor mask = roi.getMask();
			for (int y = 0; y < b.height; y++)
				for (int x = 0; x < b.width; x++) {
					int ix = b.x + x, iy = b.y + y;
					if (ix < 0 || iy < 0 || ix >= width || iy >= height) continue;
					if (mask != null && mask.get(x, y) == 0) continue;
					int p = iy * width + ix;
					if (lab[p] == 0) lab[p] = id;
				}
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
				ZipEntry entry = new ZipEntry(roi.getName() + ".roi");
				entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
				zip.putNextEntry(entry);
				zip.write(RoiEncoder.saveAsByteArray(roi));
				zip.closeEntry();
			}
			zip.finish();
		});
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		byte[] buf = new byte[8192];
		int n;
		while ((n = in.read(buf)) > 0)
			bos.write(buf, 0, n);
		return bos.toByteArray();
	}
}
