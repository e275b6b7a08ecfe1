package io.github.magratio.core;

/**
 * Robust least-squares fit of a smooth polynomial surface b(x, y) of total degree 0..4 to the pixels of a plane that a
 * mask allows, with iterative sigma clipping so that debris, unlabelled cells and hot pixels do not pull the surface.
 * Coordinates are normalised to [-1, 1] for a well-conditioned normal system. Not thread-safe (reuses buffers); one
 * instance per thread.
 */
public final class SurfaceFit {

	/** Largest supported polynomial degree. */
	public static final int MAX_DEGREE = 4;

	private final int width;
	private final int height;
	private final int degree;
	private final int terms;
	private final int step;
	private final double clipSigma;
	private final int iterations;
	private double[] coefficients;
	private double residualSigma;

	/**
	 * @param degree polynomial degree 0..4 (0 = a constant, i.e. the robust mean of the allowed pixels)
	 * @param maxSamples upper bound on the pixels sampled per fit (a regular grid subsample keeps the cost bounded on
	 *          large frames)
	 * @param clipSigma pixels whose residual exceeds this many robust standard deviations are dropped and the surface
	 *          refitted
	 */
	public SurfaceFit(int width, int height, int degree, int maxSamples, double clipSigma) {
		if (degree < 0 || degree > MAX_DEGREE) throw new IllegalArgumentException("surface degree must be 0.." +
			MAX_DEGREE + ", got " + degree);
		this.width = width;
		this.height = height;
		this.degree = degree;
		this.terms = (degree + 1) * (degree + 2) / 2;
		long pixels = (long) width * height;
		this.step = Math.max(1, (int) Math.ceil(Math.sqrt(pixels / (double) Math.max(1000, maxSamples))));
		this.clipSigma = clipSigma;
		this.iterations = 4;
		coefficients = new double[terms];
		atv = new double[terms];
		ata = new double[terms][terms];
		ataFlat = new double[terms * (terms + 1) / 2];
		system = new double[terms][terms + 1];
		rowCoef = new double[degree + 1];
		xPow = new float[degree + 1][width];
		yPow = new double[height * (degree + 1)];
		for (int y = 0; y < height; y++)
			for (int j = 0; j <= degree; j++)
				yPow[y * (degree + 1) + j] = Math.pow(ny(y), j);
		for (int x = 0; x < width; x++) {
			double p = 1, nxv = nx(x);
			for (int d = 0; d <= degree; d++) {
				xPow[d][x] = (float) p;
				p *= nxv;
			}
		}
	}

	private double nx(int x) {
		return width == 1 ? 0 : 2.0 * x / (width - 1) - 1;
	}

	private double ny(int y) {
		return height == 1 ? 0 : 2.0 * y / (height - 1) - 1;
	}

	private final double[] xp = new double[MAX_DEGREE + 1], yp = new double[MAX_DEGREE + 1];

	private void basis(double x, double y, double[] out) {
		xp[0] = 1;
		yp[0] = 1;
		for (int d = 1; d <= degree; d++) {
			xp[d] = xp[d - 1] * x;
			yp[d] = yp[d - 1] * y;
		}
		int k = 0;
		for (int d = 0; d <= degree; d++)
			for (int j = 0; j <= d; j++)
				out[k++] = xp[d - j] * yp[j];
	}

	// a prepared sample grid (prepare): pixel index and basis values of each sample, reused every frame
	private int[] planIdx;
	private double[] planBasis;
	private boolean[] planAllowed;
	private int planCount;
	// scratch of one fit, grown as needed and kept, so that fitting a frame allocates nothing in steady state
	private int[] idx = new int[0];
	private double[] v = new double[0], basisAt = new double[0], res = new double[0], sigmaScratch = new double[0];
	private boolean[] use = new boolean[0];
	/** Each fitted point's weight: its number of samples (a tile's median) or 1 (a sample). */
	private double[] weight = new double[0];
	/** Grid points per tile side of the block-statistics fit. */
	static final int TILE_SAMPLES = 3;
	// the prepared tiles: samples of tile u at tileIdx[tileStart[u]..tileStart[u+1]-1], its basis values
	private int[] tileStart, tileIdx;
	private double[] tileBasis;
	private int tileCount;
	private final double[] tileValues = new double[TILE_SAMPLES * TILE_SAMPLES];
	private final int[] tileInts = new int[TILE_SAMPLES * TILE_SAMPLES];
	private final double[] atv, rowCoef, ataFlat;
	private final double[][] ata, system;
	/** x^d of every column's normalised x, as floats: the row is evaluated in float (see evaluateRow). */
	private final float[][] xPow;
	/**
	 * {@code Math.pow(ny(y), j)} of every row y, at {@code y * (degree + 1) + j}: the same values the row's
	 * coefficients were collapsed with per row and frame (a few calls to pow per row were ~2.5 % of the kernel on JDK 25).
	 */
	private final double[] yPow;

	/**
	 * Prepares fits with a fixed mask ({@link #fit(PlaneReader)}): the sample grid and each sample's basis values are
	 * computed once, and grouped in tiles for the block-statistics fit, so a frame's fit only reads the samples.
	 *
	 * @param allowed pixels that may be fitted (row-major), null = everywhere; kept, not copied
	 */
	public void prepare(boolean[] allowed) {
		planAllowed = allowed;
		int max = ((width + step - 1) / step) * ((height + step - 1) / step);
		planIdx = new int[max];
		int n = 0;
		for (int y = step / 2; y < height; y += step)
			for (int x = step / 2; x < width; x += step) {
				int p = y * width + x;
				if (allowed == null || allowed[p]) planIdx[n++] = p;
			}
		planCount = n;
		planIdx = java.util.Arrays.copyOf(planIdx, n);
		planBasis = new double[n * terms];
		double[] b = new double[terms];
		for (int i = 0; i < n; i++) {
			basis(nx(planIdx[i] % width), ny(planIdx[i] / width), b);
			System.arraycopy(b, 0, planBasis, i * terms, terms);
		}
		prepareTiles();
	}

	/**
	 * Groups the prepared samples into tiles of {@link #TILE_SAMPLES} x {@link #TILE_SAMPLES} grid points: the samples
	 * of a tile contiguous in {@code tileIdx}, each tile's basis at the centroid of its allowed samples.
	 */
	private void prepareTiles() {
		int gx = (width - step / 2 + step - 1) / step, tilesX = (gx + TILE_SAMPLES - 1) / TILE_SAMPLES;
		int gy = (height - step / 2 + step - 1) / step, tilesY = (gy + TILE_SAMPLES - 1) / TILE_SAMPLES;
		int tiles = tilesX * tilesY;
		int[] tileOf = new int[planCount], count = new int[tiles + 1];
		for (int i = 0; i < planCount; i++) {
			int x = planIdx[i] % width, y = planIdx[i] / width;
			tileOf[i] = ((y - step / 2) / step / TILE_SAMPLES) * tilesX + (x - step / 2) / step / TILE_SAMPLES;
			count[tileOf[i] + 1]++;
		}
		int used = 0;
		for (int k = 0; k < tiles; k++)
			if (count[k + 1] > 0) used++;
		tileStart = new int[used + 1];
		tileIdx = new int[planCount];
		tileBasis = new double[used * terms];
		int[] slot = new int[tiles];
		double[] b = new double[terms];
		for (int k = 0, u = 0, at = 0; k < tiles; k++) {
			slot[k] = count[k + 1] > 0 ? u : -1;
			if (count[k + 1] > 0) {
				tileStart[u] = at;
				at += count[k + 1];
				tileStart[++u] = at;
			}
		}
		int[] fill = new int[used];
		double[] sx = new double[used], sy = new double[used];
		for (int i = 0; i < planCount; i++) {
			int u = slot[tileOf[i]];
			tileIdx[tileStart[u] + fill[u]++] = planIdx[i];
			sx[u] += planIdx[i] % width;
			sy[u] += planIdx[i] / width;
		}
		for (int u = 0; u < used; u++) {
			int m = tileStart[u + 1] - tileStart[u];
			basis(nx(0) + (sx[u] / m) * (nx(1) - nx(0)), ny(0) + (sy[u] / m) * (ny(1) - ny(0)), b);
			System.arraycopy(b, 0, tileBasis, u * terms, terms);
		}
		tileCount = used;
	}

	/**
	 * Fits the surface to {@code values} on the grid and mask of {@link #prepare}, skipping non-finite values, on block
	 * statistics (each tile's median of its samples; the samples one by one when too few tiles hold one), without
	 * allocating in steady state. {@link #fit(PlaneReader, boolean[])} fits the samples one by one.
	 *
	 * @throws IllegalStateException when {@link #prepare} was not called
	 * @throws IllegalArgumentException when fewer allowed pixels than 3 x the number of terms remain
	 */
	public void fit(PlaneReader values) {
		fitPrepared(values, null);
	}

	/**
	 * {@link #fit(PlaneReader)} of a plain unsigned 16-bit plane, the same fit to the bit: the tiles' samples read
	 * straight from the array as integers (every one finite) and ranked as such ({@link #median9}).
	 *
	 * @param values the same plane as a reader (for the rare fallback to the samples one by one)
	 */
	public void fitUnsigned16(short[] px, PlaneReader values) {
		fitPrepared(values, px);
	}

	private void fitPrepared(PlaneReader values, short[] u16) {
		if (planIdx == null) throw new IllegalStateException("prepare(mask) first");
		if (fitTiles(values, u16)) return;
		ensure(planCount);
		java.util.Arrays.fill(weight, 0, planCount, 1);
		int n = 0;
		for (int i = 0; i < planCount; i++) {
			double val = values.get(planIdx[i]);
			if (!Double.isFinite(val)) continue;
			idx[n] = planIdx[i];
			v[n] = val;
			System.arraycopy(planBasis, i * terms, basisAt, n * terms, terms);
			n++;
		}
		if (n < Math.max(3 * terms, 10)) n = gatherAll(values, planAllowed);
		iterate(n);
	}

	/**
	 * The block-statistics fit: each tile's median of its finite samples, weighted by their number, is one point of
	 * the robust fit. The median already drops debris and hot pixels smaller than half a tile, the clipping the
	 * tiles they spoil; a weighted least-squares fit to m-sample medians has about the precision of one to the m
	 * samples, at a ninth of the points to fit, clip and rank.
	 *
	 * @param u16 the plane's pixels when it is a plain unsigned 16-bit plane, else null (then read through values)
	 * @return false when too few tiles hold a finite sample (then the samples are fitted one by one)
	 */
	private boolean fitTiles(PlaneReader values, short[] u16) {
		ensure(tileCount);
		double[] buf = tileValues;
		int n = 0;
		for (int u = 0; u < tileCount; u++) {
			int m = 0;
			if (u16 != null) {
				// 16-bit pixels: every sample finite, read straight from the array and ranked as integers
				m = tileStart[u + 1] - tileStart[u];
				v[n] = medianUnsigned16(u16, tileStart[u], m);
			}
			else {
				for (int i = tileStart[u]; i < tileStart[u + 1]; i++) {
					double val = values.get(tileIdx[i]);
					if (Double.isFinite(val)) buf[m++] = val;
				}
				if (m == 0) continue;
				v[n] = smallMedian(buf, m);
			}
			weight[n] = m;
			System.arraycopy(tileBasis, u * terms, basisAt, n * terms, terms);
			n++;
		}
		if (n < Math.max(3 * terms, 10)) return false;
		iterate(n);
		return true;
	}

	/** @return the median of the m 16-bit samples at tileIdx[from..from+m-1], as {@link #smallMedian} gives it */
	private double medianUnsigned16(short[] px, int from, int m) {
		int[] ints = tileInts;
		for (int i = 0; i < m; i++)
			ints[i] = px[tileIdx[from + i]] & 0xffff;
		return m == 9 ? median9(ints) : cutTileMedian(ints, m);
	}

	/**
	 * @return the median of the 16-bit values p[0..m-1], m = 1..8 (a tile cut by the mask or the frame's edge), as
	 *         {@link #smallMedian} gives it for them as doubles (the middle value, or the mean of the two middle ones);
	 *         p[m..8] overwritten. The values padded to nine with values below and above every pixel, as many below as
	 *         above the wanted rank, so that the network's middle is that rank: no branch, where an insertion sort
	 *         mispredicts on noise.
	 */
	static double cutTileMedian(int[] p, int m) {
		int high = paddedMedian(p, m, (9 - m) / 2);
		if ((m & 1) == 1) return high;
		return 0.5 * ((double) paddedMedian(p, m, (9 - m) / 2 + 1) + high);
	}

	/**
	 * @return the value of rank {@code 4 - below} (0-based) of p[0..m-1]: the middle of the nine values p[0..m-1],
	 *         {@code below} values under every pixel and the rest above every pixel; p[m..8] overwritten
	 */
	private static int paddedMedian(int[] p, int m, int below) {
		for (int i = m; i < 9; i++)
			p[i] = i < m + below ? Integer.MIN_VALUE : Integer.MAX_VALUE;
		return median9(p);
	}

	/**
	 * @return the median of a[0..8] (not modified) by a network of 19 compare-exchanges (Paeth's, as in Devillard's
	 *         opt_med9), without a branch: a full tile's median, where an insertion sort mispredicts on noise
	 */
	static int median9(int[] p) {
		int a0 = p[0], a1 = p[1], a2 = p[2], a3 = p[3], a4 = p[4], a5 = p[5], a6 = p[6], a7 = p[7], a8 = p[8], t;
		t = Math.min(a1, a2); a2 = Math.max(a1, a2); a1 = t;
		t = Math.min(a4, a5); a5 = Math.max(a4, a5); a4 = t;
		t = Math.min(a7, a8); a8 = Math.max(a7, a8); a7 = t;
		t = Math.min(a0, a1); a1 = Math.max(a0, a1); a0 = t;
		t = Math.min(a3, a4); a4 = Math.max(a3, a4); a3 = t;
		t = Math.min(a6, a7); a7 = Math.max(a6, a7); a6 = t;
		t = Math.min(a1, a2); a2 = Math.max(a1, a2); a1 = t;
		t = Math.min(a4, a5); a5 = Math.max(a4, a5); a4 = t;
		t = Math.min(a7, a8); a8 = Math.max(a7, a8); a7 = t;
		a3 = Math.max(a0, a3);
		a5 = Math.min(a5, a8);
		t = Math.min(a4, a7); a7 = Math.max(a4, a7); a4 = t;
		a6 = Math.max(a3, a6);
		a4 = Math.max(a1, a4);
		a2 = Math.min(a2, a5);
		a4 = Math.min(a4, a7);
		t = Math.min(a4, a2); a2 = Math.max(a4, a2); a4 = t;
		a4 = Math.max(a6, a4);
		return Math.min(a4, a2);
	}

	/** @return the median of a[0..m-1] (m small: insertion sort, reorders them) */
	private static double smallMedian(double[] a, int m) {
		for (int i = 1; i < m; i++) {
			double x = a[i];
			int j = i - 1;
			while (j >= 0 && a[j] > x) {
				a[j + 1] = a[j];
				j--;
			}
			a[j + 1] = x;
		}
		return (m & 1) == 1 ? a[m / 2] : 0.5 * (a[m / 2 - 1] + a[m / 2]);
	}

	/**
	 * Fits the surface to {@code values} at the pixels where {@code allowed} is true (null = everywhere), skipping NaN
	 * values.
	 *
	 * @param values row-major plane, read through {@code PlaneReader} so any pixel type works without a copy
	 * @throws IllegalArgumentException when fewer allowed pixels than 3 x the number of terms remain
	 */
	public void fit(PlaneReader values, boolean[] allowed) {
		int max = ((width + step - 1) / step) * ((height + step - 1) / step);
		ensure(max);
		java.util.Arrays.fill(weight, 0, max, 1);
		int n = 0;
		for (int y = step / 2; y < height; y += step)
			for (int x = step / 2; x < width; x += step) {
				int p = y * width + x;
				if (allowed != null && !allowed[p]) continue;
				double val = values.get(p);
				if (!Double.isFinite(val)) continue;
				idx[n] = p;
				v[n++] = val;
			}
		if (n < Math.max(3 * terms, 10)) n = gatherAll(values, allowed);
		else basisOfSamples(n);
		iterate(n);
	}

	/** A dense frame: every allowed finite pixel instead of the grid. @return the number of samples */
	private int gatherAll(PlaneReader values, boolean[] allowed) {
		ensure(width * height);
		java.util.Arrays.fill(weight, 0, width * height, 1);
		int n = 0;
		for (int p = 0; p < width * height; p++) {
			if (allowed != null && !allowed[p]) continue;
			double val = values.get(p);
			if (!Double.isFinite(val)) continue; // NaN and infinite pixels are masked, never fitted
			idx[n] = p;
			v[n++] = val;
		}
		if (n < Math.max(3 * terms, 10)) throw new IllegalArgumentException("only " + n +
			" finite cell-free pixels to fit a degree-" + degree + " background surface; lower the degree, the guard band, " +
			"or use another background method");
		basisOfSamples(n);
		return n;
	}

	private void basisOfSamples(int n) {
		double[] b = new double[terms];
		for (int i = 0; i < n; i++) {
			basis(nx(idx[i] % width), ny(idx[i] / width), b);
			System.arraycopy(b, 0, basisAt, i * terms, terms);
		}
	}

	private void ensure(int n) {
		if (idx.length >= n) return;
		idx = new int[n];
		v = new double[n];
		res = new double[n];
		sigmaScratch = new double[n];
		use = new boolean[n];
		basisAt = new double[n * terms];
		weight = new double[n];
	}

	/** Least squares with iterative sigma clipping over samples 0..n-1 (idx, v, basisAt). */
	private void iterate(int n) {
		java.util.Arrays.fill(use, 0, n, true);
		for (int it = 0; it < iterations; it++) {
			// the normal equations over the kept samples, upper triangle, flat (one pass, no 2D indexing)
			if (terms == 6) normalEquations6(n);
			else {
				java.util.Arrays.fill(ataFlat, 0);
				java.util.Arrays.fill(atv, 0);
				for (int i = 0; i < n; i++) {
					if (!use[i]) continue;
					int o = i * terms;
					double vi = v[i], wi = weight[i];
					for (int r = 0, q = 0; r < terms; r++) {
						double br = wi * basisAt[o + r];
						atv[r] += br * vi;
						for (int c = r; c < terms; c++, q++)
							ataFlat[q] += br * basisAt[o + c];
					}
				}
			}
			for (int r = 0, q = 0; r < terms; r++)
				for (int c = r; c < terms; c++, q++) {
					ata[r][c] = ataFlat[q];
					ata[c][r] = ataFlat[q];
				}
			solve(ata, atv, coefficients);
			for (int i = 0; i < n; i++) {
				int o = i * terms;
				double s = 0;
				for (int k = 0; k < terms; k++)
					s += coefficients[k] * basisAt[o + k];
				// in units of one sample's noise: a median of m samples scatters about 1/sqrt(m) as much
				res[i] = (v[i] - s) * Math.sqrt(weight[i]);
			}
			residualSigma = robustSigma(res, use, n);
			if (clipSigma <= 0 || residualSigma == 0) break;
			boolean changed = false;
			for (int i = 0; i < n; i++) {
				boolean keep = Math.abs(res[i]) <= clipSigma * residualSigma;
				if (keep != use[i]) {
					use[i] = keep;
					changed = true;
				}
			}
			if (!changed) break;
		}
	}

	/**
	 * The normal equations of the default degree 2 (6 terms) with every sum in a local: the same products summed in
	 * the same order as the general loop, so the same numbers, without its index arithmetic.
	 */
	private void normalEquations6(int n) {
		double a00 = 0, a01 = 0, a02 = 0, a03 = 0, a04 = 0, a05 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0,
			a22 = 0, a23 = 0, a24 = 0, a25 = 0, a33 = 0, a34 = 0, a35 = 0, a44 = 0, a45 = 0, a55 = 0;
		double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0;
		double[] b = basisAt;
		for (int i = 0; i < n; i++) {
			if (!use[i]) continue;
			int o = i * 6;
			double b0 = b[o], b1 = b[o + 1], b2 = b[o + 2], b3 = b[o + 3], b4 = b[o + 4], b5 = b[o + 5], vi = v[i];
			double wi = weight[i], w0 = wi * b0, w1 = wi * b1, w2 = wi * b2, w3 = wi * b3, w4 = wi * b4, w5 = wi * b5;
			t0 += w0 * vi;
			a00 += w0 * b0;
			a01 += w0 * b1;
			a02 += w0 * b2;
			a03 += w0 * b3;
			a04 += w0 * b4;
			a05 += w0 * b5;
			t1 += w1 * vi;
			a11 += w1 * b1;
			a12 += w1 * b2;
			a13 += w1 * b3;
			a14 += w1 * b4;
			a15 += w1 * b5;
			t2 += w2 * vi;
			a22 += w2 * b2;
			a23 += w2 * b3;
			a24 += w2 * b4;
			a25 += w2 * b5;
			t3 += w3 * vi;
			a33 += w3 * b3;
			a34 += w3 * b4;
			a35 += w3 * b5;
			t4 += w4 * vi;
			a44 += w4 * b4;
			a45 += w4 * b5;
			t5 += w5 * vi;
			a55 += w5 * b5;
		}
		double[] f = ataFlat;
		f[0] = a00;
		f[1] = a01;
		f[2] = a02;
		f[3] = a03;
		f[4] = a04;
		f[5] = a05;
		f[6] = a11;
		f[7] = a12;
		f[8] = a13;
		f[9] = a14;
		f[10] = a15;
		f[11] = a22;
		f[12] = a23;
		f[13] = a24;
		f[14] = a25;
		f[15] = a33;
		f[16] = a34;
		f[17] = a35;
		f[18] = a44;
		f[19] = a45;
		f[20] = a55;
		atv[0] = t0;
		atv[1] = t1;
		atv[2] = t2;
		atv[3] = t3;
		atv[4] = t4;
		atv[5] = t5;
	}

	/** Writes the fitted surface into {@code out} (row-major, width*height). */
	public void evaluate(float[] out) {
		for (int y = 0; y < height; y++)
			evaluateRow(y, out, y * width);
	}

	/**
	 * Writes row {@code y} of the fitted surface into {@code out[offset..offset+width-1]}: the same values as
	 * {@link #evaluate}, at the cost of (degree + 1) float multiply-adds per pixel. Float, not double: the surface is
	 * subtracted from float pixels and the result stored as float, and a float sum of a few terms of at most the
	 * background's magnitude is within a few float ulps of it (1e-4 counts at 1000 counts), far below any noise;
	 * float passes run twice the lanes of double ones and need no conversion pass.
	 */
	public void evaluateRow(int y, float[] out, int offset) {
		collapseRow(y);
		// term by term over the row (the same sum, in the same order, for each pixel), so each pass vectorises
		float c0 = (float) rowCoef[0];
		if (degree == 0) {
			java.util.Arrays.fill(out, offset, offset + width, c0);
			return;
		}
		// the constant and the linear term in one pass (c0 + c1 x^1, the first sum of the passes term by term)
		float c1 = (float) rowCoef[1];
		float[] p1 = xPow[1];
		if (degree == 2 && offset == 0) {
			// the default degree in one pass: (c0 + c1 x) + c2 x^2, the same sums in the same order
			float c2 = (float) rowCoef[2];
			float[] p2 = xPow[2];
			for (int x = 0; x < width; x++)
				out[x] = c0 + c1 * p1[x] + c2 * p2[x];
			return;
		}
		if (offset == 0) for (int x = 0; x < width; x++)
			out[x] = c0 + c1 * p1[x];
		else for (int x = 0; x < width; x++)
			out[offset + x] = c0 + c1 * p1[x];
		for (int d = 2; d <= degree; d++) {
			float c = (float) rowCoef[d];
			float[] p = xPow[d];
			// at offset 0 (the kernel's row buffers) the same index on both sides: only such loops vectorise
			if (offset == 0) for (int x = 0; x < width; x++)
				out[x] += c * p[x];
			else for (int x = 0; x < width; x++)
				out[offset + x] += c * p[x];
		}
	}

	/**
	 * Per row, the surface is a polynomial in x whose coefficients depend on y: y collapsed once per row (in double)
	 * into {@code rowCoef}.
	 */
	private void collapseRow(int y) {
		java.util.Arrays.fill(rowCoef, 0);
		int k = 0, o = y * (degree + 1);
		for (int d = 0; d <= degree; d++)
			for (int j = 0; j <= d; j++)
				rowCoef[d - j] += coefficients[k++] * yPow[o + j];
	}

	/** @return the polynomial degree */
	int degree() {
		return degree;
	}

	/**
	 * The float coefficients {@link #evaluateRow} uses on row {@code y}: {@code out[d]} multiplies x^d
	 * ({@link #xPower}), d = 0..degree; a caller that sums {@code c0 + c1 x + c2 x^2 ...} left to right in float gets
	 * its values to the bit.
	 */
	void rowCoefficients(int y, float[] out) {
		if (degree == 2) {
			// collapseRow's sums for degree 2 written out, in its order from its zero start (0 + -0 is +0, as there)
			double[] c = coefficients;
			int o = 3 * y;
			double y0 = yPow[o], y1 = yPow[o + 1], y2 = yPow[o + 2];
			out[0] = (float) (0.0 + c[0] * y0 + c[2] * y1 + c[5] * y2);
			out[1] = (float) (0.0 + c[1] * y0 + c[4] * y1);
			out[2] = (float) (0.0 + c[3] * y0);
			return;
		}
		collapseRow(y);
		for (int d = 0; d <= degree; d++)
			out[d] = (float) rowCoef[d];
	}

	/** @return x^d of every column's normalised x, as {@link #evaluateRow} multiplies them; do not modify */
	float[] xPower(int d) {
		return xPow[d];
	}

	private double robustSigma(double[] res, boolean[] use, int n) {
		if (sigmaScratch.length < n) sigmaScratch = new double[n];
		return robustSigma(res, use, n, sigmaScratch);
	}

	/**
	 * @param a scratch of at least n values (overwritten)
	 * @return {@link Stats#robustSigma} of the used residuals, the same number: with no NaN among them, by a selection
	 *         without branches on the values ({@link #selectBranchFree}), where quickselect's mispredict on every other
	 *         residual (a median and a MAD per clipping round and channel)
	 */
	static double robustSigma(double[] res, boolean[] use, int n, double[] a) {
		int m = 0;
		boolean nan = false;
		for (int i = 0; i < n; i++)
			if (use == null || use[i]) {
				nan |= res[i] != res[i];
				a[m++] = res[i];
			}
		if (nan || m == 0) return Stats.robustSigma(a, m);
		double med = median(a, m);
		for (int i = 0; i < m; i++)
			a[i] = Math.abs(a[i] - med);
		return 1.4826 * median(a, m);
	}

	/**
	 * @return {@link Stats#median} of a[0..n-1] without NaN (n &gt; 0; reorders them), the same number: the same order
	 *         statistics (a value's rank does not depend on the algorithm; a signed zero's sign may, which no caller
	 *         sees: the deviations from either zero are the same)
	 */
	private static double median(double[] a, int n) {
		return Stats.medianOfSelected(a, n, selectBranchFree(a, 0, n - 1, n / 2));
	}

	/**
	 * Places the k-th smallest of a[from..to] (no NaN) at a[k] with no larger value before it: Lomuto partitions
	 * whose swap and count do not branch on the values, around a median of three; ranges of up to 16 values by an
	 * insertion sort, and after 64 partitions (many equal values) the rest by {@link Stats#select}.
	 *
	 * @return a[k]
	 */
	static double selectBranchFree(double[] a, int from, int to, int k) {
		for (int round = 0; to - from > 16; round++) {
			if (round == 64) {
				double[] rest = java.util.Arrays.copyOfRange(a, from, to + 1);
				double v = Stats.select(rest, rest.length, k - from);
				System.arraycopy(rest, 0, a, from, rest.length);
				return v;
			}
			int mid = (from + to) >>> 1;
			// the median of three to a[to]
			if (a[mid] < a[from]) swap(a, mid, from);
			if (a[to] < a[from]) swap(a, to, from);
			if (a[mid] < a[to]) swap(a, mid, to);
			double pivot = a[to];
			int store = from;
			for (int i = from; i < to; i++) {
				double v = a[i];
				a[i] = a[store];
				a[store] = v;
				store += v < pivot ? 1 : 0;
			}
			a[to] = a[store];
			a[store] = pivot;
			if (k == store) return pivot;
			if (k < store) to = store - 1;
			else from = store + 1;
		}
		for (int i = from + 1; i <= to; i++) {
			double x = a[i];
			int j = i - 1;
			while (j >= from && a[j] > x) {
				a[j + 1] = a[j];
				j--;
			}
			a[j + 1] = x;
		}
		return a[k];
	}

	private static void swap(double[] a, int i, int j) {
		double t = a[i];
		a[i] = a[j];
		a[j] = t;
	}

	private void solve(double[][] a, double[] b, double[] x) {
		int n = b.length;
		double[][] m = system;
		for (int i = 0; i < n; i++) {
			System.arraycopy(a[i], 0, m[i], 0, n);
			m[i][n] = b[i];
		}
		for (int col = 0; col < n; col++) {
			int piv = col;
			for (int r = col + 1; r < n; r++)
				if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
			double[] t = m[col];
			m[col] = m[piv];
			m[piv] = t;
			if (Math.abs(m[col][col]) < 1e-12) throw new IllegalArgumentException(
				"background surface fit is singular: the cell-free pixels do not span the image; lower the degree");
			for (int r = 0; r < n; r++) {
				if (r == col) continue;
				double f = m[r][col] / m[col][col];
				for (int c = col; c <= n; c++)
					m[r][c] -= f * m[col][c];
			}
		}
		for (int i = 0; i < n; i++)
			x[i] = m[i][n] / m[i][i];
	}

	/** Random access to the pixels of a row-major plane, by linear index. */
	@FunctionalInterface
	public interface PlaneReader {
		/** @return the value of pixel {@code index} */
		double get(int index);
	}
}
