package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The batch engine ({@code batch}) and the SLURM layer ({@code slurm}) have no user interface of their own, so the CLI,
 * the Fiji command and every SLURM task share them: they import the JDK (no AWT or Swing), Gson and MagRatio's
 * non-UI packages only; no SciJava, picocli or ImageJ 1 directly. An allow-list, so a new dependency cannot slip in.
 */
class BatchPurityTest {

	private static final Pattern IMPORT = Pattern.compile("\\s*import\\s+(static\\s+)?([\\w.]+(\\.\\*)?)\\s*;.*");

	static boolean allowed(String imported) {
		if (imported.startsWith("java.awt.") || imported.startsWith("javax.")) return false;
		if (imported.startsWith("java.") || imported.startsWith("com.google.gson.")) return true;
		for (String own : new String[] { "batch", "slurm", "pipeline", "core", "util", "ij", "synth" })
			if (imported.startsWith("io.github.magratio." + own + ".")) return true;
		return false;
	}

	@Test
	void batchAndSlurmImportOnlyTheJdkGsonAndMagRatiosEngine() throws Exception {
		List<String> offenders = new ArrayList<>();
		int imports = 0;
		for (String pkg : new String[] { "batch", "slurm" }) {
			Path dir = Paths.get("src/main/java/io/github/magratio", pkg);
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator)
					for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
						Matcher m = IMPORT.matcher(line);
						if (!m.matches()) continue;
						imports++;
						if (!allowed(m.group(2))) offenders.add(pkg + "/" + f.getFileName() + ": " + line.trim());
					}
			}
		}
		assertTrue(imports > 20, "imports found: " + imports + " (wrong working directory?)");
		assertTrue(offenders.isEmpty(), "batch and slurm may import only java.* (no AWT), com.google.gson.* and " +
			"io.github.magratio.{batch,slurm,pipeline,core,util,ij,synth}.*: " + offenders);
	}

	@Test
	void allowListRejectsUserInterfaceLibraries() {
		for (String s : new String[] { "org.scijava.command.Command", "picocli.CommandLine", "ij.ImagePlus",
			"java.awt.Color", "javax.swing.JFrame", "io.github.magratio.cli.Main", "io.github.magratio.command.Chain",
			"org.apache.commons.math3.util.Pair" })
			assertFalse(allowed(s), s);
		assertTrue(allowed("java.nio.file.Path") && allowed("com.google.gson.JsonObject") && allowed(
			"io.github.magratio.pipeline.Pipeline"));
	}
}
