package io.github.magratio.command;

import io.github.magratio.core.Labels;
import io.github.magratio.core.SegmentationSettings;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;

import ij.ImagePlus;

import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Segment Cells: finds the cells of a raw 2-channel recording exactly as the pipeline does
 * (threshold of the time-averaged F340 + F380, where every cell is bright whatever its [Mg2+]), and outputs a 16-bit
 * label image {@code <title>-labels} (0 = background, cells 1..n).
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Segment Cells")
public class SegmentCellsCommand extends MagRatioCommand {

	/** Title of the raw recording: a 2-channel hyperstack (340 and 380 nm) of T frames. */
	@Parameter(label = "Recording", description = "Title of the raw 2-channel (340/380 nm) hyperstack")
	private String image;

	/** Which channel (1 or 2) is the 340 nm excitation. */
	@Parameter(label = "340 nm channel", description = "Which channel (1 or 2) is 340 nm excitation", min = "1",
		max = "2")
	private int channel = 1;

	/** ImageJ auto-threshold method. */
	@Parameter(label = "Threshold", description = "ImageJ auto-threshold method for the time-averaged image",
		choices = { "Default", "Huang", "Intermodes", "IsoData", "IJ_IsoData", "Li", "MaxEntropy", "Mean", "MinError", "Minimum",
			"Moments", "Otsu", "Percentile", "RenyiEntropy", "Shanbhag", "Triangle", "Yen" })
	private String threshold = SegmentationSettings.DEFAULT_THRESHOLD;

	/** Gaussian smoothing before thresholding, px (0 = none). */
	@Parameter(label = "Smoothing (px)", description = "Gaussian sigma before thresholding, pixels (0 = none)",
		min = "0")
	private double smooth = SegmentationSettings.DEFAULT_SMOOTH_PX;

	/** Degree of the polynomial surface removed before thresholding (uneven illumination). */
	@Parameter(label = "Flatten degree", description = "Polynomial degree 0-4 of the illumination surface removed " +
		"before thresholding", min = "0", max = "4")
	private int flatten = SegmentationSettings.DEFAULT_FLATTEN_DEGREE;

	/** Fill holes inside cells. */
	@Parameter(label = "Fill holes", description = "Fill holes inside cells")
	private boolean fillholes = true;

	/** Smallest cell, px. */
	@Parameter(label = "Min area (px)", description = "Smallest cell kept, pixels", min = "1")
	private long minarea = SegmentationSettings.DEFAULT_MIN_AREA_PX;

	/** Largest cell, px (0 = no limit). */
	@Parameter(label = "Max area (px)", description = "Largest cell kept, pixels (0 = no limit)", min = "0")
	private long maxarea = 0;

	/** Split touching cells with a distance-transform watershed. */
	@Parameter(label = "Split touching cells", description = "Split touching cells with a distance-transform " +
		"watershed")
	private boolean watershed = true;

	/** Watershed neck depth, px. */
	@Parameter(label = "Watershed tolerance (px)", description = "Neck depth that separates two cells, pixels",
		min = "0")
	private double tolerance = SegmentationSettings.DEFAULT_WATERSHED_TOLERANCE_PX;

	/** Cells touching the image border: keep or drop. */
	@Parameter(label = "Border cells", description = "Keep or drop cells touching the image border", choices = {
		"keep", "drop" })
	private String border = "keep";

	/** The label image, titled {@code <title>-labels}. */
	@Parameter(type = ItemIO.OUTPUT, label = "Labels", description = "16-bit label image, 0 = background")
	private ImagePlus labels;

	@Override
	protected void execute() throws IOException {
		ImagePlus imp = image("image", image);
		Recording rec = recording("image", imp, channel);
		MacroKeys keys = new MacroKeys().put("threshold", PipelineSettings.KEY_THRESHOLD, threshold).put("smooth",
			PipelineSettings.KEY_SMOOTH, smooth).put("flatten", PipelineSettings.KEY_FLATTEN, flatten).put("fillholes",
				PipelineSettings.KEY_FILL_HOLES, fillholes).put("minarea", PipelineSettings.KEY_MIN_AREA, minarea).put(
					"maxarea", PipelineSettings.KEY_MAX_AREA, maxarea <= 0 ? null : maxarea).put("watershed",
						PipelineSettings.KEY_WATERSHED, watershed).put("tolerance", PipelineSettings.KEY_WATERSHED_TOLERANCE,
							tolerance).put("border", PipelineSettings.KEY_BORDER, border);
		PipelineSettings s = keys.settings();
		Labels cells = RecordingAnalysis.segment(s, rec, progress());
		if (cells.count() == 0) throw keys.keyed("image", RecordingAnalysis.noCells("'" + imp.getTitle() + "'", s));
		ImagePlus out = LabelImages.toImagePlus(cells, Chain.base(imp.getTitle()) + "-labels");
		out.setCalibration(imp.getCalibration().copy());
		labels = output(out);
	}

	/**
	 * Wraps a 2-channel hyperstack as a recording (no copy).
	 *
	 * @throws IllegalArgumentException naming {@code key} for a single-channel or RGB image
	 */
	static Recording recording(String key, ImagePlus imp, int channel340) {
		if (imp.getNChannels() != 2) throw new IllegalArgumentException(key + ": '" + imp.getTitle() + "' has " + imp
			.getNChannels() + " channel(s); this step needs one 2-channel hyperstack (340 and 380 nm). Combine two " +
			"stacks with Image > Color > Merge Channels, or use Run Pipeline for interleaved/separate files");
		try {
			return Recording.of(imp, Layout.HYPERSTACK, channel340, null);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
		}
	}
}
