package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.magratio.util.Csv;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magratio aas}: files out, science.md numbers, free/total, bad input by exit code and message. */
class AasAssayCliTest {

	@TempDir
	Path dir;
	Path standards, samples;

	@BeforeEach
	void files() throws Exception {
		standards = write("standards.csv", "conc_mg_L,absorbance\n0,0.003\n0.1,0.091\n0.2,0.176\n0.3,0.266\n" +
			"0.4,0.349\n0.5,0.437\n");
		// A: exactly the absorbance of 0.175 mg/L on the worked curve, read twice; B above the top standard.
		double a = 0.003619047619047619 + 0.8668571428571429 * 0.175;
		samples = write("samples.csv", "sample,absorbance,dilution_factor,digest_volume_mL\nA," + a + ",10,5\nA," + a +
			",10,5\nB,0.6,10,5\n");
	}

	Path write(String name, String text) throws Exception {
		Path p = dir.resolve(name);
		Files.write(p, text.getBytes());
		return p;
	}

	CliRun aas(String... extra) {
		String[] base = { "aas", "--standards", standards.toString(), "--samples", samples.toString(),
			"--cells-per-sample", "1e7", "--cell-volume-pl", "2.0", "--out", dir.resolve("aas-out").toString() };
		String[] all = new String[base.length + extra.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(extra, 0, all, base.length, extra.length);
		return CliRun.run(all);
	}

	@Test
	void writesResultsFitAndPlotWithScienceNumbers() throws Exception {
		CliRun r = aas();
		assertEquals(0, r.code, r.err);
		Path out = dir.resolve("aas-out");
		Csv.Table t = Csv.read(out.resolve("results.csv"));
		for (String c : new String[] { "sample", "absorbance", "conc_mg_L", "conc_mg_L_se", "digest_conc_mg_L",
			"mg_fmol_per_cell", "total_mg_mM", "flags" })
			t.requireColumn(c);
		assertEquals(2, t.rows().size());
		assertEquals(0.175, t.number(0, t.requireColumn("conc_mg_L")), 1e-6);
		assertEquals(1.75, t.number(0, t.requireColumn("digest_conc_mg_L")), 1e-5);
		assertEquals(360.0, t.number(0, t.requireColumn("mg_nmol")), 0.05);
		assertEquals(36.0, t.number(0, t.requireColumn("mg_fmol_per_cell")), 0.05);
		assertEquals(18.0, t.number(0, t.requireColumn("total_mg_mM")), 0.05);
		assertEquals("2", t.rows().get(0).get(t.requireColumn("reads")));
		assertEquals("dilute", t.rows().get(1).get(t.requireColumn("flags")));
		assertTrue(Double.isNaN(t.number(1, t.requireColumn("conc_mg_L"))));
		JsonObject fit = JsonParser.parseString(new String(Files.readAllBytes(out.resolve("fit.json"))))
			.getAsJsonObject();
		assertEquals(0.866857, fit.get("slope_per_mg_L").getAsDouble(), 5e-7);
		assertEquals(0.00574, fit.get("lod_mg_L").getAsDouble(), 5e-6);
		assertEquals(0.0174, fit.get("loq_mg_L").getAsDouble(), 5e-5);
		byte[] png = Files.readAllBytes(out.resolve("curve.png"));
		assertEquals((byte) 0x89, png[0]);
		assertEquals('P', png[1]);
		assertTrue(r.err.contains("sample 'B': dilute"), r.err);
	}

	@Test
	void freeOverTotalFromAnNmrResult() throws Exception {
		Path free = write("free.csv", "sample,free_mg_mM,free_mg_mM_se\nA,0.6,0.05\n");
		CliRun r = aas("--free", free.toString());
		assertEquals(0, r.code, r.err);
		Csv.Table t = Csv.read(dir.resolve("aas-out/results.csv"));
		double total = t.number(0, t.requireColumn("total_mg_mM"));
		assertEquals(0.6 / total, t.number(0, t.requireColumn("free_total_ratio")), 1e-6);
		assertTrue(t.number(0, t.requireColumn("free_total_ratio_se")) > 0.05 / total * 0.999);
		assertTrue(t.rows().get(1).get(t.requireColumn("flags")).contains("no_free_value"));
	}

	@Test
	void freeOverTotalFromAnImagingRun() throws Exception {
		// an imaging result folder named after sample A: its cells' mean [Mg2+] are the replicates
		Path run = java.nio.file.Files.createDirectories(dir.resolve("imaging/A"));
		write("imaging/A/summary.csv", "cell,mean_mM\n1,0.5\n2,0.7\n3,0.6\n");
		CliRun r = aas("--free", dir.resolve("imaging").toString());
		assertEquals(0, r.code, r.err);
		Csv.Table t = Csv.read(dir.resolve("aas-out/results.csv"));
		double total = t.number(0, t.requireColumn("total_mg_mM"));
		assertEquals(0.6, t.number(0, t.requireColumn("free_mg_mM")), 1e-9);
		// SD over cells 0.1, SE 0.1 / sqrt(3)
		assertEquals(0.1 / Math.sqrt(3), t.number(0, t.requireColumn("free_mg_mM_se")), 1e-6);
		assertEquals(0.6 / total, t.number(0, t.requireColumn("free_total_ratio")), 1e-6);
		assertEquals(0, aas("--free", run.toString(), "--overwrite").code, "a single result folder works too");
	}

	@Test
	void ugPerLitreStandardsGiveTheSameCurve() throws Exception {
		standards = write("standards-ug.csv", "conc_ug_L,absorbance\n0,0.003\n100,0.091\n200,0.176\n300,0.266\n" +
			"400,0.349\n500,0.437\n");
		assertEquals(0, aas().code);
		JsonObject fit = JsonParser.parseString(new String(Files.readAllBytes(dir.resolve("aas-out/fit.json"))))
			.getAsJsonObject();
		assertEquals(0.866857, fit.get("slope_per_mg_L").getAsDouble(), 5e-7);
		assertEquals("conc_ug_L", fit.get("standards_input_unit").getAsString());
	}

	void assertBad(String expected) {
		CliRun r = aas();
		assertEquals(Main.EXIT_USAGE, r.code, r.err);
		assertTrue(r.err.startsWith("magratio: "), r.err);
		assertTrue(r.err.contains(expected), r.err);
	}

	@Test
	void nonNumericCellNamesLineAndColumn() throws Exception {
		samples = write("samples.csv", "sample,absorbance\nA,0.1\nB,high\n");
		assertBad(samples + " line 3, column 'absorbance': 'high' is not a number");
	}

	@Test
	void fewerThanThreeStandards() throws Exception {
		standards = write("standards.csv", "conc_mg_L,absorbance\n0,0.003\n0.5,0.437\n");
		assertBad("need at least 3 standards with different concentrations");
	}

	@Test
	void standardsNotIncreasing() throws Exception {
		standards = write("standards.csv", "conc_mg_L,absorbance\n0,0.003\n0.1,0.2\n0.2,0.1\n");
		assertBad("standards not increasing: " + standards + " line 4 (0.2 mg/L, mean absorbance 0.1)");
	}

	@Test
	void negativeAbsorbance() throws Exception {
		samples = write("samples.csv", "sample,absorbance\nA,-0.002\n");
		assertBad(samples + " line 2, column 'absorbance': negative absorbance -0.002 for sample 'A'");
	}

	@Test
	void missingColumn() throws Exception {
		samples = write("samples.csv", "sample,abs\nA,0.1\n");
		assertBad(samples + ": missing column 'absorbance' (columns present: sample,abs)");
	}

	@Test
	void zeroCellCountOrVolume() throws Exception {
		CliRun r = CliRun.run("aas", "--standards", standards.toString(), "--samples", samples
			.toString(), "--cells-per-sample", "0", "--out", dir.resolve("o").toString());
		assertEquals(Main.EXIT_USAGE, r.code);
		assertEquals("magratio: --cells-per-sample must be > 0, got 0.0", r.err.trim());
		samples = write("samples.csv", "sample,absorbance,cell_volume_pL\nA,0.1,0\n");
		assertBad(samples + " line 2, column 'cell_volume_pL': must be > 0, got 0");
	}

	@Test
	void helpNamesTheColumns() {
		CliRun r = CliRun.run("aas", "--help");
		assertEquals(0, r.code, r.err);
		for (String c : new String[] { "conc_mg_L", "conc_ug_L", "conc_mM", "absorbance", "dilution_factor",
			"mg_fmol_per_cell", "total_mg_mM", "free_total_ratio" })
			assertTrue(r.out.contains(c), c);
	}
}
