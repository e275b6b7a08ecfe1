package io.github.magratio.core;

/**
 * Immutable background-subtraction settings. Everything subtracted from a cell's raw mean is reported as its
 * background: camera offset + the method's estimate + autofluorescence (the latter only inside cells). Build with
 * {@link #builder()}; {@link Builder#build()} validates and reports every offending parameter by its settings key ({@code KEY_}).
 */
public final class BackgroundSettings {

	/** Settings key of {@link #method()}. */
	public static final String KEY_BACKGROUND = "background";
	/** Settings key of {@link #constant340()}. */
	public static final String KEY_BG340 = "bg340";
	/** Settings key of {@link #constant380()}. */
	public static final String KEY_BG380 = "bg380";
	/** Settings key of {@link #surfaceDegree()}. */
	public static final String KEY_SURFACE_DEGREE = "surface_degree";
	/** Settings key of {@link #guardPx()}. */
	public static final String KEY_GUARD_PX = "guard_px";
	/** Settings key of {@link #ringWidthPx()}. */
	public static final String KEY_RING_PX = "ring_px";
	/** Settings key of {@link #clipSigma()}. */
	public static final String KEY_CLIP_SIGMA = "clip_sigma";
	/** Settings key of {@link #cameraOffset()}. */
	public static final String KEY_CAMERA_OFFSET = "camera_offset";
	/** Settings key of {@link #autofluorescence340()}. */
	public static final String KEY_AUTOFLUORESCENCE340 = "autofluorescence340";
	/** Settings key of {@link #autofluorescence380()}. */
	public static final String KEY_AUTOFLUORESCENCE380 = "autofluorescence380";

	/** Default polynomial degree of the background surface. */
	public static final int DEFAULT_SURFACE_DEGREE = 2;
	/** Default guard band around cells excluded from background pixels, in pixels. */
	public static final double DEFAULT_GUARD_PX = 3;
	/** Default width of the per-cell background ring, in pixels. */
	public static final double DEFAULT_RING_WIDTH_PX = 6;
	/** Default sigma clipping of the surface fit, in robust standard deviations. */
	public static final double DEFAULT_CLIP_SIGMA = 3;

	private final BackgroundMethod method;
	private final double constant340;
	private final double constant380;
	private final int surfaceDegree;
	private final double guardPx;
	private final double ringWidthPx;
	private final double clipSigma;
	private final double cameraOffset;
	private final double autofluorescence340;
	private final double autofluorescence380;

	private BackgroundSettings(Builder b) {
		method = b.method;
		constant340 = b.constant340;
		constant380 = b.constant380;
		surfaceDegree = b.surfaceDegree;
		guardPx = b.guardPx;
		ringWidthPx = b.ringWidthPx;
		clipSigma = b.clipSigma;
		cameraOffset = b.cameraOffset;
		autofluorescence340 = b.autofluorescence340;
		autofluorescence380 = b.autofluorescence380;
	}

	/** @return a builder with the defaults (surface method, degree 2, guard 3 px, ring 6 px, no offset) */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder initialised with these settings */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.method = method;
		b.constant340 = constant340;
		b.constant380 = constant380;
		b.surfaceDegree = surfaceDegree;
		b.guardPx = guardPx;
		b.ringWidthPx = ringWidthPx;
		b.clipSigma = clipSigma;
		b.cameraOffset = cameraOffset;
		b.autofluorescence340 = autofluorescence340;
		b.autofluorescence380 = autofluorescence380;
		return b;
	}

	/** @return the estimation method */
	public BackgroundMethod method() {
		return method;
	}

	/** @return background at 340 nm for {@link BackgroundMethod#CONSTANT}, camera counts above the offset */
	public double constant340() {
		return constant340;
	}

	/** @return background at 380 nm for {@link BackgroundMethod#CONSTANT}, camera counts above the offset */
	public double constant380() {
		return constant380;
	}

	/** @return polynomial degree of the {@link BackgroundMethod#SURFACE} fit, 0..4 */
	public int surfaceDegree() {
		return surfaceDegree;
	}

	/** @return band around every cell, in pixels, never used as background */
	public double guardPx() {
		return guardPx;
	}

	/** @return width of the {@link BackgroundMethod#RING} annulus beyond the guard band, in pixels */
	public double ringWidthPx() {
		return ringWidthPx;
	}

	/** @return outlier rejection of the surface fit, in robust standard deviations (0 = none) */
	public double clipSigma() {
		return clipSigma;
	}

	/**
	 * @return camera dark offset in counts, part of the background of the {@code none} and {@code constant} methods;
	 *         the estimating methods ({@code roi}, {@code surface}, {@code ring}) measure it with the rest of the
	 *         background, so it does not change their result
	 */
	public double cameraOffset() {
		return cameraOffset;
	}

	/** @return autofluorescence of unloaded cells at 340 nm, counts, subtracted inside cells */
	public double autofluorescence340() {
		return autofluorescence340;
	}

	/** @return autofluorescence of unloaded cells at 380 nm, counts, subtracted inside cells */
	public double autofluorescence380() {
		return autofluorescence380;
	}

	/** Builder of {@link BackgroundSettings}. */
	public static final class Builder {
		private BackgroundMethod method = BackgroundMethod.SURFACE;
		private double constant340, constant380;
		private int surfaceDegree = DEFAULT_SURFACE_DEGREE;
		private double guardPx = DEFAULT_GUARD_PX;
		private double ringWidthPx = DEFAULT_RING_WIDTH_PX;
		private double clipSigma = DEFAULT_CLIP_SIGMA;
		private double cameraOffset;
		private double autofluorescence340, autofluorescence380;

		/** Method. */
		public Builder method(BackgroundMethod v) {
			method = v;
			return this;
		}

		/** Constant background at 340 nm (counts above offset). */
		public Builder constant340(double v) {
			constant340 = v;
			return this;
		}

		/** Constant background at 380 nm (counts above offset). */
		public Builder constant380(double v) {
			constant380 = v;
			return this;
		}

		/** Surface degree 0..4. */
		public Builder surfaceDegree(int v) {
			surfaceDegree = v;
			return this;
		}

		/** Guard band in pixels. */
		public Builder guardPx(double v) {
			guardPx = v;
			return this;
		}

		/** Ring width in pixels. */
		public Builder ringWidthPx(double v) {
			ringWidthPx = v;
			return this;
		}

		/** Sigma clipping. */
		public Builder clipSigma(double v) {
			clipSigma = v;
			return this;
		}

		/** Camera offset in counts. */
		public Builder cameraOffset(double v) {
			cameraOffset = v;
			return this;
		}

		/** Autofluorescence at 340 nm in counts. */
		public Builder autofluorescence340(double v) {
			autofluorescence340 = v;
			return this;
		}

		/** Autofluorescence at 380 nm in counts. */
		public Builder autofluorescence380(double v) {
			autofluorescence380 = v;
			return this;
		}

		/**
		 * @return validated settings
		 * @throws SettingsException with every invalid parameter, named by its settings key ({@code KEY_})
		 */
		public BackgroundSettings build() {
			SettingsException.Collector p = new SettingsException.Collector();
			if (method == null) p.add(KEY_BACKGROUND, "a method must be given");
			finite(p, KEY_BG340, constant340);
			finite(p, KEY_BG380, constant380);
			finite(p, KEY_CAMERA_OFFSET, cameraOffset);
			if (finite(p, KEY_AUTOFLUORESCENCE340, autofluorescence340) && autofluorescence340 < 0) p.add(
				KEY_AUTOFLUORESCENCE340, "must be >= 0 counts, got " + autofluorescence340);
			if (finite(p, KEY_AUTOFLUORESCENCE380, autofluorescence380) && autofluorescence380 < 0) p.add(
				KEY_AUTOFLUORESCENCE380, "must be >= 0 counts, got " + autofluorescence380);
			if (surfaceDegree < 0 || surfaceDegree > SurfaceFit.MAX_DEGREE) p.add(KEY_SURFACE_DEGREE, "must be 0.." +
				SurfaceFit.MAX_DEGREE + ", got " + surfaceDegree);
			if (!(guardPx >= 0) || guardPx > 1000) p.add(KEY_GUARD_PX, "must be 0..1000 px, got " + guardPx);
			if (!(ringWidthPx >= 1) || ringWidthPx > 1000) p.add(KEY_RING_PX, "must be 1..1000 px, got " + ringWidthPx);
			if (!(clipSigma >= 0)) p.add(KEY_CLIP_SIGMA, "must be >= 0, got " + clipSigma);
			p.throwIfAny();
			return new BackgroundSettings(this);
		}

		/** @return true when {@code v} is finite, else records the problem */
		private static boolean finite(SettingsException.Collector p, String key, double v) {
			if (!Double.isFinite(v)) p.add(key, "must be a finite number, got " + v);
			return Double.isFinite(v);
		}
	}
}
