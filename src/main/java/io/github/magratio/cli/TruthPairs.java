package io.github.magratio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The images and reference masks of a folder of annotated images, paired by name ({@code segment-eval
 * --truth-folder}). Two layouts, both read when both are there:
 * <ul>
 * <li>side by side: {@code NAME_image.tif} and {@code NAME_mask.tif} in the folder itself (the layout of the DSB 2018 and
 * BBBC039 pairs the README scores);</li>
 * <li>two sub-folders: {@code images/NAME.tif} and {@code masks/NAME.tif} (the layout of most published sets).</li>
 * </ul>
 * {@code .tif} or {@code .tiff}, in any case. Hidden files and every other file (notes, licences, scripts) are ignored.
 * An image without its mask, a mask without its image, and a name given by both layouts are pairs with a problem,
 * reported by name; the other pairs are still scored. Immutable.
 */
final class TruthPairs {

	/** Suffix of an image in the side-by-side layout (before .tif). */
	static final String IMAGE_SUFFIX = "_image";
	/** Suffix of a mask in the side-by-side layout (before .tif). */
	static final String MASK_SUFFIX = "_mask";
	/** Sub-folders of the two-folder layout. */
	static final String IMAGES = "images", MASKS = "masks";
	/** The rule, for messages and help. */
	static final String RULE = "NAME" + IMAGE_SUFFIX + ".tif + NAME" + MASK_SUFFIX + ".tif side by side, or " + IMAGES +
		"/NAME.tif + " + MASKS + "/NAME.tif";

	/** One image and its mask; {@code problem} is null when both are there. */
	static final class Pair {
		final String name;
		final Path image, mask;
		final String problem;

		Pair(String name, Path image, Path mask, String problem) {
			this.name = name;
			this.image = image;
			this.mask = mask;
			this.problem = problem;
		}
	}

	final List<Pair> pairs;

	private TruthPairs(List<Pair> pairs) {
		this.pairs = Collections.unmodifiableList(pairs);
	}

	/**
	 * @throws IllegalArgumentException when {@code dir} is not a folder or holds neither an image nor a mask by the rule
	 */
	static TruthPairs of(Path dir, String option) throws IOException {
		if (!Files.isDirectory(dir)) throw new IllegalArgumentException(option + " " + dir + (Files.exists(dir)
			? " is not a folder" : " does not exist"));
		Map<String, Path[]> found = new TreeMap<>();
		Map<String, String> problems = new TreeMap<>();
		for (Path f : tiffs(dir)) {
			String stem = stem(f);
			if (stem.endsWith(IMAGE_SUFFIX)) add(found, problems, stem.substring(0, stem.length() - IMAGE_SUFFIX.length()),
				0, f);
			else if (stem.endsWith(MASK_SUFFIX)) add(found, problems, stem.substring(0, stem.length() - MASK_SUFFIX
				.length()), 1, f);
		}
		Path images = dir.resolve(IMAGES), masks = dir.resolve(MASKS);
		if (Files.isDirectory(images)) for (Path f : tiffs(images))
			add(found, problems, stem(f), 0, f);
		if (Files.isDirectory(masks)) for (Path f : tiffs(masks))
			add(found, problems, stem(f), 1, f);
		if (found.isEmpty()) throw new IllegalArgumentException(option + " " + dir + " holds no annotated image: " +
			"expected " + RULE);
		List<Pair> list = new ArrayList<>();
		for (Map.Entry<String, Path[]> e : found.entrySet()) {
			Path image = e.getValue()[0], mask = e.getValue()[1];
			String problem = problems.get(e.getKey());
			if (problem == null && mask == null) problem = image + ": no mask for it (expected " + expected(dir, image,
				MASK_SUFFIX, MASKS) + ")";
			if (problem == null && image == null) problem = mask + ": no image for this mask (expected " + expected(dir,
				mask, IMAGE_SUFFIX, IMAGES) + ")";
			list.add(new Pair(e.getKey(), image, mask, problem));
		}
		return new TruthPairs(list);
	}

	private static void add(Map<String, Path[]> found, Map<String, String> problems, String name, int slot, Path f) {
		Path[] p = found.computeIfAbsent(name, k -> new Path[2]);
		if (p[slot] != null && !problems.containsKey(name)) problems.put(name, "the " + (slot == 0 ? "image" : "mask") +
			" of " + name + " is given twice: " + p[slot] + " and " + f + " (keep one)");
		else p[slot] = f;
	}

	/** @return where the other file of a pair is looked for */
	private static String expected(Path dir, Path known, String suffix, String folder) {
		String stem = stem(known);
		boolean sideBySide = known.getParent() != null && known.getParent().equals(dir);
		if (!sideBySide) return dir.resolve(folder).resolve(stem + ".tif").toString();
		String base = stem.substring(0, stem.lastIndexOf('_'));
		return dir.resolve(base + suffix + ".tif").toString();
	}

	private static List<Path> tiffs(Path dir) throws IOException {
		List<Path> out = new ArrayList<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.sorted().forEach(f -> {
				String n = f.getFileName().toString(), lower = n.toLowerCase(Locale.ROOT);
				if (!n.startsWith(".") && (lower.endsWith(".tif") || lower.endsWith(".tiff")) && !Files.isDirectory(f))
					out.add(f);
			});
		}
		return out;
	}

	private static String stem(Path f) {
		String n = f.getFileName().toString();
		return n.substring(0, n.lastIndexOf('.'));
	}
}
