package io.github.magratio.trackmate;

import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;
import io.github.magratio.core.LabelPlanes;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Outlines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's cells as a TrackMate model: one spot per cell and frame it is in, with its outline traced along its pixels'
 * edges (the largest piece of the cell; see {@link Outlines}), and its measurements as spot features
 * ({@link SpotFeature}); one TrackMate track per lineage (a cell, or a mother and her daughters), edges between a
 * cell's successive frames (across gaps too) and from a mother's last spot to each daughter's first. A static mask
 * gives one track per cell over all frames.
 *
 * <p>
 * Positions: pixel (x, y) is at (x * pixel width, y * pixel height), TrackMate's convention, so {@code POSITION_X} is
 * cells.csv's {@code x_px} times the pixel width, and an outline vertex at a pixel corner lies at a half pixel.
 * Spot IDs are 0, 1, ... in frame-then-cell order; a lineage's {@code TRACK_ID} is its first cell's id; the
 * {@code LINK_COST} of an edge is the squared displacement in physical units, as TrackMate's LAP trackers give.
 * </p>
 */
public final class TrackMateExport {

	/** A spot feature MagRatio writes, declared once: key, names, TrackMate dimension, integer or not, value. */
	public enum SpotFeature {
		/** TrackMate's quality: the cell's area in px, as TrackMate's label-image detector gives. */
		QUALITY("Quality", "Quality", "QUALITY", false),
		/** x of the centroid, physical units. */
		POSITION_X("X", "X", "POSITION", false),
		/** y of the centroid, physical units. */
		POSITION_Y("Y", "Y", "POSITION", false),
		/** z, always 0 (one plane). */
		POSITION_Z("Z", "Z", "POSITION", false),
		/** Time of the frame, time units. */
		POSITION_T("T", "T", "TIME", false),
		/** Frame, 0-based. */
		FRAME("Frame", "Frame", "NONE", true),
		/** Radius of the disc of the cell's area, physical units. */
		RADIUS("Radius", "R", "LENGTH", false),
		/** Visible: always 1. */
		VISIBILITY("Visibility", "Visibility", "NONE", true),
		/** MagRatio's cell (track) id, cells.csv's {@code cell}. */
		CELL_ID("MagRatio cell id", "Cell", "NONE", true),
		/** Area in pixels. */
		AREA_PX("Area in pixels", "Area px", "NONE", true),
		/** Mean F340, camera counts. */
		F340("Mean F340", "F340", "INTENSITY", false),
		/** Mean F380, camera counts. */
		F380("Mean F380", "F380", "INTENSITY", false),
		/** Background subtracted at 340 nm, counts. */
		BG340("Background 340", "BG340", "INTENSITY", false),
		/** Background subtracted at 380 nm, counts. */
		BG380("Background 380", "BG380", "INTENSITY", false),
		/** Background-corrected F340/F380. */
		RATIO("Ratio 340/380", "Ratio", "NONE", false),
		/** Standard error of the ratio from pixel noise. */
		RATIO_SE("Ratio SE", "Ratio SE", "NONE", false),
		/** Free [Mg2+], mM. */
		MG_MM("Free Mg2+ (mM)", "Mg mM", "NONE", false),
		/** Lower end of the 95 % interval, mM. */
		MG_LO_MM("Free Mg2+ low (mM)", "Mg lo", "NONE", false),
		/** Upper end of the 95 % interval, mM. */
		MG_HI_MM("Free Mg2+ high (mM)", "Mg hi", "NONE", false),
		/** Saturated pixels. */
		SATURATED_PX("Saturated pixels", "Sat px", "NONE", true),
		/** cells.csv's flags as bits of {@link io.github.magratio.core.CellFlag}. */
		FLAGS("MagRatio flag bits", "Flags", "NONE", true);

		/** TrackMate's name, short name and dimension. */
		public final String featureName, shortName, dimension;
		/** Integer-valued. */
		public final boolean isInt;

		SpotFeature(String name, String shortName, String dimension, boolean isInt) {
			this.featureName = name;
			this.shortName = shortName;
			this.dimension = dimension;
			this.isInt = isInt;
		}

		/** @return the declaration for a file */
		public TrackMateModel.Feature declaration() {
			return new TrackMateModel.Feature(name(), featureName, shortName, dimension, isInt);
		}
	}

	private TrackMateExport() {}

	/**
	 * The model of a run.
	 *
	 * @param table the measurements (cells 1..n)
	 * @param tracks the cells' frames and parents
	 * @param staticLabels the mask of every frame, or null with {@code perFrame}
	 * @param perFrame every frame's cells under their ids, or null with {@code staticLabels}
	 * @param times each frame's time, in {@code timeUnits}
	 * @param pixelSize pixel width = height, in {@code spatialUnits}
	 * @param recording the recording's file (for TrackMate to find the image), or null
	 */
	public static TrackMateModel model(CellTable table, CellTracks tracks, Labels staticLabels, LabelPlanes perFrame,
		int width, int height, double[] times, double frameInterval, double pixelSize, String spatialUnits,
		String timeUnits, Path recording)
	{
		int n = table.cells(), frames = table.frames();
		List<TrackMateModel.Spot> spots = new ArrayList<>();
		int[][] spotOf = new int[n + 1][frames];
		for (int[] row : spotOf)
			Arrays.fill(row, -1);
		double[][] where = new double[2][];
		// a static mask has the same outlines in every frame: traced once per cell, shared by its spots (not modified)
		double[][][] staticOutline = perFrame == null ? new double[n + 1][][] : null;
		for (int t = 0; t < frames; t++) {
			int[] plane = perFrame != null ? perFrame.get(t) : staticLabels.array();
			Labels frameCells = perFrame != null ? Labels.withIds(plane, width, height, n) : staticLabels;
			for (int c = 1; c <= n; c++) {
				if (frameCells.area(c) == 0) continue;
				double cx = frameCells.centroidX(c), cy = frameCells.centroidY(c);
				long area = frameCells.area(c);
				double[][] relative = staticOutline == null ? null : staticOutline[c];
				if (relative == null) {
					double[][] outline = Outlines.trace(frameCells, c);
					relative = new double[2][outline[0].length];
					for (int k = 0; k < outline[0].length; k++) {
						relative[0][k] = (outline[0][k] - cx) * pixelSize;
						relative[1][k] = (outline[1][k] - cy) * pixelSize;
					}
					if (staticOutline != null) staticOutline[c] = relative;
				}
				double[] rx = relative[0], ry = relative[1];
				Map<String, Double> f = new LinkedHashMap<>();
				for (SpotFeature sf : SpotFeature.values())
					f.put(sf.name(), value(sf, table, c, t, cx, cy, area, times[t], pixelSize));
				int id = spots.size();
				spotOf[c][t] = id;
				spots.add(new TrackMateModel.Spot(id, t, cx * pixelSize, cy * pixelSize, f.get("RADIUS"), "c" + c + "_t" + t,
					rx, ry, f));
			}
		}
		where[0] = new double[spots.size()];
		where[1] = new double[spots.size()];
		for (TrackMateModel.Spot s : spots) {
			where[0][s.id] = s.x;
			where[1][s.id] = s.y;
		}
		int[] lineage = tracks.lineages();
		Map<Integer, List<TrackMateModel.Edge>> edges = new TreeMap<>();
		for (int c = 1; c <= n; c++) {
			int last = -1;
			for (int t = 0; t < frames; t++) {
				int s = spotOf[c][t];
				if (s < 0) continue;
				if (last >= 0) edges.computeIfAbsent(lineage[c], k -> new ArrayList<>()).add(edge(last, s, where));
				last = s;
			}
			int first = firstSpot(spotOf[c]);
			for (int p : tracks.parents(c)) {
				int from = lastSpot(spotOf[p]);
				if (from >= 0 && first >= 0) edges.computeIfAbsent(lineage[c], k -> new ArrayList<>()).add(edge(from,
					first, where));
			}
		}
		List<TrackMateModel.Track> list = new ArrayList<>();
		List<Integer> ids = new ArrayList<>();
		for (Map.Entry<Integer, List<TrackMateModel.Edge>> e : edges.entrySet()) {
			list.add(new TrackMateModel.Track(e.getKey(), "Track_" + e.getKey(), e.getValue()));
			ids.add(e.getKey());
		}
		List<TrackMateModel.Feature> declared = new ArrayList<>();
		for (SpotFeature sf : SpotFeature.values())
			declared.add(sf.declaration());
		String filename = recording == null ? "" : recording.getFileName().toString();
		String folder = recording == null || recording.toAbsolutePath().getParent() == null ? "" : recording
			.toAbsolutePath().getParent().toString() + java.io.File.separator;
		TrackMateModel.ImageData image = new TrackMateModel.ImageData(filename, folder, width, height, 1, frames,
			pixelSize, pixelSize, 1, frameInterval);
		return new TrackMateModel(TrackMateXml.WRITTEN_VERSION, spatialUnits, timeUnits, Collections.unmodifiableList(
			declared), spots, list, ids, image);
	}

	private static int firstSpot(int[] row) {
		for (int s : row)
			if (s >= 0) return s;
		return -1;
	}

	private static int lastSpot(int[] row) {
		for (int t = row.length - 1; t >= 0; t--)
			if (row[t] >= 0) return row[t];
		return -1;
	}

	private static TrackMateModel.Edge edge(int from, int to, double[][] where) {
		double dx = where[0][to] - where[0][from], dy = where[1][to] - where[1][from];
		return new TrackMateModel.Edge(from, to, dx * dx + dy * dy);
	}

	private static double value(SpotFeature f, CellTable table, int c, int t, double cx, double cy, long area,
		double time, double pixelSize)
	{
		switch (f) {
		case QUALITY:
		case AREA_PX:
			return area;
		case POSITION_X:
			return cx * pixelSize;
		case POSITION_Y:
			return cy * pixelSize;
		case POSITION_Z:
			return 0;
		case POSITION_T:
			return time;
		case FRAME:
			return t;
		case RADIUS:
			return Math.sqrt(area / Math.PI) * pixelSize;
		case VISIBILITY:
			return 1;
		case CELL_ID:
			return c;
		case F340:
			return table.f340(c, t);
		case F380:
			return table.f380(c, t);
		case BG340:
			return table.bg340(c, t);
		case BG380:
			return table.bg380(c, t);
		case RATIO:
			return table.ratio(c, t);
		case RATIO_SE:
			return table.ratioSe(c, t);
		case MG_MM:
			return table.mgMillimolar(c, t);
		case MG_LO_MM:
			return table.mgLowMillimolar(c, t);
		case MG_HI_MM:
			return table.mgHighMillimolar(c, t);
		case SATURATED_PX:
			return table.saturatedPixels(c, t);
		case FLAGS:
			return table.flags(c, t);
		default:
			throw new AssertionError(f);
		}
	}
}
