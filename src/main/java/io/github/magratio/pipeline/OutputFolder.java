package io.github.magratio.pipeline;

import io.github.magratio.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One input's output folder, built in a hidden temporary sibling and moved into place only when complete, so a
 * failed or interrupted run leaves nothing behind and an earlier result is replaced in one step (with
 * {@code overwrite}). Refuses to replace a non-empty folder unless asked to.
 */
public final class OutputFolder implements AutoCloseable {

	private final Path target;
	private final Path work;
	private final boolean createdRoot;
	private boolean committed;

	/**
	 * @param root the output root (created if missing)
	 * @param stem the input's stem: the folder is {@code root/stem}
	 * @throws IllegalArgumentException when {@code root/stem} exists with content and {@code overwrite} is false, or
	 *           the root cannot be written
	 */
	public OutputFolder(Path root, String stem, boolean overwrite) throws IOException {
		this.target = root.resolve(stem);
		if (Files.exists(root) && !Files.isDirectory(root)) throw new IllegalArgumentException("output " + root +
			" exists and is not a folder");
		if (Files.isDirectory(target) && !isEmpty(target) && !overwrite) throw new IllegalArgumentException(
			"output folder " + target + " exists and is not empty; choose another --out or pass --overwrite");
		if (Files.exists(target) && !Files.isDirectory(target)) throw new IllegalArgumentException("output " + target +
			" exists and is not a folder");
		boolean existed = Files.isDirectory(root);
		try {
			Files.createDirectories(root);
			this.work = Files.createDirectory(root.resolve("." + stem + ".tmp-" + UUID.randomUUID().toString()
				.substring(0, 8)));
		} catch (IOException e) {
			throw new IllegalArgumentException("cannot write to output folder " + root + ": " + e.getMessage(), e);
		}
		this.createdRoot = !existed;
	}

	private static boolean isEmpty(Path dir) throws IOException {
		try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
			return !s.iterator().hasNext();
		}
	}

	/** @return the temporary folder to write into */
	public Path work() {
		return work;
	}

	/** @return where the folder will be when committed */
	public Path target() {
		return target;
	}

	/** Moves the finished folder into place, replacing an earlier one. */
	public void commit() throws IOException {
		Path old = null;
		if (Files.exists(target)) {
			old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID().toString().substring(0,
				8));
			Files.move(target, old);
		}
		try {
			AtomicFiles.move(work, target);
		} catch (IOException e) {
			if (old != null) Files.move(old, target);
			throw e;
		}
		committed = true;
		if (old != null) AtomicFiles.deleteTree(old);
	}

	/** Removes the temporary folder (and the root if this run created it and it is empty) unless committed. */
	@Override
	public void close() throws IOException {
		if (committed) return;
		AtomicFiles.deleteTree(work);
		Path root = work.getParent();
		if (createdRoot && Files.isDirectory(root) && isEmpty(root)) Files.deleteIfExists(root);
	}
}
