package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.magratio.pipeline.Pipeline;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Chunks for parallel tasks: largest first to the lightest chunk, the same split whoever computes it. */
class ChunksTest {

	static BatchJob job(String id, long bytes) {
		return BatchJob.of(id, "", Pipeline.Input.of(Paths.get(id)), id.replace(".tif", ""), bytes);
	}

	static List<String> ids(List<BatchJob> c) {
		List<String> s = new ArrayList<>();
		for (BatchJob j : c)
			s.add(j.id() + ":" + j.bytes());
		return s;
	}

	@Test
	void largestFirstToTheLightestChunk() {
		List<BatchJob> jobs = List.of(job("a.tif", 10), job("b.tif", 9), job("c.tif", 8), job("d.tif", 7), job("e.tif",
			1), job("f.tif", 1), BatchJob.failed("g.tif", "", "broken"));
		List<List<BatchJob>> c = Chunks.split(jobs, 2);
		// 10 -> 0; 9 -> 1; 8 -> 1 (9 < 10); 7 -> 0 (10 < 17); 1 -> 0 (17 = 17, fewer inputs... 0 has 2, 1 has 2: lowest)
		// then 1 -> 1 (18 > 17); the failed one (counted as 1 byte) -> 1 (18 = 18, 0 has 3, 1 has 3: lowest is 0)
		assertEquals(List.of("a.tif:10", "d.tif:7", "e.tif:1", "g.tif:0"), ids(c.get(0)));
		assertEquals(List.of("b.tif:9", "c.tif:8", "f.tif:1"), ids(c.get(1)));
		assertEquals(ids(c.get(0)), ids(Chunks.split(new ArrayList<>(List.of(jobs.get(6), jobs.get(3), jobs.get(0), jobs
			.get(5), jobs.get(2), jobs.get(1), jobs.get(4))), 2).get(0)), "the order of the inputs does not matter");
	}

	@Test
	void moreTasksThanInputsLeavesEmptyChunks() {
		List<List<BatchJob>> c = Chunks.split(List.of(job("a.tif", 5)), 3);
		assertEquals(3, c.size());
		assertEquals(1, c.get(0).size());
		assertEquals(0, c.get(2).size());
		assertThrows(IllegalArgumentException.class, () -> Chunks.split(List.of(), 0));
	}
}
