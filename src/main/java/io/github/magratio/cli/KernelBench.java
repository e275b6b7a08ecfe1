package io.github.magratio.cli;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.plugin.ImageCalculator;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.github.magratio.core.BackgroundSettings;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.FrameProcessor;
import io.github.magratio.core.Labels;
import io.github.magratio.core.OrderedFrames;
import io.github.magratio.core.Progress;
import io.github.magratio.core.RatioSettings;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.tiff.FloatTiffWriter;
import io.github.magratio.tiff.ImageJMetadata;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;

/**
 * The speed benchmark of issue 11, every figure measured in the same run on the same data: (a) the memory-streaming
 * limit (copying the same bytes frame by frame), (b) the fused per-frame kernel with 1 thread and every core, (c) the
 * "Ratio Plus way" (float copies, constant background, ImageJ's ImageCalculator divide, per-label means), (d) reading
 * the TIFF file alone with MagRatio's reader (and ImageJ's opener for reference), (e) the whole {@code run} end to end,
 * and the time of {@code run} against 1x, 2x and 4x the frames. Recordings are synthetic: a few distinct frames of a
 * {@link SyntheticRecording} repeated to the length asked, written as a 16-bit 2-channel hyperstack.
 */
final class KernelBench {

	/** A few distinct frames held in memory, their cells and calibration. */
	static final class Data {
		final int width, height, distinct;
		final short[][] p340, p380;
		final Labels labels;
		final Calibration calibration;
		final double frameIntervalSeconds;

		Data(SyntheticRecording rec, int distinct) {
			ImagePlus imp = rec.imagePlus();
			width = imp.getWidth();
			height = imp.getHeight();
			this.distinct = distinct;
			p340 = new short[distinct][];
			p380 = new short[distinct][];
			for (int t = 0; t < distinct; t++) {
				p340[t] = (short[]) imp.getStack().getProcessor(imp.getStackIndex(1, 1, t + 1)).getPixels();
				p380[t] = (short[]) imp.getStack().getProcessor(imp.getStackIndex(2, 1, t + 1)).getPixels();
			}
			short[] l = rec.truth().labels();
			int[] ids = new int[l.length];
			for (int i = 0; i < l.length; i++)
				ids[i] = l[i] & 0xffff;
			labels = Labels.of(ids, width, height);
			calibration = rec.truth().calibration();
			frameIntervalSeconds = rec.truth().frameIntervalSeconds();
		}

		/** @return the bytes of one frame pair (two 16-bit planes) */
		long frameBytes() {
			return 4L * width * height;
		}
	}

	/** A synthetic field of {@code width x height} px with a cell per 2500 px^2, {@code distinct} frames. */
	static Data data(int width, int height, int distinct, long seed) {
		return new Data(SyntheticRecording.generate(SynthSettings.builder().width(width).height(height).frames(distinct)
			.cells(Math.max(12, width * height / 2500)).seed(seed).build()), distinct);
	}

	/** Writes {@code frames} frame pairs (the distinct frames in turn) as a 16-bit C=2 hyperstack, plane by plane. */
	static void write(Data d, int frames, Path file) throws IOException {
		try (FloatTiffWriter w = FloatTiffWriter.unsigned16(file, d.width, d.height, 2 * frames)) {
			for (int t = 0; t < frames; t++) {
				w.writePlane(2 * t, d.p340[t % d.distinct]);
				w.writePlane(2 * t + 1, d.p380[t % d.distinct]);
			}
			w.finish(ImageJMetadata.builder().dimensions(2, 1, frames).frameInterval(d.frameIntervalSeconds, "sec")
				.build(), null);
		}
	}

	/** (a) Seconds to copy {@code frames} frame pairs' bytes with System.arraycopy, 1 thread. */
	static double copySeconds(Data d, int frames) {
		short[] a = new short[d.width * d.height], b = new short[a.length];
		long sum = 0;
		long t0 = System.nanoTime();
		for (int t = 0; t < frames; t++) {
			System.arraycopy(d.p340[t % d.distinct], 0, a, 0, a.length);
			System.arraycopy(d.p380[t % d.distinct], 0, b, 0, b.length);
			sum += a[t % a.length] + b[(7 * t) % b.length]; // the copies are used
		}
		double s = (System.nanoTime() - t0) / 1e9;
		if (sum == Long.MIN_VALUE) throw new IllegalStateException();
		return s;
	}

	/** One frame pair in flight in the kernel benchmark. */
	private static final class Slot {
		short[] a, b;
		final float[] ratio, mg;

		Slot(int n) {
			ratio = new float[n];
			mg = new float[n];
		}
	}

	/**
	 * (b) Seconds for the fused kernel on {@code frames} in-memory frame pairs with {@code threads} workers (default
	 * surface background, ratio and [Mg2+] planes written, per-cell table filled).
	 */
	static double kernelSeconds(Data d, int frames, int threads) throws IOException {
		BackgroundSettings bg = BackgroundSettings.builder().build();
		CellTable table = new CellTable(d.labels.count(), frames);
		int w = d.width, h = d.height;
		OrderedFrames<Slot, FrameProcessor> runner = new OrderedFrames<>(threads, () -> new Slot(w * h),
			() -> new FrameProcessor(d.labels, bg, RatioSettings.defaults(), d.calibration, null));
		long t0 = System.nanoTime();
		runner.run(frames, (t, s) -> {
			s.a = d.p340[t % d.distinct];
			s.b = d.p380[t % d.distinct];
		}, (t, s, kernel) -> kernel.process(t, ArrayImgs.unsignedShorts(s.a, w, h), ArrayImgs.unsignedShorts(s.b, w, h),
			s.ratio, s.mg, table), (t, s) -> {}, () -> false);
		return (System.nanoTime() - t0) / 1e9;
	}

	/**
	 * (c) Seconds for the Ratio Plus way on {@code frames} frame pairs, 1 thread: both planes copied to float, a
	 * constant background subtracted, ImageJ's ImageCalculator "Divide create 32-bit", then each label's mean ratio.
	 */
	static double ratioPlusSeconds(Data d, int frames) {
		int w = d.width, h = d.height;
		int[] lab = d.labels.array();
		int n = d.labels.count() + 1;
		double[] sum = new double[n];
		int[] count = new int[n];
		ImageCalculator calc = new ImageCalculator();
		double bg340 = 100, bg380 = 100, check = 0;
		long t0 = System.nanoTime();
		for (int t = 0; t < frames; t++) {
			ImageProcessor a = new ShortProcessor(w, h, d.p340[t % d.distinct], null).convertToFloat();
			ImageProcessor b = new ShortProcessor(w, h, d.p380[t % d.distinct], null).convertToFloat();
			a.subtract(bg340);
			b.subtract(bg380);
			ImagePlus r = calc.run("divide create 32-bit", new ImagePlus("340", a), new ImagePlus("380", b));
			float[] ratio = (float[]) ((FloatProcessor) r.getProcessor()).getPixels();
			java.util.Arrays.fill(sum, 0);
			java.util.Arrays.fill(count, 0);
			for (int p = 0; p < ratio.length; p++)
				if (lab[p] > 0 && !Float.isNaN(ratio[p])) {
					sum[lab[p]] += ratio[p];
					count[lab[p]]++;
				}
			check += sum[1] / Math.max(1, count[1]);
		}
		double s = (System.nanoTime() - t0) / 1e9;
		if (Double.isInfinite(check)) throw new IllegalStateException();
		return s;
	}

	/** (d) Seconds to read every plane of {@code file} with the reader the pipeline uses. */
	static double readSeconds(Path file) {
		long t0 = System.nanoTime();
		try (io.github.magratio.ij.Recording r = io.github.magratio.ij.Recording.open(file,
			io.github.magratio.ij.Layout.AUTO, 1))
		{
			for (int t = 0; t < r.frames(); t++) {
				r.image340().getStack().getProcessor(r.stackIndex340(t));
				r.image380().getStack().getProcessor(r.stackIndex380(t));
			}
		}
		return (System.nanoTime() - t0) / 1e9;
	}

	/** (d') Seconds for ImageJ's own TIFF opener to load the whole file into memory. */
	static double imageJOpenSeconds(Path file) {
		long t0 = System.nanoTime();
		ImagePlus imp = new ij.io.Opener().openTiff(file.getParent().toString() + java.io.File.separator, file
			.getFileName().toString());
		double s = (System.nanoTime() - t0) / 1e9;
		if (imp == null) throw new IllegalStateException("ImageJ cannot open " + file);
		imp.close();
		return s;
	}

	/** The settings of the benchmark's runs: defaults (seeded cells, surface background) with the truth's calibration. */
	static PipelineSettings settings(Data d, int threads) throws IOException {
		JsonObject flags = BenchCli.calibrationFlags(d.calibration);
		flags.addProperty(PipelineSettings.KEY_FRAME_THREADS, threads);
		return PipelineSettings.load(null, flags);
	}

	/** (e) The whole run end to end: seconds in all, and of its measuring pass. */
	static double[] runSeconds(Data d, Path file, Path out, int threads) throws IOException {
		long t0 = System.nanoTime();
		Pipeline.Result r = Pipeline.run(settings(d, threads), Pipeline.Input.of(file), out, true, Progress.NONE);
		double all = (System.nanoTime() - t0) / 1e9;
		Double measure = r.analysis.timingsSeconds.get("measure"), segment = r.analysis.timingsSeconds.get("segment");
		return new double[] { all, measure == null ? Double.NaN : measure, segment == null ? Double.NaN : segment };
	}

	/** The faster of {@code rounds} timed rounds after one untimed round (other work only ever slows a round). */
	interface Timed {
		double seconds() throws IOException;
	}

	static double best(int rounds, Timed f) throws IOException {
		f.seconds();
		double best = Double.POSITIVE_INFINITY;
		for (int i = 0; i < rounds; i++)
			best = Math.min(best, f.seconds());
		return best;
	}

	/**
	 * The least process CPU time of {@code rounds} timed rounds after an untimed one, seconds, or NaN where the JVM does
	 * not tell it. For single-threaded figures: on a machine shared with other work, CPU time moves far less than wall
	 * time (a loaded machine stretches the wall clock, not the instructions).
	 */
	static double bestCpu(int rounds, Timed f) throws IOException {
		f.seconds();
		double best = Double.POSITIVE_INFINITY;
		for (int i = 0; i < rounds; i++) {
			long c0 = processCpuNanos();
			f.seconds();
			best = Math.min(best, (processCpuNanos() - c0) / 1e9);
		}
		return processCpuNanos() < 0 ? Double.NaN : best;
	}

	private static long processCpuNanos() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os)
			.getProcessCpuTime() : -1;
	}

	/**
	 * Runs the whole benchmark on one frame size and prints it.
	 *
	 * @param frames frame pairs of the recording; the scaling runs use frames/4, frames/2 and frames
	 */
	static void run(PrintWriter o, Path work, int width, int height, int frames, int rounds) throws IOException {
		int cores = Runtime.getRuntime().availableProcessors();
		Data d = data(width, height, 10, 11);
		double gb = d.frameBytes() * (double) frames / 1e9;
		Path file = work.resolve("kernel-" + width + "x" + height + "-" + frames + ".tif");
		write(d, frames, file);
		o.println(String.format(Locale.ROOT, "%dx%d px, %d frame pairs, 16-bit, %d cells, %.2f GB; %d cores, load " +
			"average %.1f at the start; 16-bit row loop: %s", width, height, frames, d.labels.count(), gb, cores,
			loadAverage(), FrameProcessor.unsigned16RowLoop()));
		double copy = best(rounds, () -> copySeconds(d, frames));
		double k1 = best(rounds, () -> kernelSeconds(d, frames, 1));
		double kn = best(rounds, () -> kernelSeconds(d, frames, cores));
		double rp = best(rounds, () -> ratioPlusSeconds(d, frames));
		double read = best(rounds, () -> readSeconds(file));
		double ijOpen = best(Math.min(rounds, 1), () -> imageJOpenSeconds(file));
		double[] run = { Double.POSITIVE_INFINITY, Double.NaN };
		for (int i = 0; i <= rounds; i++) {
			double[] r = runSeconds(d, file, work.resolve("kernel-out"), cores);
			if (i > 0 && r[0] < run[0]) run = r;
		}
		String row = "  %-44s %8.3f s  %8.1f frame pairs/s  %7.3f GB/s";
		o.println(String.format(Locale.ROOT, row, "(a) copy of the same bytes, 1 thread", copy, frames / copy, gb / copy));
		o.println(String.format(Locale.ROOT, row, "(b) fused kernel, 1 thread", k1, frames / k1, gb / k1));
		o.println(String.format(Locale.ROOT, row, "(b) fused kernel, " + cores + " threads", kn, frames / kn, gb / kn));
		o.println(String.format(Locale.ROOT, row, "(c) Ratio Plus way, 1 thread", rp, frames / rp, gb / rp));
		o.println(String.format(Locale.ROOT, row, "(d) TIFF read alone (MagRatio's reader)", read, frames / read, gb /
			read));
		o.println(String.format(Locale.ROOT, row, "(d') ImageJ's opener, whole file", ijOpen, frames / ijOpen, gb /
			ijOpen));
		o.println(String.format(Locale.ROOT, row, "(e) run end to end, " + cores + " threads", run[0], frames / run[0],
			gb / run[0]));
		o.println(String.format(Locale.ROOT, row, "    its measuring pass", run[1], frames / run[1], gb / run[1]));
		o.println(String.format(Locale.ROOT, "  ratios: (b)/(a) %.3f with 1 thread, %.3f with %d; (b)/(c) x%.2f with 1 " +
			"thread, x%.2f with %d; (e)/(d) %.3f; kernel %d threads / 1 thread x%.2f", copy / k1, copy / kn, cores, rp /
				k1, rp / kn, cores, read / run[0], cores, k1 / kn));
		double copyCpu = bestCpu(rounds, () -> copySeconds(d, frames));
		double k1Cpu = bestCpu(rounds, () -> kernelSeconds(d, frames, 1));
		double rpCpu = bestCpu(rounds, () -> ratioPlusSeconds(d, frames));
		o.println(String.format(Locale.ROOT, "  CPU time per frame pair, 1 thread (less moved by other work than wall " +
			"time): (a) %.2f ms, (b) %.2f ms, (c) %.2f ms; (b)/(a) %.3f, (b)/(c) x%.2f", 1000 * copyCpu / frames, 1000 *
				k1Cpu / frames, 1000 * rpCpu / frames, copyCpu / k1Cpu, rpCpu / k1Cpu));
		o.flush();
		scaling(o, d, file, work, frames, rounds, cores);
		Files.delete(file);
	}

	/**
	 * Time against length: the same data at 1x, 2x, 4x the frames (each into a fresh output folder, so no run pays
	 * for removing an earlier, longer run's result), with each run's stages (segmentation, the measuring pass, the
	 * rest: tables, tracks.xml, run.json, checksums), the marginal time per frame of 1x -&gt; 2x and 2x -&gt; 4x, and the
	 * fixed cost (the time at 0 frames the first two extrapolate to).
	 */
	static void scaling(PrintWriter o, Data d, Path file, Path work, int frames, int rounds, int cores)
		throws IOException
	{
		int[] lengths = { frames / 4, frames / 2, frames };
		double[][] best = new double[3][];
		for (int k = 0; k < 3; k++) {
			int n = lengths[k];
			Path f = n == frames ? file : work.resolve("kernel-" + n + ".tif");
			if (n != frames) write(d, n, f);
			for (int i = 0; i < Math.max(1, rounds); i++) {
				Path out = work.resolve("scaling-out-" + n + "-" + i);
				double[] r = runSeconds(d, f, out, cores);
				if (best[k] == null || r[0] < best[k][0]) best[k] = r;
				deleteTree(out);
			}
			if (n != frames) Files.delete(f);
		}
		StringBuilder sc = new StringBuilder("  run time against length:");
		for (int k = 0; k < 3; k++)
			sc.append(String.format(Locale.ROOT, " %d frames %.2f s (x%.2f, %.1f ms/frame; segment %.2f, measure %.2f, " +
				"rest %.2f s);", lengths[k], best[k][0], best[k][0] / best[0][0], 1000 * best[k][0] / lengths[k],
				best[k][2], best[k][1], best[k][0] - best[k][1] - best[k][2]));
		o.println(sc);
		String[] stage = { "total", "measure", "segment" };
		StringBuilder m = new StringBuilder("  marginal ms per frame, 1x->2x / 2x->4x:");
		for (int i = 0; i < 3; i++) {
			double a = (best[1][i] - best[0][i]) / (lengths[1] - lengths[0]), b = (best[2][i] - best[1][i]) /
				(lengths[2] - lengths[1]);
			m.append(String.format(Locale.ROOT, " %s %.1f / %.1f (x%.2f);", stage[i], 1000 * a, 1000 * b, b / a));
		}
		double fixed = best[0][0] - (best[1][0] - best[0][0]) / (lengths[1] - lengths[0]) * lengths[0];
		m.append(String.format(Locale.ROOT, " fixed cost (0 frames, from 1x and 2x) %.2f s", fixed));
		o.println(m);
		o.flush();
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) return;
		try (java.util.stream.Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator)
				Files.delete(p);
		}
	}

	/**
	 * (f) {@code magratio run} in a child JVM with {@code -Xmx512m} on a recording of {@code gib} GiB (1024x1024 px),
	 * on half and on a quarter of it: time, frame pairs per second and the child's peak resident memory (VmHWM) of
	 * each, then the marginal time per frame (quarter to half, half to whole) in all and by stage, from each run's
	 * run.json. Fixed costs (the JVM, segmentation of the time average, the first use of the image writers) weigh less
	 * in a longer run, so the time per frame of two runs is not a test of linearity; the marginal time is.
	 */
	static void big(PrintWriter o, Path work, double gib) throws Exception {
		Data d = data(1024, 1024, 10, 12);
		int frames = (int) Math.ceil(gib * (1L << 30) / d.frameBytes());
		int[] lengths = { frames / 4, frames / 2, frames };
		o.println(String.format(Locale.ROOT, "(f) run with -Xmx512m on %.2f GiB (%d frame pairs of 1024x1024), on " +
			"half and on a quarter of it:", gib, frames));
		String[] stages = { "total_s", "segment_s", "measure_s", "write_s" };
		double[][] seconds = new double[lengths.length][stages.length];
		for (int k = 0; k < lengths.length; k++) {
			int n = lengths[k];
			Path file = work.resolve("big-" + n + ".tif"), out = work.resolve("big-out");
			write(d, n, file);
			List<String> cmd = new ArrayList<>(java.util.Arrays.asList(Path.of(System.getProperty("java.home"), "bin",
				"java").toString(), "-Xmx512m", "-Djava.awt.headless=true"));
			cmd.addAll(io.github.magratio.slurm.JavaCommand.moduleOptions());
			cmd.addAll(java.util.Arrays.asList("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
				file.toString(), "--out", out.toString(), "--overwrite", "-q", "--kd", "" + d.calibration.kdMillimolar(),
				"--rmin", "" + d.calibration.rmin(), "--rmax", "" + d.calibration.rmax(), "--beta", "" + d.calibration
					.beta()));
			long t0 = System.nanoTime();
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("big.log").toFile())
				.start();
			long hwmKiB = 0;
			Path status = Path.of("/proc", Long.toString(p.pid()), "status");
			while (p.isAlive()) {
				try {
					for (String line : Files.readAllLines(status))
						if (line.startsWith("VmHWM:")) hwmKiB = Math.max(hwmKiB, Long.parseLong(line.replaceAll("\\D",
							"")));
				} catch (IOException | RuntimeException e) {
					// the process has just ended, or /proc is not there: the last value read stands
				}
				Thread.sleep(200);
			}
			double s = (System.nanoTime() - t0) / 1e9;
			int code = p.waitFor();
			if (code != 0) throw new IllegalStateException("the -Xmx512m run failed (exit " + code + "): " + String.join(
				"\n", Files.readAllLines(work.resolve("big.log"))));
			JsonObject timings = com.google.gson.JsonParser.parseString(Files.readString(out.resolve("big-" + n).resolve(
				"run.json"))).getAsJsonObject().getAsJsonObject("timings");
			seconds[k][0] = s; // the child's whole life, JVM start included
			for (int j = 1; j < stages.length; j++)
				seconds[k][j] = timings.get(stages[j]).getAsDouble();
			o.println(String.format(Locale.ROOT, "  %5d frame pairs, %6.2f GiB: %7.1f s, %6.1f frame pairs/s, peak RSS " +
				"%s; segment %.1f s, measure %.1f s, write %.1f s", n, Files.size(file) / (double) (1L << 30), s, n / s,
				hwmKiB > 0 ? String.format(Locale.ROOT, "%.0f MiB", hwmKiB / 1024.0) : "unknown (no /proc)",
				seconds[k][1], seconds[k][2], seconds[k][3]));
			o.flush();
			Files.delete(file);
		}
		StringBuilder m = new StringBuilder("  marginal ms per frame, quarter->half / half->whole:");
		for (int j = 0; j < stages.length; j++) {
			double a = 1e3 * (seconds[1][j] - seconds[0][j]) / (lengths[1] - lengths[0]);
			double b = 1e3 * (seconds[2][j] - seconds[1][j]) / (lengths[2] - lengths[1]);
			m.append(String.format(Locale.ROOT, "%s %s %.1f / %.1f (x%.3f)", j == 0 ? "" : ";", stages[j].replace("_s",
				""), a, b, b / a));
		}
		o.println(m.append("; x1 = linear in frames"));
		double perFrame = (seconds[2][0] - seconds[1][0]) / (lengths[2] - lengths[1]);
		o.println(String.format(Locale.ROOT, "  fixed cost (0 frames, from half and whole) %.1f s", seconds[2][0] -
			perFrame * lengths[2]));
	}

	/** @return the 1-minute load average, NaN where the system has none */
	static double loadAverage() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}
}
