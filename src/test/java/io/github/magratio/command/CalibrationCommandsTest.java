package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.Calibration;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/** In-situ Calibration and Fit Kd run headless through CommandService and give the CLI's numbers. */
class CalibrationCommandsTest {

	@TempDir
	Path dir;
	Context context;
	CommandService commands;

	@BeforeEach
	void context() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ImageRegistry.class, LogService.class);
		commands = context.service(CommandService.class);
	}

	@AfterEach
	void dispose() {
		context.dispose();
	}

	/** Every input of In-situ Calibration at its default, then {@code overrides} (inputs persist between runs). */
	static Map<String, Object> insitu(Object... overrides) {
		Map<String, Object> m = new LinkedHashMap<>();
		Object[] defaults = { "rminframes", "", "rmaxframes", "", "kd", 1.9, "kdse", 0.0, "saturating", "", "settings",
			"", "tolerance", 0.02, "outliers", 3.5, "bleach", true };
		for (int i = 0; i < defaults.length; i += 2)
			m.put((String) defaults[i], defaults[i + 1]);
		for (int i = 0; i < overrides.length; i += 2)
			m.put((String) overrides[i], overrides[i + 1]);
		return m;
	}

	@Test
	void inSituCalibrationGivesTheCliNumbers() throws Exception {
		SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().seed(21).frames(40).ionophore(20,
			30, 1.0).build());
		s.write(dir, "rec");
		Path rec = dir.resolve("rec.tif"), cli = dir.resolve("cli.json"), cmd = dir.resolve("cmd.json");
		AssayCommandsTest.cli("calibrate", "--recording", rec.toString(), "--rmin-frames", "24-29", "--rmax-frames",
			"34-39", "--kd", "1.5", "--kd-se", "0.05", "--out", cli.toString(), "-q");
		// the same plateaus as ImageJ's t slider numbers them (from 1): frames 24-29 of the CLI are t 25-30
		CommandModule m = commands.run(InSituCalibrationCommand.class, true, insitu("recording", rec.toFile(),
			"rminframes", "25-30", "rmaxframes", "35-40", "kd", 1.5, "kdse", 0.05, "output", cmd.toFile())).get();
		assertFalse(m.isCanceled(), String.valueOf(m.getCancelReason()));
		Calibration c = CalibrationFile.read(cli).calibration(), d = CalibrationFile.read(cmd).calibration();
		assertEquals(c, d, "the same constants in both files");
		assertEquals(c.rmin(), (Double) m.getOutput("rmin"), 0);
		assertEquals(c.rminSe(), (Double) m.getOutput("rminse"), 0);
		assertEquals(c.rmax(), (Double) m.getOutput("rmax"), 0);
		assertEquals(c.rmaxSe(), (Double) m.getOutput("rmaxse"), 0);
		assertEquals(c.beta(), (Double) m.getOutput("beta"), 0);
		assertEquals(c.betaSe(), (Double) m.getOutput("betase"), 0);
		assertEquals(1.5, d.kdMillimolar(), 0);
		assertEquals(cmd.toString(), m.getOutput("file"));
		Calibration truth = s.truth().calibration();
		assertEquals(truth.rmin(), c.rmin(), 0.01 * truth.rmin());
		assertEquals(truth.beta(), c.beta(), 0.01 * truth.beta());
	}

	@Test
	void inSituCalibrationCancelsNamingTheParameter() throws Exception {
		Path rec = dir.resolve("none.tif");
		Files.write(rec, new byte[] { 1 });
		CommandModule m = commands.run(InSituCalibrationCommand.class, true, insitu("recording", rec.toFile(),
			"rminframes", "24-29", "saturating", "sat.tif", "output", dir.resolve("x.json").toFile())).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().startsWith("saturating:"), m.getCancelReason());
		m = commands.run(InSituCalibrationCommand.class, true, insitu("recording", rec.toFile(), "rminframes", "24",
			"rmaxframes", "30-35", "output", dir.resolve("x.json").toFile())).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().startsWith("rminframes must be FIRST-LAST"), m.getCancelReason());
		assertFalse(Files.exists(dir.resolve("x.json")), "nothing written");
		m = commands.run(InSituCalibrationCommand.class, true, insitu("recording", rec.toFile(), "rminframes", "0-5",
			"rmaxframes", "30-35", "output", dir.resolve("x.json").toFile())).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().startsWith("rminframes: a frame range needs 1 <= first < last (frames " +
			"numbered from 1 as ImageJ's t slider"), m.getCancelReason());
		m = commands.run(InSituCalibrationCommand.class, true, insitu("recording", rec.toFile(), "rminframes",
			"1-2", "rmaxframes", "4-5", "output", rec.toFile())).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().startsWith("output " + rec + " is an input"), m.getCancelReason());
		assertArrayEquals(new byte[] { 1 }, Files.readAllBytes(rec), "the recording is kept");
	}

	static final String TABLE = "mg_mM,ratio\n0.25,0.55126\n0.5,0.69032\n1,0.93731\n2,1.33506\n4,1.88454\n" +
		"8,2.50219\n16,3.05438\n50,3.63160\n";

	@Test
	void fitKdGivesTheCliNumbersAndScienceTableKd() throws Exception {
		Path st = Files.write(dir.resolve("standards.csv"), TABLE.getBytes("UTF-8"));
		Path cli = dir.resolve("cli.json"), cmd = dir.resolve("cmd.json"), png = dir.resolve("cmd.png");
		AssayCommandsTest.cli("titrate", "--standards", st.toString(), "--beta", "3", "--beta-se", "0.1", "--out", cli
			.toString());
		CommandModule m = commands.run(FitKdCommand.class, true, "standards", st.toFile(), "beta", 3.0, "betase", 0.1,
			"weights", "relative", "output", cmd.toFile(), "plot", png.toFile()).get();
		assertFalse(m.isCanceled(), String.valueOf(m.getCancelReason()));
		Calibration c = CalibrationFile.read(cli).calibration();
		assertEquals(c, CalibrationFile.read(cmd).calibration());
		assertEquals(c.kdMillimolar(), (Double) m.getOutput("kd"), 0);
		assertEquals(c.kdMillimolarSe(), (Double) m.getOutput("kdse"), 0);
		assertEquals(c.rmin(), (Double) m.getOutput("rmin"), 0);
		assertEquals(c.rmax(), (Double) m.getOutput("rmax"), 0);
		assertEquals(1.9, (Double) m.getOutput("kd"), 1e-3, "science.md test data: Kd 1.9 mM");
		assertEquals(5.7, (Double) m.getOutput("kprime"), 5e-3, "K' = Kd x beta");
		assertTrue((Double) m.getOutput("kdlow") < 1.9 && (Double) m.getOutput("kdhigh") > 1.9);
		assertTrue(Files.size(png) > 1000, "plot written");

		m = commands.run(FitKdCommand.class, true, "standards", st.toFile(), "beta", Double.NaN, "betase", 0.0,
			"weights", "relative", "output", dir.resolve("y.json").toFile(), "plot", dir.resolve("y.png").toFile())
			.get();
		assertTrue(m.isCanceled());
		assertEquals("beta must be > 0, got NaN", m.getCancelReason());
		assertFalse(Files.exists(dir.resolve("y.json")));
	}
}
