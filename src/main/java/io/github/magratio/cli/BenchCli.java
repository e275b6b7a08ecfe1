package io.github.magratio.cli;

import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.AtomicFiles;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio bench}: speed and memory of the pipeline on synthetic recordings of growing length, as ratios
 * against baselines measured in the same run: peak heap against the size of one frame and against simply loading the
 * recording into memory (what a macro doing the same with ImageJ commands would hold), and time per frame against
 * reading the frame alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
	description = { "Measure speed and peak memory of 'run' on synthetic recordings of growing length, with " +
		"ratios against baselines measured in the same run (reading only; loading the whole file); then files per " +
		"minute of 'batch' on the same recordings with 1 and 2 threads." })
public final class BenchCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--width", description = "Frame width, px (default: ${DEFAULT-VALUE}).")
	int width = 256;

	@Option(names = "--height", description = "Frame height, px (default: ${DEFAULT-VALUE}).")
	int height = 256;

	@Option(names = "--frames", split = ",", description = "Recording lengths to compare (default: ${DEFAULT-VALUE}).")
	int[] frames = { 50, 200 };

	@Option(names = "--batch-files", description = "Recordings of the batch benchmark (files per minute for each " +
		"--batch-threads on the same files; 0 = skip; default: ${DEFAULT-VALUE}).")
	int batchFiles = 8;

	@Option(names = "--batch-frames", description = "Frames of each batch benchmark recording (default: ${DEFAULT-VALUE}).")
	int batchFrames = 20;

	@Option(names = "--batch-threads", split = ",", description = "Thread counts to compare (default: ${DEFAULT-VALUE}).")
	int[] batchThreads = { 1, 2 };

	@Option(names = "--segmentation-px", description = "Side of the square frame of the segmentation benchmark, px; 0 " +
		"= none (default: ${DEFAULT-VALUE}).")
	int segmentationPx = 1024;

	@Option(names = "--segmentation-rounds", description = "Timed rounds of the segmentation benchmark, after one " +
		"untimed round (default: ${DEFAULT-VALUE}).")
	int segmentationRounds = 3;

	@Option(names = "--suite", split = ",", description = "What to measure: memory (peak heap and time per frame " +
		"against reading, batch files per minute, segmentation time), segmentation (only the segmentation time, in " +
		"the same child JVM as memory) and/or kernel (copy limit, fused kernel with 1 and all threads, the Ratio Plus " +
		"way, TIFF read alone, run end to end, time against length; default: ${DEFAULT-VALUE}).")
	String[] suite = { "memory", "kernel" };

	@Option(names = "--kernel-sizes", split = ",", description = "Frame sizes of the kernel suite, WIDTHxHEIGHT px, " +
		"or none (e.g. with --big-gib alone; default: ${DEFAULT-VALUE}).")
	String[] kernelSizes = { "960x1024", "1024x1024" };

	@Option(names = "--kernel-frames", description = "Frame pairs of the kernel suite's recordings (default: " +
		"${DEFAULT-VALUE}).")
	int kernelFrames = 200;

	@Option(names = "--kernel-rounds", description = "Timed rounds of each kernel-suite figure, the fastest kept, " +
		"after one untimed round (default: ${DEFAULT-VALUE}).")
	int kernelRounds = 2;

	@Option(names = "--big-gib", description = "Also run 'run' on a recording of this many GiB (1024x1024 px) with " +
		"-Xmx512m (and on half and a quarter of it), reporting time, peak RSS and the marginal time per frame; 0 = skip (default: ${DEFAULT-VALUE}; 4 takes minutes and 4 GiB of " +
		"disk).")
	double bigGib = 0;

	@Option(names = "--tracking-frames", description = "Frames of the tracking benchmark (moving, dividing cells at " +
		"--width x --height; 0 = none; default: ${DEFAULT-VALUE}).")
	int trackingFrames = 100;

	@Option(names = "--dir", description = "Scratch folder (default: a temporary folder, removed afterwards).")
	Path dir;

	@Option(names = "--in-process", description = "Measure in this JVM instead of a child JVM with a small young " +
		"generation (the child makes 'peak heap' close to the live set rather than uncollected garbage).")
	boolean inProcess;

	@Override
	public Integer call() throws Exception {
		if (!inProcess) {
			int code = suite("memory") || suite("segmentation") ? runChild() : 0;
			return code == 0 && suite("kernel") ? runKernelChild() : code;
		}
		PrintWriter o = spec.commandLine().getOut();
		Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("magratio-bench");
		try {
			if (suite("kernel")) kernel(o, work);
			if (!suite("memory")) {
				if (suite("segmentation") && segmentationPx > 0) segmentation(o);
				return 0;
			}
			double frameMiB = 2.0 * width * height * 2 / (1 << 20);
			o.println(String.format(Locale.ROOT, "frames of %dx%d px, 2 channels 16-bit: %.2f MiB per frame", width,
				height, frameMiB));
			o.println("frames  file_MiB  run_s  ms/frame  read_ms/frame  time_ratio  run_peak_MiB  " +
				"peak/frame  load_peak_MiB  run/load");
			for (int n : frames) {
				SyntheticRecording rec = SyntheticRecording.generate(SynthSettings.builder().width(width).height(height)
					.frames(n).cells(Math.max(12, width * height / 2500)).seed(11).build());
				Path file = work.resolve("bench-" + n + ".tif");
				rec.write(work, "bench-" + n);
				JsonObject flags = calibrationFlags(rec.truth().calibration());
				PipelineSettings settings = PipelineSettings.load(null, flags);
				rec = null;

				// baseline 1: only reading every plane of the virtual stack (the I/O floor)
				long t0 = System.nanoTime();
				try (io.github.magratio.ij.Recording r = io.github.magratio.ij.Recording.open(file, settings.layout(), 1)) {
					for (int t = 0; t < r.frames(); t++) {
						r.image340().getStack().getProcessor(r.stackIndex340(t));
						r.image380().getStack().getProcessor(r.stackIndex380(t));
					}
				}
				double readMs = (System.nanoTime() - t0) / 1e6 / n;

				// the pipeline, streaming
				PeakHeap peak = new PeakHeap();
				t0 = System.nanoTime();
				Pipeline.run(settings, Pipeline.Input.of(file), work.resolve("out-" + n), true, Progress.NONE);
				double runS = (System.nanoTime() - t0) / 1e9;
				double runPeak = peak.stop();

				// baseline 2: loading the whole recording into memory
				peak = new PeakHeap();
				ImagePlus whole = IJ.openImage(file.toString());
				double loadPeak = peak.stop();
				whole.close();
				double fileMiB = Files.size(file) / (double) (1 << 20);
				o.println(String.format(Locale.ROOT, "%6d  %8.1f  %5.2f  %8.2f  %13.2f  %10.1f  %12.1f  %10.1f  %13.1f  %8.2f",
					n, fileMiB, runS, runS * 1000 / n, readMs, runS * 1000 / n / readMs, runPeak, runPeak / frameMiB,
					loadPeak, runPeak / loadPeak));
				o.flush();
			}
			o.println("peak = most heap in use above the level before the step (sampled every 5 ms after a GC); " +
				"time_ratio = pipeline time per frame / reading time per frame");
			if (batchFiles > 0) batch(work, o);
			if (segmentationPx > 0) segmentation(o);
			if (trackingFrames > 0) tracking(work, o);
		} finally {
			if (dir == null) AtomicFiles.deleteTree(work);
		}
		return 0;
	}

	/**
	 * Time to segment one frame of {@code segmentationPx} squared with each detector, the fastest of
	 * {@code segmentationRounds} after an untimed round, the detectors alternating round by round so both see the same
	 * load: the seeded detector's cost against the threshold detector of MagRatio 0.1, with the range of the per-round
	 * ratios, the threads and the load average (other work on a shared machine moves the absolute figures).
	 */
	private void segmentation(PrintWriter o) {
		int n = segmentationPx;
		SyntheticRecording rec = SyntheticRecording.generate(SynthSettings.builder().width(n).height(n).frames(1).cells(
			Math.max(12, n * n / 1800)).touchingPairs(n * n / 50000).seed(13).build());
		ij.ImageStack stack = rec.imagePlus().getStack();
		float[] image = new float[n * n];
		for (int k = 1; k <= 2; k++) {
			ij.process.ImageProcessor ip = stack.getProcessor(k);
			for (int i = 0; i < image.length; i++)
				image[i] += ip.getf(i);
		}
		rec = null;
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		o.println(String.format(Locale.ROOT, "segmentation of one %dx%d frame (%d cells), %d cores, %d threads (the " +
			"calling thread and the common pool's workers), load average %.2f:", n, n, n * n / 1800, Runtime.getRuntime()
				.availableProcessors(), java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1, loadBefore));
		String[] detectors = { io.github.magratio.core.SegmentationSettings.DETECTOR_THRESHOLD,
			io.github.magratio.core.SegmentationSettings.DETECTOR_SEEDED };
		io.github.magratio.core.ThresholdMethod otsu = io.github.magratio.ij.Thresholds.byName("Otsu");
		double[] best = { Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY };
		double loRatio = Double.POSITIVE_INFINITY, hiRatio = 0;
		int[] cells = new int[2];
		int rounds = Math.max(1, segmentationRounds);
		for (int round = 0; round <= rounds; round++) {
			double[] ms = new double[2];
			for (int d = 0; d < 2; d++) {
				io.github.magratio.core.SegmentationSettings s = io.github.magratio.core.SegmentationSettings.builder()
					.detector(detectors[d]).build();
				long t0 = System.nanoTime();
				cells[d] = io.github.magratio.core.CellSegmenter.segment(image, n, n, s, otsu).cells.count();
				ms[d] = (System.nanoTime() - t0) / 1e6;
			}
			if (round == 0) continue; // untimed: the JIT compiles the hot paths
			for (int d = 0; d < 2; d++)
				best[d] = Math.min(best[d], ms[d]);
			loRatio = Math.min(loRatio, ms[1] / ms[0]);
			hiRatio = Math.max(hiRatio, ms[1] / ms[0]);
		}
		for (int d = 0; d < 2; d++)
			o.println(String.format(Locale.ROOT, "  %-9s %8.0f ms, %d cells", detectors[d], best[d], cells[d]));
		o.println(String.format(Locale.ROOT, "  seeded / threshold: x%.2f (fastest rounds; per round x%.2f-x%.2f over " +
			"%d rounds); load average after %.2f", best[1] / best[0], loRatio, hiRatio, rounds, ManagementFactory
				.getOperatingSystemMXBean().getSystemLoadAverage()));
		o.flush();
	}

	/**
	 * What tracking costs against a static-mask run of the same recording (moving, dividing cells), all in this run:
	 * the linker over every frame's cells (keeping the linked planes and giving them their final ids) and the tracks.xml
	 * export, each as a ratio to the static run's time; and, apart from tracking, what segmenting every frame costs (a
	 * whole per-frame run against the static run). Times are the faster of two rounds after an untimed one.
	 */
	private void tracking(Path work, PrintWriter o) throws Exception {
		SyntheticRecording rec = SyntheticRecording.generate(SynthSettings.builder().width(width).height(height).frames(
			trackingFrames).cells(Math.max(12, width * height / 2500)).set(SynthSettings.DRIFT, 1.5).set(
				SynthSettings.WANDER, 1.0).set(SynthSettings.DIVISIONS, 3).cellGapPixels(6).seed(17).build());
		rec.write(work, "tracking");
		io.github.magratio.core.Calibration cal = rec.truth().calibration();
		rec = null;
		Path file = work.resolve("tracking.tif");
		JsonObject flags = calibrationFlags(cal);
		PipelineSettings still = PipelineSettings.load(null, flags);
		flags.addProperty(PipelineSettings.KEY_SEGMENTATION, PipelineSettings.SEGMENTATION_PER_FRAME);
		PipelineSettings perFrame = PipelineSettings.load(null, flags);
		double staticS = Double.POSITIVE_INFINITY, perFrameS = Double.POSITIVE_INFINITY;
		Pipeline.Result last = null;
		for (int round = 0; round < 3; round++) {
			long t0 = System.nanoTime();
			Pipeline.run(still, Pipeline.Input.of(file), work.resolve("tracking-static"), true, Progress.NONE);
			if (round > 0) staticS = Math.min(staticS, (System.nanoTime() - t0) / 1e9);
			t0 = System.nanoTime();
			last = Pipeline.run(perFrame, Pipeline.Input.of(file), work.resolve("tracking-per-frame"), true,
				Progress.NONE);
			if (round > 0) perFrameS = Math.min(perFrameS, (System.nanoTime() - t0) / 1e9);
		}
		io.github.magratio.pipeline.RecordingAnalysis.Result r = last.analysis;
		// the linker alone, on the run's own cells of every frame (decoded beforehand)
		int w = r.labels.width(), h = r.labels.height(), n = r.rows.cells();
		java.util.List<io.github.magratio.core.Labels> frames = new java.util.ArrayList<>();
		for (int t = 0; t < r.frames(); t++)
			frames.add(io.github.magratio.core.Labels.withIds(r.perFrameLabels.get(t), w, h, n));
		double linkS = Double.POSITIVE_INFINITY, exportS = Double.POSITIVE_INFINITY;
		for (int round = 0; round < 3; round++) {
			long t0 = System.nanoTime();
			io.github.magratio.core.OverlapLinker linker = new io.github.magratio.core.OverlapLinker();
			// as the pipeline does: the linked planes kept, then given their final ids (a flicker's pieces)
			io.github.magratio.core.LabelPlanes linked = new io.github.magratio.core.LabelPlanes(w, h);
			for (io.github.magratio.core.Labels f : frames)
				linked.add(linker.link(f));
			linked.relabel(linker.finalIds());
			if (round > 0) linkS = Math.min(linkS, (System.nanoTime() - t0) / 1e9);
			t0 = System.nanoTime();
			io.github.magratio.trackmate.TrackMateExport.write(work.resolve("tracking-bench.xml"), "bench", java.util.Objects
				.requireNonNull(r.table, "the tracking bench's table is kept in memory (it fits one block)"), r.tracks, null, r.perFrameLabels, w, h, r.timesSeconds, r.frameIntervalSeconds, 1, "pixel", "sec", file);
			if (round > 0) exportS = Math.min(exportS, (System.nanoTime() - t0) / 1e9);
		}
		o.println(String.format(Locale.ROOT, "tracking: %d frames of %dx%d px, %d tracks (drifting, wandering, " +
			"dividing cells):", trackingFrames, width, height, n));
		o.println(String.format(Locale.ROOT, "  static-mask run          %7.2f s", staticS));
		o.println(String.format(Locale.ROOT, "  linking every frame      %7.3f s   x%.3f of the static run", linkS,
			linkS / staticS));
		o.println(String.format(Locale.ROOT, "  tracks.xml export        %7.3f s   x%.3f of the static run", exportS,
			exportS / staticS));
		o.println(String.format(Locale.ROOT, "  tracking overhead        x%.3f (linking + tracks.xml) of the static run",
			(linkS + exportS) / staticS));
		o.println(String.format(Locale.ROOT, "  per-frame run            %7.2f s   x%.2f of the static run (segmenting " +
			"every frame, not tracking, is most of it)", perFrameS, perFrameS / staticS));
		o.flush();
	}

	/**
	 * Files per minute of {@code magratio batch}'s engine on the same recordings for each thread count, with the
	 * speed-up against the first count measured in the same run.
	 */
	private void batch(Path work, PrintWriter o) throws Exception {
		Path in = Files.createDirectories(work.resolve("batch-in"));
		io.github.magratio.core.Calibration cal = null;
		for (int i = 0; i < batchFiles; i++) {
			SyntheticRecording rec = SyntheticRecording.generate(SynthSettings.builder().width(width).height(height)
				.frames(batchFrames).cells(Math.max(12, width * height / 2500)).seed(100 + i).build());
			rec.write(in, "rec" + i);
			cal = rec.truth().calibration();
			for (String extra : new String[] { "-labels.tif", "-truth.csv", "-calibration.json", "-truth.json" })
				Files.delete(in.resolve("rec" + i + extra));
		}
		JsonObject flags = calibrationFlags(cal);
		PipelineSettings settings = PipelineSettings.load(null, flags);
		java.util.List<io.github.magratio.batch.BatchJob> jobs = io.github.magratio.batch.InputScan.scan(in, "*.tif",
			work.resolve("batch-out-warmup"), settings);
		o.println(String.format(Locale.ROOT, "batch of %d files (%dx%d px, %d frames each, %d cores):", batchFiles,
			width, height, batchFrames, Runtime.getRuntime().availableProcessors()));
		o.println("threads  files/min  speed-up");
		// an untimed round first: the JIT has compiled the hot paths before any thread count is timed
		io.github.magratio.batch.BatchRunner.builder(settings, work.resolve("batch-out-warmup")).threads(Runtime
			.getRuntime().availableProcessors()).mode(io.github.magratio.batch.BatchRunner.Mode.FORCE).build().run(jobs);
		double first = 0;
		for (int k = 0; k < batchThreads.length; k++) {
			Path out = work.resolve("batch-out-" + k);
			double minutes = Double.POSITIVE_INFINITY;
			// the faster of two rounds: other work on a shared machine only ever slows a round down
			for (int round = 0; round < 2; round++) {
				long t0 = System.nanoTime();
				io.github.magratio.batch.BatchRunner.Result r = io.github.magratio.batch.BatchRunner.builder(settings,
					out).threads(batchThreads[k]).mode(io.github.magratio.batch.BatchRunner.Mode.FORCE).build().run(jobs);
				minutes = Math.min(minutes, (System.nanoTime() - t0) / 60e9);
				if (r.failures() > 0) throw new IllegalStateException("benchmark batch failed: " + r.rows);
			}
			double perMinute = batchFiles / minutes;
			if (k == 0) first = perMinute;
			o.println(String.format(Locale.ROOT, "%7d  %9.1f  %8.2f", batchThreads[k], perMinute, perMinute / first));
			o.flush();
		}
		o.println("files/min: the faster of two rounds; speed-up = files per minute / files per minute with " +
			batchThreads[0] + " thread(s), same files, same run");
	}

	private boolean suite(String name) {
		for (String s : suite)
			if (s.trim().equalsIgnoreCase(name)) return true;
		return false;
	}

	/** The kernel suite ({@link KernelBench}) for every --kernel-sizes, then the large recording when asked. */
	private void kernel(PrintWriter o, Path work) throws Exception {
		o.println("kernel suite: (a) copy limit, (b) fused kernel on frames in memory, (c) the Ratio Plus way, (d) TIFF " +
			"read alone, (e) run end to end; the fastest of " + kernelRounds + " round(s) after an untimed one");
		for (String size : kernelSizes) {
			if (size.trim().isEmpty() || size.trim().equalsIgnoreCase("none")) continue; // e.g. only --big-gib
			String[] wh = size.trim().toLowerCase(Locale.ROOT).split("x");
			if (wh.length != 2) throw new IllegalArgumentException("--kernel-sizes: WIDTHxHEIGHT, got '" + size + "'");
			KernelBench.run(o, work, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), kernelFrames, kernelRounds);
		}
		if (bigGib > 0) KernelBench.big(o, work, bigGib);
	}

	/** The kernel suite in a child JVM with the heap and collector of scripts/magratio (speed, not peak heap). */
	private int runKernelChild() throws Exception {
		java.util.List<String> cmd = new java.util.ArrayList<>(java.util.Arrays.asList(Path.of(System.getProperty(
			"java.home"), "bin", "java").toString(), "-Xmx3g", "-Djava.awt.headless=true"));
		cmd.addAll(io.github.magratio.slurm.JavaCommand.moduleOptions());
		cmd.addAll(java.util.Arrays.asList("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
			"--in-process", "--suite", "kernel", "--kernel-sizes", String.join(",", kernelSizes), "--kernel-frames", "" +
				kernelFrames, "--kernel-rounds", "" + kernelRounds, "--big-gib", "" + bigGib));
		if (dir != null) {
			cmd.add("--dir");
			cmd.add(dir.toString());
		}
		return pipe(cmd);
	}

	private int pipe(java.util.List<String> cmd) throws Exception {
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		PrintWriter o = spec.commandLine().getOut();
		try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
			java.nio.charset.StandardCharsets.UTF_8)))
		{
			String line;
			while ((line = r.readLine()) != null) {
				o.println(line);
				o.flush();
			}
		}
		return p.waitFor();
	}

	/** @return settings overrides holding a calibration's constants */
	static JsonObject calibrationFlags(io.github.magratio.core.Calibration cal) {
		JsonObject flags = new JsonObject();
		flags.addProperty(PipelineSettings.KEY_KD, cal.kdMillimolar());
		flags.addProperty(PipelineSettings.KEY_RMIN, cal.rmin());
		flags.addProperty(PipelineSettings.KEY_RMAX, cal.rmax());
		flags.addProperty(PipelineSettings.KEY_BETA, cal.beta());
		return flags;
	}

	/** Re-runs this benchmark in a child JVM whose young generation is 4 MiB, so garbage is collected promptly. */
	private int runChild() throws Exception {
		java.util.List<String> cmd = new java.util.ArrayList<>(java.util.Arrays.asList(Path.of(System.getProperty(
			"java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-Xmn4m", "-Xmx1g", "-Djava.awt.headless=true"));
		cmd.addAll(io.github.magratio.slurm.JavaCommand.moduleOptions());
		cmd.addAll(java.util.Arrays.asList("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
			"--in-process", "--width", "" + width, "--height", "" + height, "--frames"));
		StringBuilder f = new StringBuilder();
		for (int n : frames)
			f.append(f.length() > 0 ? "," : "").append(n);
		cmd.add(f.toString());
		cmd.add("--segmentation-px");
		cmd.add(Integer.toString(segmentationPx));
		cmd.add("--tracking-frames");
		cmd.add(Integer.toString(trackingFrames));
		if (dir != null) {
			cmd.add("--dir");
			cmd.add(dir.toString());
		}
		StringBuilder bt = new StringBuilder();
		for (int n : batchThreads)
			bt.append(bt.length() > 0 ? "," : "").append(n);
		cmd.addAll(java.util.Arrays.asList("--batch-files", "" + batchFiles, "--batch-frames", "" + batchFrames,
			"--batch-threads", bt.toString(), "--segmentation-rounds", "" + segmentationRounds, "--suite", suite(
				"memory") ? "memory" : "segmentation"));
		return pipe(cmd);
	}

	/** Samples the heap in use every 5 ms from a daemon thread; reports the peak above the starting level, MiB. */
	static final class PeakHeap {
		private final Thread thread;
		private final long base;
		private volatile long peak;
		private volatile boolean running = true;

		PeakHeap() {
			System.gc();
			base = used();
			peak = base;
			thread = new Thread(() -> {
				while (running) {
					peak = Math.max(peak, used());
					try {
						Thread.sleep(5);
					} catch (InterruptedException e) {
						return;
					}
				}
			}, "magratio-bench-heap");
			thread.setDaemon(true);
			thread.start();
		}

		static long used() {
			long u = 0;
			for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
				if (p.getType() == MemoryType.HEAP) u += p.getUsage().getUsed();
			return u;
		}

		double stop() throws InterruptedException {
			peak = Math.max(peak, used());
			running = false;
			thread.join();
			return (peak - base) / (double) (1 << 20);
		}
	}
}
