package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.batch.BatchFixture;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.pipeline.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code batch} name result folders by one rule, so a folder started with {@code run} and continued
 * with {@code batch} (or the other way round) keeps its results instead of writing them twice under two names, and
 * {@code run} fails inputs that would share a result folder as a batch does.
 */
class ResultNamesTest {

	@TempDir
	Path tmp;

	@Test
	void theFolderNameRule() {
		assertEquals("A", Pipeline.Input.folderName("A.tif"));
		assertEquals("A", Pipeline.Input.folderName("A_.tif"), "separators at the ends go");
		assertEquals("exp 3", Pipeline.Input.folderName("_exp 3-.TIFF"));
		assertEquals("B", Pipeline.Input.folderName("B.ome.tif"));
		assertEquals("a.b", Pipeline.Input.folderName("a.b.tif"));
		assertEquals("-_tif", Pipeline.Input.folderName("-.tif"), "nothing but separators: kept");
		assertEquals(1, Pipeline.Input.markerAt("P-340.tif", "-340"));
		assertEquals(-1, Pipeline.Input.markerAt("cell-3400.tif", "-340"), "followed by a digit: not the marker");
		assertEquals(-1, Pipeline.Input.markerAt("P-340.tif", ""));
	}

	@Test
	void runThenBatchIntoOneFolderAgreeOnTheResultFolders() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path in = Files.createDirectories(tmp.resolve("in"));
		Files.copy(f.truth.resolve("s1.tif"), in.resolve("A_.tif"));
		Files.copy(f.in.resolve("pair/P-340.tif"), in.resolve("exp_340nm_t1.tif"));
		Files.copy(f.in.resolve("pair/P-380.tif"), in.resolve("exp_380nm_t1.tif"));
		Path config = tmp.resolve("settings.json");
		Files.writeString(config, "{\"calibration\": \"" + f.truth.resolve("s1-calibration.json") + "\", " +
			"\"pair340_marker\": \"_340nm\", \"pair380_marker\": \"_380nm\"}");
		Path out = tmp.resolve("out");
		CliRun r = CliRun.run("run", in.resolve("A_.tif").toString(), "--f340", in.resolve("exp_340nm_t1.tif").toString(),
			"--f380", in.resolve("exp_380nm_t1.tif").toString(), "--out", out.toString(), "--config", config.toString(),
			"--quiet");
		assertEquals(0, r.code, r.err);
		assertTrue(Files.isRegularFile(out.resolve("A").resolve(Pipeline.RUN)), r.out);
		assertTrue(Files.isRegularFile(out.resolve("exp_t1").resolve(Pipeline.RUN)), "the settings' marker: " + r.out);

		r = CliRun.run("batch", "--in", in.toString(), "--out", out.toString(), "--config", config.toString(), "--quiet");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("2 inputs: 0 ok, 2 skipped, 0 failed"), "batch keeps what run made: " + r.out);
		assertFalse(Files.exists(out.resolve("A_")));
		try (var s = Files.list(out)) {
			assertEquals(List.of("A", "batch-summary.csv", "batch.csv", "exp_t1"), s.map(p -> p.getFileName().toString())
				.filter(n -> !n.startsWith(".")).sorted().collect(java.util.stream.Collectors.toList()));
		}
	}

	@Test
	void runFailsInputsThatWouldShareAResultFolderAsABatchDoes() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path x = Files.createDirectories(tmp.resolve("x")), y = Files.createDirectories(tmp.resolve("y"));
		Files.copy(f.truth.resolve("s1.tif"), x.resolve("A.tif"));
		Files.copy(f.truth.resolve("s7.tif"), y.resolve("A.tif"));
		Files.copy(f.truth.resolve("s42.tif"), y.resolve("B.tif"));
		Path out = tmp.resolve("out");
		CliRun r = CliRun.run("run", x.resolve("A.tif").toString(), y.resolve("A.tif").toString(), y.resolve("B.tif")
			.toString(), "--out", out.toString(), "--config", f.settings.toString(), "--quiet");
		assertEquals(1, r.code, r.err);
		String both = x.resolve("A.tif") + " and " + y.resolve("A.tif") + " would both write the result folder A/; " +
			"rename one of them";
		for (BatchTable.Row row : BatchTable.read(out.resolve(BatchTable.BATCH)))
			if (row.input.endsWith("A.tif")) assertEquals(both, row.error, row.toString());
			else assertEquals(BatchTable.Status.OK, row.status, row.toString());
		assertFalse(Files.exists(out.resolve("A")), "neither wrote it");
	}
}
