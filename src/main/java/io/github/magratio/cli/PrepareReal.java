package io.github.magratio.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.magratio.core.Labels;
import io.github.magratio.ij.FloatStackWriter;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a copy of the public repository behind one of the README's real image sets ("Real images") into the folder of
 * {@code NAME_image.tif} + {@code NAME_mask.tif} pairs that {@code segment-eval --truth-folder} and
 * {@code scripts/eval-real} read. Run by {@code scripts/prepare-real SET SOURCE OUT_DIR}, which first exports the files
 * from a git directory when the source is one; this class reads an ordinary folder (a checkout). Not a subcommand of
 * {@code magratio}: a developer's tool for data the project may not ship.
 * <ul>
 * <li>{@code dsb2018-stardist} (stardist/stardist): the two DSB 2018 fields, copied byte for byte and renamed;</li>
 * <li>{@code bbbc039-u2os-nuclei} (DeepTrackAI/cell_counting_dataset): every 20th of the 200 fields in sorted order
 * (the first, the 21st, ...), the TIFF image copied, the PNG mask turned into labels by {@link #regionLabels};</li>
 * <li>{@code dsb2018-stage1test-fluo} (yuanqing811/DSB2018_stage1_test): the nine IDs of {@link #STAGE1_IDS}, the grey
 * PNG (R = G = B) written as an 8-bit TIFF, the mask decoded from {@code stage1_solution.csv} by {@link #decodeRle};</li>
 * <li>{@code kromp2020-tissue-sections} (madziejm/cell-nuclei-segmentation, a copy of BioStudies S-BSST265, Kromp et
 * al. 2020): the images whose preparation is a tissue section in {@code image_description.csv} ({@link
 * #tissueSections}), the grey TIFF (8-bit, or RGB with R = G = B) written as an 8-bit TIFF, the 16-bit label mask
 * written with its ids.</li>
 * </ul>
 * Masks are written as 16-bit label TIFFs (0 = background). Every departure from what the README says of a set (a
 * file missing, a colour image, overlapping runs, a mask size that is not the image's) is refused with the file named,
 * so that a folder that was prepared is the set the README's figures are for.
 */
public final class PrepareReal {

	/** The set names, as {@code scripts/eval-real} knows them. */
	static final String STARDIST = "dsb2018-stardist", BBBC039 = "bbbc039-u2os-nuclei",
		STAGE1 = "dsb2018-stage1test-fluo", KROMP = "kromp2020-tissue-sections";

	/**
	 * The DSB 2018 stage-1 test images scored: grey fluorescence ones of every size and kind present, none of the
	 * 696x520 BBBC039 screen (which the BBBC039 set covers). Width x height (nuclei in the solution): 0114f484 256x256
	 * (7, dim), 0999dab0 253x519 (59), 0ed3555a 256x256 (21), 1747f621 640x512 (22), 432f367a 348x520 (329), 43a71aeb
	 * 347x260 (134), 4f949bd8 239x390 (98), 78a981bd 348x520 (311), 7bdb668e 640x512 (21). {@code 4f949bd8} is
	 * prepared but left out of the score by {@code eval-real} (its mask misses many faint nuclei): 8 pairs, 904 nuclei.
	 * The list was recovered, after the first preparation was lost, as the only choice that gives every pooled count the
	 * README quotes (904 true; seeded 938 found and 609 matched, threshold 584 and 386).
	 */
	static final List<String> STAGE1_IDS = List.of(
		"0114f484a16c152baa2d82fdd43740880a762c93f436c8988ac461c5c9dbe7d5",
		"0999dab07b11bc85fb8464fc36c947fbd8b5d6ec49817361cb780659ca805eac",
		"0ed3555a4bd48046d3b63d8baf03a5aa97e523aa483aaa07459e7afa39fb96c6",
		"1747f62148a919c8feb6d607faeebdf504b5e2ad42b6b1710b1189c37ebcdb2c",
		"432f367a4c5b5674de2e2977744d10289a064e5704b21af6607b4975be47c580",
		"43a71aeb641faa18742cb826772a8566c6c947d7050f9ab15459de6cc2b3b6af",
		"4f949bd8d914bbfa06f40d6a0e2b5b75c38bf53dbcbafc48c97f105bee4f8fac",
		"78a981bd27ba0c65a9169548665a17bda9f49050d0d3893a6567d1eb92cd003d",
		"7bdb668e6127b7eafc837a883f0648002bd063c736f55a4f673e787250a3fb04");

	/** BBBC039: one field in every {@value} of the sorted list. */
	static final int BBBC039_STEP = 20;

	/**
	 * Kromp et al. 2020: the images of tissue sections, of the 79 of the set: 10 of ganglioneuroblastoma (20x, 40x and
	 * 63x), one of a neuroblastoma and one of a Wilms tumour (63x).
	 */
	static final int KROMP_TISSUE_SECTIONS = 12;

	/** Where the BioStudies folder (rawimages/, groundtruth/, image_description.csv) is in the GitHub copy. */
	static final String KROMP_DATASET = "cell_nuclei_segmentation/dataset";

	private PrepareReal() {}

	/**
	 * {@code PrepareReal SET SOURCE_FOLDER OUT_DIR}: prints one line per pair written; exit 2 on bad arguments, 1 when
	 * the source is not what the set needs.
	 */
	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		if (args.length != 3) {
			System.err.println("usage: PrepareReal " + STARDIST + "|" + BBBC039 + "|" + STAGE1 + "|" + KROMP +
				" SOURCE_FOLDER OUT_DIR");
			System.exit(Main.EXIT_USAGE);
		}
		int code;
		try {
			int n = prepare(args[0], Paths.get(args[1]), Paths.get(args[2]), System.out);
			System.out.println("prepare-real: " + n + " pairs in " + args[2]);
			code = 0;
		} catch (IllegalArgumentException e) {
			System.err.println("prepare-real: " + e.getMessage());
			code = Main.EXIT_USAGE;
		} catch (IOException | UncheckedIOException | IllegalStateException e) {
			System.err.println("prepare-real: " + e.getMessage());
			code = Main.EXIT_FAILURE;
		}
		System.exit(code);
	}

	/**
	 * Writes the pairs of {@code set} from the checkout {@code src} into {@code out} (created when missing; pairs of
	 * the same name are replaced, other files left alone).
	 *
	 * @param log one line per pair written
	 * @return the number of pairs written
	 */
	static int prepare(String set, Path src, Path out, PrintStream log) throws IOException {
		if (!Files.isDirectory(src)) throw new IllegalArgumentException(src + " is not a folder");
		Files.createDirectories(out);
		switch (set) {
		case STARDIST:
			copy(src.resolve("stardist/data/images/img2d.tif"), out.resolve("dsb2018_nuclei_512_image.tif"));
			copy(src.resolve("stardist/data/images/mask2d.tif"), out.resolve("dsb2018_nuclei_512_mask.tif"));
			copy(src.resolve("tests/data/img2d.tif"), out.resolve("dsb2018_nuclei_256_image.tif"));
			copy(src.resolve("tests/data/mask2d.tif"), out.resolve("dsb2018_nuclei_256_mask.tif"));
			say(log, "dsb2018_nuclei_512", "stardist/data/images/{img2d,mask2d}.tif");
			say(log, "dsb2018_nuclei_256", "tests/data/{img2d,mask2d}.tif");
			return 2;
		case BBBC039:
			return bbbc039(src, out, log);
		case STAGE1:
			return stage1(src, out, log);
		case KROMP:
			return kromp(src, out, log);
		default:
			throw new IllegalArgumentException("unknown set '" + set + "' (one of " + STARDIST + ", " + BBBC039 + ", " +
				STAGE1 + ", " + KROMP + ")");
		}
	}

	private static int bbbc039(Path src, Path out, PrintStream log) throws IOException {
		Path images = src.resolve("cell nuclei/images"), masks = src.resolve("cell nuclei/masks");
		if (!Files.isDirectory(images)) throw new IllegalStateException(images + " is not a folder (a " +
			"DeepTrackAI/cell_counting_dataset checkout?)");
		List<String> names;
		try (Stream<Path> s = Files.list(images)) {
			names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tif")).sorted()
				.collect(Collectors.toList());
		}
		if (names.size() != 200) throw new IllegalStateException(images + ": " + names.size() + " .tif images, the " +
			"set has 200 (every 20th is taken, so another count would pick other fields)");
		int n = 0;
		for (int i = 0; i < names.size(); i += BBBC039_STEP) {
			String file = names.get(i), stem = file.substring(0, file.length() - ".tif".length());
			String name = bbbc039Name(stem);
			Path mask = masks.resolve(stem + ".png");
			ImageProcessor m = open(mask);
			ImagePlus image = IJ.openImage(images.resolve(file).toString());
			if (image == null) throw new IllegalStateException(images.resolve(file) + " cannot be read");
			checkSize(mask, m, image.getWidth(), image.getHeight());
			int[] labels = regionLabels(channel0(m, mask), m.getWidth(), m.getHeight());
			copy(images.resolve(file), out.resolve(name + TruthPairs.IMAGE_SUFFIX + ".tif"));
			writeLabels(labels, m.getWidth(), m.getHeight(), out.resolve(name + TruthPairs.MASK_SUFFIX + ".tif"));
			say(log, name, file + " (" + max(labels) + " nuclei)");
			n++;
		}
		return n;
	}

	/** {@code IXMtest_A02_s1_w1051DAA7C-...} gives {@code bbbc039_A02_s1} (well and site). */
	static String bbbc039Name(String stem) {
		String[] p = stem.split("_");
		if (p.length < 3 || !p[1].matches("[A-P]\\d\\d") || !p[2].matches("s\\d+"))
			throw new IllegalStateException("BBBC039 image name without well and site: " + stem);
		return "bbbc039_" + p[1] + "_" + p[2];
	}

	private static int stage1(Path src, Path out, PrintStream log) throws IOException {
		Path csv = src.resolve("stage1_solution.csv");
		if (!Files.isRegularFile(csv)) throw new IllegalStateException(csv + " is missing (a " +
			"yuanqing811/DSB2018_stage1_test checkout?)");
		Map<String, List<String[]>> rows = solutionRows(Files.readAllLines(csv, StandardCharsets.UTF_8), csv);
		for (String id : STAGE1_IDS) {
			Path png = src.resolve("stage1_test/" + id + "/images/" + id + ".png");
			ImageProcessor ip = open(png);
			int w = ip.getWidth(), h = ip.getHeight();
			List<String[]> objects = rows.get(id);
			if (objects == null) throw new IllegalStateException(csv + " has no row for " + id);
			int[] labels = new int[w * h];
			int label = 0;
			for (String[] r : objects) {
				int rh = Integer.parseInt(r[2].trim()), rw = Integer.parseInt(r[3].trim());
				if (rw != w || rh != h) throw new IllegalStateException(csv + ": " + id + " is " + rw + "x" + rh +
					" (width x height) there, the image " + w + "x" + h);
				decodeRle(r[1], w, h, ++label, labels);
			}
			String name = "dsb2018s1t_" + id.substring(0, 8);
			writeGrey8(grey(ip, png), w, h, out.resolve(name + TruthPairs.IMAGE_SUFFIX + ".tif"));
			writeLabels(labels, w, h, out.resolve(name + TruthPairs.MASK_SUFFIX + ".tif"));
			say(log, name, w + "x" + h + ", " + label + " nuclei");
		}
		return STAGE1_IDS.size();
	}

	/**
	 * Kromp et al.: {@code src} is the GitHub copy (the set in {@value #KROMP_DATASET}) or the BioStudies folder itself.
	 */
	private static int kromp(Path src, Path out, PrintStream log) throws IOException {
		Path dataset = Files.isDirectory(src.resolve(KROMP_DATASET)) ? src.resolve(KROMP_DATASET) : src;
		Path csv = dataset.resolve("image_description.csv");
		if (!Files.isRegularFile(csv)) throw new IllegalStateException(csv + " is missing (a " +
			"madziejm/cell-nuclei-segmentation checkout, or the dataset folder of BioStudies S-BSST265?)");
		List<String> names = tissueSections(Files.readAllLines(csv, StandardCharsets.ISO_8859_1), csv);
		if (names.size() != KROMP_TISSUE_SECTIONS) throw new IllegalStateException(csv + ": " + names.size() +
			" tissue sections, the set has " + KROMP_TISSUE_SECTIONS);
		for (String stem : names) {
			Path raw = dataset.resolve("rawimages/" + stem + ".tif"), truth = dataset.resolve("groundtruth/" + stem +
				".tif");
			ImageProcessor ip = open(raw), m = open(truth);
			int w = ip.getWidth(), h = ip.getHeight();
			checkSize(truth, m, w, h);
			// 16-bit ids, one per nucleus; a colour or float mask would be a drawing, not these labels
			if (!(m instanceof ShortProcessor || m instanceof ByteProcessor) || m.isColorLut())
				throw new IllegalStateException(truth + ": not a grey label image");
			int[] labels = channel0(m, truth);
			String name = "kromp_" + stem;
			writeGrey8(grey(ip, raw), w, h, out.resolve(name + TruthPairs.IMAGE_SUFFIX + ".tif"));
			writeLabels(labels, w, h, out.resolve(name + TruthPairs.MASK_SUFFIX + ".tif"));
			say(log, name, w + "x" + h + ", " + Arrays.stream(labels).filter(v -> v != 0).distinct().count() +
				" nuclei");
		}
		return names.size();
	}

	/**
	 * The image names of Kromp et al.'s {@code image_description.csv} (';' between fields, a header naming the columns
	 * {@code Image_Name} and {@code Preparation}) whose preparation is {@code tissue section}, in file order.
	 */
	static List<String> tissueSections(List<String> lines, Path csv) {
		List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).trim().split(";", -1));
		int name = header.indexOf("Image_Name"), preparation = header.indexOf("Preparation");
		if (name < 0 || preparation < 0) throw new IllegalStateException(csv + ": not Kromp et al.'s image " +
			"description (no Image_Name and Preparation columns in " + (lines.isEmpty() ? "a missing header" : "'" +
				lines.get(0) + "'") + ")");
		List<String> names = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			if (lines.get(i).isBlank()) continue;
			String[] f = lines.get(i).split(";", -1);
			if (f.length != header.size()) throw new IllegalStateException(csv + " line " + (i + 1) + ": " + f.length +
				" fields, the header " + header.size());
			if (f[preparation].trim().equals("tissue section")) names.add(f[name].trim());
		}
		return names;
	}

	/**
	 * The rows of Kaggle's {@code stage1_solution.csv} by image, in file order (the header
	 * {@code ImageId,EncodedPixels,Height,Width,Usage} checked; no field is quoted in that file).
	 */
	static Map<String, List<String[]>> solutionRows(List<String> lines, Path csv) {
		if (lines.isEmpty() || !lines.get(0).trim().startsWith("ImageId,EncodedPixels,Height,Width"))
			throw new IllegalStateException(csv + ": not the stage-1 solution (header " + (lines.isEmpty() ? "missing"
				: "'" + lines.get(0) + "'") + ")");
		Map<String, List<String[]>> rows = new LinkedHashMap<>();
		for (int i = 1; i < lines.size(); i++) {
			if (lines.get(i).isBlank()) continue;
			String[] f = lines.get(i).split(",", -1);
			if (f.length < 4) throw new IllegalStateException(csv + " line " + (i + 1) + ": " + f.length + " fields");
			rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
		}
		return rows;
	}

	/**
	 * Paints one object of Kaggle's run-length encoding into {@code labels}: pairs "start length", starts 1-based and
	 * counted down the columns (pixel {@code start - 1} is at {@code x = (start - 1) / height},
	 * {@code y = (start - 1) % height}), {@code labels} row-major ({@code y * width + x}).
	 *
	 * @throws IllegalStateException for an odd count, a start below 1, a run past the last pixel, or a pixel some
	 *         object already has (objects of the solution do not overlap)
	 */
	static void decodeRle(String rle, int width, int height, int label, int[] labels) {
		String[] t = rle.trim().split("\\s+");
		if (t.length % 2 != 0) throw new IllegalStateException("run-length code of object " + label + ": " + t.length +
			" numbers, not pairs");
		long size = (long) width * height;
		for (int i = 0; i + 1 < t.length; i += 2) {
			long start = Long.parseLong(t[i]), length = Long.parseLong(t[i + 1]);
			if (start < 1 || length < 0 || start - 1 + length > size) throw new IllegalStateException(
				"run-length code of object " + label + ": run " + start + " " + length + " outside the " + width + "x" +
					height + " image");
			for (long p = start - 1; p < start - 1 + length; p++) {
				int x = (int) (p / height), y = (int) (p % height), at = y * width + x;
				if (labels[at] != 0) throw new IllegalStateException("run-length code of object " + label + ": pixel (" +
					x + ", " + y + ") is already object " + labels[at]);
				labels[at] = label;
			}
		}
	}

	/**
	 * Labels of a mask whose touching objects have different values: one object per 8-connected region of pixels of one
	 * non-zero value; 0 stays background. Ids 1, 2, ... in the order of each region's first pixel in raster order.
	 *
	 * @param values row-major, {@code width * height}
	 */
	static int[] regionLabels(int[] values, int width, int height) {
		if (values.length != width * height) throw new IllegalArgumentException(values.length + " values for " + width +
			"x" + height);
		int[] labels = new int[values.length], stack = new int[values.length];
		int next = 0;
		for (int seed = 0; seed < values.length; seed++) {
			int v = values[seed];
			if (v == 0 || labels[seed] != 0) continue;
			labels[seed] = ++next;
			int top = 0;
			stack[top++] = seed;
			while (top > 0) {
				int p = stack[--top], x = p % width, y = p / width;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int nx = x + dx, ny = y + dy;
						if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
						int q = ny * width + nx;
						if (labels[q] == 0 && values[q] == v) {
							labels[q] = next;
							stack[top++] = q;
						}
					}
			}
		}
		return labels;
	}

	/** Channel 0 (red of a colour PNG, the value of a grey one), row-major. */
	private static int[] channel0(ImageProcessor ip, Path file) {
		int n = ip.getWidth() * ip.getHeight();
		int[] v = new int[n];
		if (ip instanceof ColorProcessor) {
			int[] rgb = (int[]) ip.getPixels();
			for (int i = 0; i < n; i++)
				v[i] = (rgb[i] >> 16) & 0xff;
		} else if (ip instanceof ByteProcessor || ip instanceof ShortProcessor) {
			for (int i = 0; i < n; i++)
				v[i] = ip.get(i);
		} else throw new IllegalStateException(file + ": a float mask, not labels");
		return v;
	}

	/** The grey values of an 8-bit PNG, or of a colour one whose three channels are equal everywhere. */
	private static byte[] grey(ImageProcessor ip, Path file) {
		int n = ip.getWidth() * ip.getHeight();
		if (ip instanceof ByteProcessor && !ip.isColorLut()) return ((byte[]) ip.getPixels()).clone();
		if (!(ip instanceof ColorProcessor)) throw new IllegalStateException(file + ": not an 8-bit grey image");
		int[] rgb = (int[]) ip.getPixels();
		byte[] g = new byte[n];
		for (int i = 0; i < n; i++) {
			int r = (rgb[i] >> 16) & 0xff, gr = (rgb[i] >> 8) & 0xff, b = rgb[i] & 0xff;
			if (r != gr || gr != b) throw new IllegalStateException(file + ": a colour image (pixel " + (i %
				ip.getWidth()) + ", " + (i / ip.getWidth()) + " is " + r + "/" + gr + "/" + b + "), not a grey one");
			g[i] = (byte) r;
		}
		return g;
	}

	private static ImageProcessor open(Path file) {
		if (!Files.isRegularFile(file)) throw new IllegalStateException(file + " is missing");
		ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null) throw new IllegalStateException(file + " cannot be read");
		if (imp.getStackSize() != 1) throw new IllegalStateException(file + ": " + imp.getStackSize() + " planes, not 1");
		return imp.getProcessor();
	}

	private static void checkSize(Path mask, ImageProcessor m, int w, int h) {
		if (m.getWidth() != w || m.getHeight() != h) throw new IllegalStateException(mask + " is " + m.getWidth() + "x" +
			m.getHeight() + ", its image " + w + "x" + h);
	}

	/** The labels as a 16-bit label image, ids kept (the solution's object order), written atomically. */
	private static void writeLabels(int[] labels, int w, int h, Path file) throws IOException {
		FloatStackWriter.writeImage(file, LabelImages.toImagePlus(Labels.withIds(labels, w, h, max(labels)), file
			.getFileName().toString()));
	}

	private static void writeGrey8(byte[] grey, int w, int h, Path file) throws IOException {
		FloatStackWriter.writeImage(file, new ImagePlus(file.getFileName().toString(), new ByteProcessor(w, h, grey)));
	}

	private static void copy(Path from, Path to) throws IOException {
		if (!Files.isRegularFile(from)) throw new IllegalStateException(from + " is missing");
		AtomicFiles.writePath(to, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
	}

	private static int max(int[] a) {
		int m = 0;
		for (int v : a)
			m = Math.max(m, v);
		return m;
	}

	private static void say(PrintStream log, String name, String what) {
		log.println(String.format(Locale.ROOT, "%s: %s", name, what));
	}
}
