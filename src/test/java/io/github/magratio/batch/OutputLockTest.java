package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.slurm.JavaCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output lock between processes, as a batch and the tasks of a cluster job meet on one output folder: shared
 * holders (the tasks of one job) run together, an exclusive holder (a batch) excludes everyone, a task waits for a
 * submission that still holds it, and a check of writers the lock cannot see refuses without keeping the lock.
 */
class OutputLockTest {

	@TempDir
	Path tmp;

	/** Another process holding the lock until its stdin closes. */
	public static final class Holder {
		public static void main(String[] args) throws Exception {
			try (OutputLock l = OutputLock.take(Paths.get(args[0]), args[1].equals("shared"), 0, OutputLock.Check.NONE,
				null))
			{
				System.out.println("locked");
				System.out.flush();
				while (System.in.read() >= 0) {
					// hold until the parent closes stdin
				}
			}
		}
	}

	static Process hold(Path out, String mode) throws Exception {
		Process p = new ProcessBuilder(JavaCommand.java().toString(), "-Xmx64m", "-cp", JavaCommand.classpathString(),
			Holder.class.getName(), out.toString(), mode).redirectErrorStream(true).start();
		String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
		assertEquals("locked", line, "the holder took the " + mode + " lock");
		return p;
	}

	static void release(Process p) throws Exception {
		p.getOutputStream().close();
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
	}

	@Test
	void sharedHoldersRunTogetherAndExcludeABatch() throws Exception {
		Process task = hold(tmp, "shared");
		try {
			// two more tasks of the same job, here in one JVM
			try (OutputLock a = OutputLock.take(tmp, true, 0, OutputLock.Check.NONE, null); OutputLock b = OutputLock
				.take(tmp, true, 0, OutputLock.Check.NONE, null))
			{
				assertTrue(a.isShared() && b.isShared());
			}
			String refused = assertThrows(IllegalArgumentException.class, () -> OutputLock.exclusive(tmp,
				OutputLock.Check.NONE)).getMessage();
			assertTrue(refused.startsWith("another batch is writing to " + tmp + " (it holds " + tmp.resolve(
				OutputLock.FILE)) && refused.contains("the tasks of a cluster job"), refused);
		} finally {
			release(task);
		}
		OutputLock.exclusive(tmp, OutputLock.Check.NONE).close();
	}

	@Test
	void aBatchExcludesTasksAndATaskWaitsUntilItEnds() throws Exception {
		Process batch = hold(tmp, "exclusive");
		try {
			String refused = assertThrows(IllegalArgumentException.class, () -> OutputLock.take(tmp, true, 0,
				OutputLock.Check.NONE, null)).getMessage();
			assertTrue(refused.startsWith("a batch is writing to " + tmp), refused);
			assertThrows(IllegalArgumentException.class, () -> OutputLock.exclusive(tmp, OutputLock.Check.NONE));
			// a task that may wait gets the lock once the batch has ended
			List<String> told = new ArrayList<>();
			Thread ender = new Thread(() -> {
				try {
					Thread.sleep(1500);
					release(batch);
				} catch (Exception e) {
					throw new IllegalStateException(e);
				}
			});
			ender.start();
			long t0 = System.nanoTime();
			try (OutputLock l = OutputLock.take(tmp, true, 60_000, OutputLock.Check.NONE, told::add)) {
				assertTrue(l.isShared());
			}
			double waited = (System.nanoTime() - t0) / 1e9;
			ender.join();
			assertTrue(waited >= 1.4, "it waited for the batch: " + waited + " s");
			assertEquals(List.of("waiting for " + tmp.resolve(OutputLock.FILE) + ": another batch is writing to " + tmp),
				told, "told once");
		} finally {
			batch.destroyForcibly();
		}
	}

	@Test
	void inOneJvmAnExclusiveHolderExcludesEveryoneAndLocksAreFreedOnClose() throws Exception {
		try (OutputLock x = OutputLock.exclusive(tmp, OutputLock.Check.NONE)) {
			assertFalse(x.isShared());
			assertThrows(IllegalArgumentException.class, () -> OutputLock.take(tmp, true, 0, OutputLock.Check.NONE,
				null));
			assertThrows(IllegalArgumentException.class, () -> OutputLock.exclusive(tmp, OutputLock.Check.NONE));
		}
		OutputLock s = OutputLock.take(tmp, true, 0, OutputLock.Check.NONE, null);
		s.close();
		s.close(); // twice is harmless and does not release another holder's share
		OutputLock.exclusive(tmp, OutputLock.Check.NONE).close();
	}

	@Test
	void theCheckOfOtherWritersRefusesWithoutKeepingTheLockAndNamesTheWriterWhenTheLockIsHeld() throws Exception {
		OutputLock.Check submission = out -> {
			throw new IllegalArgumentException("a SLURM submission into " + out + " is still running");
		};
		String m = assertThrows(IllegalArgumentException.class, () -> OutputLock.exclusive(tmp, submission))
			.getMessage();
		assertEquals("a SLURM submission into " + tmp + " is still running", m);
		OutputLock.exclusive(tmp, OutputLock.Check.NONE).close(); // not kept
		Process task = hold(tmp, "shared");
		try {
			m = assertThrows(IllegalArgumentException.class, () -> OutputLock.exclusive(tmp, submission)).getMessage();
			assertEquals("a SLURM submission into " + tmp + " is still running", m, "the better reason");
		} finally {
			release(task);
		}
	}
}
