package io.github.magratio.core;

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
 * {@code core} imports only the JDK ({@code java.}) and ImgLib2 ({@code net.imglib2.}) besides itself: no ImageJ 1,
 * SciJava, commons-math3, Gson or AWT, so it runs anywhere. An allow-list, so a new dependency cannot slip in.
 */
class CoreIndependenceTest {

	private static final Pattern IMPORT = Pattern.compile("\\s*import\\s+(static\\s+)?([\\w.]+(\\.\\*)?)\\s*;.*");

	static boolean allowed(String imported) {
		return imported.startsWith("java.") && !imported.startsWith("java.awt.") || imported.startsWith(
			"net.imglib2.") || imported.startsWith("io.github.magratio.core.");
	}

	@Test
	void coreImportsOnlyTheJdkImgLib2AndItself() throws Exception {
		Path core = Paths.get("src/main/java/io/github/magratio/core");
		List<String> offenders = new ArrayList<>();
		int imports = 0;
		try (Stream<Path> files = Files.walk(core)) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator)
				for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
					Matcher m = IMPORT.matcher(line);
					if (!m.matches()) continue;
					imports++;
					if (!allowed(m.group(2))) offenders.add(f.getFileName() + ": " + line.trim());
				}
		}
		assertTrue(imports > 0, "no imports found under " + core.toAbsolutePath() + ": wrong working directory?");
		assertTrue(offenders.isEmpty(), "core may import only java.*, net.imglib2.* and io.github.magratio.core.*: " +
			offenders);
	}

	@Test
	void allowListRejectsOtherLibraries() {
		for (String s : new String[] { "org.apache.commons.math3.util.Pair", "ij.ImagePlus", "org.scijava.Context",
			"com.google.gson.JsonObject", "java.awt.Color", "javax.swing.JFrame", "net.imagej.Dataset",
			"io.github.magratio.pipeline.KdFit" })
			assertFalse(allowed(s), s);
		assertTrue(allowed("java.util.Arrays") && allowed("net.imglib2.view.Views") && allowed(
			"io.github.magratio.core.Labels"));
	}
}
