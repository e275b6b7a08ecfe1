package io.github.magratio.command;

import io.github.magratio.core.FrameProcessor;
import io.github.magratio.core.RatioSettings;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.List;


import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Ratio Image: the pixel-wise ratio F340/F380 of a background-corrected recording (from
 * Subtract Background), NaN where the 380 nm signal is below {@code minsignal} times that frame's background noise, or
 * where a channel is saturated/NaN. Outputs {@code <title>-ratio}, a 32-bit T-frame stack whose planes are the arrays
 * the ratio was computed into (the next step wraps them without a copy).
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Ratio Image")
public class RatioImageCommand extends MagRatioCommand {

	/** Title of the background-corrected 2-channel recording ({@code <title>-bg}). */
	@Parameter(label = "Background-corrected", description = "Title of the background-corrected 2-channel image " +
		"(from Subtract Background)")
	private String image;

	/** Minimum background-corrected 380 nm signal for a valid ratio, in SDs of the frame's background noise. */
	@Parameter(label = "Min signal (SD)", description = "Minimum 380 nm signal for a valid ratio, in standard " +
		"deviations of the frame's background noise", min = "0")
	private double minsignal = RatioSettings.DEFAULT_MIN_SIGNAL_SIGMA;

	/** The ratio image, {@code <title>-ratio}. */
	@Parameter(type = ItemIO.OUTPUT, label = "Ratio", description = "32-bit F340/F380 ratio per pixel and frame, NaN " +
		"where invalid")
	private ImagePlus ratio;

	@Override
	protected void execute() {
		ImagePlus bg = image("image", image);
		if (bg.getNChannels() != 2 || bg.getBitDepth() != 32) throw new IllegalArgumentException("image: '" + bg
			.getTitle() + "' is " + bg.getBitDepth() + "-bit with " + bg.getNChannels() + " channel(s); Ratio Image " +
			"needs the 32-bit 2-channel output of Subtract Background (MagRatio)");
		int w = bg.getWidth(), h = bg.getHeight(), frames = bg.getStackSize() / 2;
		double[] sigma = Chain.values(bg, Chain.PROP_SIGMA380, frames);
		if (sigma == null) {
			warn("'" + bg.getTitle() + "' carries no background noise (property " + Chain.PROP_SIGMA380 +
				"); only non-positive 380 nm signals are rejected");
			sigma = new double[frames];
		}
		double[] minSignal = new double[frames];
		List<float[]> planes = new ArrayList<>(frames);
		for (int t = 0; t < frames; t++) {
			minSignal[t] = FrameProcessor.minSignal(sigma[t], minsignal);
			float[] out = new float[w * h];
			FrameProcessor.ratio(Chain.pixels(bg, 2 * t + 1), Chain.pixels(bg, 2 * t + 2), minSignal[t], out);
			planes.add(out);
		}
		ImagePlus out = Chain.stack(Chain.base(bg.getTitle()) + "-ratio", planes, w, h, 1);
		out.setCalibration(bg.getCalibration().copy());
		out.getCalibration().setValueUnit("ratio");
		out.setProp(Chain.PROP_MIN_SIGNAL, Chain.format(minSignal));
		ratio = output(out);
	}
}
