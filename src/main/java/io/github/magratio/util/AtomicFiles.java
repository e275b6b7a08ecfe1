package io.github.magratio.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic output: every file is written to a hidden temporary sibling and moved into place only when complete, so a
 * reader (or a crash) never sees half a file, and an existing file is replaced in one step.
 */
public final class AtomicFiles {

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
	 * {@code target}. On failure the temporary file is removed and the target is untouched.
	 */
	public static void writePath(Path target, PathBody body) throws IOException {
		Path abs = target.toAbsolutePath();
		Path dir = abs.getParent();
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
		boolean ok = false;
		try {
			body.write(tmp);
			readableByAll(tmp);
			move(tmp, abs);
			ok = true;
		} finally {
			if (!ok) Files.deleteIfExists(tmp);
		}
	}

	/** Temporary files are created owner-only (0600); outputs are for the whole lab, like any file the user saves. */
	private static void readableByAll(Path p) {
		try {
			java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
				"rw-r--r--"));
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

	/** Deletes a file tree if it exists; used to remove temporary output folders after a failure. */
	public static void deleteTree(Path root) throws IOException {
		if (root == null || !Files.exists(root)) return;
		try (java.util.stream.Stream<Path> s = Files.walk(root)) {
			java.util.List<Path> all = new java.util.ArrayList<>();
			s.forEach(all::add);
			java.util.Collections.reverse(all);
			for (Path p : all)
				Files.deleteIfExists(p);
		}
	}
}
