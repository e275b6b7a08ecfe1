package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** {@code core} imports only the JDK and ImgLib2: no ImageJ 1, SciJava or AWT, so it runs anywhere. */
class CoreIndependenceTest {

	@Test
	void coreImportsNoImageJSciJavaOrAwt() throws Exception {
		Path core = Paths.get("src/main/java/io/github/magratio/core");
		List<String> offenders = new ArrayList<>();
		try (Stream<Path> files = Files.walk(core)) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator)
				for (String line : Files.readAllLines(f, StandardCharsets.UTF_8))
					if (line.matches("\\s*import\\s+(static\\s+)?(ij\\.|org\\.scijava|java\\.awt|javax\\.swing|net\\.imagej).*"))
						offenders.add(f.getFileName() + ": " + line.trim());
		}
		assertTrue(offenders.isEmpty(), "core must stay ImgLib2-only: " + offenders);
	}
}
