package io.github.magratio.cli;

import com.google.gson.JsonObject;

import io.github.magratio.batch.InputScan;
import io.github.magratio.pipeline.PipelineSettings;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The options that say what a batch is, shared by {@code batch} and {@code slurm} (a picocli mixin). */
final class BatchOptions {

	@Option(names = "--in", required = true, paramLabel = "DIR", description = "Folder of recordings.")
	Path in;

	@Option(names = "--glob", paramLabel = "GLOB", description = "Which files, as paths relative to --in " +
		"(a leading **/ also matches the top level; hidden files are skipped). Default: ${DEFAULT-VALUE}.")
	String glob = InputScan.DEFAULT_GLOB;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "DIR", description = "Output root (for slurm on " +
		"a file system every node sees); results mirror the input folders: IN/day1/A.tif -> OUT/day1/A/.")
	Path out;

	@Option(names = "--config", paramLabel = "FILE",
		description = "Settings JSON (keys as in run.json's \"settings\"), the same for every input.")
	Path config;

	@Option(names = "--calibration", paramLabel = "FILE", description = "Calibration JSON (overrides the settings' calibration).")
	String calibration;

	@Option(names = "--pair340", paramLabel = "TEXT", description = "File-name marker of a pair's 340 nm stack " +
		"(default from the settings: -340); \"\" with --pair380 \"\" = every file holds both channels.")
	String pair340;

	@Option(names = "--pair380", paramLabel = "TEXT", description = "File-name marker of a pair's 380 nm stack (default -380).")
	String pair380;

	/** @return the settings: the file, then the flags */
	PipelineSettings settings() throws IOException {
		JsonObject o = new JsonObject();
		if (calibration != null) o.addProperty(PipelineSettings.KEY_CALIBRATION, calibration);
		if (pair340 != null) o.addProperty(PipelineSettings.KEY_PAIR340, pair340);
		if (pair380 != null) o.addProperty(PipelineSettings.KEY_PAIR380, pair380);
		return SettingsFlags.load(config, o);
	}
}
