package io.github.magratio.ij1;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs inside a real ImageJ 1 process with its GUI (started by {@link RecorderTest} under Xvfb): opens the Recorder,
 * runs every MagRatio command from its menu entry, fills its dialog as a user would (component names are the macro
 * keys) and presses OK, reads the line the Recorder wrote, replays it with {@code IJ.run}, and compares the two
 * results (image pixels, table rows or file contents). Writes one line per command to {@code args[1]}:
 * {@code command TAB recorded line TAB SAME|DIFFERENT|ERROR ...}, then exits. Uses only ImageJ's API: the commands are
 * found through ImageJ's menus, as installed from plugins.config.
 */
public final class RecorderDriver {

	private RecorderDriver() {}

	/** One command: the fields to set in its dialog and what to compare. */
	private static final class Step {
		final String command;
		final Map<String, String> fields = new LinkedHashMap<>();
		final String result; // image:<title> | table:<title> | file:<path>

		Step(String command, String result, String... kv) {
			this.command = command;
			this.result = result;
			for (int i = 0; i < kv.length; i += 2)
				fields.put(kv[i], kv[i + 1]);
		}
	}

	/**
	 * @param args work folder (holding synthetic.tif, synthetic-calibration.json, standards.csv, samples.csv,
	 *          kd-standards.csv, calrec.tif, batchin/synthetic.tif), result
	 *          file
	 */
	public static void main(String[] args) throws Exception {
		Path work = Paths.get(args[0]);
		List<String> report = new ArrayList<>();
		try {
			new ImageJ();
			new Recorder();
			ImagePlus raw = IJ.openImage(work.resolve("synthetic.tif").toString());
			raw.setTitle("rec");
			raw.show();
			String cal = work.resolve("synthetic-calibration.json").toString();
			List<Step> steps = List.of( //
				new Step("Segment Cells", "image:rec-labels", "image", "rec", "threshold", "Otsu"), //
				new Step("Subtract Background (MagRatio)", "image:rec-bg", "image", "rec", "labels", "rec-labels"), //
				new Step("Ratio Image", "image:rec-ratio", "image", "rec-bg"), //
				new Step("Ratio to [Mg2+]", "image:rec-mg", "ratio", "rec-ratio", "calibration", cal), //
				new Step("Measure Cells", "table:MagRatio Cells", "recording", "rec", "image", "rec-bg", "labels",
					"rec-labels", "ratio", "rec-ratio", "mg", "rec-mg"), //
				new Step("Run Pipeline", "file:" + work.resolve("pipeline/synthetic/cells.csv"), "input", work.resolve(
					"synthetic.tif").toString(), "output", work.resolve("pipeline").toString(), "calibration", cal,
					"overwrite", "true"), //
				new Step("Batch Pipeline", "file:" + work.resolve("batch/synthetic/cells.csv"), "input", work.resolve(
					"batchin").toString(), "output", work.resolve("batch").toString(), "calibration", cal, "threads", "1"), //
				new Step("Generate Synthetic Recording", "image:small", "width", "96", "height", "80", "frames", "3",
					"cells", "3", "touching", "0", "name", "small"), //
				new Step("31P NMR Free Mg", "table:MagRatio 31P NMR Free Mg", "beta", "-16.18", "se", "0.05"), //
				new Step("AAS Standard Curve", "file:" + work.resolve("aas/results.csv"), "standards", work.resolve(
					"standards.csv").toString(), "samples", work.resolve("samples.csv").toString(), "output", work.resolve(
						"aas").toString(), "dilution", "10", "overwrite", "true"), //
				new Step("Fit Kd", "file:" + work.resolve("kd.json"), "standards", work.resolve("kd-standards.csv")
					.toString(), "beta", "3", "output", work.resolve("kd.json").toString(), "plot", work.resolve("kd.png")
						.toString(), "overwrite", "true"), //
				new Step("In-situ Calibration", "file:" + work.resolve("insitu.json"), "recording", work.resolve(
					"calrec.tif").toString(), "rminframes", "8-11", "rmaxframes", "14-17", "kd", "1.5", "output", work
						.resolve("insitu.json").toString(), "overwrite", "true"));
			for (Step s : steps)
				report.add(s.command + "\t" + step(s));
			report.add("Error dialog\t" + errorDialog());
		} catch (Throwable t) {
			report.add("driver\t\tERROR " + t);
		}
		Files.write(Paths.get(args[1]), report, StandardCharsets.UTF_8);
		System.exit(0);
	}

	private static String step(Step s) throws Exception {
		int before = Recorder.getInstance().getText().length();
		IJ.doCommand(s.command); // as from the menu: a new thread, the Recorder on
		GenericDialog gd = waitForDialog("MagRatio " + s.command);
		if (gd == null) return "\tERROR no dialog";
		EventQueue.invokeAndWait(() -> fill(gd, s.fields));
		Button ok = gd.getButtons()[0];
		EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, "OK")));
		String line = waitForLine(before, s.command);
		if (line == null) return "\tERROR nothing recorded; windows: " + openDialogs();
		String interactive = result(s.result);
		if (s.result.startsWith("image:")) close(s.result.substring(6));
		Matcher m = Pattern.compile("^run\\(\"(.*)\", \"(.*)\"\\);$").matcher(line);
		if (!m.matches()) return line + "\tERROR not a run(\"...\", \"...\") line";
		if (s.result.startsWith("file:")) Files.deleteIfExists(Paths.get(s.result.substring(5)));
		IJ.run(m.group(1), m.group(2).replace("\\\\", "\\"));
		String replayed = result(s.result);
		return line + "\t" + (interactive != null && interactive.equals(replayed) ? "SAME" : "DIFFERENT " +
			interactive + " / " + replayed);
	}

	/**
	 * Bad input with the ImageJ window: an error dialog titled after the command, and no new image window.
	 *
	 * @return "SAME" when so, else what happened
	 */
	private static String errorDialog() throws InterruptedException {
		int images = WindowManager.getImageCount();
		Thread t = new Thread(() -> {
			try {
				IJ.run("Ratio Image", "image=nope");
			} catch (RuntimeException e) {
				// ImageJ ends a run after an error dialog with a "Macro canceled" exception
			}
		});
		t.start();
		for (int i = 0; i < 200; i++) {
			for (Window w : Window.getWindows())
				if (w.isShowing() && w instanceof Dialog && "MagRatio Ratio Image".equals(((Dialog) w).getTitle())) {
					boolean generic = w instanceof GenericDialog;
					EventQueue.invokeLater(w::dispose);
					t.join(10000);
					if (generic) return "run(\"Ratio Image\", \"image=nope\")\tDIFFERENT: a parameter dialog, not an error";
					return "run(\"Ratio Image\", \"image=nope\")\t" + (WindowManager.getImageCount() == images ? "SAME"
						: "DIFFERENT: an output window was left");
				}
			Thread.sleep(50);
		}
		return "run(\"Ratio Image\", \"image=nope\")\tDIFFERENT: no error dialog; " + openDialogs();
	}

	private static GenericDialog waitForDialog(String title) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			for (Window w : Window.getWindows())
				if (w instanceof GenericDialog && w.isShowing() && title.equals(((Dialog) w).getTitle()))
					return (GenericDialog) w;
			Thread.sleep(50);
		}
		return null;
	}

	private static void fill(Container c, Map<String, String> fields) {
		for (Component k : c.getComponents()) {
			String v = k.getName() == null ? null : fields.get(k.getName());
			if (v != null) {
				if (k instanceof TextField) ((TextField) k).setText(v);
				else if (k instanceof Choice) ((Choice) k).select(v);
				else if (k instanceof Checkbox) ((Checkbox) k).setState(Boolean.parseBoolean(v));
			}
			if (k instanceof Container) fill((Container) k, fields);
		}
	}

	/** Waits for the command's line in the Recorder (after the command finished) and returns it. */
	private static String waitForLine(int from, String command) throws InterruptedException {
		for (int i = 0; i < 1200; i++) {
			String text = Recorder.getInstance().getText();
			if (text.length() > from) for (String line : text.substring(from).split("\n"))
				if (line.startsWith("run(\"" + command + "\"")) return line.trim();
			for (Window w : Window.getWindows())
				if (w.isShowing() && w instanceof Dialog && !(w instanceof GenericDialog) && ((Dialog) w).getTitle()
					.startsWith("MagRatio"))
				{
					w.dispose(); // an error dialog: the run failed
					return null;
				}
			Thread.sleep(50);
		}
		return null;
	}

	private static String openDialogs() {
		StringBuilder b = new StringBuilder();
		for (Window w : Window.getWindows())
			if (w.isShowing() && w instanceof Dialog) b.append('[').append(((Dialog) w).getTitle()).append(']');
		return b.toString();
	}

	/** A digest of the result: image pixels and size, table rows, or file bytes. */
	private static String result(String what) throws Exception {
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		if (what.startsWith("image:")) {
			ImagePlus imp = WindowManager.getImage(what.substring(6));
			if (imp == null) return null;
			md.update((imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getNChannels() + "x" + imp.getNFrames() + "x" +
				imp.getBitDepth()).getBytes(StandardCharsets.UTF_8));
			for (int i = 1; i <= imp.getStackSize(); i++)
				md.update(bytes(imp.getStack().getPixels(i)));
		}
		else if (what.startsWith("table:")) {
			ResultsTable rt = ResultsTable.getResultsTable(what.substring(6));
			if (rt == null || rt.size() == 0) return null;
			md.update(rt.getColumnHeadings().getBytes(StandardCharsets.UTF_8));
			for (int r = 0; r < rt.size(); r++)
				md.update(rt.getRowAsString(r).getBytes(StandardCharsets.UTF_8));
		}
		else {
			Path p = Paths.get(what.substring(5));
			if (!Files.exists(p)) return null;
			md.update(Files.readAllBytes(p));
		}
		StringBuilder hex = new StringBuilder();
		for (byte b : md.digest())
			hex.append(String.format("%02x", b));
		return hex.substring(0, 16);
	}

	private static byte[] bytes(Object pixels) {
		if (pixels instanceof float[]) {
			float[] f = (float[]) pixels;
			ByteBuffer b = ByteBuffer.allocate(4 * f.length);
			for (float v : f)
				b.putInt(Float.floatToRawIntBits(v));
			return b.array();
		}
		if (pixels instanceof short[]) {
			short[] s = (short[]) pixels;
			ByteBuffer b = ByteBuffer.allocate(2 * s.length);
			for (short v : s)
				b.putShort(v);
			return b.array();
		}
		if (pixels instanceof byte[]) return (byte[]) pixels;
		int[] p = (int[]) pixels;
		ByteBuffer b = ByteBuffer.allocate(4 * p.length);
		for (int v : p)
			b.putInt(v);
		return b.array();
	}

	private static void close(String title) {
		ImagePlus imp = WindowManager.getImage(title);
		if (imp != null) {
			imp.changes = false;
			imp.close();
		}
	}
}
