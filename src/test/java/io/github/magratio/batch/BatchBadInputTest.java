package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.cli.CliRun;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magratio batch} with bad input: folders it refuses (exit 2, nothing run), files it cannot read among good ones
 * (a broken link, a named pipe, a file without read permission when not root; failed rows, the rest done, exit 1), an
 * output folder that is read-only or full, a second batch on the same output, and what a rerun redoes (changed input,
 * settings or calibration file; --force) and what it keeps (also when only the SLURM resource requests changed).
 */
class BatchBadInputTest {

	@TempDir
	static Path tmp;

	static BatchFixture f;

	@BeforeAll
	static void fixture() throws Exception {
		f = BatchFixture.get();
	}

	static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	/** A folder with two good recordings. */
	static Path twoGood(String name) throws Exception {
		Path in = Files.createDirectories(tmp.resolve(name));
		Files.copy(f.truth.resolve("s1.tif"), in.resolve("a.tif"));
		Files.copy(f.truth.resolve("s7.tif"), in.resolve("b.tif"));
		return in;
	}

	static CliRun batch(Path in, Path out, String... more) {
		String[] base = { "batch", "--in", in.toString(), "--out", out.toString(), "--config", f.settings.toString(),
			"--quiet" };
		String[] args = new String[base.length + more.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(more, 0, args, base.length, more.length);
		return CliRun.run(args);
	}

	static BatchTable.Row row(Path out, String input) throws Exception {
		for (BatchTable.Row r : BatchTable.read(out.resolve(BatchTable.BATCH)))
			if (r.input.equals(input)) return r;
		throw new AssertionError(input + " not in batch.csv");
	}

	@Test
	void foldersTheBatchRefusesExitWith2AndRunNothing() throws Exception {
		Path empty = Files.createDirectories(tmp.resolve("empty"));
		CliRun r = batch(empty, tmp.resolve("o-empty"));
		assertEquals(2, r.code);
		assertTrue(r.err.contains("input folder " + empty + " holds no files"), r.err);
		assertFalse(Files.exists(tmp.resolve("o-empty")), "nothing written");

		Path in = twoGood("in-refuse");
		r = batch(in, tmp.resolve("o-glob"), "--glob", "**/*.png");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("no input: none of the 2 files in " + in + " matches --glob '**/*.png'"), r.err);
		r = batch(in, in);
		assertEquals(2, r.code);
		assertTrue(r.err.contains("is the input folder"), r.err);
		Files.createDirectories(in.resolve("sub"));
		r = batch(in.resolve("sub"), in);
		assertEquals(2, r.code);
		assertTrue(r.err.contains("is inside the output folder"), r.err);
		r = batch(in, in.resolve("results"));
		assertEquals(2, r.code);
		assertTrue(r.err.contains("--glob '**/*.{tif,tiff,TIF,TIFF}' would take its results"), r.err);
		assertFalse(Files.exists(in.resolve("results")));
		r = batch(in, in.resolve("results"), "--glob", "*.tif");
		assertEquals(0, r.code, "a glob that cannot reach the results is fine: " + r.err);
		assertEquals(BatchTable.Status.OK, row(in.resolve("results"), "a.tif").status);
	}

	@Test
	void unreadableAndCorruptFilesAmongGoodOnesFailAndTheOthersAreDone() throws Exception {
		Path in = twoGood("in-unreadable");
		Files.createSymbolicLink(in.resolve("moved.tif"), tmp.resolve("archive/moved.tif"));
		Files.copy(f.in.resolve("bad/garbage.tif"), in.resolve("garbage.tif"));
		// unreadable for root too (CI runs as root): a named pipe, which would block whoever opens it for reading
		assertEquals(0, sh("mkfifo", in.resolve("pipe.tif").toString()));
		if (!root()) { // root reads any file; a non-root user meets permissions too
			Files.copy(f.truth.resolve("s42.tif"), in.resolve("locked.tif"));
			Files.setPosixFilePermissions(in.resolve("locked.tif"), PosixFilePermissions.fromString("---------"));
		}
		Path out = tmp.resolve("o-unreadable");
		CliRun r = batch(in, out);
		assertEquals(1, r.code, "some inputs failed: " + r.err);
		assertEquals(BatchTable.Status.OK, row(out, "a.tif").status);
		assertEquals(BatchTable.Status.OK, row(out, "b.tif").status);
		BatchTable.Row moved = row(out, "moved.tif");
		assertEquals(BatchTable.Status.FAILED, moved.status);
		assertTrue(moved.error.contains("moved.tif: it is a broken link (to " + tmp.resolve("archive/moved.tif")), moved
			.error);
		assertTrue(r.err.contains("magratio: failed moved.tif: cannot read"), r.err);
		assertTrue(row(out, "garbage.tif").error.contains("not a TIFF file"));
		BatchTable.Row pipe = row(out, "pipe.tif");
		assertEquals(BatchTable.Status.FAILED, pipe.status);
		assertEquals("cannot read " + in.toRealPath().resolve("pipe.tif") + ": not a regular file (a named pipe, device " +
			"or socket)", pipe.error);
		if (!root()) assertTrue(row(out, "locked.tif").error.contains("permission denied"), row(out, "locked.tif").error);
	}

	@Test
	void aReadOnlyOutputFolderIsRefusedByName() throws Exception {
		Path in = twoGood("in-ro");
		Path out = Files.createDirectories(tmp.resolve("o-ro"));
		boolean mounted = false;
		if (root()) mounted = sh("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", out.toString()) == 0;
		if (!mounted) {
			Assumptions.assumeFalse(root(), "root could not mount a read-only tmpfs and ignores permissions");
			Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
		}
		try {
			CliRun r = batch(in, out);
			assertEquals(2, r.code, r.err);
			assertTrue(r.err.contains("cannot write to output folder " + out + ": " + (mounted ? "Read-only file system"
				: "permission denied")), r.err);
		} finally {
			if (mounted) sh("umount", out.toString());
			else Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aFullOutputFolderFailsEachInputCleanlyAndARerunWithSpaceFinishes() throws Exception {
		Assumptions.assumeTrue(root(), "filling a file system needs a tmpfs mount (root)");
		Path in = twoGood("in-full");
		Path out = Files.createDirectories(tmp.resolve("o-full"));
		assertEquals(0, sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", out.toString()));
		try {
			CliRun r = batch(in, out, "--threads", "1");
			assertEquals(1, r.code, r.err);
			assertTrue(r.err.contains("No space left on device"), r.err);
			assertEquals(List.of(), BatchKillAndResumeTest.leftovers(out), "no half-written result is left");
			// a result is there whole or not at all
			for (String d : new String[] { "a", "b" })
				if (Files.exists(out.resolve(d))) for (String file : Resume.CONTRACT)
					assertTrue(Files.isRegularFile(out.resolve(d).resolve(file)), d + "/" + file);
			assertEquals(0, sh("mount", "-o", "remount,size=64m", out.toString()));
			r = batch(in, out);
			assertEquals(0, r.code, r.err);
			for (String s : new String[] { "a.tif", "b.tif" })
				assertTrue(row(out, s).status.done(), row(out, s).toString());
		} finally {
			sh("umount", out.toString());
		}
	}

	@Test
	void aSecondBatchOnTheSameOutputIsRefusedWhileTheFirstRuns() throws Exception {
		Path in = twoGood("in-lock");
		Path out = Files.createDirectories(tmp.resolve("o-lock"));
		try (FileChannel ch = FileChannel.open(out.resolve(BatchRunner.LOCK), StandardOpenOption.CREATE,
			StandardOpenOption.WRITE); FileLock held = ch.lock())
		{
			CliRun r = batch(in, out);
			assertEquals(2, r.code, r.err);
			assertTrue(r.err.contains("another batch is writing to " + out), r.err);
		}
		assertEquals(0, batch(in, out).code, "free again once the first has ended");
	}

	@Test
	void aRerunRedoesWhatChangedAndKeepsTheRest() throws Exception {
		Path in = twoGood("in-rerun");
		Path out = tmp.resolve("o-rerun");
		assertEquals(0, batch(in, out).code);
		String createdB = BatchFixture.runJsonField(out.resolve("b"), "created").getAsString();
		// one pixel changed, same size: redone (the checksum, not the date or size, decides); b only re-dated: kept
		byte[] a = Files.readAllBytes(in.resolve("a.tif"));
		a[a.length / 2] ^= 1; // a pixel: ImageJ writes the IFDs after the pixels
		Files.write(in.resolve("a.tif"), a);
		Files.setLastModifiedTime(in.resolve("b.tif"), java.nio.file.attribute.FileTime.from(1, TimeUnit.DAYS));
		CliRun r = CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", f.settings.toString(),
			"--threads", "1");
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.contains("redoing a.tif: a.tif changed (checksum)"), r.err);
		assertEquals(BatchTable.Status.OK, row(out, "a.tif").status);
		assertEquals(BatchTable.Status.SKIPPED, row(out, "b.tif").status);
		assertEquals(createdB, BatchFixture.runJsonField(out.resolve("b"), "created").getAsString());

		Path settings = tmp.resolve("li.json");
		Files.writeString(settings, "{\"calibration\": \"" + f.truth.resolve("s1-calibration.json") +
			"\", \"threshold\": \"Li\"}");
		r = CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", settings.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.contains("redoing b.tif: settings changed: threshold \"Otsu\" -> \"Li\""), r.err);

		// the calibration file's content changed under the same name
		Path cal = tmp.resolve("cal.json");
		Files.copy(f.truth.resolve("s1-calibration.json"), cal);
		Path s2 = tmp.resolve("s2.json");
		Files.writeString(s2, "{\"calibration\": \"" + cal + "\"}");
		assertEquals(0, CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", s2.toString(),
			"-q").code);
		Files.writeString(cal, Files.readString(cal).replace("\"kd_mM\": 1.5", "\"kd_mM\": 1.6"));
		r = CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", s2.toString());
		assertTrue(r.err.contains("redoing a.tif: cal.json (a file the settings use) changed"), r.err);
		assertEquals(BatchTable.Status.OK, row(out, "b.tif").status);

		r = CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", s2.toString(), "-q",
			"--force");
		assertEquals(0, r.code);
		assertTrue(r.out.contains("2 ok, 0 skipped, 0 failed"), r.out);
	}

	@Test
	void clusterResourceRequestsInTheSettingsNeverRedoAResult() throws Exception {
		Path in = twoGood("in-resources");
		Path out = tmp.resolve("o-resources");
		assertEquals(0, batch(in, out).code);
		Path settings = tmp.resolve("resources.json");
		Files.writeString(settings, "{\"calibration\": \"" + f.truth.resolve("s1-calibration.json") + "\", \"" +
			io.github.magratio.pipeline.PipelineSettings.KEY_SLURM_MEM + "\": 4000, \"" +
			io.github.magratio.pipeline.PipelineSettings.KEY_SLURM_TIME + "\": 60}");
		CliRun r = CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", settings.toString(),
			"--quiet");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("0 ok, 2 skipped"), "what a task asks SLURM for is not what a result is: " + r.out);
		r = CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", settings.toString(), "--quiet",
			"--force");
		assertEquals(0, r.code, r.err);
		assertEquals(4000, io.github.magratio.pipeline.PipelineSettings.fromJson(BatchFixture.runJsonField(out.resolve(
			"a"), "settings").getAsJsonObject()).slurmMemMiB(), "recorded in run.json");
	}

	@Test
	void rowsOfEarlierResultsStayInTheTable() throws Exception {
		Path in = twoGood("in-days");
		Path out = tmp.resolve("o-days");
		assertEquals(0, batch(in, out, "--glob", "a.tif").code);
		assertEquals(0, batch(in, out, "--glob", "b.tif").code);
		List<BatchTable.Row> rows = BatchTable.read(out.resolve(BatchTable.BATCH));
		assertEquals(2, rows.size(), "the first run's row is kept while its result is there: " + rows);
		assertEquals(BatchTable.Status.OK, rows.get(0).status);
		assertEquals(28, java.nio.file.Files.readAllLines(out.resolve(BatchTable.SUMMARY)).size() - 1, "both inputs' " +
			"cells in batch-summary.csv");
		io.github.magratio.util.AtomicFiles.deleteTree(out.resolve("a"));
		assertEquals(0, batch(in, out, "--glob", "b.tif").code);
		assertEquals(1, BatchTable.read(out.resolve(BatchTable.BATCH)).size(), "a removed result leaves the table");
	}

	static int sh(String... cmd) throws Exception {
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		p.getInputStream().readAllBytes();
		return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
	}
}
