package io.github.magratio.batch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.magratio.pipeline.Pipeline;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * One input of a batch: a recording (or a 340/380 pair) and the folder its result goes to, or the reason it cannot be
 * run (a missing partner, a broken link, a name collision), which the batch reports as a failure without stopping.
 * Immutable.
 */
public final class BatchJob {

	private final String id;
	private final String id380;
	private final Pipeline.Input input;
	private final String folder;
	private final long bytes;
	private final String error;

	private BatchJob(String id, String id380, Pipeline.Input input, String folder, long bytes, String error) {
		this.id = Objects.requireNonNull(id);
		this.id380 = id380 == null ? "" : id380;
		this.input = input;
		this.folder = folder == null ? "" : folder;
		this.bytes = bytes;
		this.error = error;
	}

	/**
	 * An input to run.
	 *
	 * @param id the input as batch.csv names it (path relative to the batch's input folder, '/'-separated)
	 * @param id380 the 380 nm file of a pair, named likewise, or "" / null
	 * @param folder the result folder relative to the output root, '/'-separated; its last part is the folder name
	 * @param bytes the size of the input files, for balancing threads and SLURM tasks and for time estimates
	 */
	public static BatchJob of(String id, String id380, Pipeline.Input input, String folder, long bytes) {
		if (folder == null || folder.isEmpty()) throw new IllegalArgumentException("no result folder for " + id);
		return new BatchJob(id, id380, Objects.requireNonNull(input), folder, bytes, null);
	}

	/** An input that cannot be run, for the reason {@code error}. */
	public static BatchJob failed(String id, String id380, String error) {
		return new BatchJob(id, id380, null, "", 0, Objects.requireNonNull(error));
	}

	/** @return the input as batch.csv names it */
	public String id() {
		return id;
	}

	/** @return the 380 nm file of a pair as batch.csv names it, or "" */
	public String id380() {
		return id380;
	}

	/** @return the pipeline input (its folder name set), or null when {@link #error} is set */
	public Pipeline.Input input() {
		return input;
	}

	/** @return the result folder relative to the output root ('/'-separated), or "" when {@link #error} is set */
	public String folder() {
		return folder;
	}

	/** @return the result folder under {@code outRoot} */
	public Path folderIn(Path outRoot) {
		return outRoot.resolve(folder.replace('/', java.io.File.separatorChar));
	}

	/** @return the size of the input files in bytes */
	public long bytes() {
		return bytes;
	}

	/** @return why this input cannot be run, or null */
	public String error() {
		return error;
	}

	/** @return this job as JSON (the SLURM manifest), with absolute input paths */
	public JsonObject toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("id", id);
		o.addProperty("id380", id380);
		if (input != null) {
			o.addProperty("file", input.file().toAbsolutePath().toString());
			if (input.file380() != null) o.addProperty("file380", input.file380().toAbsolutePath().toString());
		}
		o.addProperty("folder", folder);
		o.addProperty("bytes", bytes);
		if (error != null) o.addProperty("error", error);
		return o;
	}

	/** Reads a job written by {@link #toJson}. */
	public static BatchJob fromJson(JsonObject o) {
		String id = o.get("id").getAsString(), id380 = string(o, "id380");
		String error = string(o, "error");
		if (error != null) return failed(id, id380, error);
		Path file = Paths.get(o.get("file").getAsString());
		String f380 = string(o, "file380");
		String folder = o.get("folder").getAsString();
		String name = folder.substring(folder.lastIndexOf('/') + 1);
		Pipeline.Input in = (f380 == null ? Pipeline.Input.of(file) : Pipeline.Input.separate(file, Paths.get(f380)))
			.named(name);
		return of(id, id380, in, folder, o.get("bytes").getAsLong());
	}

	private static String string(JsonObject o, String key) {
		JsonElement e = o.get(key);
		return e == null || e.isJsonNull() ? null : e.getAsString();
	}

	@Override
	public String toString() {
		return id380.isEmpty() ? id : id + " + " + id380;
	}
}
