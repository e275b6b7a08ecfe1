package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.cli.CliRun;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV tables of docs/bad-inputs.md through {@code magratio aas} and {@code magratio nmr}: encodings, European Excel
 * exports, samples named like comments or formulas, and values that are not what a free [Mg] can be.
 */
class BadTablesTest {

	@TempDir
	Path tmp;
	Path standards;

	static final String STANDARDS = "conc_mg_L,absorbance\n0,0.003\n0.1,0.091\n0.2,0.176\n0.3,0.266\n0.4,0.349\n" +
		"0.5,0.437\n";

	@BeforeEach
	void setUp() throws Exception {
		standards = write("standards.csv", STANDARDS);
	}

	Path write(String name, String text) throws Exception {
		return Files.write(tmp.resolve(name), text.getBytes(StandardCharsets.UTF_8));
	}

	CliRun aas(Path samples, String... extra) {
		String[] base = { "aas", "--standards", standards.toString(), "--samples", samples.toString(), "--out", tmp
			.resolve("aas").toString() };
		String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
		System.arraycopy(extra, 0, all, base.length, extra.length);
		return CliRun.run(all);
	}

	@Test
	void latin1AndUtf16TablesAreRefusedWithHowToSaveThem() throws Exception {
		Path latin1 = Files.write(tmp.resolve("latin1.csv"), "sample,absorbance\nM\u00fcller,0.1\n".getBytes(
			StandardCharsets.ISO_8859_1));
		Bad.userError(aas(latin1), "latin1.csv", "not UTF-8", "0xFC on line 2", "CSV UTF-8");
		Path utf16 = Files.write(tmp.resolve("utf16.csv"), "sample,absorbance\nA,0.1\n".getBytes(
			StandardCharsets.UTF_16));
		Bad.userError(aas(utf16), "utf16.csv", "UTF-16", "CSV UTF-8");
	}

	@Test
	void samplesNamedLikeCommentsAreKept() throws Exception {
		Path samples = write("hash.csv", "# a comment before the header is allowed\nsample,absorbance\n#1,0.175\n" +
			"#2,0.2\n");
		CliRun r = aas(samples);
		assertEquals(0, r.code, r.err);
		Csv.Table t = Csv.read(tmp.resolve("aas/results.csv"));
		assertEquals(2, t.rows().size(), "both samples, none taken for a comment");
		assertEquals("#1", t.rows().get(0).get(t.column("sample")));
		// NMR tables too
		Path nmr = write("nmr.csv", "sample,beta_ppm\n#1,-16.18\n");
		r = CliRun.run("nmr", "--table", nmr.toString(), "--out", tmp.resolve("nmr-out.csv").toString());
		assertEquals(0, r.code, r.err);
		assertEquals("#1", Csv.read(tmp.resolve("nmr-out.csv")).rows().get(0).get(0));
	}

	@Test
	void semicolonAndDecimalCommaTablesGetAHint() throws Exception {
		Bad.userError(aas(write("semi.csv", "sample;absorbance\nA;0,175\n")), "semi.csv", "line 1", "semicolons",
			"CSV UTF-8 (comma delimited)");
		Bad.userError(aas(write("comma.csv", "sample,absorbance\nA,0,175\n")), "comma.csv", "line 2", "3 fields",
			"a decimal comma (0,5)?");
		Bad.userError(aas(write("quoted.csv", "sample,absorbance\nA,\"0,175\"\n")), "quoted.csv", "line 2",
			"'0,175' is not a number", "write 0.175");
	}

	@Test
	void formulaLikeNamesAreWrittenAsText() throws Exception {
		CliRun r = aas(write("formula.csv", "sample,absorbance\n=1+1,0.1\n@SUM(A1),0.2\n-5,0.3\n"));
		assertEquals(0, r.code, r.err);
		List<String> lines = Files.readAllLines(tmp.resolve("aas/results.csv"));
		assertTrue(lines.get(1).startsWith("'=1+1,"), lines.get(1));
		assertTrue(lines.get(2).startsWith("'@SUM(A1),"), lines.get(2));
		// a number stays a number
		assertTrue(lines.get(3).startsWith("-5,"), lines.get(3));
	}

	@Test
	void negativeOrNaNFreeValuesAreRefused() throws Exception {
		Path samples = write("s.csv", "sample,absorbance\nA,0.175\n");
		Bad.userError(aas(samples, "--free", write("neg.csv", "sample,free_mg_mM,free_mg_mM_se\nA,-0.5,0.1\n")
			.toString()), "neg.csv", "line 2", "free_mg_mM", ">= 0", "-0.5");
		Bad.userError(aas(samples, "--free", write("nan.csv", "sample,free_mg_mM,free_mg_mM_se\nA,NaN,0.1\n")
			.toString()), "nan.csv", "line 2", "NaN");
		Bad.userError(aas(samples, "--free", write("se.csv", "sample,free_mg_mM,free_mg_mM_se\nA,0.5,-1\n")
			.toString()), "se.csv", "free_mg_mM_se", "-1");
		assertTrue(!Files.exists(tmp.resolve("aas/results.csv")), "nothing written");
	}

	@Test
	void anUnclosedQuoteOrADuplicateColumnIsRefused() throws Exception {
		Bad.userError(aas(write("open.csv", "sample,absorbance\n\"A,0.1\n")), "open.csv", "line 2", "never closed");
		Bad.userError(aas(write("twice.csv", "sample,absorbance,Sample\nA,0.1,B\n")), "twice.csv",
			"the column 'Sample' appears twice");
	}
}
