package io.github.magratio.command;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.calibration.KdFit;
import io.github.magratio.calibration.measure.Titration;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Fit Kd: the engine of {@code magratio titrate} (see {@link Titration} for the standards
 * CSV): Rmin, Rmax and K' fitted to standards of known free [Mg2+] by non-linear least squares, Kd = K' / beta,
 * written as a calibration JSON and a PNG of data and fit. Thin: validates, calls {@link Titration}, sets the
 * constants as outputs. Nothing is written when the fit fails.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Fit Kd", label = "Fit Kd")
public class FitKdCommand extends MagRatioCommand {

	/** Standards CSV. */
	@Parameter(label = "Standards CSV", style = "open", description = "one row per standard: mg_mM (or mg_uM) and " +
		"ratio, or f340,f380 counts (optional bg340,bg380), or file: a 340/380 recording of cells clamped at that " +
		"[Mg2+] (relative to the CSV), measured like Run Pipeline with default settings")
	private File standards;

	/** beta from the in-situ end points. */
	@Parameter(label = "beta", min = "0", description = "beta = F380(Mg-free) / F380(Mg-saturated), " +
		"dimensionless, from an in-situ calibration (Kd = K' / beta); required")
	private double beta = Double.NaN;

	/** Standard error of beta. */
	@Parameter(label = "beta standard error", min = "0", description = "standard error of beta, dimensionless " +
		"(0 = unknown)")
	private double betase = 0;

	/** Weighting of the fit. */
	@Parameter(label = "Weights", choices = { "relative", "none" }, description = "relative: errors proportional " +
		"to R (weights 1/R^2); none: equal absolute errors")
	private String weights = "relative";

	/** The calibration JSON to write. */
	@Parameter(label = "Save calibration as (JSON)", style = "save", description = "calibration JSON to write (kd_mM, rmin, " +
		"rmax, beta with standard errors and the fit's statistics)")
	private File output;

	/** The PNG of data and fit. */
	@Parameter(label = "Plot (PNG)", style = "save", description = "PNG of the standards and the fitted curve " +
		"R([Mg2+]) on a log [Mg2+] axis (mM)")
	private File plot;

	/** Replace the calibration file and the plot if it exists (default: refuse, so a macro never overwrites a result silently). */
	@Parameter(label = "Overwrite", description = "Replace the calibration file and the plot if it exists (default: refuse)")
	private boolean overwrite = false;

	/** Kd for Mg2+, mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "Kd (mM)")
	private double kd;

	/** Standard error of Kd, mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "Kd SE (mM)")
	private double kdse;

	/** Lower end of the 95 % interval of Kd, mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "Kd 95% low (mM)")
	private double kdlow;

	/** Upper end of the 95 % interval of Kd, mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "Kd 95% high (mM)")
	private double kdhigh;

	/** Rmin, dimensionless ratio. */
	@Parameter(type = ItemIO.OUTPUT, label = "Rmin")
	private double rmin;

	/** Rmax, dimensionless ratio. */
	@Parameter(type = ItemIO.OUTPUT, label = "Rmax")
	private double rmax;

	/** K' = Kd * beta, mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "K' (mM)")
	private double kprime;

	/** The calibration file written. */
	@Parameter(type = ItemIO.OUTPUT, label = "Calibration file written")
	private String file;

	@Override
	protected void execute() throws Exception {
		if (standards == null) throw new IllegalArgumentException("standards: no standards CSV given");
		if (output == null) throw new IllegalArgumentException("output: no calibration file given");
		if (plot == null) throw new IllegalArgumentException("plot: no PNG file given");
		if (output.toPath().toAbsolutePath().normalize().equals(plot.toPath().toAbsolutePath().normalize()))
			throw new IllegalArgumentException("plot: the plot and the calibration file are the same file (" + output +
				"); give another plot file");
		AtomicFiles.requireNotAnInput("output", output.toPath(), standards.toPath());
		AtomicFiles.requireNotAnInput("plot", plot.toPath(), standards.toPath());
		AtomicFiles.refuseExisting("output", output.toPath(), overwrite, HOW_TO_OVERWRITE);
		AtomicFiles.refuseExisting("plot", plot.toPath(), overwrite, HOW_TO_OVERWRITE);
		if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be > 0, got " +
			beta);
		if (!(betase >= 0)) throw new IllegalArgumentException("betase must be >= 0, got " + betase);
		if (!weights.equals("relative") && !weights.equals("none")) throw new IllegalArgumentException(
			"weights must be 'relative' or 'none', got '" + weights + "'");
		// standards given as recordings (a file column) are measured with the default pipeline settings
		Titration.Standards s = Titration.readStandards(standards.toPath(), PipelineSettings.measurement(null,
			null), progress());
		for (java.nio.file.Path image : s.images)
			AtomicFiles.requireNotAnInput("output", output.toPath(), image);
		KdFit.Result fit = Titration.fit(standards.toPath(), s, KdFit.Options.of(beta, betase).relativeErrors(weights
			.equals("relative")));
		CalibrationFile f = Titration.calibrationFile(fit, standards.toPath(), s, Double.NaN, null);
		Titration.write(fit, f, output.toPath(), plot.toPath());
		kd = fit.kdMillimolar;
		kdse = fit.kdMillimolarSe;
		kdlow = fit.kdLowMillimolar;
		kdhigh = fit.kdHighMillimolar;
		rmin = fit.rmin;
		rmax = fit.rmax;
		kprime = fit.kPrimeMillimolar;
		file = output.getPath();
	}
}
