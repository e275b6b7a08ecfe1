package io.github.magratio.batch;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.Failure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs the jobs of a batch on a pool of threads, one input per thread at a time (each streams its recording frame by
 * frame, so memory stays a few frames per thread), and never stops for one input's failure. With
 * {@link Mode#RESUME} a job whose complete result with the same input and settings is already there is skipped; what
 * a killed run left behind is cleaned up first (temporary folders removed, an earlier result it set aside put back).
 * The table is rewritten after every input (unfinished ones {@code pending}), so a killed batch still shows how far it
 * got. The output folder's {@link OutputLock} is held throughout: exclusively, or shared by the chunks of one cluster
 * job.
 */
public final class BatchRunner {

	/** What to do with an existing result. */
	public enum Mode {
		/** Keep a complete result of the same input and settings; redo anything else. */
		RESUME,
		/** Redo every input, replacing earlier results. */
		FORCE,
		/** Fail an input whose result folder exists and is not empty ({@code magratio run} without --overwrite). */
		REFUSE_EXISTING
	}

	/** The name of the lock file in the output root that keeps two batches from writing the same results. */
	public static final String LOCK = OutputLock.FILE;

	private final PipelineSettings settings;
	private final Path out;
	private final int threads;
	private final Mode mode;
	private final BatchListener listener;
	private final Path table;
	private final boolean finalTables;
	private final boolean sharedLock;
	private final long lockWaitMillis;
	private final OutputLock.Check others;
	private final BooleanSupplier canceled;
	private final PipelineCall pipeline;

	private BatchRunner(Builder b) {
		settings = b.settings;
		out = b.out;
		threads = b.threads;
		mode = b.mode;
		listener = b.listener;
		table = b.table;
		finalTables = b.finalTables;
		sharedLock = b.sharedLock;
		lockWaitMillis = b.lockWaitMillis;
		others = b.others;
		canceled = b.canceled;
		pipeline = b.pipeline;
	}

	/** What runs one input: {@link Pipeline#run}; tests put failures in its place. */
	interface PipelineCall {
		Pipeline.Result run(PipelineSettings settings, Pipeline.Input input, Path outRoot, boolean overwrite,
			Progress progress) throws IOException;
	}

	/**
	 * A batch writing results under {@code outRoot}; by default resuming on all cores, with {@code batch.csv} and
	 * {@code batch-summary.csv} in {@code outRoot} and the output lock held.
	 */
	public static Builder builder(PipelineSettings settings, Path outRoot) {
		return new Builder(settings, outRoot);
	}

	/** Options of a batch. */
	public static final class Builder {
		private final PipelineSettings settings;
		private final Path out;
		private int threads = Runtime.getRuntime().availableProcessors();
		private Mode mode = Mode.RESUME;
		private BatchListener listener = BatchListener.NONE;
		private Path table;
		private boolean finalTables = true;
		private boolean sharedLock;
		private long lockWaitMillis;
		private OutputLock.Check others = OutputLock.Check.NONE;
		private BooleanSupplier canceled = () -> false;
		private PipelineCall pipeline = Pipeline::run;

		private Builder(PipelineSettings settings, Path out) {
			this.settings = Objects.requireNonNull(settings);
			this.out = Objects.requireNonNull(out);
			this.table = out.resolve(BatchTable.BATCH);
		}

		/** Inputs processed at once (default: all cores). */
		public Builder threads(int n) {
			if (n < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + n);
			threads = n;
			return this;
		}

		/** What to do with existing results (default {@link Mode#RESUME}). */
		public Builder mode(Mode m) {
			mode = Objects.requireNonNull(m);
			return this;
		}

		/** Where progress goes (default nowhere). */
		public Builder listener(BatchListener l) {
			listener = Objects.requireNonNull(l);
			return this;
		}

		/**
		 * A table of only this batch's inputs at {@code file} instead of {@code batch.csv} and
		 * {@code batch-summary.csv} in the output root (a SLURM task's or a Fiji task's chunk), and the output lock
		 * shared: the chunks of one batch run at once, each owning its inputs' results, and no batch runs meanwhile.
		 */
		public Builder chunkTable(Path file) {
			table = Objects.requireNonNull(file);
			finalTables = false;
			sharedLock = true;
			return this;
		}

		/** How long to wait for the output lock when another writer holds it (default: not at all). */
		public Builder lockWait(java.time.Duration wait) {
			lockWaitMillis = wait.toMillis();
			return this;
		}

		/**
		 * Writers of the output folder the lock cannot see (a SLURM submission whose tasks are queued), checked once
		 * the lock is held: the batch is refused while there is one.
		 */
		public Builder others(OutputLock.Check check) {
			others = Objects.requireNonNull(check);
			return this;
		}

		/** Asked before each input; true stops the batch (the rest fail as cancelled). */
		public Builder canceled(BooleanSupplier c) {
			canceled = Objects.requireNonNull(c);
			return this;
		}

		/** Runs each input with {@code call} instead of {@link Pipeline#run} (tests of what an input can throw). */
		Builder pipeline(PipelineCall call) {
			pipeline = Objects.requireNonNull(call);
			return this;
		}

		/** @return the runner */
		public BatchRunner build() {
			return new BatchRunner(this);
		}
	}

	/** The outcome of a batch. */
	public static final class Result {
		/** One row per input of this batch, in input order. */
		public final List<BatchTable.Row> rows;

		Result(List<BatchTable.Row> rows) {
			this.rows = BatchTable.sorted(rows);
		}

		/** @return the number of inputs with {@code status} */
		public int count(BatchTable.Status status) {
			int n = 0;
			for (BatchTable.Row r : rows)
				if (r.status == status) n++;
			return n;
		}

		/** @return the number of failed inputs */
		public int failures() {
			return count(BatchTable.Status.FAILED);
		}
	}

	/**
	 * Runs every job.
	 *
	 * @throws IllegalArgumentException when the output root cannot be written, another batch holds its lock, or the
	 *           {@linkplain Builder#others other writers} check refuses
	 * @throws IOException when the final tables cannot be written (every result is in place nevertheless)
	 */
	public Result run(List<BatchJob> jobs) throws IOException {
		requireWritable(out);
		try (OutputLock held = OutputLock.take(out, sharedLock, lockWaitMillis, others, m -> listener.warn(null, m))) {
			// alone in the folder: the write probes of runs killed while probing go (nobody else probes under the lock
			// for long; one who does deletes its probe only if it is still there)
			if (!sharedLock) deleteProbes(out);
			return runLocked(jobs);
		}
	}

	/** Deletes the write probes ({@link #requireWritable}) left in the output root by killed runs. */
	private static void deleteProbes(Path out) throws IOException {
		try (java.nio.file.DirectoryStream<Path> probes = Files.newDirectoryStream(out, PROBE_PREFIX + "*" +
			PROBE_SUFFIX))
		{
			for (Path p : probes)
				Files.deleteIfExists(p);
		}
	}

	private static final String PROBE_PREFIX = ".magratio-write-test", PROBE_SUFFIX = ".tmp";

	private Result runLocked(List<BatchJob> jobs) throws IOException {
		Map<String, BatchTable.Row> rows = new LinkedHashMap<>();
		Set<String> ids = new HashSet<>();
		long bytes = 0;
		for (BatchJob j : jobs) {
			if (!ids.add(j.id())) throw new IllegalArgumentException("input " + j.id() + " is listed twice");
			rows.put(j.id(), BatchTable.Row.pending(j));
			bytes += j.bytes();
		}
		List<BatchTable.Row> earlier = finalTables ? BatchTable.earlierRows(out, ids) : new ArrayList<>();
		// parents first: a failing input's cleanup then never removes a folder another thread is about to write into
		List<BatchJob> order = new ArrayList<>();
		for (BatchJob j : jobs) {
			if (j.error() == null) try {
				Files.createDirectories(j.folderIn(out).getParent());
			} catch (IOException e) {
				j = BatchJob.failed(j.id(), j.id380(), "cannot create " + j.folderIn(out).getParent() + ": " + Folders
					.reason(e));
			}
			order.add(j);
		}
		// largest first: the last inputs to finish are small ones, so threads end together
		order.sort(Comparator.comparingLong(BatchJob::bytes).reversed().thenComparing(BatchJob::id));
		int pool = Math.max(1, Math.min(threads, jobs.size()));
		listener.begin(jobs.size(), bytes, pool);
		TableWriter tables = new TableWriter(rows, earlier);
		tables.write();
		ExecutorService exec = Executors.newFixedThreadPool(pool, daemonThreads());
		// the Java VM failed on an input (InternalError): what is running ends, nothing else starts
		AtomicReference<VmFailure> vmFailed = new AtomicReference<>();
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (BatchJob j : order)
				futures.add(exec.submit(() -> {
					VmFailure f = vmFailed.get();
					BatchTable.Row r = f != null ? BatchTable.Row.failed(j, "not started: the batch stopped after the " +
						"Java VM failed on " + f.job, false, 0) : canceled.getAsBoolean() ? BatchTable.Row.failed(j,
							"cancelled before it started", false, 0) : runOne(j, vmFailed);
					tables.put(r);
					listener.finished(j, r);
				}));
			for (Future<?> f : futures)
				try {
					f.get();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted while waiting for the batch", e);
				} catch (ExecutionException e) {
					// runOne catches everything an input can throw; this is a failure of the table or listener
					throw new IOException("batch worker failed: " + e.getCause(), e.getCause());
				}
		} finally {
			exec.shutdownNow();
			listener.end();
		}
		if (finalTables) {
			List<BatchTable.Row> all = new ArrayList<>(rows.values());
			all.addAll(earlier);
			BatchTable.writeFinal(out, all);
		}
		else BatchTable.write(table, rows.values());
		VmFailure f = vmFailed.get();
		if (f != null) throw new IOException("the Java VM failed while processing " + f.job + " (" + f.error.getClass()
			.getSimpleName() + ": " + f.error.getMessage() + "); the batch stopped, the other inputs are in " + table +
			"; run it again to finish the rest", f.error);
		return new Result(new ArrayList<>(rows.values()));
	}

	/** An input on which the Java VM itself failed. */
	private static final class VmFailure {
		final BatchJob job;
		final VirtualMachineError error;

		VmFailure(BatchJob job, VirtualMachineError error) {
			this.job = job;
			this.error = error;
		}
	}

	/** Rewrites the table after each input; a failure to write it is reported once and does not stop the batch. */
	private final class TableWriter {
		private final Map<String, BatchTable.Row> rows;
		private final List<BatchTable.Row> earlier;
		private boolean warned;

		TableWriter(Map<String, BatchTable.Row> rows, List<BatchTable.Row> earlier) {
			this.rows = rows;
			this.earlier = earlier;
		}

		synchronized void put(BatchTable.Row r) {
			rows.put(r.input, r);
			write();
		}

		synchronized void write() {
			List<BatchTable.Row> all = new ArrayList<>(rows.values());
			all.addAll(earlier);
			try {
				BatchTable.write(table, all);
			} catch (IOException e) {
				if (!warned) listener.warn(null, "cannot write " + table + ": " + Folders.reason(e) + " (the batch goes " +
					"on; results are in their folders)");
				warned = true;
			}
		}
	}

	private BatchTable.Row runOne(BatchJob job, AtomicReference<VmFailure> vmFailed) {
		long t0 = System.nanoTime();
		if (job.error() != null) return BatchTable.Row.failed(job, job.error(), true, 0);
		Path folder = job.folderIn(out);
		try {
			Path restored = Folders.cleanUpAfterKill(folder.getParent(), folder.getFileName().toString());
			if (restored != null) listener.warn(job, "put back its earlier result, which a killed run had set aside in " +
				restored.getFileName() + " while replacing it");
			if (mode == Mode.RESUME) {
				Resume r = Resume.check(settings, job, folder);
				if (r.done() != null) return new BatchTable.Row(job.id(), job.id380(), BatchTable.Status.SKIPPED, "", job
					.folder(), r.done().cells, r.done().frames, seconds(t0), false);
				if (Files.exists(folder)) listener.redoing(job, r.reason());
			}
			listener.started(job);
			Pipeline.Result res = pipeline.run(settings, job.input(), folder.getParent(), mode != Mode.REFUSE_EXISTING,
				progressOf(job));
			return new BatchTable.Row(job.id(), job.id380(), BatchTable.Status.OK, "", job.folder(), res.analysis.labels
				.count(), res.analysis.frames(), seconds(t0), false);
		} catch (IOException | RuntimeException e) {
			// one classification for every front end: a damaged TIFF or a bad setting is the user's (exit 2)
			Failure f = Failure.of(e);
			return BatchTable.Row.failed(job, f.message, f.userError, seconds(t0));
		} catch (OutOfMemoryError e) {
			// this input's memory is unreachable now: record it, and let the next (smaller) input try
			return BatchTable.Row.failed(job, "out of memory (" + e.getMessage() + "): give Java more heap " +
				"(MAGRATIO_JAVA_OPTS=-Xmx... for batch, a larger --mem for slurm), fewer --threads, or process this " +
				"recording alone", false, seconds(t0));
		} catch (StackOverflowError e) {
			// the stack is unwound by now and was this thread's alone (a recursive decoder on a malformed file)
			return BatchTable.Row.failed(job, "stack overflow while processing it (StackOverflowError): a malformed or " +
				"deeply nested file?", false, seconds(t0));
		} catch (VirtualMachineError e) {
			// InternalError, UnknownError: the JVM itself is not to be trusted any more; end the batch cleanly
			vmFailed.compareAndSet(null, new VmFailure(job, e));
			return BatchTable.Row.failed(job, "the Java VM failed (" + e.getClass().getSimpleName() + ": " + e
				.getMessage() + ") while processing it; the batch stopped", false, seconds(t0));
		} catch (Error e) {
			// LinkageError (a class or native library missing), AssertionError (a library's own check), ...
			return BatchTable.Row.failed(job, e.getClass().getSimpleName() + ": " + e.getMessage(), false, seconds(t0));
		}
	}

	private static double seconds(long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	/** Forwards the pipeline's per-frame progress; its two passes (averaging, measuring) are the two halves. */
	private Progress progressOf(BatchJob job) {
		return new Progress() {
			@Override
			public void progress(String stage, int done, int total) {
				// RecordingAnalysis's second pass is named "measuring"; every other per-frame stage is the first half
				boolean measuring = stage.startsWith("measuring");
				listener.frames(job, measuring ? done : 0, total, measuring ? 0.5 + 0.5 * done / total : 0.5 * done /
					total);
			}

			@Override
			public void warn(String message) {
				listener.warn(job, message);
			}

			@Override
			public boolean isCanceled() {
				return canceled.getAsBoolean();
			}
		};
	}

	private static java.util.concurrent.ThreadFactory daemonThreads() {
		AtomicInteger n = new AtomicInteger();
		return r -> {
			Thread t = new Thread(r, "magratio-batch-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	/**
	 * Creates the output root if needed and checks that files can be created there.
	 *
	 * @throws IllegalArgumentException naming the folder and the reason when nothing can be written there
	 */
	public static void requireWritable(Path out) {
		try {
			if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException("output " + out +
				" exists and is not a folder");
			Files.createDirectories(out);
			Path probe = Files.createTempFile(out, PROBE_PREFIX, PROBE_SUFFIX);
			Files.deleteIfExists(probe); // a batch holding the folder may have removed it already
		} catch (IOException e) {
			throw new IllegalArgumentException("cannot write to output folder " + out + ": " + Folders.reason(e), e);
		}
	}
}
