package io.github.magratio.ij;

import ij.ImagePlus;
import ij.gui.Plot;

import io.github.magratio.util.AtomicFiles;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders line plots (one trace per cell) to PNG with ImageJ's {@link Plot}, which draws into an image without any
 * window, so it works headless.
 */
public final class TracePlots {

	/** Distinguishable colours (Okabe-Ito, then a few more), cycled when there are more traces. */
	private static final Color[] PALETTE = { new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
		new Color(204, 121, 167), new Color(86, 180, 233), new Color(213, 94, 0), new Color(240, 228, 66), Color.BLACK,
		new Color(127, 127, 127), new Color(148, 103, 189), new Color(140, 86, 75), new Color(23, 190, 207) };

	private TracePlots() {}

	/**
	 * Builds a plot of several traces against a common x axis; NaN values leave gaps.
	 *
	 * @param names legend entries, one per trace (no legend when there are more than 24)
	 */
	public static ImagePlus plot(String title, String xLabel, String yLabel, double[] x, List<double[]> traces,
		List<String> names, int width, int height)
	{
		Plot plot = new Plot(title, xLabel, yLabel);
		plot.setSize(width, height);
		plot.setFont(Font.PLAIN, 14);
		plot.setAxisLabelFont(Font.BOLD, 15);
		double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
		for (double[] y : traces)
			for (double v : y)
				if (!Double.isNaN(v)) {
					ymin = Math.min(ymin, v);
					ymax = Math.max(ymax, v);
				}
		if (!(ymax >= ymin)) {
			ymin = 0;
			ymax = 1;
		}
		double pad = Math.max(1e-6, 0.06 * (ymax - ymin));
		plot.setLimits(x[0], x.length > 1 ? x[x.length - 1] : x[0] + 1, Math.max(0, ymin - pad), ymax + pad);
		plot.setLineWidth(2);
		StringBuilder legend = new StringBuilder();
		for (int i = 0; i < traces.size(); i++) {
			plot.setColor(PALETTE[i % PALETTE.length]);
			plot.add("line", x, traces.get(i));
			legend.append(i > 0 ? "\n" : "").append(names.get(i));
		}
		if (traces.size() <= 24 && !traces.isEmpty()) {
			plot.setColor(Color.BLACK);
			plot.addLegend(legend.toString(), "auto");
		}
		return plot.getImagePlus();
	}

	/**
	 * Saves an image as PNG, atomically, with Java's PNG encoder (whose failures, such as a full disk, are errors
	 * naming the file; ImageJ's {@code saveAsPng} reports them only in a dialog or the log).
	 */
	public static void savePng(ImagePlus imp, Path target) throws IOException {
		java.awt.image.BufferedImage image = imp.getBufferedImage();
		AtomicFiles.writeBytes(target, out -> {
			java.util.Iterator<javax.imageio.ImageWriter> it = javax.imageio.ImageIO.getImageWritersByFormatName("png");
			if (!it.hasNext()) throw new IOException("no PNG encoder in this Java");
			javax.imageio.ImageWriter w = it.next();
			try (javax.imageio.stream.ImageOutputStream ios = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
				w.setOutput(ios);
				w.write(image);
			} finally {
				w.dispose();
			}
		});
	}
}
