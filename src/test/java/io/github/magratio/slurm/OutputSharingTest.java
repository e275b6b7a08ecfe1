package io.github.magratio.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.batch.BatchFixture;
import io.github.magratio.batch.BatchListener;
import io.github.magratio.batch.BatchRunner;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.cli.CliRun;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local batch and a SLURM submission into one output folder are kept apart, without a cluster: {@code batch} and
 * {@code run} refuse while a submission may still run (here one submitted by hand with submit.sh, which SLURM cannot
 * be asked about; a later --dry-run does not hide it) until its merge has recorded the end; a running task keeps a
 * batch out while the other tasks of its submission run at once; {@code slurm} refuses while a batch holds the output
 * lock.
 */
class OutputSharingTest {

	@TempDir
	Path tmp;

	/** A folder of {@code n} small recordings. */
	Path recordings(int n) throws Exception {
		BatchFixture f = BatchFixture.get();
		Path in = Files.createDirectories(tmp.resolve("in"));
		String[] seeds = { "s1", "s7", "s42", "s100" };
		for (int i = 0; i < n; i++)
			Files.copy(f.truth.resolve(seeds[i % seeds.length] + ".tif"), in.resolve((char) ('a' + i) + ".tif"));
		return in;
	}

	static CliRun cli(String command, Path in, Path out, String... more) throws Exception {
		String[] base = { command, "--in", in.toString(), "--out", out.toString(), "--config", BatchFixture.get()
			.settings.toString() };
		String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, args, base.length, more.length);
		return CliRun.run(args);
	}

	/** Writes a submission with --dry-run (resources given: nothing measured) of {@code tasks} tasks. */
	static Path dryRun(Path in, Path out, int tasks) throws Exception {
		CliRun r = cli("slurm", in, out, "--tasks", String.valueOf(tasks), "--mem", "1G", "--time", "5", "--dry-run");
		assertEquals(0, r.code, r.err);
		return out.resolve(".slurm/submit-001");
	}

	@Test
	void aSubmissionSlurmCannotBeAskedAboutKeepsBatchAndRunOutUntilItsMergeHasRun() throws Exception {
		Path in = recordings(2), out = tmp.resolve("out");
		Path sub = dryRun(in, out, 2);
		// what submit.sh records once sbatch has taken the jobs; no SLURM here answers for them
		Files.writeString(sub.resolve("job.json"), "{\"array_job_id\": \"4242\", \"merge_job_id\": \"4243\"}\n");
		String why = "a SLURM submission into " + out + " (" + sub + ", array job 4242) may still be running, and " +
			"SLURM cannot be asked";
		CliRun b = cli("batch", in, out, "--quiet");
		assertEquals(2, b.code, b.err);
		assertTrue(b.err.contains(why) && b.err.contains("'magratio slurm-merge --submission " + sub + "'"), b.err);
		assertFalse(Files.exists(out.resolve(BatchTable.BATCH)), "nothing run");
		CliRun r = CliRun.run("run", in.resolve("a.tif").toString(), in.resolve("b.tif").toString(), "--out", out
			.toString(), "--config", BatchFixture.get().settings.toString(), "--quiet");
		assertEquals(2, r.code, r.err);
		assertTrue(r.err.contains(why), r.err);
		assertFalse(Files.exists(out.resolve("a")), "nothing run");

		// a later --dry-run hides it neither from the check nor from slurm-status
		assertEquals(0, cli("slurm", in, out, "--mem", "1G", "--time", "5", "--dry-run").code);
		Path dry = out.resolve(".slurm/submit-002");
		assertTrue(Files.isRegularFile(dry.resolve("manifest.json")));
		b = cli("batch", in, out, "--quiet");
		assertEquals(2, b.code, b.err);
		assertTrue(b.err.contains(why), b.err);
		CliRun status = CliRun.run("slurm-status", "--out", out.toString());
		assertTrue(status.out.startsWith("submission " + sub + ": array job 4242, merge job 4243\n(submit-002 is newer " +
			"but was not submitted (--dry-run): bash " + dry.resolve("submit.sh") + ")"), status.out);

		// its jobs have ended: the merge by hand records it, and the folder is free again
		CliRun merge = CliRun.run("slurm-merge", "--submission", sub.toString());
		assertEquals(0, merge.code, merge.err);
		assertTrue(Files.isRegularFile(sub.resolve("states.json")));
		b = cli("batch", in, out, "--quiet");
		assertEquals(0, b.code, b.err);
		assertTrue(b.out.contains("2 inputs: 2 ok, 0 skipped, 0 failed"), b.out);
	}

	@Test
	void aRunningTaskKeepsABatchOutWhileTheOtherTasksOfItsSubmissionRun() throws Exception {
		Path in = recordings(8), out = tmp.resolve("out");
		Path sub = dryRun(in, out, 2);
		SlurmSubmission s = SlurmSubmission.open(sub);
		Process task0 = new ProcessBuilder(JavaCommand.java().toString(), "-Xmx512m", "-Djava.awt.headless=true", "-cp",
			JavaCommand.classpathString(), "io.github.magratio.cli.Main", "slurm-task", "--submission", sub.toString(),
			"--task", "0").redirectErrorStream(true).redirectOutput(tmp.resolve("task-0.log").toFile()).start();
		try {
			// stopped once it holds the lock (its table is written under it) and before its 4 inputs are done
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (!Files.isRegularFile(s.taskTable(0))) {
				assertTrue(task0.isAlive() && System.nanoTime() < deadline, Files.readString(tmp.resolve("task-0.log")));
				Thread.sleep(10);
			}
			assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(task0.pid())).start().waitFor());
			assertTrue(BatchTable.read(s.taskTable(0)).stream().anyMatch(row -> row.status == BatchTable.Status.PENDING),
				"task 0 was stopped half-way");

			CliRun b = cli("batch", in, out, "--quiet");
			assertEquals(2, b.code, b.err);
			assertTrue(b.err.contains("another batch is writing to " + out), b.err);
			assertFalse(Files.exists(out.resolve(BatchTable.BATCH)), "the batch touched nothing");

			// task 1 of the same submission runs meanwhile
			BatchRunner.Result t1 = SlurmTasks.runTask(s, 1, 1, BatchListener.NONE);
			assertEquals(4, t1.count(BatchTable.Status.OK), t1.rows.toString());
		} finally {
			new ProcessBuilder("kill", "-CONT", String.valueOf(task0.pid())).start().waitFor();
		}
		assertTrue(task0.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, task0.exitValue(), Files.readString(tmp.resolve("task-0.log")));
		List<BatchTable.Row> rows = BatchTable.read(s.taskTable(0));
		assertEquals(4, rows.stream().filter(row -> row.status == BatchTable.Status.OK).count(), rows.toString());
		// with the tasks over, a batch keeps all 8 results
		CliRun b = cli("batch", in, out, "--quiet");
		assertEquals(0, b.code, b.err);
		assertTrue(b.out.contains("8 inputs: 0 ok, 8 skipped, 0 failed"), b.out);
	}

	@Test
	void slurmRefusesWhileABatchHoldsTheOutputLock() throws Exception {
		Path in = recordings(2), out = Files.createDirectories(tmp.resolve("out"));
		try (FileChannel ch = FileChannel.open(out.resolve(BatchRunner.LOCK), StandardOpenOption.CREATE,
			StandardOpenOption.WRITE); FileLock held = ch.lock())
		{
			CliRun r = cli("slurm", in, out, "--mem", "1G", "--time", "5", "--dry-run");
			assertEquals(2, r.code, r.err);
			assertTrue(r.err.contains("a batch is writing to " + out), r.err);
			assertFalse(Files.exists(out.resolve(SlurmSubmission.DIR)), "nothing written");
		}
		assertEquals(0, cli("slurm", in, out, "--mem", "1G", "--time", "5", "--dry-run").code);
	}
}
