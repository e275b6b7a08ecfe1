package io.github.magratio.core;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Primitive-array building blocks for 2D segmentation: Gaussian smoothing, the exact Euclidean distance transform,
 * hole filling, mask dilation and connected-component labelling. Images are row-major arrays of
 * {@code width * height} pixels. Stateless; every method allocates its result.
 */
public final class Morphology {

	private Morphology() {}

	/** Below this many pixels a filter runs on the calling thread (splitting would cost more than it saves). */
	private static final int PARALLEL_PIXELS = 1 << 16;

	/**
	 * Runs {@code body} for 0 .. n-1, on the common fork-join pool when the plane is large. Every index writes only its
	 * own outputs with the same arithmetic as a sequential loop, so results do not depend on the number of threads.
	 */
	private static void forEach(int n, long pixels, IntConsumer body) {
		if (pixels < PARALLEL_PIXELS || n < 2) for (int i = 0; i < n; i++)
			body.accept(i);
		else IntStream.range(0, n).parallel().forEach(body);
	}

	/** Blocks of this many columns (or rows) are the units of work of the column passes and distance transforms. */
	private static final int COLUMN_BLOCK = 64;

	/**
	 * Separable Gaussian smoothing with mirrored borders.
	 *
	 * @param sigmaPx standard deviation in pixels; 0 returns a copy
	 */
	public static float[] gaussian(float[] image, int width, int height, double sigmaPx) {
		if (sigmaPx < 0) throw new IllegalArgumentException("smoothing sigma must be >= 0 px, got " + sigmaPx);
		if (sigmaPx == 0) return image.clone();
		return gaussian(image, width, height, sigmaPx, new float[image.length], new float[image.length]);
	}

	/**
	 * {@link #gaussian} into the caller's planes, for callers that filter many planes of one size (the scales of a
	 * blob search) and would otherwise allocate two per filter.
	 *
	 * @param sigmaPx standard deviation in pixels, &gt; 0
	 * @param out receives the result (the image's size; overwritten), returned
	 * @param tmp the row pass's plane (the image's size; overwritten)
	 */
	static float[] gaussian(float[] image, int width, int height, double sigmaPx, float[] out, float[] tmp) {
		int r = (int) Math.ceil(3 * sigmaPx);
		double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++)
			sum += k[i + r] = Math.exp(-0.5 * i * i / (sigmaPx * sigmaPx));
		for (int i = 0; i < k.length; i++)
			k[i] /= sum;
		long pixels = image.length;
		int rowBlocks = (height + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
		forEach(rowBlocks, pixels, b -> {
			double[] padded = new double[width + 2 * r];
			for (int y = b * COLUMN_BLOCK; y < Math.min(height, (b + 1) * COLUMN_BLOCK); y++)
				rowPass(image, tmp, y * width, width, k, padded);
		});
		// one accumulator row per block of rows, not per row; the 2r + 1 rows a row reads, widened to double once each
		// in a ring (row v in slot v mod 2r + 1), so that the tap loop is double arithmetic alone, which the compiler
		// vectorises (a float operand's widening it does not): the same products summed in the same order
		int taps = 2 * r + 1;
		forEach(rowBlocks, pixels, b -> {
			double[] acc = new double[width];
			double[][] ring = new double[taps][width];
			int y0 = b * COLUMN_BLOCK, y1 = Math.min(height, y0 + COLUMN_BLOCK);
			for (int v = y0 - r; v < y0 + r; v++)
				widen(tmp, mirror(v, height) * width, ring[Math.floorMod(v, taps)]);
			for (int y = y0; y < y1; y++) {
				widen(tmp, mirror(y + r, height) * width, ring[Math.floorMod(y + r, taps)]);
				Arrays.fill(acc, 0);
				for (int i = -r; i <= r; i++) {
					double[] src = ring[Math.floorMod(y + i, taps)];
					double ki = k[i + r];
					for (int x = 0; x < width; x++)
						acc[x] += ki * src[x];
				}
				for (int x = 0; x < width; x++)
					out[y * width + x] = (float) acc[x];
			}
		});
		return out;
	}

	/**
	 * One row of {@link #gaussian}'s row pass: the row mirrored into {@code padded} (width + 2r) once, then eight pixels
	 * at a time, each summing the same products in the same order as a tap loop per pixel (so bit-identical to it),
	 * in eight independent accumulators instead of one chain of dependent additions.
	 */
	private static void rowPass(float[] image, float[] out, int row, int width, double[] k, double[] padded) {
		int r = k.length / 2, taps = k.length;
		for (int j = 0; j < width + 2 * r; j++) {
			int x = j - r;
			padded[j] = image[row + (x >= 0 && x < width ? x : mirror(x, width))];
		}
		int x = 0;
		for (; x + 8 <= width; x += 8) {
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
			for (int i = 0; i < taps; i++) {
				double ki = k[i];
				int p = x + i;
				s0 += ki * padded[p];
				s1 += ki * padded[p + 1];
				s2 += ki * padded[p + 2];
				s3 += ki * padded[p + 3];
				s4 += ki * padded[p + 4];
				s5 += ki * padded[p + 5];
				s6 += ki * padded[p + 6];
				s7 += ki * padded[p + 7];
			}
			out[row + x] = (float) s0;
			out[row + x + 1] = (float) s1;
			out[row + x + 2] = (float) s2;
			out[row + x + 3] = (float) s3;
			out[row + x + 4] = (float) s4;
			out[row + x + 5] = (float) s5;
			out[row + x + 6] = (float) s6;
			out[row + x + 7] = (float) s7;
		}
		for (; x < width; x++) {
			double s = 0;
			for (int i = 0; i < taps; i++)
				s += k[i] * padded[x + i];
			out[row + x] = (float) s;
		}
	}

	/** Copies one row of {@code width = to.length} floats from {@code from} at {@code offset} into doubles. */
	private static void widen(float[] from, int offset, double[] to) {
		for (int x = 0; x < to.length; x++)
			to[x] = from[offset + x];
	}

	private static int mirror(int i, int n) {
		if (n == 1) return 0;
		while (i < 0 || i >= n)
			i = i < 0 ? -i - 1 : 2 * n - i - 1;
		return i;
	}

	/**
	 * Gaussian smoothing whose cost does not grow with sigma: the exact {@link #gaussian} below 3 px, else three
	 * successive box filters of widths chosen to match the variance (Wells 1986; the result is a piecewise quadratic
	 * kernel within a few percent of the Gaussian), with mirrored borders. For the broad kernels of background
	 * estimation and blob detection, where the exact kernel would cost 6 sigma operations per pixel.
	 *
	 * @param sigmaPx standard deviation in pixels, &gt;= 0
	 */
	public static float[] gaussianFast(float[] image, int width, int height, double sigmaPx) {
		if (sigmaPx < 3) return gaussian(image, width, height, sigmaPx);
		return gaussianFast(image, width, height, sigmaPx, new float[image.length], new float[image.length]);
	}

	/**
	 * {@link #gaussianFast} into the caller's planes (see {@link #gaussian(float[], int, int, double, float[],
	 * float[])}).
	 *
	 * @param sigmaPx standard deviation in pixels, &gt; 0
	 * @param out receives the result (the image's size; overwritten), returned
	 * @param tmp a working plane (the image's size; overwritten)
	 */
	static float[] gaussianFast(float[] image, int width, int height, double sigmaPx, float[] out, float[] tmp) {
		if (sigmaPx < 3) return gaussian(image, width, height, sigmaPx, out, tmp);
		int[] radii = boxRadii(sigmaPx, 3);
		float[] a = out, b = tmp;
		System.arraycopy(image, 0, a, 0, image.length);
		for (int r : radii) {
			boxRows(a, b, width, height, r);
			boxColumns(b, a, width, height, r);
		}
		return a;
	}

	/** Radii of n boxes whose convolution has variance sigma^2 (widths 2r+1 differ by at most 2). */
	static int[] boxRadii(double sigma, int n) {
		double ideal = Math.sqrt(12 * sigma * sigma / n + 1);
		int wl = (int) Math.floor(ideal);
		if (wl % 2 == 0) wl--;
		int wu = wl + 2;
		int m = (int) Math.round((12 * sigma * sigma - n * wl * wl - 4.0 * n * wl - 3.0 * n) / (-4.0 * wl - 4));
		int[] radii = new int[n];
		for (int i = 0; i < n; i++)
			radii[i] = ((i < m ? wl : wu) - 1) / 2;
		return radii;
	}

	/** Rows of {@link #boxRows} handled together: their running sums are independent chains of additions. */
	private static final int ROW_GROUP = 4;

	/**
	 * A box filter of radius {@code r} along every row, a running sum per row: groups of {@value #ROW_GROUP} rows
	 * interleaved, so the additions of different rows overlap instead of each waiting for the last, and the columns
	 * whose window does not reach past the row's ends read without the mirror. Each row sums the same values in the
	 * same order as one loop over it, so the result is the same to the bit.
	 */
	private static void boxRows(float[] in, float[] out, int width, int height, int r) {
		double norm = 1.0 / (2 * r + 1);
		// columns lo .. hi - 1: the window's entering and leaving pixels both inside the row
		int lo = Math.min(width, r), hi = Math.max(lo, width - r - 1);
		forEach((height + ROW_GROUP - 1) / ROW_GROUP, in.length, g -> {
			int y0 = g * ROW_GROUP;
			if (y0 + ROW_GROUP > height) {
				for (int y = y0; y < height; y++)
					boxRow(in, out, y * width, width, r, norm, lo, hi);
				return;
			}
			int r0 = y0 * width, r1 = r0 + width, r2 = r1 + width, r3 = r2 + width;
			double s0 = windowSum(in, r0, width, r), s1 = windowSum(in, r1, width, r), s2 = windowSum(in, r2, width,
				r), s3 = windowSum(in, r3, width, r);
			// the r columns at each end, row by row (few, and mirrored): only the interior is worth interleaving
			s0 = edgeRun(in, out, r0, width, r, norm, s0, 0, lo);
			s1 = edgeRun(in, out, r1, width, r, norm, s1, 0, lo);
			s2 = edgeRun(in, out, r2, width, r, norm, s2, 0, lo);
			s3 = edgeRun(in, out, r3, width, r, norm, s3, 0, lo);
			for (int x = lo; x < hi; x++) {
				int add = x + r + 1, sub = x - r;
				out[r0 + x] = (float) (s0 * norm);
				out[r1 + x] = (float) (s1 * norm);
				out[r2 + x] = (float) (s2 * norm);
				out[r3 + x] = (float) (s3 * norm);
				s0 += in[r0 + add] - in[r0 + sub];
				s1 += in[r1 + add] - in[r1 + sub];
				s2 += in[r2 + add] - in[r2 + sub];
				s3 += in[r3 + add] - in[r3 + sub];
			}
			edgeRun(in, out, r0, width, r, norm, s0, hi, width);
			edgeRun(in, out, r1, width, r, norm, s1, hi, width);
			edgeRun(in, out, r2, width, r, norm, s2, hi, width);
			edgeRun(in, out, r3, width, r, norm, s3, hi, width);
		});
	}

	/** One row of {@link #boxRows} alone (the last rows of the image, fewer than a group). */
	private static void boxRow(float[] in, float[] out, int row, int width, int r, double norm, int lo, int hi) {
		double sum = edgeRun(in, out, row, width, r, norm, windowSum(in, row, width, r), 0, lo);
		for (int x = lo; x < hi; x++) {
			out[row + x] = (float) (sum * norm);
			sum += in[row + x + r + 1] - in[row + x - r];
		}
		edgeRun(in, out, row, width, r, norm, sum, hi, width);
	}

	/**
	 * Columns {@code from .. to - 1} of one row of {@link #boxRows}, where the window reaches past the row's ends.
	 *
	 * @param sum the running sum at column {@code from}
	 * @return the running sum at column {@code to}
	 */
	private static double edgeRun(float[] in, float[] out, int row, int width, int r, double norm, double sum, int from,
		int to)
	{
		for (int x = from; x < to; x++) {
			out[row + x] = (float) (sum * norm);
			sum += boxStep(in, row, width, r, x);
		}
		return sum;
	}

	/** @return the sum of a row's pixels -r .. r (mirrored), the window of its first column */
	private static double windowSum(float[] in, int row, int width, int r) {
		double sum = 0;
		for (int i = -r; i <= r; i++)
			sum += in[row + mirror(i, width)];
		return sum;
	}

	/** @return the change of the running sum of {@link #boxRows} from column x to x + 1 (a float difference) */
	private static float boxStep(float[] in, int row, int width, int r, int x) {
		int add = x + r + 1, sub = x - r;
		return in[row + (add < width ? add : mirror(add, width))] - in[row + (sub >= 0 ? sub : mirror(sub, width))];
	}

	private static void boxColumns(float[] in, float[] out, int width, int height, int r) {
		double norm = 1.0 / (2 * r + 1);
		// as few blocks as there are threads, each as wide as that allows: the pass walks every row of its block, and
		// long runs of a row cost less than many short ones a row apart (1024 x 1024, sigma 10: 16.7 ms in blocks of 64
		// columns, 9.4 in two of 512); the columns are independent, so the result does not depend on the blocks
		int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
		int cb = Math.max(COLUMN_BLOCK, (width + threads - 1) / threads);
		int blocks = (width + cb - 1) / cb;
		forEach(blocks, in.length, b -> {
			int x0 = b * cb, x1 = Math.min(width, x0 + cb);
			double[] sum = new double[x1 - x0];
			for (int i = -r; i <= r; i++) {
				int row = mirror(i, height) * width;
				for (int x = x0; x < x1; x++)
					sum[x - x0] += in[row + x];
			}
			for (int y = 0; y < height; y++) {
				int row = y * width, add = mirror(y + r + 1, height) * width, sub = mirror(y - r, height) * width;
				for (int x = x0; x < x1; x++) {
					out[row + x] = (float) (sum[x - x0] * norm);
					sum[x - x0] += in[add + x] - in[sub + x];
				}
			}
		});
	}

	/**
	 * The discrete Laplacian (5-point stencil, mirrored borders) of an image.
	 *
	 * @return a new array: {@code f(x-1,y) + f(x+1,y) + f(x,y-1) + f(x,y+1) - 4 f(x,y)}
	 */
	public static float[] laplacian(float[] f, int width, int height) {
		return laplacian(f, width, height, new float[f.length]);
	}

	/** {@link #laplacian} into {@code out} (the image's size; overwritten), returned. */
	static float[] laplacian(float[] f, int width, int height, float[] out) {
		forEach(height, f.length, y -> {
			int up = mirror(y - 1, height) * width, down = mirror(y + 1, height) * width, row = y * width;
			// the two border columns through the mirror, the interior without it (the same sum, in the same order)
			for (int x = 0; x < width; x += Math.max(1, width - 1)) {
				int l = x > 0 ? x - 1 : mirror(x - 1, width), r = x + 1 < width ? x + 1 : mirror(x + 1, width);
				out[row + x] = f[row + l] + f[row + r] + f[up + x] + f[down + x] - 4 * f[row + x];
			}
			for (int x = 1; x < width - 1; x++)
				out[row + x] = f[row + x - 1] + f[row + x + 1] + f[up + x] + f[down + x] - 4 * f[row + x];
		});
		return out;
	}

	/**
	 * Exact Euclidean distance transform (Felzenszwalb &amp; Huttenlocher 2012): for every foreground pixel the
	 * distance in pixels to the nearest background pixel; 0 on background. Pixels outside the image count as
	 * background, so objects touching the border get distances to the border.
	 */
	public static float[] distanceTransform(boolean[] foreground, int width, int height) {
		int m = Math.max(width, height) + 2;
		double[] grid = new double[width * height];
		float[] out = new float[width * height];
		// columns, with a virtual background pixel beyond each end: on a binary image the lower envelope of the
		// parabolas is the squared distance to the nearest background pixel above or below, found by two sweeps
		forEach((width + COLUMN_BLOCK - 1) / COLUMN_BLOCK, grid.length, b -> {
			int x0 = b * COLUMN_BLOCK, x1 = Math.min(width, (b + 1) * COLUMN_BLOCK);
			int[] last = new int[x1 - x0];
			Arrays.fill(last, -1);
			for (int y = 0; y < height; y++)
				for (int x = x0; x < x1; x++) {
					if (!foreground[y * width + x]) last[x - x0] = y;
					grid[y * width + x] = y - last[x - x0];
				}
			Arrays.fill(last, height);
			for (int y = height - 1; y >= 0; y--)
				for (int x = x0; x < x1; x++) {
					int i = y * width + x;
					if (!foreground[i]) last[x - x0] = y;
					double up = grid[i], down = last[x - x0] - y, near = Math.min(up, down);
					grid[i] = near * near;
				}
		});
		forEach((height + COLUMN_BLOCK - 1) / COLUMN_BLOCK, grid.length, b -> {
			double[] f = new double[m], d = new double[m], z = new double[m + 1];
			int[] v = new int[m];
			for (int y = b * COLUMN_BLOCK; y < Math.min(height, (b + 1) * COLUMN_BLOCK); y++) {
				int n = width + 2;
				f[0] = 0;
				f[n - 1] = 0;
				for (int x = 0; x < width; x++)
					f[x + 1] = grid[y * width + x];
				envelope(f, n, d, v, z, null);
				for (int x = 0; x < width; x++)
					out[y * width + x] = foreground[y * width + x] ? (float) Math.sqrt(d[x + 1]) : 0f;
			}
		});
		return out;
	}

	/**
	 * The nearest feature pixel of every pixel (exact Euclidean, Felzenszwalb &amp; Huttenlocher 2012, with the
	 * argmin carried through both passes).
	 *
	 * @param features the pixels to measure from
	 * @param squaredDistance receives each pixel's squared distance to the nearest feature pixel (infinite when there is
	 *          none), may be null
	 * @return each pixel's nearest feature pixel (row-major index; a feature pixel is its own), -1 when there is none
	 */
	public static int[] nearestFeature(boolean[] features, int width, int height, float[] squaredDistance) {
		double inf = 1e20;
		int m = Math.max(width, height);
		double[] colDist = new double[width * height];
		int[] colRow = new int[width * height];
		forEach((width + COLUMN_BLOCK - 1) / COLUMN_BLOCK, colDist.length, b -> {
			double[] f = new double[m], d = new double[m], z = new double[m + 1];
			int[] v = new int[m], arg = new int[m];
			for (int x = b * COLUMN_BLOCK; x < Math.min(width, (b + 1) * COLUMN_BLOCK); x++) {
				for (int y = 0; y < height; y++)
					f[y] = features[y * width + x] ? 0 : inf;
				envelope(f, height, d, v, z, arg);
				for (int y = 0; y < height; y++) {
					colDist[y * width + x] = d[y];
					colRow[y * width + x] = arg[y];
				}
			}
		});
		int[] out = new int[width * height];
		forEach((height + COLUMN_BLOCK - 1) / COLUMN_BLOCK, colDist.length, b -> {
			double[] f = new double[m], d = new double[m], z = new double[m + 1];
			int[] v = new int[m], arg = new int[m];
			for (int y = b * COLUMN_BLOCK; y < Math.min(height, (b + 1) * COLUMN_BLOCK); y++) {
				for (int x = 0; x < width; x++)
					f[x] = colDist[y * width + x];
				envelope(f, width, d, v, z, arg);
				for (int x = 0; x < width; x++) {
					int i = y * width + x;
					boolean none = d[x] >= inf / 2;
					int cx = arg[x];
					out[i] = none ? -1 : colRow[y * width + cx] * width + cx;
					if (squaredDistance != null) squaredDistance[i] = none ? Float.POSITIVE_INFINITY : (float) d[x];
				}
			}
		});
		return out;
	}

	/** The lower envelope of parabolas over f[0..n): d[q] = min_p (q - p)^2 + f[p], arg[q] = that p (arg may be null). */
	private static void envelope(double[] f, int n, double[] d, int[] v, double[] z, int[] arg) {
		int k = 0;
		v[0] = 0;
		z[0] = Double.NEGATIVE_INFINITY;
		z[1] = Double.POSITIVE_INFINITY;
		for (int q = 1; q < n; q++) {
			double s = ((f[q] + q * (double) q) - (f[v[k]] + v[k] * (double) v[k])) / (2.0 * q - 2.0 * v[k]);
			while (s <= z[k]) {
				k--;
				s = ((f[q] + q * (double) q) - (f[v[k]] + v[k] * (double) v[k])) / (2.0 * q - 2.0 * v[k]);
			}
			k++;
			v[k] = q;
			z[k] = s;
			z[k + 1] = Double.POSITIVE_INFINITY;
		}
		k = 0;
		for (int q = 0; q < n; q++) {
			while (z[k + 1] < q)
				k++;
			double dq = q - v[k];
			d[q] = dq * dq + f[v[k]];
			if (arg != null) arg[q] = v[k];
		}
	}

	/** Fills holes: background regions not 4-connected to the image border become foreground. */
	public static boolean[] fillHoles(boolean[] foreground, int width, int height) {
		boolean[] outside = new boolean[foreground.length];
		int[] stack = new int[foreground.length];
		int sp = 0;
		for (int x = 0; x < width; x++) {
			sp = seed(foreground, outside, stack, sp, x);
			sp = seed(foreground, outside, stack, sp, (height - 1) * width + x);
		}
		for (int y = 0; y < height; y++) {
			sp = seed(foreground, outside, stack, sp, y * width);
			sp = seed(foreground, outside, stack, sp, y * width + width - 1);
		}
		while (sp > 0) {
			int p = stack[--sp];
			int x = p % width, y = p / width;
			if (x > 0) sp = seed(foreground, outside, stack, sp, p - 1);
			if (x < width - 1) sp = seed(foreground, outside, stack, sp, p + 1);
			if (y > 0) sp = seed(foreground, outside, stack, sp, p - width);
			if (y < height - 1) sp = seed(foreground, outside, stack, sp, p + width);
		}
		boolean[] out = new boolean[foreground.length];
		for (int i = 0; i < out.length; i++)
			out[i] = !outside[i];
		return out;
	}

	private static int seed(boolean[] fg, boolean[] seen, int[] stack, int sp, int p) {
		if (!fg[p] && !seen[p]) {
			seen[p] = true;
			stack[sp++] = p;
		}
		return sp;
	}

	/** Above this radius, px, {@link #dilate} uses the distance transform (its cost does not grow with the radius). */
	private static final int DILATE_ROWS_MAX_RADIUS = 32;

	/**
	 * Dilates a mask by a disc of radius {@code radiusPx} (Euclidean): a pixel is set when a mask pixel lies within
	 * {@code radiusPx} of it (pixels outside the image are not mask). For small radii (the usual guard bands) from each
	 * pixel's distance along its row to the nearest mask pixel, looked up in the rows within the radius; else via the
	 * distance transform of the complement. Both compare the same exact squared distance, so they agree pixel for pixel.
	 */
	public static boolean[] dilate(boolean[] mask, int width, int height, double radiusPx) {
		if (radiusPx <= 0) return mask.clone();
		boolean any = false;
		for (int i = 0; i < mask.length && !any; i++)
			any = mask[i];
		if (!any) return mask.clone();
		if (radiusPx <= DILATE_ROWS_MAX_RADIUS) return dilateByRows(mask, width, height, radiusPx);
		boolean[] inverse = new boolean[mask.length];
		for (int i = 0; i < mask.length; i++)
			inverse[i] = !mask[i];
		// distance of each non-mask pixel to the mask; the border must not act as mask, so pad conceptually by
		// treating out-of-image as non-mask: compute on a padded canvas.
		int pad = (int) Math.ceil(radiusPx) + 1;
		int pw = width + 2 * pad, ph = height + 2 * pad;
		boolean[] padded = new boolean[pw * ph];
		Arrays.fill(padded, true);
		for (int y = 0; y < height; y++)
			System.arraycopy(inverse, y * width, padded, (y + pad) * pw + pad, width);
		float[] dist = distanceTransform(padded, pw, ph);
		boolean[] out = new boolean[mask.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				out[y * width + x] = mask[y * width + x] || dist[(y + pad) * pw + x + pad] <= radiusPx;
		return out;
	}

	/** {@link #dilate} for radii up to {@link #DILATE_ROWS_MAX_RADIUS}: O(radius) per pixel, no distance transform. */
	private static boolean[] dilateByRows(boolean[] mask, int width, int height, double radiusPx) {
		// each pixel's distance along its row to the nearest mask pixel; NONE where the row has none
		final int none = Integer.MAX_VALUE;
		int[] run = new int[mask.length];
		forEach(height, mask.length, y -> {
			int row = y * width, last = -1;
			for (int x = 0; x < width; x++) {
				if (mask[row + x]) last = x;
				run[row + x] = last < 0 ? none : x - last;
			}
			last = -1;
			for (int x = width - 1; x >= 0; x--) {
				if (mask[row + x]) last = x;
				if (last >= 0) run[row + x] = Math.min(run[row + x], last - x);
			}
		});
		int reach = (int) Math.floor(radiusPx);
		// per row offset dy, the longest row distance within the radius at the float precision of the transform, once
		// rather than a square root per pixel and row ((float) sqrt(h^2 + dy^2) does not fall as h grows)
		int[] longest = new int[reach + 1];
		for (int dy = 0; dy <= reach; dy++) {
			int h = 0;
			while ((float) Math.sqrt((double) (h + 1) * (h + 1) + (double) dy * dy) <= radiusPx)
				h++;
			longest[dy] = h;
		}
		boolean[] out = new boolean[mask.length];
		// row offset by row offset over the whole row (a loop without branches), not pixel by pixel with an early exit:
		// the same OR of the same tests
		forEach(height, mask.length, y -> {
			int row = y * width;
			for (int dy = 0; dy <= reach; dy++) {
				int h = longest[dy];
				boolean hasUp = y - dy >= 0, hasDown = y + dy < height;
				if (hasUp && hasDown) {
					int up = row - dy * width, down = row + dy * width;
					for (int x = 0; x < width; x++)
						out[row + x] |= Math.min(run[up + x], run[down + x]) <= h;
				}
				else if (hasUp || hasDown) {
					int from = hasUp ? row - dy * width : row + dy * width;
					for (int x = 0; x < width; x++)
						out[row + x] |= run[from + x] <= h;
				}
			}
		});
		return out;
	}

	/**
	 * Labels the 8-connected (or 4-connected) components of {@code foreground} 1..n in raster order of their first
	 * pixel.
	 *
	 * @return labels; the count is {@code max(labels)}
	 */
	public static int[] connectedComponents(boolean[] foreground, int width, int height, boolean eightConnected) {
		// two raster passes with union-find over provisional labels, then the components numbered in the raster order
		// of their first pixel (where a component's root is first met)
		int[] labels = new int[foreground.length];
		int[] parent = new int[16];
		int provisional = 0;
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int p = y * width + x;
				if (!foreground[p]) continue;
				int l = 0;
				if (x > 0 && foreground[p - 1]) l = union(parent, l, labels[p - 1]);
				if (y > 0) {
					int up = p - width;
					if (foreground[up]) l = union(parent, l, labels[up]);
					if (eightConnected && x > 0 && foreground[up - 1]) l = union(parent, l, labels[up - 1]);
					if (eightConnected && x + 1 < width && foreground[up + 1]) l = union(parent, l, labels[up + 1]);
				}
				if (l == 0) {
					if (++provisional == parent.length) parent = Arrays.copyOf(parent, 2 * parent.length);
					parent[provisional] = provisional;
					l = provisional;
				}
				labels[p] = l;
			}
		int[] number = new int[provisional + 1];
		int next = 0;
		for (int p = 0; p < labels.length; p++) {
			if (labels[p] == 0) continue;
			int root = root(parent, labels[p]);
			if (number[root] == 0) number[root] = ++next;
			labels[p] = number[root];
		}
		return labels;
	}

	/** Joins the sets of provisional labels a (0 = none yet) and b; returns the root of the joined set. */
	private static int union(int[] parent, int a, int b) {
		int rb = root(parent, b);
		if (a == 0) return rb;
		int ra = root(parent, a);
		if (ra == rb) return ra;
		int lo = Math.min(ra, rb);
		parent[Math.max(ra, rb)] = lo;
		return lo;
	}

	private static int root(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}
}
