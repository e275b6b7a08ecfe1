package io.github.magratio.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a batch into chunks for parallel tasks (a SLURM job array, Fiji tasks): inputs are dealt largest first to
 * the chunk with the fewest bytes so far (ties: the lowest chunk), so chunks take about equally long; the split
 * depends only on the inputs' ids and sizes, so every task computes the same one.
 */
public final class Chunks {

	private Chunks() {}

	/**
	 * @param tasks the number of chunks (&gt;= 1)
	 * @return {@code tasks} lists of jobs (some empty when there are fewer inputs), each in input order
	 */
	public static List<List<BatchJob>> split(List<BatchJob> jobs, int tasks) {
		if (tasks < 1) throw new IllegalArgumentException("the number of tasks must be >= 1, got " + tasks);
		List<List<BatchJob>> chunks = new ArrayList<>();
		long[] load = new long[tasks];
		for (int i = 0; i < tasks; i++)
			chunks.add(new ArrayList<>());
		List<BatchJob> order = new ArrayList<>(jobs);
		order.sort(Comparator.comparingLong(BatchJob::bytes).reversed().thenComparing(BatchJob::id));
		for (BatchJob j : order) {
			int best = 0;
			for (int i = 1; i < tasks; i++)
				if (load[i] < load[best] || load[i] == load[best] && chunks.get(i).size() < chunks.get(best).size())
					best = i;
			chunks.get(best).add(j);
			// a failed input costs nothing to run but still takes a slot
			load[best] += Math.max(1, j.bytes());
		}
		for (List<BatchJob> c : chunks)
			c.sort(Comparator.comparing(BatchJob::id));
		return chunks;
	}
}
