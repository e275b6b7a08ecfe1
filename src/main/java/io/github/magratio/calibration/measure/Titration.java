package io.github.magratio.calibration.measure;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.calibration.KdFit;
import io.github.magratio.ij.Recording;

import io.github.magratio.core.Progress;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.magratio.ij.CalibrationPlots;
import io.github.magratio.ij.TracePlots;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;
import io.github.magratio.util.Checksums;
import io.github.magratio.util.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kd titration from a standards table to a calibration file: reads the CSV, fits with {@link KdFit}, and writes
 * the calibration JSON (method {@value #METHOD}, the fit's statistics under {@code details}) and a PNG of data and
 * fit. Stateless; used by the {@code titrate} CLI and the Fiji "Fit Kd" command.
 *
 * <p>
 * Standards CSV: one row per standard, a header naming the units. The concentration column is {@code mg_mM} (free
 * [Mg2+] in mM) or {@code mg_uM} (in uM); the signal is a {@code ratio} column (background-corrected F340/F380), or
 * {@code f340} and {@code f380} columns (mean counts), with optional {@code bg340} and {@code bg380} columns
 * subtracted first. Other columns are ignored; lines starting with {@code #} are comments.
 * </p>
 */
public final class Titration {

	/** The calibration file's {@code method} for a titration. */
	public static final String METHOD = "titration";

	private Titration() {}

	/** Standards read from a table: free [Mg2+] in mM and background-corrected ratios, in file order. */
	public static final class Standards {
		/** Free [Mg2+] of each standard, mM. */
		public final double[] mgMillimolar;
		/** Background-corrected ratio of each standard. */
		public final double[] ratio;
		/** 1-based file line of each standard, for messages. */
		public final int[] lines;
		/** The recording of each standard when measured from images (recorded as sources), else empty. */
		public final List<Path> images;
		/** Cells measured in each standard's recording (0 for a ratio given in the table). */
		public final int[] cells;

		Standards(double[] mg, double[] ratio, int[] lines, List<Path> images, int[] cells) {
			this.mgMillimolar = mg;
			this.ratio = ratio;
			this.lines = lines;
			this.images = java.util.Collections.unmodifiableList(images);
			this.cells = cells;
		}
	}

	/**
	 * Reads a standards CSV whose ratios are given in the table, or measured from one recording per standard: with a
	 * {@code file} column (and no {@code ratio} or {@code f340}/{@code f380}), each row names a 340/380 recording of
	 * cells clamped at that free [Mg2+] (ionophore in a buffer of known [Mg2+]); relative paths are relative to the
	 * CSV. Each recording goes through the pipeline's segmentation and background subtraction ({@code measurement}
	 * settings), and the standard's ratio is the median over cells of each cell's mean ratio over the frames, robust
	 * to a few odd cells.
	 *
	 * @param measurement segmentation, background and layout settings; a calibration is not needed (see
	 *          {@link PipelineSettings#measurement}) and not used
	 * @throws IllegalArgumentException naming the file and line: as {@link #readStandards(Path)}, or a recording that
	 *           cannot be read or has no cell with a ratio
	 */
	public static Standards readStandards(Path csv, PipelineSettings measurement, Progress progress)
		throws IOException
	{
		if (!Files.isRegularFile(csv)) throw new IllegalArgumentException("standards file " + csv + " does not exist");
		Csv.Table t = Csv.read(csv);
		int fileCol = t.column("file");
		if (fileCol < 0 || t.column("ratio") >= 0 || t.column("f340") >= 0) return readStandards(csv);
		int mmCol = t.column("mg_mM"), umCol = t.column("mg_uM");
		if (mmCol < 0 && umCol < 0) throw new IllegalArgumentException(csv + ": needs a concentration column 'mg_mM' " +
			"(free [Mg2+] in mM) or 'mg_uM' (in uM); columns present: " + t.columnsPresent());
		int concCol = mmCol >= 0 ? mmCol : umCol;
		double unit = mmCol >= 0 ? 1 : 1e-3;
		int n = t.rows().size();
		if (n == 0) throw new IllegalArgumentException(csv + ": no standards (only a header)");
		double[] mg = new double[n], ratio = new double[n];
		int[] lines = new int[n], cells = new int[n];
		List<Path> images = new ArrayList<>();
		Path base = csv.toAbsolutePath().getParent();
		for (int i = 0; i < n; i++) {
			lines[i] = t.lineOf(i);
			mg[i] = t.number(i, concCol) * unit;
			if (!(mg[i] >= 0) || Double.isInfinite(mg[i])) throw new IllegalArgumentException(csv + " line " + lines[i] +
				", column '" + t.header().get(concCol) + "': a concentration must be >= 0, got " + t.rows().get(i).get(
					concCol).trim());
			Path file = base.resolve(t.rows().get(i).get(fileCol).trim()).normalize();
			images.add(file);
			try {
				RecordingAnalysis.Result r;
				try (Recording rec = Recording.open(file, measurement.layout(), measurement.channel340())) {
					r = RecordingAnalysis.analyse(measurement, rec, progress, null);
				}
				double[] perCell = new double[r.table.cells()];
				int k = 0;
				for (int c = 1; c <= r.table.cells(); c++) {
					double m = mean(r.table.ratioTrace(c));
					if (!Double.isNaN(m)) perCell[k++] = m;
				}
				if (k == 0) throw new IllegalArgumentException("no cell has a valid ratio");
				ratio[i] = io.github.magratio.core.Stats.median(perCell, k);
				cells[i] = k;
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(csv + " line " + lines[i] + " (" + file + "): " + e.getMessage(), e);
			}
		}
		return new Standards(mg, ratio, lines, images, cells);
	}

	private static double mean(double[] v) {
		double s = 0;
		int n = 0;
		for (double x : v)
			if (!Double.isNaN(x)) {
				s += x;
				n++;
			}
		return n == 0 ? Double.NaN : s / n;
	}

	/**
	 * Reads a standards CSV (see the class description).
	 *
	 * @throws IllegalArgumentException naming the file, line and column: no concentration or signal column, a cell
	 *           that is not a number, a negative concentration, or a background-corrected F380 or ratio &lt;= 0
	 */
	public static Standards readStandards(Path csv) throws IOException {
		if (!Files.isRegularFile(csv)) throw new IllegalArgumentException("standards file " + csv + " does not exist");
		Csv.Table t = Csv.read(csv);
		int mmCol = t.column("mg_mM"), umCol = t.column("mg_uM");
		if (mmCol < 0 && umCol < 0) throw new IllegalArgumentException(csv + ": needs a concentration column 'mg_mM' " +
			"(free [Mg2+] in mM) or 'mg_uM' (in uM); columns present: " + t.columnsPresent());
		int concCol = mmCol >= 0 ? mmCol : umCol;
		double unit = mmCol >= 0 ? 1 : 1e-3;
		int rCol = t.column("ratio"), aCol = t.column("f340"), bCol = t.column("f380");
		int bgA = t.column("bg340"), bgB = t.column("bg380");
		if (rCol < 0 && (aCol < 0 || bCol < 0)) throw new IllegalArgumentException(csv + ": needs a 'ratio' column " +
			"(background-corrected F340/F380) or both 'f340' and 'f380' columns (counts); columns present: " + t
				.columnsPresent());
		List<List<String>> rows = t.rows();
		int n = rows.size();
		double[] mg = new double[n], ratio = new double[n];
		int[] lines = new int[n];
		for (int i = 0; i < n; i++) {
			lines[i] = t.lineOf(i);
			mg[i] = t.number(i, concCol) * unit;
			if (!(mg[i] >= 0) || Double.isInfinite(mg[i])) throw new IllegalArgumentException(csv + " line " + lines[i] +
				", column '" + t.header().get(concCol) + "': a concentration must be >= 0, got " + t.rows().get(i).get(
					concCol).trim());
			if (rCol >= 0) ratio[i] = t.number(i, rCol);
			else {
				double a = t.number(i, aCol) - (bgA >= 0 ? t.number(i, bgA) : 0);
				double b = t.number(i, bCol) - (bgB >= 0 ? t.number(i, bgB) : 0);
				if (!(b > 0)) throw new IllegalArgumentException(csv + " line " + lines[i] +
					": background-corrected F380 must be > 0 counts, got " + b);
				ratio[i] = a / b;
			}
			if (!(ratio[i] > 0) || Double.isInfinite(ratio[i])) throw new IllegalArgumentException(csv + " line " +
				lines[i] + ": the ratio must be > 0, got " + ratio[i]);
		}
		if (n == 0) throw new IllegalArgumentException(csv + ": no standards (only a header)");
		return new Standards(mg, ratio, lines, new ArrayList<>(), new int[n]);
	}

	/**
	 * Fits standards read from a file. Messages of the fit name the standard by its file line.
	 *
	 * @throws IllegalArgumentException from {@link #readStandards} or {@link KdFit#fit}, prefixed with the file
	 */
	public static KdFit.Result fit(Path csv, KdFit.Options options) throws IOException {
		return fit(csv, readStandards(csv), options);
	}

	/** Fits standards already read from {@code csv}; messages of the fit name the standard by its file line. */
	public static KdFit.Result fit(Path csv, Standards s, KdFit.Options options) {
		try {
			return KdFit.fit(s.mgMillimolar, s.ratio, options);
		} catch (IllegalArgumentException e) {
			String msg = e.getMessage();
			for (int i = s.lines.length; i >= 1; i--)
				msg = msg.replace("standard " + i + ")", "line " + s.lines[i - 1] + ")").replace("standard " + i + ":",
					"line " + s.lines[i - 1] + ":");
			throw new IllegalArgumentException(csv + ": " + msg, e);
		}
	}

	/**
	 * The calibration file of a titration fit: Kd, Rmin, Rmax and beta with their standard errors, the standards file
	 * and its SHA-256 as source, and the fit's statistics ({@code k_prime_mM}, 95 % intervals, residual SD, degrees
	 * of freedom, the linearised check and every standard with its fitted ratio) under {@code details}.
	 *
	 * @param source the standards file (checksummed), or null
	 */
	public static CalibrationFile calibrationFile(KdFit.Result fit, Path source, double temperatureCelsius,
		String notes) throws IOException
	{
		JsonObject d = new JsonObject();
		d.addProperty("k_prime_mM", fit.kPrimeMillimolar);
		d.addProperty("k_prime_mM_se", fit.kPrimeMillimolarSe);
		d.addProperty("kd_mM_ci95_low", fit.kdLowMillimolar);
		d.addProperty("kd_mM_ci95_high", fit.kdHighMillimolar);
		d.addProperty("rmin_fitted", fit.rminFitted);
		d.addProperty("rmax_fitted", fit.rmaxFitted);
		d.addProperty("rmin_ci95_low", fit.rminLow);
		d.addProperty("rmin_ci95_high", fit.rminHigh);
		d.addProperty("rmax_ci95_low", fit.rmaxLow);
		d.addProperty("rmax_ci95_high", fit.rmaxHigh);
		d.addProperty("residual_sd", fit.residualSd);
		d.addProperty("degrees_of_freedom", fit.degreesOfFreedom);
		d.addProperty("iterations", fit.iterations);
		JsonObject lin = new JsonObject();
		lin.addProperty("slope", fit.linearSlope);
		lin.addProperty("intercept", fit.linearIntercept);
		lin.addProperty("kd_mM", fit.linearKdMillimolar);
		lin.addProperty("standards_used", fit.linearPoints);
		d.add("linearised", lin);
		JsonArray pts = new JsonArray();
		double[] mg = fit.mgMillimolar(), r = fit.ratios(), f = fit.fittedRatios();
		for (int i = 0; i < mg.length; i++) {
			JsonObject p = new JsonObject();
			p.addProperty("mg_mM", mg[i]);
			p.addProperty("ratio", r[i]);
			p.addProperty("ratio_fit", f[i]);
			pts.add(p);
		}
		d.add("standards", pts);
		CalibrationFile.Builder b = CalibrationFile.builder(fit.calibration()).method(METHOD).date(LocalDate.now()
			.toString()).temperatureCelsius(temperatureCelsius).details(d);
		if (notes != null) b.notes(notes);
		if (source != null) b.source(source.toString(), Checksums.sha256(source));
		return b.build();
	}

	/** As {@link #calibrationFile(KdFit.Result, Path, double, String)}, with each standard's recording as a source. */
	public static CalibrationFile calibrationFile(KdFit.Result fit, Path source, Standards standards,
		double temperatureCelsius, String notes) throws IOException
	{
		CalibrationFile f = calibrationFile(fit, source, temperatureCelsius, notes);
		if (standards.images.isEmpty()) return f;
		CalibrationFile.Builder b = CalibrationFile.builder(f.calibration()).method(f.method()).date(f.date())
			.temperatureCelsius(f.temperatureCelsius()).details(f.details());
		if (notes != null) b.notes(notes);
		for (CalibrationFile.Source src : f.sources())
			b.source(src.file, src.sha256);
		for (Path p : standards.images)
			b.source(p.toString(), Checksums.sha256(p));
		return b.build();
	}

	/**
	 * Writes the plot (PNG) and then the calibration JSON, each atomically; nothing is written when the plot fails.
	 *
	 * @param png the plot file, or null for none
	 */
	public static void write(KdFit.Result fit, CalibrationFile file, Path json, Path png) throws IOException {
		if (png != null) TracePlots.savePng(CalibrationPlots.titration(fit.mgMillimolar(), fit
			.ratios(), fit.calibration(), fit.kdLowMillimolar, fit.kdHighMillimolar, 800, 560), png);
		file.write(json);
	}
}
