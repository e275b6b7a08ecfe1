package io.github.magratio.pipeline;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.nio.file.Path;

/** Writes one synthetic recording in each of the three channel layouts, for tests. */
final class TestRecordings {

	private TestRecordings() {}

	static Path hyperstack(ImagePlus imp, Path file) {
		save(imp, file);
		return file;
	}

	/** 340, 380, 340, 380, ... as one single-channel stack. */
	static Path interleaved(ImagePlus imp, Path file) {
		ImageStack s = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int t = 1; t <= imp.getNFrames(); t++)
			for (int c = 1; c <= 2; c++)
				s.addSlice(imp.getStack().getProcessor(imp.getStackIndex(c, 1, t)));
		ImagePlus out = new ImagePlus("interleaved", s);
		out.setCalibration(imp.getCalibration());
		save(out, file);
		return file;
	}

	/** Channel {@code c} (1-based) alone. */
	static Path channel(ImagePlus imp, int c, Path file) {
		ImageStack s = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int t = 1; t <= imp.getNFrames(); t++)
			s.addSlice(imp.getStack().getProcessor(imp.getStackIndex(c, 1, t)));
		ImagePlus out = new ImagePlus("channel" + c, s);
		out.setCalibration(imp.getCalibration());
		save(out, file);
		return file;
	}

	static void save(ImagePlus imp, Path file) {
		boolean ok = imp.getStackSize() > 1 ? new FileSaver(imp).saveAsTiffStack(file.toString()) : new FileSaver(imp)
			.saveAsTiff(file.toString());
		if (!ok) throw new IllegalStateException("could not write " + file);
	}
}
