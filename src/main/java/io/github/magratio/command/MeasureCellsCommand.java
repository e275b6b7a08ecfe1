package io.github.magratio.command;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.CellMeasurer;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.Labels;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.CellColumn;
import io.github.magratio.pipeline.CellTables;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;
import io.github.magratio.util.AtomicFiles;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.nio.file.Paths;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Measure Cells: one row per cell per frame with the pipeline's own measurer, so the table
 * equals {@code cells.csv} of {@code magratio run}: mean raw intensities, everything subtracted from them, the ratio of
 * the mean background-corrected intensities and its standard error, [Mg2+] with its 95 % interval, and flags. Outputs
 * a {@link ResultsTable} and, if {@code save} is given, writes it as CSV.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Measure Cells")
public class MeasureCellsCommand extends MagRatioCommand {

	/** Title of the raw recording (2-channel hyperstack), for the raw means and saturated pixels. */
	@Parameter(label = "Recording", description = "Title of the raw 2-channel (340/380 nm) hyperstack")
	private String recording;

	/** Title of the background-corrected 2-channel recording ({@code <title>-bg}). */
	@Parameter(label = "Background-corrected", description = "Title of the background-corrected 2-channel image " +
		"(from Subtract Background)")
	private String image;

	/** Title of the label image, or {@value #ROI_MANAGER}. */
	@Parameter(label = "Cells", description = "Title of the label image of the cells (from Segment Cells), or " +
		"ROI Manager for the cells in the ROI Manager, drawn or edited by hand")
	private String labels;

	/** Title of the ratio image. */
	@Parameter(label = "Ratio image", description = "Title of the ratio image (from Ratio Image)")
	private String ratio;

	/** Title of the [Mg2+] image: its calibration file converts each cell's ratio. */
	@Parameter(label = "[Mg2+] image", description = "Title of the [Mg2+] image (from Ratio to [Mg2+]); its " +
		"calibration converts each cell's mean ratio")
	private String mg;

	/** Frame interval, s; 0 = from the image's calibration (1 s with a warning if it has none). */
	@Parameter(label = "Frame interval (s, 0 = from the image)", description = "Time between frames, seconds (0 = from the image)",
		min = "0")
	private double interval = 0;

	/** Fastest plausible rise of free [Mg2+], mM/s: faster rises are flagged ca_suspect (as ca_max_rise_mM_per_s). */
	@Parameter(label = "Ca2+ suspect above (mM/s)", min = "0", description = "apparent [Mg2+] rising faster than " +
		"this (mM/s) and by more than 3 noise SEs is flagged ca_suspect, a likely Ca2+ transient (default 0.1)")
	private double camaxrise = PipelineSettings.DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND;

	/** Outer pixels of each cell left out of its means, px (as measure_inset_px). */
	@Parameter(label = "Leave out outer pixels (px, 0 = none)", min = "0", max = "10", description = "Outer pixels of each " +
		"cell left out of its means, where blur mixes in neighbours and background (0 = every pixel)")
	private int inset = io.github.magratio.core.RatioSettings.DEFAULT_MEASURE_INSET_PX;

	/** CSV file to write the table to; empty = do not save. */
	@Parameter(label = "Save table as", description = "CSV file to write (empty = do not save)", persist = false)
	private String save = "";

	/** Replace the CSV file if it exists (default: refuse, so a macro never overwrites a result silently). */
	@Parameter(label = "Overwrite", description = "Replace the CSV file if it exists (default: refuse)")
	private boolean overwrite = false;

	/** The per-cell, per-frame table. */
	@Parameter(type = ItemIO.OUTPUT, label = "Cells", description = "One row per cell per frame, as cells.csv")
	private ResultsTable table;

	@Override
	protected void execute() throws IOException {
		if (save != null && !save.trim().isEmpty()) AtomicFiles.refuseExisting("save", Paths
			.get(save.trim()), overwrite, HOW_TO_OVERWRITE);
		ImagePlus bg = image("image", image);
		if (bg.getBitDepth() != 32 || bg.getNChannels() != 2) throw new IllegalArgumentException("image: '" + bg
			.getTitle() + "' is not a 32-bit 2-channel image: give the output of Subtract Background (MagRatio)");
		String channel = bg.getProp(Chain.PROP_CHANNEL340), saturation = bg.getProp(Chain.PROP_SATURATION);
		if (channel == null || saturation == null) throw new IllegalArgumentException("image: '" + bg.getTitle() +
			"' does not carry its channel order and saturation level (make it with Subtract Background (MagRatio))");
		ImagePlus raw = image("recording", recording);
		Recording rec = Chain.recording("recording", raw, Integer.parseInt(channel));
		Chain.checkSameSize("image", bg, raw, "recording");
		Labels cells = cells("labels", labels, rec);
		ImagePlus r = image("ratio", ratio);
		Chain.checkSingleChannelFloat("ratio", r, "a ratio image");
		Chain.checkSameSize("ratio", r, raw, "recording");
		int frames = rec.frames();
		if (r.getStackSize() != frames || bg.getNFrames() != frames) throw new IllegalArgumentException("ratio: '" + r
			.getTitle() + "' has " + r.getStackSize() + " frames, image '" + bg.getTitle() + "' " + bg.getNFrames() +
			", recording '" + raw.getTitle() + "' " + frames);
		ImagePlus m = image("mg", mg);
		Calibration cal = Chain.calibrationOf("mg", m);
		double[] minSignal = Chain.values(r, Chain.PROP_MIN_SIGNAL, frames);
		if (minSignal == null) throw new IllegalArgumentException("ratio: '" + r.getTitle() +
			"' carries no minimum signal (make it with Ratio Image)");
		// the pipeline's checks of inset and camaxrise, each problem named by its macro key
		PipelineSettings checked = new MacroKeys().put(PipelineSettings.KEY_MEASURE_INSET, inset).put(
			PipelineSettings.KEY_CA_MAX_RISE, camaxrise).settings();
		double dt = RecordingAnalysis.frameIntervalSeconds(interval > 0 ? interval : Double.NaN, rec, null,
			progress());
		CellTable cellTable = new CellTable(cells.count(), frames);
		CellMeasurer measurer = new CellMeasurer(cells, checked.ratio().measureInsetPx());
		double sat = Double.parseDouble(saturation);
		for (int t = 0; t < frames; t++) {
			if (isCanceled()) return;
			if (Double.isNaN(minSignal[t])) measurer.markBadFrame(t, cellTable);
			else measure(measurer, rec, t, Chain.pixels(bg, 2 * t + 1), Chain.pixels(bg, 2 * t + 2), sat, minSignal[t],
				cal, cellTable);
		}
		// the pipeline's ca_suspect pass, after all frames
		RecordingAnalysis.flagFastRises(cellTable, cal, dt, checked.caMaxRiseMillimolarPerSecond());
		double[] times = new double[frames];
		for (int t = 0; t < frames; t++)
			times[t] = t * dt;
		if (save != null && !save.trim().isEmpty()) CellTables.writeCells(Paths.get(save.trim()), cellTable, cells,
			times);
		table = resultsTable(cellTable, cells, times);
	}

	/**
	 * @return the table as a ResultsTable: the columns of cells.csv ({@link CellColumn}), in its units, with the
	 *         measured doubles (not rounded as in the CSV) and {@code flags} as text
	 */
	static ResultsTable resultsTable(CellTable t, Labels cells, double[] timesSeconds) {
		ResultsTable rt = new ResultsTable();
		for (int c = 1; c <= t.cells(); c++)
			for (int k = 0; k < t.frames(); k++) {
				rt.incrementCounter();
				for (CellColumn col : CellColumn.values())
					if (col.isText()) rt.addValue(col.header(), col.csv(t, cells, timesSeconds, c, k));
					else rt.addValue(col.header(), col.value(t, cells, timesSeconds, c, k));
			}
		return rt;
	}

	private static <T extends RealType<T>> void measure(CellMeasurer measurer, Recording rec, int t, float[] c340,
		float[] c380, double saturation, double minSignal, Calibration cal, CellTable table)
	{
		RandomAccessibleInterval<T> f340 = rec.frame340(t), f380 = rec.frame380(t);
		measurer.measure(t, f340, f380, c340, c380, saturation, minSignal, cal, table);
	}
}
