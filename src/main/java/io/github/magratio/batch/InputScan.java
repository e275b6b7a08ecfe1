package io.github.magratio.batch;

import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.UserMistake;
import io.github.magratio.util.UserOption;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;

/**
 * The inputs of a batch: every file under the input folder whose path relative to it matches the glob, as jobs in path
 * order. Rules, each reported by name:
 * <ul>
 * <li>Hidden files and folders (names starting with '.') are skipped, and so is the output folder when it lies inside
 * the input folder or a link there leads to it; a glob that would match files in an output folder inside the input
 * folder is refused, as is an output folder that is
 * the input folder or holds it.</li>
 * <li>{@code **}{@code /} at the start of the glob also matches nothing, so {@code **}{@code /*.tif} matches files at
 * the top level as well as below.</li>
 * <li>A file whose name holds the 340 nm marker of the settings ({@code A-340.tif}, the marker not followed by a digit)
 * is paired with the file that has the 380 nm marker in its place ({@code A-380.tif}); the result is named without the
 * marker ({@code A}). A marked file without its partner is a failed input.</li>
 * <li>Result folders mirror the input folder's tree: {@code IN/day1/A.tif} goes to {@code OUT/day1/A/}, so equal names
 * in different folders never collide. Two inputs of one folder with the same result name ({@code A.tif} and
 * {@code A.tiff}) both fail, and so does an input whose result folder would lie inside another's.</li>
 * <li>A broken link, something other than a regular file, or an unreadable file is a failed input.</li>
 * </ul>
 */
public final class InputScan {

	/** The default glob: TIFF files anywhere below the input folder. */
	public static final String DEFAULT_GLOB = "**/*.{tif,tiff,TIF,TIFF}";

	private InputScan() {}

	/**
	 * Finds the inputs.
	 *
	 * @param in the input folder
	 * @param glob paths relative to {@code in} to take, '/'-separated (see {@link java.nio.file.FileSystem#getPathMatcher})
	 * @param out the output root
	 * @return the jobs in path order, failed ones included
	 * @throws IllegalArgumentException when the folders are unusable or overlap, the glob is invalid or nothing matches
	 */
	public static List<BatchJob> scan(Path in, String glob, Path out, PipelineSettings settings) throws IOException {
		if (in == null) throw new UserMistake(UserOption.IN, ": no input folder given");
		if (!Files.exists(in)) throw new IllegalArgumentException("input folder " + in + " does not exist");
		if (!Files.isDirectory(in)) throw new UserMistake("input " + in + " is not a folder; give the folder " +
			"that holds the recordings (", UserOption.IN, ") and select files with ", UserOption.GLOB);
		if (glob == null || glob.trim().isEmpty()) throw new UserMistake(UserOption.GLOB, " is empty; e.g. '" +
			DEFAULT_GLOB + "'");
		Glob matcher = new Glob(glob.trim());
		Path realIn = in.toRealPath();
		Path realOut = AtomicFiles.real(out);
		if (realOut.equals(realIn)) throw new UserMistake("output folder " + out + " is the input folder: results " +
			"would land among the recordings; choose an ", UserOption.OUT, " outside " + in);
		if (realIn.startsWith(realOut)) throw new UserMistake("input folder " + in + " is inside the output folder " +
			out + "; choose an ", UserOption.OUT, " outside the input folder");
		boolean outInside = realOut.startsWith(realIn);
		if (outInside) {
			String rel = slashes(realIn.relativize(realOut));
			for (String sample : new String[] { rel + "/A/" + Pipeline.RATIO, rel + "/d/A/" + Pipeline.MG, rel + "/A/" +
				Pipeline.LABELS })
				if (matcher.matches(sample)) throw new UserMistake("output folder " + out + " is inside the input " +
					"folder and ", UserOption.GLOB, " '" + glob + "' would take its results (e.g. " + sample + ") as " +
					"inputs on the next run; choose an ", UserOption.OUT, " outside " + in + " or a ", UserOption.GLOB,
					" that does not reach into it");
		}

		List<String> matched = new ArrayList<>();
		List<BatchJob> failed = new ArrayList<>();
		int[] seen = { 0 };
		Files.walkFileTree(realIn, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
			new SimpleFileVisitor<Path>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
					if (dir.equals(realIn)) return FileVisitResult.CONTINUE;
					// resolved: a link in the input folder (IN/results -> OUT) must not reach the results either
					if (hidden(dir) || dir.toRealPath().startsWith(realOut)) return FileVisitResult.SKIP_SUBTREE;
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					if (hidden(file)) return FileVisitResult.CONTINUE;
					seen[0]++;
					String rel = slashes(realIn.relativize(file));
					if (matcher.matches(rel)) matched.add(rel);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException e) {
					String rel = slashes(realIn.relativize(file));
					if (e instanceof FileSystemLoopException) return FileVisitResult.CONTINUE;
					failed.add(BatchJob.failed(rel, "", "cannot read " + file + ": " + Folders.reason(e)));
					return FileVisitResult.CONTINUE;
				}
			});
		if (matched.isEmpty() && failed.isEmpty()) throw seen[0] == 0 ? new IllegalArgumentException("input folder " +
			in + " holds no files (hidden files are skipped)") : new UserMistake("no input: none of the " + seen[0] +
				" files in " + in + " matches ", UserOption.GLOB, " '" + glob + "' (paths relative to the folder, e.g. '" +
				DEFAULT_GLOB + "')");
		List<BatchJob> jobs = pair(realIn, matched, settings);
		jobs.addAll(failed);
		return disambiguate(jobs);
	}

	/** Groups the matched files into single inputs and 340/380 pairs. */
	private static List<BatchJob> pair(Path root, List<String> matched, PipelineSettings s) throws IOException {
		String m340 = s.pair340Marker(), m380 = s.pair380Marker();
		boolean pairs = !m340.isEmpty();
		Map<String, BatchJob> byId = new TreeMap<>();
		java.util.Set<String> used = new java.util.HashSet<>();
		// pass 1: 340 nm files take their partners; pass 2: 380 nm files left over, then everything else
		for (int pass = 1; pass <= 2; pass++)
			for (String rel : matched) {
				if (used.contains(rel)) continue;
				String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
				String name = rel.substring(dir.length());
				int at340 = pairs ? Pipeline.Input.markerAt(name, m340) : -1, at380 = pairs ? Pipeline.Input.markerAt(name,
					m380) : -1;
				if (pass == 1 && at340 < 0) continue;
				used.add(rel);
				Path file = root.resolve(rel);
				if (at340 >= 0 || at380 >= 0) {
					boolean is340 = at340 >= 0;
					int at = is340 ? at340 : at380;
					String mine = is340 ? m340 : m380, other = is340 ? m380 : m340;
					String partnerName = name.substring(0, at) + other + name.substring(at + mine.length());
					String partnerRel = dir + partnerName;
					used.add(partnerRel);
					String rel340 = is340 ? rel : partnerRel, rel380 = is340 ? partnerRel : rel;
					Path partner = root.resolve(partnerRel);
					if (!Files.exists(partner)) {
						byId.put(rel, BatchJob.failed(rel, "", "no " + (is340 ? "380" : "340") + " nm partner: " +
							"expected " + partner + " next to it (" + PipelineSettings.KEY_PAIR340 + " '" + m340 + "', " +
							PipelineSettings.KEY_PAIR380 + " '" + m380 + "'; set both to \"\" if every file holds both " +
							"channels)"));
						continue;
					}
					String problem = unusable(root.resolve(rel340));
					if (problem == null) problem = unusable(root.resolve(rel380));
					String stem = Pipeline.Input.folderName(name.substring(0, at) + name.substring(at + mine.length()));
					if (problem != null) byId.put(rel340, BatchJob.failed(rel340, rel380, problem));
					else byId.put(rel340, BatchJob.of(rel340, rel380, Pipeline.Input.separate(root.resolve(rel340),
						root.resolve(rel380)).named(stem), dir + stem, Files.size(root.resolve(rel340)) + Files.size(root
							.resolve(rel380))));
					continue;
				}
				String problem = unusable(file);
				if (problem != null) byId.put(rel, BatchJob.failed(rel, "", problem));
				else byId.put(rel, BatchJob.of(rel, "", Pipeline.Input.of(file).named(Pipeline.Input.folderName(name)), dir +
					Pipeline.Input.folderName(name), Files.size(file)));
			}
		return new ArrayList<>(byId.values());
	}

	/**
	 * Fails jobs whose result folders collide (both, by name) or nest (the inner one); the rule of every batch, also
	 * of {@code run} with several files.
	 *
	 * @return all jobs in id order
	 */
	public static List<BatchJob> disambiguate(List<BatchJob> jobs) {
		Map<String, List<BatchJob>> byFolder = new TreeMap<>();
		for (BatchJob j : jobs)
			if (j.error() == null) byFolder.computeIfAbsent(j.folder(), k -> new ArrayList<>()).add(j);
		Map<String, BatchJob> out = new TreeMap<>();
		for (BatchJob j : jobs)
			out.put(j.id(), j);
		for (Map.Entry<String, List<BatchJob>> e : byFolder.entrySet()) {
			List<BatchJob> same = e.getValue();
			if (same.size() > 1) {
				List<String> names = new ArrayList<>();
				for (BatchJob j : same)
					names.add(j.toString());
				for (BatchJob j : same)
					out.put(j.id(), BatchJob.failed(j.id(), j.id380(), String.join(" and ", names) + " would both " +
						"write the result folder " + e.getKey() + "/; rename one of them"));
				continue;
			}
			// a result folder inside another's (IN/A.tif and IN/A/B.tif): replacing A's result would delete B's
			String f = e.getKey();
			for (int cut = f.lastIndexOf('/'); cut > 0; cut = f.lastIndexOf('/', cut - 1)) {
				List<BatchJob> outer = byFolder.get(f.substring(0, cut));
				if (outer != null && outer.size() == 1) {
					BatchJob j = same.get(0);
					out.put(j.id(), BatchJob.failed(j.id(), j.id380(), "its result folder " + f + "/ would lie inside " +
						f.substring(0, cut) + "/, the result of " + outer.get(0) + "; rename the file or the folder"));
					break;
				}
			}
		}
		return new ArrayList<>(out.values());
	}

	/** @return why a matched path cannot be read as a recording, or null */
	private static String unusable(Path file) {
		if (Files.isSymbolicLink(file) && !Files.exists(file)) {
			String target;
			try {
				target = Files.readSymbolicLink(file).toString();
			} catch (IOException e) {
				target = "?";
			}
			return "cannot read " + file + ": it is a broken link (to " + target + ", which does not exist)";
		}
		if (!Files.exists(file)) return "cannot read " + file + ": it does not exist (removed while the batch started?)";
		// never opened: reading a named pipe would block the batch
		if (!Files.isRegularFile(file)) return "cannot read " + file + ": not a regular file (a named pipe, device or " +
			"socket)";
		if (!Files.isReadable(file)) return "cannot read " + file + ": permission denied";
		return null;
	}

	private static boolean hidden(Path p) {
		return p.getFileName() != null && p.getFileName().toString().startsWith(".");
	}

	static String slashes(Path rel) {
		return rel.toString().replace(java.io.File.separatorChar, '/');
	}

	/** A glob over '/'-separated relative paths in which a leading {@code **}{@code /} may also match nothing. */
	static final class Glob {
		private final PathMatcher full;
		private final PathMatcher rest;

		Glob(String glob) {
			try {
				full = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
				rest = glob.startsWith("**/") ? java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob
					.substring(3)) : null;
			} catch (PatternSyntaxException e) {
				throw new UserMistake(UserOption.GLOB, " '" + glob + "' is not a valid glob: " + e.getDescription() +
					" (e.g. '" + DEFAULT_GLOB + "')");
			}
		}

		boolean matches(String rel) {
			Path p = java.nio.file.Paths.get(rel);
			return full.matches(p) || rest != null && rest.matches(p);
		}
	}
}
