package io.github.magratio.slurm;

import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.batch.BatchListener;
import io.github.magratio.batch.BatchRunner;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.batch.OutputLock;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** What runs inside SLURM: one array task, and the merge job after the array. */
public final class SlurmTasks {

	/** How long a task or the merge waits for the output lock (a submission holds it while it submits). */
	static final Duration LOCK_WAIT = Duration.ofMinutes(2);

	private SlurmTasks() {}

	/**
	 * Runs array task {@code task}: its inputs with the batch engine (resume unless the submission said --force), its
	 * table in {@code tasks/task-I.csv}, its SLURM job id and host in {@code tasks/task-I.json}.
	 *
	 * @param threads inputs at once (SLURM_CPUS_PER_TASK)
	 * @throws IllegalArgumentException when the task index is not one of the submission's
	 */
	public static BatchRunner.Result runTask(SlurmSubmission sub, int task, int threads, BatchListener listener)
		throws IOException
	{
		int tasks = sub.tasks();
		if (task < 0 || task >= tasks) throw new IllegalArgumentException("--task " + task + " is not a task of " + sub
			.dir() + " (0.." + (tasks - 1) + ")");
		JsonObject info = new JsonObject();
		info.addProperty("task", task);
		info.addProperty("job_id", env("SLURM_JOB_ID"));
		info.addProperty("array_job_id", env("SLURM_ARRAY_JOB_ID"));
		info.addProperty("host", host());
		info.addProperty("pid", ProcessHandle.current().pid());
		info.addProperty("started", Instant.now().toString());
		SlurmSubmission.writeJson(sub.taskInfo(task), info);
		List<BatchJob> mine = sub.jobsOf(task);
		boolean force = sub.manifest().get("force").getAsBoolean();
		// the lock shared with the other tasks; 'slurm' may still hold it exclusively for a moment while it submits
		return BatchRunner.builder(sub.settings(), sub.outRoot()).threads(threads).mode(force ? BatchRunner.Mode.FORCE
			: BatchRunner.Mode.RESUME).chunkTable(sub.taskTable(task)).lockWait(LOCK_WAIT).listener(listener).build()
			.run(mine);
	}

	/**
	 * The merge job: every task has ended (afterany); collects their rows, fails the unfinished inputs of tasks SLURM
	 * killed with the reason, keeps rows of earlier results in the output folder, writes batch.csv and
	 * batch-summary.csv, and saves the tasks' final SLURM states, holding the output lock exclusively as a batch does.
	 *
	 * @param onWait told when the lock is busy and the merge waits for it
	 */
	public static SlurmStatus merge(SlurmSubmission sub, Consumer<String> onWait) throws IOException {
		try (OutputLock lock = OutputLock.take(sub.outRoot(), false, LOCK_WAIT.toMillis(), OutputLock.Check.NONE,
			onWait))
		{
			SlurmStatus s = SlurmStatus.of(sub, true);
			List<BatchTable.Row> rows = new ArrayList<>(s.rows);
			Set<String> ids = new HashSet<>();
			for (BatchTable.Row r : rows)
				ids.add(r.input);
			rows.addAll(BatchTable.earlierRows(sub.outRoot(), ids));
			BatchTable.writeFinal(sub.outRoot(), rows);
			s.saveStates();
		}
		return SlurmStatus.of(sub, true);
	}

	private static String env(String key) {
		String v = System.getenv(key);
		return v == null ? "" : v;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		} catch (IOException e) {
			return "";
		}
	}
}
