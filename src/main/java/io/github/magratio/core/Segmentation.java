package io.github.magratio.core;

/**
 * What an automatic segmentation found: the cells, the objects it rejected (and why), each object's contrast and
 * signal-to-noise ratio, the cell size and noise it worked with, and the background it estimated. For quality control:
 * a user can see the dim cells and what was dropped. Immutable apart from the arrays it hands out (do not modify).
 */
public final class Segmentation {

	/** An accepted or rejected object's measurements. */
	public static final class ObjectStats {
		/** Mean intensity above the local background, in units of the image. */
		public final double meanAboveBackground;
		/** Mean intensity above the ring around the object. */
		public final double contrastToRing;
		/**
		 * Standard deviation of the structure of the background around the object beyond the pixel noise (texture,
		 * debris), image units.
		 */
		public final double textureSd;
		/**
		 * The step across the object's free outline (mean of its outer band minus mean of the band outside, where it
		 * does not touch another object; bands of 2 px, wider for cells above about 21 px across) relative to
		 * {@link #meanAboveBackground}: about 0.3 to 1 for a cell in focus, small for out-of-focus blobs and haze;
		 * infinite when the object touches others all round.
		 */
		public final double sharpness;
		/** {@link #meanAboveBackground} over the pixel noise SD: the object's signal-to-noise ratio. */
		public final double snr;
		/** Area in pixels. */
		public final long areaPx;
		/** The setting that rejected the object (e.g. {@code min_snr}), or null when it is a cell. */
		public final String rejectedBy;
		/** Why the object was rejected, with its values, or null when it is a cell. */
		public final String rejectedBecause;

		ObjectStats(double mean, double contrast, double textureSd, double sharpness, double snr, long area, String rejectedBy,
			String rejected)
		{
			this.meanAboveBackground = mean;
			this.contrastToRing = contrast;
			this.textureSd = textureSd;
			this.sharpness = sharpness;
			this.snr = snr;
			this.areaPx = area;
			this.rejectedBy = rejectedBy;
			this.rejectedBecause = rejected;
		}
	}

	/** The cells, 1..n in raster order. */
	public final Labels cells;
	/** Objects found but rejected (contrast, texture, size or border), 1..m in raster order. */
	public final Labels rejected;
	/** Per cell (index = id, 0 unused). */
	public final ObjectStats[] cellStats;
	/** Per rejected object (index = id, 0 unused). */
	public final ObjectStats[] rejectedStats;
	/** The cell diameter used, pixels. */
	public final double diameterPx;
	/** True when {@link #diameterPx} was estimated from the image. */
	public final boolean diameterEstimated;
	/** Pixel noise SD of the image (from neighbour differences over the background), image units. */
	public final double noiseSigma;
	/** The estimated background, row-major. */
	public final float[] background;

	Segmentation(Labels cells, Labels rejected, ObjectStats[] cellStats, ObjectStats[] rejectedStats, double diameterPx,
		boolean estimated, double noiseSigma, float[] background)
	{
		this.cells = cells;
		this.rejected = rejected;
		this.cellStats = cellStats;
		this.rejectedStats = rejectedStats;
		this.diameterPx = diameterPx;
		this.diameterEstimated = estimated;
		this.noiseSigma = noiseSigma;
		this.background = background;
	}

	/**
	 * Cells given by the user (a label image or ROI set): no rejected objects, no measurements.
	 *
	 * @return a segmentation whose {@link #cellStats} entries are null
	 */
	public static Segmentation given(Labels cells) {
		return new Segmentation(cells, Labels.of(new int[cells.array().length], cells.width(), cells.height()),
			new ObjectStats[cells.count() + 1], new ObjectStats[1], Double.NaN, false, Double.NaN, null);
	}

	/** @return true when the cells were found automatically (with measurements), false when they were given */
	public boolean automatic() {
		return background != null;
	}

	/**
	 * @return the number of rejected objects per setting that rejected them ({@link ObjectStats#rejectedBy}), in
	 *         order of first occurrence
	 */
	public java.util.Map<String, Integer> rejectedBySetting() {
		java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
		for (int i = 1; i < rejectedStats.length; i++)
			m.merge(rejectedStats[i].rejectedBy, 1, Integer::sum);
		return m;
	}

	/** @return this segmentation reporting {@code cellDiameterPx} as the cell diameter */
	Segmentation withDiameter(double cellDiameterPx) {
		return new Segmentation(cells, rejected, cellStats, rejectedStats, cellDiameterPx, diameterEstimated, noiseSigma,
			background);
	}
}
