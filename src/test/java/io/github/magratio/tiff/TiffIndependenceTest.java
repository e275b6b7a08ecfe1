package io.github.magratio.tiff;

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

/** {@code tiff} imports only the JDK (no ImageJ, ImgLib2 or AWT), so it can be reused and fuzzed on its own. */
class TiffIndependenceTest {

	@Test
	void tiffImportsOnlyTheJdk() throws Exception {
		Pattern imp = Pattern.compile("\\s*import\\s+(static\\s+)?([\\w.]+(\\.\\*)?)\\s*;.*");
		List<String> offenders = new ArrayList<>();
		int imports = 0;
		try (Stream<Path> files = Files.walk(Paths.get("src/main/java/io/github/magratio/tiff"))) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator)
				for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
					Matcher m = imp.matcher(line);
					if (!m.matches()) continue;
					imports++;
					String s = m.group(2);
					if (!(s.startsWith("java.") && !s.startsWith("java.awt.") || s.startsWith("io.github.magratio.tiff.")))
						offenders.add(f.getFileName() + ": " + line.trim());
				}
		}
		assertTrue(imports > 0, "no imports found: wrong working directory?");
		assertTrue(offenders.isEmpty(), "tiff may import only java.*: " + offenders);
	}
}
