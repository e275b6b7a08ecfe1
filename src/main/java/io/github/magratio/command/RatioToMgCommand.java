package io.github.magratio.command;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.FrameProcessor;

import ij.ImagePlus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Ratio to [Mg2+]: converts a ratio image to free [Mg2+] in mM with the Grynkiewicz
 * equation {@code Kd * beta * (R - Rmin) / (Rmax - R)} and the constants of a calibration file or typed ones (a
 * typed one overrides the file's, as the CLI's flags do); NaN where the ratio
 * is NaN or at/above Rmax. Outputs {@code <title>-mg}, a 32-bit T-frame stack in mM.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Ratio to [Mg2+]")
public class RatioToMgCommand extends MagRatioCommand {

	/** Title of the ratio image ({@code <title>-ratio}). */
	@Parameter(label = "Ratio image", description = "Title of the 32-bit ratio image (from Ratio Image)")
	private String ratio;

	/** The calibration file (JSON with kd_mM, rmin, rmax, beta); empty = the constants typed below. */
	@Parameter(label = TypedCalibration.FILE_LABEL, description = TypedCalibration.FILE_DESCRIPTION, style =
		TypedCalibration.FILE_STYLE)
	private String calibration = "";

	/** Kd of Mag-Fura-2 for Mg2+, mM; NaN = the calibration file's (1.9 mM without a file). */
	@Parameter(label = TypedCalibration.KD_LABEL, description = TypedCalibration.KD_DESCRIPTION)
	private double kd = Double.NaN;

	/** Rmin (ratio of Mg-free dye); NaN = the calibration file's. */
	@Parameter(label = TypedCalibration.RMIN_LABEL, description = TypedCalibration.RMIN_DESCRIPTION)
	private double rmin = Double.NaN;

	/** Rmax (ratio of Mg-saturated dye); NaN = the calibration file's. */
	@Parameter(label = TypedCalibration.RMAX_LABEL, description = TypedCalibration.RMAX_DESCRIPTION)
	private double rmax = Double.NaN;

	/** beta = F380(Mg-free) / F380(Mg-saturated); NaN = the calibration file's. */
	@Parameter(label = TypedCalibration.BETA_LABEL, description = TypedCalibration.BETA_DESCRIPTION)
	private double beta = Double.NaN;

	/** The [Mg2+] image, {@code <title>-mg}, in mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "[Mg2+]", description = "32-bit free [Mg2+] per pixel and frame, mM")
	private ImagePlus mg;

	@Override
	protected void execute() throws IOException {
		ImagePlus r = image("ratio", ratio);
		Chain.checkSingleChannelFloat("ratio", r, "a ratio image");
		Calibration cal = pipelineSettings(calibration, kd, rmin, rmax, beta, "", new com.google.gson.JsonObject())
			.calibration();
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
		if (!calibration.trim().isEmpty()) out.setProp(Chain.PROP_CALIBRATION, calibration.trim());
		out.setProp(Chain.PROP_CONSTANTS, Chain.format(Chain.constants(cal)));
		mg = output(out);
	}
}
