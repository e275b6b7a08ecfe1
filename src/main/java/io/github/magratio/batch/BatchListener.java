package io.github.magratio.batch;

/**
 * What a running batch reports: each input as it starts and ends, frames as they are measured, warnings and why a
 * result is redone. Called from the batch's worker threads, concurrently: implementations must be thread-safe and
 * cheap ({@link #frames} comes once per frame).
 */
public interface BatchListener {

	/** The batch starts {@code jobs} inputs of {@code bytes} in all on {@code threads} threads. */
	default void begin(int jobs, long bytes, int threads) {}

	/** {@code job} starts (after its resume check found it must be done). */
	default void started(BatchJob job) {}

	/**
	 * {@code job} has measured {@code measured} of its {@code frames} frames and done {@code fraction} (0..1) of its
	 * work (reading every frame for segmentation is the first half).
	 */
	default void frames(BatchJob job, int measured, int frames, double fraction) {}

	/** {@code job} is finished (ok, failed or skipped). */
	default void finished(BatchJob job, BatchTable.Row row) {}

	/** {@code job} (null: the batch itself) warns. */
	default void warn(BatchJob job, String message) {}

	/** {@code job} has an earlier result that is redone, for {@code reason}. */
	default void redoing(BatchJob job, String reason) {}

	/** The batch is over. */
	default void end() {}

	/** Reports nothing. */
	BatchListener NONE = new BatchListener() {};
}
