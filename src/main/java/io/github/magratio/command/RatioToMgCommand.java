package io.github.magratio.command;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.FrameProcessor;
import io.github.magratio.pipeline.CalibrationFile;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Ratio to [Mg2+]: converts a ratio image to free [Mg2+] in mM with the Grynkiewicz
 * equation {@code Kd * beta * (R - Rmin) / (Rmax - R)} and the constants of a calibration file; NaN where the ratio
 * is NaN or at/above Rmax. Outputs {@code <title>-mg}, a 32-bit T-frame stack in mM.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Ratio to [Mg2+]")
public class RatioToMgCommand extends MagRatioCommand {

	/** Title of the ratio image ({@code <title>-ratio}). */
	@Parameter(label = "Ratio image", description = "Title of the 32-bit ratio image (from Ratio Image)")
	private String ratio;

	/** The calibration file (JSON with kd_mM, rmin, rmax, beta). */
	@Parameter(label = "Calibration file", description = "MagRatio calibration JSON: kd_mM (mM), rmin, rmax, beta",
		style = "open, extensions:json")
	private File calibration;

	/** The [Mg2+] image, {@code <title>-mg}, in mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "[Mg2+]", description = "32-bit free [Mg2+] per pixel and frame, mM")
	private ImagePlus mg;

	@Override
	protected void execute() throws IOException {
		ImagePlus r = image("ratio", ratio);
		Chain.checkSingleChannelFloat("ratio", r, "a ratio image");
		Calibration cal = read(calibration).calibration();
		int w = r.getWidth(), h = r.getHeight(), n = r.getStackSize();
		List<float[]> planes = new ArrayList<>(n);
		for (int i = 1; i <= n; i++) {
			float[] out = new float[w * h];
			FrameProcessor.concentration(Chain.pixels(r, i), cal, out);
			planes.add(out);
		}
		ImagePlus out = Chain.stack(Chain.base(r.getTitle()) + "-mg", planes, w, h, 1);
		out.setCalibration(r.getCalibration().copy());
		out.getCalibration().setValueUnit("mM");
		out.setProp(Chain.PROP_CALIBRATION, calibration.getPath());
		mg = output(out);
	}

	/**
	 * Reads a calibration file.
	 *
	 * @throws IllegalArgumentException naming the parameter {@code calibration} and what is wrong
	 */
	static CalibrationFile read(File file) throws IOException {
		if (file == null) throw new IllegalArgumentException("calibration: no calibration file given");
		try {
			return CalibrationFile.read(file.toPath());
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("calibration: " + e.getMessage(), e);
		}
	}
}
