package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/**
 * The documentation of cells.csv is derived from {@link CellColumn}: the column table of {@code docs/cells-csv.md}
 * and the column list of the README's output table are what the code declares. To refresh the doc after changing a
 * column, run this test with {@code -Dmagratio.writeDocs=true}.
 */
class CellColumnDocTest {

	private static final Path DOC = Paths.get("docs/cells-csv.md");
	private static final String BEGIN = "<!-- columns: generated from CellColumn by CellColumnDocTest -->\n";
	private static final String END = "<!-- end of columns -->";

	@Test
	void docsCellsCsvHoldsTheDeclaredColumns() throws Exception {
		String doc = new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
		int a = doc.indexOf(BEGIN), b = doc.indexOf(END);
		assertTrue(a >= 0 && b > a, DOC + " has no generated column table between '" + BEGIN.trim() + "' and '" + END +
			"'");
		String generated = CellColumn.markdownTable();
		String now = doc.substring(a + BEGIN.length(), b);
		if (Boolean.getBoolean("magratio.writeDocs") && !now.equals(generated)) {
			Files.write(DOC, (doc.substring(0, a + BEGIN.length()) + generated + doc.substring(b)).getBytes(
				StandardCharsets.UTF_8));
			now = generated;
		}
		assertEquals(generated, now, DOC + " is out of date: run this test with -Dmagratio.writeDocs=true");
		assertTrue(now.contains("| `mg_mM` | mM |") && now.contains("| `f340` | counts |") && now.contains(
			"| `time_s` | s |"), now);
	}

	@Test
	void readmeListsTheColumnsInOrder() throws Exception {
		String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
		String list = "`" + String.join(",", CellColumn.NAMES) + "`";
		assertTrue(readme.contains("| `cells.csv` | one row per cell per frame: " + list), "README's cells.csv row " +
			"must list " + list);
	}
}
