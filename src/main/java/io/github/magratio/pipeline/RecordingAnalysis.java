package io.github.magratio.pipeline;

import com.google.gson.JsonObject;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.CalciumCorrection;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.CellFlag;
import io.github.magratio.core.CellRows;
import io.github.magratio.core.CellSegmenter;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;
import io.github.magratio.core.DriftEstimator;
import io.github.magratio.core.FrameProcessor;
import io.github.magratio.core.LabelPlanes;
import io.github.magratio.core.Labels;
import io.github.magratio.core.OrderedFrames;
import io.github.magratio.core.OverlapLinker;
import io.github.magratio.core.PlaneRows;
import io.github.magratio.core.Progress;
import io.github.magratio.core.Segmentation;
import io.github.magratio.core.SegmentationSettings;
import io.github.magratio.core.SettingsException;
import io.github.magratio.core.SettingsProblem;
import io.github.magratio.core.TemporalCells;
import io.github.magratio.core.ThresholdMethod;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.Recording;
import io.github.magratio.ij.Thresholds;
import io.github.magratio.trackmate.TrackMateCells;

import ij.gui.Roi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The analysis of one recording without any file output: segmentation (automatic on the time-averaged image, or the
 * user's labels/ROIs), then every frame through the {@link FrameProcessor}, handing each frame's ratio and [Mg2+]
 * planes to a {@link FrameSink} so the caller decides whether they are streamed to disk, kept, or dropped. Memory is a
 * few planes plus the label image and the per-cell table. Used by the CLI, the batch and the Fiji commands alike.
 */
public final class RecordingAnalysis {

	/** Receives each frame's 32-bit planes (row-major; the arrays are reused after the call returns). */
	@FunctionalInterface
	public interface FrameSink {
		/** Handles frame {@code frame} (0-based). */
		void accept(int frame, float[] ratio, float[] mg) throws IOException;
	}

	/** What an analysis produced. */
	public static final class Result {
		/** The cells (with per-frame segmentation: the first frame's, under their track ids). */
		public final Labels labels;
		/** How the cells were found: rejected objects, each cell's signal-to-noise ratio, the cell size used. */
		public final Segmentation segmentation;
		/** The image the cells were found on (the time average of F340 + F380), row-major; for the QC image. */
		public final float[] segmentationImage;
		/**
		 * With per-frame segmentation, every frame's cells under their ids (track ids: a cell keeps its id while it
		 * stays); null with one static mask ({@link #labels}).
		 */
		public final LabelPlanes perFrameLabels;
		/**
		 * Per-cell, per-frame values in memory; null when the table was spilled to disk as the frames completed
		 * ({@link #rows} reads it), unless {@link Pipeline#run} read it back after writing because it fits one block.
		 */
		public final CellTable table;
		/** Per-cell, per-frame values as the writers read them: {@link #table}, or the table spilled to disk. */
		public final CellRows rows;
		/**
		 * Each cell's first and last frame and parents (divisions, merges); with one static mask every cell spans
		 * every frame. With a TrackMate file ({@code tracks}) also TrackMate's track id of each cell.
		 */
		public final CellTracks tracks;
		/** Time of each frame, s (frame * interval). */
		public final double[] timesSeconds;
		/** Frame interval used, s. */
		public final double frameIntervalSeconds;
		/** Where the frame interval came from: "settings", "file" or "default". */
		public final String frameIntervalSource;
		/** Warnings for the user. */
		public final List<String> warnings;
		/** Seconds spent per stage. */
		public final Map<String, Double> timingsSeconds;
		/** Free [Ca2+] of each frame, uM, when given ({@code ca_uM} or {@code ca_file}); null otherwise. */
		private final double[] caMicromolar;
		/** Kd for Mg2+ (mM) and Ca2+ (uM) of the Ca2+ correction. */
		private final double kdMgMillimolar, kdCaMicromolar;
		/** Cell-frames flagged {@code ca_suspect}. */
		public final int caSuspectFrames;

		Result(Segmentation segmentation, float[] segmentationImage, LabelPlanes perFrameLabels, CellTable table,
			CellRows rows, double[] times, double interval, String source, List<String> warnings,
			Map<String, Double> timings, double[] ca, double kdMg, double kdCa, int caSuspect, CellTracks tracks)
		{
			this.rows = rows;
			this.tracks = tracks;
			this.segmentation = segmentation;
			this.segmentationImage = segmentationImage;
			this.perFrameLabels = perFrameLabels;
			this.caMicromolar = ca;
			this.kdMgMillimolar = kdMg;
			this.kdCaMicromolar = kdCa;
			this.caSuspectFrames = caSuspect;
			this.labels = perFrameLabels == null ? segmentation.cells : Labels.withIds(perFrameLabels.get(0),
				segmentation.cells.width(), segmentation.cells.height(), rows.cells());
			this.table = table;
			this.timesSeconds = times;
			this.frameIntervalSeconds = interval;
			this.frameIntervalSource = source;
			this.warnings = Collections.unmodifiableList(warnings);
			this.timingsSeconds = Collections.unmodifiableMap(timings);
		}

		/** @return the same result with {@code whole} as its table in memory (the spilled table read back) */
		Result withTable(CellTable whole) {
			return new Result(segmentation, segmentationImage, perFrameLabels, whole, rows, timesSeconds,
				frameIntervalSeconds, frameIntervalSource, warnings, timingsSeconds, caMicromolar, kdMgMillimolar,
				kdCaMicromolar, caSuspectFrames, tracks);
		}

		/** @return number of frames */
		public int frames() {
			return rows.frames();
		}

		/** @return true when a free [Ca2+] was given, so {@link #mgCorrectedMillimolar} is available */
		public boolean hasCalcium() {
			return caMicromolar != null;
		}

		/** @return the free [Ca2+] of {@code frame} (0-based), uM; NaN when none was given */
		public double caMicromolar(int frame) {
			return caMicromolar == null ? Double.NaN : caMicromolar[frame];
		}

		/** @return the Kd for Ca2+ of the correction, uM */
		public double kdCaMicromolar() {
			return kdCaMicromolar;
		}

		/**
		 * Ca2+-corrected free [Mg2+], mM: {@code mg_mM - [Ca] * Kd,Mg / Kd,Ca} (science.md section 2, see
		 * {@link CalciumCorrection}); not clipped at 0. Applied to the interval ends too, it shifts the 95 % interval
		 * (which then still excludes the uncertainty of [Ca2+] and of Kd,Ca).
		 *
		 * @param apparentMillimolar the apparent [Mg2+] of that cell and frame, mM (e.g. {@code mg_lo_mM})
		 * @return NaN when no [Ca2+] was given or the apparent value is NaN
		 */
		public double mgCorrectedMillimolar(double apparentMillimolar, int frame) {
			if (caMicromolar == null) return Double.NaN;
			return CalciumCorrection.correctedMillimolar(apparentMillimolar, caMicromolar[frame], kdMgMillimolar,
				kdCaMicromolar);
		}
	}

	/** Rises of more than this many combined noise SEs (and faster than the threshold) are flagged ca_suspect. */
	public static final double CA_SUSPECT_MIN_SIGNIFICANCE = 3;

	private RecordingAnalysis() {}

	/**
	 * Analyses a recording: ratios, and [Mg2+] when {@code settings} hold a calibration (without one, from
	 * {@link PipelineSettings#measurement}, every [Mg2+] is NaN and no cell-frame is flagged {@code ca_suspect}).
	 *
	 * @param sink receives the ratio and [Mg2+] planes of each frame; null to skip them
	 * @throws IllegalArgumentException for invalid input (no cells, label image of another size, ...)
	 * @throws CancellationException when {@code progress} asks to stop
	 */
	public static Result analyse(PipelineSettings settings, Recording rec, Progress progress, FrameSink sink)
		throws IOException
	{
		return analyse(settings, rec, progress, sink, null, 0);
	}

	/**
	 * Analyses a recording, its per-cell table spilled to disk frame by frame as the frames complete
	 * ({@link CellTableFile}), so memory does not grow with cells x frames; the result's {@link Result#rows} is that
	 * file, which the caller closes (deletes) when done with it.
	 *
	 * @param spillDir where the table's temporary file goes (the output's temporary folder); null = in memory
	 * @param blockBytes memory of a block of cells read back from the file ({@link CellTableFile#DEFAULT_BLOCK_BYTES})
	 */
	public static Result analyse(PipelineSettings settings, Recording rec, Progress progress, FrameSink sink,
		Path spillDir, int blockBytes) throws IOException
	{
		Map<String, Double> timings = new LinkedHashMap<>();
		List<String> warnings = new ArrayList<>(rec.warnings());
		for (String w : rec.warnings())
			progress.warn(w);
		checkCalibrationSize(settings, rec, warnings, progress);
		CalibrationFile record = settings.calibrationRecord();
		if (record != null && !record.isMagFura2ForMagnesium()) {
			String msg = "calibration file " + settings.calibrationFile() + " is for " + record.indicator() + " / " + record
				.ion() + ", not Mag-Fura-2 / Mg2+: its constants are used as given";
			warnings.add(msg);
			progress.warn(msg);
		}
		int w = rec.width(), h = rec.height(), frames = rec.frames();

		String source = !Double.isNaN(settings.frameIntervalSeconds()) ? "settings" : !Double.isNaN(rec
			.frameIntervalSeconds()) ? "file" : "default";
		double interval = frameIntervalSeconds(settings.frameIntervalSeconds(), rec, warnings, progress);
		double[] times = new double[frames];
		for (int t = 0; t < frames; t++)
			times[t] = t * interval;

		long t0 = System.nanoTime();
		PerFrame perFrame = null;
		float[] image;
		Segmentation segmentation;
		if (settings.perFrameSegmentation() || settings.tracksFile() != null || settings.driftCorrection()) {
			perFrame = settings.tracksFile() != null ? fromTrackMate(settings.tracksFile(), rec, progress) : settings
				.driftCorrection() ? followDrift(settings, rec, progress) : segmentEveryFrame(settings, rec, progress);
			// cells from a TrackMate file: shown over the first non-blank frame's F340 + F380, as given labels are
			image = perFrame.firstImage != null ? perFrame.firstImage : firstFrameImage(rec);
			segmentation = perFrame.first;
		}
		else {
			image = segmentationImage(settings, rec, progress);
			segmentation = segment(settings, image, w, h);
		}
		Labels labels = segmentation.cells;
		int cells = perFrame == null ? labels.count() : perFrame.tracks;
		timings.put("segment", (System.nanoTime() - t0) / 1e9);
		if (cells == 0) throw noCells(name(rec), settings, segmentation);
		if (cells > 65535) throw new IllegalArgumentException(cells + " cells found in " + name(rec) +
			": more than a 16-bit label image holds (65535); raise min_area_px or analyse part of the field");
		String hint = saturationHint(settings, rec);
		if (hint != null) {
			warnings.add(hint);
			progress.warn(hint);
		}

		t0 = System.nanoTime();
		boolean[] roiMask = settings.backgroundRoi() == null ? null : roiMask(settings.backgroundRoi(), w, h);
		CellTable table = spillDir == null ? new CellTable(cells, frames) : null;
		CellTableFile spill = spillDir == null ? null : new CellTableFile(spillDir, cells, frames, perFrame != null,
			blockBytes);
		try {
			Result r = measureAndCheck(settings, rec, labels, perFrame, roiMask, table, spill, sink, progress, warnings,
				timings, t0, segmentation, image, times, interval, source);
			spill = null; // the result's now
			return r;
		} finally {
			if (spill != null) spill.close();
		}
	}

	/** The measuring pass and the checks of its table (in memory, or spilled block by block). */
	private static Result measureAndCheck(PipelineSettings settings, Recording rec, Labels labels, PerFrame perFrame,
		boolean[] roiMask, CellTable table, CellTableFile spill, FrameSink sink, Progress progress,
		List<String> warnings, Map<String, Double> timings, long t0, Segmentation segmentation, float[] image,
		double[] times, double interval, String source) throws IOException
	{
		int frames = rec.frames();
		Calibration calibration = settings.hasCalibration() ? settings.calibration() : null;
		measureFrames(settings, rec, labels, perFrame == null ? null : perFrame.planes, roiMask, calibration, table,
			spill, sink, progress, warnings, "measuring");
		timings.put("measure", (System.nanoTime() - t0) / 1e9);
		CellRows rows = spill != null ? spill : table;
		double[] ca = settings.calcium() == null ? null : settings.calcium().perFrame(frames, interval);
		// one pass over the cells' traces: the checks, and the ca_suspect flags (written back to a spilled table)
		int[] flagCounts = new int[CellFlag.values().length];
		boolean[] anyRatio = { false };
		int[] nonfiniteAndSuspect = { 0, 0 };
		rows.blocks(b -> {
			for (int c = b.firstCell(); c <= b.lastCell(); c++)
				for (int t = 0; t < frames; t++) {
					if (!Double.isNaN(b.ratio(c, t))) anyRatio[0] = true;
					if (b.nonfinitePixels(c, t) > 0) nonfiniteAndSuspect[0]++;
					for (CellFlag f : CellFlag.values())
						if ((b.flags(c, t) & f.bit()) != 0) flagCounts[f.ordinal()]++;
				}
			if (ca != null || calibration == null) return;
			int flagged = flagFastRises(b, calibration, interval, settings.caMaxRiseMillimolarPerSecond());
			nonfiniteAndSuspect[1] += flagged;
			if (flagged > 0 && spill != null) spill.update(b);
		});
		if (!anyRatio[0]) throw noValidRatio(rows, flagCounts, name(rec));
		int nonfinite = nonfiniteAndSuspect[0];
		if (nonfinite > 0) {
			String msg = nonfinite + " cell-frame(s) of " + name(rec) + " have NaN or infinite pixels: masked (no " +
				"ratio there), counted in nonfinite_px and flagged nonfinite; the background never uses them";
			warnings.add(msg);
			progress.warn(msg);
		}
		int suspect = nonfiniteAndSuspect[1];
		if (suspect > 0) {
			String msg = suspect + " cell-frame(s) flagged ca_suspect: apparent [Mg2+] rose faster than " + settings
				.caMaxRiseMillimolarPerSecond() + " mM/s (" + PipelineSettings.KEY_CA_MAX_RISE + "), likely Ca2+ " +
				"transients; give [Ca2+] (ca_uM / ca_file) to correct them";
			warnings.add(msg);
			progress.warn(msg);
		}
		return new Result(segmentation, image, perFrame == null ? null : perFrame.planes, table, rows, times, interval,
			source, warnings, timings, ca, calibration == null ? Double.NaN : calibration.kdMillimolar(), settings.kdCaMicromolar(), suspect,
			perFrame == null ? CellTracks.still(rows.cells(), frames) : perFrame.cellTracks);
	}

	/**
	 * Cells frame by frame (per-frame segmentation, a TrackMate file, or one mask moved with the field's drift): every
	 * frame's cells under their track ids, the tracks, and the detail of the image the cells were found on, for QC.
	 */
	public static final class PerFrame {
		final LabelPlanes planes;
		final int tracks;
		final CellTracks cellTracks;
		final Segmentation first;
		final float[] firstImage;

		/**
		 * @param planes every frame's label plane, cell id = track id (1..tracks)
		 * @param cellTracks the tracks' frames and parents
		 * @param first the cells of the first frame with cells, for the QC image
		 * @param firstImage the image of that frame (row-major), for the QC image
		 */
		public PerFrame(LabelPlanes planes, CellTracks cellTracks, Segmentation first, float[] firstImage) {
			this.planes = planes;
			this.tracks = cellTracks.cells();
			this.cellTracks = cellTracks;
			this.first = first;
			this.firstImage = firstImage;
		}
	}

	/**
	 * One mask moved with the field: each frame's drift against the previous one by phase correlation of F340 + F380
	 * ({@link DriftEstimator}), summed; the cells are found on the time average aligned to frame 0 (or given, in frame
	 * 0's place), and every frame's cells are that mask shifted by the frame's drift rounded to whole pixels (cells
	 * moved out of the field have no row there). Two passes over the recording.
	 */
	static PerFrame followDrift(PipelineSettings settings, Recording rec, Progress progress) throws IOException {
		int w = rec.width(), h = rec.height(), frames = rec.frames();
		double[][] drift = new double[frames][2];
		float[] previous = null;
		for (int t = 0; t < frames; t++) {
			if (progress.isCanceled()) throw new CancellationException("canceled while estimating drift at frame " + t);
			float[] img = new float[w * h];
			boolean valid = addFrame(rec, t, img);
			if (t > 0) drift[t] = drift[t - 1].clone();
			if (valid && previous != null) {
				double[] d = DriftEstimator.shift(previous, img, w, h);
				drift[t][0] += d[0];
				drift[t][1] += d[1];
			}
			if (valid) previous = img;
			progress.progress("estimating drift", t + 1, frames);
		}
		int[][] shift = new int[frames][2];
		for (int t = 0; t < frames; t++) {
			shift[t][0] = (int) Math.round(drift[t][0]);
			shift[t][1] = (int) Math.round(drift[t][1]);
		}
		// the time average in frame 0's place: each frame sampled where frame 0's pixel moved to
		float[] sum = new float[w * h];
		int[] count = new int[w * h];
		for (int t = 0; t < frames; t++) {
			float[] img = new float[w * h];
			if (!addFrame(rec, t, img)) continue;
			for (int y = 0; y < h; y++) {
				int sy = y + shift[t][1];
				if (sy < 0 || sy >= h) continue;
				for (int x = 0; x < w; x++) {
					int sx = x + shift[t][0];
					if (sx < 0 || sx >= w) continue;
					sum[y * w + x] += img[sy * w + sx];
					count[y * w + x]++;
				}
			}
			progress.progress("averaging aligned frames", t + 1, frames);
		}
		for (int i = 0; i < sum.length; i++)
			sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
		float[] image = settings.labelsFile() == null && settings.roisFile() == null ? sum : firstFrameImage(rec);
		Segmentation seg = segment(settings, image, w, h);
		int[] mask = seg.cells.array();
		int n = seg.cells.count();
		LabelPlanes planes = new LabelPlanes(w, h);
		int[] start = new int[n + 1], end = new int[n + 1];
		java.util.Arrays.fill(start, -1);
		for (int t = 0; t < frames; t++) {
			int[] plane = new int[w * h];
			for (int y = 0; y < h; y++) {
				int sy = y - shift[t][1];
				if (sy < 0 || sy >= h) continue;
				for (int x = 0; x < w; x++) {
					int sx = x - shift[t][0];
					if (sx >= 0 && sx < w) plane[y * w + x] = mask[sy * w + sx];
				}
			}
			for (int v : plane)
				if (v > 0) {
					if (start[v] < 0) start[v] = t;
					end[v] = t;
				}
			planes.add(plane);
		}
		for (int c = 1; c <= n; c++)
			if (start[c] < 0) start[c] = end[c] = 0; // not reached: frame 0 (no shift) shows every cell of the mask
		return new PerFrame(planes, new CellTracks(start, end, new int[n + 1][], null), seg, image);
	}

	/** The cells of every frame from a TrackMate file ({@link TrackMateCells}). */
	static PerFrame fromTrackMate(Path file, Recording rec, Progress progress) throws IOException {
		TrackMateCells.Cells c = TrackMateCells.read(file, rec, progress);
		return new PerFrame(c.planes, c.tracks, Segmentation.given(c.first), null);
	}

	/**
	 * Segments every frame (the average of F340 + F380 over {@code segmentation_window} frames centred on it, fewer at
	 * the ends) with the settings' detector, streaming: each frame is read once, a window of planes is kept. Between
	 * the detector and the linker, {@link TemporalCells} keeps what the frames together show (a dim object rejected for
	 * min_snr where the detector finds the same cell on the recording's time average, read in one more pass only when
	 * there is such an object; a cell the detector lost in this frame where the image still shows it). The cells of
	 * successive frames are linked by overlap ({@link OverlapLinker}) so a cell keeps its id while it stays.
	 *
	 * @throws IllegalArgumentException when cells are given (one mask) or the recording is shorter than the window
	 */
	static PerFrame segmentEveryFrame(PipelineSettings settings, Recording rec, Progress progress) {
		if (settings.labelsFile() != null || settings.roisFile() != null) throw new IllegalArgumentException(
			PipelineSettings.KEY_SEGMENTATION + " " + PipelineSettings.SEGMENTATION_PER_FRAME + " finds the cells of " +
				"every frame itself: leave out " + PipelineSettings.KEY_LABELS + " and " + PipelineSettings.KEY_ROIS +
				" (they give one mask for all frames)");
		int w = rec.width(), h = rec.height(), frames = rec.frames(), window = settings.segmentationWindow();
		if (frames < window) throw new IllegalArgumentException(name(rec) + " has " + frames + " frame(s), fewer than " +
			PipelineSettings.KEY_SEGMENTATION_WINDOW + " " + window + ": use a smaller window");
		int half = window / 2;
		float[][] sums = new float[frames][];
		boolean[] valid = new boolean[frames];
		LabelPlanes planes = new LabelPlanes(w, h);
		Segmentation first = null;
		float[] firstImage = null;
		OverlapLinker linker = new OverlapLinker(settings.trackMaxGapFrames(), settings.trackMaxDistancePx());
		ThresholdMethod threshold = Thresholds.byName(settings.segmentation().threshold());
		SegmentationSettings each = settings.segmentation();
		TemporalCells temporal = new TemporalCells(w, h, each, () -> timeAverage(rec, progress));
		for (int t = 0; t < frames; t++) {
			if (progress.isCanceled()) throw new CancellationException("canceled while segmenting frame " + t);
			for (int k = Math.max(0, t - half); k <= Math.min(frames - 1, t + half); k++)
				if (sums[k] == null) {
					sums[k] = new float[w * h];
					valid[k] = addFrame(rec, k, sums[k]);
				}
			if (t - half - 1 >= 0) sums[t - half - 1] = null; // out of every later window
			float[] image = new float[w * h];
			int used = 0;
			for (int k = Math.max(0, t - half); k <= Math.min(frames - 1, t + half); k++) {
				if (!valid[k]) continue;
				used++;
				float[] s = sums[k];
				for (int i = 0; i < image.length; i++)
					image[i] += s[i];
			}
			int[] tracked;
			Segmentation seg = null;
			if (used == 0) tracked = new int[w * h]; // a blank frame: no cells (flagged bad_frame when measured)
			else {
				for (int i = 0; i < image.length; i++)
					image[i] /= used;
				seg = CellSegmenter.segment(image, w, h, each, threshold);
				// one cell size for the whole recording: estimated on the first frame, so a frame's decisions do not
				// change with a frame-to-frame wobble of the estimate
				if (seg.diameterEstimated) each = each.withCellDiameterPx(seg.diameterPx);
				tracked = linker.link(temporal.cells(seg, image));
			}
			temporal.linked(seg == null ? null : tracked, linker);
			if (first == null && seg != null) {
				first = seg;
				firstImage = image;
			}
			planes.add(tracked);
			progress.progress("segmenting every frame", t + 1, frames);
		}
		if (first == null) throw new IllegalArgumentException("every frame of " + name(rec) +
			" is blank (all zero or NaN): nothing to segment");
		planes.relabel(linker.finalIds()); // segmentation flickers undone: their pieces are the cells they were
		return new PerFrame(planes, CellTracks.of(linker.trackList()), first, firstImage);
	}

	/**
	 * Refuses a result without a single valid ratio: every cell-frame is NaN, so nothing would be reported but a table
	 * of NaN. The message counts the flags that explain it.
	 *
	 * @param counts how many cell-frames have each {@link CellFlag} (by ordinal)
	 * @return the error naming the recording and the reasons
	 */
	static IllegalArgumentException noValidRatio(CellRows table, int[] counts, String name) {
		StringBuilder why = new StringBuilder();
		for (CellFlag f : CellFlag.values())
			if (counts[f.ordinal()] > 0) why.append(why.length() > 0 ? ", " : "").append(counts[f.ordinal()]).append(' ')
				.append(f.key());
		return new IllegalArgumentException("no cell of " + name + " has a valid ratio in any frame (" + table.cells() *
			table.frames() + " cell-frames: " + (why.length() > 0 ? why : "no flags") + "); check the background " +
			"(" + PipelineSettings.KEY_BACKGROUND + ", " + PipelineSettings.KEY_CAMERA_OFFSET + "), " + PipelineSettings
				.KEY_MIN_SIGNAL + " and " + PipelineSettings.KEY_SATURATION + ", and that the recording holds 340/380 " +
			"data");
	}

	/**
	 * The {@code ca_suspect} pass, after all frames (frames stay independent): per cell, frames whose apparent [Mg2+]
	 * rose from the previous valid frame faster than {@code maxRiseMillimolarPerSecond} and by more than
	 * {@link #CA_SUSPECT_MIN_SIGNIFICANCE} noise SEs (from the ratio's pixel-noise SE only, not the calibration's) get
	 * {@link CellFlag#CA_SUSPECT}.
	 *
	 * @param table a table of whole traces: its cells {@code firstCell()..lastCell()} are flagged
	 * @return the number of cell-frames flagged
	 */
	public static int flagFastRises(CellTable table, Calibration calibration, double frameIntervalSeconds,
		double maxRiseMillimolarPerSecond)
	{
		Calibration noiseOnly = new Calibration(calibration.kdMillimolar(), calibration.rmin(), calibration.rmax(),
			calibration.beta());
		int flagged = 0;
		for (int c = table.firstCell(); c <= table.lastCell(); c++) {
			double[] mg = table.mgTrace(c), se = new double[table.frames()];
			for (int t = 0; t < se.length; t++)
				se[t] = noiseOnly.concentrationSe(table.ratio(c, t), table.ratioSe(c, t));
			boolean[] fast = CalciumCorrection.fastRises(mg, se, frameIntervalSeconds, maxRiseMillimolarPerSecond,
				CA_SUSPECT_MIN_SIGNIFICANCE);
			for (int t = 0; t < fast.length; t++)
				if (fast[t]) {
					table.addFlags(c, t, CellFlag.CA_SUSPECT.bit());
					flagged++;
				}
		}
		return flagged;
	}

	/** Warns when the calibration file records an image size (its details' width_px, height_px) other than rec's. */
	static void checkCalibrationSize(PipelineSettings settings, Recording rec, List<String> warnings,
		Progress progress)
	{
		CalibrationFile cal = settings.calibrationRecord();
		JsonObject d = cal == null ? null : cal.details();
		if (d == null || !isNumber(d, "width_px") || !isNumber(d, "height_px")) return;
		double cw = d.get("width_px").getAsDouble(), ch = d.get("height_px").getAsDouble();
		if (cw == rec.width() && ch == rec.height()) return;
		{
			String msg = "calibration file " + settings.calibrationFile() + " was made on " + (long) cw + "x" + (long) ch +
				" px images but " + name(rec) + " is " + rec.width() + "x" + rec.height() + " px: check that optics, " +
				"binning and exposure are the same as in the calibration";
			warnings.add(msg);
			progress.warn(msg);
		}
	}

	private static boolean isNumber(JsonObject o, String key) {
		return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isNumber();
	}

	/**
	 * Every frame through the per-frame kernel ({@link FrameProcessor}), {@link PipelineSettings#frameThreads()} at
	 * once: this thread reads the frames and hands the results to {@code sink} in frame order, the workers compute.
	 * The table is the same for any number of threads.
	 *
	 * @param labels the cells, or null when {@code planes} gives them frame by frame (under track ids 1..cells)
	 * @param calibration null: ratios only, [Mg2+] NaN
	 * @param sink receives each frame's ratio and [Mg2+] planes in frame order; null = none kept
	 * @param warnings receives a warning per blank frame (as does {@code progress}); null = none
	 */
	public static void measureFrames(PipelineSettings settings, Recording rec, Labels labels, LabelPlanes planes,
		boolean[] roiMask, Calibration calibration, CellTable table, FrameSink sink, Progress progress,
		List<String> warnings, String stage) throws IOException
	{
		measureFrames(settings, rec, labels, planes, roiMask, calibration, table, null, sink, progress, warnings, stage);
	}

	/**
	 * As above, the table in memory ({@code table}) or spilled to disk in frame order as the frames complete
	 * ({@code spill}: each frame in flight fills its own one-frame slice).
	 */
	private static void measureFrames(PipelineSettings settings, Recording rec, Labels labels, LabelPlanes planes,
		boolean[] roiMask, Calibration calibration, CellTable table, CellTableFile spill, FrameSink sink,
		Progress progress, List<String> warnings, String stage) throws IOException
	{
		int w = rec.width(), h = rec.height(), frames = rec.frames(), cells = spill != null ? spill.cells() : table
			.cells();
		int pixels = sink == null ? 0 : w * h;
		OrderedFrames<Slot, FrameProcessor[]> runner = new OrderedFrames<>(settings.frameThreads(), () -> new Slot(
			pixels, spill == null ? table : spill.newSlice(0)), () -> new FrameProcessor[] { planes != null ? null
				: new FrameProcessor(labels, settings.background(), settings.ratio(), calibration, roiMask) });
		runner.run(frames, (t, slot) -> {
			if (spill != null) slot.table.resetTo(t);
			slot.f340 = rec.frame340(t);
			slot.f380 = rec.frame380(t);
			if (planes != null) {
				// this frame's cells, each under its track id (the table's geometry is written by this thread only)
				slot.cells = Labels.withIds(planes.get(t), w, h, cells);
				for (int c = 1; c <= cells; c++)
					if (slot.cells.area(c) > 0) slot.table.setGeometry(c, t, slot.cells.centroidX(c), slot.cells
						.centroidY(c), slot.cells.area(c));
			}
		}, (t, slot, kernel) -> {
			FrameProcessor p = slot.cells == null ? kernel[0] : new FrameProcessor(slot.cells, settings.background(),
				settings.ratio(), calibration, roiMask);
			slot.noise = processFrame(p, slot, t, slot.table);
		}, (t, slot) -> {
			if (spill != null) spill.append(t, slot.table);
			if (Double.isNaN(slot.noise[0]) && warnings != null) {
				String msg = "frame " + t + " is blank (all zero or NaN) in a channel: flagged bad_frame, values NaN";
				warnings.add(msg);
				progress.warn(msg);
			}
			slot.f340 = slot.f380 = null;
			slot.cells = null;
			if (sink != null) sink.accept(t, slot.ratio, slot.mg);
			progress.progress(stage, t + 1, frames);
		}, progress::isCanceled);
	}

	/**
	 * One frame in flight: the raw planes read, its cells when they change per frame, the planes computed, and the
	 * table its cells' values go to (the whole table, or the slot's own one-frame slice of a spilled one).
	 */
	static final class Slot {
		RandomAccessibleInterval<?> f340, f380;
		Labels cells;
		final float[] ratio, mg;
		final CellTable table;
		double[] noise;

		/** @param pixels size of the ratio and [Mg2+] planes kept, 0 = none */
		Slot(int pixels, CellTable table) {
			ratio = pixels == 0 ? null : new float[pixels];
			mg = pixels == 0 ? null : new float[pixels];
			this.table = table;
		}
	}

	/** @return the frame's background noise {340, 380}, NaN for a blank frame */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static double[] processFrame(FrameProcessor p, Slot slot, int t, CellTable table) {
		return p.process(t, (RandomAccessibleInterval) slot.f340, (RandomAccessibleInterval) slot.f380, slot.ratio,
			slot.mg, table);
	}


	/**
	 * A 12- or 14-bit camera clips at 4095 or 16383 counts, far below the 65535 that 16-bit data would saturate at:
	 * when the brightest pixel of the first and middle frames is exactly such a value and no saturation level is set,
	 * say so (the saturated pixels would otherwise go unflagged).
	 */
	static String saturationHint(PipelineSettings settings, Recording rec) {
		if (!Double.isNaN(settings.ratio().saturationCounts()) || rec.bitDepth() != 16) return null;
		double max = Math.max(maxValue(rec, 0), maxValue(rec, rec.frames() / 2));
		if (max != 4095 && max != 16383) return null;
		int bits = max == 4095 ? 12 : 14;
		return "the brightest pixels of " + name(rec) + " are exactly " + (long) max + " counts, where a " + bits +
			"-bit camera saturates; set saturation " + (long) max + " (--saturation) so they are flagged and excluded";
	}

	private static <T extends RealType<T>> double maxValue(Recording rec, int t) {
		double max = Double.NEGATIVE_INFINITY;
		for (RandomAccessibleInterval<T> f : java.util.Arrays.asList(rec.<T> frame340(t), rec.<T> frame380(t)))
			for (T v : Views.flatIterable(f))
				max = Math.max(max, v.getRealDouble());
		return max;
	}

	/** The cells: the user's label image or ROI set, else automatic segmentation of the time average. */
	public static Labels segment(PipelineSettings settings, Recording rec, Progress progress) throws IOException {
		return segment(settings, segmentationImage(settings, rec, progress), rec.width(), rec.height()).cells;
	}

	/**
	 * The image the cells are found on: the time average of F340 + F380 for automatic segmentation; for the user's
	 * labels or ROIs (shown over it in the QC image only) the first non-blank frame's F340 + F380, so no extra pass.
	 */
	public static float[] segmentationImage(PipelineSettings settings, Recording rec, Progress progress) {
		if (settings.labelsFile() == null && settings.roisFile() == null) return timeAverage(rec, progress);
		return firstFrameImage(rec);
	}

	/**
	 * The cells of {@code image} ({@link #segmentationImage}): the user's label image or ROI set, else automatic
	 * segmentation with the settings' detector.
	 */
	public static Segmentation segment(PipelineSettings settings, float[] image, int w, int h) throws IOException {
		if (settings.labelsFile() != null) return Segmentation.given(LabelImages.read(settings.labelsFile(), w, h));
		if (settings.roisFile() != null) return Segmentation.given(LabelImages.readRois(settings.roisFile(), w, h));
		return CellSegmenter.segment(image, w, h, settings.segmentation(), Thresholds.byName(settings.segmentation()
			.threshold()));
	}

	private static float[] firstFrameImage(Recording rec) {
		float[] sum = new float[rec.width() * rec.height()];
		for (int t = 0; t < rec.frames(); t++)
			if (addFrame(rec, t, sum)) break;
		return sum;
	}

	/** The time average of F340 + F380 over all non-blank frames, where every cell is bright whatever its [Mg2+]. */
	public static float[] timeAverage(Recording rec, Progress progress) {
		int w = rec.width(), h = rec.height(), frames = rec.frames();
		float[] sum = new float[w * h];
		int used = 0;
		for (int t = 0; t < frames; t++) {
			if (progress.isCanceled()) throw new CancellationException("canceled while averaging frame " + t);
			if (addFrame(rec, t, sum)) used++;
			progress.progress("averaging for segmentation", t + 1, frames);
		}
		if (used == 0) throw new IllegalArgumentException("every frame of " + name(rec) +
			" is blank (all zero or NaN): nothing to segment");
		for (int i = 0; i < sum.length; i++)
			sum[i] /= used;
		return sum;
	}

	/** Adds frame t's F340 + F380 to {@code sum} where finite; false (nothing added) when a channel is blank. */
	private static boolean addFrame(Recording rec, int t, float[] sum) {
		PlaneRows a = PlaneRows.of(rec.frame340(t)), b = PlaneRows.of(rec.frame380(t));
		int w = rec.width();
		float[] ra = new float[w], rb = new float[w];
		if (a.isBlank(ra) || b.isBlank(rb)) return false;
		for (int y = 0; y < rec.height(); y++) {
			a.row(y, ra);
			b.row(y, rb);
			for (int x = 0, p = y * w; x < w; x++, p++) {
				double v = (double) ra[x] + rb[x];
				if (Double.isFinite(v)) sum[p] = (float) (sum[p] + v);
			}
		}
		return true;
	}

	/**
	 * Parses the ROI background region: {@code x,y,width,height} in pixels, or an ImageJ {@code .roi} file.
	 *
	 * @throws SettingsException naming {@value PipelineSettings#KEY_BG_ROI} and what was expected
	 */
	public static boolean[] roiMask(String spec, int width, int height) throws IOException {
		boolean[] mask = new boolean[width * height];
		String s = spec.trim();
		if (s.toLowerCase(java.util.Locale.ROOT).endsWith(".roi")) {
			Path p = Paths.get(s);
			if (!Files.exists(p)) throw roiProblem("file " + p + " does not exist");
			Labels l;
			try {
				Roi roi = io.github.magratio.ij.RoiFiles.read(p, "file " + p).get(0);
				if (!roi.isArea()) throw roiProblem("file " + p + " is not an ImageJ area ROI");
				l = LabelImages.fromRois(Collections.singletonList(roi), width, height, "file " + p);
			} catch (SettingsException e) {
				throw e;
			} catch (IllegalArgumentException e) {
				throw roiProblem(e.getMessage());
			}
			int[] a = l.array();
			for (int i = 0; i < a.length; i++)
				mask[i] = a[i] > 0;
			return mask;
		}
		String[] parts = s.split("\\s*,\\s*");
		if (parts.length != 4) throw roiProblem("must be x,y,width,height in pixels or a .roi file, got '" +
			io.github.magratio.util.Text.quote(spec) + "'");
		int[] v = new int[4];
		try {
			for (int i = 0; i < 4; i++)
				v[i] = Integer.parseInt(parts[i]);
		} catch (NumberFormatException e) {
			throw roiProblem("must be x,y,width,height in whole pixels, got '" + io.github.magratio.util.Text.quote(spec) +
				"'");
		}
		if (v[2] < 1 || v[3] < 1 || v[0] < 0 || v[1] < 0 || v[0] + v[2] > width || v[1] + v[3] > height)
			throw roiProblem(spec + " is not inside the " + width + "x" + height + " image");
		for (int y = v[1]; y < v[1] + v[3]; y++)
			for (int x = v[0]; x < v[0] + v[2]; x++)
				mask[y * width + x] = true;
		return mask;
	}

	private static SettingsException roiProblem(String reason) {
		return new SettingsException(Collections.singletonList(SettingsProblem.of(PipelineSettings.KEY_BG_ROI,
			reason)));
	}

	/** @return the recording as messages name it: its first file, or its image title in quotes */
	public static String name(Recording rec) {
		return rec.files().isEmpty() ? "'" + rec.image340().getTitle() + "'" : rec.files().get(0).toString();
	}

	/**
	 * The frame interval to use: {@code setting} when given, else the recording's own (from its calibration), else 1 s
	 * with a warning. The time axis is {@code frame * interval}; nothing else depends on it.
	 *
	 * @param setting the frame interval set by the user in seconds, NaN = from the recording
	 * @param warnings receives the warning when the interval defaults to 1 s (may be null)
	 * @param progress is also told the warning ({@link Progress#NONE} when the caller reports {@code warnings})
	 * @return the interval between frames in seconds, &gt; 0
	 */
	public static double frameIntervalSeconds(double setting, Recording rec, List<String> warnings,
		Progress progress)
	{
		double interval = Double.isNaN(setting) ? rec.frameIntervalSeconds() : setting;
		if (!Double.isNaN(interval)) return interval;
		String msg = "the recording has no frame interval in its calibration: time_s assumes 1 s per frame " +
			"(set frame_interval_s / --frame-interval)";
		if (warnings != null) warnings.add(msg);
		progress.warn(msg);
		return 1;
	}

	/**
	 * The error for a segmentation that found no cells, with the settings that produced it and what to change.
	 *
	 * @param source the image, named for the message (a path, or a quoted title)
	 * @param settings the settings used: threshold and min area (px), or the user's labels/ROIs
	 */
	public static IllegalArgumentException noCells(String source, PipelineSettings settings) {
		return noCells(source, settings, null);
	}

	/**
	 * The error for a segmentation that found no cells, with the detector's settings, the objects it rejected by the
	 * setting that rejected them, and what to change.
	 *
	 * @param found what the segmentation found (null when unknown)
	 */
	public static IllegalArgumentException noCells(String source, PipelineSettings settings, Segmentation found) {
		return noCells(source, settings, found, k -> k);
	}

	/**
	 * As {@link #noCells(String, PipelineSettings, Segmentation)}, with the settings the message names in the reader's
	 * words.
	 *
	 * @param names a settings key in the reader's words (a macro key, say; see {@link SettingNames})
	 */
	public static IllegalArgumentException noCells(String source, PipelineSettings settings, Segmentation found,
		java.util.function.UnaryOperator<String> names)
	{
		if (settings.labelsFile() != null || settings.roisFile() != null) return new IllegalArgumentException(
			"no cells found in " + source + " (the given labels/ROIs are empty)");
		SegmentationSettings s = settings.segmentation();
		StringBuilder m = new StringBuilder("no cells found in " + source + " with detector " + s.detector());
		if (SegmentationSettings.DETECTOR_THRESHOLD.equals(s.detector())) m.append(" (threshold ").append(s
			.threshold()).append(", min area ").append(s.minAreaPx()).append(" px); try another threshold method, " +
				"smaller ").append(names.apply(PipelineSettings.KEY_MIN_AREA)).append(" or detector seeded");
		else {
			if (found != null && !Double.isNaN(found.diameterPx)) m.append(String.format(java.util.Locale.ROOT,
				" (cell diameter %.1f px%s)", found.diameterPx, found.diameterEstimated ? ", estimated" : ""));
			if (found != null && found.rejected.count() > 0) {
				m.append(": ").append(found.rejected.count()).append(" object(s) rejected, by");
				for (Map.Entry<String, Integer> e : found.rejectedBySetting().entrySet())
					m.append(' ').append(names.apply(e.getKey())).append(" (").append(e.getValue()).append(')');
				m.append("; lower those settings");
			}
			else m.append(": no object stands out of the background");
			m.append(", or give ").append(names.apply(PipelineSettings.KEY_CELL_DIAMETER));
		}
		return new IllegalArgumentException(m.toString());
	}
}
