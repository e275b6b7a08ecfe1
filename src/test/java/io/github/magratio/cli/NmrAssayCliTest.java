package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.magratio.util.Csv;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magratio nmr}: one spectrum as JSON, tables as CSV, bad input by exit code and message. */
class NmrAssayCliTest {

	@TempDir
	Path dir;

	@Test
	void oneSpectrumPrintsJsonWithConstantsAndFlags() {
		CliRun r = CliRun.run("nmr", "--beta-shift", "-16.18");
		assertEquals(0, r.code, r.err);
		JsonObject o = JsonParser.parseString(r.out.trim()).getAsJsonObject();
		assertEquals("beta", o.get("method").getAsString());
		assertEquals(0.2727, o.get("free_mg_mM").getAsDouble(), 0.00005);
		assertEquals(50, o.getAsJsonObject("constants").get("kd_uM").getAsDouble(), 0);
		assertEquals(-18.58, o.getAsJsonObject("constants").get("beta_free_ppm").getAsDouble(), 0);
		assertEquals("unverified_default_constants", o.getAsJsonArray("flags").get(0).getAsString());
	}

	@Test
	void iottiAndKdInMillimolar() {
		CliRun r = CliRun.run("nmr", "--method", "iotti", "--beta-shift-ppm", "-16.00");
		assertEquals(0, r.code, r.err);
		assertEquals(0.2656, JsonParser.parseString(r.out.trim()).getAsJsonObject().get("free_mg_mM").getAsDouble(),
			0.00005);
		// Kd 0.1 mM doubles the midpoint result of 50 uM.
		r = CliRun.run("nmr", "--beta-shift-ppm", "-17.16", "--kd-mM", "0.1");
		assertEquals(0.1, JsonParser.parseString(r.out.trim()).getAsJsonObject().get("free_mg_mM").getAsDouble(),
			1e-12);
	}

	@Test
	void shiftOutsideLimitsExitsTwoNamingTheOption() {
		CliRun r = CliRun.run("nmr", "--beta-shift", "-19");
		assertEquals(Main.EXIT_USAGE, r.code);
		assertEquals("magratio: --beta-shift-ppm: beta shift -19 ppm is outside the limiting shifts (-18.58 ppm free " +
			"ATP, -15.74 ppm MgATP)", r.err.trim());
	}

	@Test
	void tableComputesGoodRowsAndReportsBadOnes() throws Exception {
		Path in = dir.resolve("shifts.csv");
		Files.write(in, ("sample,beta_ppm,ph\n" + "t0,-16.18,\n" + "t1,abc,\n" + "t2,-19,\n" + "t3,-17.16,6.6\n")
			.getBytes());
		Path out = dir.resolve("nmr-results.csv");
		CliRun r = CliRun.run("nmr", "--table", in.toString(), "--out", out.toString());
		assertEquals(Main.EXIT_USAGE, r.code, "bad rows give exit code 2 after writing the good ones");
		assertTrue(r.err.contains(in + " line 3, column 'beta_ppm': 'abc' is not a number"), r.err);
		assertTrue(r.err.contains(in + " line 4: beta shift -19 ppm is outside the limiting shifts"), r.err);
		Csv.Table t = Csv.read(out);
		assertEquals(4, t.rows().size());
		int f = t.requireColumn("free_mg_mM"), e = t.requireColumn("error");
		assertEquals(0.2727, t.number(0, f), 0.00005);
		assertTrue(Double.isNaN(t.number(1, f)));
		assertTrue(t.rows().get(1).get(e).contains("line 3, column 'beta_ppm'"));
		assertEquals(0.036, t.number(3, f), 1e-9);
		assertTrue(t.rows().get(3).get(t.requireColumn("constants")).contains("kd0_uM=18"));
	}

	@Test
	void missingColumnAndOutputOverInputAreRefused() throws Exception {
		Path in = dir.resolve("shifts.csv");
		Files.write(in, "sample,beta_ppm\nt0,-16.18\n".getBytes());
		CliRun r = CliRun.run("nmr", "--method", "alphabeta", "--table", in.toString(), "--out", dir
			.resolve("o.csv").toString());
		assertEquals(Main.EXIT_USAGE, r.code);
		assertTrue(r.err.contains("missing column 'alpha_ppm'"), r.err);
		r = CliRun.run("nmr", "--table", in.toString(), "--out", in.toString());
		assertEquals(Main.EXIT_USAGE, r.code);
		assertTrue(r.err.contains("--out " + in + " is an input"), r.err);
		assertEquals("sample,beta_ppm\nt0,-16.18\n", Files.readString(in));
	}

	@Test
	void helpNamesTheTableColumns() {
		CliRun r = CliRun.run("nmr", "--help");
		assertEquals(0, r.code);
		for (String c : new String[] { "beta_ppm", "alpha_ppm", "gamma_ppm", "pi_ppm", "shift_se_ppm", "free_mg_mM_lo" })
			assertTrue(r.out.contains(c), c);
		assertTrue(r.out.replaceAll("\\s+", "").contains("default-18.58"), r.out);
	}

	@Test
	void threeShiftTemplateIsWrittenAndReadBack() throws Exception {
		Path t = dir.resolve("table.csv");
		assertEquals(0, CliRun.run("nmr", "--write-three-shift-template", t.toString()).code);
		assertTrue(new String(Files.readAllBytes(t)).contains("PLACEHOLDER"));
		CliRun r = CliRun.run("nmr", "--method", "threeshift", "--three-shift-constants", t
			.toString(), "--alpha-shift", "-7.6", "--beta-shift", "-16.1", "--gamma-shift", "-2.5");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("placeholder_constants"), r.out);
	}
}
