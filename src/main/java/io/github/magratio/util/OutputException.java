package io.github.magratio.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Writing an output failed in the environment (disk full, permission denied, folder gone), not because of the user's
 * input: the message names the file and the reason in one line, e.g. {@code cannot write OUT/a/cells.csv: No space left
 * on device}. The command line maps it to exit code 1.
 */
public final class OutputException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path path;

	/** @param path the output that could not be written */
	public OutputException(Path path, IOException cause) {
		super("cannot write " + path + ": " + reason(cause).replace(" (" + path + ")", ""), cause);
		this.path = path;
	}

	/** @return the output that could not be written */
	public Path path() {
		return path;
	}

	/** @return the operating system's reason ("No space left on device"), without the path it repeats */
	static String reason(IOException e) {
		// encoders wrap the system's error ("I/O error writing PNG file!"): the deepest cause says what happened
		Throwable root = e;
		while (root.getCause() instanceof IOException && root.getCause() != root)
			root = root.getCause();
		if (root != e) return reason((IOException) root);
		if (e instanceof FileSystemException) {
			FileSystemException f = (FileSystemException) e;
			String r = f.getReason();
			if (r == null) r = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])",
				"$1 $2").toLowerCase(java.util.Locale.ROOT);
			return f.getFile() != null ? r + " (" + f.getFile() + ")" : r;
		}
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}
}
