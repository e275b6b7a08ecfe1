package io.github.magratio.command;

import io.github.magratio.batch.BatchTable;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.Audience;
import io.github.magratio.util.Failure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Run Pipeline: the CLI's engine ({@code scripts/magratio run}) on one recording file:
 * every setting comes from an optional settings JSON (the keys of {@link PipelineSettings}, as in a run.json), the
 * calibration file from its own parameter. Writes {@code output/<input stem>/} (cells.csv, summary.csv, ratio.tif,
 * mg.tif, labels.tif, rois.zip, traces.png, run.json) and lists the recording in {@code output/batch.csv}, as
 * {@code magratio run} of several files does; with {@code keepgoing}, a recording that fails is listed there with the
 * reason instead of stopping the macro, so a macro looping it over a folder finishes every good file and leaves the
 * table of all. The constants Kd, Rmin, Rmax and beta come from the calibration file, or are typed (a typed one
 * overrides the file's, as the CLI's flags do). With a display, the results are opened: the [Mg2+] image, the trace
 * plot and the cells table.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Run Pipeline")
public class RunPipelineCommand extends MagRatioCommand {
	// a subclass (Measure TrackMate Tracks) adds its own settings through moreSettings()

	/** The recording: a TIFF with both channels (2-channel hyperstack or interleaved stack). */
	@Parameter(label = "Recording file", description = "TIFF holding both channels (2-channel hyperstack, or an " +
		"interleaved stack with layout set in the settings file)", style = "open")
	private File input;

	/** The output root; results go to {@code output/<input stem>/}. */
	@Parameter(label = "Output folder", description = "Results go to a subfolder named after the input", style =
		"directory")
	private File output;

	/** The calibration file (JSON with kd_mM, rmin, rmax, beta); empty = the constants typed below. */
	@Parameter(label = TypedCalibration.FILE_LABEL, description = TypedCalibration.FILE_DESCRIPTION, style =
		TypedCalibration.FILE_STYLE)
	private String calibration = "";

	/** Kd of Mag-Fura-2 for Mg2+, mM; NaN = the calibration file's (1.9 mM without a file). */
	@Parameter(label = TypedCalibration.KD_LABEL, description = TypedCalibration.KD_DESCRIPTION)
	private double kd = Double.NaN;

	/** Rmin (ratio of Mg-free dye); NaN = the calibration file's. */
	@Parameter(label = TypedCalibration.RMIN_LABEL, description = TypedCalibration.RMIN_DESCRIPTION)
	private double rmin = Double.NaN;

	/** Rmax (ratio of Mg-saturated dye); NaN = the calibration file's. */
	@Parameter(label = TypedCalibration.RMAX_LABEL, description = TypedCalibration.RMAX_DESCRIPTION)
	private double rmax = Double.NaN;

	/** beta = F380(Mg-free) / F380(Mg-saturated); NaN = the calibration file's. */
	@Parameter(label = TypedCalibration.BETA_LABEL, description = TypedCalibration.BETA_DESCRIPTION)
	private double beta = Double.NaN;

	/** Settings JSON (pipeline keys); empty = defaults. */
	@Parameter(label = "Settings file", description = "Pipeline settings JSON (keys as in run.json); empty = defaults",
		persist = false)
	private String settings = "";

	/** Replace an existing result folder. */
	@Parameter(label = "Overwrite", description = "Replace an existing result folder of the same name")
	private boolean overwrite = false;

	/**
	 * On a recording that cannot be processed, log the reason and end normally instead of stopping the macro, so a
	 * folder macro goes on with the next file; batch.csv lists it as failed.
	 */
	@Parameter(label = "Bad recording: log it and go on", description = "For folder macros: a recording that cannot " +
		"be processed is logged and listed as failed in output/batch.csv, and the macro goes on with the next one")
	private boolean keepgoing = false;

	/** The folder the results were written to ("" when the recording failed and keepgoing is on). */
	@Parameter(type = ItemIO.OUTPUT, label = "Result folder")
	private String folder;

	/** Number of cells measured. */
	@Parameter(type = ItemIO.OUTPUT, label = "Cells")
	private int cells;

	/** @return settings a subclass adds to this command's (keys of {@link PipelineSettings}); none here */
	protected com.google.gson.JsonObject moreSettings() {
		return new com.google.gson.JsonObject();
	}

	@Override
	protected void execute() throws IOException {
		if (input == null) throw new IllegalArgumentException("input: no recording file given");
		if (output == null) throw new IllegalArgumentException("output: no output folder given");
		long start = System.nanoTime();
		Pipeline.Result r;
		try {
			if (!input.isFile()) throw new IllegalArgumentException("input: " + input + " is not a file");
			PipelineSettings s = pipelineSettings(calibration, kd, rmin, rmax, beta, settings, moreSettings());
			r = Pipeline.run(s, Pipeline.Input.of(input.toPath()), output.toPath(), overwrite, progress());
		} catch (IllegalArgumentException | IOException e) {
			if (!keepgoing) throw e; // the macro stops here with the reason: nothing to list
			String reason = Failure.of(e, Audience.IMAGEJ).message;
			try {
				Files.createDirectories(output.toPath());
				BatchTable.put(output.toPath(), BatchTable.failed(input.toString(), reason, seconds(start)));
			} catch (IOException | RuntimeException listing) {
				e.addSuppressed(listing);
				throw e; // the output root itself is the problem: no macro can go on
			}
			warn(input + ": " + reason + " (listed as failed in " + output.toPath().resolve(BatchTable.BATCH) + ")");
			folder = "";
			cells = 0;
			return;
		}
		folder = r.folder.toString();
		cells = r.analysis.labels.count();
		BatchTable.put(output.toPath(), BatchTable.ok(input.toString(), output.toPath().relativize(r.folder).toString()
			.replace('\\', '/'), cells, r.analysis.frames(), seconds(start)));
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}
}
