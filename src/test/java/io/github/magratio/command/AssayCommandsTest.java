package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.github.magratio.util.Csv;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.command.CommandModule;


/** The Fiji commands run headless through CommandService and give the CLI's numbers. */
class AssayCommandsTest {

	@TempDir
	Path dir;
	Context context;
	CommandService commands;

	@BeforeEach
	void context() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
	}

	@AfterEach
	void dispose() {
		context.dispose();
	}

	static String cli(String... args) {
		io.github.magratio.cli.CliRun r = io.github.magratio.cli.CliRun.run(args);
		assertEquals(0, r.code, r.err);
		return r.out;
	}

	/**
	 * Every input of the NMR command at its documented default, then {@code overrides}: SciJava persists inputs
	 * between runs (as Fiji's dialogs do), so a test must not rely on field initialisers.
	 */
	static java.util.Map<String, Object> nmr(Object... overrides) {
		java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
		Object[] defaults = { "method", "beta", "beta", Double.NaN, "alpha", Double.NaN, "gamma", Double.NaN, "se", 0.0,
			"ph", Double.NaN, "pi", Double.NaN, "kd", 50.0, "kdse", 0.0, "kd0", 18.0, "pka", 6.6, "betafree", -18.58,
			"betabound", -15.74, "abfree", 10.8, "abbound", 8.3, "constants", "" };
		for (int i = 0; i < defaults.length; i += 2)
			m.put((String) defaults[i], defaults[i + 1]);
		for (int i = 0; i < overrides.length; i += 2)
			m.put((String) overrides[i], overrides[i + 1]);
		return m;
	}

	@Test
	void commandInfosAreValid() {
		for (Class<?> c : new Class<?>[] { NmrFreeMgCommand.class, AasStandardCurveCommand.class }) {
			CommandInfo info = commands.getCommand(c.getName());
			assertNotNull(info, c + " is in the plugin index");
			assertTrue(info.isValid(), c + ": " + info.getProblems());
		}
		assertEquals("Plugins > MagRatio > Tools > 31P NMR Free Mg", commands.getCommand(NmrFreeMgCommand.class
			.getName()).getMenuPath().getMenuString());
		assertEquals("Plugins > MagRatio > Tools > AAS Standard Curve", commands.getCommand(AasStandardCurveCommand.class
			.getName()).getMenuPath().getMenuString());
	}

	@Test
	void nmrCommandGivesTheCliNumbers() throws Exception {
		for (String[] c : new String[][] { { "beta", "-16.18" }, { "iotti", "-16.18" }, { "iotti", "-16.5" } }) {
			CommandModule m = commands.run(NmrFreeMgCommand.class, true, nmr("method", c[0], "beta", Double
				.parseDouble(c[1]), "se", 0.05)).get();
			assertFalse(m.isCanceled(), String.valueOf(m.getCancelReason()));
			JsonObject j = JsonParser.parseString(cli("nmr", "--method", c[0], "--beta-shift-ppm", c[1],
				"--shift-se-ppm", "0.05").trim()).getAsJsonObject();
			assertEquals(j.get("free_mg_mM").getAsDouble(), (Double) m.getOutput("freemg"), 0);
			assertEquals(j.get("free_mg_mM_lo").getAsDouble(), (Double) m.getOutput("lo"), 0);
			assertEquals(j.get("free_mg_mM_hi").getAsDouble(), (Double) m.getOutput("hi"), 0);
			ResultsTable rt = (ResultsTable) m.getOutput("results");
			assertEquals(j.get("free_mg_mM").getAsDouble(), rt.getValue("free_mg_mM", 0), 0);
		}
		CommandModule m = commands.run(NmrFreeMgCommand.class, true, nmr("beta", -16.18)).get();
		assertEquals(0.2727, (Double) m.getOutput("freemg"), 0.00005);
	}

	@Test
	void nmrCommandCancelsOutsideTheLimits() throws Exception {
		CommandModule m = commands.run(NmrFreeMgCommand.class, true, nmr("beta", -19.0)).get();
		assertTrue(m.isCanceled());
		assertEquals("beta shift -19 ppm is outside the limiting shifts (-18.58 ppm free ATP, -15.74 ppm MgATP)", m
			.getCancelReason());
		m = commands.run(NmrFreeMgCommand.class, true, nmr("kd", 0.0, "beta", -16.18)).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().startsWith("kd_uM must be > 0"), m.getCancelReason());
	}

	@Test
	void aasCommandGivesTheCliNumbers() throws Exception {
		Path st = dir.resolve("standards.csv"), sa = dir.resolve("samples.csv");
		Files.write(st, "conc_mg_L,absorbance\n0,0.003\n0.1,0.091\n0.2,0.176\n0.3,0.266\n0.4,0.349\n0.5,0.437\n"
			.getBytes());
		Files.write(sa, "sample,absorbance\nA,0.155\nA,0.157\nB,0.300\n".getBytes());
		cli("aas", "--standards", st.toString(), "--samples", sa.toString(), "--dilution-factor", "10",
			"--digest-volume-mL", "5", "--cells-per-sample", "1e7", "--cell-volume-pL", "2", "--out", dir.resolve("cli")
				.toString());
		CommandModule m = commands.run(AasStandardCurveCommand.class, true, "standards", st.toFile(), "samples", sa.toFile(),
			"output", dir.resolve("cmd").toFile(), "fit", "auto", "dilution", 10.0, "blank", 0.0, "digest", 5.0, "cells",
			1e7, "volume", 2.0, "water", 1.0).get();
		assertFalse(m.isCanceled(), String.valueOf(m.getCancelReason()));
		assertEquals(0.866857, (Double) m.getOutput("slope"), 5e-7);
		assertEquals(0.00574, (Double) m.getOutput("lod"), 5e-6);
		assertEquals(new String(Files.readAllBytes(dir.resolve("cli/results.csv"))), new String(Files.readAllBytes(dir
			.resolve("cmd/results.csv"))));
		Csv.Table t = Csv.read(dir.resolve("cli/results.csv"));
		ResultsTable rt = (ResultsTable) m.getOutput("results");
		assertEquals(2, rt.size());
		assertEquals(t.number(0, t.requireColumn("total_mg_mM")), rt.getValue("total_mg_mM", 0), 1e-6 * rt.getValue(
			"total_mg_mM", 0));
		ImagePlus plot = (ImagePlus) m.getOutput("plot");
		assertEquals(800, plot.getWidth());
		assertTrue(Files.size(dir.resolve("cmd/curve.png")) > 1000);
	}

	@Test
	void aasCommandCancelsOnBadInputNamingWhere() throws Exception {
		Path st = dir.resolve("standards.csv"), sa = dir.resolve("samples.csv");
		Files.write(st, "conc_mg_L,absorbance\n0,0.003\n0.5,0.437\n".getBytes());
		Files.write(sa, "sample,absorbance\nA,0.155\n".getBytes());
		CommandModule m = commands.run(AasStandardCurveCommand.class, true, "standards", st.toFile(), "samples", sa.toFile(),
			"output", dir.resolve("cmd").toFile(), "fit", "auto", "dilution", 1.0, "blank", 0.0, "digest", Double.NaN,
			"cells", 0.0, "volume", Double.NaN, "water", 1.0).get();
		assertTrue(m.isCanceled());
		assertEquals("Cells per sample (macro key cells) must be > 0, got 0.0", m.getCancelReason());
		// Inputs persist between runs (as in Fiji's dialogs), so every one is given.
		m = commands.run(AasStandardCurveCommand.class, true, "standards", st.toFile(), "samples", sa.toFile(),
			"output", dir.resolve("cmd").toFile(), "fit", "auto", "dilution", 1.0, "blank", 0.0, "digest", Double.NaN,
			"cells", Double.NaN, "volume", Double.NaN, "water", 1.0).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().startsWith("need at least 3 standards"), m.getCancelReason());
	}
}
