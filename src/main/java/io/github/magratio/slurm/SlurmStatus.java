package io.github.magratio.slurm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.batch.BatchTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a submission: each task's {@link TaskOutcome} and each input's row, from the tasks' tables, their logs
 * and SLURM ({@code scontrol show job}); once SLURM has forgotten the jobs, from what the merge recorded
 * (states.json) and the logs. An input of a task that ended early without finishing it gets that task's reason
 * ({@code killed by SLURM at its time limit ...}).
 */
public final class SlurmStatus {

	/** The submission. */
	public final SlurmSubmission submission;
	/** One outcome per task, in task order. */
	public final List<TaskOutcome> tasks;
	/** One row per input, in input order: finished rows from the tables, failed ones for tasks that died, pending. */
	public final List<BatchTable.Row> rows;
	/** The array and merge job ids, or null when not submitted. */
	public final String arrayJobId, mergeJobId;
	/** The merge job's SLURM state, or "" when SLURM no longer lists it (or it was not submitted). */
	public final String mergeState;
	/** True when the merged tables are written (the merge is over). */
	public final boolean merged;
	/** Why SLURM could not be asked, or null. */
	public final String slurmProblem;

	private SlurmStatus(SlurmSubmission submission, List<TaskOutcome> tasks, List<BatchTable.Row> rows,
		String arrayJobId, String mergeJobId, String mergeState, boolean merged, String slurmProblem)
	{
		this.submission = submission;
		this.tasks = Collections.unmodifiableList(tasks);
		this.rows = Collections.unmodifiableList(rows);
		this.arrayJobId = arrayJobId;
		this.mergeJobId = mergeJobId;
		this.mergeState = mergeState;
		this.merged = merged;
		this.slurmProblem = slurmProblem;
	}

	/** @return true when no task is pending or running */
	public boolean tasksOver() {
		for (TaskOutcome t : tasks)
			if (t.kind.active()) return false;
		return true;
	}

	/** @return the number of tasks of {@code kind} */
	public int count(TaskOutcome.Kind kind) {
		int n = 0;
		for (TaskOutcome t : tasks)
			if (t.kind == kind) n++;
		return n;
	}

	/** @return the number of inputs with {@code status} */
	public int inputs(BatchTable.Status status) {
		int n = 0;
		for (BatchTable.Row r : rows)
			if (r.status == status) n++;
		return n;
	}

	/**
	 * Collects the state of a submission.
	 *
	 * @param askSlurm ask SLURM for the tasks' states (false: only files, e.g. no SLURM commands here)
	 */
	public static SlurmStatus of(SlurmSubmission sub, boolean askSlurm) throws IOException {
		JsonObject ids = sub.jobIds();
		String array = ids != null && ids.has("array_job_id") ? ids.get("array_job_id").getAsString() : null;
		String merge = ids != null && ids.has("merge_job_id") ? ids.get("merge_job_id").getAsString() : null;
		Map<Integer, Slurm.JobRecord> records = new HashMap<>();
		String mergeState = "", problem = null;
		if (askSlurm && array != null) try {
			records = Slurm.tasks(array);
			if (merge != null) for (Slurm.JobRecord r : Slurm.show(merge))
				mergeState = r.state();
		} catch (IOException e) {
			problem = e.getMessage();
		}
		Map<Integer, String> recorded = recordedStates(sub);
		JsonObject m = sub.manifest();
		int memMiB = m.get("mem_MiB").getAsInt(), time = m.get("time_min").getAsInt();
		List<BatchJob> jobs = sub.jobs();
		List<Integer> taskOf = sub.taskOfJobs();
		List<TaskOutcome> outcomes = new ArrayList<>();
		Map<String, BatchTable.Row> rows = new LinkedHashMap<>();
		for (int t = 0; t < sub.tasks(); t++) {
			Map<String, BatchTable.Row> table = new HashMap<>();
			Path tf = sub.taskTable(t);
			if (Files.isRegularFile(tf)) try {
				for (BatchTable.Row r : BatchTable.read(tf))
					table.put(r.input, r);
			} catch (IOException | RuntimeException e) {
				// a table being replaced right now, or damaged: its inputs count as not finished
			}
			boolean complete = true;
			for (int k = 0; k < jobs.size(); k++)
				if (taskOf.get(k) == t) {
					BatchTable.Row r = table.get(jobs.get(k).id());
					complete &= r != null && r.status != BatchTable.Status.PENDING;
				}
			Slurm.JobRecord rec = records.get(t);
			String log = readLog(sub.taskLog(t));
			TaskOutcome o = TaskOutcome.of(t, rec, complete, log, memMiB, time, sub.taskLog(t).toString());
			// SLURM forgot the task: the merge's record of its final state says what the log may not
			if (rec == null && o.kind == TaskOutcome.Kind.UNKNOWN && recorded.containsKey(t)) o = TaskOutcome.of(t,
				new Slurm.JobRecord(Slurm.parse(recorded.get(t))), false, log, memMiB, time, sub.taskLog(t).toString());
			outcomes.add(o);
			for (int k = 0; k < jobs.size(); k++)
				if (taskOf.get(k) == t) {
					BatchJob j = jobs.get(k);
					BatchTable.Row r = table.get(j.id());
					if (r == null) r = BatchTable.Row.pending(j);
					if (r.status == BatchTable.Status.PENDING && !o.kind.active() && o.kind != TaskOutcome.Kind.DONE) r = r
						.failedAs(o.message);
					rows.put(j.id(), r);
				}
		}
		boolean merged = Files.isRegularFile(sub.statesFile());
		return new SlurmStatus(sub, outcomes, new ArrayList<>(rows.values()), array, merge, mergeState, merged, problem);
	}

	/** @return the final scontrol line of each task, as the merge saved them (task -&gt; key=value line) */
	private static Map<Integer, String> recordedStates(SlurmSubmission sub) {
		Map<Integer, String> m = new HashMap<>();
		if (!Files.isRegularFile(sub.statesFile())) return m;
		try {
			JsonObject o = SlurmSubmission.readJson(sub.statesFile());
			JsonArray a = o.getAsJsonArray("tasks");
			for (JsonElement e : a) {
				JsonObject t = e.getAsJsonObject();
				if (t.has("scontrol")) m.put(t.get("task").getAsInt(), t.get("scontrol").getAsString());
			}
		} catch (IOException | RuntimeException e) {
			// no usable record: the logs still tell
		}
		return m;
	}

	/** @return the end of a task's log (where slurmstepd writes why it killed the task), or "" */
	static String readLog(Path log) {
		try {
			if (!Files.isRegularFile(log)) return "";
			long size = Files.size(log);
			try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
				int n = (int) Math.min(size, 64 * 1024);
				byte[] b = new byte[n];
				f.seek(size - n);
				f.readFully(b);
				return new String(b, StandardCharsets.UTF_8);
			}
		} catch (IOException e) {
			return "";
		}
	}

	/** Saves each task's SLURM record (the merge does, so slurm-status can tell after SLURM forgot the jobs). */
	void saveStates() throws IOException {
		JsonObject o = new JsonObject();
		JsonArray a = new JsonArray();
		Map<Integer, Slurm.JobRecord> records = new HashMap<>();
		if (arrayJobId != null) try {
			records = Slurm.tasks(arrayJobId);
		} catch (IOException e) {
			o.addProperty("slurm_problem", e.getMessage());
		}
		for (TaskOutcome t : tasks) {
			JsonObject j = new JsonObject();
			j.addProperty("task", t.task);
			j.addProperty("outcome", t.kind.name());
			j.addProperty("state", t.state);
			j.addProperty("message", t.message);
			Slurm.JobRecord r = records.get(t.task);
			if (r != null) {
				StringBuilder line = new StringBuilder();
				for (Map.Entry<String, String> e : r.fields.entrySet())
					if (e.getKey().matches("JobId|ArrayJobId|ArrayTaskId|JobState|Reason|ExitCode|RunTime|TimeLimit|NodeList"))
						line.append(line.length() > 0 ? " " : "").append(e.getKey()).append('=').append(e.getValue());
				j.addProperty("scontrol", line.toString());
			}
			a.add(j);
		}
		o.add("tasks", a);
		SlurmSubmission.writeJson(submission.statesFile(), o);
	}
}
