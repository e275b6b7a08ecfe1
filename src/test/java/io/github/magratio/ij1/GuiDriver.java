package io.github.magratio.ij1;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;
import ij.process.ImageStatistics;

import java.awt.Button;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs inside a real ImageJ 1 with its GUI (started by {@link GuiTest} under Xvfb) and uses MagRatio as a biologist
 * does, through the Plugins &gt; MagRatio menu entries and their dialogs (filled and OK'd as a user would): a step run
 * twice, a second recording, a rectangle drawn for the background, cells edited by hand in the ROI Manager and
 * measured, Run Pipeline with typed constants, a refusal worded for ImageJ. Each check compares with what ImageJ itself
 * measures or with numbers the step was given. Writes one line per check to {@code args[1]}:
 * {@code name TAB OK} or {@code name TAB FAIL why}, then exits. Uses only ImageJ's API (MagRatio's classes are in
 * ImageJ's plugin class loader, not this class's).
 */
public final class GuiDriver {

	private GuiDriver() {}

	private static final List<String> report = new ArrayList<>();

	/** @param args work folder (synthetic.tif, synthetic-calibration.json, second.tif), result file */
	public static void main(String[] args) throws Exception {
		Path work = Paths.get(args[0]);
		try {
			new ImageJ();
			new Recorder();
			ImagePlus raw = IJ.openImage(work.resolve("synthetic.tif").toString());
			raw.setTitle("rec");
			raw.show();
			segmentTwice();
			rerunRatio();
			backgroundFromTheDrawnRectangle();
			handEditedCellsAreMeasured(work);
			secondRecordingReplacesTheCells(work);
			runPipelineWithTypedConstants(work);
			refusalSpeaksImageJ(work);
		} catch (Throwable t) {
			report.add("driver\tFAIL " + t);
			for (StackTraceElement e : t.getStackTrace())
				System.err.println("\tat " + e);
		}
		Files.write(Paths.get(args[1]), report, StandardCharsets.UTF_8);
		System.exit(0);
	}

	private static void check(String name, boolean ok, String why) {
		report.add(name + "\t" + (ok ? "OK" : "FAIL " + why));
	}

	/** Runs a command from its menu entry: waits for its dialog, lets {@code inspect} read it, fills it, presses OK. */
	private static GenericDialog run(String command, Map<String, String> fields, java.util.function.Consumer<
		GenericDialog> inspect) throws Exception
	{
		int before = Recorder.getInstance().getText().length();
		IJ.doCommand(command);
		GenericDialog gd = RecorderDriver.waitForDialog(RecorderDriver.dialogTitle(command));
		if (gd == null) throw new IllegalStateException("no dialog for " + command + "; " + RecorderDriver.openDialogs());
		if (inspect != null) EventQueue.invokeAndWait(() -> inspect.accept(gd));
		EventQueue.invokeAndWait(() -> RecorderDriver.fill(gd, fields));
		Button ok = gd.getButtons()[0];
		EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, "OK")));
		if (RecorderDriver.waitForLine(before, command) == null) throw new IllegalStateException(command +
			" did not finish; dialogs " + RecorderDriver.openDialogs() + "; log: " + IJ.getLog());
		IJ.wait(300); // the display conveniences run after the command
		return gd;
	}

	private static Map<String, String> fields(String... kv) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put(kv[i], kv[i + 1]);
		return m;
	}

	/** @return the text or selection of the dialog's field named {@code key}, or null */
	static String value(Container c, String key) {
		for (Component k : c.getComponents()) {
			if (key.equals(k.getName())) {
				if (k instanceof TextField) return ((TextField) k).getText();
				if (k instanceof Choice) return ((Choice) k).getSelectedItem();
			}
			if (k instanceof Container) {
				String v = value((Container) k, key);
				if (v != null) return v;
			}
		}
		return null;
	}

	private static int windowsTitled(String title) {
		int n = 0;
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids)
			if (title.equals(WindowManager.getImage(id).getTitle())) n++;
		return n;
	}

	private static int maxLabel(String title) {
		return (int) new ij.process.StackStatistics(WindowManager.getImage(title)).max;
	}

	/** Segment Cells twice: one label window, and the ROI Manager holds one ROI per cell, not two sets. */
	private static void segmentTwice() throws Exception {
		for (int i = 0; i < 2; i++)
			run("Segment Cells", fields("image", "rec"), null);
		RoiManager rm = RoiManager.getInstance();
		int cells = maxLabel("rec-labels");
		Set<String> names = new HashSet<>();
		for (Roi r : rm.getRoisAsArray())
			names.add(r.getName());
		check("segmentTwiceGivesOneSetOfCells", windowsTitled("rec-labels") == 1 && cells == 14 && rm
			.getCount() == cells && names.size() == cells, windowsTitled("rec-labels") + " label windows, " + cells +
				" labels, " + rm.getCount() + " ROIs, " + names.size() + " names");
	}

	/**
	 * Ratio Image with minsignal 3, then 4: one rec-ratio window, made with 4 (its per-frame minimum signal is 4 times
	 * the -bg image's noise), and the dialog starts from the last OK's 4.
	 */
	private static void rerunRatio() throws Exception {
		run("Subtract Background (MagRatio)", fields("image", "rec", "labels", "rec-labels"), null);
		run("Ratio Image", fields("image", "rec-bg", "minsignal", "3"), null);
		run("Ratio Image", fields("image", "rec-bg", "minsignal", "4"), null);
		ImagePlus ratio = WindowManager.getImage("rec-ratio"), bg = WindowManager.getImage("rec-bg");
		String[] min = ratio.getProp("MagRatio.minSignal").split(","), sigma = bg.getProp("MagRatio.sigma380").split(
			",");
		double m = Double.parseDouble(min[0]), s = Double.parseDouble(sigma[0]);
		check("ratioTwiceLeavesOneWindowOfTheLatestRun", windowsTitled("rec-ratio") == 1 && Math.abs(m - 4 * s) <= 1e-9 *
			m, windowsTitled("rec-ratio") + " rec-ratio windows; min signal " + m + ", noise " + s);
		String[] shown = new String[1];
		IJ.doCommand("Ratio Image");
		GenericDialog gd = RecorderDriver.waitForDialog(RecorderDriver.dialogTitle("Ratio Image"));
		EventQueue.invokeAndWait(() -> shown[0] = value(gd, "minsignal"));
		EventQueue.invokeAndWait(gd::dispose);
		IJ.wait(300);
		check("dialogStartsFromTheLastValues", "4".equals(shown[0]), "minsignal shown as " + shown[0]);
	}

	/**
	 * A rectangle drawn on the recording is the background region of method roi: the dialog shows it, and each
	 * corrected pixel is its raw value minus ImageJ's own mean of the rectangle, per channel and frame.
	 */
	private static void backgroundFromTheDrawnRectangle() throws Exception {
		ImagePlus rec = WindowManager.getImage("rec");
		ImagePlus labels = WindowManager.getImage("rec-labels");
		// a cell-free place: no label inside the rectangle nor in a guard band around it
		int w = 20, h = 14;
		java.awt.Point at = free(labels, w, h, 5);
		int x = at.x, y = at.y;
		WindowManager.setTempCurrentImage(null);
		IJ.selectWindow("rec");
		IJ.wait(200);
		rec.setRoi(new Roi(x, y, w, h));
		String[] shown = new String[1];
		run("Subtract Background (MagRatio)", fields("image", "rec", "labels", "rec-labels", "method", "roi"), gd ->
			shown[0] = value(gd, "roi"));
		ImagePlus bg = WindowManager.getImage("rec-bg");
		double worst = 0;
		int frame = 5;
		java.awt.Point p = free(labels, 1, 1, 5);
		int px = p.x, py = p.y;
		for (int c = 1; c <= 2; c++) {
			rec.setPositionWithoutUpdate(c, 1, frame);
			rec.setRoi(new Roi(x, y, w, h));
			ImageStatistics st = rec.getProcessor().getStatistics();
			double mean = st.mean;
			rec.deleteRoi();
			double raw = rec.getStack().getProcessor(rec.getStackIndex(c, 1, frame)).getf(px, py);
			double corrected = bg.getStack().getProcessor(bg.getStackIndex(c, 1, frame)).getf(px, py);
			if (labels.getProcessor().get(px, py) != 0) throw new IllegalStateException("test pixel in a cell");
			worst = Math.max(worst, Math.abs(corrected - (raw - mean)) / Math.max(1, Math.abs(raw - mean)));
		}
		check("drawnRectangleIsTheBackgroundRegion", (x + "," + y + "," + w + "," + h).equals(shown[0]) &&
			worst < 1e-4, "region shown '" + shown[0] + "', worst relative error " + worst);
	}

	/**
	 * Cell 1 deleted and a rectangle added by hand in the ROI Manager: Measure Cells preselects the ROI Manager, and
	 * the hand-made cell's area and mean raw 340 nm value (inner pixels, inset 1) are what ImageJ measures; a trace
	 * plot window opens.
	 */
	private static void handEditedCellsAreMeasured(Path work) throws Exception {
		run("Ratio Image", fields("image", "rec-bg", "minsignal", "3"), null);
		run("Ratio to [Mg2+]", fields("ratio", "rec-ratio", "calibration", work.resolve("synthetic-calibration.json")
			.toString()), null);
		RoiManager rm = RoiManager.getInstance();
		int before = rm.getCount();
		EventQueue.invokeAndWait(() -> {
			rm.select(0);
			rm.runCommand("Delete");
		});
		int w = 9, h = 7;
		java.awt.Point at = free(WindowManager.getImage("rec-labels"), w, h, 2);
		int x = at.x, y = at.y;
		Roi drawn = new Roi(x, y, w, h);
		drawn.setName("my cell");
		EventQueue.invokeAndWait(() -> rm.addRoi(drawn));
		// the cells are numbered in the ROI Manager's order, as the user sees its list
		int drawnCell = -1;
		for (int i = 0; i < rm.getCount(); i++)
			if ("my cell".equals(rm.getRoi(i).getName())) drawnCell = i + 1;
		int other = drawnCell == 1 ? 2 : 1, otherArea = rm.getRoi(other - 1).getContainedPoints().length;
		String[] preselected = new String[1];
		run("Measure Cells", fields("recording", "rec", "image", "rec-bg", "ratio", "rec-ratio", "mg", "rec-mg"), gd ->
			preselected[0] = value(gd, "labels"));
		ResultsTable t = ResultsTable.getResultsTable("MagRatio Cells");
		int cells = 0;
		double area1 = -1, areaLast = -1, f340 = Double.NaN;
		for (int r = 0; r < t.size(); r++) {
			int c = (int) t.getValue("cell", r);
			cells = Math.max(cells, c);
			if (c == other && t.getValue("frame", r) == 0) area1 = t.getValue("area_px", r);
			if (c == drawnCell && t.getValue("frame", r) == 0) {
				areaLast = t.getValue("area_px", r);
				f340 = t.getValue("f340", r);
			}
		}
		ImagePlus rec = WindowManager.getImage("rec");
		rec.setPositionWithoutUpdate(1, 1, 1);
		rec.setRoi(new Roi(x + 1, y + 1, w - 2, h - 2));
		double imagej = rec.getProcessor().getStatistics().mean;
		rec.deleteRoi();
		check("handEditedCellsAreMeasured", "ROI Manager".equals(preselected[0]) && cells == before && area1 ==
			otherArea && areaLast == w * h && Math.abs(f340 - imagej) <= 1e-3, "labels preselected '" + preselected[0] +
				"', " + cells + " cells (" + before + " expected), cell " + other + " " + area1 + " px (" + otherArea +
				" in the ROI Manager), drawn cell " + drawnCell + " " + areaLast + " px, f340 " + f340 + " vs ImageJ's " +
				imagej);
		check("tracePlotShownAfterMeasureCells", windowsTitled("rec-traces") == 1, "windows: " + String.join(", ",
			titles()));
	}

	/** @return the top-left corner of a w x h box that, with a margin around it, holds no label (scanned from the top-left) */
	private static java.awt.Point free(ImagePlus labels, int w, int h, int margin) {
		ij.process.ImageProcessor ip = labels.getProcessor();
		for (int y = margin; y + h + margin <= ip.getHeight(); y++)
			for (int x = margin; x + w + margin <= ip.getWidth(); x++) {
				boolean empty = true;
				for (int yy = y - margin; empty && yy < y + h + margin; yy++)
					for (int xx = x - margin; empty && xx < x + w + margin; xx++)
						empty = ip.get(xx, yy) == 0;
				if (empty) return new java.awt.Point(x, y);
			}
		throw new IllegalStateException("no cell-free " + w + "x" + h + " place");
	}

	private static List<String> titles() {
		List<String> t = new ArrayList<>();
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids)
			t.add(WindowManager.getImage(id).getTitle());
		return t;
	}

	/** Close All, another recording, Segment Cells: the ROI Manager holds the new recording's cells only. */
	private static void secondRecordingReplacesTheCells(Path work) throws Exception {
		IJ.run("Close All");
		ImagePlus second = IJ.openImage(work.resolve("second.tif").toString());
		second.setTitle("second");
		second.show();
		run("Segment Cells", fields("image", "second"), null);
		int cells = maxLabel("second-labels");
		RoiManager rm = RoiManager.getInstance();
		check("secondRecordingReplacesTheCells", cells == 4 && rm.getCount() == cells, cells + " labels, " + rm
			.getCount() + " ROIs");
	}

	/**
	 * Run Pipeline with Kd, Rmin, Rmax and beta typed (no calibration file): cells.csv as the CLI's engine writes it
	 * with the same constants, and the [Mg2+] image, the traces and the table open.
	 */
	private static void runPipelineWithTypedConstants(Path work) throws Exception {
		IJ.run("Close All");
		Path out = work.resolve("typed");
		run("Run Pipeline", fields("input", work.resolve("synthetic.tif").toString(), "output", out.toString(),
			"calibration", "", "kd", "1.9", "rmin", "0.4", "rmax", "4", "beta", "3"), null);
		List<String> got = Files.readAllLines(out.resolve("synthetic/cells.csv"));
		List<String> cli = Files.readAllLines(work.resolve("cli-typed/synthetic/cells.csv"));
		check("runPipelineTakesTypedConstants", got.equals(cli), got.size() + " rows vs the CLI's " + cli.size());
		check("runPipelineOpensItsResults", windowsTitled("synthetic-mg") == 1 && windowsTitled(
			"synthetic-traces") == 1 && ResultsTable.getResultsTable("MagRatio Cells") != null && ResultsTable
				.getResultsTable("MagRatio Cells").size() == cli.size() - 1, "windows: " + String.join(", ", titles()));
	}

	/** Run Pipeline into its own earlier result without Overwrite: the error dialog names the dialog's field. */
	private static void refusalSpeaksImageJ(Path work) throws Exception {
		Path out = work.resolve("typed");
		IJ.doCommand("Run Pipeline");
		GenericDialog gd = RecorderDriver.waitForDialog(RecorderDriver.dialogTitle("Run Pipeline"));
		EventQueue.invokeAndWait(() -> RecorderDriver.fill(gd, fields("input", work.resolve("synthetic.tif")
			.toString(), "output", out.toString(), "calibration", "", "rmin", "0.4", "rmax", "4", "beta", "3",
			"overwrite", "false")));
		Button ok = gd.getButtons()[0];
		EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, "OK")));
		java.awt.Window error = null;
		for (int i = 0; i < 400 && error == null; i++) {
			for (java.awt.Window w : java.awt.Window.getWindows())
				if (w.isShowing() && w instanceof java.awt.Dialog && !(w instanceof GenericDialog) && "MagRatio Run Pipeline"
					.equals(((java.awt.Dialog) w).getTitle())) error = w;
			Thread.sleep(50);
		}
		String text = error == null ? null : labelText(error);
		if (error != null) {
			java.awt.Window e = error;
			EventQueue.invokeLater(e::dispose);
		}
		check("refusalSpeaksImageJ", text != null && text.contains("tick Overwrite (macro key overwrite)") && !text
			.contains("--"), "error dialog: " + text);
	}

	/** The text of an ImageJ message dialog (its MultiLineLabel draws the lines it keeps in a private field). */
	private static String labelText(Container c) {
		for (Component k : c.getComponents()) {
			if (k instanceof ij.gui.MultiLineLabel) try {
				java.lang.reflect.Field f = ij.gui.MultiLineLabel.class.getDeclaredField("lines");
				f.setAccessible(true);
				return String.join(" ", (String[]) f.get(k));
			} catch (ReflectiveOperationException e) {
				return "(unreadable: " + e + ")";
			}
			if (k instanceof java.awt.Label) return ((java.awt.Label) k).getText();
			if (k instanceof Container) {
				String v = labelText((Container) k);
				if (v != null) return v;
			}
		}
		return null;
	}
}
