package io.github.magratio.core;

import java.util.Arrays;

/**
 * Automatic cell segmentation of one 2D image (by default the time-averaged sum of both channels, where every cell is
 * bright whatever its [Mg2+]): Gaussian smoothing, removal of a smooth illumination/background surface, an
 * auto-threshold, hole filling, a distance-transform watershed to split touching cells, then size and border filters.
 * Stateless.
 */
public final class CellSegmenter {

	private CellSegmenter() {}

	/**
	 * @param image row-major intensities (any scale), {@code width * height}
	 * @param threshold the auto-threshold to apply to the flattened image's 256-bin histogram
	 * @return the cells, numbered 1..n in raster order
	 */
	public static Labels segment(float[] image, int width, int height, SegmentationSettings settings,
		ThresholdMethod threshold)
	{
		if (image.length != width * height) throw new IllegalArgumentException("image has " + image.length +
			" pixels, expected " + width + "x" + height);
		float[] smooth = Morphology.gaussian(image, width, height, settings.smoothPx());
		float[] flat = settings.flattenDegree() >= 0 ? flatten(smooth, width, height, settings.flattenDegree())
			: smooth;
		boolean[] fg = threshold(flat, threshold);
		if (settings.fillHoles()) fg = Morphology.fillHoles(fg, width, height);
		int[] lab = settings.watershed() ? Watershed.split(fg, width, height, settings.watershedTolerancePx())
			: Morphology.connectedComponents(fg, width, height, true);
		return Labels.of(lab, width, height).filter(settings.minAreaPx(), settings.maxAreaPx(), settings
			.dropBorderCells());
	}

	/** Subtracts a robust low-order surface fitted to the dim (background) pixels. */
	static float[] flatten(float[] image, int width, int height, int degree) {
		SurfaceFit fit = new SurfaceFit(width, height, degree, 40000, 2.5);
		// start from the dimmer half so bright cells do not bias the first fit
		float[] sorted = image.clone();
		Arrays.sort(sorted);
		float median = sorted[sorted.length / 2];
		boolean[] allowed = new boolean[image.length];
		for (int i = 0; i < image.length; i++)
			allowed[i] = image[i] <= median;
		fit.fit(p -> image[p], allowed);
		float[] surface = new float[image.length];
		fit.evaluate(surface);
		float[] out = new float[image.length];
		for (int i = 0; i < image.length; i++)
			out[i] = image[i] - surface[i];
		return out;
	}

	/** Applies an auto-threshold on a 256-bin histogram between robust extremes (0.01 and 99.99 percentiles). */
	static boolean[] threshold(float[] image, ThresholdMethod method) {
		float[] sorted = image.clone();
		Arrays.sort(sorted);
		double lo = sorted[(int) (0.0001 * (sorted.length - 1))];
		double hi = sorted[(int) Math.ceil(0.9999 * (sorted.length - 1))];
		boolean[] fg = new boolean[image.length];
		if (!(hi > lo)) return fg;
		int[] hist = new int[256];
		double scale = 255.999 / (hi - lo);
		for (float v : image)
			hist[bin(v, lo, scale)]++;
		int level = method.level(hist);
		for (int i = 0; i < image.length; i++)
			fg[i] = bin(image[i], lo, scale) > level;
		return fg;
	}

	private static int bin(double v, double lo, double scale) {
		int b = (int) ((v - lo) * scale);
		return b < 0 ? 0 : b > 255 ? 255 : b;
	}
}
