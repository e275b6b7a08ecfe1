package io.github.magratio.core;

/**
 * Counts of true objects, predicted objects and their one-to-one matches, and the figures derived from them (one image's
 * {@link SegmentationScore} or a pooled {@link SegmentationTally}).
 */
public interface MatchCounts {

	/** @return true objects */
	int truthCount();

	/** @return predicted objects */
	int predictedCount();

	/** @return matched pairs (true positives) */
	int matched();

	/** @return true objects without a match (false negatives) */
	default int missed() {
		return truthCount() - matched();
	}

	/** @return predicted objects without a match (false positives) */
	default int extra() {
		return predictedCount() - matched();
	}

	/** @return matched / predicted (1 when nothing was predicted) */
	default double precision() {
		return predictedCount() == 0 ? 1 : matched() / (double) predictedCount();
	}

	/** @return matched / true (1 when there is nothing to find) */
	default double recall() {
		return truthCount() == 0 ? 1 : matched() / (double) truthCount();
	}

	/** @return 2 matched / (true + predicted), the harmonic mean of precision and recall (1 when both are empty) */
	default double f1() {
		int denominator = truthCount() + predictedCount();
		return denominator == 0 ? 1 : 2.0 * matched() / denominator;
	}
}
