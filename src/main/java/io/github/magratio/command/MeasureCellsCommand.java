package io.github.magratio.command;

import io.github.magratio.core.Calibration;
import io.github.magratio.core.CalciumCorrection;
import io.github.magratio.core.CellFlag;
import io.github.magratio.core.Labels;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;
import io.github.magratio.util.Csv;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Measure Cells: one row per cell per frame, computed like the pipeline's {@code cells.csv}:
 * the cell's ratio is the ratio of its mean background-corrected intensities, its [Mg2+] follows from that ratio and
 * the calibration (with a 95 % interval from the pixel ratios' spread), and problems are flagged. Outputs a
 * {@link ResultsTable} titled {@code <title>-cells} and, if {@code save} is given, writes it as CSV.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Measure Cells")
public class MeasureCellsCommand extends MagRatioCommand {

	/** Columns of the table, in order. */
	public static final List<String> COLUMNS = Collections.unmodifiableList(Arrays.asList("cell", "frame", "time_s",
		"x_px", "y_px", "area_px", "c340", "c380", "ratio", "ratio_se", "mg_mM", "mg_lo_mM", "mg_hi_mM", "saturated_px",
		"flags"));

	/** Title of the background-corrected 2-channel recording ({@code <title>-bg}). */
	@Parameter(label = "Background-corrected", description = "Title of the background-corrected 2-channel image " +
		"(from Subtract Background)")
	private String image;

	/** Title of the label image. */
	@Parameter(label = "Labels", description = "Title of the label image of the cells (from Segment Cells)")
	private String labels;

	/** Title of the ratio image. */
	@Parameter(label = "Ratio image", description = "Title of the ratio image (from Ratio Image)")
	private String ratio;

	/** Title of the [Mg2+] image: its calibration file converts each cell's ratio. */
	@Parameter(label = "[Mg2+] image", description = "Title of the [Mg2+] image (from Ratio to [Mg2+]); its " +
		"calibration converts each cell's mean ratio")
	private String mg;

	/** Frame interval, s; 0 = from the image's calibration (1 s with a warning if it has none). */
	@Parameter(label = "Frame interval (s)", description = "Time between frames, seconds (0 = from the image)",
		min = "0")
	private double interval = 0;

	/** Fastest plausible rise of free [Mg2+], mM/s: faster rises are flagged ca_suspect (as ca_max_rise_mM_per_s). */
	@Parameter(label = "Ca2+ suspect above (mM/s)", min = "0", description = "apparent [Mg2+] rising faster than " +
		"this (mM/s) and by more than 3 noise SEs is flagged ca_suspect, a likely Ca2+ transient (default 0.1)")
	private double camaxrise = PipelineSettings.DEFAULT_CA_MAX_RISE_MILLIMOLAR_PER_SECOND;

	/** CSV file to write the table to; empty = do not save. */
	@Parameter(label = "Save table as", description = "CSV file to write (empty = do not save)", persist = false)
	private String save = "";

	/** The per-cell, per-frame table. */
	@Parameter(type = ItemIO.OUTPUT, label = "Cells", description = "One row per cell per frame")
	private ResultsTable table;

	@Override
	protected void execute() throws IOException {
		ImagePlus bg = image("image", image);
		Recording rec = SegmentCellsCommand.recording("image", bg, 1);
		if (bg.getBitDepth() != 32) throw new IllegalArgumentException("image: '" + bg.getTitle() +
			"' is not 32-bit: give the output of Subtract Background (MagRatio)");
		Labels cells = SubtractBackgroundCommand.labels("labels", image("labels", labels), rec);
		ImagePlus r = image("ratio", ratio);
		Chain.checkSingleChannelFloat("ratio", r, "a ratio image");
		Chain.checkSameSize("ratio", r, bg, "image");
		int frames = rec.frames();
		if (r.getStackSize() != frames) throw new IllegalArgumentException("ratio: '" + r.getTitle() + "' has " + r
			.getStackSize() + " frames but image '" + bg.getTitle() + "' has " + frames);
		ImagePlus m = image("mg", mg);
		String calFile = m.getProp(Chain.PROP_CALIBRATION);
		if (calFile == null) throw new IllegalArgumentException("mg: '" + m.getTitle() +
			"' does not name its calibration file (make it with Ratio to [Mg2+])");
		Calibration cal = RatioToMgCommand.read(new java.io.File(calFile)).calibration();
		double[] minSignal = Chain.values(r, Chain.PROP_MIN_SIGNAL, frames);
		if (minSignal == null) throw new IllegalArgumentException("ratio: '" + r.getTitle() +
			"' carries no minimum signal (make it with Ratio Image)");
		double dt = interval > 0 ? interval : rec.frameIntervalSeconds();
		if (Double.isNaN(dt)) {
			warn("the recording has no frame interval in its calibration: time_s assumes 1 s per frame (set interval)");
			dt = 1;
		}
		if (!(camaxrise > 0)) throw new IllegalArgumentException("camaxrise must be > 0 mM/s, got " + camaxrise);
		List<List<String>> rows = rows(bg, cells, r, cal, minSignal, dt, camaxrise);
		ResultsTable rt = new ResultsTable();
		for (List<String> row : rows) {
			rt.incrementCounter();
			for (int i = 0; i < COLUMNS.size(); i++) {
				String v = row.get(i);
				if (i == COLUMNS.size() - 1) rt.addValue(COLUMNS.get(i), v);
				else rt.addValue(COLUMNS.get(i), Double.parseDouble(v));
			}
		}
		if (save != null && !save.trim().isEmpty()) Csv.write(Paths.get(save.trim()), COLUMNS, rows);
		table = rt;
	}

	private static List<List<String>> rows(ImagePlus bg, Labels cells, ImagePlus ratioImp, Calibration cal,
		double[] minSignal, double dt, double maxRiseMillimolarPerSecond)
	{
		int n = cells.count() + 1, frames = minSignal.length;
		Calibration noiseOnly = new Calibration(cal.kdMillimolar(), cal.rmin(), cal.rmax(), cal.beta());
		double[][] mgs = new double[n][frames], ses = new double[n][frames];
		int[][] flagBits = new int[n][frames];
		int[] lab = cells.array();
		String[][][] out = new String[n][frames][];
		long[] count = new long[n], sat = new long[n];
		double[] s340 = new double[n], s380 = new double[n], sw = new double[n], sw2 = new double[n], sw2r =
			new double[n], sw2r2 = new double[n];
		for (int t = 0; t < frames; t++) {
			float[] c340 = Chain.pixels(bg, 2 * t + 1), c380 = Chain.pixels(bg, 2 * t + 2), rr = Chain.pixels(ratioImp, t +
				1);
			for (double[] a : new double[][] { s340, s380, sw, sw2, sw2r, sw2r2 })
				Arrays.fill(a, 0);
			Arrays.fill(count, 0);
			Arrays.fill(sat, 0);
			for (int p = 0; p < lab.length; p++) {
				int l = lab[p];
				if (l == 0) continue;
				double a = c340[p], b = c380[p];
				if (Double.isNaN(a) || Double.isNaN(b)) {
					sat[l]++;
					continue;
				}
				count[l]++;
				s340[l] += a;
				s380[l] += b;
				float pr = rr[p];
				if (!Float.isNaN(pr)) {
					double wr = b * pr;
					sw[l] += b;
					sw2[l] += b * b;
					sw2r[l] += b * wr;
					sw2r2[l] += wr * wr;
				}
			}
			boolean badFrame = Double.isNaN(minSignal[t]);
			for (int id = 1; id < n; id++) {
				double m340 = Double.NaN, m380 = Double.NaN, ratio = Double.NaN, se = Double.NaN, mgv = Double.NaN,
						lo = Double.NaN, hi = Double.NaN;
				int flags = 0;
				long satPx = badFrame ? 0 : sat[id];
				if (badFrame) flags |= CellFlag.BAD_FRAME.bit();
				else {
					if (sat[id] > 0) flags |= CellFlag.SATURATED.bit();
					if (count[id] == 0) flags |= CellFlag.NO_PIXELS.bit();
					else {
						m340 = s340[id] / count[id];
						m380 = s380[id] / count[id];
						ratio = m380 >= minSignal[t] ? m340 / m380 : Double.NaN;
						if (Double.isNaN(ratio)) flags |= CellFlag.LOW_SIGNAL.bit();
						if (sw[id] > 0 && !Double.isNaN(ratio)) {
							double ss = sw2r2[id] - 2 * ratio * sw2r[id] + ratio * ratio * sw2[id];
							se = Math.sqrt(Math.max(0, ss)) / sw[id];
						}
						if (!Double.isNaN(ratio)) {
							switch (cal.range(ratio)) {
								case BELOW_RMIN:
									flags |= CellFlag.BELOW_RMIN.bit();
									break;
								case ABOVE_RMAX:
									flags |= CellFlag.ABOVE_RMAX.bit();
									break;
								default:
							}
							mgv = cal.concentration(ratio);
							double kd = cal.kdMillimolar();
							if (!Double.isNaN(mgv) && (mgv < 0.1 * kd || mgv > 10 * kd)) flags |= CellFlag.OUTSIDE_USABLE_RANGE
								.bit();
							double[] ci = cal.concentrationInterval(ratio, Double.isNaN(se) ? 0 : se);
							lo = ci[0];
							hi = ci[1];
						}
					}
				}
				mgs[id][t] = mgv;
				ses[id][t] = noiseOnly.concentrationSe(ratio, se);
				flagBits[id][t] = flags;
				out[id][t] = new String[] { Integer.toString(id), Integer.toString(t), Csv.number(t * dt), Csv.number(cells
					.centroidX(id), 5), Csv.number(cells.centroidY(id), 5), Long.toString(cells.area(id)), Csv.number(m340),
					Csv.number(m380), Csv.number(ratio), Csv.number(se, 3), Csv.number(mgv), Csv.number(lo), Csv.number(hi),
					Long.toString(satPx), CellFlag.format(flags) };
			}
		}
		// the pipeline's ca_suspect pass (RecordingAnalysis.flagFastRises), after all frames
		for (int id = 1; id < n; id++) {
			boolean[] fast = CalciumCorrection.fastRises(mgs[id], ses[id], dt, maxRiseMillimolarPerSecond,
				RecordingAnalysis.CA_SUSPECT_MIN_SIGNIFICANCE);
			for (int t = 0; t < frames; t++)
				if (fast[t]) out[id][t][COLUMNS.size() - 1] = CellFlag.format(flagBits[id][t] | CellFlag.CA_SUSPECT.bit());
		}
		List<List<String>> rows = new ArrayList<>();
		for (int id = 1; id < n; id++)
			for (int t = 0; t < frames; t++)
				rows.add(Arrays.asList(out[id][t]));
		return rows;
	}
}
