package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistake on the command line is one line on stderr, exit code 2, that names the mistake in the user's words: an
 * unknown option with the real one it most likely stood for, a missing calibration by its flags.
 */
class UsageErrorTest {

	@TempDir
	Path dir;

	private static void oneLine(String expected, String... args) {
		CliRun r = CliRun.run(args);
		assertEquals(2, r.code, r.err);
		assertEquals(expected + System.lineSeparator(), r.err);
	}

	@Test
	void anUnknownOptionIsNamedWithTheNearestRealOne() {
		oneLine("magratio: unknown option '--Kd' (did you mean --kd?) (see 'magratio run --help')", "run", "x.tif",
			"--out", "o", "--Kd", "1.5");
		// --output stands for --out: named, rather than "missing --out"
		oneLine("magratio: unknown option '--output' (did you mean --out?) (see 'magratio run --help')", "run", "x.tif",
			"--output", "o");
		oneLine("magratio: unknown option '--frame-intervl' (did you mean --frame-interval?) (see 'magratio run " +
			"--help')", "run", "x.tif", "--out", "o", "--frame-intervl=2");
		oneLine("magratio: unknown option '--zzzzzz' (see 'magratio run --help')", "run", "x.tif", "--out", "o",
			"--zzzzzz");
	}

	@Test
	void aNegativeNumberIsAValueNotAnUnknownOption() {
		CliRun r = CliRun.run("run", "x.tif", "--out", dir.resolve("o").toString(), "--rmin", "-0.5", "--rmax", "4",
			"--beta", "3", "-q");
		assertEquals(2, r.code, r.err);
		assertEquals(false, r.err.contains("unknown option"), r.err);
	}

	@Test
	void noCalibrationNamesTheFlags() throws Exception {
		Path tif = Files.write(dir.resolve("x.tif"), new byte[] { 0 });
		CliRun r = CliRun.run("run", tif.toString(), "--out", dir.resolve("o").toString(), "--rmin", "0.4", "-q");
		assertEquals(2, r.code, r.err);
		assertEquals("magratio: no calibration: give a calibration file (--calibration) or --rmin, --rmax and --beta " +
			"(--kd defaults to 1.9 mM); missing: --rmax, --beta" + System.lineSeparator(), r.err);
	}

	/**
	 * {@code --help} is an answer, not a mistake: exit code 0, the usage on stdout, nothing on stderr, for
	 * {@code magratio} and every subcommand (README: "every option, with units and defaults").
	 */
	@Test
	void helpOfEverySubcommandExitsZeroWithItsUsageOnStdout() {
		CliRun top = CliRun.run("--help");
		assertEquals(0, top.code, top.err);
		assertEquals("", top.err);
		org.junit.jupiter.api.Assertions.assertTrue(top.out.startsWith("Usage: magratio "), top.out);
		java.util.Map<String, picocli.CommandLine> subs = Main.commandLine().getSubcommands();
		java.util.Set<String> names = subs.keySet();
		for (String name : new String[] { "run", "batch", "demo", "calibrate", "titrate", "synth", "nmr", "aas" })
			org.junit.jupiter.api.Assertions.assertTrue(names.contains(name), name + " is not a subcommand: " + names);
		for (String name : names) {
			if (name.equals("help")) continue;
			CliRun r = CliRun.run(name, "--help");
			assertEquals(0, r.code, name + " --help: " + r.err);
			assertEquals("", r.err, name + " --help");
			org.junit.jupiter.api.Assertions.assertTrue(r.out.startsWith("Usage: magratio " + name), name + ": " + r.out);
			// internal subcommands (the SLURM task a job array runs) are hidden from the list
			boolean hidden = subs.get(name).getCommandSpec().usageMessage().hidden();
			org.junit.jupiter.api.Assertions.assertTrue(hidden || top.out.contains("  " + name + " "),
				"magratio --help does not list " + name);
		}
	}
}
