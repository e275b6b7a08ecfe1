package io.github.magratio.cli;

import io.github.magratio.batch.BatchTable;
import io.github.magratio.slurm.SlurmStatus;
import io.github.magratio.slurm.SlurmSubmission;
import io.github.magratio.slurm.TaskOutcome;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code magratio slurm-status}: what a SLURM submission has done, is doing, and what failed. */
@Command(name = "slurm-status", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Show the latest SLURM submission into OUT (a --dry-run not submitted since does not count): " +
		"tasks done, pending, running, killed (time limit, memory) or failed, with their logs; inputs ok, skipped, " +
		"failed and not finished; whether the merge is done. Asks SLURM with scontrol (no accounting needed); once " +
		"SLURM has forgotten the jobs, reads what the tasks and the merge left." },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:finished, every input ok or skipped",
		"1:finished, but some inputs failed or tasks were killed", "2:no submission in OUT",
		"3:still pending or running (tasks or the merge)" })
public final class SlurmStatusCli implements Callable<Integer> {

	/** Exit code while a submission is still pending or running. */
	static final int EXIT_RUNNING = 3;

	@Spec
	CommandSpec spec;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "DIR", description = "The output root given to 'slurm'.")
	Path out;

	@Option(names = "--submission", paramLabel = "DIR", description = "A submission folder (default: the latest in OUT/.slurm).")
	Path submission;

	@Override
	public Integer call() throws Exception {
		PrintWriter o = spec.commandLine().getOut();
		SlurmSubmission sub = submission != null ? SlurmSubmission.open(submission) : SlurmSubmission.latest(out);
		if (sub == null) throw new IllegalArgumentException("no SLURM submission in " + out + " (" + out.resolve(
			SlurmSubmission.DIR) + " holds none); submit one with 'magratio slurm'");
		SlurmStatus s = SlurmStatus.of(sub, true);
		o.println("submission " + sub.dir() + (s.arrayJobId == null ? " (not submitted: run submit.sh there)" : ": array job " +
			s.arrayJobId + ", merge job " + s.mergeJobId));
		if (submission == null) {
			boolean after = false;
			for (SlurmSubmission later : SlurmSubmission.all(out)) {
				if (after) o.println("(" + later.dir().getFileName() + " is newer but was not submitted (--dry-run): bash " +
					later.dir().resolve("submit.sh") + ")");
				after |= later.dir().equals(sub.dir());
			}
		}
		if (s.slurmProblem != null) o.println("SLURM could not be asked (" + s.slurmProblem + "); states from files only");
		StringBuilder counts = new StringBuilder();
		for (TaskOutcome.Kind k : TaskOutcome.Kind.values())
			if (s.count(k) > 0) counts.append(counts.length() > 0 ? ", " : "").append(s.count(k)).append(' ').append(k
				.label);
		o.println("tasks: " + s.tasks.size() + " (" + counts + ")");
		for (TaskOutcome t : s.tasks)
			if (t.kind != TaskOutcome.Kind.DONE) o.println("  task " + t.task + ": " + t.kind.label + (t.state.isEmpty() ? ""
				: " [" + t.state + "]") + (t.kind.active() ? "" : ": " + t.message + " (log " + sub.taskLog(t.task) + ")"));
		int pending = s.inputs(BatchTable.Status.PENDING), failed = s.inputs(BatchTable.Status.FAILED);
		o.println("inputs: " + s.rows.size() + " (" + s.inputs(BatchTable.Status.OK) + " ok, " + s.inputs(
			BatchTable.Status.SKIPPED) + " skipped, " + failed + " failed, " + pending + " not finished)");
		for (BatchTable.Row r : s.rows)
			if (r.status == BatchTable.Status.FAILED) o.println("  failed " + r.input + ": " + r.error);
		boolean mergeActive = TaskOutcome.active(s.mergeState);
		o.println("merge: " + (s.merged && !mergeActive ? "done: " + out.resolve(BatchTable.BATCH) + ", " + out.resolve(
			BatchTable.SUMMARY) : s.mergeState.isEmpty() ? "not run" : s.mergeState.toLowerCase(java.util.Locale.ROOT)));
		o.flush();
		if (!s.tasksOver() || mergeActive) return EXIT_RUNNING;
		return failed == 0 && pending == 0 && s.count(TaskOutcome.Kind.DONE) == s.tasks.size() ? 0 : Main.EXIT_FAILURE;
	}
}
