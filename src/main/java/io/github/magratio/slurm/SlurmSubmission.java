package io.github.magratio.slurm;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One submission of a batch to SLURM, as files in {@code OUT/.slurm/submit-NNN/}: what every task needs (the inputs
 * and which task runs each, the effective settings), the job scripts, the submitted job ids, and what the tasks and
 * the merge leave. Every file there is written by exactly one process: the submission by {@code magratio slurm}, task
 * {@code i}'s table and log by task {@code i}, the merged tables by the merge job.
 *
 * <pre>
 * manifest.json      inputs (id, files, result folder, size, task), tasks, resources, how they were estimated
 * settings.json      the effective settings (replayable as --config)
 * array.sh merge.sh  the job scripts; submit.sh submits both by hand (what --dry-run leaves)
 * job.json           array and merge job ids, once submitted
 * logs/task-I.log    each task's stdout and stderr (SLURM's --output), logs/merge.log
 * tasks/task-I.csv   task I's table (batch.csv's columns, its inputs only), rewritten after every input
 * tasks/task-I.json  task I's SLURM job id, host and start time
 * states.json        each task's final SLURM state, written by the merge
 * </pre>
 */
public final class SlurmSubmission {

	/** The folder of submissions in the output root (hidden: never a result folder name). */
	public static final String DIR = ".slurm";

	private final Path dir;
	private JsonObject manifest;

	private SlurmSubmission(Path dir) {
		this.dir = dir;
	}

	/** Creates the next submission folder ({@code submit-001}, {@code submit-002}, ...) in {@code outRoot}. */
	static SlurmSubmission create(Path outRoot) throws IOException {
		Path base = Files.createDirectories(outRoot.resolve(DIR));
		for (int n = count(base) + 1;; n++) {
			try {
				Path d = Files.createDirectory(base.resolve(String.format(Locale.ROOT, "submit-%03d", n)));
				Files.createDirectories(d.resolve("logs"));
				Files.createDirectories(d.resolve("tasks"));
				return new SlurmSubmission(d);
			} catch (FileAlreadyExistsException e) {
				// another submission took this number meanwhile
			}
		}
	}

	private static int count(Path base) throws IOException {
		int n = 0;
		try (DirectoryStream<Path> s = Files.newDirectoryStream(base, "submit-*")) {
			for (Path p : s)
				try {
					n = Math.max(n, Integer.parseInt(p.getFileName().toString().substring(7)));
				} catch (NumberFormatException e) {
					// not ours
				}
		}
		return n;
	}

	/** @return every submission with a manifest in {@code outRoot}, oldest first */
	public static List<SlurmSubmission> all(Path outRoot) throws IOException {
		List<SlurmSubmission> all = new ArrayList<>();
		Path base = outRoot.resolve(DIR);
		if (!Files.isDirectory(base)) return all;
		for (int n = 1; n <= count(base); n++) {
			Path d = base.resolve(String.format(Locale.ROOT, "submit-%03d", n));
			if (Files.isRegularFile(d.resolve("manifest.json"))) all.add(new SlurmSubmission(d));
		}
		return all;
	}

	/**
	 * @return the latest submission in {@code outRoot} that was submitted (has job ids), else the latest written
	 *         (with --dry-run), or null: a newer --dry-run never hides a submission that runs
	 */
	public static SlurmSubmission latest(Path outRoot) throws IOException {
		List<SlurmSubmission> all = all(outRoot);
		for (int i = all.size() - 1; i >= 0; i--)
			if (all.get(i).submitted()) return all.get(i);
		return all.isEmpty() ? null : all.get(all.size() - 1);
	}

	/** @return true when this submission's jobs were submitted (by 'slurm' or its submit.sh) */
	public boolean submitted() {
		return Files.isRegularFile(jobFile());
	}

	/**
	 * Opens the submission in {@code dir}.
	 *
	 * @throws IllegalArgumentException when it has no manifest
	 */
	public static SlurmSubmission open(Path dir) {
		if (!Files.isRegularFile(dir.resolve("manifest.json"))) throw new IllegalArgumentException(dir +
			" is not a MagRatio SLURM submission (no manifest.json)");
		return new SlurmSubmission(dir);
	}

	/** @return the submission's folder */
	public Path dir() {
		return dir;
	}

	/** @return the output root of the batch */
	public Path outRoot() {
		return dir.getParent().getParent();
	}

	Path manifestFile() {
		return dir.resolve("manifest.json");
	}

	Path settingsFile() {
		return dir.resolve("settings.json");
	}

	Path arrayScript() {
		return dir.resolve("array.sh");
	}

	Path mergeScript() {
		return dir.resolve("merge.sh");
	}

	Path submitScript() {
		return dir.resolve("submit.sh");
	}

	Path jobFile() {
		return dir.resolve("job.json");
	}

	Path statesFile() {
		return dir.resolve("states.json");
	}

	/** @return task {@code i}'s log (SLURM's --output of the array: logs/task-%a.log) */
	public Path taskLog(int i) {
		return dir.resolve("logs").resolve("task-" + i + ".log");
	}

	Path mergeLog() {
		return dir.resolve("logs").resolve("merge.log");
	}

	/** @return task {@code i}'s table */
	public Path taskTable(int i) {
		return dir.resolve("tasks").resolve("task-" + i + ".csv");
	}

	Path taskInfo(int i) {
		return dir.resolve("tasks").resolve("task-" + i + ".json");
	}

	/** Writes the manifest and settings (once, by the submitting process). */
	void writeManifest(JsonObject m, PipelineSettings settings) throws IOException {
		manifest = m;
		writeJson(manifestFile(), m);
		writeJson(settingsFile(), settings.toJson());
	}

	/** @return the manifest */
	JsonObject manifest() throws IOException {
		if (manifest == null) manifest = readJson(manifestFile());
		return manifest;
	}

	/** @return the settings every task uses */
	PipelineSettings settings() throws IOException {
		return PipelineSettings.fromJson(readJson(settingsFile()));
	}

	/** @return the number of array tasks */
	int tasks() throws IOException {
		return manifest().get("tasks").getAsInt();
	}

	/** @return every input with its task index */
	List<BatchJob> jobs() throws IOException {
		List<BatchJob> jobs = new ArrayList<>();
		for (JsonElement e : manifest().getAsJsonArray("jobs"))
			jobs.add(BatchJob.fromJson(e.getAsJsonObject()));
		return jobs;
	}

	/** @return the task index of each input, in manifest order */
	List<Integer> taskOfJobs() throws IOException {
		List<Integer> t = new ArrayList<>();
		for (JsonElement e : manifest().getAsJsonArray("jobs"))
			t.add(e.getAsJsonObject().get("task").getAsInt());
		return t;
	}

	/** @return the inputs of task {@code i} */
	List<BatchJob> jobsOf(int i) throws IOException {
		List<BatchJob> all = jobs(), mine = new ArrayList<>();
		List<Integer> task = taskOfJobs();
		for (int k = 0; k < all.size(); k++)
			if (task.get(k) == i) mine.add(all.get(k));
		return mine;
	}

	/**
	 * Refuses while a submission into {@code outRoot} may still write results there, whether or not its tasks run
	 * yet: its array or merge job is pending or running, or SLURM cannot be asked and the merge has not recorded the
	 * end (states.json). Every writer of the whole output folder checks this ({@code batch}, {@code run}, Batch
	 * Pipeline, {@code slurm}).
	 *
	 * @throws IllegalArgumentException naming the submission, its job and what to do
	 */
	public static void requireNoneActive(Path outRoot) throws IOException {
		for (SlurmSubmission s : all(outRoot))
			s.requireEnded();
	}

	/** Refuses while this submission's jobs may still run (see {@link #requireNoneActive}). */
	void requireEnded() {
		JsonObject ids = jobIds();
		// never submitted, or the merge ran: it runs after every task has ended (afterany), states.json is its last act
		if (ids == null || Files.isRegularFile(statesFile())) return;
		Path out = outRoot();
		for (String key : new String[] { "array_job_id", "merge_job_id" }) {
			if (!ids.has(key)) continue;
			String id = ids.get(key).getAsString(), what = "a SLURM submission into " + out + " (" + dir + ", " + (key
				.startsWith("array") ? "array" : "merge") + " job " + id + ")";
			List<Slurm.JobRecord> records;
			try {
				records = Slurm.show(id);
			} catch (IOException e) {
				String[] lines = e.getMessage().trim().split("\n");
				throw new IllegalArgumentException(what + " may still be running, and SLURM cannot be asked (" + lines[
					lines.length - 1].trim() + "); its tasks write results there. Run this where SLURM's commands work, " +
					"or, once its jobs have ended, write its tables with 'magratio slurm-merge --submission " + dir + "'", e);
			}
			for (Slurm.JobRecord r : records)
				if (TaskOutcome.active(r.state())) throw new IllegalArgumentException(what + " is still " + r.state()
					.toLowerCase(Locale.ROOT) + ": its tasks write results there; wait for it (magratio slurm-status " +
					"--out " + out + ") or cancel it (scancel " + id + "), then try again (finished inputs are kept)");
		}
	}

	/** @return the submitted job ids (array_job_id, merge_job_id), or null when not submitted */
	JsonObject jobIds() {
		try {
			return Files.isRegularFile(jobFile()) ? readJson(jobFile()) : null;
		} catch (IOException e) {
			return null;
		}
	}

	static void writeJson(Path file, JsonElement o) throws IOException {
		AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) +
			"\n");
	}

	static JsonObject readJson(Path file) throws IOException {
		try {
			JsonElement e = JsonParser.parseString(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
			if (!e.isJsonObject()) throw new IOException(file + " does not hold a JSON object");
			return e.getAsJsonObject();
		} catch (JsonParseException e) {
			throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
		}
	}

	/** @return a JSON array of strings */
	static JsonArray strings(List<String> list) {
		JsonArray a = new JsonArray();
		for (String s : list)
			a.add(s);
		return a;
	}
}
