package io.github.magratio.synth;

import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * How well found tracks follow the truth cells of a synthetic recording with moving or dividing cells.
 *
 * <p>
 * A truth cell is judged in every frame where it is whole in the field (no pixel on the outermost row or column: cells
 * entering or leaving are judged once they are fully in). In such a frame its found cell is the found label with the
 * largest overlap with its pixels, if their intersection over union is at least {@link #MIN_IOU}. Each truth cell is
 * assigned the track it was found as most often; a track assigned to two truth cells stays with the one it covers in
 * more frames. A frame is <b>right</b> when the cell was found there as its own track. Divisions are judged where they
 * can be seen (the mother whole in the field in her last frame, the daughter in her first): recorded right when the
 * daughter's track has the mother's track as its only parent. [Mg2+] errors are taken over right frames. Each wrong
 * frame is explained in {@link #failures()}: the track it was found on instead, or, when no found cell matches it, the
 * found labels that cover it and the other truth cells they take in (the segmentation split or merged it).
 * </p>
 */
public final class TrackingReport {

	/** Smallest intersection over union of a truth cell and its found cell. */
	public static final double MIN_IOU = 0.5;

	private final int judged, right, daughters, divisionsRight, worstCell;
	private final double worstCellFraction;
	private final double[] errors;
	private final List<String> failures;

	private TrackingReport(int judged, int right, int daughters, int divisionsRight, double worstCellFraction,
		int worstCell, double[] errors, List<String> failures)
	{
		this.worstCellFraction = worstCellFraction;
		this.worstCell = worstCell;
		this.judged = judged;
		this.right = right;
		this.daughters = daughters;
		this.divisionsRight = divisionsRight;
		this.errors = errors;
		this.failures = failures;
	}

	/**
	 * @param found each frame's found labels (row-major, track ids), e.g. {@code LabelPlanes::get}
	 * @param table the found cells' measurements, for [Mg2+]
	 * @param tracks the found tracks' parents
	 */
	public static TrackingReport compare(GroundTruth truth, IntFunction<int[]> found, CellTable table,
		CellTracks tracks)
	{
		int w = truth.width(), h = truth.height(), n = truth.cellCount(), frames = truth.frames();
		int[][] foundAs = new int[n + 1][frames];
		boolean[][] whole = new boolean[n + 1][frames], present = new boolean[n + 1][frames];
		String[][] unfound = new String[n + 1][frames];
		for (int f = 0; f < frames; f++) {
			short[] t = truth.labels(f);
			int[] p = found.apply(f);
			long[] area = new long[n + 1];
			boolean[] edge = new boolean[n + 1];
			Map<Long, long[]> inter = new HashMap<>();
			Map<Integer, Long> foundArea = new HashMap<>();
			for (int i = 0; i < t.length; i++) {
				int c = t[i] & 0xffff, q = p[i];
				if (q > 0) foundArea.merge(q, 1L, Long::sum);
				if (c == 0) continue;
				area[c]++;
				int x = i % w, y = i / w;
				if (x == 0 || y == 0 || x == w - 1 || y == h - 1) edge[c] = true;
				if (q > 0) inter.computeIfAbsent(((long) c << 32) | q, k -> new long[1])[0]++;
			}
			long[] best = new long[n + 1];
			for (Map.Entry<Long, long[]> e : inter.entrySet()) {
				int c = (int) (e.getKey() >>> 32), q = (int) (long) e.getKey();
				long in = e.getValue()[0];
				double iou = in / (double) (area[c] + foundArea.get(q) - in);
				if (in > best[c]) {
					best[c] = in;
					foundAs[c][f] = iou >= MIN_IOU ? q : 0;
				}
			}
			for (int c = 1; c <= n; c++) {
				whole[c][f] = area[c] > 0 && !edge[c];
				present[c][f] = area[c] > 0;
				if (whole[c][f] && foundAs[c][f] == 0) unfound[c][f] = segmentationMiss(c, area, foundArea, inter);
			}
		}
		// each truth cell's track, then tracks claimed twice go to the cell with more frames
		int[] trackOf = new int[n + 1], support = new int[n + 1];
		for (int c = 1; c <= n; c++) {
			Map<Integer, Integer> votes = new HashMap<>();
			for (int f = 0; f < frames; f++)
				if (whole[c][f] && foundAs[c][f] > 0) votes.merge(foundAs[c][f], 1, Integer::sum);
			for (Map.Entry<Integer, Integer> e : votes.entrySet())
				if (e.getValue() > support[c] || e.getValue() == support[c] && e.getKey() < trackOf[c]) {
					trackOf[c] = e.getKey();
					support[c] = e.getValue();
				}
		}
		for (int c = 1; c <= n; c++)
			for (int d = 1; d <= n; d++)
				if (c != d && trackOf[c] != 0 && trackOf[c] == trackOf[d] && (support[d] > support[c] || support[d] ==
					support[c] && d < c)) trackOf[c] = 0;
		int judged = 0, right = 0, daughters = 0, divisionsRight = 0;
		List<Double> errors = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		double worst = Double.NaN;
		int worstCell = 0;
		for (int c = 1; c <= n; c++) {
			int wrong = 0, mine = 0;
			StringBuilder why = new StringBuilder();
			for (int f = 0; f < frames; f++) {
				if (!whole[c][f]) continue;
				mine++;
				if (trackOf[c] != 0 && foundAs[c][f] == trackOf[c]) {
					right++;
					double mg = table.mgMillimolar(trackOf[c], f), tm = truth.mgMillimolar(c, f);
					if (!Double.isNaN(mg) && tm > 0) errors.add(Math.abs(mg - tm) / tm);
					continue;
				}
				wrong++;
				why.append("\n      frame ").append(f).append(": ").append(foundAs[c][f] == 0 ? unfound[c][f]
					: "found as track " + foundAs[c][f] + " " + Arrays.toString(tracks.parents(foundAs[c][f])) +
						", not its own track " + trackOf[c]);
			}
			judged += mine;
			if (mine > 0) {
				double fraction = (mine - wrong) / (double) mine;
				if (!(fraction >= worst)) {
					worst = fraction;
					worstCell = c;
				}
			}
			if (wrong > 0) failures.add(String.format(Locale.ROOT, "truth cell %d (parent %d): %d of %d frames wrong " +
				"(track %d)%s", c, truth.parent(c), wrong, mine, trackOf[c], why));
			int mother = truth.parent(c), born = -1;
			for (int f = 0; f < frames && born < 0; f++)
				if (present[c][f]) born = f;
			// a division is judged where it can be seen: the mother whole in her last frame, the daughter in her first
			if (mother != 0 && born > 0 && whole[mother][born - 1] && whole[c][born]) {
				daughters++;
				int[] ps = trackOf[c] == 0 ? new int[0] : tracks.parents(trackOf[c]);
				if (trackOf[mother] != 0 && ps.length == 1 && ps[0] == trackOf[mother]) divisionsRight++;
				else failures.add("truth cell " + c + " (daughter of " + mother + "): its track " + trackOf[c] +
					" has parents " + Arrays.toString(ps) + ", mother's track " + trackOf[mother]);
			}
		}
		double[] e = new double[errors.size()];
		for (int i = 0; i < e.length; i++)
			e[i] = errors.get(i);
		Arrays.sort(e);
		return new TrackingReport(judged, right, daughters, divisionsRight, worst, worstCell, e, failures);
	}

	/**
	 * Why truth cell {@code c} has no found cell of intersection over union {@link #MIN_IOU} in a frame: which found
	 * labels cover it, and which other truth cells those labels also cover (a merge) or how it is cut (a split).
	 */
	private static String segmentationMiss(int c, long[] area, Map<Integer, Long> foundArea, Map<Long, long[]> inter) {
		StringBuilder b = new StringBuilder("not segmented as one cell (").append(area[c]).append(" px):");
		boolean any = false;
		for (Map.Entry<Long, long[]> e : inter.entrySet()) {
			if ((int) (e.getKey() >>> 32) != c) continue;
			int q = (int) (long) e.getKey();
			long in = e.getValue()[0];
			if (in < 0.05 * area[c]) continue;
			any = true;
			b.append(String.format(Locale.ROOT, " label %d (%d px) covers %.0f %% of it", q, foundArea.get(q), 100.0 *
				in / area[c]));
			for (Map.Entry<Long, long[]> o : inter.entrySet())
				if ((int) (long) o.getKey() == q && (int) (o.getKey() >>> 32) != c && o.getValue()[0] >= 0.05 * foundArea
					.get(q)) b.append(" and ").append(o.getValue()[0]).append(" px of truth cell ").append(o
						.getKey() >>> 32);
			b.append(';');
		}
		if (!any) b.append(" no found label covers it");
		return b.toString();
	}

	/** @return cell-frames judged (truth cells whole in the field) */
	public int judgedFrames() {
		return judged;
	}

	/** @return cell-frames found as their truth cell's own track */
	public int rightFrames() {
		return right;
	}

	/** @return right / judged, NaN when nothing was judged */
	public double rightFraction() {
		return judged == 0 ? Double.NaN : right / (double) judged;
	}

	/**
	 * @return the smallest fraction of a truth cell's judged frames that are right, over the truth cells judged in at
	 *         least one frame (the bar is per truth cell); NaN when none was judged
	 */
	public double worstCellFraction() {
		return worstCellFraction;
	}

	/** @return the truth cell of {@link #worstCellFraction()} (1-based), 0 when none was judged */
	public int worstCell() {
		return worstCell;
	}

	/** @return truth daughters, and those whose track has their mother's track as its parent */
	public int[] divisions() {
		return new int[] { daughters, divisionsRight };
	}

	/** @return relative [Mg2+] errors over right frames, sorted ascending (a copy) */
	public double[] relativeErrors() {
		return errors.clone();
	}

	/** @return the q-quantile (0..1) of the relative [Mg2+] errors, NaN when there are none */
	public double errorQuantile(double q) {
		if (errors.length == 0) return Double.NaN;
		return errors[Math.min(errors.length - 1, (int) Math.floor(q * errors.length))];
	}

	/**
	 * @return one entry per truth cell with wrong frames (each wrong frame on its own line, with why) or a wrongly
	 *         recorded division
	 */
	public List<String> failures() {
		return failures;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d of %d cell-frames on the right track (%.2f %%), worst truth cell %d " +
			"%.2f %%, divisions %d of %d recorded, [Mg2+] error median %.2f %%, 90th percentile %.2f %%", right,
			judged, 100 * rightFraction(), worstCell, 100 * worstCellFraction, divisionsRight, daughters, 100 * errorQuantile(0.5), 100 * errorQuantile(0.9));
	}
}
