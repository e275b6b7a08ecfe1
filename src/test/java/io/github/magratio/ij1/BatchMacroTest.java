package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.batch.BatchFixture;
import io.github.magratio.batch.BatchTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/examples/batch-pipeline.ijm (Plugins &gt; MagRatio &gt; Batch Pipeline) in a real, plain ImageJ 1.54, run
 * as a cluster would run it with Fiji: two tasks each doing their share of the batch fixture, then a last run over
 * the whole folder that keeps every result and writes the tables. The results equal {@code magratio batch}'s byte
 * for byte (but for timings, and TIFFs pixel for pixel: ImageJ writes them in the byte order of the user's
 * preference); the two corrupt files are failures in batch.csv.
 */
class BatchMacroTest {

	@TempDir
	static Path dir;

	static ImageJ1Install imagej;

	@BeforeEach
	void install() throws Exception {
		ImageJ1Install.assumeDisplay();
		if (imagej == null) imagej = ImageJ1Install.create(dir.resolve("ImageJ"));
	}

	@Test
	void twoTasksAndAFinalRunGiveTheClisResults() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path out = dir.resolve("out");
		Path macro = Paths.get("scripts/examples/batch-pipeline.ijm").toAbsolutePath();
		Path calibration = f.truth.resolve("s1-calibration.json");
		String common = "input=" + f.in + ",calibration=" + calibration + ",settings=" + f.settings + ",output=" + out +
			",threads=1";
		for (int task = 0; task < 2; task++) {
			ImageJ1Install.Run run = imagej.batch(macro, common + ",task=" + task + ",tasks=2", 180);
			assertEquals(0, run.exitCode, run.output);
			assertTrue(Files.isRegularFile(out.resolve(".tasks/task-" + task + "-of-2.csv")), run.output);
		}
		int shares = 0;
		for (int task = 0; task < 2; task++)
			shares += BatchTable.read(out.resolve(".tasks/task-" + task + "-of-2.csv")).size();
		assertEquals(BatchFixture.GOOD.size() + BatchFixture.BAD.size(), shares, "every input in one share");
		ImageJ1Install.Run last = imagej.batch(macro, common, 180);
		assertEquals(0, last.exitCode, last.output);
		assertTrue(last.output.contains("MagRatio: batch done"), last.output);

		List<BatchTable.Row> rows = BatchTable.read(out.resolve(BatchTable.BATCH));
		for (BatchTable.Row r : rows)
			if (BatchFixture.BAD.contains(r.input)) assertEquals(BatchTable.Status.FAILED, r.status, r.toString());
			else assertEquals(BatchTable.Status.SKIPPED, r.status, "done by a task, kept by the last run: " + r);
		BatchFixture.assertSameResults(f.reference(), out, true, true);
	}
}
