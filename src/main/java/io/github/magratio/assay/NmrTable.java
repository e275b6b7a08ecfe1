package io.github.magratio.assay;

import io.github.magratio.util.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Many spectra at once: one CSV row per spectrum in, one result row per spectrum out. A bad row (missing or
 * non-numeric value, shift outside the limits) becomes a result row with an {@code error} naming the line and column;
 * the other rows are still computed.
 * <p>
 * Input columns (case-insensitive; only the method's shift columns are required, empty cells mean "not measured"):
 * {@value #INPUT_COLUMNS_DOC}.
 */
public final class NmrTable {

	/** Documentation of the input columns, for {@code --help}. */
	public static final String INPUT_COLUMNS_DOC = "sample (label), alpha_ppm, beta_ppm, gamma_ppm (ATP shifts vs " +
		"PCr), pi_ppm (Pi shift vs PCr), ph, shift_se_ppm, temperature_C, ionic_strength_M";

	/** Output columns, in order. */
	public static final List<String> OUTPUT_COLUMNS = Collections.unmodifiableList(Arrays.asList("sample", "line",
		"method", "free_mg_mM", "free_mg_mM_lo", "free_mg_mM_hi", "pmg", "free_atp_fraction", "ph", "ph_source",
		"kd_app_uM", "flags", "constants", "error"));

	private NmrTable() {}

	/** One output row: a result, or an error for a row that could not be computed. */
	public static final class Row {
		/** Sample label (may be empty). */
		public final String sample;
		/** 1-based line in the input file. */
		public final int line;
		/** The result, or null when {@link #error} is set. */
		public final NmrResult result;
		/** Why the row failed (naming line and column), or null. */
		public final String error;

		Row(String sample, int line, NmrResult result, String error) {
			this.sample = sample;
			this.line = line;
			this.result = result;
			this.error = error;
		}

		/** @return true when the row has a valid concentration */
		public boolean isGood() {
			return error == null && result != null && result.isValid();
		}
	}

	/**
	 * Computes every row of a spectra table.
	 *
	 * @param defaultShiftSePpm shift standard error used where the table has no {@code shift_se_ppm} value
	 * @throws IllegalArgumentException when a column the model requires is missing from the header
	 */
	public static List<Row> compute(Csv.Table t, NmrModel model, NmrConstants constants, double defaultShiftSePpm) {
		for (String c : model.requiredColumns())
			t.requireColumn(c);
		int sample = t.column("sample");
		List<Row> out = new ArrayList<>();
		for (int r = 0; r < t.rows().size(); r++) {
			String label = sample < 0 ? "" : t.rows().get(r).get(sample).trim();
			String at = (t.source() == null ? "CSV" : t.source().toString()) + " line " + t.lineOf(r);
			try {
				for (String c : model.requiredColumns())
					if (t.rows().get(r).get(t.column(c)).trim().isEmpty()) throw new IllegalArgumentException(at +
						", column '" + c + "': empty, but method " + model.name() + " needs it");
				double se = optional(t, r, "shift_se_ppm");
				NmrSpectrum s = NmrSpectrum.builder().label(label).alphaPpm(optional(t, r, "alpha_ppm")).betaPpm(
					optional(t, r, "beta_ppm")).gammaPpm(optional(t, r, "gamma_ppm")).piPpm(optional(t, r, "pi_ppm"))
					.ph(optional(t, r, "ph")).shiftSePpm(Double.isNaN(se) ? defaultShiftSePpm : se).temperatureCelsius(
						optional(t, r, "temperature_C")).ionicStrengthMolar(optional(t, r, "ionic_strength_M")).build();
				NmrResult res;
				try {
					res = model.compute(s, constants);
				} catch (IllegalArgumentException e) {
					throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
				}
				if (res.flags().contains(NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS)) out.add(new Row(label, t.lineOf(r), res,
					at + ": " + res.message()));
				else out.add(new Row(label, t.lineOf(r), res, null));
			} catch (IllegalArgumentException e) {
				String m = e.getMessage();
				out.add(new Row(label, t.lineOf(r), null, m.startsWith(at) || m.contains(" line ") ? m : at + ": " + m));
			}
		}
		return out;
	}

	private static double optional(Csv.Table t, int r, String column) {
		int c = t.column(column);
		if (c < 0 || t.rows().get(r).get(c).trim().isEmpty()) return Double.NaN;
		return t.number(r, c);
	}

	/** @return the row formatted as {@link #OUTPUT_COLUMNS} */
	public static List<String> format(Row row, String method) {
		NmrResult r = row.result;
		List<String> f = new ArrayList<>();
		f.add(row.sample);
		f.add(Integer.toString(row.line));
		f.add(r == null ? method : r.method());
		if (r == null) {
			for (int i = 0; i < 8; i++)
				f.add(i == 6 ? "" : "NaN");
			f.add("");
			f.add("");
		}
		else {
			f.add(Csv.number(r.freeMgMillimolar()));
			f.add(Csv.number(r.freeMgMillimolarLo()));
			f.add(Csv.number(r.freeMgMillimolarHi()));
			f.add(Csv.number(r.pMg()));
			f.add(Csv.number(r.freeAtpFraction()));
			f.add(Csv.number(r.ph()));
			f.add(r.phSource());
			f.add(Csv.number(r.kdAppMicromolar()));
			f.add(String.join(";", r.flags()));
			f.add(constantsText(r.constants()));
		}
		f.add(row.error == null ? (r != null && !r.isValid() ? r.message() : "") : row.error);
		return f;
	}

	/** @return constants as {@code key=value} pairs separated by semicolons */
	public static String constantsText(Map<String, Object> constants) {
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<String, Object> e : constants.entrySet()) {
			if (sb.length() > 0) sb.append(';');
			Object v = e.getValue();
			sb.append(e.getKey()).append('=').append(v instanceof Double ? Csv.number((Double) v, 10) : String.valueOf(
				v));
		}
		return sb.toString();
	}

	/** Writes the result rows atomically as CSV with {@link #OUTPUT_COLUMNS}. */
	public static void write(Path file, List<Row> rows, String method) throws IOException {
		List<List<String>> out = new ArrayList<>();
		for (Row r : rows)
			out.add(format(r, method));
		Csv.write(file, OUTPUT_COLUMNS, out);
	}
}
