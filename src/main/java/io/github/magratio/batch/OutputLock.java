package io.github.magratio.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The lock that keeps the writers of one output folder apart: an OS file lock on {@code OUT/.magratio-batch.lock},
 * released however its holder ends (kill -9 included). Whatever writes the output folder as a whole holds it
 * <em>exclusively</em> ({@code magratio batch}, {@code run} with several inputs, Batch Pipeline over a whole folder,
 * {@code magratio slurm} while it checks and submits, the merge job); the tasks of one cluster job (SLURM array tasks,
 * Batch Pipeline shares) hold it <em>shared</em>, so they run at once, each owning its own inputs' results, while no
 * batch can start. Writers the lock cannot see (SLURM tasks still queued) are found by a {@link Check}.
 */
public final class OutputLock implements AutoCloseable {

	/** The name of the lock file in the output root. */
	public static final String FILE = ".magratio-batch.lock";

	/** Writers of the output folder that hold no lock (a SLURM submission whose tasks are queued). */
	public interface Check {
		/** No check. */
		Check NONE = out -> {};

		/**
		 * @throws IllegalArgumentException naming the other writer and what to do, when there is one
		 * @throws IOException when it cannot be found out
		 */
		void check(Path out) throws IOException;
	}

	// the OS lock belongs to the JVM: holders in one JVM share it (a second lock on the same file would fail here)
	private static final Map<Path, Held> HELD = new HashMap<>();

	private static final class Held {
		final FileChannel channel;
		final FileLock lock;
		int holders = 1;

		Held(FileChannel channel, FileLock lock) {
			this.channel = channel;
			this.lock = lock;
		}
	}

	private final Path key;
	private boolean closed;

	private OutputLock(Path key) {
		this.key = key;
	}

	/**
	 * Takes the lock exclusively, at once or not at all, then runs {@code others}.
	 *
	 * @throws IllegalArgumentException when another writer holds the lock (the {@code others} check's reason when it
	 *           has one), or {@code others} refuses
	 */
	public static OutputLock exclusive(Path out, Check others) throws IOException {
		return take(out, false, 0, others, null);
	}

	/**
	 * Takes the lock.
	 *
	 * @param shared shared (the tasks of one job) or exclusive
	 * @param waitMillis how long to wait for it (polled once a second), 0 = not at all
	 * @param others run once the lock is held; also run when the lock is refused, for a reason that names the writer
	 * @param onWait told once when the lock is busy and this waits, or null
	 * @throws IllegalArgumentException when the lock stays held by another writer, or {@code others} refuses
	 */
	public static OutputLock take(Path out, boolean shared, long waitMillis, Check others, Consumer<String> onWait)
		throws IOException
	{
		Objects.requireNonNull(others);
		Path file = out.resolve(FILE);
		long deadline = System.nanoTime() + waitMillis * 1_000_000L;
		for (boolean told = false;; told = true) {
			OutputLock l = tryTake(file, shared);
			if (l != null) {
				try {
					others.check(out);
				} catch (IOException | RuntimeException e) {
					l.close();
					throw e;
				}
				return l;
			}
			if (System.nanoTime() >= deadline) {
				others.check(out);
				throw new IllegalArgumentException((shared ? "a batch is writing to " : "another batch is writing to ") +
					out + " (it holds " + file + (shared ? " exclusively" : "") + ": 'magratio batch', 'run' with several " +
					"inputs, Batch Pipeline, 'magratio slurm' submitting, or " + (shared ? "a SLURM merge job" : "the " +
						"tasks of a cluster job") + ")" + (waitMillis > 0 ? ", for more than " + waitMillis / 1000 + " s" : "") +
					"; wait for it to finish, or choose another output folder");
			}
			if (!told && onWait != null) onWait.accept("waiting for " + file + ": another batch is writing to " + out);
			try {
				Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for " + file, e);
			}
		}
	}

	/** @return the lock, or null when another writer holds it */
	private static OutputLock tryTake(Path file, boolean shared) throws IOException {
		// one key however the folder is named (a link to it, a relative path): the OS lock is per file
		Path key = file.getParent().toRealPath().resolve(file.getFileName());
		synchronized (HELD) {
			Held h = HELD.get(key);
			if (h != null) {
				if (!shared || !h.lock.isShared()) return null;
				h.holders++;
				return new OutputLock(key);
			}
			FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
			FileLock l;
			try {
				l = ch.tryLock(0, Long.MAX_VALUE, shared);
			} catch (OverlappingFileLockException e) {
				l = null; // a lock of this JVM taken around this class
			} catch (IOException | RuntimeException e) {
				ch.close();
				throw e;
			}
			if (l == null) {
				ch.close();
				return null;
			}
			if (!shared) {
				// for people looking at the file: who holds it (a shared lock has many holders)
				ch.truncate(0);
				ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(
					StandardCharsets.UTF_8)));
			}
			HELD.put(key, new Held(ch, l));
			return new OutputLock(key);
		}
	}

	/** @return true when this is a shared lock */
	public boolean isShared() {
		synchronized (HELD) {
			Held h = HELD.get(key);
			return h != null && h.lock.isShared();
		}
	}

	@Override
	public void close() throws IOException {
		synchronized (HELD) {
			if (closed) return;
			closed = true;
			Held h = HELD.get(key);
			if (h == null || --h.holders > 0) return;
			HELD.remove(key);
			try {
				h.lock.release();
			} finally {
				h.channel.close();
			}
		}
	}
}
