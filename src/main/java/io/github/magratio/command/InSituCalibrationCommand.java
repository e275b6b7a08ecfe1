package io.github.magratio.command;

import com.google.gson.JsonObject;

import io.github.magratio.calibration.measure.InSituCalibration;
import io.github.magratio.core.Calibration;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; In-situ Calibration: the engine of {@code magratio calibrate} (see
 * {@link InSituCalibration}). Rmin, Rmax and beta from the cells of a recording, with standard errors over cells,
 * written to a calibration JSON together with the given Kd. Two protocols:
 * <ul>
 * <li>frame ranges (default): {@code recording} holds both conditions, {@code rminframes} and {@code rmaxframes}
 * name their plateaus (inclusive, numbered from 1 as ImageJ's t slider shows them, e.g. {@code 121-141}; the CLI and
 * the calibration file count from 0, as cells.csv does);</li>
 * <li>two recordings: {@code saturating} names the recording in saturating Mg2+; {@code recording} is then the
 * Mg-free one and both frame ranges must be empty.</li>
 * </ul>
 * Optional paths ({@code saturating}, {@code settings}) are Strings, never {@code required = false} Files, which
 * recorded macros drop (scijava/scijava-common#491). Thin: validates, calls {@link InSituCalibration}, writes the
 * file, sets the constants as outputs. Nothing is written when the calibration fails.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>In-situ Calibration",
	label = "In-situ Calibration")
public class InSituCalibrationCommand extends MagRatioCommand {

	/** The calibration recording (with both plateaus, or the Mg-free one in the two-recording mode). */
	@Parameter(label = "Recording", style = "open", description = "TIFF with both channels: the calibration " +
		"recording holding both plateaus, or (with a saturating recording) the one in Mg-free buffer + ionophore")
	private File recording;

	/** Mg-free plateau frames, inclusive, numbered from 1 as ImageJ's t slider. */
	@Parameter(label = "Rmin frames (t, from 1)", persist = false, description = "Mg-free buffer + ionophore " +
		"plateau of the recording: FIRST-LAST, frames as ImageJ's t slider numbers them (from 1), inclusive (e.g. " +
		"121-141); empty with a saturating recording")
	private String rminframes = "";

	/** Saturating plateau frames, inclusive, numbered from 1 as ImageJ's t slider. */
	@Parameter(label = "Rmax frames (t, from 1)", persist = false, description = "Saturating Mg2+ + ionophore " +
		"plateau: FIRST-LAST, frames as ImageJ's t slider numbers them (from 1), inclusive (e.g. 171-191); empty " +
		"with a saturating recording")
	private String rmaxframes = "";

	/** Kd for Mg2+ recorded in the calibration, mM. */
	@Parameter(label = "Kd (mM)", min = "0", description = "Kd of Mag-Fura-2 for Mg2+ in mM to record " +
		"(from a titration; 1.9 mM is the manufacturer's value)")
	private double kd = Calibration.DEFAULT_KD_MILLIMOLAR;

	/** Standard error of Kd, mM. */
	@Parameter(label = "Kd standard error (mM)", min = "0", description = "standard error of Kd in mM " +
		"(0 = unknown)")
	private double kdse = 0;

	/** The calibration JSON to write. */
	@Parameter(label = "Save calibration as (JSON)", style = "save", description = "calibration JSON to write (kd_mM, rmin, " +
		"rmax, beta with standard errors, sources with SHA-256)")
	private File output;

	/** Two-recording mode: the recording in saturating Mg2+. */
	@Parameter(label = "Saturating recording (optional)", persist = false, description = "path of a second " +
		"recording of the same field in saturating Mg2+ + ionophore; empty = frame ranges of the recording")
	private String saturating = "";

	/** Pipeline settings JSON for segmentation and background. */
	@Parameter(label = "Settings file (optional)", persist = false, description = "pipeline settings JSON for " +
		"segmentation, background and layout (keys as in run.json); empty = defaults")
	private String settings = "";

	/** Plateau tolerance, relative. */
	@Parameter(label = "Plateau tolerance", min = "0", description = "largest relative change of the ratio over a " +
		"plateau before a warning (fraction, default 0.02)")
	private double tolerance = InSituCalibration.Options.DEFAULT_PLATEAU_TOLERANCE;

	/** Outlier cut, scaled MADs. */
	@Parameter(label = "Outlier cut (MADs)", min = "0", description = "cells further than this many scaled MADs " +
		"from the median are left out (default 3.5)")
	private double outliers = InSituCalibration.Options.DEFAULT_OUTLIER_MADS;

	/** Bleaching correction of beta. */
	@Parameter(label = "Correct beta for bleaching", description = "correct beta for bleaching between the two " +
		"plateaus (frame-range protocol only)")
	private boolean bleach = true;

	/** Replace the calibration file if it exists (default: refuse, so a macro never overwrites a result silently). */
	@Parameter(label = "Overwrite", description = "Replace the calibration file if it exists (default: refuse)")
	private boolean overwrite = false;

	/** Rmin, dimensionless ratio. */
	@Parameter(type = ItemIO.OUTPUT, label = "Rmin")
	private double rmin;

	/** Standard error of Rmin. */
	@Parameter(type = ItemIO.OUTPUT, label = "Rmin SE")
	private double rminse;

	/** Rmax, dimensionless ratio. */
	@Parameter(type = ItemIO.OUTPUT, label = "Rmax")
	private double rmax;

	/** Standard error of Rmax. */
	@Parameter(type = ItemIO.OUTPUT, label = "Rmax SE")
	private double rmaxse;

	/** beta = F380(Mg-free) / F380(saturated), dimensionless. */
	@Parameter(type = ItemIO.OUTPUT, label = "beta")
	private double beta;

	/** Standard error of beta. */
	@Parameter(type = ItemIO.OUTPUT, label = "beta SE")
	private double betase;

	/** Cells kept after outlier rejection. */
	@Parameter(type = ItemIO.OUTPUT, label = "Cells kept")
	private int cellskept;

	/** The calibration file written. */
	@Parameter(type = ItemIO.OUTPUT, label = "Calibration file written")
	private String file;

	@Override
	protected void execute() throws Exception {
		if (recording == null || !recording.isFile()) throw new IllegalArgumentException("recording: " + (recording ==
			null ? "no file given" : recording + " is not a file"));
		if (output == null) throw new IllegalArgumentException("output: no calibration file given");
		boolean two = !blank(saturating);
		if (two && (!blank(rminframes) || !blank(rmaxframes))) throw new IllegalArgumentException(
			"saturating: with a second recording the frame ranges rminframes and rmaxframes must be empty");
		if (!two && (blank(rminframes) || blank(rmaxframes))) throw new IllegalArgumentException(
			"rminframes and rmaxframes: give both plateaus (frames as ImageJ's t slider, e.g. 121-141), or a saturating " +
				"recording");
		InSituCalibration.FrameRange r0 = two ? null : InSituCalibration.FrameRange.parse(rminframes, "rminframes", 1);
		InSituCalibration.FrameRange r1 = two ? null : InSituCalibration.FrameRange.parse(rmaxframes, "rmaxframes", 1);
		InSituCalibration.Options opts = InSituCalibration.Options.of(kd, kdse).plateauTolerance(tolerance)
			.outlierMads(outliers).correctBleaching(bleach);
		Path config = blank(settings) ? null : Paths.get(settings.trim());
		PipelineSettings s;
		try {
			s = PipelineSettings.measurement(config, new JsonObject());
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("settings: " + e.getMessage(), e);
		}
		Path sat = two ? Paths.get(saturating.trim()) : null;
		if (two && !sat.toFile().isFile()) throw new IllegalArgumentException("saturating: " + sat + " is not a file");
		AtomicFiles.requireNotAnInput("output", output.toPath(), recording.toPath(), sat, config, s.labelsFile(), s
			.roisFile());
		AtomicFiles.refuseExisting("output", output.toPath(), overwrite, HOW_TO_OVERWRITE);
		InSituCalibration.Protocol protocol = two ? InSituCalibration.Protocol.separateRecordings(recording.toPath(),
			sat) : InSituCalibration.Protocol.frameRanges(recording.toPath(), r0, r1);
		InSituCalibration.Result r = InSituCalibration.run(s, protocol, opts, null, Double.NaN, null, output.toPath(),
			progress()).result;
		for (String w : r.warnings)
			warn(w);
		for (String x : r.outliers)
			warn("left out " + x);
		Calibration c = r.calibration;
		rmin = c.rmin();
		rminse = c.rminSe();
		rmax = c.rmax();
		rmaxse = c.rmaxSe();
		beta = c.beta();
		betase = c.betaSe();
		cellskept = r.cellsKept;
		file = output.getPath();
	}

	private static boolean blank(String s) {
		return s == null || s.trim().isEmpty();
	}
}
