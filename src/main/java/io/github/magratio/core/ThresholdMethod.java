package io.github.magratio.core;

/**
 * An automatic threshold on a 256-bin histogram, as ImageJ's auto-threshold methods: foreground is the bins above the
 * returned level. The {@code ij} package adapts ImageJ's {@code AutoThresholder} methods by name.
 */
@FunctionalInterface
public interface ThresholdMethod {

	/**
	 * @param histogram 256 bin counts
	 * @return the level: bins {@code > level} are foreground
	 */
	int level(int[] histogram);
}
