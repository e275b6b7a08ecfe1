package io.github.magratio.core;

import java.util.PriorityQueue;

/**
 * Distance-transform watershed that splits touching, roughly convex cells, as ImageJ's binary "Watershed" does but
 * returning labels instead of drawing cut lines. Markers are the h-maxima of the Euclidean distance map: a local
 * maximum is a cell centre only if every path from it to a higher maximum dips more than {@code tolerancePx} below it,
 * so the narrow neck between two touching cells splits them while the bumps of one irregular cell do not. Every
 * foreground pixel is then flooded from the markers in order of decreasing distance (Meyer's algorithm).
 */
public final class Watershed {

	private Watershed() {}

	/**
	 * @param foreground binary mask (row-major)
	 * @param tolerancePx minimum depth, in pixels of distance, of the neck between two cells for them to be split
	 * @return labels 1..n (0 = background), numbered in raster order of the markers' first pixel
	 */
	public static int[] split(boolean[] foreground, int width, int height, double tolerancePx) {
		if (!(tolerancePx >= 0)) throw new IllegalArgumentException("watershed tolerance must be >= 0 px, got " +
			tolerancePx);
		float[] d = Morphology.distanceTransform(foreground, width, height);
		int n = d.length;
		// candidates: 8-neighbourhood local maxima, highest first
		int count = 0;
		int[] cand = new int[n];
		for (int p = 0; p < n; p++)
			if (d[p] > 0 && isLocalMax(d, p, width, height)) cand[count++] = p;
		Integer[] order = new Integer[count];
		for (int i = 0; i < count; i++)
			order[i] = cand[i];
		java.util.Arrays.sort(order, (a, b) -> Float.compare(d[b], d[a]) != 0 ? Float.compare(d[b], d[a]) : Integer
			.compare(a, b));

		int[] markers = new int[n]; // marker id of accepted flood regions, -1 = rejected region
		int[] stack = new int[n];
		int[] visitStamp = new int[n];
		int stamp = 0;
		int nMarkers = 0;
		int[] region = new int[n];
		for (Integer c : order) {
			if (markers[c] != 0) continue;
			float level = (float) (d[c] - tolerancePx);
			stamp++;
			int sp = 0, rn = 0;
			stack[sp++] = c;
			visitStamp[c] = stamp;
			boolean higher = false;
			while (sp > 0 && !higher) {
				int p = stack[--sp];
				region[rn++] = p;
				int x = p % width, y = p / width;
				for (int dy = -1; dy <= 1 && !higher; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int nx = x + dx, ny = y + dy;
						if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
						int q = ny * width + nx;
						if (visitStamp[q] == stamp || d[q] < level || d[q] == 0) continue;
						if (d[q] > d[c] || markers[q] != 0) {
							higher = true;
							break;
						}
						visitStamp[q] = stamp;
						stack[sp++] = q;
					}
			}
			int id = higher ? -1 : ++nMarkers;
			for (int i = 0; i < rn; i++)
				if (markers[region[i]] == 0) markers[region[i]] = id;
		}

		// Meyer flooding from the accepted regions, highest distance first
		int[] labels = new int[n];
		for (int p = 0; p < n; p++)
			if (markers[p] > 0) labels[p] = markers[p];
		Flood flood = new Flood(foreground, d, labels, width, height);
		for (int p = 0; p < n; p++)
			if (labels[p] > 0) flood.enqueueNeighbours(p);
		while (!flood.queue.isEmpty()) {
			int p = (int) flood.queue.poll()[2];
			labels[p] = flood.bestNeighbourLabel(p);
			flood.enqueueNeighbours(p);
		}
		return Labels.renumberRaster(labels, width, height);
	}

	/** The flooding front: unlabelled foreground pixels next to labelled ones, highest distance first. */
	private static final class Flood {
		final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0])
			: Long.compare(a[1], b[1]));
		private final boolean[] foreground, queued;
		private final float[] d;
		private final int[] labels;
		private final int width, height;
		private long seq;

		Flood(boolean[] foreground, float[] d, int[] labels, int width, int height) {
			this.foreground = foreground;
			this.d = d;
			this.labels = labels;
			this.width = width;
			this.height = height;
			this.queued = new boolean[foreground.length];
		}

		void enqueueNeighbours(int p) {
			int x = p % width, y = p / width;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int nx = x + dx, ny = y + dy;
					if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
					int q = ny * width + nx;
					if (foreground[q] && labels[q] == 0 && !queued[q]) {
						queued[q] = true;
						// distances in 1/1024 px: ties pop in insertion order, so the result is deterministic
						queue.add(new long[] { Math.round(d[q] * 1024.0), seq++, q });
					}
				}
		}

		/** The label of the 4-neighbour with the largest distance, else of any labelled 8-neighbour. */
		int bestNeighbourLabel(int p) {
			int x = p % width, y = p / width;
			int best = 0;
			float bestD = -1;
			int any = 0;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int nx = x + dx, ny = y + dy;
					if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
					int q = ny * width + nx;
					if (labels[q] == 0) continue;
					if (any == 0) any = labels[q];
					if ((dx == 0 || dy == 0) && d[q] > bestD) {
						bestD = d[q];
						best = labels[q];
					}
				}
			return best != 0 ? best : any;
		}
	}

	private static boolean isLocalMax(float[] d, int p, int width, int height) {
		int x = p % width, y = p / width;
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int nx = x + dx, ny = y + dy;
				if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
				if (d[ny * width + nx] > d[p]) return false;
			}
		return true;
	}
}
