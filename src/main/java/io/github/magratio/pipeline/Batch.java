package io.github.magratio.pipeline;

import io.github.magratio.core.Progress;
import io.github.magratio.util.Csv;
import io.github.magratio.util.Failure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Several inputs with one settings object: each input runs on its own, a bad file is recorded and the others go on,
 * and with more than one input {@code OUT/batch.csv} lists each input's status, error and output folder. A rerun
 * keeps what an earlier run finished: without {@code overwrite}, an input whose result folder is complete (has its
 * {@code run.json}) is not run again but listed as ok, and batch.csv keeps the rows of inputs this run did not name.
 */
public final class Batch {

	/** The outcome of one input. */
	public static final class Entry {
		/** The input. */
		public final Pipeline.Input input;
		/** The output folder, or null on failure. */
		public final Path folder;
		/** The error message, or null. */
		public final String error;
		/** True when the failure was bad input or settings (exit code 2), false for a processing failure. */
		public final boolean usageError;
		/** Cells found (0 on failure). */
		public final int cells;
		/** Frames processed (0 on failure). */
		public final int frames;
		/** True when an earlier run's complete result was kept instead of running again. */
		public boolean kept;

		Entry(Pipeline.Input input, Path folder, String error, boolean usageError, int cells, int frames) {
			this.input = input;
			this.folder = folder;
			this.error = error;
			this.usageError = usageError;
			this.cells = cells;
			this.frames = frames;
		}

		/** @return true when the input was processed */
		public boolean ok() {
			return error == null;
		}
	}

	/** All outcomes. */
	public static final class Result {
		/** One entry per input, in order. */
		public final List<Entry> entries;

		Result(List<Entry> entries) {
			this.entries = Collections.unmodifiableList(entries);
		}

		/** @return the number of failed inputs */
		public int failures() {
			int n = 0;
			for (Entry e : entries)
				if (!e.ok()) n++;
			return n;
		}
	}

	/** Columns of batch.csv. */
	public static final List<String> COLUMNS = Collections.unmodifiableList(Arrays.asList("input", "status", "error",
		"output", "cells", "frames"));

	private Batch() {}

	/**
	 * Runs every input; never throws for one input's failure.
	 *
	 * @param progressFor the progress reporter of each input
	 */
	public static Result run(PipelineSettings settings, List<Pipeline.Input> inputs, Path outRoot, boolean overwrite,
		Function<Pipeline.Input, Progress> progressFor) throws IOException
	{
		List<Entry> entries = new ArrayList<>();
		java.util.Set<String> stems = new java.util.HashSet<>();
		Path batchCsv = outRoot.resolve("batch.csv");
		java.util.Map<String, List<String>> earlier = inputs.size() > 1 ? earlierRows(batchCsv) : new java.util
			.LinkedHashMap<>();
		for (Pipeline.Input in : inputs) {
			if (!stems.add(in.stem())) {
				entries.add(new Entry(in, null, "another input has the same name '" + in.stem() +
					"': its output folder would collide", true, 0, 0));
				continue;
			}
			Path done = outRoot.resolve(in.stem());
			if (inputs.size() > 1 && !overwrite && Files.isRegularFile(done.resolve(Pipeline.RUN))) {
				OutputFolder.removeStale(outRoot, in.stem());
				int[] size = size(done.resolve(Pipeline.RUN));
				Entry e = new Entry(in, done, null, false, size[0], size[1]);
				e.kept = true;
				entries.add(e);
				continue;
			}
			try {
				Pipeline.Result r = Pipeline.run(settings, in, outRoot, overwrite, progressFor.apply(in));
				entries.add(new Entry(in, r.folder, null, false, r.analysis.labels.count(), r.analysis.table.frames()));
			} catch (IOException | RuntimeException | OutOfMemoryError e) {
				// an out-of-memory input's memory is unreachable now: it is recorded and the next (smaller) input tries
				Failure f = Failure.of(e);
				entries.add(new Entry(in, null, f.message, f.userError, 0, 0));
			}
		}
		if (inputs.size() > 1 && Files.isDirectory(outRoot)) {
			java.util.Map<String, List<String>> rows = new java.util.LinkedHashMap<>(earlier);
			for (Entry e : entries) {
				List<String> previous = earlier.get(e.input.toString());
				rows.put(e.input.toString(), e.kept && previous != null && previous.get(1).equals("ok") ? previous : Arrays
					.asList(e.input.toString(),
					e.ok() ? "ok" : "failed", e.error == null ? "" : e.error, e.folder == null ? "" : e.folder.toString(),
					Integer.toString(e.cells), Integer.toString(e.frames)));
			}
			Csv.write(batchCsv, COLUMNS, new ArrayList<>(rows.values()));
		}
		return new Result(entries);
	}

	/** The rows of an earlier batch.csv by input, or none when there is none (or it is not one of ours). */
	private static java.util.Map<String, List<String>> earlierRows(Path batchCsv) {
		java.util.Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
		if (!Files.isRegularFile(batchCsv)) return rows;
		try {
			Csv.Table t = Csv.read(batchCsv);
			if (!t.header().equals(COLUMNS)) return rows;
			for (List<String> r : t.rows())
				rows.put(r.get(0), r);
		} catch (IOException | IllegalArgumentException e) {
			// an unreadable earlier table is replaced by this run's
		}
		return rows;
	}

	/** @return {cells, frames} of a finished result, from its run.json ({0, 0} when unreadable) */
	private static int[] size(Path runJson) {
		try {
			com.google.gson.JsonObject o = io.github.magratio.util.Json.parse(runJson, runJson.toString())
				.getAsJsonObject();
			return new int[] { o.getAsJsonObject("result").get("cells").getAsInt(), o.getAsJsonObject("input").get(
				"frames").getAsInt() };
		} catch (IOException | RuntimeException e) {
			return new int[] { 0, 0 };
		}
	}
}
