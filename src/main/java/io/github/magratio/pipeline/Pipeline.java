package io.github.magratio.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.Progress;
import io.github.magratio.core.Segmentation;
import io.github.magratio.core.Stats;
import ij.ImagePlus;

import io.github.magratio.ij.FloatStackWriter;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.QcImage;
import io.github.magratio.ij.Recording;
import io.github.magratio.ij.TracePlots;
import io.github.magratio.trackmate.TrackMateExport;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Checksums;
import io.github.magratio.util.Json;
import io.github.magratio.util.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One recording file (or a 340/380 pair) to one output folder {@code OUT/<stem>/} with the files of the output
 * contract, written into a temporary folder and moved into place only when everything succeeded: a failure leaves
 * nothing behind and never touches the inputs.
 */
public final class Pipeline {

	/** Output file names. */
	public static final String CELLS = "cells.csv", SUMMARY = "summary.csv", RATIO = "ratio.tif", MG = "mg.tif",
			LABELS = "labels.tif", ROIS = "rois.zip", TRACES = "traces.png", RUN = "run.json", QC = "qc.png",
			TRACKS = "tracks.xml";

	/** The input of one run: one file with both channels, or two files (340 and 380). */
	public static final class Input {
		private final Path file;
		private final Path file380;
		private final String name;

		private Input(Path file, Path file380, String name) {
			this.file = file;
			this.file380 = file380;
			this.name = name;
		}

		/** One file holding both channels (hyperstack or interleaved). */
		public static Input of(Path file) {
			return new Input(file, null, null);
		}

		/** Two single-channel files. */
		public static Input separate(Path file340, Path file380) {
			return new Input(file340, file380, null);
		}

		/** @return the (340 nm, or only) file */
		public Path file() {
			return file;
		}

		/** @return the 380 nm file of a separate pair, or null */
		public Path file380() {
			return file380;
		}

		/**
		 * The same input with its output folder named {@code stem} (a batch names pairs and disambiguates folders).
		 *
		 * @throws IllegalArgumentException when {@code stem} is empty, hidden or holds a path separator
		 */
		public Input named(String stem) {
			if (stem == null || stem.isEmpty() || stem.startsWith(".") || stem.contains("/") || stem.contains("\\"))
				throw new IllegalArgumentException("output folder name must be a plain, non-hidden file name, got '" +
					stem + "'");
			return new Input(file, file380, stem);
		}

		/**
		 * @return the output folder name: as given to {@link #named}, else {@link #folderName} of the file name, for
		 *         a separate pair without the settings' 340 nm marker ({@code A-340.tif} -&gt; {@code A})
		 */
		public String stem(PipelineSettings settings) {
			if (this.name != null) return this.name;
			String n = file.getFileName().toString();
			int at = file380 == null ? -1 : markerAt(n, settings.pair340Marker());
			return folderName(at < 0 ? n : n.substring(0, at) + n.substring(at + settings.pair340Marker().length()));
		}

		/**
		 * The result folder name of a recording's file name: one rule for run, batch, Batch Pipeline and slurm, so
		 * that they agree on one output folder. The name without its extension (.tif, .tiff, .ome.tif) and without
		 * separators (-, _, space, .) at either end; a name of separators only keeps them (dots as underscores).
		 * A pair's marker is removed before (see {@link #markerAt}).
		 */
		public static String folderName(String fileName) {
			String s = fileName;
			int dot = s.lastIndexOf('.');
			if (dot > 0) s = s.substring(0, dot);
			if (s.toLowerCase(java.util.Locale.ROOT).endsWith(".ome")) s = s.substring(0, s.length() - 4);
			s = s.replaceAll("^[-_ .]+|[-_ .]+$", "");
			return s.isEmpty() ? fileName.replace('.', '_') : s;
		}

		/**
		 * @return where a pair's {@code marker} is in a file name: its last occurrence not followed by a digit (so
		 *         {@code -340} is not the marker in {@code cell-3400.tif}), or -1 (always for an empty marker)
		 */
		public static int markerAt(String fileName, String marker) {
			if (marker.isEmpty()) return -1;
			for (int at = fileName.lastIndexOf(marker); at >= 0; at = at == 0 ? -1 : fileName.lastIndexOf(marker, at -
				1)) {
				int after = at + marker.length();
				if (after >= fileName.length() || !Character.isDigit(fileName.charAt(after))) return at;
			}
			return -1;
		}

		/** @return a description for messages and batch.csv */
		@Override
		public String toString() {
			return file380 == null ? file.toString() : file + " + " + file380;
		}

		Recording open(PipelineSettings s) {
			return file380 == null ? Recording.open(file, s.layout(), s.channel340()) : Recording.openSeparate(file,
				file380);
		}
	}

	/** What a run wrote. */
	public static final class Result {
		/** The committed output folder. */
		public final Path folder;
		/** The analysis (labels, table, times, warnings). */
		public final RecordingAnalysis.Result analysis;

		Result(Path folder, RecordingAnalysis.Result analysis) {
			this.folder = folder;
			this.analysis = analysis;
		}
	}

	private Pipeline() {}

	/**
	 * Runs the whole chain on one input.
	 *
	 * @param outRoot the output root; the result goes to {@code outRoot/<stem>/}
	 * @param overwrite replace an existing non-empty result folder
	 * @throws IllegalArgumentException for invalid input or settings, naming the file or parameter
	 */
	public static Result run(PipelineSettings settings, Input input, Path outRoot, boolean overwrite,
		Progress progress) throws IOException
	{
		return run(settings, input, outRoot, overwrite, progress, CellTableFile.DEFAULT_BLOCK_BYTES);
	}

	/**
	 * As above, reading the spilled per-cell table back in blocks of at most {@code tableBlockBytes} (tests use tiny
	 * blocks to show the result does not depend on them).
	 */
	static Result run(PipelineSettings settings, Input input, Path outRoot, boolean overwrite, Progress progress,
		int tableBlockBytes) throws IOException
	{
		long start = System.nanoTime();
		if (input.file380() != null && settings.layout() != io.github.magratio.ij.Layout.AUTO && settings
			.layout() != io.github.magratio.ij.Layout.SEPARATE) throw new IllegalArgumentException("layout '" + settings
				.layout().key() + "' does not fit two input files (340 and 380)");
		try (Recording rec = input.open(settings)) {
			return run(settings, input, rec, outRoot, overwrite, progress, start, tableBlockBytes);
		}
	}

	private static Result run(PipelineSettings settings, Input input, Recording rec, Path outRoot, boolean overwrite,
		Progress progress, long start, int tableBlockBytes) throws IOException
	{
		double openSeconds = (System.nanoTime() - start) / 1e9;
		List<Path> inputs = new ArrayList<>(settings.inputFiles());
		inputs.add(input.file());
		if (input.file380() != null) inputs.add(input.file380());
		String stem = input.stem(settings);
		try (OutputFolder out = new OutputFolder(outRoot, stem, overwrite, inputs.toArray(new Path[0]))) {
			Path dir = out.work();
			int w = rec.width(), h = rec.height(), frames = rec.frames();
			RecordingAnalysis.Result result = null;
			try (FloatStackWriter ratio = new FloatStackWriter(dir.resolve(RATIO), w, h, frames);
				FloatStackWriter mg = new FloatStackWriter(dir.resolve(MG), w, h, frames))
			{
				// the per-cell table goes to a file beside the outputs as the frames complete, and is read back by cell
				result = RecordingAnalysis.analyse(settings, rec, progress, (t, r, m) -> {
					ratio.write(t, r);
					mg.write(t, m);
				}, dir, tableBlockBytes);
				long tw = System.nanoTime();
				Calibration cal = settings.calibration();
				// the write stage's parts in run.json: what a long run spends its time on after the measuring pass
				Map<String, Double> parts = new java.util.LinkedHashMap<>();
				ratio.finish(stem + "-ratio", timeCalibration(result, "ratio"), cal.rmin(), cal.rmax(), "Fire");
				mg.finish(stem + "-mg", timeCalibration(result, "mM"), 0, displayMax(result), "Fire");
				parts.put("write_images_s", (System.nanoTime() - tw) / 1e9);
				long tp = System.nanoTime();
				writeTables(dir, settings, result, stem);
				parts.put("write_tables_s", (System.nanoTime() - tp) / 1e9);
				tp = System.nanoTime();
				writeTracks(dir.resolve(TRACKS), result, rec);
				parts.put("write_tracks_s", (System.nanoTime() - tp) / 1e9);
				writeRunJson(dir.resolve(RUN), settings, input, rec, result, openSeconds, parts, tw, start);
				CellTable whole = ((CellTableFile) result.rows).wholeIfOneBlock();
				if (whole != null) result = result.withTable(whole);
			}
			finally {
				if (result != null) ((CellTableFile) result.rows).close();
			}
			out.commit();
			return new Result(out.target(), result);
		}
	}

	private static void writeTables(Path dir, PipelineSettings settings, RecordingAnalysis.Result r, String stem)
		throws IOException
	{
		CellTables.writeCells(dir.resolve(CELLS), r);
		CellTables.writeSummary(dir.resolve(SUMMARY), r.rows, r.labels, r.timesSeconds, settings.baselineFrames());
		int w = r.labels.width(), h = r.labels.height();
		if (r.perFrameLabels == null) {
			FloatStackWriter.writeImage(dir.resolve(LABELS), LabelImages.toImagePlus(r.labels, stem + "-labels"));
			LabelImages.writeRois(r.labels, dir.resolve(ROIS));
		}
		else {
			ImagePlus stack = LabelImages.toImagePlus(r.perFrameLabels, w, h, r.rows.cells(), stem + "-labels");
			stack.getCalibration().frameInterval = r.frameIntervalSeconds;
			stack.getCalibration().setTimeUnit("sec");
			FloatStackWriter.writeImage(dir.resolve(LABELS), stack);
			LabelImages.writeRois(LabelImages.toRois(r.perFrameLabels, w, h, r.rows.cells()), dir.resolve(ROIS));
		}
		List<double[]> traces = new ArrayList<>();
		List<String> names = new ArrayList<>();
		double[] times = r.timesSeconds.length <= MAX_TRACE_POINTS ? r.timesSeconds : envelope(r.timesSeconds,
			r.timesSeconds, true);
		r.rows.blocks(b -> {
			for (int c = b.firstCell(); c <= b.lastCell(); c++) {
				double[] mg = b.mgTrace(c);
				traces.add(mg.length <= MAX_TRACE_POINTS ? mg : envelope(mg, r.timesSeconds, false));
				names.add("cell " + c);
			}
		});
		TracePlots.savePng(TracePlots.plot(stem + ": free [Mg2+] per cell", "time (s)", "free [Mg2+] (mM)", times,
			traces, names, 900, 560), dir.resolve(TRACES));
		String on = settings.tracksFile() != null ? "the first frame's F340 + F380 (cells from the TrackMate file)"
			: settings.driftCorrection() ? "the time average aligned to frame 0 (the mask moves with the drift)" : r
				.perFrameLabels != null ? "the first frame's F340 + F380 (cells found frame by frame)" : r
			.segmentation.automatic() ? "the time average of F340 + F380" : "the first frame's F340 + F380";
		TracePlots.savePng(QcImage.render(r.segmentationImage, r.labels, r.segmentation, stem + ": cells on " + on), dir
			.resolve(QC));
	}

	/**
	 * Traces longer than this are drawn as their envelope (the plot is 900 px wide: more points than this are below a
	 * pixel apart), so the plot's memory grows with the cells, not with cells x frames.
	 */
	static final int MAX_TRACE_POINTS = 2000;

	/**
	 * A long trace as {@code MAX_TRACE_POINTS / 2} runs of successive frames, each drawn as two points: its lowest and
	 * highest finite values in the order they occur (NaN for a run without one), at the run's first and last time.
	 *
	 * @param times true: the x values of that drawing (each run's first and last time) instead
	 */
	static double[] envelope(double[] values, double[] timesSeconds, boolean times) {
		int runs = MAX_TRACE_POINTS / 2, n = values.length;
		double[] out = new double[2 * runs];
		for (int k = 0; k < runs; k++) {
			int from = (int) ((long) k * n / runs), to = (int) ((long) (k + 1) * n / runs); // frames from..to-1
			if (times) {
				out[2 * k] = timesSeconds[from];
				out[2 * k + 1] = timesSeconds[to - 1];
				continue;
			}
			int lo = -1, hi = -1;
			for (int t = from; t < to; t++) {
				if (Double.isNaN(values[t])) continue;
				if (lo < 0 || values[t] < values[lo]) lo = t;
				if (hi < 0 || values[t] > values[hi]) hi = t;
			}
			out[2 * k] = lo < 0 ? Double.NaN : values[Math.min(lo, hi)];
			out[2 * k + 1] = lo < 0 ? Double.NaN : values[Math.max(lo, hi)];
		}
		return out;
	}

	/**
	 * Writes the cells as a TrackMate file (every run: a static mask gives one track per cell over all frames), in the
	 * recording's spatial calibration so the spots sit on the image in TrackMate.
	 */
	static void writeTracks(Path file, RecordingAnalysis.Result r, Recording rec) throws IOException {
		ij.measure.Calibration c = rec.image340().getCalibration();
		boolean calibrated = c.scaled() && c.pixelWidth > 0 && c.pixelWidth == c.pixelHeight;
		double pixel = calibrated ? c.pixelWidth : 1;
		String unit = calibrated ? c.getUnit() : "pixel";
		Path source = rec.files().isEmpty() ? null : rec.files().get(0);
		// streamed: an in-memory model of a long recording (kB per spot) would not fit beside its tables
		TrackMateExport.write(file, "Written by MagRatio " + Version.get() + " (" + r.rows.cells() + " cells, " + r.rows
			.frames() + " frames); spot features F340, F380, RATIO, MG_MM, ... are MagRatio's measurements", r.rows,
			r.tracks, r.perFrameLabels == null ? r.labels : null, r.perFrameLabels, r.labels.width(), r.labels.height(),
			r.timesSeconds, r.frameIntervalSeconds, pixel, unit, "sec", source);
	}

	private static ij.measure.Calibration timeCalibration(RecordingAnalysis.Result r, String valueUnit) {
		ij.measure.Calibration cal = new ij.measure.Calibration();
		cal.frameInterval = r.frameIntervalSeconds;
		cal.setTimeUnit("sec");
		cal.setValueUnit(valueUnit);
		return cal;
	}

	/** Display range of mg.tif: up to the 99th percentile of the cells' values, at least 1 mM. */
	private static double displayMax(RecordingAnalysis.Result r) throws IOException {
		// a regular sample of at most ~100k cell-frames (cell-major order) bounds the memory of this on long recordings
		int cells = r.rows.cells(), frames = r.rows.frames();
		long total = (long) cells * frames;
		int step = (int) Math.max(1, total / 100_000);
		double[] v = new double[(int) Math.min(total, 100_000L) + 1];
		int[] n = { 0 };
		r.rows.blocks(b -> {
			long from = (long) (b.firstCell() - 1) * frames, to = (long) b.lastCell() * frames;
			for (long i = (from + step - 1) / step * step; i < to && n[0] < v.length; i += step)
				v[n[0]++] = b.mgMillimolar((int) (i / frames) + 1, (int) (i % frames));
		});
		double p99 = Stats.quantile(java.util.Arrays.copyOf(v, n[0]), 0.99);
		return Double.isNaN(p99) ? 1 : Math.max(1, 1.5 * p99);
	}

	/**
	 * The segmentation's record: detector, cell size, noise, every cell's measurements (SNR: mean above the local
	 * background over the pixel noise, so a user can see the dim ones) and the rejected objects by setting.
	 */
	static JsonObject segmentationJson(RecordingAnalysis.Result r) {
		Segmentation s = r.segmentation;
		JsonObject o = new JsonObject();
		o.addProperty("automatic", s.automatic());
		if (!s.automatic()) return o;
		o.addProperty("cell_diameter_px", s.diameterPx);
		o.addProperty("cell_diameter_estimated", s.diameterEstimated);
		o.addProperty("noise_sd", s.noiseSigma);
		// the cells' ids in the tables: with per-frame segmentation the first frame's track ids
		int[] idOf = new int[s.cells.count() + 1];
		int[] found = s.cells.array(), table = r.labels.array();
		for (int i = 0; i < found.length; i++)
			if (found[i] > 0 && idOf[found[i]] == 0) idOf[found[i]] = table[i];
		JsonArray cells = new JsonArray();
		for (int c = 1; c <= s.cells.count(); c++) {
			Segmentation.ObjectStats st = s.cellStats[c];
			JsonObject e = new JsonObject();
			e.addProperty("cell", idOf[c]);
			e.addProperty("x_px", s.cells.centroidX(c));
			e.addProperty("y_px", s.cells.centroidY(c));
			e.addProperty("area_px", st.areaPx);
			e.addProperty("snr", st.snr);
			e.addProperty("mean_above_background", st.meanAboveBackground);
			e.addProperty("contrast_to_surround", st.contrastToRing);
			e.addProperty("texture_sd", st.textureSd);
			if (Double.isFinite(st.sharpness)) e.addProperty("sharpness", st.sharpness);
			cells.add(e);
		}
		o.add("cells", cells);
		JsonObject rejected = new JsonObject();
		rejected.addProperty("count", s.rejected.count());
		JsonObject by = new JsonObject();
		for (Map.Entry<String, Integer> e : s.rejectedBySetting().entrySet())
			by.addProperty(e.getKey(), e.getValue());
		rejected.add("by_setting", by);
		o.add("rejected", rejected);
		return o;
	}

	private static void writeRunJson(Path file, PipelineSettings settings, Input input, Recording rec,
		RecordingAnalysis.Result r, double openSeconds, Map<String, Double> writeParts, long writeStart, long start)
		throws IOException
	{
		long checksumStart = System.nanoTime();
		JsonObject o = new JsonObject();
		o.addProperty("schema_version", 1);
		JsonObject sw = new JsonObject();
		sw.addProperty("name", "MagRatio");
		sw.addProperty("version", Version.get());
		sw.addProperty("git_commit", Version.commit());
		sw.addProperty("java", System.getProperty("java.version"));
		sw.addProperty("imagej", ij.IJ.getFullVersion());
		o.add("software", sw);
		o.addProperty("created", Instant.now().toString());
		if (Version.commandLine() != null) o.addProperty("command_line", Version.commandLine());
		o.add("settings", settings.toJson());
		CalibrationFile calRecord = settings.calibrationRecord();
		JsonObject cal = (calRecord == null ? CalibrationFile.builder(settings.calibration()).method("settings")
			.softwareVersion(null).build() : calRecord.withCalibration(settings.calibration())).toJson();
		if (calRecord != null && !calRecord.calibration().equals(settings.calibration())) cal.addProperty("overridden",
			"constants given with the file's (kd_mM/rmin/rmax/beta settings) replace its values");
		if (settings.calibrationFile() != null) {
			cal.addProperty("file", settings.calibrationFile().toString());
			cal.addProperty("file_sha256", Checksums.sha256(settings.calibrationFile()));
		}
		o.add("calibration", cal);
		JsonObject in = new JsonObject();
		JsonArray files = new JsonArray();
		List<Path> paths = new ArrayList<>();
		paths.add(input.file());
		if (input.file380() != null) paths.add(input.file380());
		for (Path p : paths) {
			JsonObject f = new JsonObject();
			f.addProperty("path", p.toAbsolutePath().toString());
			f.addProperty("size_bytes", Files.size(p));
			f.addProperty("sha256", Checksums.sha256(p));
			files.add(f);
		}
		in.add("files", files);
		// the files the settings point to (calibration, labels, ROIs, [Ca2+]): a batch redoes a result when one changes
		JsonArray settingsFiles = new JsonArray();
		for (Path p : settings.inputFiles()) {
			JsonObject f = new JsonObject();
			f.addProperty("path", p.toAbsolutePath().toString());
			f.addProperty("sha256", Checksums.sha256(p));
			settingsFiles.add(f);
		}
		in.add("settings_files", settingsFiles);
		double checksumSeconds = (System.nanoTime() - checksumStart) / 1e9; // nearly all of it SHA-256 of the inputs
		in.addProperty("layout", rec.layout().key());
		in.addProperty("width_px", rec.width());
		in.addProperty("height_px", rec.height());
		in.addProperty("frames", rec.frames());
		in.addProperty("bit_depth", rec.bitDepth());
		in.addProperty("frame_interval_s", r.frameIntervalSeconds);
		in.addProperty("frame_interval_source", r.frameIntervalSource);
		o.add("input", in);
		JsonObject res = new JsonObject();
		res.addProperty("cells", r.labels.count());
		res.add("segmentation", segmentationJson(r));
		if (r.perFrameLabels != null) {
			JsonObject pf = new JsonObject();
			pf.addProperty("tracks", r.rows.cells());
			int min = Integer.MAX_VALUE, max = 0;
			for (int t = 0; t < r.rows.frames(); t++) {
				int n = 0;
				CellTable frame = r.rows.frame(t);
				for (int c = 1; c <= r.rows.cells(); c++)
					if (frame.present(c, t)) n++;
				min = Math.min(min, n);
				max = Math.max(max, n);
			}
			pf.addProperty("cells_per_frame_min", min);
			pf.addProperty("cells_per_frame_max", max);
			pf.addProperty("window_frames", settings.segmentationWindow());
			int daughters = 0, merged = 0;
			for (int c = 1; c <= r.tracks.cells(); c++) {
				int p = r.tracks.parents(c).length;
				if (p == 1) daughters++;
				if (p > 1) merged++;
			}
			pf.addProperty("daughters", daughters);
			pf.addProperty("merges", merged);
			pf.addProperty("cells_from", settings.tracksFile() != null ? "tracks" : settings.driftCorrection()
				? "drift_correction" : "per_frame_segmentation");
			res.add("per_frame", pf);
		}
		res.addProperty("rows", r.rows.cells() * r.rows.frames());
		res.addProperty("ca_corrected", r.hasCalcium());
		res.addProperty("ca_suspect_frames", r.caSuspectFrames);
		if (settings.calcium() != null && settings.calcium().file() != null) res.addProperty("ca_file_sha256",
			Checksums.sha256(settings.calcium().file()));
		o.add("result", res);
		JsonArray warnings = new JsonArray();
		for (String w : r.warnings)
			warnings.add(w);
		o.add("warnings", warnings);
		JsonObject t = new JsonObject();
		t.addProperty("open_s", openSeconds);
		for (Map.Entry<String, Double> e : r.timingsSeconds.entrySet())
			t.addProperty(e.getKey() + "_s", e.getValue());
		for (Map.Entry<String, Double> e : writeParts.entrySet())
			t.addProperty(e.getKey(), e.getValue());
		t.addProperty("checksums_s", checksumSeconds);
		t.addProperty("write_s", (System.nanoTime() - writeStart) / 1e9);
		t.addProperty("total_s", (System.nanoTime() - start) / 1e9);
		o.add("timings", t);
		AtomicFiles.writeString(file, Json.write(o, true) + "\n");
	}
}
