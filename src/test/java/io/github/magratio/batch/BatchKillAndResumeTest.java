package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.cli.CliRun;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.slurm.JavaCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch killed half-way (SIGKILL of its JVM while it writes a result) leaves nothing that counts as done; the next
 * run removes the leftovers, keeps what was finished (not redone: same run.json, same files) and finishes the rest,
 * and the final results equal those of an uninterrupted run.
 */
class BatchKillAndResumeTest {

	@Test
	void aBatchKilledHalfWayResumesToTheResultsOfAnUninterruptedRun(@TempDir Path tmp) throws Exception {
		BatchFixture f = BatchFixture.get();
		Path reference = f.reference();
		Path out = tmp.resolve("out");
		List<String> cmd = new ArrayList<>(Arrays.asList(JavaCommand.java().toString(), "-Xmx1g",
			"-Djava.awt.headless=true", "-cp", JavaCommand.classpathString(), "io.github.magratio.cli.Main", "batch",
			"--in", f.in.toString(), "--out", out.toString(), "--config", f.settings.toString(), "--threads", "1",
			"--quiet"));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		// wait until two results are in place and the next one is being written, then kill -9
		while (!(done(out).size() >= 2 && !leftovers(out).isEmpty())) {
			assertTrue(p.isAlive(), "the batch ended before it could be killed: " + Files.readString(tmp.resolve(
				"killed.log")));
			assertTrue(System.nanoTime() < deadline, "no progress to kill in 180 s");
			Thread.sleep(10);
		}
		p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(137, p.exitValue(), "killed by SIGKILL");

		Set<String> doneBefore = done(out);
		List<Path> left = leftovers(out);
		System.out.println("killed with " + doneBefore + " done, leftovers " + left);
		assertTrue(doneBefore.size() >= 2 && doneBefore.size() < BatchFixture.GOOD.size(), doneBefore.toString());
		assertFalse(left.isEmpty(), "the result being written when killed is a hidden temporary folder");
		// the table written after each input shows the rest as pending: nothing else counts as done
		for (BatchTable.Row r : BatchTable.read(out.resolve(BatchTable.BATCH)))
			if (!r.output.isEmpty()) assertTrue(doneBefore.contains(r.output), r.toString());
			else assertTrue(r.status == BatchTable.Status.PENDING || r.status == BatchTable.Status.FAILED, r.toString());
		Map<String, String> created = new HashMap<>();
		Map<String, FileTime> modified = new HashMap<>();
		for (String d : doneBefore) {
			created.put(d, BatchFixture.runJsonField(out.resolve(d), "created").getAsString());
			modified.put(d, Files.getLastModifiedTime(out.resolve(d).resolve(Pipeline.CELLS)));
		}

		CliRun resumed = CliRun.run("batch", "--in", f.in.toString(), "--out", out.toString(), "--config", f.settings
			.toString(), "--threads", "2", "--quiet");
		assertEquals(1, resumed.code, "the two corrupt files still fail: " + resumed.err);
		assertEquals(new TreeSet<>(BatchFixture.GOOD.keySet()), done(out));
		assertEquals(List.of(), leftovers(out), "the killed run's temporary folders are gone");
		int skipped = 0, ok = 0;
		for (BatchTable.Row r : BatchTable.read(out.resolve(BatchTable.BATCH))) {
			if (r.output.isEmpty()) {
				assertEquals(BatchTable.Status.FAILED, r.status, r.toString());
				continue;
			}
			if (doneBefore.contains(r.output)) {
				assertEquals(BatchTable.Status.SKIPPED, r.status, "finished before the kill, not redone: " + r);
				assertEquals(created.get(r.output), BatchFixture.runJsonField(out.resolve(r.output), "created")
					.getAsString());
				assertEquals(modified.get(r.output), Files.getLastModifiedTime(out.resolve(r.output).resolve(
					Pipeline.CELLS)));
				skipped++;
			}
			else {
				assertEquals(BatchTable.Status.OK, r.status, "done by the second run: " + r);
				ok++;
			}
		}
		assertEquals(doneBefore.size(), skipped);
		assertEquals(BatchFixture.GOOD.size() - doneBefore.size(), ok, "each input done exactly once in all");
		BatchFixture.assertSameResults(reference, out, true);
	}

	/**
	 * Killed while replacing a result (a --force rerun, or a changed input): the earlier result was set aside
	 * ({@code .a.old-*}) and the new one not yet moved into place. The next run puts the earlier one back (kept, since
	 * it is still current) instead of deleting it; killed just after the move, the set-aside copy is only a leftover.
	 * The states on disk are made here by hand: what the kill leaves between two renames.
	 */
	@Test
	void aRunKilledWhileReplacingAResultLosesNeitherTheEarlierNorTheNewOne(@TempDir Path tmp) throws Exception {
		BatchFixture f = BatchFixture.get();
		Path in = Files.createDirectories(tmp.resolve("in"));
		Files.copy(f.truth.resolve("s1.tif"), in.resolve("a.tif"));
		Files.copy(f.truth.resolve("s7.tif"), in.resolve("b.tif"));
		Path out = tmp.resolve("out");
		String[] batch = { "batch", "--in", in.toString(), "--out", out.toString(), "--config", f.settings.toString(),
			"--threads", "1" };
		assertEquals(0, CliRun.run(batch).code);
		String createdA = BatchFixture.runJsonField(out.resolve("a"), "created").getAsString();
		String createdB = BatchFixture.runJsonField(out.resolve("b"), "created").getAsString();
		// a: killed between the two renames of OutputFolder.commit, the new result still in its temporary folder; the
		// names are those a run writes (owner token of a process that has ended: host, pid, random part)
		String dead = io.github.magratio.util.AtomicFiles.ownerToken().replaceFirst("-[0-9]+-", "-" + Integer.MAX_VALUE +
			"-");
		String setAsideA = ".a.old-" + dead;
		Files.move(out.resolve("a"), out.resolve(setAsideA));
		Files.createDirectories(out.resolve(".a.tmp-" + dead));
		Files.writeString(out.resolve(".a.tmp-" + dead + "/cells.csv"), "half written");
		// b: killed after the new result was moved into place, before the set-aside one was deleted
		BatchFixture.copy(out.resolve("b"), out.resolve(".b.old-" + dead));

		CliRun r = CliRun.run(batch);
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.contains("a.tif: warning: put back its earlier result, which a killed run had set aside in " +
			setAsideA + " while replacing it"), r.err);
		assertEquals(BatchTable.Status.SKIPPED, BatchBadInputTest.row(out, "a.tif").status, "put back, still current");
		assertEquals(createdA, BatchFixture.runJsonField(out.resolve("a"), "created").getAsString());
		assertEquals(BatchTable.Status.SKIPPED, BatchBadInputTest.row(out, "b.tif").status);
		assertEquals(createdB, BatchFixture.runJsonField(out.resolve("b"), "created").getAsString());
		assertEquals(List.of(), leftovers(out));
	}

	/** @return the result folders in place (with run.json) */
	static Set<String> done(Path out) {
		Set<String> s = new TreeSet<>();
		for (String d : BatchFixture.GOOD.keySet())
			if (Files.isRegularFile(out.resolve(d).resolve(Pipeline.RUN))) s.add(d);
		return s;
	}

	/** @return temporary folders of the pipeline anywhere under {@code out} */
	static List<Path> leftovers(Path out) throws IOException {
		if (!Files.isDirectory(out)) return List.of();
		try (Stream<Path> s = Files.walk(out)) {
			return s.filter(p -> p.getFileName().toString().matches("\\..*\\.(tmp|old)-.+")).collect(Collectors
				.toList());
		} catch (java.io.UncheckedIOException e) {
			return List.of(); // a folder vanished while listing: the batch is moving things into place
		}
	}
}
