package io.github.magratio.cli;

import ij.ImagePlus;

import io.github.magratio.core.SegmentationScore;
import io.github.magratio.core.SegmentationTally;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Csv;
import io.github.magratio.util.Failure;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code segment-eval --truth-folder}: every pair of a folder of annotated images segmented with one set of settings
 * and scored against its mask, then pooled (objects summed over the images, {@link SegmentationTally}). A pair that
 * cannot be scored (no mask, sizes that differ, an unreadable file) is reported by name and left out of the pool; the
 * others are scored, and the exit code says that one failed.
 */
final class FolderEval {

	/** A column of the CSV: its header and its value for a row's tally (each pair's, and the pooled one). */
	private static final class Column {
		final String header;
		final Function<SegmentationTally, String> value;

		Column(String header, Function<SegmentationTally, String> value) {
			this.header = header;
			this.value = value;
		}
	}

	private static final List<Column> SCORE_COLUMNS = Arrays.asList(new Column("truth", t -> "" + t.truthCount()),
		new Column("found", t -> "" + t.predictedCount()), new Column("matched", t -> "" + t.matched()), new Column(
			"missed", t -> "" + t.missed()), new Column("extra", t -> "" + t.extra()), new Column("precision", t -> Csv
				.number(t.precision())), new Column("recall", t -> Csv.number(t.recall())), new Column("f1", t -> Csv
					.number(t.f1())), new Column("mean_iou", t -> Csv.number(t.meanMatchedIou())), new Column("merged",
						t -> "" + t.merges()), new Column("split", t -> "" + t.splits()));

	/** The CSV's header: kind (pair or pooled), name, image, mask, the scores, the iou threshold, problem. */
	static final List<String> HEADER;

	static {
		List<String> h = new ArrayList<>(Arrays.asList("kind", "name", "image", "mask"));
		for (Column c : SCORE_COLUMNS)
			h.add(c.header);
		h.addAll(Arrays.asList("iou_threshold", "problem"));
		HEADER = java.util.Collections.unmodifiableList(h);
	}

	private final SegmentEvalCli cli;
	private final PipelineSettings settings;

	FolderEval(SegmentEvalCli cli, PipelineSettings settings) {
		this.cli = cli;
		this.settings = settings;
	}

	/** @return the exit code: 0 when every pair was scored, else the worst pair's failure's */
	int run(PrintWriter out, PrintWriter err) throws IOException {
		TruthPairs all = TruthPairs.of(cli.truthFolder, "--truth-folder");
		Set<String> names = new LinkedHashSet<>();
		for (TruthPairs.Pair p : all.pairs)
			names.add(p.name);
		for (String x : cli.exclude)
			if (!names.contains(x)) throw new IllegalArgumentException("--exclude " + x + ": no pair of that name in " +
				cli.truthFolder + " (pairs: " + String.join(", ", names.size() <= 20 ? names : new ArrayList<>(names)
					.subList(0, 20)) + (names.size() > 20 ? ", ..." : "") + ")");
		List<TruthPairs.Pair> pairs = new ArrayList<>();
		List<Path> inputs = new ArrayList<>();
		for (TruthPairs.Pair p : all.pairs)
			if (!cli.exclude.contains(p.name)) {
				pairs.add(p);
				inputs.add(p.image);
				inputs.add(p.mask);
			}
		if (cli.csv != null) {
			AtomicFiles.refuseExisting("--csv", cli.csv, cli.overwrite, "pass --overwrite");
			AtomicFiles.requireNotAnInput("--csv", cli.csv, inputs.toArray(new Path[0]));
		}
		SegmentationTally pooled = SegmentationTally.EMPTY;
		List<List<String>> rows = new ArrayList<>();
		int code = 0, failed = 0;
		for (TruthPairs.Pair p : pairs) {
			SegmentationScore s = null;
			String problem = p.problem;
			if (problem == null) try {
				s = score(p);
			} catch (Exception e) {
				Failure f = Failure.of(e);
				problem = f.message;
				code = Math.max(code, f.exitCode());
			}
			else code = Math.max(code, Failure.USAGE);
			if (s != null) {
				pooled = pooled.plus(s);
				out.println(p.name + ": " + s);
				rows.add(row("pair", p, SegmentationTally.EMPTY.plus(s), ""));
			}
			else {
				failed++;
				out.println(p.name + ": not scored: " + problem);
				err.println("magratio: " + p.name + ": " + problem);
				rows.add(row("pair", p, null, problem));
			}
			out.flush();
		}
		out.printf(Locale.ROOT, "pooled over %d pair%s%s (detector %s): %s%n", pooled.images(), pooled.images() == 1
			? "" : "s", failed > 0 ? ", " + failed + " not scored" : "", settings.segmentation().detector(),
			pooled.images() > 0 ? pooled.toString() : "nothing scored");
		rows.add(row("pooled", null, pooled.images() > 0 ? pooled : null, failed > 0 ? failed + " pair" + (failed == 1
			? "" : "s") + " not scored" : ""));
		if (cli.csv != null) {
			Csv.write(cli.csv, HEADER, rows);
			out.println("wrote " + cli.csv);
		}
		out.flush();
		err.flush();
		return code;
	}

	private SegmentationScore score(TruthPairs.Pair p) throws IOException {
		ImagePlus m = Recording.openImage(p.mask);
		int w = m.getWidth(), h = m.getHeight();
		int[] truth = LabelImages.fromImagePlus(m, w, h, "mask " + p.mask).array();
		int[] found = SegmentEvalCli.segment(settings, p.image, "image " + p.image, w, h, "its mask " + p.mask);
		return SegmentationScore.of(truth, found, w, h, cli.iou);
	}

	private List<String> row(String kind, TruthPairs.Pair p, SegmentationTally t, String problem) {
		List<String> r = new ArrayList<>(Arrays.asList(kind, p == null ? "" : p.name, p == null || p.image == null ? ""
			: p.image.toString(), p == null || p.mask == null ? "" : p.mask.toString()));
		for (Column c : SCORE_COLUMNS)
			r.add(t == null ? "" : c.value.apply(t));
		r.add(Csv.number(cli.iou));
		r.add(problem);
		return r;
	}
}
