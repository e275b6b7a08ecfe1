package io.github.magratio.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The temporal step of per-frame segmentation ({@code segmentation = per-frame}), between the detector and the linker:
 * a frame's detector decisions are taken on a short average of frames, so a cell the static mask finds on the average
 * of the whole recording can drop out of single frames when the noise of a few frames flips a decision. Two rules
 * keep what the whole recording shows, while every cell the detector accepts stays as it is:
 * <ol>
 * <li><b>Dim objects judged on all the evidence</b>: an object the detector rejected for {@code min_snr} (too faint
 * for the noise of a few frames) is a cell of the frame when the same detector, on the time average of the whole
 * recording (the static mask's image, with the cell size of the frames), accepts a cell there that is the same object
 * (intersection over union at least {@value #MATCH_IOU}): it is then judged by every acceptance test (contrast to its
 * ring, texture, sharpness, border) on the noise of all frames, as the static mask judges it. The object keeps the
 * frame's outline. A moving object is smeared in the average and gains nothing; only one that stays put does.</li>
 * <li><b>Lost cells carried over</b>: a cell of the previous frame (after linking) of which nothing is found in this
 * frame, neither where it was nor where its track's last displacement puts it (at least {@value #FREE_FRACTION} of
 * that region free of this frame's cells and inside the field), is carried into this frame at its predicted place when
 * the image still shows it there: its mean above the detector's background at least {@code min_snr} pixel-noise SDs
 * and {@value #CARRY_FRACTION} of its mean in the previous frame. A cell that leaves the field, fades, divides (its
 * daughters cover it) or merges with a neighbour (the merged object covers it) is not carried; one the detector lost
 * to a merge that cut it away (a dim cell against a much brighter one) is.</li>
 * </ol>
 * The time average is computed and segmented once, and only when a frame has a candidate of rule 1 (one more pass over
 * the recording). Not thread-safe; one per recording, called frame after frame.
 */
public final class TemporalCells {

	/** A dim object and a cell of the time average are the same object from this intersection over union. */
	public static final double MATCH_IOU = 0.5;
	/** A lost cell is looked for only where at least this fraction of its region is free of this frame's cells. */
	public static final double FREE_FRACTION = 0.9;
	/** A carried cell keeps at least this fraction of its previous mean above the background. */
	public static final double CARRY_FRACTION = 0.5;

	private final int width, height;
	private final SegmentationSettings settings;
	private final Supplier<float[]> timeAverage;
	private Labels averageCells;
	private float[] image, background;
	private double noise;
	private int[] previous;
	private double[] previousMean, velocityX, velocityY;
	private int confirmed, carried;

	/**
	 * @param settings the detector's settings (of rule 1's segmentation; rule 2 reads min_snr and min_area_px)
	 * @param timeAverage gives the time average of the segmentation image over the whole recording (row-major), asked
	 *          for at most once
	 */
	public TemporalCells(int width, int height, SegmentationSettings settings, Supplier<float[]> timeAverage) {
		this.width = width;
		this.height = height;
		this.settings = settings;
		this.timeAverage = timeAverage;
	}

	/**
	 * The frame's cells: the detector's, plus the dim objects and lost cells of the class comment (new ids after the
	 * detector's).
	 *
	 * @param seg the detector's result on {@code frameImage}
	 * @param frameImage the image the detector segmented (row-major; kept until the next call)
	 */
	public Labels cells(Segmentation seg, float[] frameImage) {
		int[] lab = seg.cells.array().clone();
		int next = seg.cells.count();
		image = frameImage;
		background = seg.background;
		noise = seg.noiseSigma;
		if (background == null) return seg.cells; // cells given, not found: nothing to judge
		next = confirmDim(seg, lab, next);
		next = carryLost(lab, next);
		return next == seg.cells.count() ? seg.cells : Labels.withIds(lab, width, height, next);
	}

	/** Rule 1. */
	private int confirmDim(Segmentation seg, int[] lab, int next) {
		Labels rej = seg.rejected;
		boolean[] candidate = new boolean[rej.count() + 1];
		boolean any = false;
		for (int r = 1; r <= rej.count(); r++) {
			Segmentation.ObjectStats st = seg.rejectedStats[r];
			candidate[r] = "min_snr".equals(st.rejectedBy);
			any |= candidate[r];
		}
		if (!any) return next;
		if (averageCells == null) averageCells = CellSegmenter.segment(timeAverage.get(), width, height, settings
			.withCellDiameterPx(seg.diameterPx), null).cells;
		int[] ra = rej.array(), aa = averageCells.array();
		Map<Long, long[]> overlap = new HashMap<>();
		for (int i = 0; i < ra.length; i++)
			if (ra[i] > 0 && candidate[ra[i]] && aa[i] > 0) overlap.computeIfAbsent(((long) ra[i] << 32) | aa[i],
				k -> new long[1])[0]++;
		int[] newId = new int[rej.count() + 1];
		for (Map.Entry<Long, long[]> e : overlap.entrySet()) {
			int r = (int) (e.getKey() >>> 32), c = (int) (long) e.getKey();
			long inter = e.getValue()[0];
			if (newId[r] == 0 && inter >= MATCH_IOU * (rej.area(r) + averageCells.area(c) - inter)) {
				newId[r] = ++next;
				confirmed++;
			}
		}
		for (int i = 0; i < ra.length; i++)
			if (ra[i] > 0 && newId[ra[i]] > 0) lab[i] = newId[ra[i]];
		return next;
	}

	/** Rule 2. */
	private int carryLost(int[] lab, int next) {
		if (previous == null) return next;
		int n = previousMean.length - 1;
		// the previous frame's pixels grouped by cell (a counting sort)
		int[] start = new int[n + 2];
		for (int v : previous)
			if (v > 0) start[v + 1]++;
		for (int k = 1; k <= n + 1; k++)
			start[k] += start[k - 1];
		int[] order = new int[start[n + 1]], fill = start.clone();
		for (int i = 0; i < previous.length; i++)
			if (previous[i] > 0) order[fill[previous[i]]++] = i;
		int[] there = new int[order.length];
		for (int k = 1; k <= n; k++) {
			int area = start[k + 1] - start[k];
			if (area < settings.minAreaPx() || Double.isNaN(previousMean[k])) continue;
			int dx = (int) Math.round(velocityX[k]), dy = (int) Math.round(velocityY[k]);
			int freeHere = 0, freeThere = 0, m = 0;
			double sum = 0;
			for (int q = start[k]; q < start[k + 1]; q++) {
				int i = order[q];
				if (lab[i] == 0) freeHere++;
				int x = i % width + dx, y = i / width + dy;
				if (x < 0 || y < 0 || x >= width || y >= height) continue;
				int j = y * width + x;
				if (lab[j] != 0) continue;
				freeThere++;
				if (Float.isFinite(image[j])) {
					there[m++] = j;
					sum += image[j] - background[j];
				}
			}
			if (freeHere < FREE_FRACTION * area || freeThere < FREE_FRACTION * area || m < settings.minAreaPx())
				continue;
			double mean = sum / m;
			if (!(mean >= settings.minSnr() * noise && mean >= CARRY_FRACTION * previousMean[k])) continue;
			next++;
			for (int q = 0; q < m; q++)
				lab[there[q]] = next;
			carried++;
		}
		return next;
	}

	/**
	 * Remembers the frame after linking, for the next frame's lost cells.
	 *
	 * @param tracked the frame's label plane under track ids (what {@link OverlapLinker#link} returned), or null for a
	 *          blank frame (no cells, nothing carried over it)
	 * @param linker the linker that gave the ids (their last displacement)
	 */
	public void linked(int[] tracked, OverlapLinker linker) {
		if (tracked == null || background == null) {
			previous = null;
			return;
		}
		List<OverlapLinker.Track> tracks = linker.trackList();
		int n = tracks.size();
		double[] sum = new double[n + 1];
		long[] count = new long[n + 1];
		for (int i = 0; i < tracked.length; i++)
			if (tracked[i] > 0 && Float.isFinite(image[i])) {
				sum[tracked[i]] += image[i] - background[i];
				count[tracked[i]]++;
			}
		previousMean = new double[n + 1];
		velocityX = new double[n + 1];
		velocityY = new double[n + 1];
		for (int k = 1; k <= n; k++) {
			previousMean[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
			velocityX[k] = tracks.get(k - 1).velocityX;
			velocityY[k] = tracks.get(k - 1).velocityY;
		}
		previous = tracked;
	}

	/** @return cell-frames added by rule 1 (dim objects confirmed by the time average) so far */
	public int confirmedCellFrames() {
		return confirmed;
	}

	/** @return cell-frames added by rule 2 (lost cells carried over) so far */
	public int carriedCellFrames() {
		return carried;
	}
}
