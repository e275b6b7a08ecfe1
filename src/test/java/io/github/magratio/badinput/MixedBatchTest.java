package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.batch.BatchTable;
import io.github.magratio.cli.CliRun;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": one multi-file run with the broken files of docs/bad-inputs.md among good ones finishes
 * every good file, lists every file in batch.csv with its status and one-line error, and exits with 1 (some inputs
 * failed), in bounded time.
 */
class MixedBatchTest {

	@TempDir
	Path tmp;

	@Test
	void everyGoodFileIsFinishedAndEveryBrokenOneNamed() throws Exception {
		SyntheticRecording s = Bad.synth(11);
		List<short[]> planes = Bad.interleaved(s);
		int w = 80, h = 64;
		Map<String, Boolean> files = new LinkedHashMap<>(); // name -> good
		Path good = Bad.save(s.imagePlus(), tmp.resolve("good-a.tif"));
		files.put("good-a.tif", true);
		Files.write(tmp.resolve("good-deflate.tif"), Bad.hyperstack(planes, w, h, true, -1, null));
		files.put("good-deflate.tif", true);
		Files.write(tmp.resolve("truncated-deflate.tif"), Bad.hyperstack(planes, w, h, true, 8, b -> Arrays.copyOf(b, b
			.length / 2)));
		files.put("truncated-deflate.tif", false);
		Files.write(tmp.resolve("bit-flipped.tif"), Bad.hyperstack(planes, w, h, true, 5, b -> {
			byte[] c = b.clone();
			c[c.length / 3] ^= 0x04;
			return c;
		}));
		files.put("bit-flipped.tif", false);
		byte[] whole = Files.readAllBytes(good);
		Files.write(tmp.resolve("partial-copy.tif"), Arrays.copyOf(whole, whole.length / 2));
		files.put("partial-copy.tif", false);
		Files.write(tmp.resolve("not-a-tiff.tif"), "hello".getBytes());
		files.put("not-a-tiff.tif", false);
		Files.write(tmp.resolve("empty.tif"), new byte[0]);
		files.put("empty.tif", false);
		Files.write(tmp.resolve("signed.tif"), BadRecordingsTest.signedCopy(planes, w, h));
		files.put("signed.tif", true);
		Bad.save(Bad.synth(12).imagePlus(), tmp.resolve("good-b.tif"));
		files.put("good-b.tif", true);

		List<String> args = new ArrayList<>();
		for (String f : files.keySet())
			args.add(tmp.resolve(f).toString());
		Path out = tmp.resolve("out");
		args.add("--out");
		args.add(out.toString());
		CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(180), () -> Bad.run(args.toArray(new String[0])));
		assertEquals(1, r.code, "some inputs failed: exit 1\n" + r.err);
		Csv.Table batch = Csv.read(out.resolve("batch.csv"));
		assertEquals(files.size(), batch.rows().size());
		Map<String, List<String>> rows = new java.util.HashMap<>();
		for (List<String> row : batch.rows())
			rows.put(row.get(BatchTable.Column.INPUT.ordinal()), row);
		int status = BatchTable.Column.STATUS.ordinal(), error = BatchTable.Column.ERROR.ordinal();
		for (Map.Entry<String, Boolean> e : files.entrySet()) {
			List<String> row = rows.get(tmp.resolve(e.getKey()).toString());
			String stem = e.getKey().replace(".tif", "");
			if (e.getValue()) {
				assertEquals("ok", row.get(status), e.getKey() + ": " + row);
				for (String f : Arrays.asList(Pipeline.CELLS, Pipeline.SUMMARY, Pipeline.RATIO, Pipeline.MG,
					Pipeline.LABELS, Pipeline.ROIS, Pipeline.TRACES, Pipeline.RUN))
					assertTrue(Files.isRegularFile(out.resolve(stem).resolve(f)), e.getKey() + " lacks " + f);
			}
			else {
				assertEquals("failed", row.get(status), e.getKey());
				assertTrue(row.get(error).contains(e.getKey()), "the error names the file: " + row.get(error));
				assertTrue(!Files.exists(out.resolve(stem)), e.getKey() + " left a folder");
				// and stderr has one line for it
				assertTrue(r.err.contains(e.getKey()), r.err);
			}
		}
		for (String line : r.err.trim().split("\n"))
			assertTrue(line.startsWith("magratio: "), "one line per failure, no stack trace: " + line);
	}
}
