package io.github.magratio.ij1;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.plugin.frame.RoiManager;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Frame;
import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Takes the README's screenshots inside a real ImageJ 1 with MagRatio installed, under an X display (Xvfb): run by
 * {@code scripts/screenshots}. {@code menu.png}: the ImageJ window with its real Plugins &gt; MagRatio &gt; Tools
 * menus open, as ImageJ built them from plugins.config, opened with the mouse (a {@link Robot});
 * {@code output.png}: the [Mg2+] image of the demo (Fire LUT, calibration bar) with its cells from the ROI Manager.
 * Images are saved as 256-colour PNGs to stay small.
 */
public final class ScreenshotDriver {

	private ScreenshotDriver() {}

	/** @param args the demo recording, its calibration JSON, the output folder for the PNGs */
	public static void main(String[] args) throws Exception {
		Path out = Paths.get(args[2]);
		ImageJ ij = new ImageJ();
		IJ.wait(500);
		for (int i = 0; i < 20 && !ij.getLocationOnScreen().equals(new java.awt.Point(0, 0)); i++) {
			ij.setLocation(0, 0); // ImageJ may still move its window to the remembered place
			IJ.wait(200);
		}
		IJ.wait(500);
		// the real Plugins > MagRatio > Tools menus, opened with the mouse (a Robot) as a user opens them
		Robot robot = new Robot();
		robot.setAutoDelay(60);
		MenuBar bar = ij.getMenuBar();
		FontMetrics fm = ij.getFontMetrics(bar.getFont() != null ? bar.getFont() : new Font("Dialog", Font.PLAIN, 12));
		int x = 0, plugins = -1;
		for (int i = 0; i < bar.getMenuCount() && plugins < 0; i++) {
			// X11 menu bars lay items out at their text width plus 10 px on each side
			if (bar.getMenu(i).getLabel().equals("Plugins")) plugins = x + 10 + fm.stringWidth("Plugins") / 2;
			x += fm.stringWidth(bar.getMenu(i).getLabel()) + 20;
		}
		// a click on Plugins, then the arrow keys, as a user may: X11 menus follow the keyboard (not a Robot's jumps)
		java.awt.Point at = ij.getLocationOnScreen();
		robot.mouseMove(at.x + plugins, at.y + ij.getInsets().top / 2);
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		IJ.wait(600);
		key(robot, KeyEvent.VK_DOWN, itemsBefore(Menus.getImageJMenu("Plugins"), "MagRatio"));
		key(robot, KeyEvent.VK_RIGHT, 1);
		key(robot, KeyEvent.VK_DOWN, itemsBefore(Menus.getImageJMenu("Plugins>MagRatio"), "Tools"));
		key(robot, KeyEvent.VK_RIGHT, 1);
		IJ.wait(800);
		save(robot.createScreenCapture(new Rectangle(at.x, at.y, 960, 440)), out.resolve(
			"menu.png"));
		key(robot, KeyEvent.VK_ESCAPE, 4); // nothing chosen
		IJ.wait(300);

		// one output: the chain on the demo, with the display conveniences
		ImagePlus rec = IJ.openImage(args[0]);
		rec.setTitle("rec");
		rec.show();
		IJ.run("Segment Cells", "image=rec threshold=Otsu fillholes watershed");
		IJ.run("Subtract Background (MagRatio)", "image=rec labels=rec-labels method=surface");
		IJ.run("Ratio Image", "image=rec-bg");
		IJ.run("Ratio to [Mg2+]", "ratio=rec-ratio calibration=[" + args[1] + "]");
		IJ.run("Measure Cells", "recording=rec image=rec-bg labels=rec-labels ratio=rec-ratio mg=rec-mg");
		for (String t : new String[] { "rec", "rec-bg", "rec-ratio", "rec-labels", "rec-qc", "rec-traces" }) {
			ImagePlus imp = WindowManager.getImage(t);
			if (imp != null && imp.getWindow() != null) imp.getWindow().setVisible(false);
		}
		for (Frame f : Frame.getFrames())
			if (f.getTitle().startsWith("MagRatio Cells") || f == ij) f.setVisible(false);
		ImagePlus mg = WindowManager.getImage("rec-mg");
		mg.setT(20);
		IJ.run(mg, "Set... ", "zoom=200");
		mg.getWindow().setLocation(0, 0);
		RoiManager rm = RoiManager.getInstance();
		rm.runCommand(mg, "Show All with labels");
		IJ.wait(300);
		Window mgw = mg.getWindow();
		rm.setLocation(mgw.getWidth() + 4, 0);
		IJ.wait(800);
		Rectangle o = mgw.getBounds().union(rm.getBounds());
		save(new Robot().createScreenCapture(o), out.resolve("output.png"));
		System.exit(0);
	}

	/** @return how many items (separators skipped, as the arrow keys skip them) come before the labelled one */
	private static int itemsBefore(Menu menu, String label) {
		int n = 0;
		for (int i = 0; i < menu.getItemCount() && !menu.getItem(i).getLabel().equals(label); i++)
			if (!menu.getItem(i).getLabel().equals("-")) n++;
		return n;
	}

	private static void key(Robot robot, int code, int times) {
		for (int i = 0; i < times; i++) {
			robot.keyPress(code);
			robot.keyRelease(code);
		}
		IJ.wait(400);
	}

	private static void save(BufferedImage img, Path file) {
		ImagePlus imp = new ImagePlus(file.getFileName().toString(), img);
		IJ.run(imp, "8-bit Color", "number=256");
		IJ.saveAs(imp, "PNG", file.toString());
	}
}
