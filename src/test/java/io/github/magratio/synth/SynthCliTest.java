package io.github.magratio.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class SynthCliTest {

	@TempDir
	Path dir;

	private int run(StringWriter out, StringWriter err, String... args) {
		io.github.magratio.cli.CliRun r = io.github.magratio.cli.CliRun.run(args);
		out.write(r.out);
		err.write(r.err);
		return r.code;
	}

	@Test
	void writesTheRecordingAndPrintsTheFiles() throws Exception {
		StringWriter out = new StringWriter(), err = new StringWriter();
		int code = run(out, err, "synth", "--out", dir.toString(), "--name", "demo", "--frames", "4", "--seed", "3",
			"--kd", "1.2");
		assertEquals(0, code, err.toString());
		for (String f : new String[] { "demo.tif", "demo-labels.tif", "demo-truth.csv", "demo-calibration.json",
			"demo-truth.json" })
		{
			assertTrue(Files.isRegularFile(dir.resolve(f)), f);
			assertTrue(out.toString().contains(dir.resolve(f).toString()), out.toString());
		}
		GroundTruth t = GroundTruth.read(dir, "demo");
		assertEquals(4, t.frames());
		assertEquals(3L, t.settings().seed());
		assertEquals(1.2, t.calibration().kdMillimolar(), 0);
		assertEquals(0.4, t.calibration().rmin(), 1e-12);
	}

	@Test
	void badOptionExitsWithCode2NamingTheOption() {
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(2, run(out, err, "synth", "--out", dir.toString(), "--frame-interval", "-2"));
		assertTrue(err.toString().contains("--frame-interval"), err.toString());
		err.getBuffer().setLength(0);
		assertEquals(2, run(out, err, "synth", "--out", dir.toString(), "--bleach", "1.5"));
		assertTrue(err.toString().contains("--bleach"), err.toString());
	}

	@Test
	void helpListsDefaultsWithUnits() {
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(0, run(out, err, "synth", "--help"));
		String help = out.toString();
		assertTrue(help.contains("--kd") && help.contains("default 1.5") && help.contains("in mM"), help);
		assertTrue(help.contains("--frame-interval") && help.contains("default 2.0"), help);
	}
}
