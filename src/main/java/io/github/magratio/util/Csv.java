package io.github.magratio.util;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

		/** @return the column names for a message: comma-separated, control characters escaped, at most 200 characters */
		public String columnsPresent() {
			return Text.quote(String.join(",", header), 200);
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
				columnsPresent() + ")");
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
					"': '" + Text.quote(s) + "' is not a number" + (s.matches("-?[0-9]*,[0-9]+") ? " (a decimal comma? " +
						"write " + s.replace(',', '.') + ")" : ""));
			}
		}

		private String where() {
			return source == null ? "CSV" : source.toString();
		}
	}

	/** Largest table read, bytes. */
	public static final long MAX_BYTES = 64L << 20;

	/** How to save a table so that it reads: Excel's name for comma-separated UTF-8. */
	static final String SAVE_AS = "'CSV UTF-8 (comma delimited)'";

	/**
	 * Reads a CSV file with a header row: UTF-8 (a byte order mark is allowed), comma separated, fields in double
	 * quotes where they hold commas or quotes. Lines starting with {@code #} before the header are comments (a
	 * preamble, as in the three-shift constants template); after the header every line is data, so a sample may be
	 * named {@code #1}. Blank lines are skipped. At most {@value #MAX_BYTES} bytes.
	 *
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException naming the file and line when the file is not UTF-8, has no header, or a row has
	 *           another number of fields than the header (with a hint for semicolon-separated files and decimal commas)
	 */
	public static Table read(Path file) throws IOException {
		Inputs.requireFile(file, file.toString());
		long size = Files.size(file);
		if (size > MAX_BYTES) throw new IllegalArgumentException(file + " has " + size + " bytes; MagRatio reads " +
			"tables of at most " + MAX_BYTES + " bytes (64 MiB)");
		byte[] bytes;
		try (java.io.InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes((int) MAX_BYTES + 1);
		}
		if (bytes.length > MAX_BYTES) throw new IllegalArgumentException(file + " grew beyond " + MAX_BYTES +
			" bytes while being read");
		return parse(bytes, file);
	}

	/** Parses CSV bytes as {@link #read} does; {@code source} names them in messages (may be null). */
	public static Table parse(byte[] bytes, Path source) {
		String where = source == null ? "CSV" : source.toString();
		String text = Text.decodeUtf8(bytes, where, SAVE_AS);
		List<String> header = null;
		List<List<String>> rows = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		int n = 0, start = 0;
		while (start <= text.length()) {
			// lines end with \n, \r\n or a lone \r (old Mac files)
			int end = start;
			while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r')
				end++;
			String line = text.substring(start, end);
			boolean last = end >= text.length();
			start = end + (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? 2 : 1);
			n++;
			if (line.trim().isEmpty() || header == null && line.startsWith("#")) {
				if (last) break;
				continue;
			}
			List<String> fields = parseLine(line, where, n);
			if (header == null) {
				if (fields.size() == 1 && line.indexOf(';') >= 0) throw new IllegalArgumentException(where + " line " + n +
					": the header '" + Text.quote(line) + "' has no comma but semicolons: a semicolon-separated table " +
					"(Excel with a European locale)? Save it as " + SAVE_AS + ", with decimal points");
				header = new ArrayList<>();
				java.util.Set<String> seen = new java.util.HashSet<>();
				for (String f : fields) {
					String h = f.trim();
					if (!h.isEmpty() && !seen.add(h.toLowerCase(Locale.ROOT))) throw new IllegalArgumentException(where +
						" line " + n + ": the column '" + Text.quote(h) + "' appears twice in the header");
					header.add(h);
				}
				if (last) break;
				continue;
			}
			if (fields.size() != header.size()) throw new IllegalArgumentException(where + " line " + n + ": " + fields
				.size() + " fields, expected " + header.size() + " as in the header (" + Text.quote(String.join(",",
					header), 200) + ")" + hint(line));
			rows.add(fields);
			lines.add(n);
			if (last) break;
		}
		if (header == null) throw new IllegalArgumentException(where + ": empty CSV file, expected a header row");
		return new Table(source, header, rows, lines);
	}

	/** A hint for the usual reasons of a wrong field count. */
	private static String hint(String line) {
		if (line.indexOf(';') >= 0) return "; semicolons on the line: save the table as " + SAVE_AS;
		if (line.matches(".*\\d,\\d.*")) return "; a decimal comma (0,5)? numbers need a decimal point (0.5)";
		return "";
	}

	static List<String> parseLine(String line, String where, int lineNumber) {
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
		if (quoted) throw new IllegalArgumentException(where + " line " + lineNumber + ": a field opened with \" " +
			"is never closed (fields in quotes end with \" on the same line)");
		out.add(cur.toString());
		return out;
	}

	static List<String> parseLine(String line) {
		return parseLine(line, "CSV", 0);
	}

	/**
	 * Quotes a field if it contains a comma, quote or line break. Text that a spreadsheet would run as a formula
	 * (starting with {@code = + - @}, a tab or a carriage return, and not a number) gets a leading {@code '}, as
	 * OWASP advises against CSV injection: a sample named {@code =1+1} stays text.
	 */
	public static String field(String s) {
		if (s == null) return "";
		if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !isNumber(s)) s = "'" + s;
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}

	/** What {@link #isNumber} accepts before parsing: compiled once, it is asked for every negative number written. */
	private static final Pattern NUMBER = Pattern.compile(
		"[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?(Infinity|NaN)");

	private static boolean isNumber(String s) {
		if (!NUMBER.matcher(s).matches()) return false;
		try {
			Double.parseDouble(s);
			return true;
		} catch (NumberFormatException e) {
			return false;
		}
	}

	/**
	 * Formats a number for a table: integers without decimals, others with up to {@code significant} significant
	 * digits, NaN as {@code NaN}, always with a decimal point.
	 */
	public static String number(double v, int significant) {
		if (Double.isNaN(v)) return "NaN";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		String fast = decimalGeneral(v, significant);
		return fast != null ? fast : formatted(v, significant);
	}

	/** {@link #number(double, int)} by {@link String#format}: the definition, used where the fast path declines. */
	private static String formatted(double v, int significant) {
		String s = String.format(Locale.ROOT, "%." + significant + "g", v);
		if (s.contains("e") || s.contains("E")) return s;
		if (s.contains(".")) {
			s = s.replaceAll("0+$", "");
			if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
		}
		return s;
	}

	/** Powers of ten that are exact doubles, 10^0 to 10^22. */
	private static final double[] TEN = new double[23];
	static {
		TEN[0] = 1;
		for (int i = 1; i < TEN.length; i++)
			TEN[i] = TEN[i - 1] * 10;
	}

	/**
	 * {@code %.Ng} of {@link Locale#ROOT} with trailing zeros removed, for a finite {@code v} whose rounded value
	 * Formatter writes in decimal (not scientific) notation, without Formatter's cost (a regular expression per call,
	 * then another to remove the zeros: the top of the stack samples of writing cells.csv). Formatter rounds the decimal digits
	 * of {@code v} half up, so a value whose shortest decimal is exactly the midpoint B between two N-digit results
	 * goes up, whatever side of B its binary value lies: here {@code |v| >= B'} decides, where B' = (2m+1)/(2*10^k),
	 * one division of exact doubles and so the double nearest to B (|v| &gt; B' means |v| &gt; B; |v| == B' means B is
	 * v's decimal, a tie that goes up; |v| &lt; B' means |v| &lt; B).
	 *
	 * @return the text, or null where Formatter would use scientific notation or {@code v} is out of the range
	 *         handled (below 1e-5 or from 10^N in magnitude, N above 9), for the caller to format the slow way
	 */
	private static String decimalGeneral(double v, int significant) {
		if (significant < 1 || significant > 9) return null; // past 9 digits the midpoint test needs more precision
		double a = Math.abs(v);
		if (!(a >= 1e-5 && a < TEN[significant])) return null;
		long lowest = (long) TEN[significant - 1], limit = (long) TEN[significant];
		int e = (int) Math.floor(Math.log10(a)); // decimal exponent of a, corrected below if log10 is off by one
		long m = 0;
		for (int tries = 0; tries < 4; tries++) {
			int k = significant - 1 - e; // a * 10^k has N digits before the point
			if (k < 0 || k >= TEN.length) return null;
			double scale = TEN[k];
			m = (long) Math.floor(a * scale + 0.5);
			// a * scale is rounded: step m until a lies in [B(m - 1/2), B(m + 1/2)) exactly, ties upwards
			while (m > 0 && a < (2 * m - 1) / (2 * scale))
				m--;
			while (a >= (2 * m + 1) / (2 * scale))
				m++;
			if (m >= limit) e++;
			else if (m < lowest) e--;
			else break;
			m = -1;
		}
		if (m < 0 || e < -4 || e >= significant) return null; // Formatter's scientific range, after rounding
		String digits = Long.toString(m);
		StringBuilder b = new StringBuilder(significant + 8);
		if (v < 0) b.append('-');
		int point = e + 1; // digits before the decimal point
		int end = digits.length();
		while (end > Math.max(point, 0) && digits.charAt(end - 1) == '0')
			end--; // the trailing zeros of the fraction are dropped
		if (point <= 0) {
			b.append("0.");
			for (int i = point; i < 0; i++)
				b.append('0');
			b.append(digits, 0, end);
		}
		else {
			b.append(digits, 0, point);
			if (end > point) b.append('.').append(digits, point, end);
		}
		return b.toString();
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
