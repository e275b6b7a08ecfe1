package io.github.magratio.batch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.Checksums;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether a result folder already holds this job's result: it is complete (every file of the output contract; the
 * pipeline moves a folder into place only when all are written, so a killed run never leaves one) and its run.json
 * records the same settings (but for the SLURM resource requests), the same input files (size and SHA-256) and the
 * same files the settings point to (calibration, labels, ROIs, [Ca2+]; SHA-256). Anything else means the job is
 * (re)done.
 */
final class Resume {

	/** Every file of the output contract, run.json last. */
	static final String[] CONTRACT = { Pipeline.CELLS, Pipeline.SUMMARY, Pipeline.RATIO, Pipeline.MG, Pipeline.LABELS,
		Pipeline.ROIS, Pipeline.TRACES, Pipeline.RUN };

	/** A finished result found on disk. */
	static final class Done {
		final int cells, frames;

		Done(int cells, int frames) {
			this.cells = cells;
			this.frames = frames;
		}
	}

	private final Done done;
	private final String reason;

	private Resume(Done done, String reason) {
		this.done = done;
		this.reason = reason;
	}

	/** @return the result when it can be kept, else null */
	Done done() {
		return done;
	}

	/** @return why the job must be (re)done, or null when it can be kept */
	String reason() {
		return reason;
	}

	/** Checks {@code folder} against the job and the settings; reads every input once for its checksum. */
	static Resume check(PipelineSettings settings, BatchJob job, Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return redo("no result yet");
		for (String f : CONTRACT)
			if (!Files.isRegularFile(folder.resolve(f))) return redo("its result is incomplete (" + f + " is missing)");
		JsonObject run = readRunJson(folder.resolve(Pipeline.RUN));
		if (run == null) return redo("its " + Pipeline.RUN + " cannot be read");
		try {
			String changed = changedSettings(run.getAsJsonObject("settings"), settings.toJson());
			if (changed != null) return redo("settings changed: " + changed);
			JsonObject input = run.getAsJsonObject("input");
			List<Path> files = new ArrayList<>();
			files.add(job.input().file());
			if (job.input().file380() != null) files.add(job.input().file380());
			JsonArray recorded = input.getAsJsonArray("files");
			if (recorded.size() != files.size()) return redo("it was made from " + recorded.size() + " input file(s), " +
				"now " + files.size());
			for (int i = 0; i < files.size(); i++) {
				JsonObject r = recorded.get(i).getAsJsonObject();
				Path f = files.get(i);
				if (r.get("size_bytes").getAsLong() != Files.size(f)) return redo(f.getFileName() + " changed (size)");
				if (!r.get("sha256").getAsString().equals(Checksums.sha256(f))) return redo(f.getFileName() +
					" changed (checksum)");
			}
			JsonArray settingsFiles = input.getAsJsonArray("settings_files");
			if (settingsFiles == null) return redo("its " + Pipeline.RUN + " predates settings-file checksums");
			Map<String, String> was = new HashMap<>();
			for (JsonElement e : settingsFiles)
				was.put(e.getAsJsonObject().get("path").getAsString(), e.getAsJsonObject().get("sha256").getAsString());
			for (Path p : settings.inputFiles()) {
				String sha = was.get(p.toAbsolutePath().toString());
				if (sha == null || !Files.isRegularFile(p) || !sha.equals(Checksums.sha256(p))) return redo(p
					.getFileName() + " (a file the settings use) changed");
			}
			return new Resume(new Done(run.getAsJsonObject("result").get("cells").getAsInt(), input.get("frames")
				.getAsInt()), null);
		} catch (NullPointerException | ClassCastException | IllegalStateException | UnsupportedOperationException e) {
			// a field missing or of another type: an older or edited run.json
			return redo("its " + Pipeline.RUN + " lacks what resuming needs (" + e.getClass().getSimpleName() + ")");
		}
	}

	private static Resume redo(String reason) {
		return new Resume(null, reason);
	}

	/** @return run.json as an object, or null when missing or not valid JSON */
	static JsonObject readRunJson(Path file) {
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			JsonElement e = JsonParser.parseReader(r);
			return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
		} catch (IOException | JsonParseException e) {
			return null;
		}
	}

	/** @return the keys whose values differ ("key was -> now"), or null when equal */
	static String changedSettings(JsonObject was, JsonObject now) {
		if (was == null) return "none recorded";
		TreeSet<String> keys = new TreeSet<>(was.keySet());
		keys.addAll(now.keySet());
		List<String> diffs = new ArrayList<>();
		keys.removeAll(PipelineSettings.RESOURCE_KEYS);
		for (String k : keys) {
			JsonElement a = was.get(k), b = now.get(k);
			if (a == null ? b != null : !a.equals(b)) diffs.add(k + " " + a + " -> " + b);
		}
		return diffs.isEmpty() ? null : String.join(", ", diffs);
	}
}
