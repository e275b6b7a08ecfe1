package io.github.magratio.ij;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

import io.github.magratio.util.AtomicFiles;

import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a 32-bit time series to an ImageJ TIFF one plane at a time, so that a long recording's ratio or [Mg2+] never
 * sits in memory: planes go to a raw scratch file as they are computed, and {@link #finish} streams them into the
 * TIFF through ImageJ's own encoder (a virtual stack over the scratch file), written atomically. Planes may arrive in
 * any order. Not thread-safe.
 */
public final class FloatStackWriter implements AutoCloseable {

	private final Path target;
	private final int width;
	private final int height;
	private final int frames;
	private final Path scratch;
	private final FileChannel channel;
	private final ByteBuffer buffer;

	/**
	 * @param target the TIFF to write
	 * @param scratchDir folder for the raw scratch file (the output folder's temporary folder)
	 */
	public FloatStackWriter(Path target, int width, int height, int frames, Path scratchDir) throws IOException {
		this.target = target;
		this.width = width;
		this.height = height;
		this.frames = frames;
		this.scratch = Files.createTempFile(scratchDir, "." + target.getFileName() + ".", ".raw");
		this.channel = FileChannel.open(scratch, java.nio.file.StandardOpenOption.READ,
			java.nio.file.StandardOpenOption.WRITE);
		this.buffer = ByteBuffer.allocate(width * height * 4).order(ByteOrder.nativeOrder());
	}

	/** Stores plane {@code frame} (0-based), row-major {@code width * height} values. */
	public void write(int frame, float[] plane) throws IOException {
		if (plane.length != width * height) throw new IllegalArgumentException("plane has " + plane.length +
			" values, expected " + width + "x" + height);
		buffer.clear();
		buffer.asFloatBuffer().put(plane);
		buffer.limit(plane.length * 4);
		long pos = (long) frame * width * height * 4;
		while (buffer.hasRemaining())
			pos += channel.write(buffer, pos);
	}

	/**
	 * Writes the TIFF: a T-frame hyperstack with the given title, calibration (frame interval, value unit), display
	 * range and lookup table.
	 *
	 * @param lut an ImageJ LUT name such as "Fire", or null for grays
	 */
	public void finish(String title, Calibration calibration, double displayMin, double displayMax, String lut)
		throws IOException
	{
		channel.force(false);
		ScratchStack stack = new ScratchStack();
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, 1, frames);
		if (calibration != null) imp.setCalibration(calibration);
		if (lut != null) {
			IndexColorModel cm = ij.plugin.LutLoader.getLut(lut);
			if (cm != null) imp.setLut(new LUT(cm, displayMin, displayMax));
		}
		imp.setDisplayRange(displayMin, displayMax);
		AtomicFiles.writePath(target, tmp -> {
			FileSaver saver = new FileSaver(imp);
			boolean ok = frames > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp.toString());
			if (!ok) throw new IOException("ImageJ could not write " + target);
		});
	}

	@Override
	public void close() throws IOException {
		channel.close();
		Files.deleteIfExists(scratch);
	}

	/** The scratch file seen as an ImageJ virtual stack of float planes. */
	private final class ScratchStack extends VirtualStack {
		ScratchStack() {
			super(width, height, null, null);
			setBitDepth(32);
		}

		@Override
		public ImageProcessor getProcessor(int n) {
			float[] plane = new float[width * height];
			ByteBuffer b = ByteBuffer.allocate(plane.length * 4).order(ByteOrder.nativeOrder());
			long pos = (long) (n - 1) * plane.length * 4;
			try {
				while (b.hasRemaining()) {
					int r = channel.read(b, pos + b.position());
					if (r < 0) break;
				}
			} catch (IOException e) {
				throw new IllegalStateException("cannot read scratch plane " + n + " of " + target + ": " + e
					.getMessage(), e);
			}
			b.flip();
			b.asFloatBuffer().get(plane, 0, Math.min(plane.length, b.remaining() / 4));
			return new FloatProcessor(width, height, plane);
		}

		@Override
		public int getSize() {
			return frames;
		}

		@Override
		public String getSliceLabel(int n) {
			return null;
		}
	}

	/** Writes one 2D image (e.g. the 16-bit label image) as a TIFF, atomically. */
	public static void writeImage(Path target, ImagePlus imp) throws IOException {
		AtomicFiles.writePath(target, tmp -> {
			if (!new FileSaver(imp).saveAsTiff(tmp.toString())) throw new IOException("ImageJ could not write " +
				target);
		});
	}

}
