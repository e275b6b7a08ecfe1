package io.github.magratio.command;

import io.github.magratio.core.Labels;
import io.github.magratio.core.Segmentation;
import io.github.magratio.core.SegmentationSettings;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.QcImage;
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
 * Plugins &gt; MagRatio &gt; Segment Cells: finds the cells of a raw 2-channel recording exactly as the pipeline does (on
 * the time-averaged F340 + F380, where every cell is bright whatever its [Mg2+]; by default the seeded detector, which
 * finds dim and bright cells alike), and outputs a 16-bit label image {@code <title>-labels} (0 = background, cells
 * 1..n) and the QC picture {@code <title>-qc}: the cells' outlines and ids over the image, rejected objects in magenta
 * with the letter of the setting that rejected them (as qc.png of a run).
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

	/** Detector: seeded (each cell cut at a fraction of its own peak) or threshold (one global auto-threshold). */
	@Parameter(label = "Detector", description = "seeded: each cell cut at a fraction of its own peak above the " +
		"local background, dim and bright cells alike; threshold: one global auto-threshold and a distance-transform " +
		"watershed (MagRatio 0.1)", choices = { SegmentationSettings.DETECTOR_SEEDED,
			SegmentationSettings.DETECTOR_THRESHOLD })
	private String detector = SegmentationSettings.DEFAULT_DETECTOR;

	/** Typical cell diameter, px; 0 = estimated from the image. */
	@Parameter(label = "Cell diameter (px, 0 = estimate)", description = "Typical cell diameter in pixels (seeded " +
		"detector); 0 estimates it from the image", min = "0")
	private double diameter = 0;

	/** Smallest contrast of a cell to its surround, in pixel-noise SDs. */
	@Parameter(label = "Min SNR", description = "Smallest contrast of a cell to its surround, in pixel-noise SDs " +
		"(seeded)", min = "0")
	private double minsnr = SegmentationSettings.DEFAULT_MIN_SNR;

	/** Smallest contrast of a cell to its surround, in SDs of the background's texture beyond noise. */
	@Parameter(label = "Min contrast to texture", description = "Smallest contrast of a cell to its surround, in SDs " +
		"of the background's texture beyond noise (seeded)", min = "0")
	private double texture = SegmentationSettings.DEFAULT_MIN_TEXTURE_CONTRAST;

	/** Smallest step across a cell's outline relative to its height. */
	@Parameter(label = "Min edge sharpness", description = "Smallest step across a cell's outline relative to its " +
		"height: out-of-focus cells and haze fall below (seeded), 0..1", min = "0", max = "1")
	private double sharpness = SegmentationSettings.DEFAULT_MIN_SHARPNESS;

	/** Each cell is cut at this fraction of its own peak above the local background, or at its profile's knee if higher. */
	@Parameter(label = "Grow fraction", description = "Each cell is cut at this fraction of its own peak above the " +
		"local background, or higher at the knee of its own profile (seeded), 0..1", min = "0", max = "1")
	private double grow = SegmentationSettings.DEFAULT_GROW_FRACTION;

	/** Relative intensity dip that keeps two touching cells apart. */
	@Parameter(label = "Split depth", description = "Relative intensity dip that keeps two touching cells apart " +
		"(seeded), 0..1", min = "0", max = "1")
	private double split = SegmentationSettings.DEFAULT_SPLIT_DEPTH;

	/** Relative neck depth that splits an outline in two cells, 0 = never. */
	@Parameter(label = "Shape split (0 = never)", description = "Relative depth of a neck in an outline that splits it in two " +
		"cells (seeded), 0 = never", min = "0", max = "1")
	private double shape = SegmentationSettings.DEFAULT_SHAPE_SPLIT;

	/** Background the seeded detector measures cells against. */
	@Parameter(label = "Detection background", description = "local: follows texture and uneven tissue; surface: a " +
		"polynomial, for flat dishes (seeded)", choices = { SegmentationSettings.BACKGROUND_LOCAL,
			SegmentationSettings.BACKGROUND_SURFACE })
	private String detectbg = SegmentationSettings.BACKGROUND_LOCAL;

	/** What the seeded detector looks at: a flat dish or a tissue section. */
	@Parameter(label = "Specimen", description = "dish: cells on a flat dish or slide, outlines at the foot of their " +
		"edges; tissue: a section, nuclei in a glow of out-of-focus light, outlines at their steepest edges (seeded)",
		choices = { SegmentationSettings.SPECIMEN_DISH, SegmentationSettings.SPECIMEN_TISSUE })
	private String specimen = SegmentationSettings.SPECIMEN_DISH;

	/** Scale of the local detection background, in cell diameters. */
	@Parameter(label = "Background scale (diameters)", description = "Scale of the seeded detector's local " +
		"background, in cell diameters", min = "0.5")
	private double bgscale = SegmentationSettings.DEFAULT_BACKGROUND_SCALE;

	/** ImageJ auto-threshold method. */
	@Parameter(label = "Threshold", description = "ImageJ auto-threshold method of the threshold detector",
		choices = { "Default", "Huang", "Intermodes", "IsoData", "IJ_IsoData", "Li", "MaxEntropy", "Mean", "MinError", "Minimum",
			"Moments", "Otsu", "Percentile", "RenyiEntropy", "Shanbhag", "Triangle", "Yen" })
	private String threshold = SegmentationSettings.DEFAULT_THRESHOLD;

	/** Gaussian smoothing before thresholding, px (0 = none). */
	@Parameter(label = "Smoothing (px, 0 = none)", description = "Gaussian sigma before thresholding, pixels (0 = none)",
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
	@Parameter(label = "Max area (px, 0 = no limit)", description = "Largest cell kept, pixels (0 = no limit)", min = "0")
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

	/** The QC picture, titled {@code <title>-qc}. */
	@Parameter(type = ItemIO.OUTPUT, label = "QC", description = "The cells' outlines and ids over the image, " +
		"rejected objects in magenta")
	private ImagePlus qc;

	@Override
	protected void execute() throws IOException {
		ImagePlus imp = image("image", image);
		Recording rec = Chain.recording("image", imp, channel);
		MacroKeys keys = new MacroKeys()
			.put(PipelineSettings.KEY_DETECTOR, detector)
			.put(PipelineSettings.KEY_CELL_DIAMETER, diameter > 0 ? diameter : null)
			.put(PipelineSettings.KEY_MIN_SNR, minsnr)
			.put(PipelineSettings.KEY_MIN_TEXTURE_CONTRAST, texture)
			.put(PipelineSettings.KEY_MIN_SHARPNESS, sharpness)
			.put(PipelineSettings.KEY_GROW_FRACTION, grow)
			.put(PipelineSettings.KEY_SPLIT_DEPTH, split)
			.put(PipelineSettings.KEY_SHAPE_SPLIT, shape)
			.put(PipelineSettings.KEY_DETECT_BACKGROUND, detectbg)
			.put(PipelineSettings.KEY_SPECIMEN, specimen)
			.put(PipelineSettings.KEY_BACKGROUND_SCALE, bgscale)
			.put(PipelineSettings.KEY_THRESHOLD, threshold)
			.put(PipelineSettings.KEY_SMOOTH, smooth)
			.put(PipelineSettings.KEY_FLATTEN, flatten)
			.put(PipelineSettings.KEY_FILL_HOLES, fillholes)
			.put(PipelineSettings.KEY_MIN_AREA, minarea)
			.put(PipelineSettings.KEY_MAX_AREA, maxarea <= 0 ? null : maxarea)
			.put(PipelineSettings.KEY_WATERSHED, watershed)
			.put(PipelineSettings.KEY_WATERSHED_TOLERANCE, tolerance)
			.put(PipelineSettings.KEY_BORDER, border);
		PipelineSettings s = keys.settings();
		float[] avg = RecordingAnalysis.segmentationImage(s, rec, progress());
		Segmentation found = RecordingAnalysis.segment(s, avg, rec.width(), rec.height());
		Labels cells = found.cells;
		if (cells.count() == 0) throw new IllegalArgumentException("image: " + RecordingAnalysis.noCells("'" + imp
			.getTitle() + "'", s, found, keys::nameOrKey).getMessage());
		String base = Chain.base(imp.getTitle());
		ImagePlus out = LabelImages.toImagePlus(cells, base + "-labels");
		out.setCalibration(imp.getCalibration().copy());
		labels = output(out);
		ImagePlus picture = QcImage.render(avg, cells, found, base + ": cells on the time average of F340 + F380");
		picture.setTitle(base + "-qc");
		qc = output(picture);
	}
}
