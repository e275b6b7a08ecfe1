package io.github.magratio.cli;

import com.google.gson.JsonObject;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.calibration.measure.InSituCalibration;
import io.github.magratio.core.Calibration;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio calibrate}: in-situ Rmin, Rmax and beta from images (see {@link InSituCalibration}), written as a
 * calibration JSON with standard errors and the sources' checksums. Nothing is written when the calibration fails.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false, description = {
	"In-situ calibration of Mag-Fura-2 from images: Rmin (Mg-free buffer + ionophore), Rmax (saturating Mg2+ + " +
		"ionophore) and beta = F380(Mg-free)/F380(saturated) from the same cells, with standard errors over cells.",
	"Segmentation and background subtraction are those of 'run' (--config, --layout, --channel340).",
	"Examples:", "  magratio calibrate --rmin-image zero-mg.tif --rmax-image high-mg.tif --kd 1.5 --out cal.json",
	"  magratio calibrate --recording rec.tif --rmin-frames 120-140 --rmax-frames 170-190 --kd 1.5 --out cal.json",
	"" }, exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:calibration written", "1:a processing failure",
		"2:invalid input (nothing written)" })
public final class CalibrateCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--rmin-image", paramLabel = "FILE", description = "Recording of the cells in Mg-free buffer with ionophore.")
	Path rminImage;

	@Option(names = "--rmax-image", paramLabel = "FILE", description = "Recording of the same field in saturating Mg2+ with ionophore.")
	Path rmaxImage;

	@Option(names = "--recording", paramLabel = "FILE", description = "One recording holding both conditions as frame ranges.")
	Path recording;

	@Option(names = "--rmin-frames", paramLabel = "FIRST-LAST", description = "Mg-free plateau frames of --recording, 0-based, inclusive.")
	String rminFrames;

	@Option(names = "--rmax-frames", paramLabel = "FIRST-LAST", description = "Saturating plateau frames of --recording, 0-based, inclusive.")
	String rmaxFrames;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Calibration JSON to write.")
	Path out;

	@Option(names = "--overwrite", description = "Replace the --out file if it exists (default: refuse).")
	boolean overwrite;

	@Option(names = "--kd", paramLabel = "MM", description = "Kd for Mg2+ in mM to record (default 1.9, or --kd-file's).")
	Double kd;

	@Option(names = "--kd-se", paramLabel = "MM", description = "Standard error of --kd in mM (default 0 = unknown).")
	Double kdSe;

	@Option(names = "--kd-file", paramLabel = "FILE", description = "Take Kd and its SE from a calibration JSON (e.g. from 'titrate').")
	Path kdFile;

	@Option(names = "--plateau-tolerance", paramLabel = "FRACTION", defaultValue = "" +
		InSituCalibration.Options.DEFAULT_PLATEAU_TOLERANCE, description = "Largest relative change of the ratio over a plateau before a warning (default ${DEFAULT-VALUE}).")
	double plateauTolerance;

	@Option(names = "--outlier-mads", paramLabel = "N", defaultValue = "" + InSituCalibration.Options.DEFAULT_OUTLIER_MADS,
		description = "Cells further than N scaled MADs from the median are left out and reported (default ${DEFAULT-VALUE}).")
	double outlierMads;

	@Option(names = "--no-bleach-correction", description = "Do not correct beta for bleaching between the two plateaus.")
	boolean noBleachCorrection;

	@Option(names = "--config", paramLabel = "FILE", description = "Pipeline settings JSON for segmentation and background.")
	Path config;

	@Option(names = "--layout", paramLabel = "LAYOUT", description = "auto | hyperstack | interleaved (default auto).")
	String layout;

	@Option(names = "--channel340", paramLabel = "1|2", description = "Which channel is 340 nm (default 1).")
	Integer channel340;

	@Option(names = "--temperature", paramLabel = "C", description = "Temperature in degrees C (recorded).")
	Double temperature;

	@Option(names = "--notes", paramLabel = "TEXT", description = "Free-text notes recorded in the file.")
	String notes;

	@Option(names = { "-q", "--quiet" }, description = "No progress on stderr (warnings still print).")
	boolean quiet;

	@Override
	public Integer call() throws Exception {
		PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
		boolean images = rminImage != null || rmaxImage != null;
		boolean ranges = recording != null || rminFrames != null || rmaxFrames != null;
		if (images == ranges) throw new IllegalArgumentException("give either --rmin-image and --rmax-image, or " +
			"--recording with --rmin-frames and --rmax-frames");
		if (images && (rminImage == null || rmaxImage == null)) throw new IllegalArgumentException(
			"--rmin-image and --rmax-image go together");
		if (ranges && (recording == null || rminFrames == null || rmaxFrames == null)) throw new IllegalArgumentException(
			"--recording needs both --rmin-frames and --rmax-frames (0-based, e.g. 120-140)");
		AtomicFiles.requireNotAnInput("--out", out, rminImage, rmaxImage, recording, kdFile, config);
		AtomicFiles.refuseExisting("--out", out, overwrite, "pass --overwrite");
		double k = Calibration.DEFAULT_KD_MILLIMOLAR, kSe = 0;
		if (kdFile != null) {
			Calibration c = CalibrationFile.read(kdFile).calibration();
			k = c.kdMillimolar();
			kSe = c.kdMillimolarSe();
		}
		if (kd != null) {
			k = kd;
			kSe = 0;
		}
		if (kdSe != null) kSe = kdSe;
		InSituCalibration.Options opts = InSituCalibration.Options.of(k, kSe).plateauTolerance(plateauTolerance)
			.outlierMads(outlierMads).correctBleaching(!noBleachCorrection);
		Path kdSource = kdFile != null && kd == null ? kdFile : null;
		InSituCalibration.Protocol protocol = images ? InSituCalibration.Protocol.separateRecordings(rminImage,
			rmaxImage) : InSituCalibration.Protocol.frameRanges(recording, InSituCalibration.FrameRange.parse(
				rminFrames, "--rmin-frames"), InSituCalibration.FrameRange.parse(rmaxFrames, "--rmax-frames"));
		PipelineSettings settings = SettingsFlags.measurement(config, overrides());
		AtomicFiles.requireNotAnInput("--out", out, rminImage, rmaxImage, recording, kdFile, config, settings
			.labelsFile(), settings.roisFile());
		PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, "UTF-8");
		StderrProgress progress = new StderrProgress(errStream, quiet, "");
		InSituCalibration.Result r = InSituCalibration.run(settings, protocol, opts, kdSource, temperature == null
			? Double.NaN : temperature, notes, out, progress).result;
		for (String w : r.warnings)
			err.println("magratio: warning: " + w);
		for (String x : r.outliers)
			err.println("magratio: left out " + x);
		o.println(r);
		o.println("wrote " + out);
		o.flush();
		err.flush();
		return 0;
	}

	/** Layout flags as settings keys (see {@link PipelineSettings#measurement}). */
	JsonObject overrides() {
		JsonObject j = new JsonObject();
		if (layout != null) j.addProperty(PipelineSettings.KEY_LAYOUT, layout);
		if (channel340 != null) j.addProperty(PipelineSettings.KEY_CHANNEL340, channel340);
		return j;
	}
}
