package io.github.magratio.ij1;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.plugin.frame.RoiManager;

import java.awt.Frame;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.SwingUtilities;

/**
 * Takes the README's screenshots inside a real ImageJ 1 with MagRatio installed, under an X display (Xvfb): run by
 * {@code scripts/screenshots}. {@code menu.png}: the ImageJ window and the Plugins &gt; MagRatio menu exactly as ImageJ
 * built it from plugins.config, drawn as a pop-up copy (AWT menu-bar menus cannot be opened programmatically);
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
		ij.setLocation(0, 0);
		IJ.wait(500);
		// the menu, as built from plugins.config
		Menu magratio = Menus.getImageJMenu("Plugins>MagRatio");
		JPopupMenu popup = new JPopupMenu();
		JMenu[] tools = new JMenu[1];
		SwingUtilities.invokeAndWait(() -> {
			for (int i = 0; i < magratio.getItemCount(); i++) {
				MenuItem item = magratio.getItem(i);
				if (item instanceof Menu) {
					JMenu sub = new JMenu(item.getLabel());
					for (int k = 0; k < ((Menu) item).getItemCount(); k++)
						sub.add(new JMenuItem(((Menu) item).getItem(k).getLabel()));
					popup.add(sub);
					tools[0] = sub;
				}
				else if (item.getLabel().equals("-")) popup.addSeparator();
				else popup.add(new JMenuItem(item.getLabel()));
			}
			popup.show(ij, 290, 24); // under the Plugins menu title
		});
		IJ.wait(300);
		SwingUtilities.invokeAndWait(() -> {
			tools[0].setSelected(true);
			tools[0].setPopupMenuVisible(true);
		});
		IJ.wait(800);
		Rectangle r = ij.getBounds().union(new Rectangle(popup.getLocationOnScreen(), popup.getSize())).union(
			new Rectangle(tools[0].getPopupMenu().getLocationOnScreen(), tools[0].getPopupMenu().getSize()));
		save(new Robot().createScreenCapture(r), out.resolve("menu.png"));
		SwingUtilities.invokeAndWait(() -> popup.setVisible(false));

		// one output: the chain on the demo, with the display conveniences
		ImagePlus rec = IJ.openImage(args[0]);
		rec.setTitle("rec");
		rec.show();
		IJ.run("Segment Cells", "image=rec threshold=Otsu fillholes watershed");
		IJ.run("Subtract Background (MagRatio)", "image=rec labels=rec-labels method=surface");
		IJ.run("Ratio Image", "image=rec-bg");
		IJ.run("Ratio to [Mg2+]", "ratio=rec-ratio calibration=[" + args[1] + "]");
		IJ.run("Measure Cells", "recording=rec image=rec-bg labels=rec-labels ratio=rec-ratio mg=rec-mg");
		for (String t : new String[] { "rec", "rec-bg", "rec-ratio", "rec-labels" }) {
			ImagePlus imp = WindowManager.getImage(t);
			imp.getWindow().setVisible(false);
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

	private static void save(BufferedImage img, Path file) {
		ImagePlus imp = new ImagePlus(file.getFileName().toString(), img);
		IJ.run(imp, "8-bit Color", "number=256");
		IJ.saveAs(imp, "PNG", file.toString());
	}
}
