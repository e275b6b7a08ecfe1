package io.github.magratio.command;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.plugin.LutLoader;
import ij.plugin.frame.RoiManager;
import ij.process.ColorProcessor;
import ij.process.LUT;

import io.github.magratio.core.Labels;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.TracePlots;
import io.github.magratio.pipeline.Pipeline;

import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.scijava.module.Module;

/**
 * What a MagRatio command's outputs look like when there is a display: ratio and [Mg2+] images with the Fire LUT, a
 * display range that fits the calibration and a calibration bar, the cells put into the (emptied) ROI Manager, the
 * per-cell table shown as a ResultsTable with its trace plot, Run Pipeline's results opened; an output replaces the
 * earlier image of its title (also in batch mode). Only {@link #present} touches windows, and it does nothing headless; the look of an
 * image (LUT, range, bar overlay) is set by {@link #style}, which works without a display too.
 */
public final class Display {

	private Display() {}

	/** @return true when windows can be shown (not headless, not ImageJ batch mode) */
	public static boolean available() {
		return !GraphicsEnvironment.isHeadless() && !ij.macro.Interpreter.isBatchMode();
	}

	/**
	 * Shows a finished command's outputs with the GUI conveniences (nothing without a display), then lets the
	 * context's {@link ImageRegistry} forget the outputs ImageJ now holds ({@link ImageRegistry#prune}).
	 *
	 * @param module a run of a MagRatio command
	 * @param showImages false when the caller (e.g. Fiji's display post-processing) shows images itself
	 */
	public static void present(Module module, boolean showImages) {
		if (module == null) return;
		if (available()) showOutputs(module, showImages);
		for (Object v : module.getOutputs().values())
			if (v instanceof ImagePlus) closeNamesakes((ImagePlus) v);
		// outputs now shown (in windows or, in batch mode, by the caller) are ImageJ's: the registry lets them go
		if (module.getDelegateObject() instanceof MagRatioCommand) {
			ImageRegistry registry = ((MagRatioCommand) module.getDelegateObject()).registry();
			if (registry != null) registry.prune();
		}
	}

	private static void showOutputs(Module module, boolean showImages) {
		for (String name : module.getOutputs().keySet()) {
			Object v = module.getOutput(name);
			if (v instanceof ImagePlus) {
				ImagePlus imp = (ImagePlus) v;
				style(imp);
				if (showImages && imp.getWindow() == null) imp.show();
				if (imp.getTitle().endsWith("-labels")) addToRoiManager(imp);
			}
			else if (v instanceof ResultsTable) {
				((ResultsTable) v).show(tableTitle(module));
				if (module.getDelegateObject() instanceof MeasureCellsCommand) showTraces((ResultsTable) v, String.valueOf(
					module.getInput("recording")));
			}
		}
		if (module.getDelegateObject() instanceof RunPipelineCommand) {
			Object folder = module.getOutput("folder");
			if (folder != null && !folder.toString().isEmpty()) openResults(Paths.get(folder.toString()));
		}
	}

	/** Shows the [Mg2+] trace of every cell of a cells table (as traces.png of a run) in a window. */
	static void showTraces(ResultsTable cells, String recording) {
		ImagePlus plot = traces(cells, Chain.base(recording));
		if (plot == null) return;
		plot.show();
		closeNamesakes(plot);
	}

	/**
	 * @return the trace plot of a cells table (columns cell, time_s, mg_mM, rows by cell then frame), titled
	 *         {@code <recording>-traces}, or null for an empty table
	 */
	static ImagePlus traces(ResultsTable cells, String recording) {
		if (cells.size() == 0 || !cells.columnExists("cell") || !cells.columnExists("mg_mM")) return null;
		java.util.Map<Integer, java.util.List<Double>> byCell = new java.util.TreeMap<>();
		java.util.List<Double> times = new java.util.ArrayList<>();
		for (int r = 0; r < cells.size(); r++) {
			int cell = (int) cells.getValue("cell", r);
			byCell.computeIfAbsent(cell, k -> new java.util.ArrayList<>()).add(cells.getValue("mg_mM", r));
			if (cell == (int) cells.getValue("cell", 0)) times.add(cells.getValue("time_s", r));
		}
		double[] x = times.stream().mapToDouble(Double::doubleValue).toArray();
		java.util.List<double[]> traces = new java.util.ArrayList<>();
		java.util.List<String> names = new java.util.ArrayList<>();
		for (java.util.Map.Entry<Integer, java.util.List<Double>> e : byCell.entrySet()) {
			if (e.getValue().size() != x.length) continue; // a cell absent from some frames (tracked): not a trace
			traces.add(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
			names.add("cell " + e.getKey());
		}
		if (traces.isEmpty()) return null;
		ImagePlus plot = TracePlots.plot(recording + ": free [Mg2+] per cell", "time (s)", "free [Mg2+] (mM)", x,
			traces, names, 900, 560);
		plot.setTitle(recording + "-traces");
		return plot;
	}

	/** Opens what Run Pipeline wrote: the [Mg2+] image (virtual: read as frames are shown), the traces, the table. */
	static void openResults(Path folder) {
		String stem = folder.getFileName().toString();
		Path mg = folder.resolve(Pipeline.MG), traces = folder.resolve(Pipeline.TRACES), cells = folder.resolve(
			Pipeline.CELLS);
		if (Files.isRegularFile(mg)) {
			ImagePlus imp = IJ.openVirtual(mg.toString());
			if (imp != null) {
				imp.setTitle(stem + "-mg");
				style(imp);
				imp.show();
				closeNamesakes(imp);
			}
		}
		if (Files.isRegularFile(traces)) {
			ImagePlus imp = IJ.openImage(traces.toString());
			if (imp != null) {
				imp.setTitle(stem + "-traces");
				imp.show();
				closeNamesakes(imp);
			}
		}
		if (Files.isRegularFile(cells)) try {
			ResultsTable.open(cells.toString()).show("MagRatio Cells");
		} catch (java.io.IOException e) {
			IJ.log("MagRatio Run Pipeline: cannot show " + cells + ": " + e.getMessage());
		}
	}

	private static String tableTitle(Module module) {
		String t = module.getInfo().getTitle();
		return "MagRatio " + (t == null ? "Results" : t.replace("Measure Cells", "Cells"));
	}

	/**
	 * Gives ratio ({@code -ratio}) and [Mg2+] ({@code -mg}) images the Fire LUT, a display range from their values and
	 * a calibration bar overlay; labels get a glasbey-like LUT. Headless-safe (no window).
	 */
	public static void style(ImagePlus imp) {
		String title = imp.getTitle();
		String unit;
		if (title.endsWith("-ratio")) unit = "F340/F380";
		else if (title.endsWith("-mg")) unit = "[Mg2+] (mM)";
		else {
			if (title.endsWith("-labels")) {
				java.awt.image.IndexColorModel cm = LutLoader.getLut("glasbey_on_dark");
				if (cm != null) imp.setLut(new LUT(cm, 0, Math.max(1, imp.getDisplayRangeMax())));
			}
			return;
		}
		double[] range = range(imp);
		java.awt.image.IndexColorModel cm = LutLoader.getLut("Fire");
		if (cm != null) imp.setLut(new LUT(cm, range[0], range[1]));
		imp.setDisplayRange(range[0], range[1]);
		imp.setOverlay(calibrationBar(imp, cm, range[0], range[1], unit));
	}

	/** 1st to 99th percentile of the finite values over all frames (sampled), for a display range. */
	static double[] range(ImagePlus imp) {
		int n = imp.getStackSize();
		java.util.List<Float> v = new java.util.ArrayList<>();
		for (int i = 1; i <= n; i += Math.max(1, n / 10)) {
			float[] p = (float[]) imp.getStack().getPixels(i);
			for (int k = 0; k < p.length; k += 7)
				if (Float.isFinite(p[k])) v.add(p[k]);
		}
		if (v.isEmpty()) return new double[] { 0, 1 };
		v.sort(null);
		double lo = v.get((int) (0.01 * (v.size() - 1))), hi = v.get((int) (0.99 * (v.size() - 1)));
		return hi > lo ? new double[] { lo, hi } : new double[] { lo, lo + 1 };
	}

	/**
	 * A small vertical colour bar as an overlay, where it covers the fewest valued pixels (an
	 * [Mg2+] or ratio image is NaN off the cells, so the bar goes where there are no cells): the unit on top, then the
	 * bar with its max, mid and min values on its right, all kept inside the image (sizes follow the image height,
	 * text widths are measured with the font).
	 */
	static Overlay calibrationBar(ImagePlus imp, java.awt.image.IndexColorModel cm, double min, double max,
		String unit)
	{
		int w = imp.getWidth(), h = imp.getHeight();
		int fontSize = Math.max(8, Math.min(14, h / 14));
		Font font = new Font("SansSerif", Font.PLAIN, fontSize);
		java.awt.FontMetrics fm = fontMetrics(font);
		int barW = Math.max(4, fontSize * 2 / 3), barH = Math.max(24, h / 4);
		String[] labels = { format(max), format((min + max) / 2), format(min) };
		int labelW = 0;
		for (String l : labels)
			labelW = Math.max(labelW, fm.stringWidth(l));
		int boxW = Math.max(barW + 2 + labelW, fm.stringWidth(unit)) + 4, boxH = 2 + fontSize + 2 + barH + 2;
		java.awt.Point corner = emptiestPlace(imp, boxW, boxH);
		int left = corner.x, top = corner.y;
		int x0 = Math.max(0, left + boxW - 2 - labelW - 2 - barW), y0 = top + 2 + fontSize + 2;
		ColorProcessor bar = new ColorProcessor(barW, barH);
		for (int y = 0; y < barH; y++) {
			int idx = 255 - (int) Math.round(255.0 * y / (barH - 1));
			int rgb = cm == null ? (idx << 16 | idx << 8 | idx) : cm.getRGB(idx) & 0xffffff;
			for (int x = 0; x < barW; x++)
				bar.set(x, y, rgb);
		}
		Overlay o = new Overlay();
		o.add(new ImageRoi(x0, y0, bar));
		for (int i = 0; i < 3; i++) {
			TextRoi t = new TextRoi(x0 + barW + 2, y0 + i * (barH - fontSize) / 2.0 - 1, labels[i], font);
			t.setStrokeColor(Color.WHITE);
			o.add(t);
		}
		TextRoi label = new TextRoi(Math.max(0, left + boxW - 2 - fm.stringWidth(unit)), top + 1, unit, font);
		label.setStrokeColor(Color.WHITE);
		o.add(label);
		return o;
	}

	/** Font metrics without a display (an offscreen image's graphics). */
	private static java.awt.FontMetrics fontMetrics(Font font) {
		java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)
			.createGraphics();
		try {
			return g.getFontMetrics(font);
		} finally {
			g.dispose();
		}
	}

	/**
	 * @return the top-left point of the {@code boxW x boxH} box holding the fewest finite pixels over a few frames:
	 *         the corners first (top-right, top-left, bottom-right, bottom-left), then any place on a 2 px grid (a
	 *         gap between cells), so the bar covers a cell only where there is no room
	 */
	static java.awt.Point emptiestPlace(ImagePlus imp, int boxW, int boxH) {
		int w = imp.getWidth(), h = imp.getHeight(), bw = Math.min(boxW, w), bh = Math.min(boxH, h);
		// integral image of the number of sampled frames in which each pixel has a value
		long[] sum = new long[(w + 1) * (h + 1)];
		int n = imp.getStackSize();
		for (int i = 1; i <= n; i += Math.max(1, n / 5)) {
			Object px = imp.getStack().getPixels(i);
			if (!(px instanceof float[])) continue;
			float[] p = (float[]) px;
			for (int y = 0; y < h; y++) {
				long row = 0;
				for (int x = 0; x < w; x++) {
					row += Float.isFinite(p[y * w + x]) ? 1 : 0;
					sum[(y + 1) * (w + 1) + x + 1] += row;
				}
			}
		}
		for (int y = 1; y <= h; y++) // rows above, once the per-row sums of all frames are in
			for (int x = 1; x <= w; x++)
				sum[y * (w + 1) + x] += sum[(y - 1) * (w + 1) + x];
		java.util.List<java.awt.Point> places = new java.util.ArrayList<>(java.util.Arrays.asList(new java.awt.Point(w -
			bw, 0), new java.awt.Point(0, 0), new java.awt.Point(w - bw, h - bh), new java.awt.Point(0, h - bh)));
		for (int y = 0; y <= h - bh; y += 2)
			for (int x = 0; x <= w - bw; x += 2)
				places.add(new java.awt.Point(x, y));
		long best = Long.MAX_VALUE;
		java.awt.Point at = places.get(0);
		for (java.awt.Point q : places) {
			long v = sum[(q.y + bh) * (w + 1) + q.x + bw] - sum[q.y * (w + 1) + q.x + bw] - sum[(q.y + bh) * (w + 1) +
				q.x] + sum[q.y * (w + 1) + q.x];
			if (v < best) {
				best = v;
				at = q;
			}
		}
		return at;
	}

	private static String format(double v) {
		return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
	}

	/**
	 * Closes every other image ImageJ holds under {@code imp}'s title: a step run again replaces its earlier output,
	 * as the next step (which finds its input by title) and the dialogs (which list titles) could not tell two
	 * images of one title apart. Only a command's own outputs are passed here, never the user's recordings; the
	 * closed image's unsaved changes are dropped without asking, since it is a derived result its step remakes.
	 */
	static void closeNamesakes(ImagePlus imp) {
		int[] ids = WindowManager.getIDList();
		if (ids == null) return;
		for (int id : ids) {
			ImagePlus other = WindowManager.getImage(id);
			if (other == null || other == imp || !imp.getTitle().equals(other.getTitle())) continue;
			other.changes = false;
			other.close();
		}
	}

	/**
	 * Puts one named ROI per cell of a label image into the ROI Manager, which is emptied first (as Analyze
	 * Particles' "Add to Manager" does): it holds the cells of the latest segmentation, never those of an earlier
	 * one or of another recording. Only with a display.
	 */
	static void addToRoiManager(ImagePlus labels) {
		Labels l = LabelImages.fromImagePlus(labels, labels.getWidth(), labels.getHeight(), labels.getTitle());
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset();
		for (Roi roi : LabelImages.toRois(l))
			rm.addRoi(roi);
		IJ.showStatus(l.count() + " cells added to the ROI Manager");
	}
}
