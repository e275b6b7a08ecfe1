package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever one input throws, the others are done: errors a decoder or plug-in may throw (a stack overflow on a deeply
 * nested file, a missing class, a failed assertion, a runtime exception) fail that input with the error named, and a
 * broken Java VM (InternalError) ends the batch cleanly, every input accounted for in the tables written.
 */
class BatchErrorsTest {

	@TempDir
	Path tmp;

	/** The inputs: real recordings, and names that make the stand-in pipeline throw. */
	List<BatchJob> jobs(String... names) throws Exception {
		BatchFixture f = BatchFixture.get();
		Path in = Files.createDirectories(tmp.resolve("in"));
		List<BatchJob> jobs = new ArrayList<>();
		for (String n : names) {
			Path file = in.resolve(n + ".tif");
			Files.copy(f.truth.resolve("s1.tif"), file);
			jobs.add(BatchJob.of(n + ".tif", "", Pipeline.Input.of(file).named(n), n, Files.size(file)));
		}
		return jobs;
	}

	static PipelineSettings settings() throws Exception {
		return PipelineSettings.load(BatchFixture.get().settings, null);
	}

	static int recurse(int depth) {
		return recurse(depth + 1) + 1;
	}

	/** The real pipeline, except for inputs named after what they throw. */
	static Pipeline.Result throwing(PipelineSettings s, Pipeline.Input in, Path outRoot, boolean overwrite,
		io.github.magratio.core.Progress p) throws IOException
	{
		switch (in.file().getFileName().toString()) {
		case "deep.tif":
			recurse(0); // a real StackOverflowError, as a recursive decoder meets on a malicious file
			break;
		case "assert.tif":
			throw new AssertionError("decoder invariant broken");
		case "linkage.tif":
			throw new NoClassDefFoundError("loci/formats/ImageReader");
		case "decoder.tif":
			throw new ArrayIndexOutOfBoundsException("Index 70000 out of bounds for length 65536");
		case "vm.tif":
			throw new InternalError("a fault occurred in a recent unsafe memory access operation");
		default:
		}
		return Pipeline.run(s, in, outRoot, overwrite, p);
	}

	static Map<String, BatchTable.Row> rows(Path table) throws IOException {
		Map<String, BatchTable.Row> m = new HashMap<>();
		for (BatchTable.Row r : BatchTable.read(table))
			m.put(r.input, r);
		return m;
	}

	@Test
	void errorsOfOneInputFailOnlyThatInput() throws Exception {
		Path out = tmp.resolve("out");
		BatchRunner.Result r = BatchRunner.builder(settings(), out).threads(2).pipeline(BatchErrorsTest::throwing)
			.build().run(jobs("a", "deep", "assert", "linkage", "decoder", "b"));
		Map<String, BatchTable.Row> rows = rows(out.resolve(BatchTable.BATCH));
		assertEquals(BatchTable.Status.OK, rows.get("a.tif").status);
		assertEquals(BatchTable.Status.OK, rows.get("b.tif").status);
		assertEquals(4, r.failures());
		assertTrue(rows.get("deep.tif").error.startsWith("stack overflow while processing it (StackOverflowError)"), rows
			.get("deep.tif").error);
		assertEquals("AssertionError: decoder invariant broken", rows.get("assert.tif").error);
		assertEquals("NoClassDefFoundError: loci/formats/ImageReader", rows.get("linkage.tif").error);
		assertEquals("internal error: ArrayIndexOutOfBoundsException: Index 70000 out of bounds for length 65536 (run " +
			"with --debug for the stack trace and please report it)", rows.get(
			"decoder.tif").error);
	}

	@Test
	void aBrokenJavaVmEndsTheBatchWithEveryInputInTheTables() throws Exception {
		Path out = tmp.resolve("out");
		// one thread, largest first then by name: equal sizes, so a, b, vm, x, y in this order
		IOException e = assertThrows(IOException.class, () -> BatchRunner.builder(settings(), out).threads(1).pipeline(
			BatchErrorsTest::throwing).build().run(jobs("a", "b", "vm", "x", "y")));
		assertTrue(e.getMessage().startsWith("the Java VM failed while processing vm.tif (InternalError: a fault " +
			"occurred in a recent unsafe memory access operation); the batch stopped, the other inputs are in " + out
				.resolve(BatchTable.BATCH)), e.getMessage());
		Map<String, BatchTable.Row> rows = rows(out.resolve(BatchTable.BATCH));
		assertEquals(5, rows.size());
		assertEquals(BatchTable.Status.OK, rows.get("a.tif").status);
		assertEquals(BatchTable.Status.OK, rows.get("b.tif").status);
		assertEquals(BatchTable.Status.FAILED, rows.get("vm.tif").status);
		assertTrue(rows.get("vm.tif").error.startsWith("the Java VM failed (InternalError: a fault occurred"), rows.get(
			"vm.tif").error);
		for (String n : new String[] { "x.tif", "y.tif" }) {
			assertEquals(BatchTable.Status.FAILED, rows.get(n).status);
			assertEquals("not started: the batch stopped after the Java VM failed on vm.tif", rows.get(n).error);
		}
		assertTrue(Files.isRegularFile(out.resolve(BatchTable.SUMMARY)), "the final tables are written");
	}
}
