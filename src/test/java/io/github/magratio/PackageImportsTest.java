package io.github.magratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package layering as an allow-list: for every package of {@code src/main}, which MagRatio packages it may use
 * (by import or by a qualified name in code) and, for the packages that must run anywhere, which libraries. A new
 * package must be declared here, a new direction between packages must be added here on purpose, and a failure names
 * the file and the offending line. The directions form layers (no cycles): {@code tiff}, {@code core} at the bottom;
 * {@code util}; {@code assay}, {@code calibration} (the file format, the Kd fit); {@code ij}; {@code trackmate};
 * {@code synth}; {@code pipeline} (the imaging run and its settings); {@code calibration.measure} (calibrations
 * measured from recordings through the pipeline's measurement), {@code report}, {@code batch}; {@code slurm}; the user
 * interfaces {@code command}, {@code cli} (never each other) and {@code ij1} on top.
 */
class PackageImportsTest {

	/** Libraries: any. */
	private static final List<String> ANY = null;
	/** The JDK without AWT and Swing. */
	private static final String JDK = "java.";

	/** Per package: the MagRatio packages it may use. */
	static final Map<String, Set<String>> PROJECT = new LinkedHashMap<>();
	/** Per package: the import prefixes it may use besides MagRatio's ({@link #ANY}: any library). */
	static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

	static {
		declare("tiff", list(JDK));
		declare("core", list(JDK, "net.imglib2."));
		declare("util", list(JDK, "com.google.gson."), "tiff");
		declare("assay", list(JDK, "org.apache.commons.math3."), "util");
		declare("calibration", list(JDK, "com.google.gson.", "org.apache.commons.math3."), "core", "util");
		declare("ij", ANY, "core", "tiff", "util");
		declare("trackmate", ANY, "core", "ij", "util");
		declare("synth", ANY, "calibration", "core", "util");
		declare("pipeline", ANY, "calibration", "core", "ij", "trackmate", "util");
		declare("calibration.measure", list(JDK, "com.google.gson."), "calibration", "core", "ij", "pipeline", "util");
		declare("report", ANY, "assay", "ij", "pipeline", "util");
		declare("batch", list(JDK, "com.google.gson."), "core", "pipeline", "util");
		declare("slurm", list(JDK, "com.google.gson."), "batch", "core", "ij", "pipeline", "synth", "util");
		declare("command", ANY, "assay", "batch", "calibration", "calibration.measure", "core", "ij", "pipeline",
			"report", "slurm", "synth", "trackmate", "util");
		declare("cli", ANY, "assay", "batch", "calibration", "calibration.measure", "core", "ij", "pipeline", "report",
			"slurm", "synth", "tiff", "trackmate", "util");
		declare("ij1", ANY, "command", "ij");
	}

	private static final Path MAIN = Paths.get("src/main/java/io/github/magratio");
	private static final Pattern IMPORT = Pattern.compile("\\s*import\\s+(static\\s+)?([\\w.]+(\\.\\*)?)\\s*;.*");
	/** A qualified use of a MagRatio class in code: the package is group 1. */
	private static final Pattern QUALIFIED = Pattern.compile("io\\.github\\.magratio\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)" +
		"\\.[A-Z]");
	private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

	private static void declare(String pkg, List<String> libraries, String... project) {
		PROJECT.put(pkg, new TreeSet<>(Arrays.asList(project)));
		LIBRARIES.put(pkg, libraries);
	}

	private static List<String> list(String... prefixes) {
		return Arrays.asList(prefixes);
	}

	/** @return why {@code pkg} may not use {@code imported}, or null when it may */
	static String refusal(String pkg, String imported) {
		String own = "io.github.magratio.";
		if (imported.startsWith(own)) {
			String target = imported.substring(own.length());
			target = target.substring(0, target.lastIndexOf('.'));
			// a nested class or a static member: the package is the part before the first capitalised name
			Matcher m = Pattern.compile("^((?:[a-z]\\w*\\.)*[a-z]\\w*)").matcher(target);
			String p = m.find() ? m.group(1) : target;
			if (p.equals(pkg) || PROJECT.get(pkg).contains(p)) return null;
			return "MagRatio package " + p + " (" + pkg + " may use " + PROJECT.get(pkg) + ")";
		}
		List<String> libs = LIBRARIES.get(pkg);
		if (libs == ANY) return null;
		if (imported.startsWith("java.awt.")) return "AWT";
		for (String l : libs)
			if (imported.startsWith(l)) return null;
		return "library " + imported + " (" + pkg + " may import only " + libs + ")";
	}

	@Test
	void everyPackageUsesOnlyWhatItsAllowListNames() throws IOException {
		List<String> offenders = new ArrayList<>();
		Set<String> packages = new TreeSet<>();
		int uses = 0;
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
				String pkg = MAIN.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".");
				packages.add(pkg);
				if (!PROJECT.containsKey(pkg)) continue;
				for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
					Matcher m = IMPORT.matcher(line);
					List<String> used = new ArrayList<>();
					if (m.matches()) used.add(m.group(2));
					else {
						String t = line.trim();
						if (t.startsWith("*") || t.startsWith("//") || t.startsWith("/*")) continue;
						Matcher q = QUALIFIED.matcher(STRING.matcher(line).replaceAll("\"\""));
						while (q.find())
							used.add("io.github.magratio." + q.group(1) + ".X");
					}
					for (String u : used) {
						uses++;
						String why = refusal(pkg, u);
						if (why != null) offenders.add(MAIN.relativize(f) + ": " + line.trim() + "  -> " + why);
					}
				}
			}
		}
		assertTrue(uses > 500, "imports found: " + uses + " under " + MAIN.toAbsolutePath() + " (wrong directory?)");
		Set<String> undeclared = new TreeSet<>(packages);
		undeclared.removeAll(PROJECT.keySet());
		assertEquals(Collections.emptySet(), undeclared, "packages without an allow-list here: declare them");
		Set<String> gone = new TreeSet<>(PROJECT.keySet());
		gone.removeAll(packages);
		assertEquals(Collections.emptySet(), gone, "allow-lists of packages that no longer exist");
		assertTrue(offenders.isEmpty(), offenders.size() + " use(s) outside the allow-lists:\n" + offenders.stream()
			.collect(Collectors.joining("\n")));
	}

	@Test
	void allowListsNameTheRefusedDependency() {
		for (String s : new String[] { "org.apache.commons.math3.util.Pair", "ij.ImagePlus", "org.scijava.Context",
			"com.google.gson.JsonObject", "java.awt.Color", "javax.swing.JFrame", "io.github.magratio.calibration.KdFit",
			"io.github.magratio.util.Csv" })
			assertTrue(refusal("core", s) != null, s);
		for (String s : new String[] { "ij.ImagePlus", "org.scijava.Context", "java.awt.Color",
			"com.google.gson.JsonObject" })
			assertTrue(refusal("assay", s) != null, s);
		for (String s : new String[] { "org.scijava.command.Command", "picocli.CommandLine", "ij.ImagePlus",
			"javax.swing.JFrame", "io.github.magratio.cli.Main", "io.github.magratio.command.Chain" })
			assertTrue(refusal("batch", s) != null && refusal("slurm", s) != null, s);
		assertTrue(refusal("synth", "io.github.magratio.pipeline.PipelineSettings").contains("pipeline"));
		assertTrue(refusal("ij", "io.github.magratio.assay.AasSample").contains("assay"));
		assertTrue(refusal("calibration", "io.github.magratio.pipeline.PipelineSettings") != null);
		assertTrue(refusal("command", "io.github.magratio.cli.Main") != null);
		assertTrue(refusal("cli", "io.github.magratio.command.Chain") != null);
		assertFalse(refusal("core", "java.util.Arrays") != null || refusal("core", "net.imglib2.view.Views") != null ||
			refusal("core", "io.github.magratio.core.Labels") != null || refusal("pipeline",
				"io.github.magratio.calibration.CalibrationFile.Builder") != null || refusal("command",
					"io.github.magratio.calibration.measure.InSituCalibration.Options") != null);
	}
}
