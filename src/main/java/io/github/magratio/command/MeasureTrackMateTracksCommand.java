package io.github.magratio.command;

import com.google.gson.JsonObject;

import io.github.magratio.pipeline.PipelineSettings;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Tools &gt; Measure TrackMate Tracks: free [Mg2+] along the tracks of a TrackMate file (e.g.
 * tracks curated in TrackMate and saved with its Save button), as {@code scripts/magratio measure-tracks}: Run
 * Pipeline's parameters and outputs, plus the TrackMate file, whose spots' outlines (or discs of their radius) are the
 * cells of each frame; cells.csv has TrackMate's track id in {@code trackmate_track_id}.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Tools>Measure TrackMate Tracks")
public class MeasureTrackMateTracksCommand extends RunPipelineCommand {

	/** The TrackMate XML file (TrackMate 2 to 8), made on an image of the recording's width and height. */
	@Parameter(label = "TrackMate file", description = "TrackMate XML (File > Save in TrackMate), made on this " +
		"recording", style = "open, extensions:xml")
	private File tracks;

	@Override
	protected JsonObject moreSettings() {
		if (tracks == null || !tracks.isFile()) throw new IllegalArgumentException("tracks: " + (tracks == null ?
			"no TrackMate file given" : tracks + " is not a file"));
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_TRACKS, tracks.getPath());
		return o;
	}
}
