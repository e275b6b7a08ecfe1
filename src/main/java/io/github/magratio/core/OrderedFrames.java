package io.github.magratio.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the frames of a recording in parallel with one reader: the calling thread reads frame {@code t} into a free
 * slot (readers of ImageJ stacks and TIFF files are not thread-safe), one of {@code threads} workers processes it with
 * its own per-thread state, and the calling thread hands the results to the writer in frame order. At most
 * {@code threads + 1} slots are in flight, so memory is bounded by that many frames whatever the recording's length,
 * and no slot is allocated per frame. With one thread everything runs on the calling thread.
 * <p>
 * Identical output for any thread count as long as a frame's processing depends only on its slot and the worker's
 * state is reset per frame (as {@link FrameProcessor} does): the order of results never changes.
 *
 * @param <S> a slot: one frame's input and output buffers
 * @param <W> a worker's state (e.g. a {@link FrameProcessor})
 */
public final class OrderedFrames<S, W> {

	/** Fills a slot with frame {@code t}; on the calling thread only. */
	@FunctionalInterface
	public interface Reader<S> {
		/** Reads frame {@code t} (0-based) into {@code slot}. */
		void read(int t, S slot) throws IOException;
	}

	/** Processes a slot's frame; on any worker thread, with that worker's own state. */
	@FunctionalInterface
	public interface Worker<S, W> {
		/** Processes frame {@code t} of {@code slot}, writing its results into the slot. */
		void process(int t, S slot, W state);
	}

	/** Consumes a processed slot; on the calling thread, in frame order. */
	@FunctionalInterface
	public interface Writer<S> {
		/** Takes frame {@code t}'s results; the slot is reused once this returns. */
		void write(int t, S slot) throws IOException;
	}

	private final int threads;
	private final Supplier<S> slots;
	private final Supplier<W> states;

	/**
	 * @param threads workers, &gt;= 1
	 * @param slots makes a slot (called at most {@code threads + 1} times per run)
	 * @param states makes a worker's state (called at most {@code threads} times per run)
	 */
	public OrderedFrames(int threads, Supplier<S> slots, Supplier<W> states) {
		if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
		this.threads = threads;
		this.slots = slots;
		this.states = states;
	}

	/**
	 * Runs frames {@code 0..frames-1}.
	 *
	 * @param canceled asked before each frame is read; true stops the run with a {@link CancellationException}
	 * @throws IOException from the reader or the writer
	 * @throws RuntimeException from a worker, as thrown (the other workers are stopped first)
	 */
	public void run(int frames, Reader<S> reader, Worker<S, W> worker, Writer<S> writer,
		java.util.function.BooleanSupplier canceled) throws IOException
	{
		if (threads == 1) {
			S slot = slots.get();
			W state = states.get();
			for (int t = 0; t < frames; t++) {
				cancelCheck(canceled, t, frames);
				reader.read(t, slot);
				worker.process(t, slot, state);
				writer.write(t, slot);
			}
			return;
		}
		BlockingQueue<W> idle = new ArrayBlockingQueue<>(threads);
		for (int i = 0; i < threads; i++)
			idle.add(states.get());
		ArrayDeque<S> free = new ArrayDeque<>();
		for (int i = 0; i <= threads; i++)
			free.add(slots.get());
		ArrayDeque<Object[]> inFlight = new ArrayDeque<>(); // {Integer t, S slot, Future}
		AtomicInteger number = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			Thread th = new Thread(r, "magratio-frame-" + number.incrementAndGet());
			th.setDaemon(true); // a CLI must be able to exit whatever happens to the run
			return th;
		});
		try {
			for (int t = 0; t < frames; t++) {
				if (free.isEmpty()) writeOldest(inFlight, free, writer);
				cancelCheck(canceled, t, frames);
				S slot = free.poll();
				reader.read(t, slot);
				int frame = t;
				Future<?> f = pool.submit(() -> {
					W state = idle.take();
					try {
						worker.process(frame, slot, state);
					} finally {
						idle.put(state);
					}
					return null;
				});
				inFlight.add(new Object[] { frame, slot, f });
			}
			while (!inFlight.isEmpty())
				writeOldest(inFlight, free, writer);
		} finally {
			pool.shutdownNow();
			try {
				// no worker may still write into a slot or the table once the run has returned
				pool.awaitTermination(1, TimeUnit.MINUTES);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void writeOldest(ArrayDeque<Object[]> inFlight, ArrayDeque<S> free, Writer<S> writer) throws IOException {
		Object[] oldest = inFlight.poll();
		try {
			((Future<?>) oldest[2]).get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted at frame " + oldest[0]);
		} catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			if (c instanceof IOException) throw (IOException) c;
			throw new UncheckedIOException(new IOException("frame " + oldest[0] + ": " + c, c));
		}
		S slot = (S) oldest[1];
		writer.write((Integer) oldest[0], slot);
		free.add(slot);
	}

	private static void cancelCheck(java.util.function.BooleanSupplier canceled, int t, int frames) {
		if (canceled.getAsBoolean()) throw new CancellationException("canceled at frame " + t + " of " + frames);
	}
}
