package io.github.magratio.ij;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;

import io.github.magratio.tiff.FloatTiffWriter;
import io.github.magratio.tiff.ImageJMetadata;
import io.github.magratio.util.AtomicFiles;

import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a 32-bit time series to an ImageJ TIFF one plane at a time, so that a long recording's ratio or [Mg2+] never
 * sits in memory: each plane goes straight to its place in the TIFF ({@link FloatTiffWriter}, BigTIFF past 4 GiB), and
 * {@link #finish} adds the directory (frames, frame interval, value unit, display range, lookup table) and moves the
 * file into place atomically. Planes may arrive in any order. Not thread-safe.
 */
public final class FloatStackWriter implements AutoCloseable {

	private final Path target;
	private final int frames;
	private final Path tmp;
	private final FloatTiffWriter writer;
	private boolean done;

	/** @param target the TIFF to write (written under a temporary name beside it until {@link #finish}) */
	public FloatStackWriter(Path target, int width, int height, int frames) throws IOException {
		this.target = target;
		this.frames = frames;
		this.tmp = AtomicFiles.tempFile(target);
		FloatTiffWriter w;
		try {
			w = new FloatTiffWriter(tmp, width, height, frames);
		} catch (IOException e) {
			Files.deleteIfExists(tmp);
			throw AtomicFiles.failure(target, e);
		} catch (RuntimeException e) {
			Files.deleteIfExists(tmp);
			throw e;
		}
		this.writer = w;
	}

	/** Stores plane {@code frame} (0-based), row-major {@code width * height} values. */
	public void write(int frame, float[] plane) throws IOException {
		try {
			writer.writePlane(frame, plane);
		} catch (IOException e) {
			throw AtomicFiles.failure(target, e);
		}
	}

	/**
	 * Writes the TIFF: a T-frame hyperstack with the calibration's frame interval and value unit, the display range
	 * and a lookup table.
	 *
	 * @param title unused by the file format (ImageJ titles an image by its file name); kept for callers
	 * @param lut an ImageJ LUT name such as "Fire", or null for grays
	 */
	public void finish(String title, Calibration calibration, double displayMin, double displayMax, String lut)
		throws IOException
	{
		ImageJMetadata.Builder b = ImageJMetadata.builder().dimensions(1, 1, frames).displayRange(displayMin,
			displayMax);
		if (calibration != null) {
			b.frameInterval(calibration.frameInterval, calibration.getTimeUnit());
			String vu = calibration.getValueUnit();
			if (vu != null && !vu.isEmpty() && !vu.equals("Gray Value")) b.valueUnit(vu);
		}
		byte[] table = null;
		if (lut != null) {
			IndexColorModel cm = ij.plugin.LutLoader.getLut(lut);
			if (cm != null && cm.getMapSize() == 256) {
				table = new byte[768];
				byte[] c = new byte[256];
				cm.getReds(c);
				System.arraycopy(c, 0, table, 0, 256);
				cm.getGreens(c);
				System.arraycopy(c, 0, table, 256, 256);
				cm.getBlues(c);
				System.arraycopy(c, 0, table, 512, 256);
			}
		}
		try {
			writer.finish(b.build(), table);
			writer.close();
			AtomicFiles.commit(tmp, target);
			done = true;
		} catch (IOException e) {
			throw AtomicFiles.failure(target, e);
		}
	}

	/** Closes the file; an unfinished one is deleted. */
	@Override
	public void close() throws IOException {
		writer.close();
		if (!done) Files.deleteIfExists(tmp);
	}

	/** Writes one 2D image (e.g. the 16-bit label image) as a TIFF, atomically. */
	public static void writeImage(Path target, ImagePlus imp) throws IOException {
		byte[] tif = new FileSaver(imp).serialize();
		if (tif == null) throw new IOException("ImageJ could not encode " + target);
		AtomicFiles.writeBytes(target, out -> out.write(tif));
	}
}
