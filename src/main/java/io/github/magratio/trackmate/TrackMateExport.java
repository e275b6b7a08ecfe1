package io.github.magratio.trackmate;

import io.github.magratio.core.CellRows;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;
import io.github.magratio.core.LabelPlanes;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Outlines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.stream.XMLStreamException;

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
	 * Writes the TrackMate file of a run atomically, streamed: memory grows by about 20 bytes a spot (its position and
	 * ID) and one track's edges, not by the spots' outlines and features, so a recording of any length whose tables
	 * fit can be exported. Per-frame label planes are decompressed twice (positions, then outlines); the measurements
	 * are read frame by frame, so a table spilled to disk stays there.
	 *
	 * @param file the file written
	 * @param log the text of the file's {@code Log} element
	 * @param table the measurements (cells 1..n)
	 * @param tracks the cells' frames and parents
	 * @param staticLabels the mask of every frame, or null with {@code perFrame}
	 * @param perFrame every frame's cells under their ids, or null with {@code staticLabels}
	 * @param times each frame's time, in {@code timeUnits}
	 * @param pixelSize pixel width = height, in {@code spatialUnits}
	 * @param recording the recording's file (for TrackMate to find the image), or null
	 * @return the number of spots written
	 */
	public static int write(Path file, String log, CellRows table, CellTracks tracks, Labels staticLabels,
		LabelPlanes perFrame, int width, int height, double[] times, double frameInterval, double pixelSize,
		String spatialUnits, String timeUnits, Path recording) throws IOException
	{
		Run run = new Run(table, tracks, staticLabels, perFrame, width, height, times, frameInterval, pixelSize,
			recording);
		try {
			writeXml(file, log, run, spatialUnits, timeUnits);
		} catch (UncheckedIOException e) {
			throw e.getCause();
		}
		return run.spotCount;
	}

	private static void writeXml(Path file, String log, Run run, String spatialUnits, String timeUnits)
		throws IOException
	{
		TrackMateXml.write(file, w -> {
			TrackMateXml.Out out = new TrackMateXml.Out(w, TrackMateXml.WRITTEN_VERSION, spatialUnits, timeUnits,
				declared(), run.spotCount, log);
			double[] radius = { 0 };
			run.spots((id, t, x, y, r, name, rx, ry, f) -> {
				out.spot(id, t, name, f, rx, ry, run.roiText(rx, ry));
				radius[0] += r / run.spotCount;
			});
			out.endSpots();
			List<Integer> ids = new ArrayList<>();
			run.tracks((id, name, distinct, edges) -> {
				out.track(id, name, distinct);
				for (TrackMateModel.Edge e : edges)
					out.edge(e.source, e.target, e.cost);
				ids.add(id);
			});
			out.finish(ids, run.image(), radius[0]);
		});
	}

	/** @return the spot features every export declares */
	static List<TrackMateModel.Feature> declared() {
		List<TrackMateModel.Feature> declared = new ArrayList<>();
		for (SpotFeature sf : SpotFeature.values())
			declared.add(sf.declaration());
		return Collections.unmodifiableList(declared);
	}

	/** Receives spots in file order (frame, then cell). */
	@FunctionalInterface
	interface SpotSink {
		void spot(int id, int frame, double x, double y, double radius, String name, double[] roiX, double[] roiY,
			Map<String, Double> features) throws XMLStreamException;
	}

	/** Receives tracks in file order (ascending TRACK_ID) with their edges and number of distinct spots. */
	@FunctionalInterface
	interface TrackSink {
		void track(int id, String name, int distinctSpots, List<TrackMateModel.Edge> edges) throws XMLStreamException;
	}

	/**
	 * One export: where each cell's spot of each frame is (ID and position, found by a first pass over the label
	 * planes), then the spots and the tracks generated in file order, re-reading the planes for the outlines.
	 */
	static final class Run {
		final CellRows table;
		final CellTracks tracks;
		final Labels staticLabels;
		final LabelPlanes perFrame;
		final int width, height, cells, frames, spotCount;
		final double[] times;
		final double frameInterval, pixelSize;
		final Path recording;
		/** Spot ID of cell c in frame t, -1 when absent; position of each spot ID, physical units. */
		final int[][] spotOf;
		final double[] spotX, spotY;

		Run(CellRows table, CellTracks tracks, Labels staticLabels, LabelPlanes perFrame, int width, int height,
			double[] times, double frameInterval, double pixelSize, Path recording)
		{
			this.table = table;
			this.tracks = tracks;
			this.staticLabels = staticLabels;
			this.perFrame = perFrame;
			this.width = width;
			this.height = height;
			this.times = times;
			this.frameInterval = frameInterval;
			this.pixelSize = pixelSize;
			this.recording = recording;
			cells = table.cells();
			frames = table.frames();
			spotOf = new int[cells + 1][frames];
			for (int[] row : spotOf)
				Arrays.fill(row, -1);
			int n = 0;
			double[] x = new double[64], y = new double[64];
			for (int t = 0; t < frames; t++) {
				Labels frameCells = labels(t);
				for (int c = 1; c <= cells; c++) {
					if (frameCells.area(c) == 0) continue;
					if (n == x.length) {
						x = Arrays.copyOf(x, 2 * n);
						y = Arrays.copyOf(y, 2 * n);
					}
					x[n] = frameCells.centroidX(c) * pixelSize;
					y[n] = frameCells.centroidY(c) * pixelSize;
					spotOf[c][t] = n++;
				}
			}
			spotCount = n;
			spotX = Arrays.copyOf(x, n);
			spotY = Arrays.copyOf(y, n);
		}

		private Labels labels(int t) {
			return perFrame == null ? staticLabels : Labels.withIds(perFrame.get(t), width, height, cells);
		}

		/** Each static outline's text, made once: by the outline arrays' identity (the same for every frame). */
		private final Map<double[], String> staticText = new IdentityHashMap<>();

		/**
		 * @return the text of an outline from {@link #spots}: a static mask's made once per cell (its numbers are most
		 *         of tracks.xml), a per-frame one each time
		 */
		String roiText(double[] roiX, double[] roiY) {
			if (perFrame != null) return TrackMateXml.Out.roiText(roiX, roiY);
			return staticText.computeIfAbsent(roiX, k -> TrackMateXml.Out.roiText(roiX, roiY));
		}

		void spots(SpotSink sink) throws XMLStreamException {
			// a static mask has the same outlines in every frame: traced once per cell, shared by its spots
			double[][][] staticOutline = perFrame == null ? new double[cells + 1][][] : null;
			for (int t = 0; t < frames; t++) {
				Labels frameCells = labels(t);
				CellTable frame;
				try {
					frame = table.frame(t);
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				for (int c = 1; c <= cells; c++) {
					int id = spotOf[c][t];
					if (id < 0) continue;
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
					Map<String, Double> f = new LinkedHashMap<>();
					for (SpotFeature sf : SpotFeature.values())
						f.put(sf.name(), value(sf, frame, c, t, cx, cy, area, times[t], pixelSize));
					sink.spot(id, t, cx * pixelSize, cy * pixelSize, f.get("RADIUS"), "c" + c + "_t" + t, relative[0],
						relative[1], f);
				}
			}
		}

		/**
		 * One track per lineage with an edge: a cell's successive spots, then its parents' last spots to its first,
		 * cell by cell; one track's edges at a time.
		 */
		void tracks(TrackSink sink) throws XMLStreamException {
			int[] lineage = tracks.lineages();
			Map<Integer, List<Integer>> members = new TreeMap<>();
			for (int c = 1; c <= cells; c++)
				members.computeIfAbsent(lineage[c], k -> new ArrayList<>()).add(c);
			for (Map.Entry<Integer, List<Integer>> m : members.entrySet()) {
				List<TrackMateModel.Edge> edges = new ArrayList<>();
				for (int c : m.getValue()) {
					int last = -1;
					for (int t = 0; t < frames; t++) {
						int s = spotOf[c][t];
						if (s < 0) continue;
						if (last >= 0) edges.add(edge(last, s));
						last = s;
					}
					int first = firstSpot(spotOf[c]);
					for (int p : tracks.parents(c)) {
						int from = lastSpot(spotOf[p]);
						if (from >= 0 && first >= 0) edges.add(edge(from, first));
					}
				}
				if (edges.isEmpty()) continue;
				int[] ends = new int[2 * edges.size()];
				for (int i = 0; i < edges.size(); i++) {
					ends[2 * i] = edges.get(i).source;
					ends[2 * i + 1] = edges.get(i).target;
				}
				Arrays.sort(ends);
				int distinct = 0;
				for (int i = 0; i < ends.length; i++)
					if (i == 0 || ends[i] != ends[i - 1]) distinct++;
				sink.track(m.getKey(), "Track_" + m.getKey(), distinct, edges);
			}
		}

		private TrackMateModel.Edge edge(int from, int to) {
			double dx = spotX[to] - spotX[from], dy = spotY[to] - spotY[from];
			return new TrackMateModel.Edge(from, to, dx * dx + dy * dy);
		}

		TrackMateModel.ImageData image() {
			String filename = recording == null ? "" : recording.getFileName().toString();
			String folder = recording == null || recording.toAbsolutePath().getParent() == null ? "" : recording
				.toAbsolutePath().getParent().toString() + java.io.File.separator;
			return new TrackMateModel.ImageData(filename, folder, width, height, 1, frames, pixelSize, pixelSize, 1,
				frameInterval);
		}
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
