package io.github.magratio.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchFixture;
import io.github.magratio.cli.CliRun;
import io.github.magratio.pipeline.PipelineSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magratio slurm} without a cluster: on a host without sbatch it says so and points to {@code batch};
 * {@code --dry-run} writes the array, merge and submit scripts with the requested resources; SLURM's time and memory
 * notations; how a task's end is classified from what SLURM and slurmstepd say (the lines the real cluster test saw).
 */
class SlurmSubmitTest {

	@TempDir
	Path tmp;

	@Test
	void withoutSbatchItIsNotASlurmHost() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path emptyPath = Files.createDirectories(tmp.resolve("bin"));
		Map<String, String> env = new HashMap<>();
		env.put("PATH", emptyPath.toString());
		ChildJvm r = ChildJvm.run(env, tmp.resolve("logs"), "slurm", "--in", f.in.toString(), "--out", tmp.resolve("out")
			.toString(), "--config", f.settings.toString());
		assertEquals(2, r.code, r.toString());
		assertTrue(r.err.contains("sbatch not found on the PATH: this is not a SLURM host") && r.err.contains(
			"Run the batch on this machine with 'magratio batch --in " + f.in), r.err);
		assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
	}

	@Test
	void dryRunWritesTheArrayTheMergeAndASubmitScript() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path out = tmp.resolve("out");
		CliRun r = CliRun.run("slurm", "--in", f.in.toString(), "--out", out.toString(), "--config", f.settings
			.toString(), "--tasks", "3", "--concurrent", "2", "--partition", "short", "--account", "lab42", "--mem", "3G",
			"--time", "1:30:00", "--cpus-per-task", "2", "--sbatch-option=--constraint=avx2", "--dry-run");
		assertEquals(0, r.code, r.err);
		Path sub = out.resolve(".slurm/submit-001");
		assertTrue(r.out.contains("7 inputs in 3 tasks; per task 3072 MiB, 90 min") && r.out.contains("not submitted " +
			"(--dry-run); submit with: bash " + sub.resolve("submit.sh")), r.out);
		String array = Files.readString(sub.resolve("array.sh"));
		for (String line : new String[] { "#SBATCH --array=0-2%2", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=3072M",
			"#SBATCH --time=90", "#SBATCH --partition=short", "#SBATCH --account=lab42", "#SBATCH --constraint=avx2",
			"#SBATCH --output=" + sub.resolve("logs/task-%a.log"), "slurm-task --submission '" + sub + "' --task " +
				"\"$SLURM_ARRAY_TASK_ID\"", " -Xmx2816m " })
			assertTrue(array.contains(line), line + " in\n" + array);
		String merge = Files.readString(sub.resolve("merge.sh"));
		assertTrue(merge.contains("slurm-merge --submission '" + sub + "'") && merge.contains("#SBATCH --output=" + sub
			.resolve("logs/merge.log")), merge);
		String submit = Files.readString(sub.resolve("submit.sh"));
		assertTrue(submit.contains("sbatch --parsable --dependency=afterany:$array merge.sh"), submit);
		assertTrue(Files.isExecutable(sub.resolve("array.sh")));
		assertFalse(Files.exists(sub.resolve("job.json")), "not submitted");

		// every input in exactly one task, balanced: 7 inputs in 3 tasks
		JsonObject m = SlurmSubmission.readJson(sub.resolve("manifest.json"));
		Set<String> ids = new HashSet<>();
		int[] perTask = new int[3];
		for (JsonElement e : m.getAsJsonArray("jobs")) {
			assertTrue(ids.add(e.getAsJsonObject().get("id").getAsString()));
			perTask[e.getAsJsonObject().get("task").getAsInt()]++;
		}
		assertEquals(7, ids.size());
		assertTrue(perTask[0] >= 2 && perTask[1] >= 2 && perTask[2] >= 2, java.util.Arrays.toString(perTask));
		// the result folders' parents exist before any task runs
		assertTrue(Files.isDirectory(out.resolve("d1")) && Files.isDirectory(out.resolve("pair")));

		// estimated resources when not given: measured here on synthetic frames of the inputs' size
		r = CliRun.run("slurm", "--in", f.in.toString(), "--out", tmp.resolve("out2").toString(), "--config", f.settings
			.toString(), "--dry-run");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("7 inputs in 7 tasks; per task 1024 MiB, 5 min") && r.out.contains(
			"measured here on synthetic 160x128 recordings"), r.out);
	}

	@Test
	void memoryAndTimeComeFromTheSettingsUnlessGivenAsOptions() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path config = tmp.resolve("cluster.json");
		Files.writeString(config, "{\"calibration\": \"" + f.truth.resolve("s1-calibration.json") + "\", \"" +
			PipelineSettings.KEY_SLURM_MEM + "\": 5000, \"" + PipelineSettings.KEY_SLURM_TIME + "\": 30}");
		Path out = tmp.resolve("out");
		CliRun r = CliRun.run("slurm", "--in", f.in.toString(), "--out", out.toString(), "--config", config.toString(),
			"--dry-run");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("per task 5000 MiB, 30 min (memory as given (slurm_mem_MiB); time as given " +
			"(slurm_time_min))"), r.out);
		Path sub = out.resolve(".slurm/submit-001");
		String array = Files.readString(sub.resolve("array.sh"));
		assertTrue(array.contains("#SBATCH --mem=5000M\n") && array.contains("#SBATCH --time=30\n") && array.contains(
			" -Xmx4744m "), array);
		JsonObject m = SlurmSubmission.readJson(sub.resolve("manifest.json"));
		assertEquals(List.of(5000, 30), List.of(m.get("mem_MiB").getAsInt(), m.get("time_min").getAsInt()));
		assertEquals(List.of("slurm_mem_MiB", "slurm_time_min"), List.of(m.get("mem_source").getAsString(), m.get(
			"time_source").getAsString()));
		assertEquals(5000, SlurmSubmission.readJson(sub.resolve("settings.json")).get("slurm_mem_MiB").getAsInt(),
			"the tasks' settings record them too");

		// the options win
		r = CliRun.run("slurm", "--in", f.in.toString(), "--out", out.toString(), "--config", config.toString(),
			"--mem", "3G", "--time", "10", "--dry-run");
		assertEquals(0, r.code, r.err);
		m = SlurmSubmission.readJson(out.resolve(".slurm/submit-002/manifest.json"));
		assertEquals(List.of(3072, 10), List.of(m.get("mem_MiB").getAsInt(), m.get("time_min").getAsInt()));
		assertEquals(List.of("--mem", "--time"), List.of(m.get("mem_source").getAsString(), m.get("time_source")
			.getAsString()));
		// not given anywhere: estimated
		r = f.slurmDryRunOfD1(tmp.resolve("out2"), "--time", "10");
		assertEquals(0, r.code, r.err);
		m = SlurmSubmission.readJson(tmp.resolve("out2/.slurm/submit-001/manifest.json"));
		assertEquals("estimated", m.get("mem_source").getAsString());

		Files.writeString(config, "{\"calibration\": \"" + f.truth.resolve("s1-calibration.json") + "\", \"" +
			PipelineSettings.KEY_SLURM_MEM + "\": 100}");
		r = CliRun.run("slurm", "--in", f.in.toString(), "--out", tmp.resolve("out3").toString(), "--config", config
			.toString(), "--dry-run");
		assertEquals(2, r.code, r.err);
		assertTrue(r.err.contains(": slurm_mem_MiB: must be at least 256 MiB"), r.err);
	}

	/**
	 * sbatch passes the submitting shell's environment on to the tasks; MAGRATIO_JAVA_OPTS there (say -Xmx20g for
	 * the launcher) must not raise a task's heap past its --mem. The scripts run here with a stand-in for java that
	 * prints its arguments.
	 */
	@Test
	void theTasksHeapComesFromTheirMemoryRequestNotFromTheSubmittersJavaOptions() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path out = tmp.resolve("out");
		CliRun r = f.slurmDryRunOfD1(out, "--mem", "2G", "--time", "5", "--java-opts", "-XX:+UseSerialGC");
		assertEquals(0, r.code, r.err);
		Path sub = out.resolve(".slurm/submit-001");
		Path fakeJava = echoingJava(tmp);
		for (String script : new String[] { "array.sh", "merge.sh" }) {
			List<String> args = javaArguments(sub.resolve(script), fakeJava, Map.of("MAGRATIO_JAVA_OPTS",
				"-Xmx20g -Dfrom.submitter=1"));
			List<String> heaps = new ArrayList<>();
			for (String a : args)
				if (a.startsWith("-Xmx")) heaps.add(a);
			// 2048 MiB less 256 MiB outside the heap; the merge runs in the 1 GiB it asks for
			assertEquals(List.of(script.equals("array.sh") ? "-Xmx1792m" : "-Xmx768m"), heaps, script + ": " + args);
			assertFalse(args.contains("-Dfrom.submitter=1"), script + ": " + args);
			if (script.equals("array.sh")) assertTrue(args.contains("-XX:+UseSerialGC") && args.containsAll(List.of(
				"slurm-task", "--submission", sub.toString(), "--task", "0")), args.toString());
		}
	}

	/**
	 * A task adds the Vector API module only when the node's java has it (its JDK's release file lists it), since
	 * {@code --add-modules} of a module a JVM lacks stops it before it starts; MAGRATIO_VECTOR=0 leaves it out. The
	 * stand-in java prints its arguments.
	 */
	@Test
	void aTaskAsksForTheVectorApiOnlyWhereItsJavaHasIt() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path out = tmp.resolve("out");
		CliRun r = f.slurmDryRunOfD1(out, "--mem", "2G", "--time", "5");
		assertEquals(0, r.code, r.err);
		Path array = out.resolve(".slurm/submit-001/array.sh");
		List<String> module = List.of("--add-modules", "jdk.incubator.vector");
		String[][] cases = { // release file's modules, MAGRATIO_VECTOR, module expected
			{ "java.base jdk.incubator.vector java.desktop", null, "yes" }, { "java.base jdk.incubator.vector", "0", "no" },
			{ "java.base java.desktop", null, "no" }, { null, null, "no" } };
		for (int c = 0; c < cases.length; c++) {
			Path home = tmp.resolve("jdk" + c);
			Path fakeJava = echoingJava(Files.createDirectories(home.resolve("bin")));
			if (cases[c][0] != null) Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.9\"\nMODULES=\"" +
				cases[c][0] + "\"\n");
			Map<String, String> env = new HashMap<>();
			env.put("MAGRATIO_VECTOR", cases[c][1]); // null: unset
			List<String> args = javaArguments(array, fakeJava, env);
			int at = args.indexOf("--add-modules");
			boolean has = at >= 0 && args.subList(at, Math.min(args.size(), at + 2)).equals(module);
			assertEquals(cases[c][2].equals("yes"), has, "case " + c + ": " + args);
			assertTrue(args.containsAll(List.of("slurm-task", "--task", "0")), args.toString());
		}
	}

	/** @return a stand-in {@code java} in {@code dir} that prints each of its arguments on a line */
	private static Path echoingJava(Path dir) throws Exception {
		Path stand = dir.resolve("java");
		Files.writeString(stand, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
		Files.setPosixFilePermissions(stand, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		return stand;
	}

	/**
	 * Runs a task or merge script as SLURM would for task 0, with {@code java} as MAGRATIO_JAVA and {@code env} on top
	 * (a null value unsets the variable).
	 *
	 * @return the arguments the script gave java
	 */
	private static List<String> javaArguments(Path script, Path java, Map<String, String> env) throws Exception {
		ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
		pb.environment().put("MAGRATIO_JAVA", java.toString());
		pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
		for (Map.Entry<String, String> e : env.entrySet())
			if (e.getValue() == null) pb.environment().remove(e.getKey());
			else pb.environment().put(e.getKey(), e.getValue());
		Process p = pb.start();
		List<String> args = List.of(new String(p.getInputStream().readAllBytes()).split("\n"));
		assertEquals(0, p.waitFor(), args.toString());
		return args;
	}

	@Test
	void slurmTimeAndMemoryNotations() {
		assertEquals(90, SlurmSubmitter.parseTimeMinutes("90"));
		assertEquals(2, SlurmSubmitter.parseTimeMinutes("1:30"), "MM:SS, rounded up");
		assertEquals(90, SlurmSubmitter.parseTimeMinutes("1:30:00"));
		assertEquals(36 * 60, SlurmSubmitter.parseTimeMinutes("1-12"));
		assertEquals(36 * 60 + 30, SlurmSubmitter.parseTimeMinutes("1-12:30"));
		assertEquals(36 * 60 + 31, SlurmSubmitter.parseTimeMinutes("1-12:30:01"));
		assertEquals(4000, SlurmSubmitter.parseMemMiB("4000"));
		assertEquals(4096, SlurmSubmitter.parseMemMiB("4G"));
		assertEquals(600, SlurmSubmitter.parseMemMiB("600M"));
		assertEquals(1536, SlurmSubmitter.parseMemMiB("1.5G"));
		assertEquals(1, SlurmSubmitter.parseMemMiB("1000K"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SlurmSubmitter.parseMemMiB("lots")).getMessage()
			.startsWith("--mem 'lots' is not a memory size"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SlurmSubmitter.parseTimeMinutes("1h"))
			.getMessage().startsWith("--time '1h' is not a SLURM time"));
	}

	static Slurm.JobRecord record(String line) {
		return new Slurm.JobRecord(Slurm.parse(line));
	}

	@Test
	void howATaskEndedIsReadFromSlurmAndItsLog() {
		// what scontrol -o show job and slurmstepd said on the real single-node cluster
		TaskOutcome t = TaskOutcome.of(0, record("JobId=7 ArrayJobId=7 ArrayTaskId=0 JobState=TIMEOUT " +
			"Reason=TimeLimit ExitCode=143:0"), false, "slurmstepd-vm: error: *** JOB 7 ON vm CANCELLED AT " +
				"2026-12-01T08:01:08 DUE TO TIME LIMIT ***", 1024, 1, "log");
		assertEquals(TaskOutcome.Kind.KILLED_TIME, t.kind);
		assertEquals("killed by SLURM at its time limit (--time 1 min) before this input was finished; resubmit " +
			"with a larger --time (finished inputs are kept)", t.message);
		assertEquals(TaskOutcome.Kind.KILLED_TIME, TaskOutcome.of(0, record("JobState=COMPLETING Reason=TimeLimit"),
			false, "", 1024, 1, "log").kind, "being killed");
		// jobacct_gather's OverMemoryKill leaves FAILED; a cgroup cluster says OUT_OF_MEMORY
		String oom = "slurmstepd-vm: error: StepId=5.batch exceeded memory limit (715493376 > 629145600), being " +
			"killed\nslurmstepd-vm: error: Exceeded job memory limit\n";
		t = TaskOutcome.of(0, record("JobState=FAILED Reason=JobLaunchFailure ExitCode=0:9"), false, oom, 600, 5, "log");
		assertEquals(TaskOutcome.Kind.KILLED_MEMORY, t.kind);
		assertTrue(t.message.startsWith("killed by SLURM for memory: the task exceeded its --mem of 600 MiB"));
		assertEquals(TaskOutcome.Kind.KILLED_MEMORY, TaskOutcome.of(0, record("JobState=OUT_OF_MEMORY"), false, "", 600,
			5, "log").kind);
		assertEquals(TaskOutcome.Kind.KILLED_MEMORY, TaskOutcome.of(0, null, false, oom, 600, 5, "log").kind,
			"from the log alone, once SLURM has forgotten the job");
		assertEquals(TaskOutcome.Kind.DONE, TaskOutcome.of(0, record("JobState=COMPLETED ExitCode=1:0"), true, "", 600,
			5, "log").kind, "a task whose inputs all have rows is done, even if some of them failed");
		assertEquals(TaskOutcome.Kind.PENDING, TaskOutcome.of(0, record("JobState=PENDING Reason=JobArrayTaskLimit"),
			false, "", 600, 5, "log").kind);
		assertEquals(TaskOutcome.Kind.CANCELLED, TaskOutcome.of(0, record("JobState=CANCELLED"), false, "", 600, 5,
			"log").kind);
		t = TaskOutcome.of(0, record("JobState=NODE_FAIL ExitCode=0:0"), false, "", 600, 5, "task-0.log");
		assertEquals(TaskOutcome.Kind.FAILED, t.kind);
		assertTrue(t.message.contains("NODE_FAIL") && t.message.endsWith("see task-0.log"), t.message);
		assertEquals(TaskOutcome.Kind.UNKNOWN, TaskOutcome.of(0, null, false, "", 600, 5, "log").kind);
	}

	@Test
	void foldedArrayRecordsCoverEveryTask() {
		assertEquals(java.util.List.of(3), Slurm.ids("3"));
		assertEquals(java.util.List.of(2, 3, 4, 5), Slurm.ids("2-5%2"));
		assertEquals(java.util.List.of(1, 4, 5, 6), Slurm.ids("1,4-6"));
		Map<String, String> m = Slurm.parse("JobId=12 JobName=magratio batch ArrayJobId=12 ArrayTaskId=4-9%2 " +
			"JobState=PENDING Reason=JobArrayTaskLimit Command=/a/b/array.sh");
		assertEquals("magratio batch", m.get("JobName"), "a value with a space");
		assertEquals("4-9%2", m.get("ArrayTaskId"));
		assertEquals("PENDING", m.get("JobState"));
	}
}
