package io.github.magratio.cli;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.batch.BatchRunner;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.batch.InputScan;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.slurm.SlurmSubmission;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio batch}: every recording of a folder through the pipeline with one settings file, on all cores, with
 * resume. The engine is {@link BatchRunner}; this class only reads options and reports.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Run the pipeline on every recording of a folder (a glob; 340/380 pairs by a file-name marker), " +
		"several at once, resuming where an earlier run stopped.",
		"Writes OUT/<folders as in IN>/<stem>/ as 'run' does, OUT/batch.csv (one row per input: status ok / failed / " +
			"skipped, error, output folder, cells, frames, seconds) and OUT/batch-summary.csv (every cell's summary " +
			"row with its input). A result whose input files and settings are unchanged is kept (skipped); --force " +
			"redoes it. A bad file is reported and the others go on.",
		"Examples:", "  magratio batch --in /data/exp12 --config settings.json --out /data/exp12-out",
		"  magratio batch --in /data/exp12 --glob '**/*-340.tif' --calibration cal.json --out OUT --threads 4", "" },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:every input processed or kept (ok / skipped)",
		"1:some inputs failed (see batch.csv and stderr), or the tables could not be written",
		"2:invalid options, settings or folders; another batch or a SLURM submission writing into OUT (nothing was run)" })
public final class BatchCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	BatchOptions batch;

	@Option(names = { "-j", "--threads" }, paramLabel = "N", description = "Recordings processed at once " +
		"(default: all cores, ${DEFAULT-VALUE} here); memory is a few frames per thread.")
	int threads = Runtime.getRuntime().availableProcessors();

	@Option(names = "--force", description = "Redo every input, replacing earlier results (default: keep complete, " +
		"unchanged results).")
	boolean force;

	@Option(names = { "-q", "--quiet" }, description = "No progress bar or per-file lines (failures and warnings still print).")
	boolean quiet;

	@Override
	public Integer call() throws Exception {
		PrintWriter err = spec.commandLine().getErr(), o = spec.commandLine().getOut();
		PipelineSettings settings = batch.settings();
		Path out = batch.out;
		List<BatchJob> jobs = InputScan.scan(batch.in, batch.glob, out, settings);
		long t0 = System.nanoTime();
		BatchRunner.Result r;
		try {
			r = BatchRunner.builder(settings, out).threads(threads).mode(force ? BatchRunner.Mode.FORCE
				: BatchRunner.Mode.RESUME).listener(new BatchProgress(err, quiet, BatchProgress.stderrIsTerminal()))
				.others(SlurmSubmission::requireNoneActive).build().run(jobs);
		} catch (IOException e) {
			err.println("magratio: " + e.getMessage());
			return Main.EXIT_FAILURE;
		}
		o.println(summary(r, (System.nanoTime() - t0) / 1e9, out));
		o.flush();
		return r.failures() == 0 ? 0 : Main.EXIT_FAILURE;
	}

	/** @return one line: counts, time and where the tables are */
	static String summary(BatchRunner.Result r, double seconds, Path out) {
		return String.format(Locale.ROOT, "batch: %d inputs: %d ok, %d skipped, %d failed in %s; %s, %s", r.rows.size(), r
			.count(BatchTable.Status.OK), r.count(BatchTable.Status.SKIPPED), r.failures(), StderrProgress.duration(
				seconds), out.resolve(BatchTable.BATCH), out.resolve(BatchTable.SUMMARY));
	}
}
