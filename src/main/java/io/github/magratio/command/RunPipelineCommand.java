package io.github.magratio.command;

import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;

import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Run Pipeline: the CLI's engine ({@code scripts/magratio run}) on one recording file:
 * every setting comes from an optional settings JSON (the keys of {@link PipelineSettings}, as in a run.json), the
 * calibration file from its own parameter. Writes {@code output/<input stem>/} (cells.csv, summary.csv, ratio.tif,
 * mg.tif, labels.tif, rois.zip, traces.png, run.json). Loop it over a folder in a macro for batches.
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

	/** The calibration file (JSON with kd_mM, rmin, rmax, beta). */
	@Parameter(label = "Calibration file", description = "MagRatio calibration JSON: kd_mM (mM), rmin, rmax, beta",
		style = "open, extensions:json")
	private File calibration;

	/** Settings JSON (pipeline keys); empty = defaults. */
	@Parameter(label = "Settings file", description = "Pipeline settings JSON (keys as in run.json); empty = defaults",
		persist = false)
	private String settings = "";

	/** Replace an existing result folder. */
	@Parameter(label = "Overwrite", description = "Replace an existing result folder of the same name")
	private boolean overwrite = false;

	/** The folder the results were written to. */
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
		if (!input.isFile()) throw new IllegalArgumentException("input: " + input + " is not a file");
		if (output == null) throw new IllegalArgumentException("output: no output folder given");
		if (calibration == null) throw new IllegalArgumentException("calibration: no calibration file given");
		PipelineSettings s = pipelineSettings(calibration, settings, moreSettings());
		Pipeline.Result r = Pipeline.run(s, Pipeline.Input.of(input.toPath()), output.toPath(), overwrite, progress());
		folder = r.folder.toString();
		cells = r.analysis.labels.count();
	}
}
