package io.github.magratio.util;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Minimal RFC 4180 CSV: comma separated, double-quoted fields where needed, a header row. Numbers are written with
 * {@link Locale#ROOT} so a German or French locale never turns decimal points into commas; NaN is written as
 * {@code NaN}.
 */
public final class Csv {

	private Csv() {}

	/** A parsed CSV file: header names and rows of raw string cells, with 1-based file line numbers for messages. */
	public static final class Table {
		private final Path source;
		private final List<String> header;
		private final List<List<String>> rows;
		private final List<Integer> lines;

		Table(Path source, List<String> header, List<List<String>> rows, List<Integer> lines) {
			this.source = source;
			this.header = Collections.unmodifiableList(header);
			this.rows = Collections.unmodifiableList(rows);
			this.lines = Collections.unmodifiableList(lines);
		}

		/** @return the column names, trimmed, in file order */
		public List<String> header() {
			return header;
		}

		/** @return the data rows (header excluded), each as long as the header */
		public List<List<String>> rows() {
			return rows;
		}

		/** @return the 1-based line number in the file of data row {@code row} (0-based) */
		public int lineOf(int row) {
			return lines.get(row);
		}

		/** @return the file the table was read from, or null */
		public Path source() {
			return source;
		}

		/** @return the index of column {@code name} (case-insensitive), or -1 */
		public int column(String name) {
			for (int i = 0; i < header.size(); i++)
				if (header.get(i).equalsIgnoreCase(name)) return i;
			return -1;
		}

		/**
		 * @return the index of the required column {@code name}
		 * @throws IllegalArgumentException naming the file, the missing column and the columns present
		 */
		public int requireColumn(String name) {
			int c = column(name);
			if (c < 0) throw new IllegalArgumentException(where() + ": missing column '" + name + "' (columns present: " +
				String.join(",", header) + ")");
			return c;
		}

		/**
		 * Parses one cell as a double.
		 *
		 * @throws IllegalArgumentException naming file, line and column when the cell is empty or not a number
		 */
		public double number(int row, int column) {
			String s = rows.get(row).get(column).trim();
			try {
				if (s.isEmpty()) throw new NumberFormatException();
				return Double.parseDouble(s);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException(where() + " line " + lineOf(row) + ", column '" + header.get(column) +
					"': '" + s + "' is not a number");
			}
		}

		private String where() {
			return source == null ? "CSV" : source.toString();
		}
	}

	/**
	 * Reads a CSV file with a header row. Blank lines and lines starting with {@code #} are skipped.
	 *
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException naming the file and line when a row has a different number of fields than the
	 *           header, or the file has no header
	 */
	public static Table read(Path file) throws IOException {
		List<String> header = null;
		List<List<String>> rows = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			int n = 0;
			while ((line = r.readLine()) != null) {
				n++;
				if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
				if (line.trim().isEmpty() || line.startsWith("#")) continue;
				List<String> fields = parseLine(line);
				if (header == null) {
					header = new ArrayList<>();
					for (String f : fields)
						header.add(f.trim());
					continue;
				}
				if (fields.size() != header.size()) throw new IllegalArgumentException(file + " line " + n + ": " + fields
					.size() + " fields, expected " + header.size() + " as in the header (" + String.join(",", header) + ")");
				rows.add(fields);
				lines.add(n);
			}
		}
		if (header == null) throw new IllegalArgumentException(file + ": empty CSV file, expected a header row");
		return new Table(file, header, rows, lines);
	}

	static List<String> parseLine(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
						cur.append('"');
						i++;
					}
					else quoted = false;
				}
				else cur.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				out.add(cur.toString());
				cur.setLength(0);
			}
			else cur.append(c);
		}
		out.add(cur.toString());
		return out;
	}

	/** Quotes a field if it contains a comma, quote or line break. */
	public static String field(String s) {
		if (s == null) return "";
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}

	/**
	 * Formats a number for a table: integers without decimals, others with up to {@code significant} significant
	 * digits, NaN as {@code NaN}, always with a decimal point.
	 */
	public static String number(double v, int significant) {
		if (Double.isNaN(v)) return "NaN";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		String s = String.format(Locale.ROOT, "%." + significant + "g", v);
		if (s.contains("e") || s.contains("E")) return s;
		if (s.contains(".")) {
			s = s.replaceAll("0+$", "");
			if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
		}
		return s;
	}

	/** Formats a number with 6 significant digits. */
	public static String number(double v) {
		return number(v, 6);
	}

	/** Writes one row of already-formatted fields, quoting where needed, followed by a newline. */
	public static void writeRow(Writer w, List<String> fields) throws IOException {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) w.write(',');
			w.write(field(fields.get(i)));
		}
		w.write('\n');
	}

	/** Writes a table atomically: a header row, then rows of already-formatted fields. */
	public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
		AtomicFiles.write(file, w -> {
			writeRow(w, header);
			for (List<String> r : rows)
				writeRow(w, r);
		});
	}
}
