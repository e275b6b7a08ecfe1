package io.github.magratio.cli;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import io.github.magratio.core.Labels;
import io.github.magratio.core.Progress;
import io.github.magratio.core.SegmentationScore;
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
 * frame of a per-frame T-stack is scored against the reference and pooled).
 */
@Command(name = "segment-eval", mixinStandardHelpOptions = true, sortOptions = false, description = {
	"Score a segmentation against reference labels: precision, recall and F1 of objects matched at IoU >= 0.5, " +
		"mean IoU of the matches, merges and splits.",
	"Examples:", "  magratio segment-eval --labels-truth truth.tif --image cells.tif",
	"  magratio segment-eval --labels-truth truth.tif --image rec.tif --detector threshold --threshold Li",
	"  magratio segment-eval --labels-truth truth.tif --run OUT/rec", "" },
	exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:scored", "2:invalid input, option or settings" })
public final class SegmentEvalCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--labels-truth", required = true, paramLabel = "FILE",
		description = "Reference label image (8/16/32-bit integers, 0 = background, one id per object; ids need not be " +
			"consecutive).")
	Path truth;

	static final class Source {
		@Option(names = "--image", paramLabel = "FILE", required = true,
			description = "Segment this image here: a single plane, or a 2-channel 340/380 recording (then its time " +
				"average of F340 + F380, as run does).")
		Path image;

		@Option(names = "--run", paramLabel = "DIR", required = true,
			description = "Score the labels.tif of this run result folder (OUT/<stem>).")
		Path run;
	}

	@ArgGroup(exclusive = true, multiplicity = "1")
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
		if (!Files.isRegularFile(truth)) throw new IllegalArgumentException("--labels-truth " + truth +
			" is not a file");
		ImagePlus t = Recording.openImage(truth);
		int w = t.getWidth(), h = t.getHeight();
		int[] reference = LabelImages.fromImagePlus(t, w, h, "--labels-truth " + truth).array();
		if (source.image != null) {
			int[] found = segment(source.image, w, h);
			report(out, SegmentationScore.of(reference, found, w, h, iou), source.image.toString());
			return 0;
		}
		Path labels = source.run.resolve(Pipeline.LABELS);
		if (!Files.isRegularFile(labels)) throw new IllegalArgumentException("--run " + source.run + " has no " +
			Pipeline.LABELS + ": give a result folder OUT/<stem> of magratio run");
		ImagePlus l = Recording.openImage(labels);
		if (l.getWidth() != w || l.getHeight() != h) throw new IllegalArgumentException(labels + " is " + l.getWidth() +
			"x" + l.getHeight() + " but --labels-truth is " + w + "x" + h);
		int matched = 0, truthCount = 0, predicted = 0, merges = 0, splits = 0;
		double iouSum = 0;
		for (int z = 1; z <= l.getStackSize(); z++) {
			SegmentationScore s = SegmentationScore.of(reference, plane(l.getStack().getProcessor(z)), w, h, iou);
			if (l.getStackSize() > 1) out.printf(Locale.ROOT, "frame %d: %s%n", z - 1, s);
			matched += s.matched();
			truthCount += s.truthCount();
			predicted += s.predictedCount();
			merges += s.merges();
			splits += s.splits();
			if (s.matched() > 0) iouSum += s.meanMatchedIou() * s.matched();
		}
		double precision = predicted == 0 ? 1 : matched / (double) predicted, recall = truthCount == 0 ? 1 : matched /
			(double) truthCount;
		double f1 = 2.0 * matched / Math.max(1, truthCount + predicted);
		out.printf(Locale.ROOT, "%s%s: %d true, %d found, %d matched at IoU >= %.2f: precision %.3f, recall %.3f, " +
			"F1 %.3f, mean IoU of matches %.3f, %d merged, %d split%n", labels, l.getStackSize() > 1 ? " (all " + l
				.getStackSize() + " frames pooled)" : "", truthCount, predicted, matched, iou, precision, recall, f1,
			matched == 0 ? Double.NaN : iouSum / matched, merges, splits);
		out.flush();
		return 0;
	}

	/** Segments an image with the settings: a 2-channel recording as run does, any other image's first plane. */
	private int[] segment(Path file, int w, int h) throws java.io.IOException {
		JsonObject o = new JsonObject();
		segmentation.addTo(o);
		if (channel340 != null) o.addProperty(PipelineSettings.KEY_CHANNEL340, channel340);
		PipelineSettings s = SettingsFlags.measurement(config, o);
		ImagePlus imp = Recording.openImage(file);
		if (imp.getWidth() != w || imp.getHeight() != h) throw new IllegalArgumentException("--image " + file + " is " +
			imp.getWidth() + "x" + imp.getHeight() + " but --labels-truth is " + w + "x" + h);
		float[] image;
		if (imp.getNChannels() == 2) {
			Recording rec = Recording.of(imp, Layout.HYPERSTACK, s.channel340(), file);
			image = RecordingAnalysis.segmentationImage(s, rec, Progress.NONE);
		}
		else {
			ImageProcessor ip = imp.getStack().getProcessor(1);
			if (imp.getBitDepth() == 24) throw new IllegalArgumentException("--image " + file +
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
