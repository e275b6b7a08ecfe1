package io.github.magratio.core;

/**
 * Immutable settings of automatic cell segmentation ({@link CellSegmenter}). Build with {@link #builder()};
 * {@link Builder#build()} validates and names the offending parameter.
 */
public final class SegmentationSettings {

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

	/** @return a builder initialised with these settings */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.smoothPx = smoothPx;
		b.threshold = threshold;
		b.flattenDegree = flattenDegree;
		b.fillHoles = fillHoles;
		b.minAreaPx = minAreaPx;
		b.maxAreaPx = maxAreaPx;
		b.watershed = watershed;
		b.watershedTolerancePx = watershedTolerancePx;
		b.dropBorderCells = dropBorderCells;
		return b;
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
		private double smoothPx = DEFAULT_SMOOTH_PX;
		private String threshold = DEFAULT_THRESHOLD;
		private int flattenDegree = DEFAULT_FLATTEN_DEGREE;
		private boolean fillHoles = true;
		private long minAreaPx = DEFAULT_MIN_AREA_PX;
		private long maxAreaPx = Long.MAX_VALUE;
		private boolean watershed = true;
		private double watershedTolerancePx = DEFAULT_WATERSHED_TOLERANCE_PX;
		private boolean dropBorderCells;

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
