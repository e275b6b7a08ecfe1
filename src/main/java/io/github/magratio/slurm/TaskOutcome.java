package io.github.magratio.slurm;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What became of one array task, from what SLURM still says about it ({@code scontrol show job}: state, reason) and
 * what the task left (its table, its log, where slurmstepd writes why it killed it). A task SLURM killed for time or
 * memory is reported as such, with the request to raise; the inputs it finished are kept.
 */
public final class TaskOutcome {

	/** The kinds of outcome. */
	public enum Kind {
		/** Every input of the task has its row (ok, skipped or failed). */
		DONE("done"),
		/** Queued. */
		PENDING("pending"),
		/** Running (or ending). */
		RUNNING("running"),
		/** Killed by SLURM at its time limit. */
		KILLED_TIME("killed: time limit"),
		/** Killed by SLURM for exceeding its memory. */
		KILLED_MEMORY("killed: memory"),
		/** Cancelled (scancel). */
		CANCELLED("cancelled"),
		/** Ended otherwise before finishing (node failure, preemption, a crash). */
		FAILED("failed"),
		/** Ended before finishing, and SLURM no longer lists it. */
		UNKNOWN("ended, state unknown");

		/** How slurm-status shows it. */
		public final String label;

		Kind(String label) {
			this.label = label;
		}

		/** @return true when the task can still change */
		public boolean active() {
			return this == PENDING || this == RUNNING;
		}
	}

	private static final Set<String> ACTIVE = new HashSet<>(Arrays.asList("PENDING", "RUNNING", "CONFIGURING",
		"COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT",
		"RESV_DEL_HOLD", "STOPPED"));

	/** The task index. */
	public final int task;
	/** The outcome. */
	public final Kind kind;
	/** SLURM's state of the task, or "" when SLURM no longer lists it. */
	public final String state;
	/** One line for slurm-status; for a task that ended early, the reason its unfinished inputs failed. */
	public final String message;

	TaskOutcome(int task, Kind kind, String state, String message) {
		this.task = task;
		this.kind = kind;
		this.state = state;
		this.message = message;
	}

	/** @return true for a SLURM job state in which the job may still run or write */
	public static boolean active(String state) {
		return ACTIVE.contains(state);
	}

	/**
	 * Classifies a task.
	 *
	 * @param record SLURM's record of the task, or null when it no longer lists it
	 * @param complete the task's table has a row for each of its inputs
	 * @param log the task's log, or "" (slurmstepd writes the reason of a kill there)
	 */
	static TaskOutcome of(int task, Slurm.JobRecord record, boolean complete, String log, int memMiB, int timeMinutes,
		String logPath)
	{
		String state = record == null ? "" : record.state();
		String reason = record == null ? "" : record.get("Reason");
		String lower = log.toLowerCase(Locale.ROOT);
		if (complete) return new TaskOutcome(task, Kind.DONE, state, "done");
		if (state.equals("OUT_OF_MEMORY") || lower.contains("exceeded memory limit") || lower.contains(
			"exceeded job memory limit") || lower.contains("exceeded step memory limit") || lower.contains("oom-kill") ||
			lower.contains("out-of-memory handler")) return new TaskOutcome(task, Kind.KILLED_MEMORY, state,
				"killed by SLURM for memory: the task exceeded its --mem of " + memMiB + " MiB before this input was " +
					"finished; resubmit with a larger --mem (finished inputs are kept)");
		if (state.equals("TIMEOUT") || reason.equals("TimeLimit") || log.contains("DUE TO TIME LIMIT"))
			return new TaskOutcome(task, Kind.KILLED_TIME, state, "killed by SLURM at its time limit (--time " +
				timeMinutes + " min) before this input was finished; resubmit with a larger --time (finished inputs are " +
				"kept)");
		if (state.equals("CANCELLED") || log.contains("CANCELLED AT")) return new TaskOutcome(task, Kind.CANCELLED,
			state, "its SLURM task was cancelled (scancel) before this input was finished; resubmit to finish it");
		if (state.equals("PENDING")) return new TaskOutcome(task, Kind.PENDING, state, "pending (" + reason + ")");
		if (active(state)) return new TaskOutcome(task, Kind.RUNNING, state, state.toLowerCase(Locale.ROOT) + (record
			.get("NodeList").isEmpty() ? "" : " on " + record.get("NodeList")));
		if (!state.isEmpty()) return new TaskOutcome(task, Kind.FAILED, state, "its SLURM task ended (" + state +
			", exit code " + record.get("ExitCode") + ") before this input was finished; see " + logPath);
		return new TaskOutcome(task, Kind.UNKNOWN, state, "its SLURM task ended before this input was finished (SLURM " +
			"no longer lists it); see " + logPath);
	}
}
