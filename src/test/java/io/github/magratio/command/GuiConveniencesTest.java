package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.process.FloatProcessor;

import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * What the Fiji commands add for a user, headless: Ratio to [Mg2+] with typed constants (closed-form Grynkiewicz
 * values, a typed constant overriding the file's, a missing calibration named in ImageJ's words), the calibration
 * bar kept off the cells and inside the image.
 */
class GuiConveniencesTest {

	static Context context;
	static ImageRegistry registry;

	@TempDir
	static Path dir;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ImageRegistry.class, LogService.class);
		registry = context.service(ImageRegistry.class);
		float[] r = { 0.4f, 1.0f, 2.2f, 3.9f, 4.0f, Float.NaN };
		registry.put(new ImagePlus("rec-ratio", new FloatProcessor(6, 1, r)));
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	private static CommandModule ratioToMg(Object... kv) throws Exception {
		Map<String, Object> in = new HashMap<>();
		in.put("ratio", "rec-ratio");
		in.put("calibration", "");
		for (String k : new String[] { "kd", "rmin", "rmax", "beta" })
			in.put(k, Double.NaN);
		for (int i = 0; i < kv.length; i += 2)
			in.put((String) kv[i], kv[i + 1]);
		return context.service(CommandService.class).run(RatioToMgCommand.class, true, in).get();
	}

	private static float[] mg(CommandModule m) {
		return (float[]) ((ImagePlus) m.getOutput("mg")).getStack().getPixels(1);
	}

	/** Grynkiewicz: Kd * beta * (R - Rmin) / (Rmax - R); 0 at Rmin, NaN at and above Rmax. */
	private static double grynkiewicz(double kd, double rmin, double rmax, double beta, double r) {
		return r >= rmax || Double.isNaN(r) ? Double.NaN : kd * beta * (r - rmin) / (rmax - r);
	}

	@Test
	void typedConstantsGiveTheGrynkiewiczConcentrations() throws Exception {
		CommandModule m = ratioToMg("kd", 1.5, "rmin", 0.4, "rmax", 4.0, "beta", 3.0);
		assertFalse(m.isCanceled(), m.getCancelReason());
		float[] r = { 0.4f, 1.0f, 2.2f, 3.9f, 4.0f, Float.NaN }, v = mg(m);
		for (int i = 0; i < r.length; i++)
			assertEquals(grynkiewicz(1.5, 0.4, 4.0, 3.0, r[i]), v[i], 1e-5 * Math.max(1, Double.isNaN(v[i]) ? 0 : Math
				.abs(v[i])), "R = " + r[i]);
		assertEquals(1.5 * 3 * 0.6 / 3.0, v[1], 1e-6); // 0.9 mM, worked by hand
	}

	@Test
	void aTypedConstantOverridesTheFilesAndMeasureCellsGetsTheSameConstants() throws Exception {
		Path cal = Files.writeString(dir.resolve("cal.json"), "{\"kd_mM\": 1.9, \"rmin\": 0.4, \"rmax\": 4.0, " +
			"\"beta\": 3.0}");
		CommandModule m = ratioToMg("calibration", cal.toString(), "kd", 1.0);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(grynkiewicz(1.0, 0.4, 4.0, 3.0, 2.2), mg(m)[2], 1e-5);
		// the constants travel with the image, so Measure Cells converts with the same ones
		assertEquals(Arrays.toString(new double[] { 1.0, 0.4, 4.0, 3.0, 0, 0, 0, 0 }), Arrays.toString(Chain
			.constants(Chain.calibrationOf("mg", (ImagePlus) m.getOutput("mg")))));
	}

	@Test
	void noCalibrationNamesTheDialogsFieldsNotTheFlags() throws Exception {
		CommandModule m = ratioToMg("rmin", 0.4);
		assertTrue(m.isCanceled());
		String why = m.getCancelReason();
		assertTrue(why.startsWith("no calibration: give a calibration file (Calibration file (macro key " +
			"calibration)) or Rmin (macro key rmin), Rmax (macro key rmax) and beta (macro key beta)"), why);
		assertTrue(why.endsWith("missing: Rmax (macro key rmax), beta (macro key beta)"), why);
		assertFalse(why.contains("--"), why);
	}

	@Test
	void calibrationBarGoesToTheCornerWithoutCellsAndKeepsItsTextInside() {
		// an [Mg2+] image: NaN off the cells, one cell filling the top-right corner
		int w = 120, h = 90;
		float[] p = new float[w * h];
		Arrays.fill(p, Float.NaN);
		for (int y = 0; y < 40; y++)
			for (int x = 70; x < w; x++)
				p[y * w + x] = 1.25f;
		ImagePlus imp = new ImagePlus("rec-mg", new FloatProcessor(w, h, p));
		Overlay o = Display.calibrationBar(imp, null, 0.2, 1.8, "[Mg2+] (mM)");
		Rectangle all = null;
		for (Roi r : o.toArray()) {
			Rectangle b = r.getBounds();
			if (r instanceof TextRoi) { // measured with the font, not guessed: the text's own width
				java.awt.FontMetrics fm = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage
					.TYPE_INT_RGB).createGraphics().getFontMetrics(((TextRoi) r).getCurrentFont());
				b = new Rectangle(b.x, b.y, fm.stringWidth(((TextRoi) r).getText().trim()), b.height);
			}
			assertTrue(b.x >= 0 && b.x + b.width <= w && b.y >= 0 && b.y + b.height <= h, r + " at " + b + " leaves the " +
				w + "x" + h + " image");
			all = all == null ? b : all.union(b);
		}
		assertTrue(all.x + all.width <= 70 || all.y >= 40, "the bar " + all + " covers the cell in the top-right");
		assertEquals(new java.awt.Point(0, 0), Display.emptiestPlace(imp, all.width, all.height),
			"top-left: the first empty corner after the top-right");
	}
}
