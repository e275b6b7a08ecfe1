package io.github.magratio.cli;

import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.batch.BatchRunner;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.batch.InputScan;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.slurm.SlurmSubmission;
import io.github.magratio.util.Failure;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code magratio run}: recordings to calibrated per-cell [Mg2+]. Each option maps onto a key of
 * {@link PipelineSettings}; options given on the command line override the {@code --config} file.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Turn Mag-Fura-2 340/380 recordings into free [Mg2+] per cell and frame.",
		"Writes OUT/<stem>/ with cells.csv, summary.csv, ratio.tif, mg.tif, labels.tif, rois.zip, traces.png, " +
			"run.json; with several inputs also OUT/batch.csv and OUT/batch-summary.csv (see also 'batch'). A bad file " +
			"is reported and the others go on.",
		"Examples:", "  magratio run rec.tif --out OUT --kd 1.5 --rmin 0.28 --rmax 4.5 --beta 4.5",
		"  magratio run rec.tif --out OUT --calibration cal.json",
		"  magratio run --f340 A-340.tif --f380 A-380.tif --out OUT --calibration cal.json",
		"  magratio run rec.tif --layout interleaved --out OUT --calibration cal.json",
		"  magratio run rec.tif --config settings.json --out OUT", "" },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:every input processed",
		"1:a processing failure (or some inputs of a batch failed)", "2:invalid input, option or settings" })
public final class RunCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "0..*", paramLabel = "RECORDING",
		description = "Recording(s) with both channels: a 2-channel hyperstack, or an interleaved stack with --layout interleaved.")
	List<Path> recordings = new ArrayList<>();

	@Option(names = "--f340", paramLabel = "FILE", description = "The 340 nm stack of a separate pair (with --f380).")
	Path f340;

	@Option(names = "--f380", paramLabel = "FILE", description = "The 380 nm stack of a separate pair (with --f340).")
	Path f380;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "DIR",
		description = "Output root; results go to DIR/<input stem>/.")
	Path out;

	@Option(names = "--config", paramLabel = "FILE",
		description = "Settings JSON (keys as in run.json's \"settings\"); flags override it.")
	Path config;

	@Option(names = "--overwrite", description = "Replace existing result folders (default: refuse).")
	boolean overwrite;

	@Option(names = { "-q", "--quiet" }, description = "No progress on stderr (warnings still print).")
	boolean quiet;

	// ---- calibration
	@Option(names = "--calibration", paramLabel = "FILE", description = "Calibration JSON (kd_mM, rmin, rmax, beta, ...).")
	String calibration;

	@Option(names = "--kd", paramLabel = "MM", description = "Kd of Mag-Fura-2 for Mg2+ in mM (default 1.9, or the calibration file's).")
	Double kd;

	@Option(names = "--rmin", description = "Rmin: ratio of Mg-free dye.")
	Double rmin;

	@Option(names = "--rmax", description = "Rmax: ratio of Mg-saturated dye.")
	Double rmax;

	@Option(names = "--beta", description = "beta = F380(Mg-free) / F380(Mg-saturated).")
	Double beta;

	// ---- Ca2+ interference
	@Option(names = "--ca", paramLabel = "UM",
		description = "Constant free [Ca2+] in uM: cells.csv gets Ca2+-corrected [Mg2+] (mg_corrected_mM).")
	Double ca;

	@Option(names = "--ca-file", paramLabel = "CSV",
		description = "Free [Ca2+] per frame: CSV with columns frame,ca_uM or time_s,ca_uM (one value per frame).")
	String caFile;

	@Option(names = "--kd-ca", paramLabel = "UM",
		description = "Kd of Mag-Fura-2 for Ca2+ in uM (default 25, an unverified literature value).")
	Double kdCa;

	@Option(names = "--ca-max-rise", paramLabel = "MM_PER_S",
		description = "Without [Ca2+]: flag ca_suspect where apparent [Mg2+] rises faster than this, mM/s (default 0.1).")
	Double caMaxRise;

	// ---- input layout
	@Option(names = "--layout", paramLabel = "LAYOUT",
		description = "auto | hyperstack | interleaved | separate (default auto: 2 channels = hyperstack, --f340/--f380 = separate).")
	String layout;

	@Option(names = "--channel340", paramLabel = "1|2", description = "Which channel (or slice of each interleaved pair) is 340 nm (default 1).")
	Integer channel340;

	@Option(names = "--frame-interval", paramLabel = "S", description = "Frame interval in s (default: from the file's calibration).")
	Double frameInterval;

	// ---- background
	@Option(names = "--background", paramLabel = "METHOD",
		description = "none | constant | roi | surface | ring (default surface: a smooth surface fitted each frame outside the cells).")
	String background;

	@Option(names = "--bg340", paramLabel = "COUNTS", description = "Constant background at 340 nm above the camera offset (method constant).")
	Double bg340;

	@Option(names = "--bg380", paramLabel = "COUNTS", description = "Constant background at 380 nm above the camera offset (method constant).")
	Double bg380;

	@Option(names = "--bg-roi", paramLabel = "X,Y,W,H|FILE", description = "Cell-free region for method roi: x,y,width,height in px, or an ImageJ .roi file.")
	String bgRoi;

	@Option(names = "--surface-degree", paramLabel = "N", description = "Polynomial degree 0..4 of the background surface (default 2).")
	Integer surfaceDegree;

	@Option(names = "--guard", paramLabel = "PX", description = "Band around cells never used as background, px (default 3).")
	Double guard;

	@Option(names = "--ring-width", paramLabel = "PX", description = "Width of the per-cell background ring, px (method ring, default 6).")
	Double ringWidth;

	@Option(names = "--camera-offset", paramLabel = "COUNTS", description = "Camera dark offset subtracted first, counts (default 0).")
	Double cameraOffset;

	@Option(names = "--autofluorescence340", paramLabel = "COUNTS", description = "Autofluorescence of unloaded cells at 340 nm, counts (default 0).")
	Double autofluorescence340;

	@Option(names = "--autofluorescence380", paramLabel = "COUNTS", description = "Autofluorescence of unloaded cells at 380 nm, counts (default 0).")
	Double autofluorescence380;

	@Option(names = "--saturation", paramLabel = "COUNTS", description = "Raw value counted as saturated (default: the pixel type's maximum, 65535 for 16-bit).")
	Double saturation;

	@Option(names = "--min-signal", paramLabel = "SIGMA", description = "No ratio where corrected F380 < this many background noise SDs (default 3).")
	Double minSignal;

	@Option(names = "--measure-inset", paramLabel = "PX", description = "Outer pixels of each cell left out of its means, where blur mixes in neighbours and background (default 1; 0 = every pixel).")
	Integer measureInset;

	@Option(names = "--threads", paramLabel = "N", description = "Frames processed at once: one thread reads, N compute, results are written in frame order, the same for any N (default: every core).")
	Integer threads;

	// ---- segmentation
	@Mixin
	SegmentationOptions segmentationOptions = new SegmentationOptions();

	@Option(names = "--baseline-frames", paramLabel = "N", description = "Frames averaged for each cell's baseline and final value in summary.csv (default 5).")
	Integer baselineFrames;

	/** @return the flags given on the command line, as settings keys */
	JsonObject overrides() {
		JsonObject o = new JsonObject();
		put(o, PipelineSettings.KEY_CALIBRATION, calibration);
		put(o, PipelineSettings.KEY_KD, kd);
		put(o, PipelineSettings.KEY_RMIN, rmin);
		put(o, PipelineSettings.KEY_RMAX, rmax);
		put(o, PipelineSettings.KEY_BETA, beta);
		put(o, PipelineSettings.KEY_CA, ca);
		put(o, PipelineSettings.KEY_CA_FILE, caFile);
		put(o, PipelineSettings.KEY_KD_CA, kdCa);
		put(o, PipelineSettings.KEY_CA_MAX_RISE, caMaxRise);
		put(o, PipelineSettings.KEY_LAYOUT, layout);
		put(o, PipelineSettings.KEY_CHANNEL340, channel340);
		put(o, PipelineSettings.KEY_FRAME_INTERVAL, frameInterval);
		put(o, PipelineSettings.KEY_BACKGROUND, background);
		put(o, PipelineSettings.KEY_BG340, bg340);
		put(o, PipelineSettings.KEY_BG380, bg380);
		put(o, PipelineSettings.KEY_BG_ROI, bgRoi);
		put(o, PipelineSettings.KEY_SURFACE_DEGREE, surfaceDegree);
		put(o, PipelineSettings.KEY_GUARD, guard);
		put(o, PipelineSettings.KEY_RING, ringWidth);
		put(o, PipelineSettings.KEY_CAMERA_OFFSET, cameraOffset);
		put(o, PipelineSettings.KEY_AUTOFLUOR340, autofluorescence340);
		put(o, PipelineSettings.KEY_AUTOFLUOR380, autofluorescence380);
		put(o, PipelineSettings.KEY_SATURATION, saturation);
		put(o, PipelineSettings.KEY_MIN_SIGNAL, minSignal);
		put(o, PipelineSettings.KEY_MEASURE_INSET, measureInset);
		put(o, PipelineSettings.KEY_FRAME_THREADS, threads);
		segmentationOptions.addTo(o);
		put(o, PipelineSettings.KEY_BASELINE_FRAMES, baselineFrames);
		return o;
	}

	static void put(JsonObject o, String key, Object v) {
		if (v instanceof Number) o.addProperty(key, (Number) v);
		else if (v != null) o.addProperty(key, v.toString());
	}

	@Override
	public Integer call() throws Exception {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter outw = spec.commandLine().getOut();
		if ((f340 == null) != (f380 == null)) throw new IllegalArgumentException(
			"--f340 and --f380 go together: give both stacks of a separate pair");
		List<Pipeline.Input> inputs = new ArrayList<>();
		for (Path r : recordings)
			inputs.add(Pipeline.Input.of(r));
		if (f340 != null) inputs.add(Pipeline.Input.separate(f340, f380));
		if (inputs.isEmpty()) throw new IllegalArgumentException(
			"no input: give a RECORDING file or --f340 FILE --f380 FILE");
		PipelineSettings settings = SettingsFlags.load(config, overrides());
		java.io.PrintStream errStream = new java.io.PrintStream(new WriterOutputStream(err), true, "UTF-8");
		if (inputs.size() == 1) {
			try {
				Pipeline.Result r = Pipeline.run(settings, inputs.get(0), out, overwrite, new StderrProgress(errStream,
					quiet, ""));
				outw.println("wrote " + r.folder + " (" + r.analysis.labels.count() + " cells x " + r.analysis
					.frames() + " frames)");
				return 0;
			} catch (java.io.IOException | RuntimeException | OutOfMemoryError e) {
				Failure f = Failure.of(e);
				err.println("magratio: " + (f.message.contains(inputs.get(0).file().toString()) ? "" : inputs.get(0) +
					": ") + f.message);
				if (Main.debug(spec.commandLine())) e.printStackTrace(err);
				return f.exitCode();
			}
		}
		// several files: the batch engine, one at a time, each to OUT/<stem>/, and OUT/batch.csv
		List<BatchJob> jobs = new ArrayList<>();
		for (Pipeline.Input in : inputs) {
			String id = in.file().toString(), id380 = in.file380() == null ? "" : in.file380().toString();
			String stem = in.stem(settings);
			jobs.add(BatchJob.of(id, id380, in.named(stem), stem, java.nio.file.Files.isRegularFile(in.file())
				? java.nio.file.Files.size(in.file()) : 0));
		}
		jobs = InputScan.disambiguate(jobs); // the batch's rule: inputs that would share a result folder both fail
		BatchRunner.Result batch = BatchRunner.builder(settings, out).threads(1).mode(overwrite ? BatchRunner.Mode.FORCE
			: BatchRunner.Mode.RESUME).listener(new BatchProgress(err, quiet, false)).others(
				SlurmSubmission::requireNoneActive).build().run(jobs);
		for (BatchTable.Row r : batch.rows)
			if (r.status == BatchTable.Status.OK) outw.println("wrote " + out.resolve(r.output) + " (" + r.cells +
				" cells x " + r.frames + " frames)");
			else if (r.status == BatchTable.Status.SKIPPED) outw.println("kept " + out.resolve(r.output) +
				", finished by an earlier run with the same settings (--overwrite runs it again)");
		outw.flush();
		err.flush();
		return batch.failures() == 0 ? 0 : Main.EXIT_FAILURE;
	}
}
