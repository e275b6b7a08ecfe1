package io.github.magratio.cli;

import io.github.magratio.pipeline.PipelineSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code magratio measure-tracks}: [Mg2+] along the tracks of a TrackMate file, e.g. tracks curated in TrackMate. The
 * same run as {@code magratio run RECORDING --tracks FILE} (settings key {@value PipelineSettings#KEY_TRACKS}): every
 * other option is {@code run}'s, and the output folder is the same.
 */
@Command(name = "measure-tracks", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Measure free [Mg2+] along the tracks of a TrackMate XML file (spots' outlines, or discs of " +
		"their radius, are the cells of each frame; cells.csv keyed by TrackMate's track id in trackmate_track_id).",
		"Every other option is passed to 'run' (calibration, background, --out, --overwrite, ...): see 'run --help'.",
		"Example:", "  magratio measure-tracks --tracks curated.xml --recording rec.tif --calibration cal.json --out OUT",
		"" },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:measured", "1:a processing failure",
		"2:invalid input, option or settings (a bad TrackMate file among them)" })
public final class MeasureTracksCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--tracks", required = true, paramLabel = "XML",
		description = "TrackMate XML file (TrackMate 2 to 8) made on this recording (same width and height).")
	Path tracks;

	@Option(names = "--recording", required = true, paramLabel = "FILE",
		description = "The recording (both channels; --layout as for run).")
	Path recording;

	@Unmatched
	List<String> runOptions = new ArrayList<>();

	@Override
	public Integer call() {
		List<String> args = new ArrayList<>();
		args.add(recording.toString());
		args.add("--tracks");
		args.add(tracks.toString());
		args.addAll(runOptions);
		// run's own command line, with the main one's error handling and this one's streams
		CommandLine runLine = new CommandLine(new RunCli()).setOut(spec.commandLine().getOut()).setErr(spec.commandLine()
			.getErr()).setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
		return runLine.execute(args.toArray(new String[0]));
	}
}
