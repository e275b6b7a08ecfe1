package io.github.magratio.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Atomic output: every file is written to a hidden temporary sibling and moved into place only when complete (after
 * its bytes are on disk), so a reader (or a crash, even {@code kill -9}) never sees half a file, and an existing file
 * is replaced in one step. Temporary names carry the host and process id of their writer ({@code .NAME.HOST-PID-XXXX
 * .part}, {@code .STEM.tmp-HOST-PID-XXXX}); the next run that writes the same output removes those whose process is
 * gone. A failure to write names the file ({@link OutputException}).
 */
public final class AtomicFiles {

	/** Temporaries of another host are only removed when older than this (their process cannot be checked). */
	static final long FOREIGN_STALE_SECONDS = 7 * 24 * 3600;

	private static final String HOST = host();

	private AtomicFiles() {}

	/** Something that writes text. */
	@FunctionalInterface
	public interface TextBody {
		/** Writes the content. */
		void write(Writer w) throws IOException;
	}

	/** Something that writes bytes. */
	@FunctionalInterface
	public interface ByteBody {
		/** Writes the content. */
		void write(OutputStream out) throws IOException;
	}

	/** Something that writes a file at a given (temporary) path. */
	@FunctionalInterface
	public interface PathBody {
		/** Writes the whole file at {@code path}. */
		void write(Path path) throws IOException;
	}

	/** Writes UTF-8 text atomically. */
	public static void write(Path target, TextBody body) throws IOException {
		writePath(target, tmp -> {
			try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
				body.write(w);
			}
		});
	}

	/** Writes bytes atomically. */
	public static void writeBytes(Path target, ByteBody body) throws IOException {
		writePath(target, tmp -> {
			try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
				body.write(out);
			}
		});
	}

	/** Writes a string atomically. */
	public static void writeString(Path target, String content) throws IOException {
		write(target, w -> w.write(content));
	}

	/**
	 * Lets {@code body} write a complete file at a temporary path in the target's folder, then moves it onto
	 * {@code target}. On failure the temporary file is removed, the target is untouched, and the exception names the
	 * target.
	 *
	 * @throws OutputException when the file system fails
	 */
	public static void writePath(Path target, PathBody body) throws IOException {
		Path tmp = tempFile(target);
		boolean ok = false;
		try {
			body.write(tmp);
			commit(tmp, target);
			ok = true;
		} catch (IOException e) {
			throw failure(target, e);
		} finally {
			if (!ok) Files.deleteIfExists(tmp);
		}
	}

	/**
	 * Creates the temporary file for {@code target} in its folder (created if missing), after removing stale
	 * temporaries of the same target left by processes that no longer run.
	 */
	public static Path tempFile(Path target) throws IOException {
		Path abs = target.toAbsolutePath();
		Path dir = abs.getParent();
		String prefix = "." + abs.getFileName() + ".";
		try {
			Files.createDirectories(dir);
			removeStale(dir, prefix, ".part");
			return Files.createFile(dir.resolve(prefix + ownerToken() + ".part"));
		} catch (IOException e) {
			throw failure(target, e);
		}
	}

	/** Makes a finished temporary file readable by all, puts its bytes on disk and moves it onto {@code target}. */
	public static void commit(Path tmp, Path target) throws IOException {
		readableByAll(tmp);
		try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
			c.force(true);
		}
		move(tmp, target.toAbsolutePath());
	}

	/** @return {@code e} as an {@link OutputException} naming {@code target} (unchanged if it is one already) */
	public static IOException failure(Path target, IOException e) {
		return e instanceof OutputException ? e : new OutputException(target, e);
	}

	/**
	 * Refuses to replace an existing output unless asked to.
	 *
	 * @param what how the output is named to the user, e.g. "--out" or "calibration file"
	 * @param howToReplace what the user does to replace it, e.g. "pass --overwrite"
	 * @throws IllegalArgumentException naming the output when it exists and {@code overwrite} is false
	 */
	public static void refuseExisting(String what, Path target, boolean overwrite, String howToReplace) {
		if (target == null || overwrite) return;
		if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new IllegalArgumentException(what +
			" " + target + " exists; " + howToReplace + " to replace it, or choose another name");
	}

	/** Temporary files are created owner-only (0600); outputs are for the whole lab, like any file the user saves. */
	private static void readableByAll(Path p) {
		try {
			Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
		} catch (UnsupportedOperationException | IOException e) {
			// not a POSIX file system (Windows): default permissions are fine
		}
	}

	/** Moves {@code from} onto {@code to}, atomically where the file system allows it. */
	public static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** @return a unique token naming this process: {@code HOST-PID-XXXXXXXX} */
	public static String ownerToken() {
		return HOST + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Removes the stale temporaries {@code dir/PREFIX<owner token>SUFFIX} (files or folders): those of this host whose
	 * process has ended (or whose process id now belongs to a process started after them), and those of other hosts
	 * older than a week. Best effort: a temporary that cannot be removed is left.
	 *
	 * @return the number removed
	 */
	public static int removeStale(Path dir, String prefix, String suffix) {
		int removed = 0;
		if (!Files.isDirectory(dir)) return 0;
		try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
			for (Path p : s) {
				String name = p.getFileName().toString();
				if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix
					.length()) continue;
				String token = name.substring(prefix.length(), name.length() - suffix.length());
				if (!isStale(token, p)) continue;
				try {
					deleteTree(p);
					removed++;
				} catch (IOException e) {
					// another process may be removing it too, or it is not ours to remove: leave it
				}
			}
		} catch (IOException e) {
			// an unreadable folder has nothing of ours to clean
		}
		return removed;
	}

	/** @return true when the writer named by {@code token} (HOST-PID-XXXX) can no longer be writing {@code p} */
	static boolean isStale(String token, Path p) {
		int r = token.lastIndexOf('-');
		int q = r > 0 ? token.lastIndexOf('-', r - 1) : -1;
		if (q <= 0) return false; // not one of our names
		String host = token.substring(0, q);
		long pid;
		try {
			pid = Long.parseLong(token.substring(q + 1, r));
		} catch (NumberFormatException e) {
			return false;
		}
		Instant modified;
		try {
			modified = Files.getLastModifiedTime(p).toInstant();
		} catch (IOException e) {
			return false;
		}
		if (!host.equals(HOST)) return modified.isBefore(Instant.now().minusSeconds(FOREIGN_STALE_SECONDS));
		if (pid == ProcessHandle.current().pid()) return false;
		Optional<ProcessHandle> h = ProcessHandle.of(pid);
		if (!h.isPresent() || !h.get().isAlive()) return true;
		Optional<Instant> started = h.get().info().startInstant();
		// a process started after the temporary was last written is not its writer: the id was reused
		return started.isPresent() && started.get().isAfter(modified.plusSeconds(1));
	}

	private static String host() {
		String h = null;
		try {
			Path p = java.nio.file.Paths.get("/proc/sys/kernel/hostname");
			if (Files.isReadable(p)) h = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim();
		} catch (IOException | RuntimeException e) {
			h = null;
		}
		if (h == null || h.isEmpty()) h = System.getenv("HOSTNAME");
		if (h == null || h.isEmpty()) h = System.getenv("COMPUTERNAME");
		if (h == null || h.isEmpty()) h = "host";
		return h.replaceAll("[^A-Za-z0-9.]", "_");
	}

	/**
	 * Refuses an output path that is one of the inputs (or, for a folder output, contains one): outputs never replace
	 * what a run reads.
	 *
	 * @param what the option or parameter naming the output, for the message
	 * @param inputs the files the run reads (nulls are ignored)
	 * @throws IllegalArgumentException naming {@code what} and the input
	 */
	public static void requireNotAnInput(String what, Path output, Path... inputs) {
		Path out = real(output);
		for (Path in : inputs) {
			if (in == null) continue;
			Path i = real(in);
			if (i.equals(out)) throw new IllegalArgumentException(what + " " + output + " is an input of this run; " +
				"choose another output so the input is not overwritten");
			if (i.startsWith(out)) throw new IllegalArgumentException(what + " " + output + " contains the input " + in +
				", which replacing it would delete; choose another output folder");
		}
	}

	/**
	 * @return the real path where it exists (links resolved), else the absolute normalised path below the real path of
	 *         its nearest existing parent
	 */
	public static Path real(Path p) {
		try {
			return p.toRealPath();
		} catch (IOException e) {
			Path abs = p.toAbsolutePath().normalize();
			Path parent = abs.getParent();
			return parent != null && Files.exists(parent) ? real(parent).resolve(abs.getFileName()) : abs;
		}
	}

	/** Deletes a file tree if it exists (links are removed, never followed). */
	public static void deleteTree(Path root) throws IOException {
		if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
		try (java.util.stream.Stream<Path> s = Files.walk(root)) {
			java.util.List<Path> all = new java.util.ArrayList<>();
			s.forEach(all::add);
			java.util.Collections.reverse(all);
			for (Path p : all)
				Files.deleteIfExists(p);
		}
	}
}
