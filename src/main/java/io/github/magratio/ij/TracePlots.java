package io.github.magratio.ij;

import ij.ImagePlus;
import ij.gui.Plot;

import io.github.magratio.util.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders line plots (one trace per cell) to an image with ImageJ's {@link Plot}, which draws without any window, so
 * it works headless: a title strip on top, and a legend in as many columns as the traces need beside the plot, each
 * trace in a colour of its own (no two traces share one).
 */
public final class TracePlots {

	/** Okabe-Ito colours (colour-blind safe, yellow left out: it vanishes on white); later traces get new hues. */
	private static final Color[] FIRST = { new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
		new Color(204, 121, 167), new Color(86, 180, 233), new Color(213, 94, 0), Color.BLACK };

	/** Legend rows per column. */
	static final int LEGEND_ROWS = 25;

	/** Most legend entries drawn; beyond, the title says that the ids are in the tables. */
	static final int MAX_LEGEND = 8 * LEGEND_ROWS;

	private TracePlots() {}

	/**
	 * @return the colour of trace {@code i} (0-based): the Okabe-Ito colours, then hues a golden angle apart at three
	 *         levels of saturation and brightness, so that no two of the first 300 are equal (more than the legend
	 *         shows) and none is pale
	 */
	public static Color colour(int i) {
		if (i < FIRST.length) return FIRST[i];
		int k = i - FIRST.length;
		float hue = (float) ((k * 0.6180339887498949) % 1.0);
		float[][] levels = { { 0.85f, 0.75f }, { 0.65f, 0.55f }, { 1.0f, 0.45f } };
		float[] l = levels[(k / 7) % levels.length];
		return Color.getHSBColor(hue, l[0], l[1]);
	}

	/**
	 * Builds a plot of several traces against a common x axis; NaN values leave gaps.
	 *
	 * @param title drawn on top of the image
	 * @param names legend entries, one per trace (up to {@link #MAX_LEGEND}, in columns of {@link #LEGEND_ROWS})
	 * @param width the plot's width in pixels, without the legend
	 * @param height the image's height in pixels, title included
	 */
	public static ImagePlus plot(String title, String xLabel, String yLabel, double[] x, List<double[]> traces,
		List<String> names, int width, int height)
	{
		int titleH = 30;
		Plot plot = new Plot(title, xLabel, yLabel);
		plot.setSize(width, height - titleH);
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
		for (int i = 0; i < traces.size(); i++) {
			plot.setColor(colour(i));
			plot.add("line", x, traces.get(i));
		}
		BufferedImage graph = plot.getImagePlus().getBufferedImage();
		int shown = Math.min(traces.size(), MAX_LEGEND);
		Font legendFont = new Font("SansSerif", Font.PLAIN, 13);
		int rowH = 18, columns = (shown + LEGEND_ROWS - 1) / LEGEND_ROWS;
		int columnW = 0;
		BufferedImage out = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		FontMetrics fm = g.getFontMetrics(legendFont);
		for (int i = 0; i < shown; i++)
			columnW = Math.max(columnW, 30 + fm.stringWidth(names.get(i)) + 14);
		g.dispose();
		int legendW = columns * columnW + (columns > 0 ? 10 : 0);
		out = new BufferedImage(graph.getWidth() + legendW, Math.max(height, titleH + 10 + Math.min(shown,
			LEGEND_ROWS) * rowH), BufferedImage.TYPE_INT_RGB);
		g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, out.getWidth(), out.getHeight());
		g.drawImage(graph, 0, titleH, null);
		g.setColor(Color.BLACK);
		g.setFont(new Font("SansSerif", Font.BOLD, 16));
		String heading = traces.size() > shown ? title + " (" + traces.size() + " traces; legend of the first " +
			shown + ")" : title;
		g.drawString(heading, 10, 21);
		g.setFont(legendFont);
		for (int i = 0; i < shown; i++) {
			int cx = graph.getWidth() + 5 + (i / LEGEND_ROWS) * columnW, cy = titleH + 10 + (i % LEGEND_ROWS) * rowH;
			g.setColor(colour(i));
			g.setStroke(new BasicStroke(3));
			g.drawLine(cx, cy + rowH / 2, cx + 22, cy + rowH / 2);
			g.setColor(Color.BLACK);
			g.drawString(names.get(i), cx + 28, cy + rowH / 2 + fm.getAscent() / 2 - 1);
		}
		g.dispose();
		return new ImagePlus(title, out);
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
