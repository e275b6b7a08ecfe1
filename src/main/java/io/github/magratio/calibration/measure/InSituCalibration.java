package io.github.magratio.calibration.measure;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Progress;
import io.github.magratio.core.Stats;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;
import io.github.magratio.util.Checksums;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;


/**
 * In-situ calibration from images (science.md section 1): Rmin from cells with ionophore in Mg-free buffer, Rmax from
 * the same cells in saturating Mg2+, beta = F380(Mg-free) / F380(Mg-saturated) from the same cells in both.
 * Segmentation and background subtraction are the pipeline's ({@link PipelineSettings}; its calibration constants
 * are ignored). Two protocols:
 * <ul>
 * <li>{@link #fromRecording}: both conditions as frame ranges (0-based, inclusive) of one recording, typically at
 * its end; cells segmented on the whole recording;</li>
 * <li>{@link #fromImages}: each condition its own recording of the same field; cells segmented on the Mg-free
 * recording and measured with the same labels in the saturating one.</li>
 * </ul>
 * Per cell, the ratio and the background-corrected F380 are averaged over the plateau frames. Cells are aggregated
 * robustly: a cell whose Rmin, Rmax or beta lies more than {@link Options#outlierMads} scaled MADs from the median
 * of the cells (or has no valid value) is left out and reported; the constants are the mean over the kept cells and
 * their standard errors SD / sqrt(n).
 *
 * <p>
 * <b>Plateau check.</b> The median ratio over cells is fitted by a line over each range; a change over the range
 * larger than {@link Options#plateauTolerance} (relative) gives a warning and the flattest window of the same length
 * at the lowest (Rmin) or highest (Rmax) level is suggested.
 * </p>
 * <p>
 * <b>Bleaching.</b> Within each plateau [Mg2+] is constant, so any fall of F380 there is bleaching. Its rate k (1/s,
 * F ~ exp(-k t)) is the median over cells of the log-linear slope of F380, pooled over both plateaus weighted by
 * their lengths. In the one-recording protocol beta is corrected to a common time: beta = F380free / F380sat *
 * exp(-k (t_sat - t_free)); k and the uncorrected beta are reported. With separate recordings the time between
 * them is unknown: beta is not corrected and the in-recording bleach rate is reported with a warning when it is
 * not negligible.
 * </p>
 * Stateless and thread-safe; each call reads its recordings.
 */
public final class InSituCalibration {

	/** The calibration file's {@code method}. */
	public static final String METHOD = "in-situ";

	private InSituCalibration() {}

	/** A frame range, 0-based and inclusive. Immutable. */
	public static final class FrameRange {
		/** First frame, 0-based. */
		public final int first;
		/** Last frame, 0-based, inclusive. */
		public final int last;

		/** @throws IllegalArgumentException when first &lt; 0 or last &lt; first + 1 (a plateau needs 2 frames) */
		public FrameRange(int first, int last) {
			if (first < 0 || last < first + 1) throw new IllegalArgumentException("a frame range needs 0 <= first < " +
				"last (0-based, inclusive, at least 2 frames), got " + first + "-" + last);
			this.first = first;
			this.last = last;
		}

		/**
		 * Parses {@code first-last} (0-based, inclusive), e.g. {@code 120-140}.
		 *
		 * @param option the option or key name for messages
		 */
		public static FrameRange parse(String spec, String option) {
			return parse(spec, option, 0);
		}

		/**
		 * Parses {@code first-last} (inclusive) in a numbering that starts at {@code firstNumber}: 0 as in cells.csv
		 * and the CLI, 1 as ImageJ's t slider shows frames.
		 *
		 * @param option the option or key name for messages
		 * @return the range, 0-based
		 */
		public static FrameRange parse(String spec, String option, int firstNumber) {
			String base = firstNumber == 0 ? "0-based" : "numbered from " + firstNumber + " as ImageJ's t slider";
			String[] p = spec.trim().split("\\s*-\\s*");
			int first, last;
			try {
				if (p.length != 2) throw new NumberFormatException();
				first = Integer.parseInt(p[0]);
				last = Integer.parseInt(p[1]);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException(option + " must be FIRST-LAST (frames " + base + ", inclusive), got '" +
					spec + "'");
			}
			if (first < firstNumber || last < first + 1) throw new IllegalArgumentException(option + ": a frame " +
				"range needs " + firstNumber + " <= first < last (frames " + base + ", inclusive, at least 2 frames), " +
				"got " + first + "-" + last);
			return new FrameRange(first - firstNumber, last - firstNumber);
		}

		/** @return the number of frames */
		public int length() {
			return last - first + 1;
		}

		@Override
		public String toString() {
			return first + "-" + last;
		}
	}

	/** Analysis options. Immutable. */
	public static final class Options {
		/** Default largest relative change of the ratio over a plateau range. */
		public static final double DEFAULT_PLATEAU_TOLERANCE = 0.02;
		/** Default outlier cut in scaled MADs. */
		public static final double DEFAULT_OUTLIER_MADS = 3.5;

		final double kdMillimolar, kdMillimolarSe, plateauTolerance, outlierMads;
		final boolean correctBleaching;

		private Options(double kd, double kdSe, double plateauTolerance, double outlierMads, boolean bleach) {
			if (!(kd > 0) || Double.isInfinite(kd)) throw new IllegalArgumentException("kd must be > 0 mM, got " + kd);
			if (!(kdSe >= 0) || Double.isInfinite(kdSe)) throw new IllegalArgumentException(
				"kd standard error must be >= 0 mM, got " + kdSe);
			if (!(plateauTolerance > 0)) throw new IllegalArgumentException("plateau tolerance must be > 0, got " +
				plateauTolerance);
			if (!(outlierMads > 0)) throw new IllegalArgumentException("outlier cut must be > 0 MADs, got " +
				outlierMads);
			this.kdMillimolar = kd;
			this.kdMillimolarSe = kdSe;
			this.plateauTolerance = plateauTolerance;
			this.outlierMads = outlierMads;
			this.correctBleaching = bleach;
		}

		/**
		 * Defaults: plateau tolerance 2 %, outliers beyond 3.5 scaled MADs, bleaching corrected.
		 *
		 * @param kdMillimolar Kd in mM recorded in the calibration (from a titration or the literature)
		 * @param kdMillimolarSe its standard error in mM (0 = unknown)
		 */
		public static Options of(double kdMillimolar, double kdMillimolarSe) {
			return new Options(kdMillimolar, kdMillimolarSe, DEFAULT_PLATEAU_TOLERANCE, DEFAULT_OUTLIER_MADS, true);
		}

		/** @return a copy with another plateau tolerance (relative change of R over a range, &gt; 0) */
		public Options plateauTolerance(double v) {
			return new Options(kdMillimolar, kdMillimolarSe, v, outlierMads, correctBleaching);
		}

		/** @return a copy with another outlier cut (scaled MADs, &gt; 0) */
		public Options outlierMads(double v) {
			return new Options(kdMillimolar, kdMillimolarSe, plateauTolerance, v, correctBleaching);
		}

		/** @return a copy that does (true, default) or does not correct beta for bleaching between the plateaus */
		public Options correctBleaching(boolean v) {
			return new Options(kdMillimolar, kdMillimolarSe, plateauTolerance, outlierMads, v);
		}
	}

	/** Per-cell plateau values of one condition (index = cell id - 1). */
	static final class Plateau {
		final double[] ratio, f380, logSlopePerSecond;
		final double meanTimeSeconds, relativeDrift;
		final FrameRange range;
		final String suggestion;

		Plateau(double[] ratio, double[] f380, double[] slope, double meanTime, double drift, FrameRange range,
			String suggestion)
		{
			this.ratio = ratio;
			this.f380 = f380;
			this.logSlopePerSecond = slope;
			this.meanTimeSeconds = meanTime;
			this.relativeDrift = drift;
			this.range = range;
			this.suggestion = suggestion;
		}
	}

	/** The outcome of an in-situ calibration. Immutable. */
	public static final class Result {
		/** Rmin, Rmax and beta with standard errors over the kept cells, and the given Kd. */
		public final Calibration calibration;
		/** Cells measured, and kept after outlier rejection. */
		public final int cellsMeasured, cellsKept;
		/** Cells left out (ids, 1-based) with the reason, in id order. */
		public final List<String> outliers;
		/** Warnings: plateau drift, bleaching, unmatched sizes. */
		public final List<String> warnings;
		/** beta before the bleaching correction (mean over kept cells). */
		public final double betaUncorrected;
		/** Bleach rate k in 1/s (F ~ exp(-k t)), NaN when not estimated. */
		public final double bleachRatePerSecond;
		/** Whether beta was corrected for bleaching. */
		public final boolean bleachCorrected;
		/** Relative ratio change over the Rmin and Rmax ranges. */
		public final double rminDrift, rmaxDrift;
		/** Image size, px. */
		public final int width, height;
		/** Per-cell details (JSON). */
		private final JsonObject details;

		Result(Calibration c, int measured, int kept, List<String> outliers, List<String> warnings, double betaRaw,
			double k, boolean corrected, double rminDrift, double rmaxDrift, int width, int height, JsonObject details)
		{
			this.calibration = c;
			this.cellsMeasured = measured;
			this.cellsKept = kept;
			this.outliers = Collections.unmodifiableList(new ArrayList<>(outliers));
			this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
			this.betaUncorrected = betaRaw;
			this.bleachRatePerSecond = k;
			this.bleachCorrected = corrected;
			this.rminDrift = rminDrift;
			this.rmaxDrift = rmaxDrift;
			this.width = width;
			this.height = height;
			this.details = details;
		}

		/** @return the details written under the calibration file's {@code details}: per-cell values and checks */
		public JsonObject details() {
			return details.deepCopy();
		}

		@Override
		public String toString() {
			Calibration c = calibration;
			return String.format(Locale.ROOT, "Rmin = %.4g (SE %.2g), Rmax = %.4g (SE %.2g), beta = %.4g (SE %.2g%s)," +
				" Kd = %.4g mM; %d of %d cells kept", c.rmin(), c.rminSe(), c.rmax(), c.rmaxSe(), c.beta(), c.betaSe(),
				bleachCorrected ? String.format(Locale.ROOT, ", bleaching-corrected from %.4g", betaUncorrected) : "",
				c.kdMillimolar(), cellsKept, cellsMeasured);
		}
	}

	/**
	 * Calibration from frame ranges of one recording (e.g. the end of the experiment).
	 *
	 * @param settings segmentation and background (calibration constants ignored)
	 * @param rmin frames in Mg-free buffer with ionophore
	 * @param rmax frames in saturating Mg2+ with ionophore
	 * @throws IllegalArgumentException for ranges outside the recording or overlapping, no cells, Rmax &lt;= Rmin
	 */
	public static Result fromRecording(PipelineSettings settings, Recording rec, FrameRange rmin, FrameRange rmax,
		Options options, Progress progress) throws IOException
	{
		String name = RecordingAnalysis.name(rec);
		for (FrameRange r : new FrameRange[] { rmin, rmax })
			if (r.last >= rec.frames()) throw new IllegalArgumentException("frame range " + r + " is outside " + name +
				" (frames 0-" + (rec.frames() - 1) + ")");
		if (rmin.last >= rmax.first && rmax.last >= rmin.first) throw new IllegalArgumentException(
			"the Rmin frames " + rmin + " and Rmax frames " + rmax + " overlap");
		Labels labels = RecordingAnalysis.segment(settings, rec, progress);
		requireCells(labels, name, settings);
		List<String> warnings = new ArrayList<>();
		double dt = RecordingAnalysis.frameIntervalSeconds(settings.frameIntervalSeconds(), rec, warnings,
			Progress.NONE);
		CellTable table = measure(settings, rec, labels, progress);
		Plateau p0 = plateau(table, rmin, dt, false, options, warnings, "Rmin");
		Plateau p1 = plateau(table, rmax, dt, true, options, warnings, "Rmax");
		return combine(labels, p0, p1, true, options, warnings, name, name);
	}

	/**
	 * Calibration from two recordings of the same field: one in Mg-free buffer, one in saturating Mg2+ (each with
	 * ionophore). All frames of each are averaged; cells come from the Mg-free recording.
	 *
	 * @throws IllegalArgumentException for recordings of different sizes, no cells, Rmax &lt;= Rmin
	 */
	public static Result fromImages(PipelineSettings settings, Recording zeroMg, Recording saturating,
		Options options, Progress progress) throws IOException
	{
		String n0 = RecordingAnalysis.name(zeroMg), n1 = RecordingAnalysis.name(saturating);
		if (zeroMg.width() != saturating.width() || zeroMg.height() != saturating.height())
			throw new IllegalArgumentException("the Mg-free image " + n0 + " is " + zeroMg.width() + "x" + zeroMg
				.height() + " px but the saturating image " + n1 + " is " + saturating.width() + "x" + saturating
					.height() + " px: beta needs the same cells (same field of view) in both");
		Labels labels = RecordingAnalysis.segment(settings, zeroMg, progress);
		requireCells(labels, n0, settings);
		List<String> warnings = new ArrayList<>();
		Plateau p0 = frames(settings, zeroMg, labels, options, warnings, false, "Rmin (" + n0 + ")", progress);
		Plateau p1 = frames(settings, saturating, labels, options, warnings, true, "Rmax (" + n1 + ")", progress);
		return combine(labels, p0, p1, false, options, warnings, n0, n1);
	}

	private static Plateau frames(PipelineSettings settings, Recording rec, Labels labels, Options options,
		List<String> warnings, boolean high, String what, Progress progress) throws IOException
	{
		CellTable t = measure(settings, rec, labels, progress);
		if (rec.frames() < 2) {
			// a single frame: no plateau check, no bleach estimate
			int n = t.cells();
			double[] r = new double[n], f = new double[n], s = new double[n];
			for (int c = 1; c <= n; c++) {
				r[c - 1] = t.ratio(c, 0);
				f[c - 1] = t.f380(c, 0) - t.bg380(c, 0);
				s[c - 1] = Double.NaN;
			}
			return new Plateau(r, f, s, 0, Double.NaN, null, null);
		}
		List<String> noInterval = new ArrayList<>();
		double dt = RecordingAnalysis.frameIntervalSeconds(settings.frameIntervalSeconds(), rec, noInterval,
			Progress.NONE);
		for (String w : noInterval)
			if (!warnings.contains(w)) warnings.add(w); // once for both recordings
		return plateau(t, new FrameRange(0, rec.frames() - 1), dt, high, options, warnings, what);
	}

	private static void requireCells(Labels labels, String name, PipelineSettings settings) {
		if (labels.count() == 0) throw RecordingAnalysis.noCells("calibration image " + name, settings);
	}

	/** Every frame through the pipeline's frame processor, without [Mg2+]. */
	static CellTable measure(PipelineSettings settings, Recording rec, Labels labels, Progress progress)
		throws IOException
	{
		if (labels.width() != rec.width() || labels.height() != rec.height()) throw new IllegalArgumentException(
			"labels are " + labels.width() + "x" + labels.height() + " px but " + RecordingAnalysis.name(rec) + " is " +
				rec.width() + "x" + rec.height() + " px");
		boolean[] roi = settings.backgroundRoi() == null ? null : RecordingAnalysis.roiMask(settings.backgroundRoi(),
			rec.width(), rec.height());
		CellTable table = new CellTable(labels.count(), rec.frames());
		RecordingAnalysis.measureFrames(settings, rec, labels, null, roi, null, table, null, progress, null,
			"measuring calibration frames");
		return table;
	}

	/** Per-cell means over a range, the plateau check and per-cell bleaching slopes of log F380. */
	static Plateau plateau(CellTable t, FrameRange range, double dt, boolean high, Options options,
		List<String> warnings, String what)
	{
		int n = t.cells();
		double[] r = new double[n], f = new double[n], slope = new double[n];
		for (int c = 1; c <= n; c++) {
			double sr = 0, sf = 0;
			int m = 0;
			double sx = 0, sy = 0, sxx = 0, sxy = 0;
			for (int k = range.first; k <= range.last; k++) {
				double ratio = t.ratio(c, k), f380 = t.f380(c, k) - t.bg380(c, k);
				if (Double.isNaN(ratio) || !(f380 > 0)) continue;
				sr += ratio;
				sf += f380;
				double x = k * dt, y = Math.log(f380);
				sx += x;
				sy += y;
				sxx += x * x;
				sxy += x * y;
				m++;
			}
			r[c - 1] = m == 0 ? Double.NaN : sr / m;
			f[c - 1] = m == 0 ? Double.NaN : sf / m;
			double den = m * sxx - sx * sx;
			slope[c - 1] = m < 2 || den == 0 ? Double.NaN : (m * sxy - sx * sy) / den;
		}
		double[] median = medianTrace(t);
		double drift = relativeChange(median, range);
		String suggestion = null;
		if (drift > options.plateauTolerance) {
			int[] best = flattest(median, range.length(), high, options.plateauTolerance);
			suggestion = best == null ? "no window of " + range.length() + " frames is flat within " + pct(
				options.plateauTolerance) : "frames " + best[0] + "-" + best[1] + " are flat (ratio change " + pct(
					relativeChange(median, new FrameRange(best[0], best[1]))) + ")";
			warnings.add(what + " frames " + range + " are not at a plateau: the median ratio changes by " + pct(
				drift) + " over them (tolerance " + pct(options.plateauTolerance) + "); " + suggestion);
		}
		double meanTime = 0.5 * (range.first + range.last) * dt;
		return new Plateau(r, f, slope, meanTime, drift, range, suggestion);
	}

	private static String pct(double v) {
		return String.format(Locale.ROOT, "%.2f %%", 100 * v);
	}

	/** @return the median over cells of the ratio in each frame (NaN where no cell has one) */
	static double[] medianTrace(CellTable t) {
		double[] out = new double[t.frames()];
		double[] buf = new double[t.cells()];
		for (int k = 0; k < t.frames(); k++) {
			int m = 0;
			for (int c = 1; c <= t.cells(); c++) {
				double v = t.ratio(c, k);
				if (!Double.isNaN(v)) buf[m++] = v;
			}
			out[k] = Stats.median(buf, m);
		}
		return out;
	}

	/** @return |slope| * (frames - 1) / mean of a least-squares line through the trace over the range */
	static double relativeChange(double[] trace, FrameRange range) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		int m = 0;
		for (int k = range.first; k <= range.last; k++) {
			if (Double.isNaN(trace[k])) continue;
			sx += k;
			sy += trace[k];
			sxx += (double) k * k;
			sxy += k * trace[k];
			m++;
		}
		double den = m * sxx - sx * sx;
		if (m < 2 || den == 0) return Double.NaN;
		double slope = (m * sxy - sx * sy) / den;
		return Math.abs(slope) * (range.length() - 1) / Math.abs(sy / m);
	}

	/** @return {first, last} of the flat window of {@code length} frames at the lowest or highest level, or null */
	static int[] flattest(double[] trace, int length, boolean high, double tolerance) {
		int[] best = null;
		double bestLevel = Double.NaN;
		for (int a = 0; a + length <= trace.length; a++) {
			FrameRange w = new FrameRange(a, a + length - 1);
			double change = relativeChange(trace, w);
			if (!(change <= tolerance)) continue;
			double level = 0;
			for (int k = w.first; k <= w.last; k++)
				level += trace[k];
			if (best == null || (high ? level > bestLevel : level < bestLevel)) {
				best = new int[] { w.first, w.last };
				bestLevel = level;
			}
		}
		return best;
	}

	private static Result combine(Labels labels, Plateau p0, Plateau p1, boolean sameRecording, Options options,
		List<String> warnings, String name0, String name1)
	{
		int n = labels.count();
		double k = bleachRate(p0, p1);
		boolean correct = sameRecording && options.correctBleaching && !Double.isNaN(k);
		double factor = correct ? Math.exp(-k * (p1.meanTimeSeconds - p0.meanTimeSeconds)) : 1;
		double[] betaRaw = new double[n], beta = new double[n];
		for (int i = 0; i < n; i++) {
			betaRaw[i] = p0.f380[i] / p1.f380[i];
			beta[i] = betaRaw[i] * factor;
		}
		if (!sameRecording && !Double.isNaN(k) && Math.abs(k) * 60 > 0.005) warnings.add(String.format(Locale.ROOT,
			"F380 falls by %.2f %% per minute within the calibration images (bleaching): beta from separate images " +
				"cannot be corrected for bleaching between them; acquire Rmax right after Rmin, or use frame ranges " +
				"of one recording", 100 * (1 - Math.exp(-k * 60))));
		boolean[] keep = new boolean[n];
		List<String> outliers = new ArrayList<>();
		for (int i = 0; i < n; i++)
			keep[i] = !Double.isNaN(p0.ratio[i]) && !Double.isNaN(p1.ratio[i]) && beta[i] > 0 && !Double.isNaN(
				beta[i]);
		for (int i = 0; i < n; i++)
			if (!keep[i]) outliers.add("cell " + (i + 1) + ": no valid ratio in one condition (low signal, " +
				"saturated or no pixels)");
		String[] names = { "Rmin", "Rmax", "beta" };
		double[][] values = { p0.ratio, p1.ratio, beta };
		boolean[] outlier = new boolean[n];
		for (int v = 0; v < 3; v++) {
			double[] med = robust(values[v], keep);
			for (int i = 0; i < n; i++)
				if (keep[i] && Math.abs(values[v][i] - med[0]) > options.outlierMads * med[1]) {
					if (!outlier[i]) outliers.add(String.format(Locale.ROOT, "cell %d: %s %.4g is %.1f MADs from the " +
						"median %.4g", i + 1, names[v], values[v][i], Math.abs(values[v][i] - med[0]) / med[1],
						med[0]));
					outlier[i] = true;
				}
		}
		int kept = 0;
		for (int i = 0; i < n; i++) {
			keep[i] &= !outlier[i];
			if (keep[i]) kept++;
		}
		if (kept < 2) throw new IllegalArgumentException("only " + kept + " of " + n + " cells have valid, " +
			"consistent values in both conditions: need at least 2 for a calibration with standard errors");
		double[] rmin = meanSe(p0.ratio, keep), rmax = meanSe(p1.ratio, keep), b = meanSe(beta, keep), bRaw = meanSe(
			betaRaw, keep);
		if (!(rmax[0] > rmin[0])) throw new IllegalArgumentException(String.format(Locale.ROOT,
			"Rmax %.4g (from %s) is not above Rmin %.4g (from %s): %s", rmax[0], name1, rmin[0], name0,
			rmax[0] < rmin[0] ? "the Mg-free and saturating images (or frame ranges) look swapped"
				: "the two conditions give the same ratio; check the buffers and ionophore"));
		if (!(b[0] > 1)) warnings.add(String.format(Locale.ROOT, "beta = %.4g is not above 1: for Mag-Fura-2 F380 " +
			"falls when Mg2+ binds; check the conditions", b[0]));
		Calibration cal = new Calibration(options.kdMillimolar, Math.max(0, rmin[0]), rmax[0], b[0],
			options.kdMillimolarSe, rmin[1], rmax[1], b[1]);
		JsonObject d = new JsonObject();
		d.addProperty("protocol", sameRecording ? "frame ranges of one recording" : "separate recordings");
		if (p0.range != null && sameRecording) d.addProperty("rmin_frames", p0.range.toString());
		if (p1.range != null && sameRecording) d.addProperty("rmax_frames", p1.range.toString());
		d.addProperty("width_px", labels.width());
		d.addProperty("height_px", labels.height());
		d.addProperty("cells_measured", n);
		d.addProperty("cells_kept", kept);
		d.addProperty("rmin_relative_drift", p0.relativeDrift);
		d.addProperty("rmax_relative_drift", p1.relativeDrift);
		d.addProperty("plateau_tolerance", options.plateauTolerance);
		d.addProperty("bleach_rate_per_s", k);
		d.addProperty("beta_bleach_corrected", correct);
		d.addProperty("beta_uncorrected", bRaw[0]);
		d.addProperty("outlier_mads", options.outlierMads);
		JsonArray outs = new JsonArray();
		for (String o : outliers)
			outs.add(o);
		d.add("excluded_cells", outs);
		JsonArray w = new JsonArray();
		for (String s : warnings)
			w.add(s);
		d.add("warnings", w);
		JsonArray cells = new JsonArray();
		for (int i = 0; i < n; i++) {
			JsonObject c = new JsonObject();
			c.addProperty("cell", i + 1);
			c.addProperty("rmin", p0.ratio[i]);
			c.addProperty("rmax", p1.ratio[i]);
			c.addProperty("f380_free", p0.f380[i]);
			c.addProperty("f380_saturated", p1.f380[i]);
			c.addProperty("beta", beta[i]);
			c.addProperty("kept", keep[i]);
			cells.add(c);
		}
		d.add("cells", cells);
		return new Result(cal, n, kept, outliers, warnings, bRaw[0], k, correct, p0.relativeDrift, p1.relativeDrift,
			labels.width(), labels.height(), d);
	}

	/** Pooled bleach rate (1/s): minus the median per-cell log-slope of F380 in each plateau, weighted by length. */
	static double bleachRate(Plateau p0, Plateau p1) {
		double sum = 0, weight = 0;
		for (Plateau p : new Plateau[] { p0, p1 }) {
			double[] s = p.logSlopePerSecond.clone();
			int m = 0;
			for (double v : p.logSlopePerSecond)
				if (!Double.isNaN(v)) s[m++] = v;
			if (m == 0 || p.range == null) continue;
			double w = p.range.length() - 1;
			sum += -Stats.median(s, m) * w;
			weight += w;
		}
		return weight == 0 ? Double.NaN : sum / weight;
	}

	/** @return {median, scaled MAD} of the kept values; the MAD is floored at 0.1 % of |median| */
	static double[] robust(double[] v, boolean[] keep) {
		double[] a = new double[v.length];
		int m = 0;
		for (int i = 0; i < v.length; i++)
			if (keep[i]) a[m++] = v[i];
		double med = Stats.median(a.clone(), m);
		double mad = Stats.robustSigma(a, m);
		return new double[] { med, Math.max(mad, 1e-3 * Math.abs(med)) };
	}

	/** @return {mean, SD / sqrt(n)} of the kept values */
	static double[] meanSe(double[] v, boolean[] keep) {
		double s = 0;
		int m = 0;
		for (int i = 0; i < v.length; i++)
			if (keep[i]) {
				s += v[i];
				m++;
			}
		double mean = s / m, ss = 0;
		for (int i = 0; i < v.length; i++)
			if (keep[i]) ss += (v[i] - mean) * (v[i] - mean);
		return new double[] { mean, m > 1 ? Math.sqrt(ss / (m - 1) / m) : 0 };
	}

	/**
	 * The calibration file: constants with standard errors, method {@value #METHOD}, today's date, the given
	 * temperature, every source recording with its SHA-256, and {@link Result#details()}.
	 *
	 * @param sources the recordings' files (checksummed)
	 * @param temperatureCelsius NaN if not recorded
	 */
	public static CalibrationFile calibrationFile(Result r, List<Path> sources, double temperatureCelsius, String notes)
		throws IOException
	{
		CalibrationFile.Builder b = CalibrationFile.builder(r.calibration).method(METHOD).date(LocalDate.now()
			.toString()).temperatureCelsius(temperatureCelsius).details(r.details());
		if (notes != null) b.notes(notes);
		for (Path p : sources)
			b.source(p.toString(), Checksums.sha256(p));
		return b.build();
	}

	/** Which recordings hold the two conditions. Immutable. */
	public static final class Protocol {
		final Path recording, saturating;
		final FrameRange rmin, rmax;

		private Protocol(Path recording, Path saturating, FrameRange rmin, FrameRange rmax) {
			this.recording = recording;
			this.saturating = saturating;
			this.rmin = rmin;
			this.rmax = rmax;
		}

		/**
		 * Both conditions as frame ranges of one recording (see {@link InSituCalibration#fromRecording}).
		 *
		 * @param rmin Mg-free plateau, 0-based inclusive frames
		 * @param rmax saturating plateau, 0-based inclusive frames
		 */
		public static Protocol frameRanges(Path recording, FrameRange rmin, FrameRange rmax) {
			return new Protocol(recording, null, rmin, rmax);
		}

		/** Each condition its own recording of the same field (see {@link InSituCalibration#fromImages}). */
		public static Protocol separateRecordings(Path zeroMg, Path saturating) {
			return new Protocol(zeroMg, saturating, null, null);
		}

		/** @return the recordings read, in the order they are recorded as sources */
		public List<Path> recordings() {
			return saturating == null ? Collections.singletonList(recording) : Arrays.asList(recording, saturating);
		}
	}

	/** What {@link #run} wrote and the analysis behind it. Immutable. */
	public static final class Outcome {
		/** The calibration file as written. */
		public final CalibrationFile file;
		/** The analysis: constants, warnings ({@link Result#warnings}) and cells left out ({@link Result#outliers}). */
		public final Result result;

		Outcome(CalibrationFile file, Result result) {
			this.file = file;
			this.result = result;
		}
	}

	/**
	 * The whole in-situ calibration, as {@code magratio calibrate} and Plugins &gt; MagRatio &gt; In-situ Calibration
	 * run it: opens the recording(s) with the settings' layout and 340 nm channel, calibrates by the protocol, and
	 * writes the calibration file atomically. Nothing is written when any step fails. The caller refuses an
	 * {@code output} that is one of the inputs first ({@link io.github.magratio.util.AtomicFiles#requireNotAnInput}),
	 * naming its own option.
	 *
	 * @param settings measurement settings (see {@link PipelineSettings#measurement})
	 * @param kdFile the calibration file Kd and its standard error were taken from, recorded as a source with its
	 *        SHA-256 after the recordings; null when Kd was given as a number
	 * @param temperatureCelsius temperature recorded in the file in degrees C, NaN if not recorded
	 * @param notes free text recorded in the file, or null
	 * @param output the calibration JSON to write
	 * @throws IllegalArgumentException for unreadable or mismatched recordings, ranges outside the recording, no
	 *         cells, Rmax &lt;= Rmin, or too few consistent cells
	 */
	public static Outcome run(PipelineSettings settings, Protocol protocol, Options options, Path kdFile,
		double temperatureCelsius, String notes, Path output, Progress progress) throws IOException
	{
		Result r;
		try (Recording first = Recording.open(protocol.recording, settings.layout(), settings.channel340())) {
			if (protocol.saturating == null) r = fromRecording(settings, first, protocol.rmin, protocol.rmax, options,
				progress);
			else try (Recording second = Recording.open(protocol.saturating, settings.layout(), settings.channel340())) {
				r = fromImages(settings, first, second, options, progress);
			}
		}
		List<Path> sources = new ArrayList<>(protocol.recordings());
		if (kdFile != null) sources.add(kdFile);
		CalibrationFile file = calibrationFile(r, sources, temperatureCelsius, notes);
		file.write(output);
		return new Outcome(file, r);
	}
}
