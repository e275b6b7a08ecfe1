package io.github.magratio.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CancellationException;

/**
 * The one place where a failure becomes what the user reads: a user mistake (bad input, option, setting: exit code 2)
 * or an environment failure (disk full, permission denied, out of memory: exit code 1), as one line naming the file or
 * key and what was expected. Unexpected exceptions (bugs) are environment failures whose line says how to get the
 * stack trace. Immutable.
 */
public final class Failure {

	/** Exit code of a user mistake. */
	public static final int USAGE = 2;
	/** Exit code of an environment failure or a bug. */
	public static final int ENVIRONMENT = 1;

	/** Longest message printed; longer ones are cut (they would quote a file, which messages must not). */
	static final int MAX_MESSAGE = 2000;

	/** True for a user mistake. */
	public final boolean userError;
	/** One line for the user. */
	public final String message;
	/** The exception it came from. */
	public final Throwable cause;

	private Failure(boolean userError, String message, Throwable cause) {
		this.userError = userError;
		this.message = oneLine(message);
		this.cause = cause;
	}

	/** @return the exit code: {@link #USAGE} or {@link #ENVIRONMENT} */
	public int exitCode() {
		return userError ? USAGE : ENVIRONMENT;
	}

	/** Classifies a failure. */
	public static Failure of(Throwable t) {
		if (t instanceof UncheckedIOException && t.getCause() != null) {
			Failure inner = of(t.getCause());
			return new Failure(inner.userError, t.getMessage() != null && !t.getMessage().isEmpty() ? t.getMessage()
				: inner.message, t);
		}
		if (t instanceof IllegalArgumentException) return new Failure(true, message(t), t);
		if (t instanceof CancellationException) return new Failure(true, "canceled" + (t.getMessage() != null ? ": " +
			t.getMessage() : ""), t);
		if (t instanceof io.github.magratio.tiff.TiffFormatException) return new Failure(true, "cannot read " + t
			.getMessage(), t);
		if (t instanceof OutputException) return new Failure(false, t.getMessage(), t);
		if (t instanceof NoSuchFileException) return new Failure(true, ((FileSystemException) t).getFile() +
			" does not exist", t);
		if (t instanceof FileSystemLoopException) return new Failure(true, ((FileSystemException) t).getFile() +
			": the folder links back to itself (a symbolic link loop)", t);
		if (t instanceof NotDirectoryException) return new Failure(true, ((FileSystemException) t).getFile() +
			" is not a folder", t);
		if (t instanceof FileSystemException) {
			FileSystemException f = (FileSystemException) t;
			String reason = f.getReason() != null ? f.getReason() : t instanceof AccessDeniedException
				? "permission denied" : t.getClass().getSimpleName();
			// too many levels of symbolic links: the user's link loop, not the machine's fault
			boolean loop = reason.toLowerCase(java.util.Locale.ROOT).contains("symbolic link");
			return new Failure(loop, (f.getFile() != null ? f.getFile() + ": " : "") + reason + (f.getOtherFile() !=
				null ? " (" + f.getOtherFile() + ")" : ""), t);
		}
		if (t instanceof IOException) return new Failure(false, "I/O error: " + message(t), t);
		if (t instanceof OutOfMemoryError) return new Failure(false, "out of memory (" + t.getMessage() + "): give " +
			"Java more heap (MAGRATIO_JAVA_OPTS=-Xmx...) or process the recording alone", t);
		if (t instanceof StackOverflowError) return new Failure(false, "internal error: stack overflow (run with " +
			"--debug for the stack trace and please report it)", t);
		return new Failure(false, "internal error: " + t.getClass().getSimpleName() + (t.getMessage() != null ? ": " +
			t.getMessage() : "") + " (run with --debug for the stack trace and please report it)", t);
	}

	private static String message(Throwable t) {
		return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
	}

	static String oneLine(String s) {
		String one = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
		return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE - 3) + "...";
	}
}
