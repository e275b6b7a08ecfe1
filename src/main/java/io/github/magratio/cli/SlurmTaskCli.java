package io.github.magratio.cli;

import io.github.magratio.batch.BatchRunner;
import io.github.magratio.slurm.SlurmStatus;
import io.github.magratio.slurm.SlurmSubmission;
import io.github.magratio.slurm.SlurmTasks;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio slurm-task} and {@code slurm-merge}: what the job scripts of {@code magratio slurm} run inside SLURM
 * (hidden from --help; by hand only to redo a merge).
 */
final class SlurmTaskCli {

	private SlurmTaskCli() {}

	/** One array task. */
	@Command(name = "slurm-task", hidden = true, mixinStandardHelpOptions = true,
		description = "Run one task of a SLURM submission (what array.sh runs).")
	static final class Task implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--submission", required = true, paramLabel = "DIR", description = "The submission folder.")
		Path submission;

		@Option(names = "--task", paramLabel = "I", description = "Task index (default: $SLURM_ARRAY_TASK_ID).")
		Integer task;

		@Option(names = "--threads", paramLabel = "N", description = "Inputs at once (default: $SLURM_CPUS_PER_TASK, else 1).")
		Integer threads;

		@Override
		public Integer call() throws Exception {
			PrintWriter err = spec.commandLine().getErr(), o = spec.commandLine().getOut();
			int t = task != null ? task : envInt("SLURM_ARRAY_TASK_ID", -1);
			if (t < 0) throw new IllegalArgumentException("--task not given and SLURM_ARRAY_TASK_ID not set: this runs " +
				"inside a SLURM array task");
			int n = threads != null ? threads : envInt("SLURM_CPUS_PER_TASK", 1);
			SlurmSubmission sub = SlurmSubmission.open(submission);
			BatchRunner.Result r = SlurmTasks.runTask(sub, t, n, new BatchProgress(err, false, false));
			o.println("task " + t + ": " + BatchCli.summary(r, 0, sub.outRoot()).replaceFirst(" in [^;]*;.*", ""));
			o.flush();
			return r.failures() == 0 ? 0 : Main.EXIT_FAILURE;
		}
	}

	/** The merge job. */
	@Command(name = "slurm-merge", hidden = true, mixinStandardHelpOptions = true,
		description = "Merge the task tables of a SLURM submission into OUT/batch.csv and OUT/batch-summary.csv " +
			"(what merge.sh runs once every task has ended).")
	static final class Merge implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--submission", required = true, paramLabel = "DIR", description = "The submission folder.")
		Path submission;

		@Override
		public Integer call() throws Exception {
			PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
			SlurmSubmission sub = SlurmSubmission.open(submission);
			SlurmStatus s = SlurmTasks.merge(sub, m -> {
				err.println("slurm-merge: " + m);
				err.flush();
			});
			o.println("merged " + s.rows.size() + " inputs of " + s.tasks.size() + " tasks into " + sub.outRoot()
				.resolve(io.github.magratio.batch.BatchTable.BATCH));
			o.flush();
			return 0;
		}
	}

	static int envInt(String key, int fallback) {
		String v = System.getenv(key);
		try {
			return v == null ? fallback : Integer.parseInt(v.trim());
		} catch (NumberFormatException e) {
			return fallback;
		}
	}
}
