package io.github.magratio.cli;

import com.google.gson.JsonObject;

import io.github.magratio.core.Progress;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;
import io.github.magratio.synth.AccuracyReport;
import io.github.magratio.synth.GroundTruth;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.Callable;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio demo}: the whole chain on the bundled synthetic sample, with its accuracy against the known truth,
 * next to the figures of the naive approach (one constant background from a cell-free corner).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
	description = { "Run the whole chain on the bundled synthetic recording (test-images/demo) and report its " +
		"accuracy against the known truth, and that of a naive constant corner background for comparison." })
public final class DemoCli implements Callable<Integer> {

	/** Side of the cell-free corner square the naive approach measures, px. */
	static final int CORNER_PX = 10;

	@Spec
	CommandSpec spec;

	@Option(names = { "-o", "--out" }, paramLabel = "DIR", description = "Output root (default: ${DEFAULT-VALUE}).")
	Path out = Paths.get("magratio-demo-out");

	@Option(names = "--sample", paramLabel = "DIR",
		description = "Folder of the synthetic sample (default: test-images/demo of this installation).")
	Path sample;

	@Option(names = "--name", description = "Sample name in that folder (default: ${DEFAULT-VALUE}).")
	String name = "synthetic";

	@Option(names = { "-q", "--quiet" }, description = "No progress on stderr.")
	boolean quiet;

	@Override
	public Integer call() throws Exception {
		PrintWriter o = spec.commandLine().getOut();
		Path dir = sample != null ? sample : Paths.get(System.getProperty("magratio.home", ".")).resolve("test-images")
			.resolve("demo");
		Path recording = dir.resolve(name + ".tif");
		if (!Files.exists(recording)) throw new IllegalArgumentException("demo sample " + recording +
			" not found (pass --sample DIR, or regenerate it with: magratio synth --out " + dir + ")");
		GroundTruth truth = GroundTruth.read(dir, name);
		JsonObject flags = new JsonObject();
		flags.addProperty(PipelineSettings.KEY_CALIBRATION, dir.resolve(name + "-calibration.json").toString());
		PipelineSettings settings = PipelineSettings.load(null, flags);
		Progress progress = quiet ? Progress.NONE : new StderrProgress(System.err, false, "");
		Pipeline.Result result = Pipeline.run(settings, Pipeline.Input.of(recording), out, true, progress);
		AccuracyReport ours = AccuracyReport.compare(truth, result.analysis.labels, result.analysis.table);

		double[] corner;
		RecordingAnalysis.Result naiveResult;
		String size;
		try (Recording rec = Recording.open(recording, settings.layout(), settings.channel340())) {
			corner = cornerMeans(rec);
			JsonObject naive = new JsonObject();
			naive.addProperty(PipelineSettings.KEY_BACKGROUND, "constant");
			naive.addProperty(PipelineSettings.KEY_BG340, corner[0]);
			naive.addProperty(PipelineSettings.KEY_BG380, corner[1]);
			naiveResult = RecordingAnalysis.analyse(settings.with(naive), rec, Progress.NONE, null);
			size = rec.width() + "x" + rec.height() + " px, " + rec.frames() + " frames";
		}
		AccuracyReport naiveReport = AccuracyReport.compare(truth, naiveResult.labels, naiveResult.table);

		o.println("MagRatio demo: " + recording + " (" + size + ", " + truth.cellCount() + " cells, Kd " + truth
			.calibration().kdMillimolar() + " mM)");
		o.println("outputs written to " + result.folder.toAbsolutePath());
		o.println("  surface background (default): " + ours);
		o.println(String.format(Locale.ROOT, "  naive constant corner background (%.1f / %.1f counts at 340/380 from " +
			"a %dx%d px corner of frame 0): %s", corner[0], corner[1], CORNER_PX, CORNER_PX, naiveReport));
		o.flush();
		return 0;
	}

	/** Mean of the top-left corner square of frame 0 in each channel. */
	static double[] cornerMeans(Recording rec) {
		return new double[] { cornerMean(rec, false), cornerMean(rec, true) };
	}

	private static <T extends RealType<T>> double cornerMean(Recording rec, boolean channel380) {
		RandomAccessibleInterval<T> frame = channel380 ? rec.frame380(0) : rec.frame340(0);
		double s = 0;
		int n = 0;
		for (T t : Views.flatIterable(Views.interval(Views.zeroMin(frame), new long[] { 0, 0 }, new long[] {
			CORNER_PX - 1, CORNER_PX - 1 })))
		{
			s += t.getRealDouble();
			n++;
		}
		return s / n;
	}
}
