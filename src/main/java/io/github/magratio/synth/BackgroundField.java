package io.github.magratio.synth;

import io.github.magratio.core.Morphology;

import java.util.SplittableRandom;

/**
 * Everything the camera records besides the cells and the camera offset, per wavelength: the smooth
 * {@link BackgroundModel} (gradient, bowl, drift, rotation), optionally multiplied by a static random texture
 * (neuropil, debris: {@code 1 + textureFraction * T(x, y)} with T smooth, zero mean and unit SD), plus out-of-focus
 * blobs of dye that bleach with the cells, all seen through the optical blur. Immutable; the texture and the blobs
 * derive from the seed only, so a truth file can rebuild them.
 */
final class BackgroundField {

	/** Free [Mg2+] of the dye in out-of-focus blobs, mM. */
	static final double BLOB_MG_MILLIMOLAR = 0.8;

	private final SynthSettings settings;
	final BackgroundModel model340, model380;
	/** Unit-SD texture, row-major; null without texture. */
	private final float[] texture;
	/** Blob signal per channel before bleaching, counts above offset, row-major; null without blobs. */
	private final double[] blobs340, blobs380;

	BackgroundField(SynthSettings s, BackgroundModel model340, BackgroundModel model380) {
		this.settings = s;
		this.model340 = model340;
		this.model380 = model380;
		SplittableRandom r = SyntheticRecording.fieldRandom(s.seed());
		int w = s.width(), h = s.height();
		double fraction = s.get(SynthSettings.BG_TEXTURE);
		texture = fraction > 0 ? texture(r.split(), w, h, s.get(SynthSettings.BG_TEXTURE_SCALE)) : null;
		int n = s.get(SynthSettings.BLOBS);
		if (n > 0) {
			blobs340 = new double[w * h];
			blobs380 = new double[w * h];
			paintBlobs(r.split(), n);
		}
		else {
			blobs340 = null;
			blobs380 = null;
		}
	}

	private static float[] texture(SplittableRandom r, int w, int h, double scalePx) {
		float[] t = new float[w * h];
		for (int i = 0; i < t.length; i++)
			t[i] = (float) Noise.gaussian(r);
		t = Morphology.gaussian(t, w, h, scalePx);
		double sum = 0, sum2 = 0;
		for (float v : t) {
			sum += v;
			sum2 += (double) v * v;
		}
		double mean = sum / t.length, sd = Math.sqrt(Math.max(1e-30, sum2 / t.length - mean * mean));
		for (int i = 0; i < t.length; i++)
			t[i] = (float) ((t[i] - mean) / sd);
		return t;
	}

	private void paintBlobs(SplittableRandom r, int n) {
		SynthSettings s = settings;
		int w = s.width(), h = s.height();
		double sigma = s.get(SynthSettings.BLOB_SIGMA), kd = s.kdMillimolar();
		double f = BLOB_MG_MILLIMOLAR / (BLOB_MG_MILLIMOLAR + kd);
		double scale = s.get(SynthSettings.BLOB_BRIGHTNESS) * s.cellBrightness380Counts() / s.excitation380Free();
		double a340 = scale * (s.excitation340Free() * (1 - f) + s.excitation340Bound() * f);
		double a380 = scale * (s.excitation380Free() * (1 - f) + s.excitation380Bound() * f);
		for (int b = 0; b < n; b++) {
			double cx = Noise.uniform(r, 0, w - 1), cy = Noise.uniform(r, 0, h - 1);
			double peak = Noise.uniform(r, 0.5, 1);
			int rad = (int) Math.ceil(4 * sigma);
			for (int y = Math.max(0, (int) cy - rad); y <= Math.min(h - 1, (int) cy + rad); y++)
				for (int x = Math.max(0, (int) cx - rad); x <= Math.min(w - 1, (int) cx + rad); x++) {
					double g = peak * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma)) *
						GroundTruth.illumination(s, x, y);
					blobs340[y * w + x] += a340 * g;
					blobs380[y * w + x] += a380 * g;
				}
		}
	}

	/** @return true when the background has a texture or blobs (no polynomial describes it) */
	boolean structured() {
		return texture != null || blobs340 != null;
	}

	/**
	 * The background above the camera offset of one frame as recorded (blurred), counts.
	 *
	 * @param channel340 true for 340 nm
	 * @param bleach fraction of dye left in this frame (blobs bleach like cells)
	 * @param cells the cells' signal of this frame to add before the blur (row-major, counts), or null
	 * @param out receives the plane, row-major
	 */
	void plane(boolean channel340, int frame, double bleach, double[] cells, double[] out) {
		BackgroundModel m = channel340 ? model340 : model380;
		double[] blobs = channel340 ? blobs340 : blobs380;
		double fraction = settings.get(SynthSettings.BG_TEXTURE);
		m.fill(frame, out);
		for (int i = 0; i < out.length; i++) {
			double v = out[i];
			if (texture != null) v *= Math.max(0.05, 1 + fraction * texture[i]);
			if (blobs != null) v += bleach * blobs[i];
			if (cells != null) v += cells[i];
			out[i] = v;
		}
		double blur = settings.get(SynthSettings.BLUR);
		if (blur > 0) blur(out, settings.width(), settings.height(), blur);
	}

	private static void blur(double[] plane, int w, int h, double sigma) {
		float[] f = new float[plane.length];
		for (int i = 0; i < f.length; i++)
			f[i] = (float) plane[i];
		f = Morphology.gaussian(f, w, h, sigma);
		for (int i = 0; i < f.length; i++)
			plane[i] = f[i];
	}
}
