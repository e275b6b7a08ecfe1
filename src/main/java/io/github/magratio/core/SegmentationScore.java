package io.github.magratio.core;

/**
 * How well a segmentation matches reference (truth) labels, by the usual instance-segmentation criterion: a predicted
 * object and a true object match when their intersection over union (IoU) is at least a threshold (0.5 by default;
 * above 0.5 a match is necessarily one-to-one, at exactly 0.5 the higher IoU, then the lower ids, win). From the matches: precision (matched predictions / predictions),
 * recall (matched truths / truths), F1, and the mean IoU of the matches. Also merges (a predicted object that holds
 * more than half of each of two or more true objects) and splits (a true object that holds more than half of each of
 * two or more predicted objects). Immutable.
 */
public final class SegmentationScore implements MatchCounts {

	/** The usual IoU threshold for a match. */
	public static final double DEFAULT_IOU = 0.5;

	private final int truthCount, predictedCount, matched, merges, splits;
	private final double iouThreshold, meanIou;
	private final int[] matchOfTruth, matchOfPredicted;
	private final double[] iouOfTruth;

	private SegmentationScore(int truthCount, int predictedCount, int matched, int merges, int splits,
		double iouThreshold, double meanIou, int[] matchOfTruth, int[] matchOfPredicted, double[] iouOfTruth)
	{
		this.truthCount = truthCount;
		this.predictedCount = predictedCount;
		this.matched = matched;
		this.merges = merges;
		this.splits = splits;
		this.iouThreshold = iouThreshold;
		this.meanIou = meanIou;
		this.matchOfTruth = matchOfTruth;
		this.matchOfPredicted = matchOfPredicted;
		this.iouOfTruth = iouOfTruth;
	}

	/**
	 * Scores {@code predicted} against {@code truth} (same size; ids need not be dense).
	 *
	 * @param iouThreshold the IoU at or above which two objects match, 0.5..1
	 * @throws IllegalArgumentException when the sizes differ or the threshold is outside 0.5..1
	 */
	public static SegmentationScore of(int[] truth, int[] predicted, int width, int height, double iouThreshold) {
		if (truth.length != (long) width * height || predicted.length != truth.length) throw new IllegalArgumentException(
			"truth has " + truth.length + " and prediction " + predicted.length + " pixels, expected " + width + "x" +
				height + " each");
		if (!(iouThreshold >= 0.5 && iouThreshold <= 1)) throw new IllegalArgumentException(
			"the IoU threshold must be 0.5..1 (below 0.5 matches are not one-to-one), got " + iouThreshold);
		Labels t = Labels.of(truth, width, height), p = Labels.of(predicted, width, height);
		int nt = t.count(), np = p.count();
		int[] ta = t.array(), pa = p.array();
		// sparse overlap counts: each predicted object meets few true objects
		java.util.Map<Long, long[]> overlap = new java.util.HashMap<>();
		for (int i = 0; i < ta.length; i++) {
			if (ta[i] == 0 || pa[i] == 0) continue;
			overlap.computeIfAbsent(((long) ta[i] << 32) | pa[i], k -> new long[1])[0]++;
		}
		int[] matchOfTruth = new int[nt + 1], matchOfPredicted = new int[np + 1];
		double[] iouOfTruth = new double[nt + 1];
		int[] bigPartsOfPredicted = new int[np + 1], bigPartsOfTruth = new int[nt + 1];
		java.util.List<double[]> candidates = new java.util.ArrayList<>();
		for (java.util.Map.Entry<Long, long[]> e : overlap.entrySet()) {
			int a = (int) (e.getKey() >>> 32), b = (int) (long) e.getKey();
			long inter = e.getValue()[0];
			double iou = inter / (double) (t.area(a) + p.area(b) - inter);
			if (iou >= iouThreshold) candidates.add(new double[] { iou, a, b });
			if (2 * inter > t.area(a)) bigPartsOfPredicted[b]++;
			if (2 * inter > p.area(b)) bigPartsOfTruth[a]++;
		}
		// highest IoU first, each object once: one-to-one even when an IoU is exactly 0.5
		candidates.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : x[1] != y[1] ? Double.compare(x[1], y[1])
			: Double.compare(x[2], y[2]));
		int matched = 0;
		double iouSum = 0;
		for (double[] c : candidates) {
			int a = (int) c[1], b = (int) c[2];
			if (matchOfTruth[a] != 0 || matchOfPredicted[b] != 0) continue;
			matchOfTruth[a] = b;
			matchOfPredicted[b] = a;
			iouOfTruth[a] = c[0];
			matched++;
			iouSum += c[0];
		}
		int merges = 0, splits = 0;
		for (int b = 1; b <= np; b++)
			if (bigPartsOfPredicted[b] > 1) merges++;
		for (int a = 1; a <= nt; a++)
			if (bigPartsOfTruth[a] > 1) splits++;
		return new SegmentationScore(nt, np, matched, merges, splits, iouThreshold, matched == 0 ? Double.NaN : iouSum /
			matched, matchOfTruth, matchOfPredicted, iouOfTruth);
	}

	/** @return {@link #of} at IoU 0.5 */
	public static SegmentationScore of(int[] truth, int[] predicted, int width, int height) {
		return of(truth, predicted, width, height, DEFAULT_IOU);
	}

	/** @return true objects */
	@Override
	public int truthCount() {
		return truthCount;
	}

	/** @return predicted objects */
	@Override
	public int predictedCount() {
		return predictedCount;
	}

	/** @return matched pairs (true positives) */
	@Override
	public int matched() {
		return matched;
	}

	/** @return the mean IoU of the matched pairs, NaN without a match */
	public double meanMatchedIou() {
		return meanIou;
	}

	/** @return predicted objects holding more than half of each of two or more true objects */
	public int merges() {
		return merges;
	}

	/** @return true objects holding more than half of each of two or more predicted objects */
	public int splits() {
		return splits;
	}

	/** @return the IoU threshold of a match */
	public double iouThreshold() {
		return iouThreshold;
	}

	/**
	 * @param truthId a true object's id in the renumbered (dense, raster-order) truth
	 * @return the matched predicted object (dense, raster-order id), 0 if none
	 */
	public int matchOfTruth(int truthId) {
		return matchOfTruth[truthId];
	}

	/** @return the IoU of the true object's match, 0 if none */
	public double iouOfTruth(int truthId) {
		return iouOfTruth[truthId];
	}

	/** @return the true object a predicted object matches (dense ids), 0 if none */
	public int matchOfPredicted(int predictedId) {
		return matchOfPredicted[predictedId];
	}

	/** @return one line: counts, precision, recall, F1, mean IoU, merges, splits */
	@Override
	public String toString() {
		return SegmentationTally.EMPTY.plus(this).toString();
	}
}
