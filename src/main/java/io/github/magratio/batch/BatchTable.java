package io.github.magratio.batch;

import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The batch tables. {@code batch.csv}: one row per input ({@link Column}), in input order. {@code batch-summary.csv}:
 * every cell's row of every finished input's {@code summary.csv}, after the columns {@code input} and {@code output}.
 * A SLURM task writes the same table for its chunk; the merge writes both files with the same code, so a batch on one
 * machine and one on a cluster give the same tables (but for {@code seconds}).
 */
public final class BatchTable {

	/** File names in the output root. */
	public static final String BATCH = "batch.csv", SUMMARY = "batch-summary.csv";

	/** The columns of batch.csv, each declared once with its meaning. */
	public enum Column {
		/** The input file (the 340 nm one of a pair), relative to the input folder, '/'-separated. */
		INPUT("input"),
		/** The 380 nm file of a pair, or empty. */
		INPUT380("input380"),
		/** {@link Status}. */
		STATUS("status"),
		/** Why the input failed (one line), or empty. */
		ERROR("error"),
		/** The result folder relative to the output root, or empty on failure. */
		OUTPUT("output"),
		/** Cells measured. */
		CELLS("cells"),
		/** Frames of the recording. */
		FRAMES("frames"),
		/** Wall-clock seconds this run spent on the input (checking a skipped one included). */
		SECONDS("seconds");

		/** The CSV header name. */
		public final String header;

		Column(String header) {
			this.header = header;
		}
	}

	/** The status of an input. */
	public enum Status {
		/** Processed by this run. */
		OK("ok"),
		/** Failed; the reason is in {@link Column#ERROR}. */
		FAILED("failed"),
		/** Kept: a complete result with the same input and settings was already there. */
		SKIPPED("skipped"),
		/** Not finished yet (only in tables written while a batch runs, or left by a killed one). */
		PENDING("pending");

		/** The value in the table. */
		public final String key;

		Status(String key) {
			this.key = key;
		}

		static Status parse(String s) {
			for (Status st : values())
				if (st.key.equals(s)) return st;
			throw new IllegalArgumentException("unknown status '" + s + "'");
		}

		/** @return true when the input has a result (ok or skipped) */
		public boolean done() {
			return this == OK || this == SKIPPED;
		}
	}

	/** One row of batch.csv. Immutable. */
	public static final class Row {
		/** {@link Column#INPUT}. */
		public final String input;
		/** {@link Column#INPUT380}. */
		public final String input380;
		/** {@link Column#STATUS}. */
		public final Status status;
		/** {@link Column#ERROR}, "" when none. */
		public final String error;
		/** {@link Column#OUTPUT}, "" when none. */
		public final String output;
		/** {@link Column#CELLS}, -1 = unknown. */
		public final int cells;
		/** {@link Column#FRAMES}, -1 = unknown. */
		public final int frames;
		/** {@link Column#SECONDS}, NaN = unknown. */
		public final double seconds;
		/** True when the failure was bad input or settings rather than a processing failure (not in the table). */
		public final boolean badInput;

		Row(String input, String input380, Status status, String error, String output, int cells, int frames,
			double seconds, boolean badInput)
		{
			this.input = input;
			this.input380 = input380 == null ? "" : input380;
			this.status = status;
			this.error = error == null ? "" : oneLine(error);
			this.output = output == null ? "" : output;
			this.cells = cells;
			this.frames = frames;
			this.seconds = seconds;
			this.badInput = badInput;
		}

		/** @return the row of a job not finished yet */
		public static Row pending(BatchJob j) {
			return new Row(j.id(), j.id380(), Status.PENDING, "", "", -1, -1, Double.NaN, false);
		}

		/** @return the row of a failed job */
		public static Row failed(BatchJob j, String error, boolean badInput, double seconds) {
			return new Row(j.id(), j.id380(), Status.FAILED, error, "", -1, -1, seconds, badInput);
		}

		/** @return this row as failed for {@code error} (a SLURM task that died before finishing it) */
		public Row failedAs(String error) {
			return new Row(input, input380, Status.FAILED, error, "", -1, -1, Double.NaN, false);
		}

		List<String> fields() {
			return Arrays.asList(input, input380, status.key, error, output, cells < 0 ? "" : Integer.toString(cells),
				frames < 0 ? "" : Integer.toString(frames), Double.isNaN(seconds) ? "" : String.format(Locale.ROOT,
					"%.3f", seconds));
		}

		@Override
		public String toString() {
			return String.join(",", fields());
		}
	}

	private BatchTable() {}

	/** @return the header of batch.csv */
	public static List<String> header() {
		List<String> h = new ArrayList<>();
		for (Column c : Column.values())
			h.add(c.header);
		return h;
	}

	private static String oneLine(String s) {
		return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
	}

	/** @return the row of an input done by a single run (Run Pipeline), its result in {@code output} */
	public static Row ok(String input, String output, int cells, int frames, double seconds) {
		return new Row(input, "", Status.OK, "", output, cells, frames, seconds, false);
	}

	/** @return the row of an input a single run (Run Pipeline) failed on */
	public static Row failed(String input, String error, double seconds) {
		return new Row(input, "", Status.FAILED, error, "", -1, -1, seconds, false);
	}

	/**
	 * Adds a row to {@code outRoot/batch.csv}, or replaces the row of the same input, keeping every other row: the
	 * table of a loop of single runs into one output root, as a folder macro makes. An unreadable table is replaced.
	 * Atomic, but not safe against two processes updating one table at the same moment.
	 */
	public static void put(Path outRoot, Row row) throws IOException {
		Path file = outRoot.resolve(BATCH);
		Map<String, Row> rows = new LinkedHashMap<>();
		if (Files.isRegularFile(file)) try {
			for (Row r : read(file))
				rows.put(r.input, r);
		} catch (IOException | RuntimeException e) {
			rows.clear(); // as earlierRows: the results it listed are still in their folders
		}
		rows.put(row.input, row);
		write(file, rows.values());
	}

	/** Writes rows (sorted by input) atomically. */
	public static void write(Path file, Collection<Row> rows) throws IOException {
		List<Row> sorted = new ArrayList<>(rows);
		sorted.sort(Comparator.comparing(r -> r.input));
		List<List<String>> fields = new ArrayList<>();
		for (Row r : sorted)
			fields.add(r.fields());
		Csv.write(file, header(), fields);
	}

	/**
	 * Reads a table written by {@link #write}.
	 *
	 * @throws IllegalArgumentException when it is not a batch table
	 */
	public static List<Row> read(Path file) throws IOException {
		Csv.Table t = Csv.read(file);
		int[] col = new int[Column.values().length];
		for (Column c : Column.values()) {
			col[c.ordinal()] = t.column(c.header);
			if (col[c.ordinal()] < 0) throw new IllegalArgumentException(file + " is not a batch table: no column '" +
				c.header + "'");
		}
		List<Row> rows = new ArrayList<>();
		for (List<String> f : t.rows()) {
			String cells = f.get(col[Column.CELLS.ordinal()]), frames = f.get(col[Column.FRAMES.ordinal()]), sec = f.get(
				col[Column.SECONDS.ordinal()]);
			rows.add(new Row(f.get(col[0]), f.get(col[1]), Status.parse(f.get(col[2])), f.get(col[3]), f.get(col[4]), cells
				.isEmpty() ? -1 : Integer.parseInt(cells), frames.isEmpty() ? -1 : Integer.parseInt(frames), sec.isEmpty()
					? Double.NaN : Double.parseDouble(sec), false));
		}
		return rows;
	}

	/**
	 * The rows of an earlier {@code batch.csv} to keep in a new one: inputs this run does not list whose results are
	 * still in the output root (ok or skipped, with a run.json). So running day 2 into the folder of day 1 lists both.
	 *
	 * @param listed the inputs of this run
	 */
	public static List<Row> earlierRows(Path outRoot, Set<String> listed) {
		Path file = outRoot.resolve(BATCH);
		List<Row> kept = new ArrayList<>();
		if (!Files.isRegularFile(file)) return kept;
		try {
			for (Row r : read(file))
				if (!listed.contains(r.input) && r.status.done() && !r.output.isEmpty() && Files.isRegularFile(outRoot
					.resolve(r.output).resolve(Pipeline.RUN))) kept.add(r);
		} catch (IOException | RuntimeException e) {
			// an unreadable earlier table is replaced: the results it listed are still in their folders
		}
		return kept;
	}

	/**
	 * Writes {@code batch.csv} and {@code batch-summary.csv} into the output root: the final tables of a batch or of a
	 * SLURM merge.
	 */
	public static void writeFinal(Path outRoot, Collection<Row> rows) throws IOException {
		write(outRoot.resolve(BATCH), rows);
		writeSummary(outRoot, rows, outRoot.resolve(SUMMARY));
	}

	/** Concatenates the summary.csv of every input with a result, in input order, behind input and output columns. */
	static void writeSummary(Path outRoot, Collection<Row> rows, Path target) throws IOException {
		List<Row> sorted = new ArrayList<>(rows);
		sorted.sort(Comparator.comparing(r -> r.input));
		Map<String, Integer> columns = new LinkedHashMap<>();
		columns.put("input", 0);
		columns.put("output", 1);
		List<Map<String, String>> out = new ArrayList<>();
		for (Row r : sorted) {
			if (!r.status.done()) continue;
			Csv.Table t = Csv.read(outRoot.resolve(r.output).resolve(Pipeline.SUMMARY));
			// inputs may differ in optional columns: the header is the union, in order of first appearance
			for (String h : t.header())
				columns.putIfAbsent(h, columns.size());
			for (List<String> cells : t.rows()) {
				Map<String, String> m = new LinkedHashMap<>();
				m.put("input", r.input);
				m.put("output", r.output);
				for (int i = 0; i < cells.size(); i++)
					m.put(t.header().get(i), cells.get(i));
				out.add(m);
			}
		}
		List<String> header = new ArrayList<>(columns.keySet());
		AtomicFiles.write(target, w -> {
			Csv.writeRow(w, header);
			for (Map<String, String> m : out) {
				List<String> f = new ArrayList<>();
				for (String h : header)
					f.add(m.getOrDefault(h, ""));
				Csv.writeRow(w, f);
			}
		});
	}

	/** @return the rows as an unmodifiable list sorted by input */
	static List<Row> sorted(Collection<Row> rows) {
		List<Row> s = new ArrayList<>(rows);
		s.sort(Comparator.comparing(r -> r.input));
		return Collections.unmodifiableList(s);
	}
}
