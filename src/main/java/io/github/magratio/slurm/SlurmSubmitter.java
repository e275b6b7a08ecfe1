package io.github.magratio.slurm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.batch.BatchRunner;
import io.github.magratio.batch.Chunks;
import io.github.magratio.batch.InputScan;
import io.github.magratio.batch.OutputLock;
import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits a batch as a SLURM job array: the inputs are split into chunks (one per array task, balanced by size),
 * written with the settings into a submission folder ({@link SlurmSubmission}) with the job scripts, and submitted with
 * {@code sbatch}: the array ({@code --array=0-K%M}), then a merge job that waits for it
 * ({@code --dependency=afterany}) and writes batch.csv and batch-summary.csv. Each task runs the same engine as
 * {@code magratio batch} with resume on its chunk; tasks share no file.
 */
public final class SlurmSubmitter {

	/** Options of a submission (sbatch's and the batch's). */
	public static final class Options {
		/** Array tasks (chunks of inputs), at most one per input. */
		public int tasks = 32;
		/** Tasks running at once (the array's %M), 0 = no limit. */
		public int concurrent;
		/** CPUs per task = inputs a task processes at once. */
		public int cpusPerTask = 1;
		/** Memory per task, MiB; null = the settings' slurm_mem_MiB, else estimated. */
		public Integer memMiB;
		/** Time limit per task, minutes; null = the settings' slurm_time_min, else estimated. */
		public Integer timeMinutes;
		/** sbatch --partition, --account, --qos; null = the cluster's default. */
		public String partition, account, qos;
		/** Job name. */
		public String jobName = "magratio";
		/** Extra sbatch options, each written as an #SBATCH line (e.g. --constraint=intel). */
		public List<String> sbatchOptions = new ArrayList<>();
		/** Extra options for the tasks' JVMs (e.g. -XX:+UseSerialGC). */
		public String javaOptions = "";
		/** Redo inputs with complete, unchanged results. */
		public boolean force;
		/** Write the scripts, do not submit. */
		public boolean dryRun;
	}

	/** What was written and submitted. */
	public static final class Result {
		/** The submission. */
		public final SlurmSubmission submission;
		/** The number of inputs and of tasks. */
		public final int inputs, tasks;
		/** Memory (MiB) and time (minutes) per task. */
		public final int memMiB, timeMinutes;
		/** How memory and time were chosen. */
		public final String how;
		/** The job ids, or null with --dry-run. */
		public final String arrayJobId, mergeJobId;

		Result(SlurmSubmission submission, int inputs, int tasks, SlurmResources r, String arrayJobId,
			String mergeJobId)
		{
			this.submission = submission;
			this.inputs = inputs;
			this.tasks = tasks;
			this.memMiB = r.memMiB;
			this.timeMinutes = r.timeMinutes;
			this.how = r.how;
			this.arrayJobId = arrayJobId;
			this.mergeJobId = mergeJobId;
		}
	}

	private SlurmSubmitter() {}

	/**
	 * Writes and (unless {@link Options#dryRun}) submits the batch.
	 *
	 * @param progress reports the cost measurement
	 * @throws IllegalArgumentException for unusable folders or options, when sbatch is missing (not a SLURM host),
	 *           when a batch is writing into the output folder, or (unless {@link Options#dryRun}) an earlier
	 *           submission into it is still queued or running
	 * @throws IOException when sbatch refuses the jobs (its message)
	 */
	public static Result submit(Path in, String glob, Path out, PipelineSettings settings, Options o, Progress progress)
		throws IOException
	{
		if (o.tasks < 1) throw new IllegalArgumentException("--tasks must be >= 1, got " + o.tasks);
		if (o.concurrent < 0) throw new IllegalArgumentException("--concurrent must be >= 0, got " + o.concurrent);
		if (o.cpusPerTask < 1) throw new IllegalArgumentException("--cpus-per-task must be >= 1, got " + o.cpusPerTask);
		if (o.memMiB != null && o.memMiB < 256) throw new IllegalArgumentException("--mem must be at least 256 MiB " +
			"(the JVM alone needs that), got " + o.memMiB + " MiB");
		if (o.timeMinutes != null && o.timeMinutes < 1) throw new IllegalArgumentException("--time must be at least " +
			"1 minute, got " + o.timeMinutes);
		if (!o.dryRun && Slurm.which("sbatch") == null) throw new IllegalArgumentException("sbatch not found on the " +
			"PATH: this is not a SLURM host (or SLURM's commands are not loaded, e.g. 'module load slurm'). Run the " +
			"batch on this machine with 'magratio batch --in " + in + " --out " + out + " ...', or write the job " +
			"scripts only with --dry-run");
		List<BatchJob> jobs = InputScan.scan(in, glob, out, settings);
		BatchRunner.requireWritable(out);
		// a batch writing into OUT refuses both; a submission holds the lock exclusively (with --dry-run shared: it
		// submits nothing) until its job ids are recorded, so two submissions, or a submission and a batch, never
		// both find OUT free
		try (OutputLock lock = OutputLock.take(out, o.dryRun, 0, o.dryRun ? OutputLock.Check.NONE
			: SlurmSubmission::requireNoneActive, null))
		{
			return submitLocked(in, glob, out, settings, o, progress, jobs);
		}
	}

	private static Result submitLocked(Path in, String glob, Path out, PipelineSettings settings, Options o,
		Progress progress, List<BatchJob> jobs) throws IOException
	{
		int tasks = Math.min(o.tasks, jobs.size());
		List<List<BatchJob>> chunks = Chunks.split(jobs, tasks);
		// result parents first: a task cleaning up after a failure never removes a folder another task writes into
		for (BatchJob j : jobs)
			if (j.error() == null) Files.createDirectories(j.folderIn(out).getParent());
		SlurmResources res = SlurmResources.estimate(chunks, settings, o.cpusPerTask, out, o.memMiB, o.timeMinutes,
			progress);

		SlurmSubmission sub = SlurmSubmission.create(out);
		JsonObject m = new JsonObject();
		m.addProperty("schema_version", 1);
		m.addProperty("created", Instant.now().toString());
		m.addProperty("magratio_version", Version.get());
		m.addProperty("in", in.toAbsolutePath().normalize().toString());
		m.addProperty("glob", glob);
		m.addProperty("out", out.toAbsolutePath().normalize().toString());
		m.addProperty("force", o.force);
		m.addProperty("tasks", tasks);
		m.addProperty("concurrent", o.concurrent);
		m.addProperty("cpus_per_task", o.cpusPerTask);
		m.addProperty("mem_MiB", res.memMiB);
		m.addProperty("mem_source", res.memSource);
		m.addProperty("heap_MiB", res.heapMiB());
		m.addProperty("time_min", res.timeMinutes);
		m.addProperty("time_source", res.timeSource);
		m.addProperty("resources", res.how);
		JsonArray list = new JsonArray();
		for (int t = 0; t < chunks.size(); t++)
			for (BatchJob j : chunks.get(t)) {
				JsonObject jo = j.toJson();
				jo.addProperty("task", t);
				list.add(jo);
			}
		m.add("jobs", list);
		sub.writeManifest(m, settings);
		writeScripts(sub, tasks, res, o);
		if (o.dryRun) return new Result(sub, jobs.size(), tasks, res, null, null);

		String array = Slurm.sbatch(sub.arrayScript(), Collections.emptyList());
		JsonObject ids = new JsonObject();
		ids.addProperty("array_job_id", array);
		ids.addProperty("submitted", Instant.now().toString());
		SlurmSubmission.writeJson(sub.jobFile(), ids);
		String merge;
		try {
			merge = Slurm.sbatch(sub.mergeScript(), Collections.singletonList("--dependency=afterany:" + array));
		} catch (IOException e) {
			throw new IOException(e.getMessage() + "; the array (job " + array + ") runs; merge its tables afterwards " +
				"with: sbatch --dependency=afterany:" + array + " " + sub.mergeScript(), e);
		}
		ids.addProperty("merge_job_id", merge);
		SlurmSubmission.writeJson(sub.jobFile(), ids);
		return new Result(sub, jobs.size(), tasks, res, array, merge);
	}

	/** Writes array.sh, merge.sh and submit.sh (executable). */
	static void writeScripts(SlurmSubmission sub, int tasks, SlurmResources res, Options o) throws IOException {
		String java = JavaCommand.java().toString(), cp = classpath(sub);
		String header = "# Written by 'magratio slurm' (MagRatio " + Version.get() + ") on " + Instant.now() + ".\n";
		StringBuilder a = new StringBuilder("#!/bin/bash\n").append(header);
		a.append("# A MagRatio batch as a SLURM job array: task I runs the inputs manifest.json gives it, with the batch's\n")
			.append("# resume logic (complete, unchanged results are kept), and writes only its results and tasks/task-I.csv.\n")
			.append("# merge.sh, submitted with --dependency=afterany on this array, writes OUT/batch.csv and OUT/batch-summary.csv.\n")
			.append("# Resources: ").append(res.how).append('\n');
		a.append("#SBATCH --job-name=").append(o.jobName).append('\n');
		a.append("#SBATCH --array=0-").append(tasks - 1).append(o.concurrent > 0 ? "%" + o.concurrent : "").append('\n');
		common(a, sub, o, o.cpusPerTask, res.memMiB, res.timeMinutes, sub.dir().resolve("logs").resolve("task-%a.log"));
		a.append("set -u\n");
		a.append("java=\"${MAGRATIO_JAVA:-").append(java).append("}\"\n");
		// the node's java decides: --add-modules of a module it lacks (Java 11) would stop the JVM before it starts
		a.append("# the kernel's 16-bit row loop on the Vector API where this java has it (the same results, less CPU);\n")
			.append("# MAGRATIO_VECTOR=0 leaves it out\n");
		a.append("vector=()\nif [ \"${MAGRATIO_VECTOR:-1}\" != 0 ] && grep -qs 'jdk\\.incubator\\.vector' \"$(dirname \"$(dirname \"$(")
			.append("readlink -f \"$(command -v \"$java\")\")\")\")/release\"; then vector=(--add-modules jdk.incubator.vector); fi\n");
		// no MAGRATIO_JAVA_OPTS: sbatch hands the submitting shell's environment to the tasks, and the launcher's -Xmx
		// there would take a heap past --mem; the tasks' own options are --java-opts, written here
		a.append("exec \"$java\" -Xmx").append(res.heapMiB()).append("m ${vector[@]+\"${vector[@]}\"} ").append(
			o.javaOptions.trim().isEmpty() ? "" : o.javaOptions.trim() + " ").append("-Djava.awt.headless=true -cp ").append(quote(cp))
			.append(" io.github.magratio.cli.Main slurm-task --submission ").append(quote(sub.dir().toString())).append(
				" --task \"$SLURM_ARRAY_TASK_ID\"\n");
		script(sub.arrayScript(), a.toString());

		StringBuilder m = new StringBuilder("#!/bin/bash\n").append(header);
		m.append("# Merges the tables of the array's tasks into OUT/batch.csv and OUT/batch-summary.csv once every task\n")
			.append("# has ended (--dependency=afterany), and reports tasks SLURM killed (time, memory) in batch.csv.\n");
		m.append("#SBATCH --job-name=").append(o.jobName).append("-merge\n");
		common(m, sub, o, 1, SlurmResources.MIN_MEM_MIB, 15, sub.mergeLog());
		m.append("set -u\n");
		m.append("java=\"${MAGRATIO_JAVA:-").append(java).append("}\"\n");
		m.append("exec \"$java\" -Xmx").append(SlurmResources.heapFor(SlurmResources.MIN_MEM_MIB)).append(
			"m -Djava.awt.headless=true -cp ").append(quote(cp)).append(
				" io.github.magratio.cli.Main slurm-merge --submission ").append(quote(sub.dir().toString())).append('\n');
		script(sub.mergeScript(), m.toString());

		String s = "#!/bin/bash\n" + header + "# Submits the array, then the merge job that waits for it, and records their ids in job.json\n" +
			"# ('magratio slurm' without --dry-run does exactly this).\nset -euo pipefail\ncd " + quote(sub.dir()
				.toString()) + "\narray=$(sbatch --parsable array.sh); array=${array%%;*}\n" +
			"merge=$(sbatch --parsable --dependency=afterany:$array merge.sh); merge=${merge%%;*}\n" +
			"printf '{\"array_job_id\": \"%s\", \"merge_job_id\": \"%s\"}\\n' \"$array\" \"$merge\" > job.json\n" +
			"echo \"submitted: array job $array, merge job $merge\"\n";
		script(sub.submitScript(), s);
	}

	/**
	 * @return the tasks' class path: this JVM's, with every jar outside the Maven repository (MagRatio's own, which a
	 *         rebuild replaces) copied into the submission's {@code lib/}, so queued tasks never see a jar half-built
	 */
	static String classpath(SlurmSubmission sub) throws IOException {
		Path repo = java.nio.file.Paths.get(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath();
		List<String> entries = new ArrayList<>();
		int n = 0;
		for (Path p : JavaCommand.classpath()) {
			if (Files.isRegularFile(p) && p.toString().endsWith(".jar") && !p.startsWith(repo)) {
				Path copy = Files.createDirectories(sub.dir().resolve("lib")).resolve(String.format(Locale.ROOT, "%02d-%s",
					n++, p.getFileName()));
				Files.copy(p, copy);
				p = copy;
			}
			entries.add(p.toString());
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	private static void common(StringBuilder b, SlurmSubmission sub, Options o, int cpus, int memMiB, int minutes,
		Path log)
	{
		b.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
		b.append("#SBATCH --mem=").append(memMiB).append("M\n");
		b.append("#SBATCH --time=").append(minutes).append('\n');
		b.append("#SBATCH --output=").append(log).append('\n');
		b.append("#SBATCH --chdir=").append(sub.dir()).append('\n');
		if (o.partition != null) b.append("#SBATCH --partition=").append(o.partition).append('\n');
		if (o.account != null) b.append("#SBATCH --account=").append(o.account).append('\n');
		if (o.qos != null) b.append("#SBATCH --qos=").append(o.qos).append('\n');
		for (String extra : o.sbatchOptions)
			b.append("#SBATCH ").append(extra).append('\n');
	}

	private static void script(Path file, String text) throws IOException {
		AtomicFiles.writeString(file, text);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		} catch (UnsupportedOperationException e) {
			// not POSIX: run it with bash
		}
	}

	/** @return {@code s} quoted for bash */
	static String quote(String s) {
		return "'" + s.replace("'", "'\\''") + "'";
	}

	private static final Pattern MEM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)i?B?", Pattern.CASE_INSENSITIVE);

	/**
	 * Parses a memory size as sbatch takes it: a number of MiB, or with a unit K, M, G, T.
	 *
	 * @return MiB, rounded up
	 * @throws IllegalArgumentException naming the option and the expected form
	 */
	public static int parseMemMiB(String s) {
		Matcher mm = MEM.matcher(Objects.requireNonNull(s).trim());
		if (!mm.matches()) throw new IllegalArgumentException("--mem '" + s + "' is not a memory size: give MiB " +
			"(4000) or a number with K, M, G or T (4G)");
		double v = Double.parseDouble(mm.group(1));
		switch (mm.group(2).toUpperCase(Locale.ROOT)) {
		case "K":
			v /= 1024;
			break;
		case "G":
			v *= 1024;
			break;
		case "T":
			v *= 1024 * 1024;
			break;
		default:
		}
		return (int) Math.ceil(v);
	}

	private static final Pattern TIME = Pattern.compile("(?:(\\d+)-)?(\\d+)(?::(\\d+))?(?::(\\d+))?");

	/**
	 * Parses a time limit as sbatch takes it: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.
	 *
	 * @return minutes, rounded up
	 * @throws IllegalArgumentException naming the option and the expected forms
	 */
	public static int parseTimeMinutes(String s) {
		Matcher t = TIME.matcher(Objects.requireNonNull(s).trim());
		if (!t.matches()) throw new IllegalArgumentException("--time '" + s + "' is not a SLURM time: give minutes " +
			"(90), HH:MM:SS (1:30:00) or D-HH:MM (1-12:00)");
		long days = t.group(1) == null ? 0 : Long.parseLong(t.group(1));
		long a = Long.parseLong(t.group(2)), b = t.group(3) == null ? -1 : Long.parseLong(t.group(3)), c = t.group(4) ==
			null ? -1 : Long.parseLong(t.group(4));
		double minutes;
		if (t.group(1) != null) minutes = days * 1440 + a * 60 + Math.max(0, b) + Math.max(0, c) / 60.0;
		else if (c >= 0) minutes = a * 60 + b + c / 60.0;
		else if (b >= 0) minutes = a + b / 60.0;
		else minutes = a;
		return (int) Math.ceil(minutes);
	}
}
