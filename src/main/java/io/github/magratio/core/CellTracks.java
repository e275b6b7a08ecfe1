package io.github.magratio.core;

import java.util.List;

/**
 * The track structure of a recording's cells (cell id = track id, 1-based): each cell's first and last frame, the
 * cells it came from (one parent for a daughter of a division, several for the product of a merge), and optionally the
 * id of the track of another program it belongs to (TrackMate's {@code TRACK_ID}). Cells that share a parent chain form
 * a lineage ({@link #lineages()}), TrackMate's notion of one track. Immutable.
 */
public final class CellTracks {

	private final int[] start, end, external;
	private final int[][] parents;

	/**
	 * @param start first frame of each cell (index = id; index 0 unused), 0-based
	 * @param end last frame of each cell
	 * @param parents each cell's parents (null or empty = none)
	 * @param externalTrackId another program's track id per cell, null when there is none
	 * @throws IllegalArgumentException when the arrays differ in length, a cell ends before it starts, or a parent is not
	 *         an earlier-ending cell
	 */
	public CellTracks(int[] start, int[] end, int[][] parents, int[] externalTrackId) {
		int n = start.length - 1;
		if (end.length != n + 1 || parents.length != n + 1 || externalTrackId != null && externalTrackId.length != n +
			1) throw new IllegalArgumentException("track arrays of different lengths");
		this.start = start.clone();
		this.end = end.clone();
		this.parents = new int[n + 1][];
		for (int c = 1; c <= n; c++) {
			if (end[c] < start[c]) throw new IllegalArgumentException("cell " + c + " ends (frame " + end[c] +
				") before it starts (frame " + start[c] + ")");
			this.parents[c] = parents[c] == null ? new int[0] : parents[c].clone();
			for (int p : this.parents[c])
				if (p < 1 || p > n || p == c || end[p] >= start[c]) throw new IllegalArgumentException("cell " + c +
					" (from frame " + start[c] + ") cannot come from cell " + p + (p >= 1 && p <= n ? " (until frame " +
						end[p] + ")" : ""));
		}
		this.external = externalTrackId == null ? null : externalTrackId.clone();
	}

	/**
	 * @return the tracks of a linker, after the last frame, under their final ids ({@link OverlapLinker#finalIds()}:
	 *         the pieces of a segmentation flicker are part of the cell they split from, a merge that split back is
	 *         part of its largest parent)
	 */
	public static CellTracks of(List<OverlapLinker.Track> tracks) {
		int[] id = OverlapLinker.finalIds(tracks);
		int n = 0;
		for (int v : id)
			n = Math.max(n, v);
		int[] s = new int[n + 1], e = new int[n + 1];
		int[][] p = new int[n + 1][];
		for (OverlapLinker.Track t : tracks) {
			if (t.absorbedInto() != 0) continue;
			int c = id[t.id];
			s[c] = t.startFrame;
			e[c] = t.endFrame();
			int[] from = t.parents();
			for (int k = 0; k < from.length; k++)
				from[k] = id[from[k]];
			p[c] = from;
		}
		return new CellTracks(s, e, p, null);
	}

	/** @return {@code cells} cells present in all {@code frames} frames, without parents (one static mask) */
	public static CellTracks still(int cells, int frames) {
		int[] s = new int[cells + 1], e = new int[cells + 1];
		java.util.Arrays.fill(e, frames - 1);
		return new CellTracks(s, e, new int[cells + 1][], null);
	}

	/** @return the number of cells */
	public int cells() {
		return start.length - 1;
	}

	/** @return the first frame of cell {@code c} (0-based) */
	public int start(int c) {
		return start[c];
	}

	/** @return the last frame of cell {@code c} (0-based) */
	public int end(int c) {
		return end[c];
	}

	/** @return the parents of cell {@code c} (a copy; empty for none) */
	public int[] parents(int c) {
		return parents[c].clone();
	}

	/** @return true when another program's track ids are known ({@link #externalTrackId}) */
	public boolean hasExternalIds() {
		return external != null;
	}

	/** @return another program's track id of cell {@code c} (e.g. TrackMate's TRACK_ID); -1 when unknown */
	public int externalTrackId(int c) {
		return external == null ? -1 : external[c];
	}

	/**
	 * @return per cell (index = id) the smallest cell id connected to it through parents: cells of one lineage (a
	 *         mother and her daughters, merged cells) share it
	 */
	public int[] lineages() {
		int n = cells();
		int[] root = new int[n + 1];
		for (int c = 0; c <= n; c++)
			root[c] = c;
		for (int c = 1; c <= n; c++)
			for (int p : parents[c]) {
				int a = find(root, c), b = find(root, p);
				if (a != b) root[Math.max(a, b)] = Math.min(a, b);
			}
		for (int c = 1; c <= n; c++)
			root[c] = find(root, c);
		return root;
	}

	private static int find(int[] root, int c) {
		while (root[c] != c) {
			root[c] = root[root[c]];
			c = root[c];
		}
		return c;
	}
}
