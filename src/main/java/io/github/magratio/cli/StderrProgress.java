package io.github.magratio.cli;

import io.github.magratio.core.Progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr for the command line: stage, frames done, rate and time left, at most twice a second, on one
 * line that rewrites itself on a terminal (new lines when redirected to a log). Warnings always print; progress is
 * silent with {@code --quiet}.
 */
final class StderrProgress implements Progress {

	private final PrintStream err;
	private final boolean quiet;
	private final String prefix;
	private long stageStart;
	private String stage;
	private long lastPrint;

	StderrProgress(PrintStream err, boolean quiet, String prefix) {
		this.err = err;
		this.quiet = quiet;
		this.prefix = prefix;
	}

	@Override
	public void progress(String stageName, int done, int total) {
		if (quiet) return;
		long now = System.nanoTime();
		if (!stageName.equals(stage)) {
			stage = stageName;
			stageStart = now;
			lastPrint = 0;
		}
		if (done < total && now - lastPrint < 500_000_000L) return;
		lastPrint = now;
		if (done == 0) { // no rate yet: a rate of 0 and "0 s left" would be wrong
			err.println(String.format(Locale.ROOT, "%s%s: 0/%d frames", prefix, stageName, total));
			err.flush();
			return;
		}
		double elapsed = (now - stageStart) / 1e9;
		double rate = elapsed > 0 ? done / elapsed : 0;
		double left = rate > 0 ? (total - done) / rate : 0;
		err.println(String.format(Locale.ROOT, "%s%s: %d/%d frames (%.1f frames/s, %s left)", prefix, stageName, done,
			total, rate, duration(left)));
		err.flush();
	}

	static String duration(double s) {
		if (s < 60) return String.format(Locale.ROOT, "%.0f s", s);
		if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", (int) (s / 60), (int) (s % 60));
		return String.format(Locale.ROOT, "%d h %02d min", (int) (s / 3600), (int) (s % 3600 / 60));
	}

	@Override
	public void warn(String message) {
		err.println(prefix + "warning: " + message);
		err.flush();
	}
}
