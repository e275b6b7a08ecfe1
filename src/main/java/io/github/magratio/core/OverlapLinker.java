package io.github.magratio.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links the cells of successive frames into tracks by overlap: each cell of the new frame takes the track of the
 * previous frame's cell it overlaps most, by intersection over union, if that is at least {@link #MIN_IOU} and no
 * better-overlapping cell took the track first (greedy, highest IoU first); every other cell starts a new track. For
 * still or slowly moving cells, where a cell overlaps itself from frame to frame; gap closing, divisions and merges
 * are not resolved here. Track ids are 1, 2, ... in order of appearance. Not thread-safe; one per recording.
 */
public final class OverlapLinker {

	/** The smallest intersection over union that continues a track. */
	public static final double MIN_IOU = 0.3;

	private int[] previous;
	private int tracks;

	/**
	 * Links one frame.
	 *
	 * @param cells the frame's cells (any ids)
	 * @return the frame's label array with each cell's pixels set to its track id (a new array)
	 */
	public int[] link(Labels cells) {
		int[] now = cells.array();
		int n = cells.count();
		int[] trackOf = new int[n + 1];
		if (previous != null) {
			if (previous.length != now.length) throw new IllegalArgumentException("frame of " + now.length +
				" pixels after one of " + previous.length);
			Map<Long, long[]> overlap = new HashMap<>();
			Map<Integer, Long> previousArea = new HashMap<>();
			for (int i = 0; i < now.length; i++) {
				if (previous[i] > 0) previousArea.merge(previous[i], 1L, Long::sum);
				if (now[i] > 0 && previous[i] > 0) overlap.computeIfAbsent(((long) now[i] << 32) | previous[i],
					k -> new long[1])[0]++;
			}
			List<double[]> pairs = new ArrayList<>();
			for (Map.Entry<Long, long[]> e : overlap.entrySet()) {
				int c = (int) (e.getKey() >>> 32), t = (int) (long) e.getKey();
				long inter = e.getValue()[0];
				double iou = inter / (double) (cells.area(c) + previousArea.get(t) - inter);
				if (iou >= MIN_IOU) pairs.add(new double[] { iou, c, t });
			}
			pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : a[1] != b[1] ? Double.compare(a[1], b[1])
				: Double.compare(a[2], b[2]));
			java.util.Set<Integer> taken = new java.util.HashSet<>();
			for (double[] p : pairs) {
				int c = (int) p[1], t = (int) p[2];
				if (trackOf[c] != 0 || taken.contains(t)) continue;
				trackOf[c] = t;
				taken.add(t);
			}
		}
		for (int c = 1; c <= n; c++)
			if (trackOf[c] == 0 && cells.area(c) > 0) trackOf[c] = ++tracks;
		int[] out = new int[now.length];
		for (int i = 0; i < now.length; i++)
			out[i] = trackOf[now[i]];
		previous = out;
		return out;
	}

	/** @return the number of tracks so far */
	public int tracks() {
		return tracks;
	}
}
