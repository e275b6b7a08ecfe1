package io.github.magratio.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchFixture;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.pipeline.Pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magratio slurm} on a real single-node SLURM (slurmctld, slurmd and munged started by
 * scripts/slurm-test-cluster in a temporary folder, stopped at the end even on failure): a job array over the batch
 * fixture gives, once its merge job has run, results and tables equal to the local batch's byte for byte (but for
 * timings); tasks SLURM kills for time (a task stalled with SIGSTOP past its 1 min limit) and for memory (a JVM that
 * touches more than its --mem) are reported as such in slurm-status and batch.csv; while a task runs, slurm-status
 * says so (exit 3) and neither a batch nor a second submission (a --dry-run in between notwithstanding) may write
 * into its output folder; a resubmission finishes the job. Skipped (named by scripts/test, a failure with CI=true)
 * without root or SLURM's packages.
 */
class SlurmClusterTest {

	@TempDir
	static Path tmp;

	static Path cluster;
	static Map<String, String> env = new HashMap<>();

	@BeforeAll
	static void startCluster() throws Exception {
		boolean root = "root".equals(System.getProperty("user.name"));
		Assumptions.assumeTrue(root, "a single-node SLURM needs root (SlurmUser=root)");
		for (String c : new String[] { "slurmctld", "slurmd", "sbatch", "scontrol", "munged" })
			Assumptions.assumeTrue(Slurm.which(c) != null || Files.isExecutable(Paths.get("/usr/sbin", c)), c +
				" missing: scripts/install-test-deps installs slurmctld slurmd slurm-client munge");
		cluster = tmp.resolve("cluster");
		long t0 = System.nanoTime();
		Process p = new ProcessBuilder("bash", "scripts/slurm-test-cluster", "start", cluster.toString())
			.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "cluster start failed:\n" + out);
		Matcher m = Pattern.compile("export SLURM_CONF=(\\S+)").matcher(out);
		assertTrue(m.find(), out);
		env.put("SLURM_CONF", m.group(1));
		System.out.printf("slurm: single-node cluster idle %.1f s after start%n", (System.nanoTime() - t0) / 1e9);
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (cluster == null) return;
		Process p = new ProcessBuilder("bash", "scripts/slurm-test-cluster", "stop", cluster.toString()).inheritIO()
			.start();
		p.waitFor(60, TimeUnit.SECONDS);
	}

	static ChildJvm magratio(String... args) throws Exception {
		return ChildJvm.run(env, tmp.resolve("logs"), args);
	}

	/** Waits until the merge job has written its record; returns the seconds waited. */
	static double awaitMerge(Path out, int seconds) throws Exception {
		long t0 = System.nanoTime(), deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
		Path states = out.resolve(".slurm/submit-001/states.json");
		while (!Files.isRegularFile(states)) {
			if (System.nanoTime() > deadline) {
				ChildJvm s = magratio("slurm-status", "--out", out.toString());
				throw new AssertionError("the merge did not run within " + seconds + " s:\n" + s + "\n" + logs(out));
			}
			Thread.sleep(200);
		}
		return (System.nanoTime() - t0) / 1e9;
	}

	static String logs(Path out) throws IOException {
		StringBuilder b = new StringBuilder();
		Path dir = out.resolve(".slurm/submit-001/logs");
		if (Files.isDirectory(dir)) try (Stream<Path> s = Files.list(dir)) {
			for (Path p : (Iterable<Path>) s::iterator)
				b.append("--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
		}
		return b.toString();
	}

	static String jobId(ChildJvm submit, String which) {
		Matcher m = Pattern.compile(which + " job (\\d+)").matcher(submit.out);
		assertTrue(m.find(), submit.toString());
		return m.group(1);
	}

	@Test
	void aJobArrayGivesTheLocalBatchsResultsByteForByte() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path reference = f.reference();
		Path out = tmp.resolve("array");
		long t0 = System.nanoTime();
		ChildJvm submit = magratio("slurm", "--in", f.in.toString(), "--out", out.toString(), "--config", f.settings
			.toString(), "--tasks", "3", "--concurrent", "2", "--partition", "debug");
		assertEquals(0, submit.code, submit.toString());
		String array = jobId(submit, "array"), merge = jobId(submit, "merge");
		double waited = awaitMerge(out, 300);
		System.out.printf("slurm: array job %s (3 tasks, %%2) and merge job %s over %d inputs: submitted in %.1f s, " +
			"merged %.1f s later%n", array, merge, BatchFixture.GOOD.size() + BatchFixture.BAD.size(), (System
				.nanoTime() - t0) / 1e9 - waited, waited);
		String script = Files.readString(out.resolve(".slurm/submit-001/array.sh"));
		assertTrue(script.contains("#SBATCH --array=0-2%2\n") && script.contains("#SBATCH --partition=debug\n") && script
			.contains("--task \"$SLURM_ARRAY_TASK_ID\""), script);

		BatchFixture.assertSameResults(reference, out);

		// no file written by two tasks: each input is in exactly one task's table, each task ran as its own job
		Set<String> seen = new HashSet<>(), jobs = new HashSet<>();
		for (int t = 0; t < 3; t++) {
			for (BatchTable.Row r : BatchTable.read(out.resolve(".slurm/submit-001/tasks/task-" + t + ".csv")))
				assertTrue(seen.add(r.input), r.input + " in two tasks");
			JsonObject info = SlurmSubmission.readJson(out.resolve(".slurm/submit-001/tasks/task-" + t + ".json"));
			assertEquals(array, info.get("array_job_id").getAsString());
			assertTrue(jobs.add(info.get("job_id").getAsString()));
			assertTrue(Files.size(out.resolve(".slurm/submit-001/logs/task-" + t + ".log")) > 0, "a log per task");
		}
		assertEquals(BatchFixture.GOOD.size() + BatchFixture.BAD.size(), seen.size());

		ChildJvm status = magratio("slurm-status", "--out", out.toString());
		assertEquals(1, status.code, "finished, two inputs failed: " + status);
		assertTrue(status.out.contains("tasks: 3 (3 done)") && status.out.contains("5 ok, 0 skipped, 2 failed, 0 not " +
			"finished") && status.out.contains("merge: done"), status.out);
	}

	@Test
	void tasksKilledForTimeAndMemoryAreReportedAsSuchAndAResubmissionFinishes() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path timeOut = tmp.resolve("killed-time"), memOut = tmp.resolve("killed-mem");
		ChildJvm t = magratio("slurm", "--in", f.in.toString(), "--glob", "d1/*.tif", "--out", timeOut.toString(),
			"--config", f.settings.toString(), "--tasks", "1", "--time", "1");
		assertEquals(0, t.code, t.toString());
		// the task hangs (as on a stalled file system) once it has started: SLURM must end it at its time limit
		Path info = timeOut.resolve(".slurm/submit-001/tasks/task-0.json");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!Files.isRegularFile(info)) {
			assertTrue(System.nanoTime() < deadline, "the task did not start: " + logs(timeOut));
			Thread.sleep(50);
		}
		String pid = SlurmSubmission.readJson(info).get("pid").getAsString();
		assertEquals(0, new ProcessBuilder("kill", "-STOP", pid).inheritIO().start().waitFor());
		long stopped = System.nanoTime();
		// what it had finished when stopped (its table is frozen now): the rest must be reported killed
		Path table = timeOut.resolve(".slurm/submit-001/tasks/task-0.csv");
		long doneAtStop = Files.isRegularFile(table) ? BatchTable.read(table).stream().filter(r -> r.status.done())
			.count() : 0;

		// while it runs (stopped, for SLURM still RUNNING): slurm-status says so, and nothing else may write there
		ChildJvm running = magratio("slurm-status", "--out", timeOut.toString());
		assertEquals(3, running.code, "still running: " + running);
		assertTrue(running.out.contains("task 0: running"), running.out);
		String why = "a SLURM submission into " + timeOut + " (" + timeOut.resolve(".slurm/submit-001") + ", array job ";
		ChildJvm batch = magratio("batch", "--in", f.in.toString(), "--glob", "d1/*.tif", "--out", timeOut.toString(),
			"--config", f.settings.toString());
		assertEquals(2, batch.code, batch.toString());
		assertTrue(batch.err.contains(why) && batch.err.contains(") is still running: its tasks write results there"),
			batch.err);
		assertFalse(Files.exists(timeOut.resolve(BatchTable.BATCH)), "the batch wrote nothing");
		// a --dry-run meanwhile is allowed, and hides the running submission neither from slurm-status nor from slurm
		ChildJvm dry = magratio("slurm", "--in", f.in.toString(), "--glob", "d1/*.tif", "--out", timeOut.toString(),
			"--config", f.settings.toString(), "--time", "5", "--dry-run");
		assertEquals(0, dry.code, dry.toString());
		running = magratio("slurm-status", "--out", timeOut.toString());
		assertEquals(3, running.code, running.toString());
		assertTrue(running.out.startsWith("submission " + timeOut.resolve(".slurm/submit-001") + ": array job ") &&
			running.out.contains("(submit-002 is newer but was not submitted (--dry-run)"), running.out);
		ChildJvm second = magratio("slurm", "--in", f.in.toString(), "--glob", "d1/*.tif", "--out", timeOut.toString(),
			"--config", f.settings.toString(), "--time", "5");
		assertEquals(2, second.code, second.toString());
		assertTrue(second.err.contains(why), second.err);
		assertFalse(Files.exists(timeOut.resolve(".slurm/submit-003")), "not submitted");

		// a JVM that takes 1.5 GiB at once in a task allowed 600 MiB: SLURM kills it for memory
		ChildJvm m = magratio("slurm", "--in", f.in.toString(), "--glob", "d2/*.tif", "--out", memOut.toString(),
			"--config", f.settings.toString(), "--tasks", "1", "--mem", "600M", "--java-opts",
			"-Xms1500m -Xmx1500m -XX:+AlwaysPreTouch");
		assertEquals(0, m.code, m.toString());
		awaitMerge(memOut, 120);
		ChildJvm ms = magratio("slurm-status", "--out", memOut.toString());
		assertEquals(1, ms.code, ms.toString());
		assertTrue(ms.out.contains("task 0: killed: memory"), ms.out);
		for (BatchTable.Row r : BatchTable.read(memOut.resolve(BatchTable.BATCH))) {
			assertEquals(BatchTable.Status.FAILED, r.status, r.toString());
			assertTrue(r.error.startsWith("killed by SLURM for memory: the task exceeded its --mem of 600 MiB"), r.error);
		}

		awaitMerge(timeOut, 240);
		System.out.printf("slurm: the stopped task was killed and merged %.0f s after SIGSTOP (time limit 1 min), %d " +
			"of its 2 inputs done before%n", (System.nanoTime() - stopped) / 1e9, doneAtStop);
		ChildJvm ts = magratio("slurm-status", "--out", timeOut.toString());
		assertEquals(1, ts.code, ts.toString());
		assertTrue(ts.out.contains("task 0: killed: time limit [TIMEOUT]"), ts.out);
		List<BatchTable.Row> rows = BatchTable.read(timeOut.resolve(BatchTable.BATCH));
		assertEquals(2, rows.size());
		int killed = 0;
		for (BatchTable.Row r : rows)
			if (r.status == BatchTable.Status.FAILED) {
				assertTrue(r.error.startsWith("killed by SLURM at its time limit (--time 1 min)"), r.error);
				killed++;
			}
			else assertEquals(BatchTable.Status.OK, r.status, r.toString());
		assertEquals(2 - doneAtStop, killed, "every input not finished when the task was stopped: " + rows);

		// resubmitted with time to spare: the unfinished inputs are done, the leftovers of the killed task removed
		ChildJvm again = magratio("slurm", "--in", f.in.toString(), "--glob", "d1/*.tif", "--out", timeOut.toString(),
			"--config", f.settings.toString(), "--tasks", "2", "--time", "10");
		assertEquals(0, again.code, again.toString());
		Path states2 = timeOut.resolve(".slurm/submit-003/states.json"); // submit-002 is the --dry-run
		deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (!Files.isRegularFile(states2)) {
			assertTrue(System.nanoTime() < deadline, "the resubmission did not finish");
			Thread.sleep(200);
		}
		ChildJvm done = magratio("slurm-status", "--out", timeOut.toString());
		assertEquals(0, done.code, done.toString());
		for (BatchTable.Row r : BatchTable.read(timeOut.resolve(BatchTable.BATCH)))
			assertTrue(r.status.done(), r.toString());
		for (String folder : new String[] { "d1/A", "d1/C" }) {
			assertFalse(Files.list(timeOut.resolve("d1")).anyMatch(p -> p.getFileName().toString().startsWith(".")),
				"no leftovers of the killed task");
			assertEquals(BatchFixture.runJsonField(f.reference().resolve(folder), "result"), BatchFixture.runJsonField(
				timeOut.resolve(folder), "result"));
			assertEquals(Files.readString(f.reference().resolve(folder).resolve(Pipeline.CELLS)), Files.readString(timeOut
				.resolve(folder).resolve(Pipeline.CELLS)), folder);
		}
	}
}
