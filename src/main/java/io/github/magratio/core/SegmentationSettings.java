package io.github.magratio.core;

/**
 * Immutable settings of automatic cell segmentation ({@link CellSegmenter}): the detector ({@value #DETECTOR_SEEDED},
 * the default, or the older {@value #DETECTOR_THRESHOLD}) and its parameters. Build with {@link #builder()};
 * {@link Builder#build()} validates and reports every offending parameter by its settings key ({@code KEY_}).
 */
public final class SegmentationSettings {

	/** Settings key of {@link #detector()}. */
	public static final String KEY_DETECTOR = "detector";
	/** Settings key of {@link #cellDiameterPx()} (null or 0 = estimated). */
	public static final String KEY_CELL_DIAMETER_PX = "cell_diameter_px";
	/** Settings key of {@link #growFraction()}. */
	public static final String KEY_GROW_FRACTION = "grow_fraction";
	/** Settings key of {@link #splitDepth()}. */
	public static final String KEY_SPLIT_DEPTH = "split_depth";
	/** Settings key of {@link #shapeSplit()}. */
	public static final String KEY_SHAPE_SPLIT = "shape_split";
	/** Settings key of {@link #minSnr()}. */
	public static final String KEY_MIN_SNR = "min_snr";
	/** Settings key of {@link #minTextureContrast()}. */
	public static final String KEY_MIN_TEXTURE_CONTRAST = "min_texture_contrast";
	/** Settings key of {@link #minSharpness()}. */
	public static final String KEY_MIN_SHARPNESS = "min_sharpness";
	/** Settings key of {@link #detectBackground()}. */
	public static final String KEY_DETECT_BACKGROUND = "detect_background";
	/** Settings key of {@link #specimen()}: {@value #SPECIMEN_DISH} or {@value #SPECIMEN_TISSUE}. */
	public static final String KEY_SPECIMEN = "specimen";
	/** Settings key of {@link #backgroundScale()}. */
	public static final String KEY_BACKGROUND_SCALE = "background_scale";
	/** Settings key of {@link #threshold()}. */
	public static final String KEY_THRESHOLD = "threshold";
	/** Settings key of {@link #smoothPx()}. */
	public static final String KEY_SMOOTH_PX = "smooth_px";
	/** Settings key of {@link #flattenDegree()}. */
	public static final String KEY_FLATTEN_DEGREE = "flatten_degree";
	/** Settings key of {@link #fillHoles()}. */
	public static final String KEY_FILL_HOLES = "fill_holes";
	/** Settings key of {@link #minAreaPx()}. */
	public static final String KEY_MIN_AREA_PX = "min_area_px";
	/** Settings key of {@link #maxAreaPx()} (null = no limit). */
	public static final String KEY_MAX_AREA_PX = "max_area_px";
	/** Settings key of {@link #watershed()}. */
	public static final String KEY_WATERSHED = "watershed";
	/** Settings key of {@link #watershedTolerancePx()}. */
	public static final String KEY_WATERSHED_TOLERANCE_PX = "watershed_tolerance_px";
	/** Settings key of {@link #dropBorderCells()}: {@code keep} or {@code drop}. */
	public static final String KEY_BORDER = "border";

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

	/**
	 * Specimen of the seeded detector: cells or nuclei on a flat dish or slide, each outline at the foot of its edge
	 * (the default).
	 */
	public static final String SPECIMEN_DISH = "dish";
	/**
	 * Specimen of the seeded detector: a tissue section, whose in-focus nuclei stand in the glow of out-of-focus light
	 * from the section's depth; each outline moves to its steepest edge ({@link SeededSegmenter}).
	 */
	public static final String SPECIMEN_TISSUE = "tissue";
	/** Valid specimens. */
	public static final java.util.List<String> SPECIMENS = java.util.Arrays.asList(SPECIMEN_DISH, SPECIMEN_TISSUE);

	/** Default detector. */
	public static final String DEFAULT_DETECTOR = DETECTOR_SEEDED;
	/** Default cell diameter, pixels; 0 = estimated from the image. */
	public static final double DEFAULT_CELL_DIAMETER_PX = 0;
	/**
	 * Default fraction of its own peak (above the local background) at which each object is cut; the seeded detector cuts
	 * higher where the object's radial profile has its knee higher (a nucleus in a glow).
	 */
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
	private final String detectBackground, specimen;
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
		specimen = b.specimen;
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
		b.specimen = specimen;
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
	 * @return the smallest step across a cell's outline (its outer 2 px minus the 2 px outside; wider bands for cells
	 *         above about 21 px across) relative to its mean height above the background: out-of-focus cells and haze
	 *         rise gradually and fall below it (seeded; an object below 2 x it, 2.5 x when it touches the image border,
	 *         must also stand 2 x min_texture_contrast above its surround's texture: see {@link SeededSegmenter})
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

	/**
	 * @return the specimen the seeded detector is tuned to: {@value #SPECIMEN_DISH} (cells on a flat dish, outlines at
	 *         the foot of their edges) or {@value #SPECIMEN_TISSUE} (nuclei of a tissue section, in a glow of
	 *         out-of-focus light: outlines at their steepest edges)
	 */
	public String specimen() {
		return specimen;
	}

	/** @return whether the seeded detector treats the image as a tissue section ({@link #specimen()}) */
	public boolean tissue() {
		return SPECIMEN_TISSUE.equals(specimen);
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
		private String specimen = SPECIMEN_DISH;
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

		/** Specimen of the seeded detector ({@value #SPECIMEN_DISH} or {@value #SPECIMEN_TISSUE}). */
		public Builder specimen(String v) {
			specimen = v;
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

		/**
		 * @return validated settings
		 * @throws SettingsException with every invalid parameter, named by its settings key ({@code KEY_})
		 */
		public SegmentationSettings build() {
			SettingsException.Collector p = new SettingsException.Collector();
			if (!DETECTORS.contains(detector)) p.add(KEY_DETECTOR, "must be one of " + String.join(", ", DETECTORS) +
				", got '" + detector + "'");
			if (!BACKGROUNDS.contains(detectBackground)) p.add(KEY_DETECT_BACKGROUND, "must be one of " + String.join(
				", ", BACKGROUNDS) + ", got '" + detectBackground + "'");
			if (!SPECIMENS.contains(specimen)) p.add(KEY_SPECIMEN, "must be one of " + String.join(", ", SPECIMENS) +
				", got '" + specimen + "'");
			if (!(cellDiameterPx >= 0 && cellDiameterPx <= 2000)) p.add(KEY_CELL_DIAMETER_PX,
				"must be 0 (estimate) or up to 2000 px, got " + cellDiameterPx);
			else if (cellDiameterPx > 0 && cellDiameterPx < 3) p.add(KEY_CELL_DIAMETER_PX,
				"must be at least 3 px (or 0 to estimate it), got " + cellDiameterPx);
			if (!(growFraction > 0 && growFraction < 1)) p.add(KEY_GROW_FRACTION,
				"must be between 0 and 1 (exclusive), got " + growFraction);
			if (!(splitDepth >= 0 && splitDepth < 1)) p.add(KEY_SPLIT_DEPTH, "must be 0..1 (exclusive), got " +
				splitDepth);
			if (!(shapeSplit >= 0 && shapeSplit < 1)) p.add(KEY_SHAPE_SPLIT,
				"must be 0..1 (exclusive; 0 = never split by shape), got " + shapeSplit);
			if (!(minSnr >= 0 && minSnr <= 1000)) p.add(KEY_MIN_SNR, "must be 0..1000, got " + minSnr);
			if (!(minTextureContrast >= 0 && minTextureContrast <= 1000)) p.add(KEY_MIN_TEXTURE_CONTRAST,
				"must be 0..1000, got " + minTextureContrast);
			if (!(minSharpness >= 0 && minSharpness <= 1)) p.add(KEY_MIN_SHARPNESS, "must be 0..1, got " + minSharpness);
			if (!(backgroundScale >= 0.5 && backgroundScale <= 100)) p.add(KEY_BACKGROUND_SCALE,
				"must be 0.5..100 cell diameters, got " + backgroundScale);
			if (!(smoothPx >= 0) || smoothPx > 100) p.add(KEY_SMOOTH_PX, "must be 0..100 px, got " + smoothPx);
			if (threshold == null || threshold.trim().isEmpty()) p.add(KEY_THRESHOLD,
				"must name a method (e.g. Otsu, Li, Triangle)");
			if (flattenDegree < -1 || flattenDegree > SurfaceFit.MAX_DEGREE) p.add(KEY_FLATTEN_DEGREE,
				"must be -1 (none) .. " + SurfaceFit.MAX_DEGREE + ", got " + flattenDegree);
			if (minAreaPx < 1) p.add(KEY_MIN_AREA_PX, "must be >= 1 px, got " + minAreaPx);
			// a limit between two keys is one problem, on the maximum: a maximum is only ever set on purpose (the
			// default is none), so it is the key the user set
			else if (maxAreaPx < minAreaPx) p.add(KEY_MAX_AREA_PX, "must be >= ", SettingsProblem.ref(KEY_MIN_AREA_PX),
				" (" + minAreaPx + "), got " + maxAreaPx);
			if (!(watershedTolerancePx >= 0)) p.add(KEY_WATERSHED_TOLERANCE_PX, "must be >= 0 px, got " +
				watershedTolerancePx);
			p.throwIfAny();
			return new SegmentationSettings(this);
		}
	}
}
