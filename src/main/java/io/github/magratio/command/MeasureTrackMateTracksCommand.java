package io.github.magratio.command;

import com.google.gson.JsonObject;

import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Tools &gt; Measure TrackMate Tracks: free [Mg2+] along the tracks of a TrackMate file (e.g.
 * tracks curated in TrackMate and saved with its Save button), as {@code scripts/magratio measure-tracks}: each
 * spot's outline (or the disc of its radius) is the cell in its frame; writes {@code output/<input stem>/} like Run
 * Pipeline, with TrackMate's track id in cells.csv's {@code trackmate_track_id}.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Tools>Measure TrackMate Tracks")
public class MeasureTrackMateTracksCommand extends MagRatioCommand {

	/** The recording the tracks were made on: a TIFF with both channels. */
	@Parameter(label = "Recording file", description = "TIFF holding both channels (2-channel hyperstack, or an " +
		"interleaved stack with layout set in the settings file)", style = "open")
	private File input;

	/** The TrackMate XML file (TrackMate 2 to 8), made on an image of the recording's width and height. */
	@Parameter(label = "TrackMate file", description = "TrackMate XML (File > Save in TrackMate), made on this " +
		"recording", style = "open, extensions:xml")
	private File tracks;

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

	/** Number of cells (unbranched track pieces and lone spots) measured. */
	@Parameter(type = ItemIO.OUTPUT, label = "Cells")
	private int cells;

	@Override
	protected void execute() throws IOException {
		if (input == null || !input.isFile()) throw new IllegalArgumentException("input: " + (input == null ?
			"no recording file given" : input + " is not a file"));
		if (tracks == null || !tracks.isFile()) throw new IllegalArgumentException("tracks: " + (tracks == null ?
			"no TrackMate file given" : tracks + " is not a file"));
		if (output == null) throw new IllegalArgumentException("output: no output folder given");
		if (calibration == null) throw new IllegalArgumentException("calibration: no calibration file given");
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_CALIBRATION, calibration.getPath());
		o.addProperty(PipelineSettings.KEY_TRACKS, tracks.getPath());
		Path config = settings == null || settings.trim().isEmpty() ? null : Paths.get(settings.trim());
		PipelineSettings s = PipelineSettings.load(config, o);
		Pipeline.Result r = Pipeline.run(s, Pipeline.Input.of(input.toPath()), output.toPath(), overwrite, progress());
		folder = r.folder.toString();
		cells = r.analysis.table.cells();
	}
}
