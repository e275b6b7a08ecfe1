package io.github.magratio.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory and time a task asks for, against the closed forms of docs/batch.md worked out by hand, for made-up
 * inputs and made-up timings of earlier results in the output folder (so nothing here depends on this machine's
 * speed).
 */
class SlurmResourcesTest {

	@TempDir
	Path tmp;

	static final double MIB = 1 << 20;

	static PipelineSettings settings() throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_RMIN, 0.4);
		o.addProperty(PipelineSettings.KEY_RMAX, 4);
		o.addProperty(PipelineSettings.KEY_BETA, 3);
		return PipelineSettings.fromJson(o); // min_area_px 30
	}

	static BatchJob job(String name) {
		return BatchJob.of(name + ".tif", "", Pipeline.Input.of(Path.of("/nowhere", name + ".tif")).named(name), name, 1);
	}

	/** An earlier result's run.json with the fields the estimate reads. */
	void earlier(String folder, int width, int height, int frames, double totalSeconds) throws Exception {
		Path dir = Files.createDirectories(tmp.resolve(folder));
		Files.writeString(dir.resolve(Pipeline.RUN), "{\"input\": {\"width_px\": " + width + ", \"height_px\": " + height +
			", \"frames\": " + frames + "}, \"timings\": {\"total_s\": " + totalSeconds + "}}");
	}

	@Test
	void memoryAndTimeFollowTheirClosedFormsFromEarlierTimings() throws Exception {
		// slowest earlier result: 50 s for 1000 x 1000 px x 100 frames = 5e-7 s per pixel and frame
		earlier("r1", 1000, 1000, 100, 50);
		earlier("day2/r2", 500, 400, 10, 0.4); // 2e-7: faster, not used
		earlier(".slurm/submit-001/x", 10, 10, 1, 1000); // hidden (bookkeeping): not a result
		Files.createDirectories(tmp.resolve("r3"));
		Files.writeString(tmp.resolve("r3").resolve(Pipeline.RUN), "{ not json");
		double[] cost = SlurmResources.earlierCost(tmp);
		assertEquals(5e-7, cost[0], 1e-18);
		assertEquals(0, cost[1]);
		assertEquals(2, cost[2], "two readable results");

		BatchJob a = job("a"), b = job("b"), c = job("c");
		Map<BatchJob, SlurmResources.Size> sizes = new HashMap<>();
		sizes.put(a, new SlurmResources.Size(1024, 1024, 500, 2));
		sizes.put(b, new SlurmResources.Size(512, 512, 100, 2));
		sizes.put(c, new SlurmResources.Size(256, 256, 1000, 1));

		// heap of a (the largest): 64 frames x 2 channels x 1048576 px x 2 bytes = 268435456
		//   + 600 bytes x ceil(1048576 / (16 x 30)) = 2185 cells x 500 frames = 655500000  ->  923935456 B
		assertEquals(923_935_456, SlurmResources.heapBytes(sizes.get(a), settings()), 0);
		// 2 threads: 384 + ceil(2 x 1.5 x 923935456 / 2^20 = 2643.40) = 3028 MiB -> 3072 (256s)
		// time: a 1048576 x 500 x 5e-7 = 262.144 s, b 262144 x 100 x 5e-7 = 13.1072 s, c 65536 x 1000 x 5e-7 = 32.768 s;
		// task 0 (a, b) on 2 threads: max(275.2512 / 2, 262.144) = 262.144 s, task 1: 32.768 s;
		// 3 x (60 + 262.144) s = 16.11 min -> 17
		SlurmResources r = SlurmResources.estimate(List.of(List.of(a, b), List.of(c)), sizes, settings(), 2, tmp, null,
			null, Progress.NONE);
		assertEquals(3072, r.memMiB);
		assertEquals(3072 - 256, r.heapMiB());
		assertEquals(17, r.timeMinutes);
		assertTrue(r.how.contains("memory from the largest input: 881 MiB of heap per thread") && r.how.contains(
			"0.500 us per pixel and frame + 0.00 s per file (measured on 2 earlier results in the output folder): 262 s of " +
				"work for the longest task, x3"), r.how);

		// one task, one thread: 384 + ceil(1.5 x 881.13 = 1321.70) = 1706 -> 1792 MiB;
		// 262.144 + 13.1072 + 32.768 = 307.9904 s; 3 x (60 + 307.9904) s = 18.40 min -> 19
		r = SlurmResources.estimate(List.of(List.of(a, b, c)), sizes, settings(), 1, tmp, null, null, Progress.NONE);
		assertEquals(1792, r.memMiB);
		assertEquals(19, r.timeMinutes);

		// given: used as they are
		r = SlurmResources.estimate(List.of(List.of(a, b, c)), sizes, settings(), 1, tmp, 5000, 45, Progress.NONE);
		assertEquals(5000, r.memMiB);
		assertEquals(45, r.timeMinutes);
	}

	@Test
	void smallInputsGetTheFloors() throws Exception {
		earlier("r1", 100, 100, 10, 0.01); // 1e-7 s per pixel and frame
		BatchJob a = job("a");
		Map<BatchJob, SlurmResources.Size> sizes = Map.of(a, new SlurmResources.Size(64, 64, 10, 2));
		SlurmResources r = SlurmResources.estimate(List.of(List.of(a)), sizes, settings(), 1, tmp, null, null,
			Progress.NONE);
		assertEquals(SlurmResources.MIN_MEM_MIB, r.memMiB, "1 GiB at least");
		assertEquals(SlurmResources.MIN_TIME_MINUTES, r.timeMinutes, "5 min at least (3 x 1 min of start-up)");
		assertNull(SlurmResources.earlierCost(tmp.resolve("missing")));
	}
}
