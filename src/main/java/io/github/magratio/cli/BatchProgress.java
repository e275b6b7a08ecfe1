package io.github.magratio.cli;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.batch.BatchListener;
import io.github.magratio.batch.BatchTable;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A batch's progress on stderr: files done of all (failed and skipped among them), frames per second and time left.
 * On a terminal one bar rewrites itself a few times a second; in a log (stderr redirected, a SLURM task) plain lines
 * only: one per finished file with the progress, and a status line every 30 s while files take longer. Failures,
 * warnings and why a result is redone always print (failures and warnings even with {@code --quiet}). Time left comes
 * from the bytes still to do at the rate bytes are done (inputs kept or failed at once are left out of both).
 * Thread-safe.
 */
final class BatchProgress implements BatchListener {

	private static final long TERMINAL_NS = 250_000_000L, LOG_NS = 30_000_000_000L;

	private final PrintWriter err;
	private final boolean quiet;
	private final boolean terminal;
	private final Map<BatchJob, Double> running = new HashMap<>();
	private final Map<BatchJob, Integer> measuring = new HashMap<>();
	private int jobs, finished, failed, skipped;
	private long bytes, bytesDone, bytesNotRun;
	private long framesDone;
	private long start, lastDraw;
	private boolean barShown;

	/**
	 * @param terminal draw one self-rewriting bar (else log lines)
	 */
	BatchProgress(PrintWriter err, boolean quiet, boolean terminal) {
		this.err = err;
		this.quiet = quiet;
		this.terminal = terminal;
	}

	/** Set by scripts/magratio from the shell's {@code [ -t 2 ]}: whether stderr is a terminal. */
	static final String TERMINAL_PROPERTY = "magratio.stderr.terminal";

	/**
	 * @return true only when something says stderr itself is a terminal: the launcher's {@value #TERMINAL_PROPERTY},
	 *         else (Linux) what file descriptor 2 points to; never when TERM is "dumb". (System.console() tells about
	 *         stdin and stdout: with {@code 2>log} it would put cursor codes into the log.)
	 */
	static boolean stderrIsTerminal() {
		if ("dumb".equals(System.getenv("TERM"))) return false;
		String said = System.getProperty(TERMINAL_PROPERTY);
		if (said != null) return Boolean.parseBoolean(said.trim());
		try {
			String fd2 = java.nio.file.Paths.get("/proc/self/fd/2").toRealPath().toString();
			return fd2.startsWith("/dev/pts/") || fd2.matches("/dev/tty[0-9A-Za-z]*");
		} catch (java.io.IOException | RuntimeException e) {
			return false; // no /proc (not Linux) and no word from the launcher: log lines, which are safe anywhere
		}
	}

	@Override
	public synchronized void begin(int jobs, long bytes, int threads) {
		this.jobs = jobs;
		this.bytes = bytes;
		start = System.nanoTime();
		lastDraw = start;
		if (!quiet) line(String.format(Locale.ROOT, "batch: %d input%s (%s) on %d thread%s", jobs, jobs == 1 ? "" : "s",
			mib(bytes), threads, threads == 1 ? "" : "s"));
	}

	@Override
	public synchronized void started(BatchJob job) {
		running.put(job, 0.0);
		measuring.put(job, 0);
		draw(false);
	}

	@Override
	public synchronized void frames(BatchJob job, int measured, int frames, double fraction) {
		running.put(job, fraction);
		Integer before = measuring.put(job, measured);
		if (before != null && measured > before) framesDone += measured - before;
		draw(false);
	}

	@Override
	public synchronized void finished(BatchJob job, BatchTable.Row row) {
		finished++;
		boolean ran = running.remove(job) != null;
		measuring.remove(job);
		if (ran) bytesDone += job.bytes();
		else bytesNotRun += job.bytes();
		if (row.status == BatchTable.Status.FAILED) {
			failed++;
			line("magratio: failed " + job + ": " + row.error);
		}
		else {
			if (row.status == BatchTable.Status.SKIPPED) skipped++;
			if (!quiet && !terminal) line(String.format(Locale.ROOT, "[%d/%d] %s %s (%d cells, %d frames, %.1f s); %s",
				finished, jobs, row.status.key, job, row.cells, row.frames, row.seconds, status()));
			else draw(true);
		}
	}

	@Override
	public synchronized void warn(BatchJob job, String message) {
		line((job == null ? "" : job + ": ") + "warning: " + message);
	}

	@Override
	public synchronized void redoing(BatchJob job, String reason) {
		if (!quiet) line("redoing " + job + ": " + reason);
	}

	@Override
	public synchronized void end() {
		if (quiet) return;
		if (terminal && barShown) {
			err.print("\r" + bar() + " " + status() + "\033[K\n");
			barShown = false;
		}
		else line(status());
		err.flush();
	}

	/** Prints a line above the bar. */
	private void line(String s) {
		if (terminal && barShown) err.print("\r\033[K");
		err.println(s);
		barShown = false;
		if (terminal) draw(true);
		err.flush();
	}

	private void draw(boolean force) {
		if (quiet) return;
		long now = System.nanoTime();
		if (!force && now - lastDraw < (terminal ? TERMINAL_NS : LOG_NS)) return;
		if (!terminal && force) return; // logs get a line per finished file instead
		lastDraw = now;
		if (terminal) {
			err.print("\r" + bar() + " " + status() + "\033[K");
			barShown = true;
		}
		else err.println(status());
		err.flush();
	}

	private String bar() {
		int width = 24;
		double f = jobs == 0 ? 1 : (finished + running.values().stream().mapToDouble(Double::doubleValue).sum()) / jobs;
		int full = (int) Math.round(Math.min(1, f) * width);
		StringBuilder b = new StringBuilder("[");
		for (int i = 0; i < width; i++)
			b.append(i < full ? '=' : i == full ? '>' : ' ');
		return b.append(']').toString();
	}

	private String status() {
		double elapsed = (System.nanoTime() - start) / 1e9;
		double inFlight = 0;
		for (Map.Entry<BatchJob, Double> e : running.entrySet())
			inFlight += e.getKey().bytes() * e.getValue();
		double done = bytesDone + inFlight, toDo = bytes - bytesNotRun;
		double rate = elapsed > 0 ? done / elapsed : 0;
		String left = finished == jobs ? "done in " + StderrProgress.duration(elapsed) : rate > 0 ? StderrProgress
			.duration(Math.max(0, toDo - done) / rate) + " left" : "time left unknown yet";
		return String.format(Locale.ROOT, "%d/%d files%s%s, %.1f frames/s, %s", finished, jobs, failed > 0 ? ", " +
			failed + " failed" : "", skipped > 0 ? ", " + skipped + " skipped" : "", elapsed > 0 ? framesDone / elapsed
				: 0, left);
	}

	private static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
	}
}
