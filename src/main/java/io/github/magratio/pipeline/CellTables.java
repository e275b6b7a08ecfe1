package io.github.magratio.pipeline;

import io.github.magratio.core.CellFlag;
import io.github.magratio.core.CellRows;
import io.github.magratio.core.CellSummary;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;
import io.github.magratio.core.Labels;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The per-cell tables of the output contract: {@code cells.csv} (one row per cell per frame) and {@code summary.csv}. */
public final class CellTables {

	/** Columns of cells.csv, in order: {@link CellColumn#NAMES}. */
	public static final List<String> CELL_COLUMNS = CellColumn.NAMES;

	/**
	 * Columns appended to cells.csv when a free [Ca2+] is given ({@code ca_uM} or {@code ca_file}): the frame's
	 * [Ca2+] in uM and the Ca2+-corrected [Mg2+] with its shifted 95 % interval in mM (see
	 * {@link RecordingAnalysis.Result#mgCorrectedMillimolar}). {@code mg_mM} stays the apparent value in every case,
	 * equal to mg.tif.
	 */
	public static final List<String> CALCIUM_COLUMNS = Collections.unmodifiableList(Arrays.asList("ca_uM",
		"mg_corrected_mM", "mg_corrected_lo_mM", "mg_corrected_hi_mM"));

	/**
	 * Columns appended to cells.csv when cells change from frame to frame (per-frame segmentation, a TrackMate file,
	 * drift correction): the cell's
	 * first and last frame (0-based) and the cells it came from ({@code parent}: one id for a daughter of a
	 * division, ids joined by {@code ;} for a merge, empty otherwise).
	 */
	public static final List<String> TRACK_COLUMNS = Collections.unmodifiableList(Arrays.asList("track_start",
		"track_end", "parent"));

	/** Column appended after {@link #TRACK_COLUMNS} with cells from a TrackMate file: TrackMate's TRACK_ID. */
	public static final String TRACKMATE_TRACK_COLUMN = "trackmate_track_id";

	/** Columns of summary.csv, in order. */
	public static final List<String> SUMMARY_COLUMNS = Collections.unmodifiableList(Arrays.asList("cell", "x_px",
		"y_px", "area_px", "baseline_mM", "peak_mM", "peak_frame", "time_to_peak_s", "delta_mM", "min_mM", "mean_mM",
		"sd_mM", "final_mM", "mean_ratio", "valid_frames", "flagged_frames", "flags"));

	private CellTables() {}

	/** @return one row of cells.csv ({@link #CELL_COLUMNS}) as formatted strings */
	public static List<String> cellRow(CellTable table, Labels labels, double[] timesSeconds, int c, int t) {
		List<String> row = new ArrayList<>(CellColumn.values().length);
		for (CellColumn k : CellColumn.values())
			row.add(k.csv(table, labels, timesSeconds, c, t));
		return row;
	}

	/**
	 * @return the columns of cells.csv for an analysis: {@link #CELL_COLUMNS}, then with cells per frame
	 *         {@link #TRACK_COLUMNS} (and {@link #TRACKMATE_TRACK_COLUMN} for a TrackMate file), then
	 *         {@link #CALCIUM_COLUMNS} if a [Ca2+] was given
	 */
	public static List<String> cellColumns(RecordingAnalysis.Result r) {
		if (!r.hasCalcium() && r.perFrameLabels == null) return CELL_COLUMNS;
		List<String> c = new ArrayList<>(CELL_COLUMNS);
		if (r.perFrameLabels != null) c.addAll(TRACK_COLUMNS);
		if (r.perFrameLabels != null && r.tracks.hasExternalIds()) c.add(TRACKMATE_TRACK_COLUMN);
		if (r.hasCalcium()) c.addAll(CALCIUM_COLUMNS);
		return Collections.unmodifiableList(c);
	}

	/** Writes cells.csv ({@link #CELL_COLUMNS}) of a table atomically, one row at a time. */
	public static void writeCells(Path file, CellRows table, Labels labels, double[] timesSeconds)
		throws IOException
	{
		writeCells(file, CELL_COLUMNS, table, labels, timesSeconds, null);
	}

	/**
	 * Writes cells.csv of an analysis atomically, one row at a time (a long recording's table is never held as
	 * text), with the Ca2+ columns when [Ca2+] was given.
	 */
	public static void writeCells(Path file, RecordingAnalysis.Result r) throws IOException {
		writeCells(file, cellColumns(r), r.rows, r.labels, r.timesSeconds, r);
	}

	/** Rows cell by cell, each cell's frames in order: read block by block from a spilled table. */
	private static void writeCells(Path file, List<String> columns, CellRows rows, Labels labels,
		double[] timesSeconds, RecordingAnalysis.Result extra) throws IOException
	{
		AtomicFiles.write(file, w -> {
			Csv.writeRow(w, columns);
			rows.blocks(table -> {
			for (int c = table.firstCell(); c <= table.lastCell(); c++)
				for (int t = 0; t < table.frames(); t++) {
					if (!table.present(c, t)) continue; // segmented frame by frame: the cell is not in this frame
					List<String> row = cellRow(table, labels, timesSeconds, c, t);
					if (extra != null && extra.perFrameLabels != null) {
						row = new ArrayList<>(row);
						row.addAll(trackCells(extra.tracks, c));
					}
					RecordingAnalysis.Result calcium = extra != null && extra.hasCalcium() ? extra : null;
					if (calcium != null) {
						row = new ArrayList<>(row);
						row.add(Csv.number(calcium.caMicromolar(t)));
						row.add(Csv.number(calcium.mgCorrectedMillimolar(table.mgMillimolar(c, t), t)));
						row.add(Csv.number(calcium.mgCorrectedMillimolar(table.mgLowMillimolar(c, t), t)));
						row.add(Csv.number(calcium.mgCorrectedMillimolar(table.mgHighMillimolar(c, t), t)));
					}
					Csv.writeRow(w, row);
				}
			});
		});
	}

	/** @return the {@link #TRACK_COLUMNS} of cell {@code c} (and its TrackMate track id, when known) */
	static List<String> trackCells(CellTracks tracks, int c) {
		StringBuilder parents = new StringBuilder();
		for (int p : tracks.parents(c))
			parents.append(parents.length() == 0 ? "" : ";").append(p);
		List<String> out = new ArrayList<>(Arrays.asList(Integer.toString(tracks.start(c)), Integer.toString(tracks.end(
			c)), parents.toString()));
		if (tracks.hasExternalIds()) out.add(Integer.toString(tracks.externalTrackId(c)));
		return out;
	}

	/**
	 * @return the rows of summary.csv, one per cell: computed from each cell's whole trace, read block by block (a
	 *         second read of a spilled table, not streaming accumulators, so the figures are those of the whole table)
	 */
	public static List<List<String>> summaryRows(CellRows table, Labels labels, double[] timesSeconds,
		int baselineFrames) throws IOException
	{
		List<List<String>> rows = new ArrayList<>();
		table.blocks(block -> summaryRows(block, labels, timesSeconds, baselineFrames, rows));
		return rows;
	}

	private static void summaryRows(CellTable table, Labels labels, double[] timesSeconds, int baselineFrames,
		List<List<String>> rows)
	{
		for (int c = table.firstCell(); c <= table.lastCell(); c++) {
			CellSummary.Row s = CellSummary.summarize(table, c, timesSeconds, baselineFrames);
			double[] where = table.perFrameGeometry() ? meanGeometry(table, c) : new double[] { labels.centroidX(c),
				labels.centroidY(c), labels.area(c) };
			rows.add(Arrays.asList(Integer.toString(c), Csv.number(where[0], 5), Csv.number(where[1], 5), Long.toString(
				Math.round(where[2])), Csv.number(s.baselineMillimolar), Csv.number(s.peakMillimolar),
				Integer.toString(s.peakFrame), Csv.number(s.timeToPeakSeconds), Csv.number(s.deltaMillimolar), Csv.number(
					s.minMillimolar), Csv.number(s.meanMillimolar), Csv.number(s.sdMillimolar), Csv.number(
						s.finalMillimolar), Csv.number(s.meanRatio), Integer.toString(s.validFrames), Integer.toString(
							s.flaggedFrames), CellFlag.format(s.flags)));
		}
	}

	/** @return a cell's mean centroid x, y and area (px) over the frames it is in */
	private static double[] meanGeometry(CellTable table, int c) {
		double x = 0, y = 0, a = 0;
		int n = 0;
		for (int t = 0; t < table.frames(); t++)
			if (table.present(c, t)) {
				x += table.x(c, t);
				y += table.y(c, t);
				a += table.area(c, t);
				n++;
			}
		return n == 0 ? new double[] { Double.NaN, Double.NaN, 0 } : new double[] { x / n, y / n, a / n };
	}

	/** Writes summary.csv atomically. */
	public static void writeSummary(Path file, CellRows table, Labels labels, double[] timesSeconds,
		int baselineFrames) throws IOException
	{
		Csv.write(file, SUMMARY_COLUMNS, summaryRows(table, labels, timesSeconds, baselineFrames));
	}
}
