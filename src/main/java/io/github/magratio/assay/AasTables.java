package io.github.magratio.assay;

import io.github.magratio.util.Csv;
import io.github.magratio.util.UserMistake;
import io.github.magratio.util.UserOption;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV input and output of the AAS calculator. Every message names the file, line and column.
 * <ul>
 * <li>Standards: {@value #STANDARDS_DOC}</li>
 * <li>Samples: {@value #SAMPLES_DOC}</li>
 * <li>Free [Mg] (optional): {@value #FREE_DOC}</li>
 * </ul>
 */
public final class AasTables {

	/** Standards columns, for {@code --help}. */
	public static final String STANDARDS_DOC = "one row per read: absorbance, and the concentration in exactly one " +
		"of conc_mg_L, conc_ug_L, conc_mM (the column name gives the unit); replicate reads repeat the concentration";
	/** Samples columns, for {@code --help}. */
	public static final String SAMPLES_DOC = "one row per read: sample, absorbance; optional per-sample overrides " +
		"dilution_factor, reagent_blank_mg_L, digest_volume_mL, cells, cell_volume_pL; rows with the same sample " +
		"name are replicate reads";
	/** Free [Mg] columns, for {@code --help}. */
	public static final String FREE_DOC = "sample, free_mg_mM, and free_mg_mM_se or free_mg_mM_lo + free_mg_mM_hi " +
		"(95 percent, e.g. the output of magratio nmr --table); one row per sample";

	/** Columns of results.csv, in order; the free/total columns are present only when free values are given. */
	public static final List<String> RESULT_COLUMNS = Collections.unmodifiableList(Arrays.asList("sample", "reads",
		"absorbance", "conc_mg_L", "conc_mg_L_se", "conc_mg_L_lo", "conc_mg_L_hi", "dilution_factor",
		"reagent_blank_mg_L", "digest_conc_mg_L", "digest_conc_mg_L_se", "digest_volume_mL", "mg_nmol", "mg_nmol_se",
		"cells", "mg_fmol_per_cell", "mg_fmol_per_cell_se", "cell_volume_pL", "total_mg_mM", "total_mg_mM_se",
		"flags"));
	/** Extra columns of results.csv when free [Mg] is given, inserted before {@code flags}. */
	public static final List<String> FREE_COLUMNS = Collections.unmodifiableList(Arrays.asList("free_mg_mM",
		"free_mg_mM_se", "free_total_ratio", "free_total_ratio_se", "free_total_ratio_lo", "free_total_ratio_hi"));

	private AasTables() {}

	/** Unit of the standards' concentration column. */
	public enum ConcentrationUnit {
		/** mg/L. */
		MG_PER_L("conc_mg_L", 1),
		/** ug/L. */
		UG_PER_L("conc_ug_L", 1e-3),
		/** mmol/L, converted with 24.305 g/mol. */
		MILLIMOLAR("conc_mM", AasSample.MG_MOLAR_MASS_G_PER_MOL);

		/** Column name. */
		public final String column;
		/** Factor to mg/L. */
		public final double toMgPerL;

		ConcentrationUnit(String column, double toMgPerL) {
			this.column = column;
			this.toMgPerL = toMgPerL;
		}
	}

	/** Standards read from a file, converted to mg/L, with the unit they were given in. */
	public static final class Standards {
		/** The reads, mg/L. */
		public final List<AasStandardCurve.Standard> standards;
		/** The unit of the file. */
		public final ConcentrationUnit unit;

		Standards(List<AasStandardCurve.Standard> standards, ConcentrationUnit unit) {
			this.standards = Collections.unmodifiableList(standards);
			this.unit = unit;
		}
	}

	/**
	 * Reads a standards table.
	 *
	 * @throws IllegalArgumentException naming file, line and column: no or several concentration columns, missing
	 *           absorbance, non-numbers, negative absorbance
	 */
	public static Standards readStandards(Path file) throws IOException {
		Csv.Table t = Csv.read(file);
		ConcentrationUnit unit = null;
		for (ConcentrationUnit u : ConcentrationUnit.values())
			if (t.column(u.column) >= 0) {
				if (unit != null) throw new IllegalArgumentException(file + ": both '" + unit.column + "' and '" +
					u.column + "' columns; give the standards' concentration in one unit");
				unit = u;
			}
		if (unit == null) throw new IllegalArgumentException(file + ": missing concentration column: one of conc_mg_L, " +
			"conc_ug_L, conc_mM (columns present: " + t.columnsPresent() + ")");
		int cc = t.column(unit.column), ac = t.requireColumn("absorbance");
		List<AasStandardCurve.Standard> out = new ArrayList<>();
		for (int r = 0; r < t.rows().size(); r++) {
			String at = file + " line " + t.lineOf(r);
			double c = t.number(r, cc), a = t.number(r, ac);
			if (a < 0) throw new IllegalArgumentException(at + ", column 'absorbance': negative absorbance " + Csv.number(
				a) + " (re-zero the instrument on the blank)");
			if (c < 0) throw new IllegalArgumentException(at + ", column '" + unit.column +
				"': negative concentration " + Csv.number(c));
			out.add(new AasStandardCurve.Standard(c * unit.toMgPerL, a, at));
		}
		return new Standards(out, unit);
	}

	/**
	 * Reads a samples table; rows with the same {@code sample} are replicate reads of one sample and must agree on
	 * every per-sample column.
	 *
	 * @param defaults values used where the table has no column or an empty cell; its reads are ignored
	 * @throws IllegalArgumentException naming file, line and column
	 */
	public static List<AasSample> readSamples(Path file, Defaults defaults) throws IOException {
		Csv.Table t = Csv.read(file);
		int sc = t.requireColumn("sample"), ac = t.requireColumn("absorbance");
		String[] cols = { "dilution_factor", "reagent_blank_mg_L", "digest_volume_mL", "cells", "cell_volume_pL" };
		double[] def = { defaults.dilutionFactor, defaults.reagentBlankMgPerL, defaults.digestVolumeMillilitres,
			defaults.cells, defaults.cellVolumePicolitres };
		Map<String, List<Double>> reads = new LinkedHashMap<>();
		Map<String, double[]> settings = new LinkedHashMap<>();
		Map<String, Integer> firstLine = new LinkedHashMap<>();
		for (int r = 0; r < t.rows().size(); r++) {
			String at = file + " line " + t.lineOf(r);
			String name = t.rows().get(r).get(sc).trim();
			if (name.isEmpty()) throw new IllegalArgumentException(at + ", column 'sample': empty sample name");
			double a = t.number(r, ac);
			if (a < 0) throw new IllegalArgumentException(at + ", column 'absorbance': negative absorbance " + Csv.number(
				a) + " for sample '" + name + "'");
			double[] s = def.clone();
			for (int i = 0; i < cols.length; i++) {
				int c = t.column(cols[i]);
				if (c < 0 || t.rows().get(r).get(c).trim().isEmpty()) continue;
				s[i] = t.number(r, c);
				boolean ok = i == 1 ? s[i] >= 0 : s[i] > 0;
				if (!ok || Double.isInfinite(s[i])) throw new IllegalArgumentException(at + ", column '" + cols[i] +
					"': must be " + (i == 1 ? ">= 0" : "> 0") + ", got " + Csv.number(s[i]));
			}
			double[] prev = settings.putIfAbsent(name, s);
			if (prev != null) for (int i = 0; i < cols.length; i++)
				if (Double.compare(prev[i], s[i]) != 0) throw new IllegalArgumentException(at + ", column '" + cols[i] +
					"': sample '" + name + "' has " + Csv.number(s[i]) + " here but " + Csv.number(prev[i]) + " on line " +
					firstLine.get(name) + "; replicate reads of one sample must share its settings");
			firstLine.putIfAbsent(name, t.lineOf(r));
			reads.computeIfAbsent(name, k -> new ArrayList<>()).add(a);
		}
		if (reads.isEmpty()) throw new IllegalArgumentException(file + ": no samples");
		List<AasSample> out = new ArrayList<>();
		for (Map.Entry<String, List<Double>> e : reads.entrySet()) {
			double[] s = settings.get(e.getKey());
			double[] rv = new double[e.getValue().size()];
			for (int i = 0; i < rv.length; i++)
				rv[i] = e.getValue().get(i);
			try {
				out.add(AasSample.builder(e.getKey()).reads(rv).dilutionFactor(s[0]).reagentBlankMgPerL(s[1])
					.digestVolumeMillilitres(s[2]).cells(s[3]).cellVolumePicolitres(s[4]).waterFraction(
						defaults.waterFraction).build());
			} catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(file + " line " + firstLine.get(e.getKey()) + ": " + ex.getMessage(), ex);
			}
		}
		return out;
	}

	/** Per-run defaults of the per-sample settings; NaN = unknown. Immutable; see {@link #builder()}. */
	public static final class Defaults {
		final double dilutionFactor, reagentBlankMgPerL, digestVolumeMillilitres, cells, cellVolumePicolitres,
				waterFraction;

		private Defaults(DefaultsBuilder b) {
			dilutionFactor = b.dilutionFactor;
			reagentBlankMgPerL = b.reagentBlankMgPerL;
			digestVolumeMillilitres = b.digestVolumeMillilitres;
			cells = b.cells;
			cellVolumePicolitres = b.cellVolumePicolitres;
			waterFraction = b.waterFraction;
		}

		/** @return a builder: DF 1, blank 0 mg/L, water fraction 1, digest volume, cells and cell volume unknown */
		public static DefaultsBuilder builder() {
			return new DefaultsBuilder();
		}
	}

	/** Builder of {@link Defaults}; {@link #build()} validates, naming the option. */
	public static final class DefaultsBuilder {
		private double dilutionFactor = 1, reagentBlankMgPerL = 0, digestVolumeMillilitres = Double.NaN,
				cells = Double.NaN, cellVolumePicolitres = Double.NaN, waterFraction = 1;

		private DefaultsBuilder() {}

		/** Dilution factor digest to read solution. */
		public DefaultsBuilder dilutionFactor(double v) {
			dilutionFactor = v;
			return this;
		}

		/** Reagent blank, digest concentration in mg/L. */
		public DefaultsBuilder reagentBlankMgPerL(double v) {
			reagentBlankMgPerL = v;
			return this;
		}

		/** Digest volume, mL. */
		public DefaultsBuilder digestVolumeMillilitres(double v) {
			digestVolumeMillilitres = v;
			return this;
		}

		/** Cells per sample. */
		public DefaultsBuilder cells(double v) {
			cells = v;
			return this;
		}

		/** Cell volume, pL. */
		public DefaultsBuilder cellVolumePicolitres(double v) {
			cellVolumePicolitres = v;
			return this;
		}

		/** Water fraction of the cell volume. */
		public DefaultsBuilder waterFraction(double v) {
			waterFraction = v;
			return this;
		}

		/**
		 * @return the validated defaults
		 * @throws UserMistake naming the setting in the reader's words (the CLI's option or the dialog's field)
		 */
		public Defaults build() {
			positive(UserOption.AAS_DILUTION, dilutionFactor, false);
			if (!(reagentBlankMgPerL >= 0) || Double.isInfinite(reagentBlankMgPerL))
				throw new UserMistake(UserOption.AAS_BLANK, " must be >= 0 mg/L, got " + reagentBlankMgPerL);
			positive(UserOption.AAS_DIGEST, digestVolumeMillilitres, true);
			positive(UserOption.AAS_CELLS, cells, true);
			positive(UserOption.AAS_CELL_VOLUME, cellVolumePicolitres, true);
			if (!(waterFraction > 0 && waterFraction <= 1)) throw new UserMistake(UserOption.AAS_WATER,
				" must be in (0, 1], got " + waterFraction);
			return new Defaults(this);
		}

		private static void positive(UserOption option, double v, boolean nanAllowed) {
			if (nanAllowed && Double.isNaN(v)) return;
			if (!(v > 0) || Double.isInfinite(v)) throw new UserMistake(option, " must be > 0, got " + v);
		}
	}

	/**
	 * Reads free [Mg] per sample.
	 *
	 * @return sample name to {free mM, its standard error mM}
	 * @throws IllegalArgumentException naming file, line and column; also for a sample listed twice
	 */
	public static Map<String, double[]> readFree(Path file) throws IOException {
		Csv.Table t = Csv.read(file);
		int sc = t.requireColumn("sample"), fc = t.requireColumn("free_mg_mM");
		int se = t.column("free_mg_mM_se"), lo = t.column("free_mg_mM_lo"), hi = t.column("free_mg_mM_hi");
		if (se < 0 && (lo < 0 || hi < 0)) throw new IllegalArgumentException(file + ": missing column " +
			"'free_mg_mM_se' (or both 'free_mg_mM_lo' and 'free_mg_mM_hi') (columns present: " + t.columnsPresent() +
				")");
		Map<String, double[]> out = new LinkedHashMap<>();
		Map<String, Integer> lines = new LinkedHashMap<>();
		for (int r = 0; r < t.rows().size(); r++) {
			String name = t.rows().get(r).get(sc).trim();
			if (lines.containsKey(name)) throw new IllegalArgumentException(file + " line " + t.lineOf(r) +
				", column 'sample': sample '" + name + "' already on line " + lines.get(name) +
				"; give one free [Mg] per sample");
			lines.put(name, t.lineOf(r));
			double f = t.number(r, fc);
			if (!(f >= 0) || Double.isInfinite(f)) throw new IllegalArgumentException(file + " line " + t.lineOf(r) +
				", column 'free_mg_mM': a free [Mg] must be a finite number >= 0 mM, got " + t.rows().get(r).get(fc)
					.trim());
			double s;
			if (se >= 0) {
				s = t.number(r, se);
				if (!(s >= 0) || Double.isInfinite(s)) throw new IllegalArgumentException(file + " line " + t.lineOf(r) +
					", column 'free_mg_mM_se': a standard error must be a finite number >= 0 mM, got " + t.rows().get(r)
						.get(se).trim());
			}
			else {
				double l = t.number(r, lo), h = t.number(r, hi);
				if (!(l <= f && f <= h) || Double.isInfinite(l) || Double.isInfinite(h)) throw new IllegalArgumentException(
					file + " line " + t.lineOf(r) + ": the interval free_mg_mM_lo..free_mg_mM_hi (" + l + ".." + h +
						") must be finite and contain free_mg_mM (" + f + ")");
				s = FreeTotal.seFromInterval(l, h);
			}
			out.put(name, new double[] { f, s });
		}
		return out;
	}

	/**
	 * Formats one result as a row of {@link #RESULT_COLUMNS} (with {@link #FREE_COLUMNS} before {@code flags} when
	 * {@code withFree}).
	 *
	 * @param free {free mM, se mM} for this sample, or null
	 */
	public static List<String> format(AasSample.Result r, boolean withFree, double[] free) {
		AasSample s = r.sample;
		List<String> f = new ArrayList<>(Arrays.asList(s.name(), Integer.toString(r.read.reads), n(r.read.meanAbsorbance),
			n(r.read.concMgPerL), n(r.read.concMgPerLSe), n(r.read.concMgPerLLo), n(r.read.concMgPerLHi), n(s
				.dilutionFactor()), n(s.reagentBlankMgPerL()), n(r.digestMgPerL), n(r.digestMgPerLSe), n(s
					.digestVolumeMillilitres()), n(r.nanomoles), n(r.nanomolesSe), n(s.cells()), n(r.femtomolesPerCell), n(
						r.femtomolesPerCellSe), n(s.cellVolumePicolitres()), n(r.totalMillimolar), n(r.totalMillimolarSe)));
		List<String> flags = new ArrayList<>(r.flags);
		if (withFree) {
			if (free == null) {
				for (int i = 0; i < FREE_COLUMNS.size(); i++)
					f.add("NaN");
				flags.add("no_free_value");
			}
			else {
				f.add(n(free[0]));
				f.add(n(free[1]));
				if (Double.isFinite(r.totalMillimolar) && r.totalMillimolar > 0 && Double.isFinite(free[0]) &&
					free[0] >= 0 && free[1] >= 0)
				{
					FreeTotal ft = new FreeTotal(free[0], free[1], r.totalMillimolar, r.totalMillimolarSe);
					f.add(n(ft.ratio()));
					f.add(n(ft.ratioSe()));
					f.add(n(ft.ratioLo()));
					f.add(n(ft.ratioHi()));
				}
				else for (int i = 0; i < 4; i++)
					f.add("NaN");
			}
		}
		f.add(String.join(";", flags));
		return f;
	}

	/** @return the header of results.csv */
	public static List<String> header(boolean withFree) {
		List<String> h = new ArrayList<>(RESULT_COLUMNS.subList(0, RESULT_COLUMNS.size() - 1));
		if (withFree) h.addAll(FREE_COLUMNS);
		h.add("flags");
		return h;
	}

	private static String n(double v) {
		return Csv.number(v, 7);
	}
}
