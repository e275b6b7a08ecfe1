package io.github.magratio.assay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The calculators stay pure: JDK, commons-math3 and util only, so they run anywhere. */
class AssayPurityTest {

	@Test
	void assayImportsNoImageJScijavaOrAwt() throws IOException {
		List<String> bad = new ArrayList<>();
		try (Stream<Path> s = Files.list(Paths.get("src/main/java/io/github/magratio/assay"))) {
			for (Path p : (Iterable<Path>) s::iterator)
				for (String line : Files.readAllLines(p))
					if (line.startsWith("import ") && (line.contains(" ij.") || line.contains("org.scijava") || line
						.contains("java.awt") || line.contains("com.google.gson"))) bad.add(p.getFileName() + ": " + line);
		}
		assertTrue(bad.isEmpty(), bad.toString());
	}
}
