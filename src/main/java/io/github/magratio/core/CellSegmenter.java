package io.github.magratio.core;

import java.util.Arrays;

/**
 * Automatic cell segmentation of one 2D image (by default the time-averaged sum of both channels, where every cell is
 * bright whatever its [Mg2+]) with the detector the settings name: {@value SegmentationSettings#DETECTOR_SEEDED}
 * ({@link SeededSegmenter}: per-object levels grown from LoG seeds, brightness-independent) or
 * {@value SegmentationSettings#DETECTOR_THRESHOLD} (Gaussian smoothing, removal of a smooth background surface, one
 * global auto-threshold, hole filling, a distance-transform watershed to split touching cells). Both end with the same
 * size and border filters and report every object's contrast and signal-to-noise ratio. Stateless.
 */
public final class CellSegmenter {

	private CellSegmenter() {}

	/**
	 * @param image row-major intensities (any scale), {@code width * height}
	 * @param threshold the auto-threshold of the {@value SegmentationSettings#DETECTOR_THRESHOLD} detector, applied to
	 *          the flattened image's 256-bin histogram (unused by the seeded detector)
	 * @return the cells (numbered 1..n in raster order), the rejected objects and their measurements
	 */
	public static Segmentation segment(float[] image, int width, int height, SegmentationSettings settings,
		ThresholdMethod threshold)
	{
		if (image.length != (long) width * height) throw new IllegalArgumentException("image has " + image.length +
			" pixels, expected " + width + "x" + height);
		if (SegmentationSettings.DETECTOR_SEEDED.equals(settings.detector())) return SeededSegmenter.segment(image,
			width, height, settings);
		return globalThreshold(image, width, height, settings, threshold);
	}

	private static Segmentation globalThreshold(float[] image, int width, int height, SegmentationSettings settings,
		ThresholdMethod threshold)
	{
		boolean[] finite = new boolean[image.length];
		float[] img = image.clone();
		for (int i = 0; i < img.length; i++) {
			finite[i] = Float.isFinite(img[i]);
			if (!finite[i]) img[i] = 0;
		}
		float[] smooth = Morphology.gaussian(img, width, height, settings.smoothPx());
		float[] surface = settings.flattenDegree() >= 0 ? surface(smooth, width, height, settings.flattenDegree())
			: new float[img.length];
		float[] flat = new float[img.length];
		for (int i = 0; i < flat.length; i++)
			flat[i] = smooth[i] - surface[i];
		boolean[] fg = threshold(flat, threshold);
		if (settings.fillHoles()) fg = Morphology.fillHoles(fg, width, height);
		int[] lab = settings.watershed() ? Watershed.split(fg, width, height, settings.watershedTolerancePx())
			: Morphology.connectedComponents(fg, width, height, true);
		// measurements against the same flattening surface: contrast, SNR (no object is rejected for them)
		float[] sub = new float[img.length];
		boolean[] background = new boolean[img.length];
		for (int i = 0; i < sub.length; i++) {
			sub[i] = img[i] - surface[i];
			background[i] = !fg[i] && finite[i];
		}
		double sigma = SeededSegmenter.pixelNoise(sub, background, width, height);
		double diameter = 2 * Math.sqrt(Math.max(1, meanArea(lab)) / Math.PI);
		return SeededSegmenter.accept(lab, sub, finite, width, height, diameter, sigma, settings, false, false,
			surface);
	}

	private static double meanArea(int[] labels) {
		int max = 0;
		long area = 0;
		for (int l : labels) {
			max = Math.max(max, l);
			if (l > 0) area++;
		}
		return max == 0 ? 0 : area / (double) max;
	}

	/** A robust low-order surface fitted to the dim (background) half of the pixels. */
	static float[] surface(float[] image, int width, int height, int degree) {
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
		return surface;
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
