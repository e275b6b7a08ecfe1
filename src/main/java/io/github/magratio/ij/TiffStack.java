package io.github.magratio.ij;

import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.github.magratio.tiff.PixelType;
import io.github.magratio.tiff.TiffFormatException;
import io.github.magratio.tiff.TiffReader;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An ImageJ virtual stack over MagRatio's {@link TiffReader}: each plane is decoded from the file when ImageJ asks for
 * it. 8 and 16-bit unsigned planes become byte and short processors; signed 16-bit planes are stored the way ImageJ
 * stores them (value + 32768, with ImageJ's signed 16-bit calibration set on the image by {@link Recording}); 32-bit
 * integer and float planes become float processors. Reads are serialised (ImageJ's display threads may ask too). A
 * plane that cannot be decoded throws {@link IllegalArgumentException} (a broken file: the user's to fix) or
 * {@link UncheckedIOException} (the file system failed), naming the file and the plane.
 */
final class TiffStack extends VirtualStack {

	private final TiffReader template;
	private TiffReader reader;

	TiffStack(TiffReader reader) {
		super(reader.width(), reader.height(), null, null);
		this.template = reader;
		this.reader = reader;
		setBitDepth(bitDepth(reader.pixelType()));
	}

	static int bitDepth(PixelType t) {
		switch (t) {
			case UINT8:
				return 8;
			case UINT16:
			case INT16:
				return 16;
			default:
				return 32;
		}
	}

	/** @return true when the samples are signed 16-bit (ImageJ keeps them as value + 32768) */
	boolean signed16() {
		return template.pixelType() == PixelType.INT16;
	}

	@Override
	public synchronized ImageProcessor getProcessor(int n) {
		int w = template.width(), h = template.height();
		try {
			if (reader == null) reader = template.duplicate();
			switch (template.pixelType()) {
				case UINT8: {
					byte[] b = new byte[w * h];
					reader.readPlane(n - 1, b);
					return new ByteProcessor(w, h, b, null);
				}
				case UINT16: {
					short[] s = new short[w * h];
					reader.readPlane(n - 1, s);
					return new ShortProcessor(w, h, s, null);
				}
				case INT16: {
					short[] s = new short[w * h];
					reader.readPlane(n - 1, s);
					for (int i = 0; i < s.length; i++)
						s[i] ^= (short) 0x8000; // two's complement to ImageJ's value + 32768
					return new ShortProcessor(w, h, s, null);
				}
				case FLOAT32: {
					float[] f = new float[w * h];
					reader.readPlane(n - 1, f);
					return new FloatProcessor(w, h, f, null);
				}
				default: {
					float[] f = new float[w * h];
					reader.readPlaneAsFloat(n - 1, f);
					return new FloatProcessor(w, h, f, null);
				}
			}
		} catch (TiffFormatException e) {
			throw new IllegalArgumentException("cannot read " + e.getMessage(), e);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read " + template.name() + ", plane " + n + ": " + e.getMessage(), e);
		}
	}

	@Override
	public Object getPixels(int n) {
		return getProcessor(n).getPixels();
	}

	@Override
	public int getSize() {
		return template.planes();
	}

	@Override
	public String getSliceLabel(int n) {
		return null;
	}

	/** Closes the file; a later read opens it again. */
	synchronized void close() throws IOException {
		if (reader != null) reader.close();
		reader = null;
	}
}
