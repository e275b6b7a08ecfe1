package io.github.magratio.command;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.batch.BatchListener;
import io.github.magratio.batch.BatchRunner;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.batch.Chunks;
import io.github.magratio.batch.InputScan;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.slurm.SlurmSubmission;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Batch Pipeline: {@code magratio batch} in Fiji, the same engine: every recording of a
 * folder matched by the file pattern (340/380 pairs by the settings' file-name markers) to {@code output/<folders as
 * in input>/<stem>/}, several at once, keeping complete results whose input and settings are unchanged, with
 * {@code output/batch.csv} and {@code output/batch-summary.csv}. A bad file is logged and the others go on. On a
 * cluster each array task runs its share ({@code task} of {@code tasks}, writing {@code output/.tasks/}); a last run
 * with {@code tasks=1} then keeps every result and writes the tables (README, SLURM with Fiji).
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Batch Pipeline")
public class BatchPipelineCommand extends MagRatioCommand {

	/** The folder of recordings. */
	@Parameter(label = "Input folder", description = "Folder of recordings; files are chosen with the file pattern",
		style = "directory")
	private File input;

	/** Which files, as a glob over paths relative to the input folder. */
	@Parameter(label = "File pattern", description = "Glob over paths relative to the input folder (a leading **/ " +
		"also matches the top level; hidden files are skipped)", persist = false)
	private String glob = InputScan.DEFAULT_GLOB;

	/** The output root. */
	@Parameter(label = "Output folder", description = "Results mirror the input folders: input/day1/A.tif goes to " +
		"output/day1/A/", style = "directory")
	private File output;

	/** The calibration file (JSON with kd_mM, rmin, rmax, beta). */
	@Parameter(label = "Calibration file", description = "MagRatio calibration JSON: kd_mM (mM), rmin, rmax, beta",
		style = "open, extensions:json")
	private File calibration;

	/** Settings JSON (pipeline keys); empty = defaults. */
	@Parameter(label = "Settings file", description = "Pipeline settings JSON (keys as in run.json), the same for " +
		"every recording; empty = defaults", persist = false)
	private String settings = "";

	/** Recordings processed at once; 0 = all cores. */
	@Parameter(label = "Threads (0 = all cores)", description = "Recordings processed at once; 0 = all cores (memory: a few frames " +
		"per thread)", min = "0")
	private int threads = 0;

	/** Redo every input. */
	@Parameter(label = "Redo all", description = "Redo every recording, replacing earlier results (default: keep " +
		"complete results whose recording and settings are unchanged)", persist = false)
	private boolean force = false;

	/** This task's index on a cluster (never remembered: a later run from the menu does the whole folder). */
	@Parameter(label = "Task", description = "On a cluster: this task's share of the folder, 0 .. tasks-1 (e.g. " +
		"SLURM_ARRAY_TASK_ID)", min = "0", persist = false)
	private int task = 0;

	/** The number of tasks sharing the folder. */
	@Parameter(label = "Tasks", description = "On a cluster: how many tasks share the folder (1 = all of it here, " +
		"with batch.csv)", min = "1", persist = false)
	private int tasks = 1;

	/** The table written: batch.csv, or this task's table. */
	@Parameter(type = ItemIO.OUTPUT, label = "Batch table")
	private String table;

	/** Inputs processed by this run. */
	@Parameter(type = ItemIO.OUTPUT, label = "Processed")
	private int ok;

	/** Inputs whose result was kept. */
	@Parameter(type = ItemIO.OUTPUT, label = "Kept")
	private int skipped;

	/** Inputs that failed (see the table and the log). */
	@Parameter(type = ItemIO.OUTPUT, label = "Failed")
	private int failed;

	/** Progress in Fiji's status bar; absent in a minimal context (plain ImageJ 1, tests). */
	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void execute() throws Exception {
		if (input == null) throw new IllegalArgumentException("input: no input folder given");
		if (output == null) throw new IllegalArgumentException("output: no output folder given");
		if (calibration == null) throw new IllegalArgumentException("calibration: no calibration file given");
		if (tasks < 1) throw new IllegalArgumentException("tasks: must be >= 1, got " + tasks);
		if (task < 0 || task >= tasks) throw new IllegalArgumentException("task: must be 0.." + (tasks - 1) + ", got " +
			task);
		PipelineSettings s = pipelineSettings(calibration, settings);
		Path in = input.toPath(), out = output.toPath();
		List<BatchJob> jobs;
		try {
			jobs = InputScan.scan(in, glob, out, s);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException((e.getMessage().contains("glob") ? "glob: " : "input: ") + e.getMessage(),
				e);
		}
		BatchRunner.Builder b = BatchRunner.builder(s, out).threads(threads == 0 ? Runtime.getRuntime()
			.availableProcessors() : threads).mode(force ? BatchRunner.Mode.FORCE : BatchRunner.Mode.RESUME).canceled(
				this::isCanceled).listener(listener(jobs.size())).others(SlurmSubmission::requireNoneActive);
		Path tablePath = out.resolve(BatchTable.BATCH);
		if (tasks > 1) {
			jobs = Chunks.split(jobs, tasks).get(task);
			tablePath = out.resolve(".tasks").resolve("task-" + task + "-of-" + tasks + ".csv");
			b.chunkTable(tablePath);
		}
		BatchRunner.Result r = b.build().run(jobs);
		table = tablePath.toString();
		ok = r.count(BatchTable.Status.OK);
		skipped = r.count(BatchTable.Status.SKIPPED);
		failed = r.failures();
	}

	/** Status bar progress per file, failures and warnings to the log. */
	private BatchListener listener(int total) {
		AtomicInteger done = new AtomicInteger();
		return new BatchListener() {
			@Override
			public void finished(BatchJob job, BatchTable.Row row) {
				int n = done.incrementAndGet();
				if (row.status == BatchTable.Status.FAILED) BatchPipelineCommand.this.warn("failed " + job + ": " + row.error);
				if (status != null) status.showStatus(n, total, "MagRatio batch: " + n + "/" + total + " files (" + row.status.key + " " + job +
					")");
			}

			@Override
			public void warn(BatchJob job, String message) {
				BatchPipelineCommand.this.warn((job == null ? "" : job + ": ") + message);
			}
		};
	}
}
