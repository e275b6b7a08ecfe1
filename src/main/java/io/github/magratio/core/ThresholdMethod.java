package io.github.magratio.core;

/**
 * An automatic threshold on a 256-bin histogram, as ImageJ's auto-threshold methods: foreground is the bins above the
 * returned level. The {@code ij} package adapts ImageJ's {@code AutoThresholder} methods by name; {@link #OTSU} is
 * built in so {@code core} works alone.
 */
@FunctionalInterface
public interface ThresholdMethod {

	/**
	 * @param histogram 256 bin counts
	 * @return the level: bins {@code > level} are foreground
	 */
	int level(int[] histogram);

	/** Otsu (1979): the level maximising the between-class variance. */
	ThresholdMethod OTSU = histogram -> {
		long total = 0;
		double sum = 0;
		for (int i = 0; i < histogram.length; i++) {
			total += histogram[i];
			sum += (double) i * histogram[i];
		}
		double sumB = 0, best = -1;
		long wB = 0;
		int level = 0;
		for (int t = 0; t < histogram.length; t++) {
			wB += histogram[t];
			if (wB == 0) continue;
			long wF = total - wB;
			if (wF == 0) break;
			sumB += (double) t * histogram[t];
			double mB = sumB / wB, mF = (sum - sumB) / wF;
			double between = (double) wB * wF * (mB - mF) * (mB - mF);
			if (between > best) {
				best = between;
				level = t;
			}
		}
		return level;
	};
}
