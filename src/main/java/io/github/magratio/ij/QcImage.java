package io.github.magratio.ij;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import io.github.magratio.core.Labels;
import io.github.magratio.core.Segmentation;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The segmentation QC picture ({@code qc.png}): the image the cells were found on, with a square-root contrast stretch
 * so dim cells stay visible beside bright ones, every cell's outline and id in yellow, and every object the detector
 * rejected outlined in magenta with the letter of the setting that rejected it. A caption lists the counts, the
 * detector and the cell size. Small images are enlarged (whole pixels) so that outlines and ids are readable. Drawn
 * into an image, never a window: works headless.
 */
public final class QcImage {

	/** Outline and id colour of accepted cells. */
	public static final Color CELL = new Color(255, 221, 0);
	/** Outline colour of rejected objects. */
	public static final Color REJECTED = new Color(255, 60, 200);
	private static final int CAPTION_PX = 40;

	private QcImage() {}

	/**
	 * Renders the QC picture.
	 *
	 * @param image the segmentation image (row-major, e.g. the time average of F340 + F380)
	 * @param cells the cells (ids drawn); their outlines in {@link #CELL}
	 * @param segmentation the detector's result for its rejected objects and caption; null for given labels
	 * @param title first line of the caption (e.g. the input's name)
	 */
	public static ImagePlus render(float[] image, Labels cells, Segmentation segmentation, String title) {
		int w = cells.width(), h = cells.height();
		int scale = Math.max(1, Math.min(4, 720 / Math.max(w, h)));
		int sw = w * scale, sh = h * scale;
		ColorProcessor cp = new ColorProcessor(sw, sh + CAPTION_PX);
		cp.setColor(Color.BLACK);
		cp.fill();
		double[] range = range(image);
		for (int y = 0; y < sh; y++)
			for (int x = 0; x < sw; x++) {
				float v = image[(y / scale) * w + x / scale];
				double f = Float.isFinite(v) ? Math.sqrt(Math.max(0, Math.min(1, (v - range[0]) / (range[1] - range[0]))))
					: 0;
				int g = (int) Math.round(255 * f);
				cp.set(x, y, (g << 16) | (g << 8) | g);
			}
		Labels rejected = segmentation == null ? null : segmentation.rejected;
		if (rejected != null) outline(cp, rejected, scale, REJECTED);
		outline(cp, cells, scale, CELL);
		int fontPx = Math.max(9, Math.min(14, scale * 6));
		cp.setFont(new Font("SansSerif", Font.BOLD, fontPx));
		cp.setAntialiasedText(true);
		if (rejected != null) for (int id = 1; id <= rejected.count(); id++)
			label(cp, code(segmentation.rejectedStats[id].rejectedBy), rejected, id, scale, REJECTED);
		for (int id = 1; id <= cells.count(); id++)
			label(cp, Integer.toString(id), cells, id, scale, CELL);
		cp.setFont(new Font("SansSerif", Font.PLAIN, 12));
		cp.setColor(Color.WHITE);
		cp.drawString(title, 4, sh + 16);
		cp.setColor(CELL);
		String count = cells.count() + " cell" + (cells.count() == 1 ? "" : "s");
		cp.drawString(count, 4, sh + 33);
		int x = 4 + cp.getStringWidth(count) + 8;
		cp.setColor(REJECTED);
		String rej = segmentation == null || !segmentation.automatic() ? "(given labels)" : rejectedCaption(
			segmentation);
		cp.drawString(rej, x, sh + 33);
		return new ImagePlus("qc", cp);
	}

	private static String rejectedCaption(Segmentation s) {
		StringBuilder b = new StringBuilder(s.rejected.count() + " rejected");
		if (s.rejected.count() > 0) {
			b.append(" (");
			boolean first = true;
			for (Map.Entry<String, Integer> e : s.rejectedBySetting().entrySet()) {
				b.append(first ? "" : ", ").append(code(e.getKey())).append(' ').append(e.getKey()).append(' ').append(e
					.getValue());
				first = false;
			}
			b.append(')');
		}
		if (!Double.isNaN(s.diameterPx)) b.append(String.format(Locale.ROOT, "; cell diameter %.1f px%s", s.diameterPx,
			s.diameterEstimated ? " (estimated)" : ""));
		return b.toString();
	}

	/** @return the one-letter code of the setting that rejected an object, as drawn on it */
	static String code(String setting) {
		if (setting == null) return "?";
		switch (setting) {
			case "min_area_px":
				return "a";
			case "max_area_px":
				return "A";
			case "min_snr":
				return "n";
			case "min_texture_contrast":
				return "t";
			case "min_sharpness":
				return "h";
			case "border":
				return "b";
			case "specimen":
				return "s";
			default:
				return "?";
		}
	}

	/** The 0.5 and 99.8 percentiles of the finite values: a stretch that bright cells do not set alone. */
	private static double[] range(float[] image) {
		int step = Math.max(1, image.length / 200_000);
		float[] v = new float[image.length / step + 1];
		int n = 0;
		for (int i = 0; i < image.length; i += step)
			if (Float.isFinite(image[i])) v[n++] = image[i];
		if (n == 0) return new double[] { 0, 1 };
		Arrays.sort(v, 0, n);
		double lo = v[(int) (0.005 * (n - 1))], hi = v[(int) (0.998 * (n - 1))];
		return hi > lo ? new double[] { lo, hi } : new double[] { lo, lo + 1 };
	}

	/** Draws the pixels of each object that touch another label (or background) in {@code color}. */
	private static void outline(ColorProcessor cp, Labels labels, int scale, Color color) {
		int w = labels.width(), h = labels.height(), rgb = color.getRGB() & 0xffffff;
		int[] l = labels.array();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int id = l[y * w + x];
				if (id == 0) continue;
				boolean left = x == 0 || l[y * w + x - 1] != id, right = x == w - 1 || l[y * w + x + 1] != id;
				boolean up = y == 0 || l[(y - 1) * w + x] != id, down = y == h - 1 || l[(y + 1) * w + x] != id;
				if (!(left || right || up || down)) continue;
				for (int dy = 0; dy < scale; dy++)
					for (int dx = 0; dx < scale; dx++) {
						boolean edge = scale == 1 || (left && dx == 0) || (right && dx == scale - 1) || (up && dy == 0) ||
							(down && dy == scale - 1);
						if (edge) cp.set(x * scale + dx, y * scale + dy, rgb);
					}
			}
	}

	/** Draws a text centred on an object's centroid, with a dark outline so it reads on any background. */
	private static void label(ColorProcessor cp, String text, Labels labels, int id, int scale, Color color) {
		int tw = cp.getStringWidth(text), th = cp.getFontMetrics().getAscent();
		int x = (int) Math.round((labels.centroidX(id) + 0.5) * scale - tw / 2.0);
		int y = (int) Math.round((labels.centroidY(id) + 0.5) * scale + th / 2.0);
		cp.setColor(Color.BLACK);
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++)
				if (dx != 0 || dy != 0) cp.drawString(text, x + dx, y + dy);
		cp.setColor(color);
		cp.drawString(text, x, y);
	}
}
