package io.github.magratio.core;

/**
 * Rigid drift of the field between two images by phase correlation: the normalised cross-power spectrum of the two
 * (mean removed, Hann-windowed, zero-padded to powers of two) is transformed back, and its peak, refined to a
 * fraction of a pixel by a parabola through the peak and its neighbours in x and in y, is the translation. Images are
 * row-major float arrays; the cost is a few FFTs of the padded size. Stateless and thread-safe.
 */
public final class DriftEstimator {

	private DriftEstimator() {}

	/**
	 * @return {dx, dy} in px: how far the content of {@code moved} lies from where it is in {@code reference}
	 *         ({@code moved(x + dx, y + dy)} matches {@code reference(x, y)}); within half the padded size
	 * @throws IllegalArgumentException for arrays of another size than {@code width x height}
	 */
	public static double[] shift(float[] reference, float[] moved, int width, int height) {
		if (reference.length != width * height || moved.length != width * height) throw new IllegalArgumentException(
			"images of " + reference.length + " and " + moved.length + " pixels, expected " + width + "x" + height);
		int w2 = Integer.highestOneBit(Math.max(1, width - 1)) << 1, h2 = Integer.highestOneBit(Math.max(1, height -
			1)) << 1;
		double[][] a = windowed(reference, width, height, w2, h2), b = windowed(moved, width, height, w2, h2);
		fft2(a[0], a[1], w2, h2, false);
		fft2(b[0], b[1], w2, h2, false);
		double[] re = new double[w2 * h2], im = new double[w2 * h2];
		for (int i = 0; i < re.length; i++) {
			// moved * conj(reference): a translation by d multiplies by exp(-i k d), whose inverse peaks at +d
			double r = b[0][i] * a[0][i] + b[1][i] * a[1][i], m = b[1][i] * a[0][i] - b[0][i] * a[1][i];
			double mag = Math.hypot(r, m);
			if (mag > 1e-30) {
				re[i] = r / mag;
				im[i] = m / mag;
			}
		}
		fft2(re, im, w2, h2, true);
		int best = 0;
		for (int i = 1; i < re.length; i++)
			if (re[i] > re[best]) best = i;
		int px = best % w2, py = best / w2;
		double fx = px + peakOffset(re[py * w2 + (px - 1 + w2) % w2], re[best], re[py * w2 + (px + 1) % w2]);
		double fy = py + peakOffset(re[((py - 1 + h2) % h2) * w2 + px], re[best], re[((py + 1) % h2) * w2 + px]);
		return new double[] { fx > w2 / 2.0 ? fx - w2 : fx, fy > h2 / 2.0 ? fy - h2 : fy };
	}

	/** @return the vertex of the parabola through (-1, a), (0, b), (1, c), within -0.5..0.5 */
	private static double peakOffset(double a, double b, double c) {
		double d = a - 2 * b + c;
		if (!(d < 0)) return 0;
		return Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / d));
	}

	/** @return {re, im} of the image minus its mean, times a 2D Hann window, zero-padded to {@code w2 x h2} */
	private static double[][] windowed(float[] img, int w, int h, int w2, int h2) {
		double mean = 0;
		int n = 0;
		for (float v : img)
			if (!Float.isNaN(v)) {
				mean += v;
				n++;
			}
		mean = n == 0 ? 0 : mean / n;
		double[] re = new double[w2 * h2];
		for (int y = 0; y < h; y++) {
			double wy = h == 1 ? 1 : 0.5 - 0.5 * Math.cos(2 * Math.PI * y / (h - 1));
			for (int x = 0; x < w; x++) {
				double wx = w == 1 ? 1 : 0.5 - 0.5 * Math.cos(2 * Math.PI * x / (w - 1));
				float v = img[y * w + x];
				re[y * w2 + x] = Float.isNaN(v) ? 0 : (v - mean) * wx * wy;
			}
		}
		return new double[][] { re, new double[w2 * h2] };
	}

	/** In-place 2D FFT of a {@code w x h} complex array (powers of two); the inverse is scaled by 1 / (w h). */
	static void fft2(double[] re, double[] im, int w, int h, boolean inverse) {
		double[] rr = new double[Math.max(w, h)], ii = new double[Math.max(w, h)];
		for (int y = 0; y < h; y++) {
			System.arraycopy(re, y * w, rr, 0, w);
			System.arraycopy(im, y * w, ii, 0, w);
			fft(rr, ii, w, inverse);
			System.arraycopy(rr, 0, re, y * w, w);
			System.arraycopy(ii, 0, im, y * w, w);
		}
		for (int x = 0; x < w; x++) {
			for (int y = 0; y < h; y++) {
				rr[y] = re[y * w + x];
				ii[y] = im[y * w + x];
			}
			fft(rr, ii, h, inverse);
			for (int y = 0; y < h; y++) {
				re[y * w + x] = rr[y];
				im[y * w + x] = ii[y];
			}
		}
		if (inverse) for (int i = 0; i < re.length; i++) {
			re[i] /= (double) w * h;
			im[i] /= (double) w * h;
		}
	}

	/** Iterative radix-2 FFT of the first {@code n} (a power of two) values, in place, unscaled. */
	private static void fft(double[] re, double[] im, int n, boolean inverse) {
		for (int i = 1, j = 0; i < n; i++) {
			int bit = n >> 1;
			for (; (j & bit) != 0; bit >>= 1)
				j ^= bit;
			j ^= bit;
			if (i < j) {
				double t = re[i];
				re[i] = re[j];
				re[j] = t;
				t = im[i];
				im[i] = im[j];
				im[j] = t;
			}
		}
		for (int len = 2; len <= n; len <<= 1) {
			double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
			double wr = Math.cos(ang), wi = Math.sin(ang);
			for (int i = 0; i < n; i += len) {
				double cr = 1, ci = 0;
				for (int k = 0; k < len / 2; k++) {
					int a = i + k, b = a + len / 2;
					double xr = re[b] * cr - im[b] * ci, xi = re[b] * ci + im[b] * cr;
					re[b] = re[a] - xr;
					im[b] = im[a] - xi;
					re[a] += xr;
					im[a] += xi;
					double t = cr * wr - ci * wi;
					ci = cr * wi + ci * wr;
					cr = t;
				}
			}
		}
	}
}
