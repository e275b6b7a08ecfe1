package io.github.magratio.cli;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.calibration.KdFit;
import io.github.magratio.calibration.measure.Titration;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio titrate}: Kd from standards of known free [Mg2+] (see {@link Titration} for the CSV). beta comes
 * from {@code --beta} or an in-situ calibration file; with {@code --fix-ends} that file's Rmin and Rmax are held fixed.
 */
@Command(name = "titrate", mixinStandardHelpOptions = true, sortOptions = false, description = {
	"Fit Kd (and Rmin, Rmax) of Mag-Fura-2 to standards of known free [Mg2+] by non-linear least squares; " +
		"Kd = K'/beta. Writes a calibration JSON with standard errors and a PNG of data and fit.",
	"Standards CSV columns: mg_mM (or mg_uM), and ratio or f340,f380 (optional bg340,bg380).",
	"Examples:", "  magratio titrate --standards standards.csv --beta 3.0 --out kd.json",
	"  magratio titrate --standards standards.csv --calibration insitu.json --fix-ends --out kd.json", "" },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:fit written", "1:a processing failure",
		"2:invalid input or a fit that failed (nothing written)" })
public final class TitrateCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--standards", required = true, paramLabel = "CSV",
		description = "Standards table: mg_mM (or mg_uM) and ratio, or f340,f380 (optional bg340,bg380), or file (a " +
			"340/380 recording of cells clamped at that [Mg2+], measured like 'run'; relative to the CSV).")
	Path standards;

	@Option(names = "--config", paramLabel = "FILE", description = "Settings JSON (as for run) for standards given as " +
		"recordings (a 'file' column): layout, segmentation and background.")
	Path config;

	@Option(names = { "-q", "--quiet" }, description = "No progress on stderr while measuring recordings.")
	boolean quiet;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "FILE", description = "Calibration JSON to write.")
	Path out;

	@Option(names = "--plot", paramLabel = "FILE", description = "PNG of data and fit (default: OUT with .png).")
	Path plot;

	@Option(names = "--overwrite", description = "Replace the --out and --plot files if it exists (default: refuse).")
	boolean overwrite;

	@Option(names = "--beta", paramLabel = "BETA",
		description = "beta = F380(Mg-free)/F380(Mg-saturated), dimensionless (or take it from --calibration).")
	Double beta;

	@Option(names = "--beta-se", paramLabel = "SE", description = "Standard error of --beta (default 0).")
	Double betaSe;

	@Option(names = "--calibration", paramLabel = "FILE",
		description = "In-situ calibration JSON supplying beta and beta_se (and Rmin, Rmax with --fix-ends).")
	Path calibration;

	@Option(names = "--fix-ends", description = "Hold Rmin and Rmax at the --calibration file's values; fit only K'.")
	boolean fixEnds;

	@Option(names = "--weights", paramLabel = "relative|none", defaultValue = "relative",
		description = "relative: errors proportional to R (weights 1/R^2); none: equal absolute errors (default ${DEFAULT-VALUE}).")
	String weights;

	@Option(names = "--temperature", paramLabel = "C", description = "Temperature of the standards, degrees C (recorded).")
	Double temperature;

	@Option(names = "--notes", paramLabel = "TEXT", description = "Free-text notes recorded in the file.")
	String notes;

	@Override
	public Integer call() throws Exception {
		PrintWriter o = spec.commandLine().getOut();
		if (!weights.equals("relative") && !weights.equals("none")) throw new IllegalArgumentException(
			"--weights must be 'relative' or 'none', got '" + weights + "'");
		Path png = plot != null ? plot : defaultPlot(out);
		if (png.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) throw new IllegalArgumentException(
			"--plot and --out are the same file (" + out + "): the plot would replace the calibration; give another " +
				"--plot");
		AtomicFiles.requireNotAnInput("--out", out, standards, calibration);
		AtomicFiles.requireNotAnInput(plot != null ? "--plot" : "--plot (default: --out with .png)", png, standards,
			calibration);
		AtomicFiles.refuseExisting("--out", out, overwrite, "pass --overwrite");
		AtomicFiles.refuseExisting(plot != null ? "--plot" : "the plot (--out with .png)", png, overwrite,
			"pass --overwrite");
		Calibration insitu = calibration == null ? null : CalibrationFile.read(calibration).calibration();
		if (fixEnds && insitu == null) throw new IllegalArgumentException(
			"--fix-ends needs --calibration FILE with the in-situ Rmin and Rmax");
		double b, bSe;
		if (beta != null) {
			b = beta;
			bSe = betaSe == null ? 0 : betaSe;
		}
		else if (insitu != null) {
			b = insitu.beta();
			bSe = betaSe == null ? insitu.betaSe() : betaSe;
		}
		else throw new IllegalArgumentException("titrate needs beta (Kd = K'/beta): give --beta or --calibration " +
			"with an in-situ calibration file");
		if (!(b > 0)) throw new IllegalArgumentException("--beta must be > 0, got " + b);
		if (!(bSe >= 0)) throw new IllegalArgumentException("--beta-se must be >= 0, got " + bSe);
		KdFit.Options opts = KdFit.Options.of(b, bSe).relativeErrors(weights.equals("relative"));
		if (fixEnds) opts = opts.fixRmin(insitu.rmin()).fixRmax(insitu.rmax());
		PipelineSettings measurement = PipelineSettings.measurement(config, null);
		Titration.Standards s = Titration.readStandards(standards, measurement, quiet ? Progress.NONE
			: new StderrProgress(System.err, false, ""));
		for (Path image : s.images)
			AtomicFiles.requireNotAnInput("--out", out, image);
		KdFit.Result fit = Titration.fit(standards, s, opts);
		CalibrationFile file = Titration.calibrationFile(fit, standards, s, temperature == null ? Double.NaN
			: temperature, notes);
		Titration.write(fit, file, out, png);
		o.println(fit);
		o.println("wrote " + out + " and " + png);
		o.flush();
		return 0;
	}

	static Path defaultPlot(Path json) {
		String name = json.getFileName().toString();
		String stem = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
		Path parent = json.toAbsolutePath().getParent();
		return parent == null ? Paths.get(stem + ".png") : parent.resolve(stem + ".png");
	}
}
