package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import io.github.magratio.cli.CliRun;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Stats;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.synth.AccuracyReport;
import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One folder of synthetic recordings for the batch tests (local, killed and resumed, SLURM, Fiji command), made once
 * per test JVM in a temporary folder of its own (two test runs at once never share it) and removed when the JVM ends:
 * five good recordings with known truth, laid out to exercise the batch's rules, and two corrupt files.
 *
 * <pre>
 * IN/B.tif               2-channel hyperstack                  -&gt; OUT/B/
 * IN/d1/A.tif            same file name in two folders         -&gt; OUT/d1/A/
 * IN/d2/A.tif                                                  -&gt; OUT/d2/A/
 * IN/d1/C.tif                                                  -&gt; OUT/d1/C/
 * IN/pair/P-340.tif      separate 340 / 380 stacks             -&gt; OUT/pair/P/
 * IN/pair/P-380.tif
 * IN/bad/truncated.tif   a good TIFF cut at 60 %               -&gt; failed
 * IN/bad/garbage.tif     not an image                          -&gt; failed
 * </pre>
 */
public final class BatchFixture {

	/** Result folder (relative to OUT) -> the truth's name in {@link #truth}. */
	public static final Map<String, String> GOOD = new LinkedHashMap<>();

	static {
		GOOD.put("B", "s1");
		GOOD.put("d1/A", "s7");
		GOOD.put("d2/A", "s42");
		GOOD.put("d1/C", "s100");
		GOOD.put("pair/P", "s101");
	}

	/** The corrupt inputs, relative to {@link #in}. */
	public static final List<String> BAD = Arrays.asList("bad/garbage.tif", "bad/truncated.tif");

	public static final int FRAMES = 20;

	public final Path root, in, truth, settings;
	private Path reference;
	private CliRun referenceRun;

	private static BatchFixture instance;

	private BatchFixture(Path root) throws IOException {
		this.root = root;
		in = root.resolve("in");
		truth = root.resolve("truth");
		settings = root.resolve("settings.json");
		for (Map.Entry<String, String> e : GOOD.entrySet()) {
			long seed = Long.parseLong(e.getValue().substring(1));
			SyntheticRecording rec = SyntheticRecording.generate(SynthSettings.builder().seed(seed).frames(FRAMES)
				.build());
			rec.write(truth, e.getValue());
			Path target = in.resolve(e.getKey() + ".tif");
			Files.createDirectories(target.getParent());
			if (e.getKey().equals("pair/P")) {
				saveChannel(rec.imagePlus(), 1, in.resolve("pair/P-340.tif"));
				saveChannel(rec.imagePlus(), 2, in.resolve("pair/P-380.tif"));
			}
			else Files.copy(truth.resolve(e.getValue() + ".tif"), target);
		}
		Files.createDirectories(in.resolve("bad"));
		byte[] good = Files.readAllBytes(truth.resolve("s1.tif"));
		Files.write(in.resolve("bad/truncated.tif"), Arrays.copyOf(good, good.length * 6 / 10));
		Files.write(in.resolve("bad/garbage.tif"), "these are lab notes, saved with the wrong extension\n".getBytes(
			StandardCharsets.UTF_8));
		// every seed has the generator's true calibration; the batch uses it as the lab's calibration file
		Files.write(settings, ("{\"calibration\": \"" + truth.resolve("s1-calibration.json") + "\"}").getBytes(
			StandardCharsets.UTF_8));
	}

	/** @return the fixture, made on first use */
	public static synchronized BatchFixture get() throws IOException {
		if (instance == null) {
			System.setProperty("java.awt.headless", "true");
			Path root = Files.createTempDirectory("magratio-batch-fixture-").toAbsolutePath();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					AtomicFiles.deleteTree(root);
				} catch (IOException e) {
					// a temporary folder: the system cleans it up eventually
				}
			}, "batch-fixture-cleanup"));
			instance = new BatchFixture(root);
		}
		return instance;
	}

	private static void saveChannel(ImagePlus imp, int c, Path file) {
		ImageStack s = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int t = 1; t <= imp.getNFrames(); t++)
			s.addSlice(imp.getStack().getProcessor(imp.getStackIndex(c, 1, t)));
		ImagePlus out = new ImagePlus("channel" + c, s);
		out.setCalibration(imp.getCalibration());
		if (!new FileSaver(out).saveAsTiffStack(file.toString())) throw new IllegalStateException("cannot write " + file);
	}

	/** The uninterrupted local batch of every test: {@code magratio batch} on 2 threads, once per JVM. */
	public synchronized Path reference() {
		if (reference == null) {
			reference = root.resolve("reference");
			referenceRun = CliRun.run("batch", "--in", in.toString(), "--out", reference.toString(), "--config", settings
				.toString(), "--threads", "2", "--quiet");
		}
		return reference;
	}

	/** @return the reference batch's exit code and output */
	public synchronized CliRun referenceRun() {
		reference();
		return referenceRun;
	}

	/**
	 * @param out the output folder
	 * @param options further {@code slurm} options (memory, time limit, ...)
	 * @return {@code slurm --dry-run} of the inputs {@code d1/*.tif} with the fixture's settings into {@code out}
	 */
	public CliRun slurmDryRunOfD1(Path out, String... options) {
		List<String> args = new ArrayList<>(Arrays.asList("slurm", "--in", in.toString(), "--glob", "d1/*.tif", "--out",
			out.toString(), "--config", settings.toString()));
		args.addAll(Arrays.asList(options));
		args.add("--dry-run");
		return CliRun.run(args.toArray(new String[0]));
	}

	/** @return every input file's bytes by relative path, to prove inputs are never modified */
	public Map<String, byte[]> inputBytes() throws IOException {
		Map<String, byte[]> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(in)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
				m.put(in.relativize(p).toString(), Files.readAllBytes(p));
		}
		return m;
	}

	/**
	 * The relative [Mg2+] errors of one result folder against its truth, over every frame of every matched cell,
	 * from the files the batch wrote (labels.tif, cells.csv); asserts the segmentation is exact.
	 */
	public double[] relativeErrors(Path out, String folder) throws IOException {
		GroundTruth t = GroundTruth.read(truth, GOOD.get(folder));
		Path dir = out.resolve(folder);
		Labels labels = LabelImages.read(dir.resolve(Pipeline.LABELS), t.width(), t.height());
		AccuracyReport match = AccuracyReport.compare(t, labels, new CellTable(labels.count(), t.frames()));
		assertTrue(match.segmentationExact(), folder + ": " + match);
		Csv.Table cells = Csv.read(dir.resolve(Pipeline.CELLS));
		int cc = cells.requireColumn("cell"), fc = cells.requireColumn("frame"), mc = cells.requireColumn("mg_mM");
		assertEquals(labels.count() * t.frames(), cells.rows().size(), folder + ": one row per cell and frame");
		double[] e = new double[cells.rows().size()];
		for (int r = 0; r < e.length; r++) {
			int cell = (int) cells.number(r, cc), frame = (int) cells.number(r, fc);
			double want = t.mgMillimolar(match.trueCellOf(cell), frame), got = cells.number(r, mc);
			e[r] = Double.isNaN(got) ? Double.POSITIVE_INFINITY : Math.abs(got - want) / want;
		}
		return e;
	}

	public static double median(double[] e) {
		return Stats.quantile(e, 0.5);
	}

	public static double p90(double[] e) {
		return Stats.quantile(e, 0.9);
	}

	/**
	 * Asserts two output roots hold the same results: the same files, byte for byte, except what records time
	 * (run.json's {@code created} and {@code timings}, batch.csv's {@code seconds}). Hidden files (locks, SLURM
	 * bookkeeping) are not results.
	 */
	public static void assertSameResults(Path expected, Path actual) throws IOException {
		assertSameResults(expected, actual, false);
	}

	/** As {@link #assertSameResults(Path, Path)}; with {@code resumed}, a result kept (skipped) counts as ok. */
	public static void assertSameResults(Path expected, Path actual, boolean resumed) throws IOException {
		assertSameResults(expected, actual, resumed, false);
	}

	/**
	 * As {@link #assertSameResults(Path, Path, boolean)}; with {@code tiffPixels}, TIFFs are compared by their planes
	 * and calibration instead of their bytes (ImageJ's TIFF encoder follows the user's "Intel byte order"
	 * preference, which a GUI ImageJ and the headless CLI set differently).
	 */
	public static void assertSameResults(Path expected, Path actual, boolean resumed, boolean tiffPixels)
		throws IOException
	{
		Map<String, Path> a = files(expected), b = files(actual);
		assertEquals(a.keySet(), b.keySet(), "the same files in " + expected + " and " + actual);
		for (String rel : a.keySet()) {
			Path x = a.get(rel), y = b.get(rel);
			if (rel.endsWith(Pipeline.RUN)) assertEquals(timeless(x), timeless(y), rel);
			else if (rel.equals(BatchTable.BATCH)) assertEquals(withoutSeconds(x, false), withoutSeconds(y, resumed), rel);
			else if (tiffPixels && rel.endsWith(".tif")) assertSamePixels(x, y, rel);
			else assertArrayEquals(Files.readAllBytes(x), Files.readAllBytes(y), rel + " differs");
		}
	}

	private static void assertSamePixels(Path x, Path y, String rel) {
		ImagePlus a = ij.IJ.openImage(x.toString()), b = ij.IJ.openImage(y.toString());
		assertEquals(Arrays.asList(a.getWidth(), a.getHeight(), a.getStackSize(), a.getBitDepth()), Arrays.asList(b
			.getWidth(), b.getHeight(), b.getStackSize(), b.getBitDepth()), rel);
		assertEquals(a.getCalibration().frameInterval, b.getCalibration().frameInterval, 0, rel);
		for (int i = 1; i <= a.getStackSize(); i++) {
			Object pa = a.getStack().getPixels(i), pb = b.getStack().getPixels(i);
			if (pa instanceof float[]) assertArrayEquals((float[]) pa, (float[]) pb, rel + " plane " + i);
			else assertArrayEquals((short[]) pa, (short[]) pb, rel + " plane " + i);
		}
	}

	static Map<String, Path> files(Path root) throws IOException {
		Map<String, Path> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String rel = root.relativize(p).toString().replace('\\', '/');
				if (rel.isEmpty() || Arrays.stream(rel.split("/")).anyMatch(n -> n.startsWith("."))) continue;
				if (Files.isRegularFile(p)) m.put(rel, p);
			}
		}
		return m;
	}

	static JsonObject timeless(Path runJson) throws IOException {
		JsonObject o = JsonParser.parseString(new String(Files.readAllBytes(runJson), StandardCharsets.UTF_8))
			.getAsJsonObject();
		o.remove("created");
		o.remove("timings");
		// how this process was started (magratio batch, slurm-task, a Fiji macro), not what it computed
		o.remove("command_line");
		return o;
	}

	static List<String> withoutSeconds(Path batchCsv, boolean skippedAsOk) throws IOException {
		List<String> out = new ArrayList<>();
		for (BatchTable.Row r : BatchTable.read(batchCsv))
			out.add(r.input + "," + r.input380 + "," + (skippedAsOk && r.status == BatchTable.Status.SKIPPED ? "ok" : r
				.status.key) + "," + r.error + "," + r.output + "," + r.cells + "," +
				r.frames);
		return out;
	}

	/** Copies a folder tree (attributes kept) to {@code target}; returns {@code target}. */
	public static Path copy(Path from, Path target) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : (Iterable<Path>) s::iterator)
				Files.copy(p, target.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
		}
		return target;
	}

	/** @return the value of a run.json field, for messages */
	public static JsonElement runJsonField(Path folder, String key) throws IOException {
		return JsonParser.parseString(new String(Files.readAllBytes(folder.resolve(Pipeline.RUN)),
			StandardCharsets.UTF_8)).getAsJsonObject().get(key);
	}
}
