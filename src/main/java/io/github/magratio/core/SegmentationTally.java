package io.github.magratio.core;

import java.util.Locale;

/**
 * {@link SegmentationScore}s of several images (or frames) pooled: true objects, predictions, matches, merges and
 * splits summed over them, so precision, recall and F1 are those of all objects together (each object weighs the
 * same, whichever image it is in), and the mean IoU of the matches is weighted by each image's matches. This is the
 * figure a benchmark quotes for a data set; the mean of per-image F1s would let an image of 7 objects weigh as much as
 * one of 300. Immutable: {@link #plus} gives a new tally.
 */
public final class SegmentationTally implements MatchCounts {

	/** Nothing scored yet. */
	public static final SegmentationTally EMPTY = new SegmentationTally(0, 0, 0, 0, 0, 0, 0, Double.NaN);

	private final int images, truthCount, predictedCount, matched, merges, splits;
	private final double iouSum, iouThreshold;

	private SegmentationTally(int images, int truthCount, int predictedCount, int matched, int merges, int splits,
		double iouSum, double iouThreshold)
	{
		this.images = images;
		this.truthCount = truthCount;
		this.predictedCount = predictedCount;
		this.matched = matched;
		this.merges = merges;
		this.splits = splits;
		this.iouSum = iouSum;
		this.iouThreshold = iouThreshold;
	}

	/**
	 * @return this tally with {@code s} added
	 * @throws IllegalArgumentException when {@code s} was matched at another IoU threshold than the scores before it
	 */
	public SegmentationTally plus(SegmentationScore s) {
		if (images > 0 && s.iouThreshold() != iouThreshold) throw new IllegalArgumentException(
			"cannot pool scores matched at IoU " + iouThreshold + " and " + s.iouThreshold());
		return new SegmentationTally(images + 1, truthCount + s.truthCount(), predictedCount + s.predictedCount(),
			matched + s.matched(), merges + s.merges(), splits + s.splits(), iouSum + (s.matched() > 0 ? s
				.meanMatchedIou() * s.matched() : 0), s.iouThreshold());
	}

	/** @return scores pooled */
	public int images() {
		return images;
	}

	/** @return true objects, summed */
	@Override
	public int truthCount() {
		return truthCount;
	}

	/** @return predicted objects, summed */
	@Override
	public int predictedCount() {
		return predictedCount;
	}

	/** @return matched pairs (true positives), summed */
	@Override
	public int matched() {
		return matched;
	}

	/** @return predicted objects holding most of two or more true ones, summed */
	public int merges() {
		return merges;
	}

	/** @return true objects holding most of two or more predicted ones, summed */
	public int splits() {
		return splits;
	}

	/** @return the mean IoU of all matched pairs, NaN without a match */
	public double meanMatchedIou() {
		return matched == 0 ? Double.NaN : iouSum / matched;
	}

	/** @return the IoU threshold of a match, NaN while empty */
	public double iouThreshold() {
		return iouThreshold;
	}

	/** @return one line, as {@link SegmentationScore#toString()} */
	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d true, %d found, %d matched at IoU >= %.2f: precision %.3f, recall %.3f, " +
			"F1 %.3f, mean IoU of matches %.3f, %d merged, %d split", truthCount, predictedCount, matched, iouThreshold,
			precision(), recall(), f1(), meanMatchedIou(), merges, splits);
	}
}
