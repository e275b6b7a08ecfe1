package io.github.magratio.trackmate;

import io.github.magratio.core.CellTracks;
import io.github.magratio.core.LabelPlanes;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Outlines;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cells of a recording, frame by frame, from a TrackMate file: each spot is a cell in its frame, painted from its
 * outline (pixels whose centres lie inside; TrackMate's pixel-centred coordinates) or, without one, as the disc of its
 * radius. Where spots of one frame overlap, a pixel goes to the spot whose centre is nearest.
 *
 * <p>
 * Cells are the unbranched pieces of TrackMate's tracks: a track without splits or merges is one cell; at a split the
 * mother's piece ends and each daughter's starts with the mother as parent (and so for merges). The spots of the
 * visible tracks ({@code FilteredTracks}) are measured, and spots in no track unless their {@code VISIBILITY} is 0
 * (each a cell of one frame); the spots of hidden tracks are not. Cell
 * ids are 1.. in order of TrackMate track id, then first frame, then spot ID; each cell keeps its TrackMate
 * {@code TRACK_ID} ({@link CellTracks#externalTrackId}).
 * </p>
 *
 * Checked against the recording before anything is measured: the file's image size must be the recording's, every
 * spot inside the image and in one of its frames, edges between spots of different frames.
 */
public final class TrackMateCells {

	/** Every frame's cells under their ids, their tracks, and the first frame with cells. */
	public static final class Cells {
		/** Every frame's label plane, cell id 1..n. */
		public final LabelPlanes planes;
		/** The cells' frames, parents and TrackMate track ids. */
		public final CellTracks tracks;
		/** The cells of the first frame that has any. */
		public final Labels first;

		Cells(LabelPlanes planes, CellTracks tracks, Labels first) {
			this.planes = planes;
			this.tracks = tracks;
			this.first = first;
		}
	}

	private TrackMateCells() {}

	/**
	 * @throws IllegalArgumentException naming the file and what does not fit the recording
	 */
	public static Cells read(Path file, Recording rec, Progress progress) throws IOException {
		TrackMateModel m = TrackMateXml.read(file);
		return cells(m, file.toString(), rec.width(), rec.height(), rec.frames(), progress);
	}

	/** The cells of a model for a recording of {@code width x height} px and {@code frames} frames. */
	public static Cells cells(TrackMateModel m, String source, int width, int height,
		int frames, Progress progress)
	{
		String in = "TrackMate file " + source;
		if (m.image.width != width || m.image.height != height) throw new IllegalArgumentException(in + " was made " +
			"on a " + m.image.width + "x" + m.image.height + " px image (Settings/ImageData) but the recording is " +
			width + "x" + height + " px");
		double pw = m.image.pixelWidth, ph = m.image.pixelHeight;
		Map<Integer, TrackMateModel.Spot> byId = new HashMap<>();
		for (TrackMateModel.Spot s : m.spots) {
			byId.put(s.id, s);
			double px = s.x / pw, py = s.y / ph;
			if (!(px >= -0.5 && px < width - 0.5 && py >= -0.5 && py < height - 0.5)) throw new IllegalArgumentException(
				in + ": spot " + s.id + " at (" + px + ", " + py + ") px lies outside the " + width + "x" + height +
				" px image");
			if (s.frame < 0 || s.frame >= frames) throw new IllegalArgumentException(in + ": spot " + s.id + " is in " +
				"frame " + s.frame + " but the recording has frames 0.." + (frames - 1));
			if (s.roiX == null && !(s.radius > 0)) throw new IllegalArgumentException(in + ": spot " + s.id + " has " +
				"neither an outline (ROI_N_POINTS) nor a RADIUS > 0");
		}
		// the graph of the visible tracks
		Set<Integer> visible = new HashSet<>(m.filteredTrackIds);
		Map<Integer, List<Integer>> out = new HashMap<>(), into = new HashMap<>();
		Map<Integer, Integer> trackOfSpot = new HashMap<>();
		for (TrackMateModel.Track t : m.tracks) {
			if (!visible.contains(t.id)) continue;
			for (TrackMateModel.Edge e : t.edges) {
				TrackMateModel.Spot a = byId.get(e.source), b = byId.get(e.target);
				if (a.frame == b.frame) throw new IllegalArgumentException(in + ": track " + t.id + " links spots " + a.id +
					" and " + b.id + " of the same frame " + a.frame);
				if (a.frame > b.frame) { // TrackMate files put the earlier spot first, but the graph is undirected
					TrackMateModel.Spot x = a;
					a = b;
					b = x;
				}
				out.computeIfAbsent(a.id, k -> new ArrayList<>()).add(b.id);
				into.computeIfAbsent(b.id, k -> new ArrayList<>()).add(a.id);
				trackOfSpot.put(a.id, t.id);
				trackOfSpot.put(b.id, t.id);
			}
		}
		Set<Integer> inAnyTrack = new HashSet<>();
		for (TrackMateModel.Track t : m.tracks)
			for (TrackMateModel.Edge e : t.edges) {
				inAnyTrack.add(e.source);
				inAnyTrack.add(e.target);
			}
		List<TrackMateModel.Spot> used = new ArrayList<>();
		for (TrackMateModel.Spot s : m.spots)
			if (trackOfSpot.containsKey(s.id) || !inAnyTrack.contains(s.id) && s.feature("VISIBILITY") != 0) used.add(s);
		used.sort(Comparator.comparingInt((TrackMateModel.Spot s) -> trackOfSpot.getOrDefault(s.id, -1))
			.thenComparingInt(s -> s.frame).thenComparingInt(s -> s.id));
		// pieces: a spot continues its predecessor's piece when that is its only predecessor and it its only successor
		Map<Integer, Integer> cellOf = new HashMap<>();
		List<List<Integer>> cellSpots = new ArrayList<>();
		cellSpots.add(null);
		List<Integer> external = new ArrayList<>();
		external.add(-1);
		for (TrackMateModel.Spot s : used) {
			List<Integer> pre = into.getOrDefault(s.id, new ArrayList<>());
			int cell;
			if (pre.size() == 1 && out.get(pre.get(0)).size() == 1) cell = cellOf.get(pre.get(0));
			else {
				cell = cellSpots.size();
				cellSpots.add(new ArrayList<>());
				external.add(trackOfSpot.getOrDefault(s.id, -1));
			}
			cellOf.put(s.id, cell);
			cellSpots.get(cell).add(s.id);
		}
		int n = cellSpots.size() - 1;
		if (n == 0) throw new IllegalArgumentException(in + " has no visible spot: nothing to measure");
		if (n > 65535) throw new IllegalArgumentException(in + " gives " + n + " cells, more than a 16-bit label " +
			"image holds (65535)");
		int[] start = new int[n + 1], end = new int[n + 1], ext = new int[n + 1];
		int[][] parents = new int[n + 1][];
		for (int c = 1; c <= n; c++) {
			List<Integer> ids = cellSpots.get(c);
			start[c] = byId.get(ids.get(0)).frame;
			end[c] = byId.get(ids.get(ids.size() - 1)).frame;
			ext[c] = external.get(c);
			List<Integer> pre = into.getOrDefault(ids.get(0), new ArrayList<>());
			Set<Integer> ps = new java.util.TreeSet<>();
			for (int p : pre)
				if (cellOf.get(p) != c) ps.add(cellOf.get(p));
			parents[c] = ps.stream().mapToInt(Integer::intValue).toArray();
		}
		// paint frame by frame
		List<List<TrackMateModel.Spot>> byFrame = new ArrayList<>();
		for (int t = 0; t < frames; t++)
			byFrame.add(new ArrayList<>());
		for (TrackMateModel.Spot s : used)
			byFrame.get(s.frame).add(s);
		LabelPlanes planes = new LabelPlanes(width, height);
		Labels firstCells = null;
		for (int t = 0; t < frames; t++) {
			int[] plane = new int[width * height];
			double[] nearest = new double[width * height];
			Arrays.fill(nearest, Double.POSITIVE_INFINITY);
			for (TrackMateModel.Spot s : byFrame.get(t)) {
				int cell = cellOf.get(s.id);
				double cx = s.x / pw, cy = s.y / ph;
				java.util.function.IntConsumer paint = i -> {
					double dx = i % width - cx, dy = i / width - cy, d = dx * dx + dy * dy;
					if (d < nearest[i]) {
						nearest[i] = d;
						plane[i] = cell;
					}
				};
				if (s.roiX != null) {
					double[] x = new double[s.roiX.length], y = new double[s.roiY.length];
					for (int k = 0; k < x.length; k++) {
						x[k] = (s.x + s.roiX[k]) / pw;
						y[k] = (s.y + s.roiY[k]) / ph;
					}
					Outlines.fill(x, y, width, height, paint);
				}
				else {
					double r = s.radius / pw;
					int x0 = Math.max(0, (int) Math.ceil(cx - r)), x1 = Math.min(width - 1, (int) Math.floor(cx + r));
					int y0 = Math.max(0, (int) Math.ceil(cy - r)), y1 = Math.min(height - 1, (int) Math.floor(cy + r));
					for (int y = y0; y <= y1; y++)
						for (int x = x0; x <= x1; x++)
							if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) paint.accept(y * width + x);
				}
			}
			Labels l = Labels.withIds(plane, width, height, n);
			for (TrackMateModel.Spot s : byFrame.get(t))
				if (l.area(cellOf.get(s.id)) == 0) throw new IllegalArgumentException(in + ": spot " + s.id + " (frame " +
					t + ") covers no pixel centre: its outline or radius is smaller than a pixel");
			if (firstCells == null && !byFrame.get(t).isEmpty()) firstCells = l;
			planes.add(plane);
			progress.progress("cells from " + source, t + 1, frames);
		}
		return new Cells(planes, new CellTracks(start, end, parents, ext), firstCells);
	}
}
