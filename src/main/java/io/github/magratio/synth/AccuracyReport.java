package io.github.magratio.synth;

import io.github.magratio.core.CellTable;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well an analysis recovered a synthetic recording's truth: which segmented cell is which true cell (the true cell
 * that covers most of its pixels, and only if that covers more than half of it), cells missed, extra and merged, and the
 * relative error |measured - true| / true of [Mg2+] over every matched cell and frame. Immutable.
 */
public final class AccuracyReport {

	private final int trueCells;
	private final int foundCells;
	private final int matched;
	private final int missed;
	private final int extra;
	private final int merged;
	private final double[] relativeErrors;
	private final int[] matchOf;

	private AccuracyReport(int trueCells, int foundCells, int matched, int missed, int extra, int merged,
		double[] errors, int[] matchOf)
	{
		this.trueCells = trueCells;
		this.foundCells = foundCells;
		this.matched = matched;
		this.missed = missed;
		this.extra = extra;
		this.merged = merged;
		this.relativeErrors = errors;
		this.matchOf = matchOf;
	}

	/**
	 * Compares an analysis with the truth.
	 *
	 * @param labels the segmented cells (same size as the truth)
	 * @param table their measurements
	 */
	public static AccuracyReport compare(GroundTruth truth, Labels labels, CellTable table) {
		if (labels.width() != truth.width() || labels.height() != truth.height()) throw new IllegalArgumentException(
			"labels are " + labels.width() + "x" + labels.height() + ", truth is " + truth.width() + "x" + truth
				.height());
		int n = labels.count(), m = truth.cellCount();
		long[][] overlap = new long[n + 1][m + 1];
		int[] lab = labels.array();
		short[] t = truth.labels();
		for (int i = 0; i < lab.length; i++)
			overlap[lab[i]][t[i] & 0xffff]++;
		int[] matchOf = new int[n + 1];
		int[] hits = new int[m + 1];
		int extra = 0;
		for (int c = 1; c <= n; c++) {
			int best = 0;
			for (int k = 1; k <= m; k++)
				if (overlap[c][k] > overlap[c][best]) best = k;
			if (best > 0 && overlap[c][best] * 2 > labels.area(c)) {
				matchOf[c] = best;
				hits[best]++;
			}
			else extra++;
		}
		int missed = 0, merged = 0, matched = 0;
		for (int k = 1; k <= m; k++) {
			if (hits[k] == 0) missed++;
			else matched++;
			if (hits[k] > 1) merged += hits[k] - 1;
		}
		// a segmented cell covering two true cells shows as one true cell missed: count merges explicitly
		for (int c = 1; c <= n; c++) {
			int covered = 0;
			for (int k = 1; k <= m; k++)
				if (overlap[c][k] * 2 > truth.area(k)) covered++;
			if (covered > 1) merged += covered - 1;
		}
		List<Double> errors = new ArrayList<>();
		for (int c = 1; c <= n; c++) {
			if (matchOf[c] == 0) continue;
			for (int f = 0; f < table.frames(); f++) {
				double want = truth.mgMillimolar(matchOf[c], f), got = table.mgMillimolar(c, f);
				errors.add(Double.isNaN(got) ? Double.POSITIVE_INFINITY : Math.abs(got - want) / want);
			}
		}
		double[] e = new double[errors.size()];
		for (int i = 0; i < e.length; i++)
			e[i] = errors.get(i);
		return new AccuracyReport(m, n, matched, missed, extra, merged, e, matchOf);
	}

	/** @return cells in the truth */
	public int trueCells() {
		return trueCells;
	}

	/** @return cells segmented */
	public int foundCells() {
		return foundCells;
	}

	/** @return true cells matched by at least one segmented cell */
	public int matchedCells() {
		return matched;
	}

	/** @return true cells no segmented cell matches */
	public int missedCells() {
		return missed;
	}

	/** @return segmented cells that match no true cell */
	public int extraCells() {
		return extra;
	}

	/** @return extra matches from over- or under-splitting (0 when every cell is found exactly once) */
	public int mergedOrSplit() {
		return merged;
	}

	/** @return the true cell matched by segmented cell {@code cell}, 0 if none */
	public int trueCellOf(int cell) {
		return matchOf[cell];
	}

	/** @return every relative [Mg2+] error (matched cells x frames); a missing value counts as infinite */
	public double[] relativeErrors() {
		return relativeErrors.clone();
	}

	/** @return the median relative error (0.01 = 1 %) */
	public double medianRelativeError() {
		return Stats.quantile(relativeErrors, 0.5);
	}

	/** @return the 90th percentile of the relative error */
	public double p90RelativeError() {
		return Stats.quantile(relativeErrors, 0.9);
	}

	/** @return true when every true cell is found exactly once and nothing else is */
	public boolean segmentationExact() {
		return missed == 0 && extra == 0 && merged == 0 && foundCells == trueCells;
	}

	/** @return a one-paragraph human summary */
	@Override
	public String toString() {
		return String.format(Locale.ROOT,
			"cells: %d true, %d found, %d matched, %d missed, %d extra, %d merged/split; [Mg2+] relative error over " +
				"%d cell-frames: median %.2f %%, 90th percentile %.2f %%", trueCells, foundCells, matched, missed, extra,
			merged, relativeErrors.length, 100 * medianRelativeError(), 100 * p90RelativeError());
	}
}
