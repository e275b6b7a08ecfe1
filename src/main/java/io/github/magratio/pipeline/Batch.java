package io.github.magratio.pipeline;

import io.github.magratio.core.Progress;
import io.github.magratio.util.Csv;

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
 * and with more than one input {@code OUT/batch.csv} lists each input's status, error and output folder.
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
		for (Pipeline.Input in : inputs) {
			if (!stems.add(in.stem())) {
				entries.add(new Entry(in, null, "another input has the same name '" + in.stem() +
					"': its output folder would collide", true, 0, 0));
				continue;
			}
			try {
				Pipeline.Result r = Pipeline.run(settings, in, outRoot, overwrite, progressFor.apply(in));
				entries.add(new Entry(in, r.folder, null, false, r.analysis.labels.count(), r.analysis.table.frames()));
			} catch (IllegalArgumentException e) {
				entries.add(new Entry(in, null, e.getMessage(), true, 0, 0));
			} catch (IOException | RuntimeException e) {
				entries.add(new Entry(in, null, e.getClass().getSimpleName() + ": " + e.getMessage(), false, 0, 0));
			} catch (OutOfMemoryError e) {
				// this input's memory is unreachable now: record it, and let the next (smaller) input try
				entries.add(new Entry(in, null, "out of memory (" + e.getMessage() + "): give Java more heap " +
					"(MAGRATIO_JAVA_OPTS=-Xmx...) or process this recording alone", false, 0, 0));
			}
		}
		if (inputs.size() > 1 && Files.isDirectory(outRoot)) {
			List<List<String>> rows = new ArrayList<>();
			for (Entry e : entries)
				rows.add(Arrays.asList(e.input.toString(), e.ok() ? "ok" : "failed", e.error == null ? "" : e.error,
					e.folder == null ? "" : e.folder.toString(), Integer.toString(e.cells), Integer.toString(e.frames)));
			Csv.write(outRoot.resolve("batch.csv"), COLUMNS, rows);
		}
		return new Result(entries);
	}
}
