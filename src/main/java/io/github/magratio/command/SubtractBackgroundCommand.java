package io.github.magratio.command;

import io.github.magratio.core.BackgroundMethod;
import io.github.magratio.core.BackgroundSettings;
import io.github.magratio.core.FrameProcessor;
import io.github.magratio.core.Labels;
import io.github.magratio.core.RatioSettings;
import io.github.magratio.core.SettingsException;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Subtract Background (MagRatio): subtracts the background of both channels of every frame
 * with the pipeline's estimator (cells and a guard band around them are never background, hence the label image), and
 * outputs {@code <title>-bg}: a 32-bit 2-channel hyperstack (1 = 340, 2 = 380 nm) of background-corrected counts,
 * autofluorescence also subtracted inside cells, NaN where the raw value is saturated or NaN. The per-frame 380 nm
 * noise travels with it (property {@link Chain#PROP_SIGMA380}) for the ratio's minimum-signal test.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Subtract Background (MagRatio)")
public class SubtractBackgroundCommand extends MagRatioCommand {

	/** Title of the raw recording, a 2-channel hyperstack. */
	@Parameter(label = "Recording", description = "Title of the raw 2-channel (340/380 nm) hyperstack")
	private String image;

	/** Title of the label image (from Segment Cells), or {@value #ROI_MANAGER}: these cells are never background. */
	@Parameter(label = "Cells", description = "Title of the label image of the cells (e.g. from Segment Cells), " +
		"or ROI Manager for the cells in the ROI Manager, drawn or edited by hand")
	private String labels;

	/** Which channel (1 or 2) is the 340 nm excitation. */
	@Parameter(label = "340 nm channel", description = "Which channel (1 or 2) is 340 nm excitation", min = "1",
		max = "2")
	private int channel = 1;

	/** Background method. */
	@Parameter(label = "Method", description = "surface: polynomial fit to cell-free pixels; ring: annulus around " +
		"each cell; roi: mean of a cell-free region; constant: fixed counts; none: camera offset only", choices = {
			"surface", "ring", "roi", "constant", "none" })
	private String method = "surface";

	/** Polynomial degree of the background surface (method surface). */
	@Parameter(label = "Surface degree", description = "Polynomial degree 0-4 of the surface (method surface)",
		min = "0", max = "4")
	private int degree = BackgroundSettings.DEFAULT_SURFACE_DEGREE;

	/** Band around cells never used as background, px. */
	@Parameter(label = "Guard band (px)", description = "Band around cells never used as background, pixels",
		min = "0")
	private double guard = BackgroundSettings.DEFAULT_GUARD_PX;

	/** Width of each cell's background annulus, px (method ring). */
	@Parameter(label = "Ring width (px)", description = "Width of each cell's background annulus, pixels (method " +
		"ring)", min = "0")
	private double ring = BackgroundSettings.DEFAULT_RING_WIDTH_PX;

	/** Outlier rejection of the surface fit, robust SDs. */
	@Parameter(label = "Clip (SD)", description = "Outlier rejection of the surface fit, robust standard deviations",
		min = "0")
	private double clip = BackgroundSettings.DEFAULT_CLIP_SIGMA;

	/** Constant 340 nm background above the camera offset, counts (method constant). */
	@Parameter(label = "Background 340 (counts)", description = "340 nm background above the camera offset, counts " +
		"(method constant)")
	private double bg340 = 0;

	/** Constant 380 nm background above the camera offset, counts (method constant). */
	@Parameter(label = "Background 380 (counts)", description = "380 nm background above the camera offset, counts " +
		"(method constant)")
	private double bg380 = 0;

	/**
	 * Cell-free region (method roi): x,y,width,height in pixels or an ImageJ .roi file; empty = the rectangle drawn on
	 * the recording. Ignored by the other methods.
	 */
	@Parameter(label = "Background region (method roi)", description = "Method roi: x,y,width,height in pixels, or " +
		"an ImageJ .roi file; empty = the rectangle selected on the recording", persist = false)
	private String roi = "";

	/** Camera dark offset subtracted from both channels, counts. */
	@Parameter(label = "Camera offset (counts)", description = "Camera dark offset subtracted from both channels, " +
		"counts")
	private double offset = 0;

	/** Autofluorescence of unloaded cells at 340 nm, counts. */
	@Parameter(label = "Autofluorescence 340 (counts)", description = "Autofluorescence of unloaded cells at 340 nm, " +
		"counts, subtracted inside cells")
	private double af340 = 0;

	/** Autofluorescence of unloaded cells at 380 nm, counts. */
	@Parameter(label = "Autofluorescence 380 (counts)", description = "Autofluorescence of unloaded cells at 380 nm, " +
		"counts, subtracted inside cells")
	private double af380 = 0;

	/** Saturation level, counts; 0 = the pixel type's maximum (65535 for 16-bit). */
	@Parameter(label = "Saturation (counts, 0 = type maximum)", description = "Raw value at or above which a pixel is saturated, " +
		"counts (0 = the pixel type's maximum)", min = "0")
	private double saturation = 0;

	/** The background-corrected recording, {@code <title>-bg}. */
	@Parameter(type = ItemIO.OUTPUT, label = "Background-corrected", description = "32-bit 2-channel hyperstack of " +
		"background-corrected counts")
	private ImagePlus corrected;

	@Override
	protected void execute() throws Exception {
		ImagePlus imp = image("image", image);
		Recording rec = Chain.recording("image", imp, channel);
		Labels cells = cells("labels", labels, rec);
		boolean roiMethod = method != null && method.trim().equalsIgnoreCase(BackgroundMethod.ROI.key());
		String region = roi == null ? "" : roi.trim();
		// as ImageJ's own commands do, a rectangle drawn on the recording is the region when none is typed
		if (roiMethod && region.isEmpty() && Chain.selectedRectangle(imp) != null) region = Chain.selectedRectangle(
			imp);
		if (roiMethod && region.isEmpty()) throw new IllegalArgumentException("roi: method roi needs a cell-free " +
			"region: draw a rectangle on '" + imp.getTitle() + "', or give x,y,width,height in pixels or an ImageJ " +
			".roi file");
		MacroKeys keys = new MacroKeys()
			.put(PipelineSettings.KEY_BG_ROI, roiMethod ? region : null)
			.put(PipelineSettings.KEY_BACKGROUND, method)
			.put(PipelineSettings.KEY_SURFACE_DEGREE, degree)
			.put(PipelineSettings.KEY_GUARD, guard)
			.put(PipelineSettings.KEY_RING, ring)
			.put(PipelineSettings.KEY_CLIP_SIGMA, clip)
			.put(PipelineSettings.KEY_BG340, bg340)
			.put(PipelineSettings.KEY_BG380, bg380)
			.put(PipelineSettings.KEY_CAMERA_OFFSET, offset)
			.put(PipelineSettings.KEY_AUTOFLUOR340, af340)
			.put(PipelineSettings.KEY_AUTOFLUOR380, af380);
		PipelineSettings settings = keys.settings();
		BackgroundSettings bs = settings.background();
		boolean[] roiMask = null;
		if (bs.method() == BackgroundMethod.ROI) {
			try {
				roiMask = RecordingAnalysis.roiMask(settings.backgroundRoi(), rec.width(), rec.height());
			} catch (SettingsException e) {
				throw keys.named(e);
			}
		}
		// the pipeline's own per-frame kernel, without ratio, [Mg2+] or measurement
		FrameProcessor kernel = new FrameProcessor(cells, bs, ratioSettings(), null, roiMask);
		int w = rec.width(), h = rec.height(), frames = rec.frames();
		List<float[]> planes = new ArrayList<>(2 * frames);
		double[] sigma380 = new double[frames];
		for (int t = 0; t < frames; t++) {
			if (isCanceled()) throw new CancellationException("canceled at frame " + t);
			float[] c340 = new float[w * h], c380 = new float[w * h];
			sigma380[t] = correct(rec, t, kernel, c340, c380);
			planes.add(c340);
			planes.add(c380);
		}
		ImagePlus out = Chain.stack(Chain.base(imp.getTitle()) + "-bg", planes, w, h, 2);
		out.setCalibration(imp.getCalibration().copy());
		out.setProp(Chain.PROP_SIGMA380, Chain.format(sigma380));
		out.setProp(Chain.PROP_SATURATION, Double.toString(saturationLevel(rec)));
		out.setProp(Chain.PROP_CHANNEL340, Integer.toString(channel));
		corrected = output(out);
	}

	/** One frame through the pipeline's kernel; returns the 380 nm noise, NaN for a blank frame. */
	private static <T extends RealType<T>> double correct(Recording rec, int t, FrameProcessor kernel, float[] c340,
		float[] c380)
	{
		RandomAccessibleInterval<T> f340 = rec.frame340(t), f380 = rec.frame380(t);
		return kernel.process(t, f340, f380, c340, c380, null, null, null)[1];
	}

	private RatioSettings ratioSettings() {
		return new RatioSettings(saturation > 0 ? saturation : Double.NaN, RatioSettings.DEFAULT_MIN_SIGNAL_SIGMA);
	}

	private <T extends RealType<T>> double saturationLevel(Recording rec) {
		RandomAccessibleInterval<T> f = rec.frame340(0);
		return FrameProcessor.saturationLevel(ratioSettings(), f);
	}
}
