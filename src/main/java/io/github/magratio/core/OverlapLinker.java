package io.github.magratio.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links the cells of successive frames into tracks, online (one frame at a time, so per-frame segmentation streams),
 * in this order for each new frame:
 * <ol>
 * <li><b>Overlap</b> with the previous frame's cells, after shifting that frame by the median displacement of the
 * tracks continued last time (a common drift of the field does not break overlap).</li>
 * <li><b>Divisions</b>: a previous cell that two or more new cells lie mostly inside (at least
 * {@link #INSIDE_FRACTION} of each one's area, each at least {@link #MIN_PIECE_FRACTION} of the previous cell's area,
 * whose best-overlapping previous cell it is, and none with {@link #MAX_DAUGHTER_FRACTION} of its area or more) ends its
 * track; each new cell starts a track with that parent. A piece on the image border counts whatever its size when the
 * only other piece, inside the field, has less than {@link #MAX_DAUGHTER_FRACTION} of the previous cell's area: the
 * cell divided at the edge and one daughter is mostly outside (a crumb beside a cell that kept its size is no
 * division); so does a cell that was on the border and goes on as one such piece inside the field (its other
 * daughter stayed outside). When one piece keeps more, the cell goes on in it (by overlap) and the others start
 * tracks of their own, split off from it.</li>
 * <li><b>Merges</b>: a new cell that two or more previous cells lie mostly inside ends their tracks and starts one
 * with all of them as parents. Divisions and merges are recorded as seen, not resolved, with one exception: when the
 * merging cells are exactly the pieces of one split no more than {@code maxGapFrames + 1} frames before, or one cell
 * and pieces split off from it no more than that before, the split was a flicker of the segmentation: the merged cell
 * continues the split cell's track, and the pieces are that cell too in the frames between (their tracks are absorbed
 * into it: {@link #finalIds()}). Likewise a merge that divides again into as many pieces as it had parents within that
 * window: the parents go on in the pieces nearest their predicted positions, and the merged cell is absorbed into its
 * largest parent.</li>
 * <li><b>Continuation</b>: each remaining new cell takes the track of the previous cell it overlaps best by
 * intersection over union, if at least {@link #MIN_IOU} (greedy, highest IoU first).</li>
 * <li><b>Distance fallback</b>: unmatched new cells and unmatched previous cells are paired by the distance of the
 * new centroid from the previous one moved by its track's last displacement, nearest first, up to the maximum
 * distance and with areas within a factor {@link #MAX_AREA_RATIO}.</li>
 * <li><b>Gap closing</b>: remaining new cells continue tracks lost (not divided or merged) up to {@code maxGapFrames}
 * frames before, by the same predicted distance (the displacement times the frames elapsed).</li>
 * <li>Every other new cell starts a track.</li>
 * </ol>
 * Track ids are 1, 2, ... in order of appearance, so the cell id of a table is a track id; the label planes
 * {@link #link} returned carry the ids of the moment, which {@link #finalIds()} maps to the final ones once flickers
 * have been undone. The maximum distance is {@code maxDistancePx}, or, when that is NaN, the equivalent diameter of
 * the track's last cell. Not thread-safe; one per recording.
 */
public final class OverlapLinker {

	/** The smallest intersection over union that continues a track. */
	public static final double MIN_IOU = 0.3;
	/** A piece lies "mostly inside" a cell when this fraction of its area overlaps it (divisions and merges). */
	public static final double INSIDE_FRACTION = 0.5;
	/** Pieces of a division or merge below this fraction of the whole are not counted (segmentation crumbs). */
	public static final double MIN_PIECE_FRACTION = 0.25;
	/**
	 * A daughter of a division has less than this fraction of her mother's area: pieces of which one keeps more are a
	 * cell that lost a piece (or a neighbour's part the segmentation had joined to it), not a division.
	 */
	public static final double MAX_DAUGHTER_FRACTION = 0.7;
	/** Largest area ratio (either way) of a link by distance. */
	public static final double MAX_AREA_RATIO = 2.5;
	/** Gap closing: default number of frames a cell may be missing and still continue its track. */
	public static final int DEFAULT_MAX_GAP_FRAMES = 2;

	/** What is known about one track: its frames, parents and how it ended. Read-only to callers. */
	public static final class Track {
		/** Track id, 1-based. */
		public final int id;
		/** First frame (0-based). */
		public final int startFrame;
		int endFrame;
		int[] parents;
		boolean endedByEvent;
		int absorbedInto, splitFrom;
		double lastX, lastY, lastArea, velocityX, velocityY;

		Track(int id, int startFrame, int[] parents) {
			this.id = id;
			this.startFrame = startFrame;
			this.endFrame = startFrame;
			this.parents = parents;
		}

		/** @return the last frame the track has a cell in (0-based) */
		public int endFrame() {
			return endFrame;
		}

		/**
		 * @return the tracks this one came from: one for a daughter of a division, two or more for the product of a
		 *         merge, none otherwise (a copy)
		 */
		public int[] parents() {
			return parents.clone();
		}

		/**
		 * @return the track this one turned out to be part of (a piece of a segmentation flicker: the pieces of a split
		 *         that merged again are the split cell; a merge that split back is its largest parent), 0 when it is a
		 *         track of its own
		 */
		public int absorbedInto() {
			return absorbedInto;
		}
	}

	private final int maxGapFrames;
	private final double maxDistancePx;
	private final List<Track> tracks = new ArrayList<>();
	private int[] previous;
	private int width = -1, frame = -1;
	private double shiftX, shiftY;

	/** A linker with gap closing over {@value #DEFAULT_MAX_GAP_FRAMES} frames and the cell-size distance limit. */
	public OverlapLinker() {
		this(DEFAULT_MAX_GAP_FRAMES, Double.NaN);
	}

	/**
	 * @param maxGapFrames frames a cell may be missing and still continue its track (0 = no gap closing)
	 * @param maxDistancePx largest distance of a link by distance, px; NaN = each track's cell diameter
	 * @throws IllegalArgumentException for a negative gap or a distance that is not positive
	 */
	public OverlapLinker(int maxGapFrames, double maxDistancePx) {
		if (maxGapFrames < 0) throw new IllegalArgumentException("max gap " + maxGapFrames + " frames must be >= 0");
		if (!Double.isNaN(maxDistancePx) && !(maxDistancePx > 0)) throw new IllegalArgumentException(
			"max link distance " + maxDistancePx + " px must be > 0 (or unset)");
		this.maxGapFrames = maxGapFrames;
		this.maxDistancePx = maxDistancePx;
	}

	/**
	 * Links the next frame.
	 *
	 * @param cells the frame's cells (any ids)
	 * @return the frame's label array with each cell's pixels set to its track id (a new array)
	 * @throws IllegalArgumentException for a frame of another size than the previous
	 */
	public int[] link(Labels cells) {
		frame++;
		int[] now = cells.array();
		int n = cells.count(), w = cells.width();
		int[] trackOf = new int[n + 1], splitFrom = new int[n + 1];
		int[][] parentsOf = new int[n + 1][];
		if (previous != null) {
			if (previous.length != now.length || w != width) throw new IllegalArgumentException("frame of " + w + "x" +
				cells.height() + " px after one of " + width + "x" + previous.length / Math.max(1, width) + " px");
			match(cells, trackOf, parentsOf, splitFrom);
		}
		for (int c = 1; c <= n; c++)
			if (trackOf[c] == 0 && cells.area(c) > 0) {
				Track t = new Track(tracks.size() + 1, frame, parentsOf[c] == null ? new int[0] : parentsOf[c]);
				t.splitFrom = splitFrom[c];
				tracks.add(t);
				trackOf[c] = t.id;
			}
		int continued = 0;
		double[] dxs = new double[n], dys = new double[n];
		for (int c = 1; c <= n; c++) {
			if (trackOf[c] == 0) continue;
			Track t = tracks.get(trackOf[c] - 1);
			double x = cells.centroidX(c), y = cells.centroidY(c);
			if (t.startFrame < frame && t.endFrame < frame) {
				int elapsed = frame - t.endFrame;
				t.velocityX = (x - t.lastX) / elapsed;
				t.velocityY = (y - t.lastY) / elapsed;
				if (elapsed == 1) {
					dxs[continued] = x - t.lastX;
					dys[continued++] = y - t.lastY;
				}
			}
			else if (t.parents.length > 0) { // a daughter moves on as its parent did
				Track p = tracks.get(t.parents[0] - 1);
				t.velocityX = p.velocityX;
				t.velocityY = p.velocityY;
			}
			t.lastX = x;
			t.lastY = y;
			t.lastArea = cells.area(c);
			t.endFrame = frame;
		}
		if (continued > 0) {
			shiftX = median(dxs, continued);
			shiftY = median(dys, continued);
		}
		int[] out = new int[now.length];
		for (int i = 0; i < now.length; i++)
			out[i] = trackOf[now[i]];
		previous = out;
		width = w;
		return out;
	}

	/**
	 * Undoes a merge that splits again into as many pieces as it had parents within the gap-closing window (the
	 * segmentation joined neighbours for a frame or two): each parent goes on in the piece nearest its predicted
	 * position, and the merged cell is absorbed into its largest parent (it was mostly that cell).
	 *
	 * @return whether {@code blob} was such a merge (then the pieces have their tracks)
	 */
	private boolean unmerge(Track blob, List<Integer> pieces, Labels cells, int[] trackOf, boolean[] oldTaken) {
		int[] from = blob.parents;
		if (from.length < 2 || from.length != pieces.size() || frame - blob.startFrame > maxGapFrames + 1) return false;
		for (int p : from)
			if (tracks.get(p - 1).endFrame != blob.startFrame - 1) return false;
		for (Track o : tracks) // a parent with another child is no flicker
			if (o != blob) for (int q : o.parents)
				for (int p : from)
					if (p == q) return false;
		List<double[]> pairs = new ArrayList<>();
		for (int p : from) {
			Track q = tracks.get(p - 1);
			int elapsed = frame - q.endFrame;
			double px = q.lastX + q.velocityX * elapsed, py = q.lastY + q.velocityY * elapsed;
			for (int c : pieces)
				pairs.add(new double[] { Math.hypot(cells.centroidX(c) - px, cells.centroidY(c) - py), c, p });
		}
		pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : a[1] != b[1] ? Double.compare(a[1], b[1])
			: Double.compare(a[2], b[2]));
		int largest = from[0];
		for (double[] pr : pairs) {
			int c = (int) pr[1], p = (int) pr[2];
			if (trackOf[c] != 0 || oldTaken[p]) continue;
			trackOf[c] = p;
			oldTaken[p] = true;
			Track q = tracks.get(p - 1);
			q.endedByEvent = false;
			if (q.lastArea > tracks.get(largest - 1).lastArea) largest = p;
		}
		oldTaken[blob.id] = true;
		blob.endedByEvent = true;
		blob.parents = new int[0];
		blob.absorbedInto = largest;
		return true;
	}

	/** @return the tracks with a pixel on the image border in the previous frame */
	private Set<Integer> previousOnBorder(int w, int h) {
		Set<Integer> on = new HashSet<>();
		for (int x = 0; x < w; x++) {
			on.add(previous[x]);
			on.add(previous[(h - 1) * w + x]);
		}
		for (int y = 0; y < h; y++) {
			on.add(previous[y * w]);
			on.add(previous[y * w + w - 1]);
		}
		on.remove(0);
		return on;
	}

	private static double median(double[] v, int n) {
		double[] s = Arrays.copyOf(v, n);
		Arrays.sort(s);
		return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	}

	/** Steps 1 to 6 of the class comment, for a frame after the first. */
	private void match(Labels cells, int[] trackOf, int[][] parentsOf, int[] splitFrom) {
		int[] now = cells.array();
		int n = cells.count(), w = cells.width(), h = cells.height();
		int sx = (int) Math.round(shiftX), sy = (int) Math.round(shiftY);
		Map<Long, long[]> overlap = new HashMap<>();
		Map<Integer, Long> previousArea = new HashMap<>();
		for (int i = 0; i < previous.length; i++)
			if (previous[i] > 0) previousArea.merge(previous[i], 1L, Long::sum);
		for (int y = 0; y < h; y++) {
			int py = y - sy;
			if (py < 0 || py >= h) continue;
			for (int x = 0; x < w; x++) {
				int px = x - sx, c = now[y * w + x];
				if (c == 0 || px < 0 || px >= w) continue;
				int t = previous[py * w + px];
				if (t > 0) overlap.computeIfAbsent(((long) c << 32) | t, k -> new long[1])[0]++;
			}
		}
		// best overlap of each new cell and of each previous track, by intersection
		Map<Integer, long[]> bestOfNew = new HashMap<>(), bestOfOld = new HashMap<>();
		for (Map.Entry<Long, long[]> e : overlap.entrySet()) {
			int c = (int) (e.getKey() >>> 32), t = (int) (long) e.getKey();
			long inter = e.getValue()[0];
			long[] b = bestOfNew.get(c);
			if (b == null || inter > b[1] || inter == b[1] && t < b[0]) bestOfNew.put(c, new long[] { t, inter });
			b = bestOfOld.get(t);
			if (b == null || inter > b[1] || inter == b[1] && c < b[0]) bestOfOld.put(t, new long[] { c, inter });
		}
		boolean[] oldTaken = new boolean[tracks.size() + 1];
		// divisions: pieces mostly inside one previous cell, that cell their best overlap
		Map<Integer, List<Integer>> pieces = new HashMap<>(), borderCrumbs = new HashMap<>();
		for (Map.Entry<Integer, long[]> e : bestOfNew.entrySet()) {
			int c = e.getKey(), t = (int) e.getValue()[0];
			long inter = e.getValue()[1];
			if (inter < INSIDE_FRACTION * cells.area(c)) continue;
			if (cells.area(c) >= MIN_PIECE_FRACTION * previousArea.get(t)) pieces.computeIfAbsent(t,
				k -> new ArrayList<>()).add(c);
			else if (cells.touchesBorder(c)) borderCrumbs.computeIfAbsent(t, k -> new ArrayList<>()).add(c);
		}
		Set<Integer> loneDaughter = new HashSet<>(), onBorder = previousOnBorder(w, h);
		for (Map.Entry<Integer, List<Integer>> e : pieces.entrySet()) {
			List<Integer> inside = e.getValue();
			int t = e.getKey();
			if (inside.size() != 1 || cells.touchesBorder(inside.get(0)) || cells.area(inside.get(
				0)) >= MAX_DAUGHTER_FRACTION * previousArea.get(t)) continue;
			// the cell in the field lost a lot: a piece cut by the border is a daughter however small, and a cell that
			// was on the border left a daughter outside
			if (borderCrumbs.containsKey(t)) inside.addAll(borderCrumbs.get(t));
			else if (onBorder.contains(t)) loneDaughter.add(t);
		}
		for (Map.Entry<Integer, List<Integer>> e : sorted(pieces)) {
			int t = e.getKey();
			if (e.getValue().size() < 2 && !loneDaughter.contains(t)) continue;
			if (unmerge(tracks.get(t - 1), e.getValue(), cells, trackOf, oldTaken)) continue;
			long largest = 0;
			for (int c : e.getValue())
				largest = Math.max(largest, cells.area(c));
			if (largest >= MAX_DAUGHTER_FRACTION * previousArea.get(t)) { // the cell lost a piece: no division
				for (int c : e.getValue())
					splitFrom[c] = t;
				continue;
			}
			oldTaken[t] = true;
			tracks.get(t - 1).endedByEvent = true;
			for (int c : e.getValue()) {
				trackOf[c] = -1; // a new track, made after matching
				parentsOf[c] = new int[] { t };
			}
		}
		// merges: previous cells mostly inside one new cell, that cell their best overlap
		Map<Integer, List<Integer>> merged = new HashMap<>();
		for (Map.Entry<Integer, long[]> e : bestOfOld.entrySet()) {
			int t = e.getKey(), c = (int) e.getValue()[0];
			long inter = e.getValue()[1];
			if (oldTaken[t] || trackOf[c] != 0) continue;
			if (inter >= INSIDE_FRACTION * previousArea.get(t) && previousArea.get(t) >= MIN_PIECE_FRACTION * cells
				.area(c)) merged.computeIfAbsent(c, k -> new ArrayList<>()).add(t);
		}
		for (Map.Entry<Integer, List<Integer>> e : sorted(merged)) {
			if (e.getValue().size() < 2) continue;
			int c = e.getKey();
			int[] from = new int[e.getValue().size()];
			for (int k = 0; k < from.length; k++) {
				from[k] = e.getValue().get(k);
				oldTaken[from[k]] = true;
				tracks.get(from[k] - 1).endedByEvent = true;
			}
			Arrays.sort(from);
			int flicker = splitAgain(from);
			if (flicker > 0) { // the pieces of a split merge again: the segmentation flickered, the cell goes on
				Track mother = tracks.get(flicker - 1);
				mother.endedByEvent = false;
				for (int piece : from) {
					tracks.get(piece - 1).parents = new int[0];
					tracks.get(piece - 1).absorbedInto = flicker;
				}
				trackOf[c] = flicker;
				continue;
			}
			int whole = rejoined(from);
			if (whole > 0) { // pieces split off a cell join it again: they were that cell
				tracks.get(whole - 1).endedByEvent = false;
				for (int piece : from)
					if (piece != whole) tracks.get(piece - 1).absorbedInto = whole;
				trackOf[c] = whole;
				continue;
			}
			trackOf[c] = -1;
			parentsOf[c] = from;
		}
		// continuation by overlap
		List<double[]> pairs = new ArrayList<>();
		for (Map.Entry<Long, long[]> e : overlap.entrySet()) {
			int c = (int) (e.getKey() >>> 32), t = (int) (long) e.getKey();
			long inter = e.getValue()[0];
			double iou = inter / (double) (cells.area(c) + previousArea.get(t) - inter);
			if (iou >= MIN_IOU) pairs.add(new double[] { iou, c, t });
		}
		pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : a[1] != b[1] ? Double.compare(a[1], b[1])
			: Double.compare(a[2], b[2]));
		for (double[] p : pairs) {
			int c = (int) p[1], t = (int) p[2];
			if (trackOf[c] != 0 || oldTaken[t]) continue;
			trackOf[c] = t;
			oldTaken[t] = true;
		}
		// distance fallback (previous frame), then gap closing (earlier frames): nearest predicted position first
		List<double[]> candidates = new ArrayList<>();
		for (Track t : tracks) {
			int elapsed = frame - t.endFrame;
			if (elapsed < 1 || elapsed > maxGapFrames + 1 || t.endedByEvent || oldTaken[t.id]) continue;
			double limit = Double.isNaN(maxDistancePx) ? 2 * Math.sqrt(t.lastArea / Math.PI) : maxDistancePx;
			double px = t.lastX + t.velocityX * elapsed, py = t.lastY + t.velocityY * elapsed;
			for (int c = 1; c <= n; c++) {
				if (trackOf[c] != 0 || cells.area(c) == 0) continue;
				double ratio = cells.area(c) / t.lastArea;
				if (ratio > MAX_AREA_RATIO || ratio < 1 / MAX_AREA_RATIO) continue;
				double d = Math.hypot(cells.centroidX(c) - px, cells.centroidY(c) - py);
				// links across a gap rank after every link to the previous frame
				if (d <= limit) candidates.add(new double[] { elapsed, d, c, t.id });
			}
		}
		candidates.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : a[1] != b[1] ? Double.compare(a[1],
			b[1]) : a[2] != b[2] ? Double.compare(a[2], b[2]) : Double.compare(a[3], b[3]));
		for (double[] p : candidates) {
			int c = (int) p[2], t = (int) p[3];
			if (trackOf[c] != 0 || oldTaken[t]) continue;
			trackOf[c] = t;
			oldTaken[t] = true;
		}
		for (int c = 1; c <= n; c++)
			if (trackOf[c] == -1) trackOf[c] = 0; // a division's or merge's product: a new track with its parents
	}

	/**
	 * @return the track that split into exactly the tracks {@code pieces} within the gap-closing window (so their merge
	 *         undoes a flicker of the segmentation, not two cells fusing), 0 if they are not such pieces
	 */
	private int splitAgain(int[] pieces) {
		Track first = tracks.get(pieces[0] - 1);
		if (first.parents.length != 1 || frame - first.startFrame > maxGapFrames + 1) return 0;
		int mother = first.parents[0];
		int children = 0;
		for (Track t : tracks)
			if (t.parents.length == 1 && t.parents[0] == mother) children++;
		if (children != pieces.length) return 0;
		for (int p : pieces) {
			Track t = tracks.get(p - 1);
			if (t.parents.length != 1 || t.parents[0] != mother || t.startFrame != first.startFrame) return 0;
		}
		// a piece that is itself a parent is a cell of its own
		for (Track t : tracks)
			for (int q : t.parents)
				if (Arrays.binarySearch(pieces, q) >= 0) return 0;
		return mother;
	}

	/**
	 * @return the one track among {@code merging} that every other one split off from (as a piece, not a daughter) no
	 *         more than the gap-closing window before, 0 if there is none
	 */
	private int rejoined(int[] merging) {
		for (int whole : merging) {
			boolean all = true;
			for (int p : merging) {
				Track t = tracks.get(p - 1);
				if (p != whole && (t.splitFrom != whole || frame - t.startFrame > maxGapFrames + 1)) all = false;
			}
			if (!all) continue;
			for (Track t : tracks) // a piece that is itself a parent is a cell of its own
				for (int q : t.parents)
					if (q != whole && Arrays.binarySearch(merging, q) >= 0) return 0;
			return whole;
		}
		return 0;
	}

	/**
	 * The final track ids: the pieces of a flicker become the cell they are part of, and the tracks left are numbered
	 * 1, 2, ... in order of appearance again. Apply it to every plane {@link #link} returned (e.g.
	 * {@link LabelPlanes#relabel}); {@link CellTracks#of} numbers the same way.
	 *
	 * @return for each id {@link #link} gave (index; 0 maps to 0) its final id
	 */
	public int[] finalIds() {
		return finalIds(tracks);
	}

	static int[] finalIds(List<Track> tracks) {
		int[] ids = new int[tracks.size() + 1];
		int next = 0;
		for (Track t : tracks)
			if (t.absorbedInto == 0) ids[t.id] = ++next;
		for (Track t : tracks) {
			int r = t.id;
			while (tracks.get(r - 1).absorbedInto != 0)
				r = tracks.get(r - 1).absorbedInto;
			ids[t.id] = ids[r];
		}
		return ids;
	}

	private static List<Map.Entry<Integer, List<Integer>>> sorted(Map<Integer, List<Integer>> m) {
		List<Map.Entry<Integer, List<Integer>>> l = new ArrayList<>(m.entrySet());
		l.sort(Map.Entry.comparingByKey());
		for (Map.Entry<Integer, List<Integer>> e : l)
			Collections.sort(e.getValue());
		return l;
	}

	/** @return the number of tracks so far */
	public int tracks() {
		return tracks.size();
	}

	/** @return every track so far, index = id - 1 (the same objects, updated as frames are linked) */
	public List<Track> trackList() {
		return Collections.unmodifiableList(tracks);
	}
}
