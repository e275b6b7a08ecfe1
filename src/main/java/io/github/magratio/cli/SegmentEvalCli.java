package io.github.magratio.cli;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import io.github.magratio.core.Labels;
import io.github.magratio.core.Progress;
import io.github.magratio.core.SegmentationScore;
import io.github.magratio.core.SegmentationTally;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio segment-eval}: how well a segmentation matches reference labels (e.g. drawn by an expert), the
 * number to quote when choosing segmentation settings: objects matched at an IoU threshold, precision, recall, F1,
 * mean IoU of the matches, merges and splits ({@link SegmentationScore}). The segmentation is either made here from an
 * image with the given settings (as {@code run} would) or read from a {@code run} result folder's labels.tif (every
 * frame of a per-frame T-stack is scored against the reference and pooled). With {@code --truth-folder} every image of
 * a folder of annotated images ({@link TruthPairs}) is segmented and scored, and the scores are pooled over the images
 * ({@link SegmentationTally}): the figure for a data set. A pair that cannot be scored is named and the others still
 * are.
 */
@Command(name = "segment-eval", mixinStandardHelpOptions = true, sortOptions = false, description = {
	"Score a segmentation against reference labels: precision, recall and F1 of objects matched at IoU >= 0.5, " +
		"mean IoU of the matches, merges and splits.",
	"Examples:", "  magratio segment-eval --labels-truth truth.tif --image cells.tif",
	"  magratio segment-eval --labels-truth truth.tif --image rec.tif --detector threshold --threshold Li",
	"  magratio segment-eval --labels-truth truth.tif --run OUT/rec",
	"  magratio segment-eval --truth-folder annotated/ --csv scores.csv",
	"--truth-folder pairs images with masks by name: " + TruthPairs.RULE + ".", "" },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:scored (with --truth-folder: every pair)",
		"1:an environment failure (with --truth-folder: on some pair; the others are scored)",
		"2:invalid input, option or settings (with --truth-folder: some pair could not be scored; the others are)" })
public final class SegmentEvalCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--labels-truth", paramLabel = "FILE",
		description = "Reference label image (8/16/32-bit integers, 0 = background, one id per object; ids need not be " +
			"consecutive), scored against --image or --run.")
	Path truth;

	@Option(names = "--truth-folder", paramLabel = "DIR",
		description = "Score every annotated image of this folder (segmented here with the settings given) and pool " +
			"the scores: NAME_image.tif + NAME_mask.tif side by side, or images/NAME.tif + masks/NAME.tif.")
	Path truthFolder;

	@Option(names = "--exclude", paramLabel = "NAME", split = ",",
		description = "With --truth-folder: leave out these pairs by NAME (e.g. one whose mask is known incomplete).")
	java.util.List<String> exclude = new java.util.ArrayList<>();

	@Option(names = "--csv", paramLabel = "FILE",
		description = "With --truth-folder: also write the scores of every pair and the pooled one to this CSV file.")
	Path csv;

	@Option(names = "--overwrite", description = "Replace the --csv file if it exists (default: refuse).")
	boolean overwrite;

	static final class Source {
		@Option(names = "--image", paramLabel = "FILE", required = true,
			description = "Segment this image here: a single plane, or a 2-channel 340/380 recording (then its time " +
				"average of F340 + F380, as run does).")
		Path image;

		@Option(names = "--run", paramLabel = "DIR", required = true,
			description = "Score the labels.tif of this run result folder (OUT/<stem>).")
		Path run;
	}

	@ArgGroup(exclusive = true, multiplicity = "0..1")
	Source source;

	@Option(names = "--iou", paramLabel = "T", defaultValue = "0.5",
		description = "IoU at or above which two objects match, 0.5..1 (default ${DEFAULT-VALUE}).")
	double iou;

	@Option(names = "--config", paramLabel = "FILE",
		description = "Settings JSON (as run's); only its segmentation keys are used. Flags override it.")
	Path config;

	@Option(names = "--channel340", paramLabel = "1|2", description = "With a 2-channel --image: which channel is 340 nm (default 1).")
	Integer channel340;

	@Mixin
	SegmentationOptions segmentation = new SegmentationOptions();

	@Override
	public Integer call() throws Exception {
		PrintWriter out = spec.commandLine().getOut();
		checkModes();
		if (!(iou >= 0.5 && iou <= 1)) throw new IllegalArgumentException("--iou: must be 0.5..1 (below 0.5 matches " +
			"are not one-to-one), got " + iou);
		if (truthFolder != null) return new FolderEval(this, settings()).run(out, spec.commandLine().getErr());
		if (!Files.isRegularFile(truth)) throw new IllegalArgumentException("--labels-truth " + truth +
			" is not a file");
		ImagePlus t = Recording.openImage(truth);
		int w = t.getWidth(), h = t.getHeight();
		int[] reference = LabelImages.fromImagePlus(t, w, h, "--labels-truth " + truth).array();
		if (source.image != null) {
			int[] found = segment(settings(), source.image, "--image " + source.image, w, h, "--labels-truth");
			report(out, SegmentationScore.of(reference, found, w, h, iou), source.image.toString());
			return 0;
		}
		Path labels = source.run.resolve(Pipeline.LABELS);
		if (!Files.isRegularFile(labels)) throw new IllegalArgumentException("--run " + source.run + " has no " +
			Pipeline.LABELS + ": give a result folder OUT/<stem> of magratio run");
		ImagePlus l = Recording.openImage(labels);
		if (l.getWidth() != w || l.getHeight() != h) throw new IllegalArgumentException(labels + " is " + l.getWidth() +
			"x" + l.getHeight() + " but --labels-truth is " + w + "x" + h);
		SegmentationTally pooled = SegmentationTally.EMPTY;
		for (int z = 1; z <= l.getStackSize(); z++) {
			SegmentationScore s = SegmentationScore.of(reference, plane(l.getStack().getProcessor(z)), w, h, iou);
			if (l.getStackSize() > 1) out.printf(Locale.ROOT, "frame %d: %s%n", z - 1, s);
			pooled = pooled.plus(s);
		}
		out.printf(Locale.ROOT, "%s%s: %s%n", labels, l.getStackSize() > 1 ? " (all " + l.getStackSize() +
			" frames pooled)" : "", pooled);
		out.flush();
		return 0;
	}

	/** One of the two modes, each with its own options. */
	private void checkModes() {
		if (truthFolder != null) {
			if (truth != null) throw new IllegalArgumentException("give either --truth-folder or --labels-truth, not both");
			if (source != null) throw new IllegalArgumentException((source.image != null ? "--image" : "--run") +
				" goes with --labels-truth; --truth-folder segments the images of its pairs");
			return;
		}
		if (truth == null) throw new IllegalArgumentException("give --labels-truth FILE with --image or --run, or " +
			"--truth-folder DIR");
		if (source == null) throw new IllegalArgumentException("--labels-truth needs --image FILE (segmented here) or " +
			"--run DIR (a run's labels.tif)");
		if (!exclude.isEmpty()) throw new IllegalArgumentException("--exclude goes with --truth-folder");
		if (csv != null) throw new IllegalArgumentException("--csv goes with --truth-folder");
	}

	/** The settings of the flags over --config; only segmentation keys matter here. */
	PipelineSettings settings() throws java.io.IOException {
		JsonObject o = new JsonObject();
		segmentation.addTo(o);
		if (channel340 != null) o.addProperty(PipelineSettings.KEY_CHANNEL340, channel340);
		return SettingsFlags.measurement(config, o);
	}

	/**
	 * Segments an image with the settings: a 2-channel recording as run does, any other image's first plane.
	 *
	 * @param what how the image is named in messages, e.g. "--image F"
	 * @param truthName how the reference it must match in size is named
	 */
	static int[] segment(PipelineSettings s, Path file, String what, int w, int h, String truthName)
		throws java.io.IOException
	{
		ImagePlus imp = Recording.openImage(file);
		if (imp.getWidth() != w || imp.getHeight() != h) throw new IllegalArgumentException(what + " is " +
			imp.getWidth() + "x" + imp.getHeight() + " but " + truthName + " is " + w + "x" + h);
		float[] image;
		if (imp.getNChannels() == 2) {
			Recording rec = Recording.of(imp, Layout.HYPERSTACK, s.channel340(), file);
			image = RecordingAnalysis.segmentationImage(s, rec, Progress.NONE);
		}
		else {
			ImageProcessor ip = imp.getStack().getProcessor(1);
			if (imp.getBitDepth() == 24) throw new IllegalArgumentException(what +
				" is RGB: give a single-channel image or a 2-channel 340/380 recording");
			image = (float[]) ip.convertToFloatProcessor().getPixels();
		}
		Labels cells = RecordingAnalysis.segment(s, image, w, h).cells;
		return cells.array();
	}

	private static int[] plane(ImageProcessor ip) {
		int[] a = new int[ip.getPixelCount()];
		for (int i = 0; i < a.length; i++)
			a[i] = (int) ip.getf(i);
		return a;
	}

	private static void report(PrintWriter out, SegmentationScore s, String what) {
		out.println(what + ": " + s);
		out.flush();
	}
}
