package io.github.magratio.core;

/**
 * Immutable settings of automatic cell segmentation ({@link CellSegmenter}): the detector ({@value #DETECTOR_SEEDED},
 * the default, or the older {@value #DETECTOR_THRESHOLD}) and its parameters. Build with {@link #builder()};
 * {@link Builder#build()} validates and names the offending parameter by its settings key.
 */
public final class SegmentationSettings {

	/** Detector name: per-object levels grown from LoG seeds ({@link SeededSegmenter}). */
	public static final String DETECTOR_SEEDED = "seeded";
	/** Detector name: one global auto-threshold and a distance-transform watershed (the method before 0.2). */
	public static final String DETECTOR_THRESHOLD = "threshold";
	/** Valid detector names. */
	public static final java.util.List<String> DETECTORS = java.util.Arrays.asList(DETECTOR_SEEDED,
		DETECTOR_THRESHOLD);
	/** Background model of the seeded detector: masked normalised convolution (tissue, uneven fields). */
	public static final String BACKGROUND_LOCAL = "local";
	/** Background model of the seeded detector: a robust polynomial surface (flat dishes). */
	public static final String BACKGROUND_SURFACE = "surface";
	/** Valid background models. */
	public static final java.util.List<String> BACKGROUNDS = java.util.Arrays.asList(BACKGROUND_LOCAL,
		BACKGROUND_SURFACE);

	/** Default detector. */
	public static final String DEFAULT_DETECTOR = DETECTOR_SEEDED;
	/** Default cell diameter, pixels; 0 = estimated from the image. */
	public static final double DEFAULT_CELL_DIAMETER_PX = 0;
	/** Default fraction of its own peak (above the local background) at which each object is cut. */
	public static final double DEFAULT_GROW_FRACTION = 0.25;
	/** Default relative depth of the valley that keeps two touching objects apart. */
	public static final double DEFAULT_SPLIT_DEPTH = 0.1;
	/** Default smallest contrast of an object to its surround, in pixel-noise SDs. */
	public static final double DEFAULT_MIN_SNR = 3;
	/** Default smallest contrast of an object to its surround, in SDs of the surround (local texture). */
	public static final double DEFAULT_MIN_TEXTURE_CONTRAST = 5;
	/** Default smallest step across a cell's outline relative to its mean height above the background. */
	public static final double DEFAULT_MIN_SHARPNESS = 0.2;
	/** Default relative depth of a neck in an object's distance transform that splits it in two (seeded). */
	public static final double DEFAULT_SHAPE_SPLIT = 0.2;
	/** Default scale of the local background, in cell diameters. */
	public static final double DEFAULT_BACKGROUND_SCALE = 2;

	/** Default Gaussian smoothing before thresholding, in pixels. */
	public static final double DEFAULT_SMOOTH_PX = 1.0;
	/** Default auto-threshold method (an ImageJ method name). */
	public static final String DEFAULT_THRESHOLD = "Otsu";
	/** Default smallest cell, in pixels. */
	public static final long DEFAULT_MIN_AREA_PX = 30;
	/** Default watershed tolerance, in pixels of distance. */
	public static final double DEFAULT_WATERSHED_TOLERANCE_PX = 0.5;
	/** Default degree of the surface removed before thresholding (flattens uneven illumination); -1 = none. */
	public static final int DEFAULT_FLATTEN_DEGREE = 2;

	private final String detector;
	private final double cellDiameterPx, growFraction, splitDepth, shapeSplit, minSnr, minTextureContrast,
			minSharpness, backgroundScale;
	private final String detectBackground;
	private final double smoothPx;
	private final String threshold;
	private final int flattenDegree;
	private final boolean fillHoles;
	private final long minAreaPx;
	private final long maxAreaPx;
	private final boolean watershed;
	private final double watershedTolerancePx;
	private final boolean dropBorderCells;

	private SegmentationSettings(Builder b) {
		detector = b.detector;
		cellDiameterPx = b.cellDiameterPx;
		growFraction = b.growFraction;
		splitDepth = b.splitDepth;
		shapeSplit = b.shapeSplit;
		minSnr = b.minSnr;
		minTextureContrast = b.minTextureContrast;
		minSharpness = b.minSharpness;
		backgroundScale = b.backgroundScale;
		detectBackground = b.detectBackground;
		smoothPx = b.smoothPx;
		threshold = b.threshold;
		flattenDegree = b.flattenDegree;
		fillHoles = b.fillHoles;
		minAreaPx = b.minAreaPx;
		maxAreaPx = b.maxAreaPx;
		watershed = b.watershed;
		watershedTolerancePx = b.watershedTolerancePx;
		dropBorderCells = b.dropBorderCells;
	}

	/** @return a builder with the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** @return the detector: {@value #DETECTOR_SEEDED} or {@value #DETECTOR_THRESHOLD} */
	public String detector() {
		return detector;
	}

	/** @return the expected cell diameter in pixels; 0 = estimated from the image (seeded detector) */
	public double cellDiameterPx() {
		return cellDiameterPx;
	}

	/** @return these settings with the cell diameter given (seeded detector), e.g. one estimated earlier */
	public SegmentationSettings withCellDiameterPx(double px) {
		Builder b = new Builder();
		b.detector = detector;
		b.cellDiameterPx = px;
		b.growFraction = growFraction;
		b.splitDepth = splitDepth;
		b.shapeSplit = shapeSplit;
		b.minSnr = minSnr;
		b.minTextureContrast = minTextureContrast;
		b.minSharpness = minSharpness;
		b.backgroundScale = backgroundScale;
		b.detectBackground = detectBackground;
		b.smoothPx = smoothPx;
		b.threshold = threshold;
		b.flattenDegree = flattenDegree;
		b.fillHoles = fillHoles;
		b.minAreaPx = minAreaPx;
		b.maxAreaPx = maxAreaPx;
		b.watershed = watershed;
		b.watershedTolerancePx = watershedTolerancePx;
		b.dropBorderCells = dropBorderCells;
		return b.build();
	}

	/** @return the fraction of its own peak above the local background at which each object is cut (seeded) */
	public double growFraction() {
		return growFraction;
	}

	/**
	 * @return how deep, relative to the dimmer object's peak, the valley between two touching objects must be for
	 *         them to stay two cells (seeded)
	 */
	public double splitDepth() {
		return splitDepth;
	}

	/**
	 * @return how deep, relative to the smaller part's inscribed radius, a neck in an object's outline must be to split
	 *         it into two cells (seeded); 0 = never split by shape
	 */
	public double shapeSplit() {
		return shapeSplit;
	}

	/** @return the smallest mean contrast of a cell to its surround, in pixel-noise SDs (seeded) */
	public double minSnr() {
		return minSnr;
	}

	/** @return the smallest mean contrast of a cell to its surround, in SDs of the surround's pixels (seeded) */
	public double minTextureContrast() {
		return minTextureContrast;
	}

	/**
	 * @return the smallest step across a cell's outline (its outer 2 px minus the 2 px outside) relative to its mean
	 *         height above the background: out-of-focus cells and haze rise gradually and fall below it (seeded)
	 */
	public double minSharpness() {
		return minSharpness;
	}

	/** @return the scale (Gaussian sigma) of the local background, in cell diameters (seeded, local background) */
	public double backgroundScale() {
		return backgroundScale;
	}

	/** @return the seeded detector's background model: {@value #BACKGROUND_LOCAL} or {@value #BACKGROUND_SURFACE} */
	public String detectBackground() {
		return detectBackground;
	}

	/** @return Gaussian sigma applied before thresholding, pixels */
	public double smoothPx() {
		return smoothPx;
	}

	/** @return the auto-threshold method name (ImageJ's: Default, Huang, Li, Otsu, Triangle, ...) */
	public String threshold() {
		return threshold;
	}

	/** @return degree of the smooth surface subtracted before thresholding, or -1 for none */
	public int flattenDegree() {
		return flattenDegree;
	}

	/** @return whether holes inside cells are filled */
	public boolean fillHoles() {
		return fillHoles;
	}

	/** @return smallest accepted cell, pixels */
	public long minAreaPx() {
		return minAreaPx;
	}

	/** @return largest accepted cell, pixels */
	public long maxAreaPx() {
		return maxAreaPx;
	}

	/** @return whether touching cells are split by a distance-transform watershed */
	public boolean watershed() {
		return watershed;
	}

	/** @return minimum neck depth between two cells for the watershed to split them, pixels */
	public double watershedTolerancePx() {
		return watershedTolerancePx;
	}

	/** @return whether cells touching the image border are dropped */
	public boolean dropBorderCells() {
		return dropBorderCells;
	}

	/** Builder of {@link SegmentationSettings}. */
	public static final class Builder {
		private String detector = DEFAULT_DETECTOR;
		private double cellDiameterPx = DEFAULT_CELL_DIAMETER_PX, growFraction = DEFAULT_GROW_FRACTION,
				splitDepth = DEFAULT_SPLIT_DEPTH, shapeSplit = DEFAULT_SHAPE_SPLIT, minSnr = DEFAULT_MIN_SNR,
				minTextureContrast = DEFAULT_MIN_TEXTURE_CONTRAST, minSharpness = DEFAULT_MIN_SHARPNESS,
				backgroundScale = DEFAULT_BACKGROUND_SCALE;
		private String detectBackground = BACKGROUND_LOCAL;
		private double smoothPx = DEFAULT_SMOOTH_PX;
		private String threshold = DEFAULT_THRESHOLD;
		private int flattenDegree = DEFAULT_FLATTEN_DEGREE;
		private boolean fillHoles = true;
		private long minAreaPx = DEFAULT_MIN_AREA_PX;
		private long maxAreaPx = Long.MAX_VALUE;
		private boolean watershed = true;
		private double watershedTolerancePx = DEFAULT_WATERSHED_TOLERANCE_PX;
		private boolean dropBorderCells;

		/** Detector name ({@value #DETECTOR_SEEDED} or {@value #DETECTOR_THRESHOLD}). */
		public Builder detector(String v) {
			detector = v;
			return this;
		}

		/** Expected cell diameter, pixels; 0 = estimate. */
		public Builder cellDiameterPx(double v) {
			cellDiameterPx = v;
			return this;
		}

		/** Cut level of each object as a fraction of its own peak above background. */
		public Builder growFraction(double v) {
			growFraction = v;
			return this;
		}

		/** Relative valley depth that keeps touching objects apart. */
		public Builder splitDepth(double v) {
			splitDepth = v;
			return this;
		}

		/** Relative neck depth that splits an object by shape, 0 = never. */
		public Builder shapeSplit(double v) {
			shapeSplit = v;
			return this;
		}

		/** Smallest contrast to the surround, pixel-noise SDs. */
		public Builder minSnr(double v) {
			minSnr = v;
			return this;
		}

		/** Smallest contrast to the surround, SDs of the surround. */
		public Builder minTextureContrast(double v) {
			minTextureContrast = v;
			return this;
		}

		/** Smallest step across the outline relative to the mean height. */
		public Builder minSharpness(double v) {
			minSharpness = v;
			return this;
		}

		/** Scale of the local background, cell diameters. */
		public Builder backgroundScale(double v) {
			backgroundScale = v;
			return this;
		}

		/** Background model of the seeded detector ({@value #BACKGROUND_LOCAL} or {@value #BACKGROUND_SURFACE}). */
		public Builder detectBackground(String v) {
			detectBackground = v;
			return this;
		}

		/** Smoothing sigma, pixels. */
		public Builder smoothPx(double v) {
			smoothPx = v;
			return this;
		}

		/** Threshold method name. */
		public Builder threshold(String v) {
			threshold = v;
			return this;
		}

		/** Flattening surface degree, -1 for none. */
		public Builder flattenDegree(int v) {
			flattenDegree = v;
			return this;
		}

		/** Fill holes. */
		public Builder fillHoles(boolean v) {
			fillHoles = v;
			return this;
		}

		/** Minimum area, pixels. */
		public Builder minAreaPx(long v) {
			minAreaPx = v;
			return this;
		}

		/** Maximum area, pixels. */
		public Builder maxAreaPx(long v) {
			maxAreaPx = v;
			return this;
		}

		/** Watershed on/off. */
		public Builder watershed(boolean v) {
			watershed = v;
			return this;
		}

		/** Watershed tolerance, pixels. */
		public Builder watershedTolerancePx(double v) {
			watershedTolerancePx = v;
			return this;
		}

		/** Drop cells touching the border. */
		public Builder dropBorderCells(boolean v) {
			dropBorderCells = v;
			return this;
		}

		/** @return validated settings */
		public SegmentationSettings build() {
			if (!DETECTORS.contains(detector)) throw new IllegalArgumentException("detector must be one of " + String
				.join(", ", DETECTORS) + ", got '" + detector + "'");
			if (!BACKGROUNDS.contains(detectBackground)) throw new IllegalArgumentException(
				"detect_background must be one of " + String.join(", ", BACKGROUNDS) + ", got '" + detectBackground + "'");
			if (!(cellDiameterPx >= 0 && cellDiameterPx <= 2000)) throw new IllegalArgumentException(
				"cell_diameter_px must be 0 (estimate) or up to 2000 px, got " + cellDiameterPx);
			if (cellDiameterPx > 0 && cellDiameterPx < 3) throw new IllegalArgumentException(
				"cell_diameter_px must be at least 3 px (or 0 to estimate it), got " + cellDiameterPx);
			if (!(growFraction > 0 && growFraction < 1)) throw new IllegalArgumentException(
				"grow_fraction must be between 0 and 1 (exclusive), got " + growFraction);
			if (!(splitDepth >= 0 && splitDepth < 1)) throw new IllegalArgumentException(
				"split_depth must be 0..1 (exclusive), got " + splitDepth);
			if (!(shapeSplit >= 0 && shapeSplit < 1)) throw new IllegalArgumentException(
				"shape_split must be 0..1 (exclusive; 0 = never split by shape), got " + shapeSplit);
			if (!(minSnr >= 0 && minSnr <= 1000)) throw new IllegalArgumentException("min_snr must be 0..1000, got " +
				minSnr);
			if (!(minTextureContrast >= 0 && minTextureContrast <= 1000)) throw new IllegalArgumentException(
				"min_texture_contrast must be 0..1000, got " + minTextureContrast);
			if (!(minSharpness >= 0 && minSharpness <= 1)) throw new IllegalArgumentException(
				"min_sharpness must be 0..1, got " + minSharpness);
			if (!(backgroundScale >= 0.5 && backgroundScale <= 100)) throw new IllegalArgumentException(
				"background_scale must be 0.5..100 cell diameters, got " + backgroundScale);
			if (!(smoothPx >= 0) || smoothPx > 100) throw new IllegalArgumentException("smooth_px must be 0..100 px, got " +
				smoothPx);
			if (threshold == null || threshold.trim().isEmpty()) throw new IllegalArgumentException(
				"threshold method must be named (e.g. Otsu, Li, Triangle)");
			if (flattenDegree < -1 || flattenDegree > SurfaceFit.MAX_DEGREE) throw new IllegalArgumentException(
				"flatten_degree must be -1 (none) .. " + SurfaceFit.MAX_DEGREE + ", got " + flattenDegree);
			if (minAreaPx < 1) throw new IllegalArgumentException("min_area_px must be >= 1, got " + minAreaPx);
			if (maxAreaPx < minAreaPx) throw new IllegalArgumentException("max_area_px (" + maxAreaPx +
				") must be >= min_area_px (" + minAreaPx + ")");
			if (!(watershedTolerancePx >= 0)) throw new IllegalArgumentException(
				"watershed_tolerance_px must be >= 0, got " + watershedTolerancePx);
			return new SegmentationSettings(this);
		}
	}
}
