package io.github.magratio.batch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.github.magratio.pipeline.OutputFolder;
import io.github.magratio.util.AtomicFiles;

/** File-system helpers of the batch: readable reasons for I/O errors, and leftovers of interrupted runs. */
final class Folders {

	private Folders() {}

	/** @return what went wrong, in words a user can act on (the exception's class name is noise) */
	static String reason(IOException e) {
		if (e instanceof AccessDeniedException) return "permission denied";
		if (e instanceof NoSuchFileException) return "does not exist";
		if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null)
			return ((FileSystemException) e).getReason();
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}

	/**
	 * Cleans up after a run of result folder {@code name} in {@code parent} that was killed: puts back an earlier
	 * result it had set aside while replacing it ({@link OutputFolder#restoreSetAside}), then removes the pipeline's
	 * temporary folders ({@code .name.tmp-*}, {@code .name.old-*}). Only the owner of the result may call this (a
	 * batch holding the output lock, or the one SLURM task whose chunk holds the input): nobody else writes that
	 * result.
	 *
	 * @return the set-aside folder put back, or null
	 */
	static Path cleanUpAfterKill(Path parent, String name) throws IOException {
		if (!Files.isDirectory(parent)) return null;
		Path restored = OutputFolder.restoreSetAside(parent, name);
		java.util.regex.Pattern leftover = java.util.regex.Pattern.compile("\\." + java.util.regex.Pattern.quote(name) +
			"\\.(tmp|old)-.+");
		try (DirectoryStream<Path> s = Files.newDirectoryStream(parent)) {
			for (Path p : s)
				if (leftover.matcher(p.getFileName().toString()).matches()) AtomicFiles.deleteTree(p);
		}
		return restored;
	}
}
