package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.cli.CliRun;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.util.Csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magratio batch} over a folder of five synthetic recordings (one of them a separate 340/380 pair, two with
 * the same file name in different folders) and two corrupt files: every good file is done with the core accuracy
 * against the synthetic truth, the two failures are in batch.csv with their reasons, the exit code is 1 (some inputs
 * failed), the inputs are untouched, and a second run keeps every result (skipped) without redoing anything.
 */
class BatchAccuracyTest {

	@Test
	void goodFilesMeetTheAccuracyBarAndTheTwoCorruptOnesAreReported() throws Exception {
		BatchFixture f = BatchFixture.get();
		Map<String, byte[]> before = f.inputBytes();
		Path out = f.reference();
		CliRun run = f.referenceRun();
		assertEquals(1, run.code, "exit code 1: some inputs failed\n" + run.err);

		List<BatchTable.Row> rows = BatchTable.read(out.resolve(BatchTable.BATCH));
		assertEquals(BatchFixture.GOOD.size() + BatchFixture.BAD.size(), rows.size(), rows.toString());
		Map<String, BatchTable.Row> byOutput = new HashMap<>(), byInput = new HashMap<>();
		for (BatchTable.Row r : rows) {
			byInput.put(r.input, r);
			if (!r.output.isEmpty()) byOutput.put(r.output, r);
		}
		for (String bad : BatchFixture.BAD) {
			BatchTable.Row r = byInput.get(bad);
			assertEquals(BatchTable.Status.FAILED, r.status, bad);
			// the reason names the file (the garbage one "not a TIFF file", the cut one what its header still claims)
			assertTrue(r.error.contains(bad), r.error);
			if (bad.contains("garbage")) assertTrue(r.error.contains("not a TIFF file"), r.error);
			assertTrue(run.err.contains("failed " + bad), "stderr names the failure: " + run.err);
			assertFalse(Files.exists(out.resolve(bad.replace(".tif", ""))), "no result folder for a failure");
		}
		assertEquals("pair/P-380.tif", byOutput.get("pair/P").input380, "the pair is one input");

		List<Double> all = new ArrayList<>();
		for (String folder : BatchFixture.GOOD.keySet()) {
			BatchTable.Row r = byOutput.get(folder);
			assertEquals(BatchTable.Status.OK, r.status, folder + ": " + r.error);
			assertEquals(14, r.cells, folder);
			assertEquals(BatchFixture.FRAMES, r.frames, folder);
			double[] e = f.relativeErrors(out, folder);
			System.out.printf("batch %s: median %.3f %%, p90 %.3f %% over %d cell-frames%n", folder, 100 * BatchFixture
				.median(e), 100 * BatchFixture.p90(e), e.length);
			assertTrue(BatchFixture.median(e) <= 0.01, folder + " median " + BatchFixture.median(e));
			assertTrue(BatchFixture.p90(e) <= 0.03, folder + " p90 " + BatchFixture.p90(e));
			for (double v : e)
				all.add(v);
		}
		assertEquals(5 * 14 * BatchFixture.FRAMES, all.size());

		// batch-summary.csv: every cell's summary row, with its input, in input order
		Csv.Table summary = Csv.read(out.resolve(BatchTable.SUMMARY));
		assertEquals(5 * 14, summary.rows().size());
		assertEquals("input", summary.header().get(0));
		assertEquals("output", summary.header().get(1));
		List<String> perFile = Files.readAllLines(out.resolve("d2/A").resolve(Pipeline.SUMMARY));
		assertEquals(perFile.get(0), String.join(",", summary.header().subList(2, summary.header().size())));
		int d2 = 0;
		for (List<String> row : summary.rows())
			if (row.get(1).equals("d2/A")) assertEquals("d2/A.tif," + "d2/A," + perFile.get(1 + d2++), String.join(",",
				row));
		assertEquals(14, d2);

		Map<String, byte[]> after = f.inputBytes();
		assertEquals(before.keySet(), after.keySet(), "no file added to or removed from the input folder");
		for (String k : before.keySet())
			assertArrayEquals(before.get(k), after.get(k), k + " modified");
	}

	@Test
	void aSecondRunKeepsEveryResultAndRedoesNothing(@TempDir Path tmp) throws Exception {
		BatchFixture f = BatchFixture.get();
		// a copy: other tests compare with the reference as the first run left it
		Path out = BatchFixture.copy(f.reference(), tmp.resolve("out"));
		Map<String, String> created = new HashMap<>();
		for (String folder : BatchFixture.GOOD.keySet())
			created.put(folder, BatchFixture.runJsonField(out.resolve(folder), "created").getAsString());
		CliRun again = CliRun.run("batch", "--in", f.in.toString(), "--out", out.toString(), "--config", f.settings
			.toString(), "--quiet");
		assertEquals(1, again.code, "the corrupt files still fail: " + again.err);
		for (BatchTable.Row r : BatchTable.read(out.resolve(BatchTable.BATCH)))
			if (!r.output.isEmpty()) {
				assertEquals(BatchTable.Status.SKIPPED, r.status, r.input);
				assertEquals(14, r.cells);
				assertEquals(created.get(r.output), BatchFixture.runJsonField(out.resolve(r.output), "created")
					.getAsString(), r.output + " was not redone");
			}
			else assertEquals(BatchTable.Status.FAILED, r.status);
		assertTrue(again.out.contains("0 ok, 5 skipped, 2 failed"), again.out);
	}
}
