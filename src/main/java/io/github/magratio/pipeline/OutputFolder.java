package io.github.magratio.pipeline;

import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.OutputException;
import io.github.magratio.util.UserMistake;
import io.github.magratio.util.UserOption;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One input's output folder, built in a hidden temporary sibling and moved into place only when complete, so a
 * failed or interrupted run leaves nothing behind and an earlier result is replaced in one step (with
 * {@code overwrite}). Refuses to replace a non-empty folder unless asked to, and even then only an earlier MagRatio
 * result (a folder with a {@code run.json}) that holds none of the run's inputs. The temporary folder is
 * {@code .STEM.tmp-HOST-PID-XXXX}: one left by a killed run is removed by the next run of the same stem.
 */
public final class OutputFolder implements AutoCloseable {

	private final Path target;
	private final Path work;
	private final boolean createdRoot;
	private final boolean overwrite;
	private boolean committed;

	/**
	 * @param root the output root (created if missing)
	 * @param stem the input's stem: the folder is {@code root/stem}
	 * @param inputs every file the run reads: none may be inside the folder
	 * @throws IllegalArgumentException when {@code root/stem} exists with content and {@code overwrite} is false,
	 *           exists and is not a MagRatio result, holds an input, or the root cannot be written
	 */
	public OutputFolder(Path root, String stem, boolean overwrite, Path... inputs) throws IOException {
		this.target = root.resolve(stem);
		this.overwrite = overwrite;
		removeStale(root, stem);
		AtomicFiles.requireNotAnInput("output folder", target, inputs);
		if (Files.exists(root) && !Files.isDirectory(root)) throw new IllegalArgumentException("output " + root +
			" exists and is not a folder");
		if (Files.isDirectory(target) && !isEmpty(target) && !overwrite) throw new UserMistake(
			"output folder " + target + " exists and is not empty; choose another ", UserOption.OUT, " or ",
			UserOption.OVERWRITE);
		if (Files.exists(target) && !Files.isDirectory(target)) throw new IllegalArgumentException("output " + target +
			" exists and is not a folder");
		if (Files.isDirectory(target) && !isEmpty(target) && !Files.isRegularFile(target.resolve(Pipeline.RUN)))
			throw new UserMistake("output folder " + target + " is not an earlier MagRatio result (it has no " +
				Pipeline.RUN + "); refusing to replace it, even with ", UserOption.OVERWRITE_GIVEN, ": choose another ",
				UserOption.OUT);
		for (Path p = root.toAbsolutePath(); p != null; p = p.getParent())
			if (Files.exists(p) && !Files.isDirectory(p)) throw new IllegalArgumentException("cannot write to output " +
				"folder " + root + ": " + p + " is a file, not a folder");
		boolean existed = Files.isDirectory(root);
		try {
			Files.createDirectories(root);
			this.work = Files.createDirectory(root.resolve("." + stem + ".tmp-" + AtomicFiles.ownerToken()));
		} catch (IOException e) {
			throw new OutputException(root, e);
		}
		this.createdRoot = !existed;
	}

	/**
	 * Removes what killed runs left behind for {@code stem} in {@code root}: their temporary folders, or the earlier
	 * result one was replacing when it died (see {@link AtomicFiles#removeStale}).
	 */
	public static void removeStale(Path root, String stem) {
		AtomicFiles.removeStale(root, "." + stem + ".tmp-", "");
		AtomicFiles.removeStale(root, "." + stem + ".old-", "");
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

	/**
	 * Puts back an earlier result that a run killed while replacing it set aside. {@link #commit} moves the earlier
	 * folder to {@code .stem.old-*}, then the new one into place; killed in between, {@code root/stem} is missing and
	 * the set-aside folder holds the earlier result, whole (it was moved in one step). Call it only as the folder's
	 * owner (nobody else writing it), before removing leftovers.
	 *
	 * @return the folder put back, or null when there was nothing to put back
	 */
	public static Path restoreSetAside(Path root, String stem) throws IOException {
		Path target = root.resolve(stem);
		if (!Files.isDirectory(root) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return null;
		Pattern setAside = Pattern.compile("\\." + Pattern.quote(stem) + "\\.old-.+");
		Path best = null;
		FileTime newest = null;
		try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
			for (Path p : s) {
				Path run = p.resolve(Pipeline.RUN);
				if (!setAside.matcher(p.getFileName().toString()).matches() || !isJsonObject(run)) continue;
				FileTime t = Files.getLastModifiedTime(run);
				if (newest == null || t.compareTo(newest) > 0) {
					best = p;
					newest = t;
				}
			}
		}
		if (best == null) return null;
		AtomicFiles.move(best, target);
		return best;
	}

	private static boolean isJsonObject(Path file) {
		if (!Files.isRegularFile(file)) return false;
		try (java.io.Reader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
			return com.google.gson.JsonParser.parseReader(r).isJsonObject();
		} catch (IOException | RuntimeException e) {
			return false;
		}
	}

	/** Moves the finished folder into place, replacing an earlier one. */
	public void commit() throws IOException {
		// another process (a parallel batch task) may have written the folder since the constructor looked
		if (!overwrite && Files.isDirectory(target) && !isEmpty(target)) throw new UserMistake(
			"output folder " + target + " appeared while this run was working; its result is left in place and this " +
				"run's result discarded (", UserOption.OVERWRITE, " to replace it)");
		Path old = null;
		if (Files.exists(target)) {
			old = target.resolveSibling("." + target.getFileName() + ".old-" + AtomicFiles.ownerToken());
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
