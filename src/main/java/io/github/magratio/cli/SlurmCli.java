package io.github.magratio.cli;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.slurm.SlurmSubmitter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio slurm}: the batch of {@code magratio batch} as a SLURM job array with a merge job
 * ({@link SlurmSubmitter}).
 */
@Command(name = "slurm", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Run a batch (as 'batch' does: same inputs, results, resume) as a SLURM job array: one task " +
		"per chunk of inputs, then a merge job (--dependency=afterany) that writes OUT/batch.csv and " +
		"OUT/batch-summary.csv. Job scripts, logs and task tables go to OUT/.slurm/submit-NNN/.",
		"Memory and time per task: --mem and --time, else the settings " + PipelineSettings.KEY_SLURM_MEM + " and " +
			PipelineSettings.KEY_SLURM_TIME + ", else estimated (docs/batch.md).",
		"Examples:", "  magratio slurm --in /data/exp12 --config settings.json --out /data/exp12-out --partition " +
			"debug --tasks 64 --concurrent 16",
		"  magratio slurm --in /data/exp12 --config settings.json --out OUT --dry-run   # write the scripts only",
		"  magratio slurm-status --out OUT", "" },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:submitted (or written, with --dry-run)",
		"1:sbatch refused the jobs (its message is printed)",
		"2:invalid options, settings or folders; sbatch missing (not a SLURM host); a batch writing into OUT; an " +
			"earlier submission into OUT still running" })
public final class SlurmCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	BatchOptions batch;

	@Option(names = "--tasks", paramLabel = "K", description = "Array tasks, each a chunk of inputs balanced by size " +
		"(at most one per input; default ${DEFAULT-VALUE}).")
	int tasks = 32;

	@Option(names = "--concurrent", paramLabel = "M", description = "Tasks running at once (the array's %%M; default: " +
		"no limit).")
	int concurrent;

	@Option(names = "--cpus-per-task", paramLabel = "N", description = "CPUs per task = recordings a task processes " +
		"at once (default ${DEFAULT-VALUE}).")
	int cpusPerTask = 1;

	@Option(names = "--mem", paramLabel = "SIZE", description = "Memory per task as sbatch takes it (4000 = MiB, 4G); " +
		"default: the setting " + PipelineSettings.KEY_SLURM_MEM + ", else estimated from the largest input.")
	String mem;

	@Option(names = "--time", paramLabel = "TIME", description = "Time limit per task as sbatch takes it (minutes, " +
		"HH:MM:SS, D-HH:MM); default: the setting " + PipelineSettings.KEY_SLURM_TIME + ", else estimated from the " +
		"measured per-frame cost.")
	String time;

	@Option(names = { "-p", "--partition" }, paramLabel = "NAME", description = "sbatch --partition.")
	String partition;

	@Option(names = { "-A", "--account" }, paramLabel = "NAME", description = "sbatch --account.")
	String account;

	@Option(names = "--qos", paramLabel = "NAME", description = "sbatch --qos.")
	String qos;

	@Option(names = "--job-name", paramLabel = "NAME", description = "Job name (default ${DEFAULT-VALUE}).")
	String jobName = "magratio";

	@Option(names = "--sbatch-option", paramLabel = "OPTION", description = "Any other sbatch option for the array and " +
		"merge job, e.g. --sbatch-option=--constraint=skylake (repeatable).")
	List<String> sbatchOptions = new ArrayList<>();

	@Option(names = "--java-opts", paramLabel = "OPTIONS", description = "Extra JVM options of the tasks " +
		"(-Xmx is set from --mem; a later -Xmx here wins).")
	String javaOpts = "";

	@Option(names = "--force", description = "Redo every input, replacing earlier results.")
	boolean force;

	@Option(names = "--dry-run", description = "Write the job scripts (and submit.sh) without submitting.")
	boolean dryRun;

	@Override
	public Integer call() throws Exception {
		PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
		PipelineSettings settings = batch.settings();
		Path out = batch.out;
		SlurmSubmitter.Options opt = new SlurmSubmitter.Options();
		opt.tasks = tasks;
		opt.concurrent = concurrent;
		opt.cpusPerTask = cpusPerTask;
		opt.memMiB = mem == null ? null : SlurmSubmitter.parseMemMiB(mem);
		opt.timeMinutes = time == null ? null : SlurmSubmitter.parseTimeMinutes(time);
		opt.partition = partition;
		opt.account = account;
		opt.qos = qos;
		opt.jobName = jobName;
		opt.sbatchOptions = sbatchOptions;
		opt.javaOptions = javaOpts;
		opt.force = force;
		opt.dryRun = dryRun;
		Progress p = new Progress() {
			@Override
			public void progress(String stage, int done, int total) {
				err.println("slurm: " + stage + "...");
				err.flush();
			}

			@Override
			public void warn(String message) {
				err.println("slurm: warning: " + message);
			}
		};
		SlurmSubmitter.Result r;
		try {
			r = SlurmSubmitter.submit(batch.in, batch.glob, out, settings, opt, p);
		} catch (IOException e) {
			err.println("magratio: " + e.getMessage());
			return Main.EXIT_FAILURE;
		}
		o.println("slurm: " + r.inputs + " inputs in " + r.tasks + " tasks; per task " + r.memMiB + " MiB, " +
			r.timeMinutes + " min (" + r.how + ")");
		o.println("slurm: scripts and logs in " + r.submission.dir());
		if (r.arrayJobId == null) o.println("slurm: not submitted (--dry-run); submit with: bash " + r.submission.dir()
			.resolve("submit.sh"));
		else {
			o.println("slurm: submitted array job " + r.arrayJobId + " and merge job " + r.mergeJobId);
			o.println("slurm: follow it with: magratio slurm-status --out " + out);
		}
		o.flush();
		return 0;
	}
}
