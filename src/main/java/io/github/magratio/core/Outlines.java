package io.github.magratio.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Outlines of labelled cells as polygons along pixel edges, and polygons back to pixels.
 *
 * <p>
 * Coordinates are pixel-centred: pixel (x, y) has its centre at (x, y) and its corners at (x +- 0.5, y +- 0.5), the
 * convention of TrackMate and of MagRatio's centroids (ImageJ's ROI coordinates are these plus 0.5). A traced outline
 * runs along the edges between a cell's pixels and the rest, so its vertices are pixel corners, and
 * {@link #fill} of it gives back exactly the pixels it enclosed (holes filled).
 * </p>
 *
 * Stateless and thread-safe.
 */
public final class Outlines {

	private Outlines() {}

	/**
	 * {@link #trace(int[], int, int)} of one cell of {@code labels}, working in its bounding box only (cost
	 * proportional to the cell's box, not the image).
	 *
	 * @return {x[], y[]} in the image's pixel-centred coordinates; null when the cell has no pixels
	 */
	public static double[][] trace(Labels labels, int id) {
		if (id < 1 || id > labels.count() || labels.area(id) == 0) return null;
		int[] b = labels.bounds(id);
		int w = b[2] - b[0] + 1, h = b[3] - b[1] + 1, width = labels.width();
		int[] crop = new int[w * h], all = labels.array();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				crop[y * w + x] = all[(y + b[1]) * width + x + b[0]] == id ? 1 : 0;
		double[][] o = trace(crop, w, 1);
		for (int k = 0; k < o[0].length; k++) {
			o[0][k] += b[0];
			o[1][k] += b[1];
		}
		return o;
	}

	/**
	 * The outer outline of cell {@code id}: of its largest 4-connected piece when it has several. Vertices are only where
	 * the outline turns; counter-clockwise on screen (y down) is not promised, only a closed simple-or-touching loop.
	 *
	 * @param labels row-major label plane of {@code width} columns
	 * @return {x[], y[]} in pixel-centred coordinates; null when the cell has no pixels
	 */
	public static double[][] trace(int[] labels, int width, int id) {
		int height = labels.length / width;
		int start = -1;
		// the largest 4-connected piece: flood fill from each unvisited pixel of the cell
		boolean[] seen = new boolean[labels.length];
		int bestSize = 0;
		int[] queue = new int[16];
		for (int i = 0; i < labels.length; i++) {
			if (labels[i] != id || seen[i]) continue;
			int head = 0, tail = 0, size = 0;
			queue = push(queue, tail++, i);
			seen[i] = true;
			while (head < tail) {
				int p = queue[head++];
				size++;
				int x = p % width, y = p / width;
				int[] nb = { x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p +
					width : -1 };
				for (int q : nb)
					if (q >= 0 && !seen[q] && labels[q] == id) {
						seen[q] = true;
						queue = push(queue, tail++, q);
					}
			}
			if (size > bestSize) {
				bestSize = size;
				start = i;
			}
		}
		if (start < 0) return null;
		boolean[] piece = new boolean[labels.length];
		{
			int head = 0, tail = 0;
			queue = push(queue, tail++, start);
			piece[start] = true;
			while (head < tail) {
				int p = queue[head++];
				int x = p % width, y = p / width;
				int[] nb = { x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p +
					width : -1 };
				for (int q : nb)
					if (q >= 0 && !piece[q] && labels[q] == id) {
						piece[q] = true;
						queue = push(queue, tail++, q);
					}
			}
		}
		// directed boundary edges between corners (corner (cx, cy) = pixel-corner grid, pixel x spans corners x..x+1),
		// with the piece on the right when walking along (y down): top edges go +x, right edges +y, ...
		int cw = width + 1;
		Map<Integer, List<Integer>> next = new HashMap<>();
		int edges = 0, first = -1;
		for (int p = 0; p < labels.length; p++) {
			if (!piece[p]) continue;
			int x = p % width, y = p / width;
			if (y == 0 || !piece[p - width]) edges += add(next, y * cw + x, y * cw + x + 1);
			if (x == width - 1 || !piece[p + 1]) edges += add(next, y * cw + x + 1, (y + 1) * cw + x + 1);
			if (y == height - 1 || !piece[p + width]) edges += add(next, (y + 1) * cw + x + 1, (y + 1) * cw + x);
			if (x == 0 || !piece[p - 1]) edges += add(next, (y + 1) * cw + x, y * cw + x);
			if (first < 0) first = y * cw + x; // the top-left corner of the first pixel in raster order: on the outer loop
		}
		// walk the outer loop from its top-left corner; at a corner with two ways out, turn right (toward the piece),
		// which keeps diagonal neighbours' loops apart
		List<Integer> loop = new ArrayList<>();
		int at = first, dirPrev = 0; // 0 = +x, 1 = +y, 2 = -x, 3 = -y
		do {
			loop.add(at);
			List<Integer> outs = next.get(at);
			int chosen = outs.get(0);
			if (outs.size() > 1) {
				int bestTurn = Integer.MAX_VALUE;
				for (int o : outs) {
					int d = direction(at, o, cw);
					int turn = Math.floorMod(d - dirPrev, 4); // 1 = right turn (y down), 0 straight, 3 left
					int rank = turn == 1 ? 0 : turn == 0 ? 1 : 2;
					if (rank < bestTurn) {
						bestTurn = rank;
						chosen = o;
					}
				}
			}
			outs.remove(Integer.valueOf(chosen));
			dirPrev = direction(at, chosen, cw);
			at = chosen;
		} while (at != first && loop.size() <= edges);
		// keep the corners where the direction changes
		List<double[]> vertices = new ArrayList<>();
		int m = loop.size();
		for (int k = 0; k < m; k++) {
			int a = loop.get((k - 1 + m) % m), b = loop.get(k), c = loop.get((k + 1) % m);
			if (direction(a, b, cw) != direction(b, c, cw)) vertices.add(new double[] { b % cw - 0.5, b / cw - 0.5 });
		}
		double[][] out = new double[2][vertices.size()];
		for (int k = 0; k < vertices.size(); k++) {
			out[0][k] = vertices.get(k)[0];
			out[1][k] = vertices.get(k)[1];
		}
		return out;
	}

	private static int[] push(int[] q, int at, int v) {
		if (at == q.length) q = java.util.Arrays.copyOf(q, q.length * 2);
		q[at] = v;
		return q;
	}

	private static int add(Map<Integer, List<Integer>> next, int from, int to) {
		next.computeIfAbsent(from, k -> new ArrayList<>(2)).add(to);
		return 1;
	}

	private static int direction(int from, int to, int cw) {
		int d = to - from;
		return d == 1 ? 0 : d == cw ? 1 : d == -1 ? 2 : 3;
	}

	/**
	 * Paints the pixels whose centres lie inside a polygon (even-odd rule), clipped to the plane.
	 *
	 * @param x vertices' x, pixel-centred coordinates
	 * @param y vertices' y
	 * @param visit receives each pixel index (y * width + x) inside, once
	 */
	public static void fill(double[] x, double[] y, int width, int height, java.util.function.IntConsumer visit) {
		int n = x.length;
		if (n < 3 || y.length != n) throw new IllegalArgumentException("a polygon needs 3 or more vertices with x and " +
			"y each, got " + x.length + " x and " + y.length + " y");
		double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
		for (double v : y) {
			minY = Math.min(minY, v);
			maxY = Math.max(maxY, v);
		}
		int y0 = Math.max(0, (int) Math.ceil(minY)), y1 = Math.min(height - 1, (int) Math.floor(maxY));
		double[] cross = new double[n];
		for (int py = y0; py <= y1; py++) {
			int k = 0;
			for (int i = 0, j = n - 1; i < n; j = i++) {
				// half-open rule: an edge counts when the row lies in [min, max) of its y, so vertices count once
				if (y[i] <= py && y[j] > py || y[j] <= py && y[i] > py) cross[k++] = x[i] + (py - y[i]) / (y[j] - y[i]) *
					(x[j] - x[i]);
			}
			java.util.Arrays.sort(cross, 0, k);
			for (int e = 0; e + 1 < k; e += 2) {
				int xa = Math.max(0, (int) Math.ceil(cross[e])), xb = Math.min(width - 1, (int) Math.floor(cross[e + 1]));
				// a centre exactly on the right edge is outside (half-open), as on the left it is inside
				if (xb == cross[e + 1]) xb--;
				for (int px = xa; px <= xb; px++)
					visit.accept(py * width + px);
			}
		}
	}
}
