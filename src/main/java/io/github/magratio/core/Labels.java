package io.github.magratio.core;

import java.util.Arrays;

/**
 * Label images as row-major {@code int[]} (0 = background, cells 1..n) and their per-cell geometry: area, centroid,
 * bounding box, border contact. Cell ids are dense and start at 1 in every run (no global counter).
 */
public final class Labels {

	private final int width;
	private final int height;
	private final int[] labels;
	private final int count;
	private final long[] area;
	private final double[] sumX;
	private final double[] sumY;
	private final int[] minX, minY, maxX, maxY;

	private Labels(int[] labels, int width, int height) {
		this(labels, width, height, 0);
	}

	private Labels(int[] labels, int width, int height, int atLeast) {
		this.width = width;
		this.height = height;
		this.labels = labels;
		int max = atLeast;
		for (int l : labels) {
			if (l < 0) throw new IllegalArgumentException("label image has a negative label " + l);
			max = Math.max(max, l);
		}
		count = max;
		area = new long[max + 1];
		sumX = new double[max + 1];
		sumY = new double[max + 1];
		minX = new int[max + 1];
		minY = new int[max + 1];
		maxX = new int[max + 1];
		maxY = new int[max + 1];
		Arrays.fill(minX, Integer.MAX_VALUE);
		Arrays.fill(minY, Integer.MAX_VALUE);
		Arrays.fill(maxX, -1);
		Arrays.fill(maxY, -1);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int l = labels[y * width + x];
				if (l == 0) continue;
				area[l]++;
				sumX[l] += x;
				sumY[l] += y;
				minX[l] = Math.min(minX[l], x);
				minY[l] = Math.min(minY[l], y);
				maxX[l] = Math.max(maxX[l], x);
				maxY[l] = Math.max(maxY[l], y);
			}
	}

	/**
	 * Wraps a label array, renumbering it densely 1..n in raster order (gaps and arbitrary ids, e.g. from a user's
	 * label image, are removed). The array is not copied when already dense and ordered.
	 */
	public static Labels of(int[] labels, int width, int height) {
		if (labels.length != (long) width * height) throw new IllegalArgumentException("label array has " + labels.length +
			" pixels, expected " + width + "x" + height);
		return new Labels(renumberRaster(labels, width, height), width, height);
	}

	/**
	 * Wraps a label array keeping its ids, for cells tracked over frames (a cell's id is its track): ids 1..count,
	 * some of which may be absent (area 0). Not copied.
	 *
	 * @param count the number of ids, at least the largest label
	 */
	public static Labels withIds(int[] labels, int width, int height, int count) {
		if (labels.length != (long) width * height) throw new IllegalArgumentException("label array has " + labels.length +
			" pixels, expected " + width + "x" + height);
		Labels l = new Labels(labels, width, height, count);
		if (l.count != count) throw new IllegalArgumentException("labels up to " + l.count + " exceed the " + count +
			" ids");
		return l;
	}

	/**
	 * Renumbers labels 1..n in raster order of each label's first pixel; returns the input if already so. Memory is
	 * bounded by the number of pixels, not by the largest id (a user's label image may hold ids up to 2^31 - 1).
	 */
	static int[] renumberRaster(int[] labels, int width, int height) {
		int max = 0;
		for (int l : labels) {
			if (l < 0) throw new IllegalArgumentException("label image has a negative label " + l);
			max = Math.max(max, l);
		}
		if (max > labels.length + 65536) return renumberSparse(labels);
		int[] map = new int[max + 1];
		int next = 0;
		boolean identity = true;
		for (int l : labels) {
			if (l > 0 && map[l] == 0) {
				map[l] = ++next;
				identity &= next == l;
			}
		}
		if (identity && next == max) return labels;
		int[] out = new int[labels.length];
		for (int i = 0; i < labels.length; i++)
			out[i] = map[labels[i]];
		return out;
	}

	private static int[] renumberSparse(int[] labels) {
		java.util.HashMap<Integer, Integer> map = new java.util.HashMap<>();
		int[] out = new int[labels.length];
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i];
			if (l == 0) continue;
			Integer id = map.get(l);
			if (id == null) {
				id = map.size() + 1;
				map.put(l, id);
			}
			out[i] = id;
		}
		return out;
	}

	/** @return image width in pixels */
	public int width() {
		return width;
	}

	/** @return image height in pixels */
	public int height() {
		return height;
	}

	/** @return the number of cells n (ids 1..n) */
	public int count() {
		return count;
	}

	/** @return the label array (row-major, not a copy: do not modify) */
	public int[] array() {
		return labels;
	}

	/** @return the label at (x, y) */
	public int at(int x, int y) {
		return labels[y * width + x];
	}

	/** @return area of cell {@code id} in pixels */
	public long area(int id) {
		return area[id];
	}

	/** @return centroid x of cell {@code id} in pixels (pixel centres at integer coordinates); NaN if it is absent */
	public double centroidX(int id) {
		return area[id] == 0 ? Double.NaN : sumX[id] / area[id];
	}

	/** @return centroid y of cell {@code id} in pixels; NaN if it is absent */
	public double centroidY(int id) {
		return area[id] == 0 ? Double.NaN : sumY[id] / area[id];
	}

	/** @return bounding box {minX, minY, maxX, maxY} (inclusive) of cell {@code id} */
	public int[] bounds(int id) {
		return new int[] { minX[id], minY[id], maxX[id], maxY[id] };
	}

	/** @return true when cell {@code id} has a pixel on the image border */
	public boolean touchesBorder(int id) {
		return minX[id] == 0 || minY[id] == 0 || maxX[id] == width - 1 || maxY[id] == height - 1;
	}

	/**
	 * The cells without their outer {@code px} pixels (those within {@code px} pixels, 4-connected steps, of another
	 * label or the background), for measuring: edge pixels mix in the neighbours' and the background's light through
	 * the optics' blur. A cell that would keep less than half of its pixels keeps them all (small cells are measured
	 * whole). Ids stay; a new array.
	 */
	public Labels inset(int px) {
		if (px < 0) throw new IllegalArgumentException("inset must be >= 0 px, got " + px);
		if (px == 0) return this;
		int[] cur = labels.clone();
		for (int step = 0; step < px; step++) {
			int[] next = cur.clone();
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					int i = y * width + x, v = cur[i];
					if (v == 0) continue;
					if (x == 0 || y == 0 || x == width - 1 || y == height - 1 || cur[i - 1] != v || cur[i + 1] != v || cur[i -
						width] != v || cur[i + width] != v) next[i] = 0;
				}
			cur = next;
		}
		long[] kept = new long[count + 1];
		for (int v : cur)
			kept[v]++;
		for (int i = 0; i < cur.length; i++) {
			int v = labels[i];
			if (v > 0 && 2 * kept[v] < area[v]) cur[i] = v;
		}
		return new Labels(cur, width, height, count);
	}

	/** @return a foreground mask (label &gt; 0) */
	public boolean[] mask() {
		boolean[] m = new boolean[labels.length];
		for (int i = 0; i < m.length; i++)
			m[i] = labels[i] > 0;
		return m;
	}

	/**
	 * Keeps the cells whose area is within [minAreaPx, maxAreaPx] and, if {@code dropBorder}, that do not touch the
	 * border; renumbers the survivors 1..m in raster order.
	 */
	public Labels filter(long minAreaPx, long maxAreaPx, boolean dropBorder) {
		int[] out = new int[labels.length];
		boolean[] keep = new boolean[count + 1];
		for (int id = 1; id <= count; id++)
			keep[id] = area[id] >= minAreaPx && area[id] <= maxAreaPx && !(dropBorder && touchesBorder(id));
		for (int i = 0; i < out.length; i++)
			out[i] = keep[labels[i]] ? labels[i] : 0;
		return Labels.of(out, width, height);
	}
}
