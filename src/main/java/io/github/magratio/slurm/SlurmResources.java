package io.github.magratio.slurm;

import com.google.gson.JsonObject;

import io.github.magratio.batch.BatchJob;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The memory and time a SLURM task asks for, unless given ({@code --mem}, {@code --time}, else the settings
 * {@link PipelineSettings#KEY_SLURM_MEM}, {@link PipelineSettings#KEY_SLURM_TIME}).
 * <p>
 * <b>Time</b> per task = 3 x (1 min + the task's work / its threads, at least its largest input), in whole minutes,
 * at least {@value #MIN_TIME_MINUTES}. The work of an input is its frames x pixels per frame x the cost per pixel and
 * frame, plus a fixed cost per file. The cost is measured: from the run.json timings of earlier results in the output
 * folder when there are any (the slowest), else by running the pipeline on synthetic recordings of 4 and 12 frames of
 * the largest input frame size on the submitting machine (slope = per frame, intercept = per file). The factor 3
 * covers compute nodes slower or busier than that.
 * <p>
 * <b>Memory</b> per task = 384 MiB (the JVM itself) + its threads x 1.5 x the heap of its largest input, rounded up
 * to 256 MiB, at least 1 GiB; the heap of an input is 64 frames' worth of its raw frames (the streamed frames, their
 * float copies and the label image; measured by {@code magratio bench} as about 60) plus 600 bytes per cell and frame
 * (the per-cell tables), for as many cells as fit at a sixteenth of the field covered by cells of the minimum area.
 * The task's Java heap ({@code -Xmx}) is the request less {@value #NON_HEAP_MIB} MiB.
 */
final class SlurmResources {

	static final int MIN_TIME_MINUTES = 5, MIN_MEM_MIB = 1024, NON_HEAP_MIB = 256;

	final int memMiB, timeMinutes;
	/** Where each came from: "--mem" / "--time", the settings key, or "estimated". */
	final String memSource, timeSource;
	final String how;

	private SlurmResources(int memMiB, String memSource, int timeMinutes, String timeSource, String how) {
		this.memMiB = memMiB;
		this.memSource = memSource;
		this.timeMinutes = timeMinutes;
		this.timeSource = timeSource;
		this.how = how;
	}

	/** @return the Java heap of a task, MiB */
	int heapMiB() {
		return heapFor(memMiB);
	}

	static int heapFor(int memMiB) {
		return Math.max(64, memMiB - NON_HEAP_MIB);
	}

	/** The size of one input. */
	static final class Size {
		final int width, height, frames, bytesPerPixel;

		Size(int width, int height, int frames, int bytesPerPixel) {
			this.width = width;
			this.height = height;
			this.frames = frames;
			this.bytesPerPixel = bytesPerPixel;
		}

		long pixels() {
			return (long) width * height;
		}
	}

	/** @return the size of an input from its file headers, or null when it cannot be opened (it will fail fast) */
	static Size size(BatchJob job, PipelineSettings s) {
		if (job.input() == null) return null;
		try {
			Recording r = job.input().file380() == null ? Recording.open(job.input().file(), s.layout(), s.channel340())
				: Recording.openSeparate(job.input().file(), job.input().file380());
			return new Size(r.width(), r.height(), r.frames(), Math.max(1, r.bitDepth() / 8));
		} catch (RuntimeException e) {
			return null;
		}
	}

	/**
	 * @param chunks the inputs of each task
	 * @param memMiB given ({@code --mem}), or null: the settings' {@link PipelineSettings#KEY_SLURM_MEM}, else estimated
	 * @param timeMinutes given ({@code --time}), or null: the settings' {@link PipelineSettings#KEY_SLURM_TIME}, else
	 *          estimated
	 */
	static SlurmResources estimate(List<List<BatchJob>> chunks, PipelineSettings s, int threads, Path outRoot,
		Integer memMiB, Integer timeMinutes, Progress progress) throws IOException
	{
		java.util.Map<BatchJob, Size> sizes = new java.util.HashMap<>();
		for (List<BatchJob> c : chunks)
			for (BatchJob j : c) {
				Size z = size(j, s);
				if (z != null) sizes.put(j, z);
			}
		return estimate(chunks, sizes, s, threads, outRoot, memMiB, timeMinutes, progress);
	}

	/** As above, with the inputs' sizes known ({@code sizes} lacks those that cannot be opened). */
	static SlurmResources estimate(List<List<BatchJob>> chunks, java.util.Map<BatchJob, Size> sizes,
		PipelineSettings s, int threads, Path outRoot, Integer memMiB, Integer timeMinutes, Progress progress)
		throws IOException
	{
		Size largest = null;
		for (Size z : sizes.values())
			if (largest == null || z.pixels() > largest.pixels()) largest = z;
		if (largest == null) largest = new Size(512, 512, 100, 2);
		StringBuilder how = new StringBuilder();
		String memSource = memMiB != null ? "--mem" : s.slurmMemMiB() != null ? PipelineSettings.KEY_SLURM_MEM
			: "estimated";
		String timeSource = timeMinutes != null ? "--time" : s.slurmTimeMinutes() != null ? PipelineSettings
			.KEY_SLURM_TIME : "estimated";
		if (memMiB == null) memMiB = s.slurmMemMiB();
		if (timeMinutes == null) timeMinutes = s.slurmTimeMinutes();
		int mem;
		if (memMiB != null) {
			mem = memMiB;
			how.append("memory as given (").append(memSource).append(')');
		}
		else {
			double worst = 0;
			for (Size z : sizes.values())
				worst = Math.max(worst, heapBytes(z, s));
			if (sizes.isEmpty()) worst = heapBytes(largest, s);
			mem = roundUp(384 + (int) Math.ceil(threads * 1.5 * worst / (1 << 20)), 256);
			mem = Math.max(MIN_MEM_MIB, mem);
			how.append(String.format(Locale.ROOT, "memory from the largest input: %.0f MiB of heap per thread",
				worst / (1 << 20)));
		}
		int time;
		if (timeMinutes != null) {
			time = timeMinutes;
			how.append("; time as given (").append(timeSource).append(')');
		}
		else {
			double[] cost = earlierCost(outRoot);
			String source;
			if (cost != null) source = String.format(Locale.ROOT, "measured on %d earlier results in the output folder",
				(int) cost[2]);
			else {
				progress.progress("measuring the per-frame cost on a synthetic " + largest.width + "x" + largest.height +
					" recording", 0, 1);
				cost = measureCost(largest.width, largest.height);
				source = "measured here on synthetic " + largest.width + "x" + largest.height + " recordings";
			}
			double worst = 0;
			for (List<BatchJob> c : chunks) {
				double sum = 0, max = 0;
				for (BatchJob j : c) {
					Size z = sizes.get(j);
					if (z == null) continue;
					double t = cost[1] + z.frames * z.pixels() * cost[0];
					sum += t;
					max = Math.max(max, t);
				}
				worst = Math.max(worst, Math.max(sum / threads, max));
			}
			time = Math.max(MIN_TIME_MINUTES, (int) Math.ceil(3 * (60 + worst) / 60));
			how.append(String.format(Locale.ROOT, "; time from %.3g us per pixel and frame + %.2f s per file (%s): " +
				"%.0f s of work for the longest task, x3", cost[0] * 1e6, cost[1], source, worst));
		}
		return new SlurmResources(mem, memSource, time, timeSource, how.toString());
	}

	/** The heap one input needs while it is processed, bytes (see the class comment). */
	static double heapBytes(Size z, PipelineSettings s) {
		double frame = 2.0 * z.pixels() * z.bytesPerPixel;
		double cells = Math.ceil(z.pixels() / (16.0 * Math.max(1, s.segmentation().minAreaPx())));
		return 64 * frame + 600 * cells * z.frames;
	}

	private static int roundUp(int v, int step) {
		return (v + step - 1) / step * step;
	}

	/**
	 * @return {seconds per pixel and frame, 0, results} from the slowest earlier result under {@code outRoot}, or null
	 *         when there is none (its fixed cost is in the per-frame figure)
	 */
	static double[] earlierCost(Path outRoot) throws IOException {
		if (!Files.isDirectory(outRoot)) return null;
		double worst = 0;
		int n = 0;
		try (Stream<Path> s = Files.walk(outRoot, 8)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				if (!p.getFileName().toString().equals(Pipeline.RUN)) continue;
				boolean hidden = false;
				for (Path part : outRoot.relativize(p))
					hidden |= part.toString().startsWith(".");
				if (hidden) continue;
				try {
					JsonObject o = com.google.gson.JsonParser.parseString(new String(Files.readAllBytes(p),
						java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
					JsonObject in = o.getAsJsonObject("input");
					double px = in.get("width_px").getAsDouble() * in.get("height_px").getAsDouble() * in.get("frames")
						.getAsDouble();
					double t = o.getAsJsonObject("timings").get("total_s").getAsDouble();
					if (px > 0 && t > 0) {
						worst = Math.max(worst, t / px);
						n++;
					}
				} catch (RuntimeException e) {
					// not a readable run.json: ignore it
				}
			}
		}
		return n == 0 ? null : new double[] { worst, 0, n };
	}

	/** @return {seconds per pixel and frame, seconds per file} of the pipeline here, on synthetic recordings */
	static double[] measureCost(int width, int height) throws IOException {
		Path tmp = Files.createTempDirectory("magratio-cost");
		try {
			double[] t = new double[3];
			int[] frames = { 4, 4, 12 }; // the first run warms the JVM up and is not used
			for (int i = 0; i < frames.length; i++) {
				SyntheticRecording rec = SyntheticRecording.generate(SynthSettings.builder().width(width).height(height)
					.frames(frames[i]).cells((int) Math.max(4, Math.min(200, (long) width * height / 2500))).seed(5)
					.build());
				String name = "cost" + i;
				rec.write(tmp, name);
				Calibration cal = rec.truth().calibration();
				JsonObject o = new JsonObject();
				o.addProperty(PipelineSettings.KEY_KD, cal.kdMillimolar());
				o.addProperty(PipelineSettings.KEY_RMIN, cal.rmin());
				o.addProperty(PipelineSettings.KEY_RMAX, cal.rmax());
				o.addProperty(PipelineSettings.KEY_BETA, cal.beta());
				long t0 = System.nanoTime();
				Pipeline.run(PipelineSettings.fromJson(o), Pipeline.Input.of(tmp.resolve(name + ".tif")), tmp.resolve(
					"out"), true, Progress.NONE);
				t[i] = (System.nanoTime() - t0) / 1e9;
			}
			double perFrame = Math.max(1e-4, (t[2] - t[1]) / (frames[2] - frames[1]));
			double perFile = Math.max(0, t[1] - frames[1] * perFrame);
			return new double[] { perFrame / ((double) width * height), perFile };
		} finally {
			AtomicFiles.deleteTree(tmp);
		}
	}
}
