package io.github.magratio.core;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Estimates the background of one channel of one frame, as a plane of camera counts to subtract, with the method of a
 * {@link BackgroundSettings}. The pixels it may use as background (outside every cell dilated by the guard band), the
 * user's region and each cell's ring are computed once per label image, so per-frame work is a sampled fit or a few
 * means. Not thread-safe (reuses a surface fitter); use one per thread.
 */
public final class BackgroundEstimator {

	/** Fewer background pairs than this and the noise is taken over every pair (see {@link #noiseSigma}). */
	private static final int MIN_BACKGROUND_PAIRS = 100;

	private final BackgroundSettings settings;
	private final int width;
	private final int height;
	private final Labels labels;
	private final boolean[] backgroundPixels;
	private final int[] roiPixels;
	private final int[][] rings;
	private final SurfaceFit[] surface;
	/** Per channel (0 = 340, 1 = 380): the constant background, or each cell's ring mean (RING), of the last frame. */
	private final double[] level = new double[2];
	private final float[][] perCell;
	private final double[] differences;
	/** The differences of a 16-bit plane, as integers, and their exact ranks by counting. */
	private final int[] intDifferences;
	/**
	 * The noise's pairs of background pixels ({@link PixelNoise#pairIndices}), those of sampled row {@code k}
	 * (y = k * step) at {@code backgroundPairs[pairRowStart[k]..pairRowStart[k+1]-1]}; every pair's only when a frame
	 * has too few of them (found then, once).
	 */
	private final int[] backgroundPairs, pairRowStart;
	/** The noise samples every noiseStep-th row and column. */
	private final int noiseStep;
	private int[] allPairs;
	private final IntegerRanks ranks = new IntegerRanks();

	/**
	 * @param labels the cells (their dilation by the guard band is never background)
	 * @param roiMask the user's cell-free region for {@link BackgroundMethod#ROI} (row-major), else ignored; may be
	 *          null for other methods
	 * @throws IllegalArgumentException when the ROI method has no region, or it covers no pixel
	 */
	public BackgroundEstimator(BackgroundSettings settings, Labels labels, boolean[] roiMask) {
		this.settings = settings;
		this.labels = labels;
		this.width = labels.width();
		this.height = labels.height();
		boolean[] cells = Morphology.dilate(labels.mask(), width, height, settings.guardPx());
		backgroundPixels = new boolean[cells.length];
		for (int i = 0; i < cells.length; i++)
			backgroundPixels[i] = !cells[i];
		if (settings.method() == BackgroundMethod.ROI) {
			if (roiMask == null) throw new IllegalArgumentException(
				"background method 'roi' needs a cell-free region (bg_roi: x,y,width,height or an ImageJ .roi file)");
			if (roiMask.length != cells.length) throw new IllegalArgumentException("background ROI mask has " +
				roiMask.length + " pixels, expected " + width + "x" + height);
			roiPixels = indices(roiMask);
			if (roiPixels.length == 0) throw new IllegalArgumentException(
				"background ROI covers no pixel of the image");
		}
		else roiPixels = null;
		rings = settings.method() == BackgroundMethod.RING ? rings() : null;
		if (settings.method() == BackgroundMethod.SURFACE) {
			surface = new SurfaceFit[2];
			for (int c = 0; c < 2; c++) {
				surface[c] = new SurfaceFit(width, height, settings.surfaceDegree(), 10000, settings.clipSigma());
				surface[c].prepare(backgroundPixels);
			}
		}
		else surface = null;
		perCell = rings == null ? null : new float[2][labels.count() + 1];
		int step = noiseStep = noiseStep();
		differences = new double[(width / step + 1) * (height / step + 1)];
		intDifferences = new int[differences.length];
		backgroundPairs = PixelNoise.pairIndices(backgroundPixels, width, height, step);
		pairRowStart = new int[(height + step - 1) / step + 1];
		for (int k = 0, i = 0; k < pairRowStart.length; k++) {
			while (i < backgroundPairs.length && backgroundPairs[i] < k * step * width)
				i++;
			pairRowStart[k] = i;
		}
	}

	private static int[] indices(boolean[] mask) {
		int n = 0;
		for (boolean b : mask)
			if (b) n++;
		int[] out = new int[n];
		n = 0;
		for (int i = 0; i < mask.length; i++)
			if (mask[i]) out[n++] = i;
		return out;
	}

	/** Per cell, the background pixels at distance (guard, guard + width] from it. */
	private int[][] rings() {
		int[][] out = new int[labels.count() + 1][];
		int[] lab = labels.array();
		double outer = settings.guardPx() + settings.ringWidthPx();
		int pad = (int) Math.ceil(outer) + 1;
		for (int id = 1; id <= labels.count(); id++) {
			int[] bb = labels.bounds(id);
			int x0 = Math.max(0, bb[0] - pad), y0 = Math.max(0, bb[1] - pad);
			int x1 = Math.min(width - 1, bb[2] + pad), y1 = Math.min(height - 1, bb[3] + pad);
			int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
			boolean[] cell = new boolean[bw * bh];
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++)
					cell[(y - y0) * bw + x - x0] = lab[y * width + x] == id;
			boolean[] within = Morphology.dilate(cell, bw, bh, outer);
			int n = 0;
			int[] buf = new int[bw * bh];
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) {
					int p = y * width + x;
					if (within[(y - y0) * bw + x - x0] && backgroundPixels[p]) buf[n++] = p;
				}
			out[id] = Arrays.copyOf(buf, n);
		}
		return out;
	}

	/** @return the pixels that may serve as background (outside every cell dilated by the guard band); do not modify */
	public boolean[] backgroundPixels() {
		return backgroundPixels;
	}

	/**
	 * Estimates the background of one channel of one frame.
	 *
	 * @param frame the raw 2D frame (camera counts)
	 * @param channel380 false for 340 nm, true for 380 nm (picks the constant)
	 * @param plane receives the background to subtract at each pixel, camera offset included; for
	 *          {@link BackgroundMethod#RING} pixels outside cells are NaN
	 * @return the single-pixel noise standard deviation of the frame's background, counts (robust, from neighbour
	 *         differences so gradients do not inflate it)
	 */
	public <T extends RealType<T>> double estimate(RandomAccessibleInterval<T> frame, boolean channel380,
		float[] plane)
	{
		if (frame.numDimensions() != 2 || frame.dimension(0) != width || frame.dimension(1) != height)
			throw new IllegalArgumentException("frame is " + java.util.Arrays.toString(frame.dimensionsAsLongArray()) +
				", expected " + width + "x" + height);
		double sigma = estimate(PlaneRows.of(frame), channel380);
		for (int y = 0; y < height; y++)
			backgroundRow(channel380, y, plane, y * width);
		return sigma;
	}

	/**
	 * Estimates the background of one channel of one frame and keeps it for {@link #backgroundRow}: the surface fit,
	 * ring or region means, from sampled or masked pixels only (no full-plane pass).
	 *
	 * @param raw the raw frame's rows, {@code width x height}
	 * @return the single-pixel noise standard deviation of the frame's background, counts
	 */
	public double estimate(PlaneRows raw, boolean channel380) {
		fit(raw, channel380);
		short[] u16 = raw.unsigned16();
		return u16 != null ? noiseSigma(u16) : noiseSigma((SurfaceFit.PlaneReader) raw::get);
	}

	/** The background of one channel, as {@link #estimate(PlaneRows, boolean)} fits it, without the noise. */
	void fit(PlaneRows raw, boolean channel380) {
		int c = channel380 ? 1 : 0;
		SurfaceFit.PlaneReader values = raw::get;
		double offset = settings.cameraOffset();
		switch (settings.method()) {
			case NONE:
				level[c] = offset;
				break;
			case CONSTANT:
				level[c] = offset + (channel380 ? settings.constant380() : settings.constant340());
				break;
			case ROI:
				level[c] = mean(values, roiPixels);
				break;
			case SURFACE:
				if (raw.unsigned16() != null) surface[c].fitUnsigned16(raw.unsigned16(), values);
				else surface[c].fit(values);
				break;
			case RING:
				for (int id = 1; id <= labels.count(); id++)
					perCell[c][id] = (float) mean(values, rings[id]);
				break;
			default:
				throw new IllegalStateException(settings.method().toString());
		}
	}

	/**
	 * @return true when the noise of a plain 16-bit plane can be gathered row by row ({@link #noiseRow}): the frame has
	 *         enough background pairs for {@link #estimate(PlaneRows, boolean)} not to fall back to every pair
	 */
	boolean noiseByRows() {
		return backgroundPairs.length >= MIN_BACKGROUND_PAIRS;
	}

	/**
	 * Gathers the noise's pairs of row {@code y} of a plain 16-bit plane (none unless y is a sampled row), so that a
	 * caller passing over the plane row by row reads them while the row is in the cache instead of in a pass of its
	 * own; rows in any order, each once, then {@link #noiseOfRows}.
	 *
	 * @param n the pairs gathered so far in this plane (0 at its first row)
	 * @return n plus this row's pairs
	 */
	int noiseRow(short[] px, int y, int n) {
		if (y % noiseStep != 0) return n;
		int k = y / noiseStep;
		return PixelNoise.gatherUnsigned16(px, backgroundPairs, pairRowStart[k], pairRowStart[k + 1], intDifferences, n);
	}

	/**
	 * @param n the pairs {@link #noiseRow} gathered over every row
	 * @return the plane's noise, what {@link #estimate(PlaneRows, boolean)} returns when {@link #noiseByRows()}
	 */
	double noiseOfRows(int n) {
		return PixelNoise.sigmaOf(intDifferences, n, ranks);
	}

	/**
	 * Writes row {@code y} of the background of the last {@link #estimate(PlaneRows, boolean)} of that channel into
	 * {@code out[offset..offset+width-1]}, camera counts (NaN outside cells with {@link BackgroundMethod#RING}).
	 */
	public void backgroundRow(boolean channel380, int y, float[] out, int offset) {
		int c = channel380 ? 1 : 0;
		switch (settings.method()) {
			case SURFACE:
				surface[c].evaluateRow(y, out, offset);
				break;
			case RING:
				int[] lab = labels.array();
				float[] cell = perCell[c];
				for (int x = 0, p = y * width; x < width; x++, p++)
					out[offset + x] = lab[p] > 0 ? cell[lab[p]] : Float.NaN;
				break;
			default:
				java.util.Arrays.fill(out, offset, offset + width, (float) level[c]);
		}
	}

	/**
	 * @return the fitted surface of a channel when the method is {@link BackgroundMethod#SURFACE} (for callers that
	 *         evaluate its rows inline, {@link SurfaceFit#rowCoefficients}), else null
	 */
	SurfaceFit surface(boolean channel380) {
		return surface == null ? null : surface[channel380 ? 1 : 0];
	}

	private static double mean(SurfaceFit.PlaneReader raw, int[] pixels) {
		double s = 0;
		int n = 0;
		for (int p : pixels) {
			double v = raw.get(p);
			if (!Double.isFinite(v)) continue;
			s += v;
			n++;
		}
		return n == 0 ? Double.NaN : s / n;
	}

	/**
	 * Robust noise: MAD of horizontal neighbour differences over background pixels, divided by sqrt(2). A field so
	 * crowded that fewer than 100 background pairs remain uses every pair: cell texture then inflates the estimate,
	 * which errs on the side of rejecting dim pixels rather than silently disabling the low-signal test.
	 */
	private double noiseSigma(SurfaceFit.PlaneReader raw) {
		int step = noiseStep();
		PixelNoise.Difference d = p -> raw.get(p) - raw.get(p + 1);
		return noiseSigma((allowed, minPairs) -> PixelNoise.sigma(d, allowed, width, height, step, minPairs,
			differences));
	}

	/** {@link #noiseSigma(SurfaceFit.PlaneReader)} of a plain 16-bit plane: the same pairs, the same number. */
	private double noiseSigma(short[] px) {
		return noiseSigma((allowed, minPairs) -> PixelNoise.sigmaUnsigned16(px, allowed == null ? allPairs()
			: backgroundPairs, minPairs, intDifferences, ranks));
	}

	/** The noise SD over the pairs whose pixels are {@code allowed} (null: every pair), NaN below {@code minPairs}. */
	private interface PairNoise {
		double sigma(boolean[] allowed, int minPairs);
	}

	/**
	 * @return the noise over the background's pairs when at least 100 remain, else over every pair, else 0 (see
	 *         {@link #noiseSigma(SurfaceFit.PlaneReader)})
	 */
	private double noiseSigma(PairNoise noise) {
		double sigma = noise.sigma(backgroundPixels, MIN_BACKGROUND_PAIRS);
		if (!Double.isNaN(sigma)) return sigma;
		sigma = noise.sigma(null, 2);
		return Double.isNaN(sigma) ? 0 : sigma;
	}

	private int[] allPairs() {
		if (allPairs == null) allPairs = PixelNoise.pairIndices(null, width, height, noiseStep());
		return allPairs;
	}

	private int noiseStep() {
		return Math.max(1, (int) Math.ceil(Math.sqrt((double) width * height / 10000)));
	}
}
