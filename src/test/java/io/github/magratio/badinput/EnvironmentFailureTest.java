package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.cli.ChildJvm;
import io.github.magratio.cli.CliRun;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment and process cases of docs/bad-inputs.md, in child JVMs where the real process matters: a write that
 * the operating system refuses (file size limit, as a full disk does), a folder that cannot be created, stdout that
 * must hold only the command's output, the C locale, link loops and what a killed run left behind.
 */
class EnvironmentFailureTest {

	@TempDir
	static Path tmp;
	static Path big;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		// 160 x 128 px, 12 frames: ratio.tif is 983 KB
		big = Bad.save(SyntheticRecording.generate(SynthSettings.builder().seed(3).frames(12).build()).imagePlus(), tmp
			.resolve("big.tif"));
	}

	static String[] run(Path out) {
		return new String[] { "run", big.toString(), "--out", out.toString(), "--kd", "1.5", "--rmin", "0.4", "--rmax",
			"4", "--beta", "3", "-q" };
	}

	static void nothingVisible(Path dir) throws Exception {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			assertEquals(1, s.count(), "nothing left in " + dir);
		}
	}

	@Test
	void aWriteRefusedByTheSystemExits1NamingTheFile() throws Exception {
		// a file size limit of 500 KB: the system refuses the write of ratio.tif (EFBIG), as a full disk does (ENOSPC)
		Path out = tmp.resolve("limited");
		ChildJvm.Result r = ChildJvm.viaShell(tmp.resolve("logs1"), "trap '' XFSZ; ulimit -f 500", run(out));
		Bad.environmentFailure(r.code, r.err, "cannot write " + out, "ratio.tif", "File too large");
		nothingVisible(out);
	}

	@Test
	void aCompressedRecordingLargerThanTheHeapIsReadToItsLastFrame() throws Exception {
		// 2500 frames of 80 x 64 px in two channels: 51 MB of pixels, deflate-compressed, run with a 32 MB heap
		// (ImageJ's reader decompressed all of it into memory and cut it short)
		java.util.List<short[]> six = Bad.interleaved(Bad.synth(13));
		java.util.List<short[]> planes = new java.util.ArrayList<>();
		for (int t = 0; t < 2500; t++) {
			planes.add(six.get(2 * (t % 6)));
			planes.add(six.get(2 * (t % 6) + 1));
		}
		Path f = Files.write(tmp.resolve("long.tif"), Bad.hyperstack(planes, 80, 64, true, -1, null));
		Path out = tmp.resolve("long-out");
		ChildJvm.Result r = ChildJvm.run(tmp.resolve("logs5"), ChildJvm.commandWithHeap("32m", "run", f.toString(),
			"--out", out.toString(), "--kd", "1.5", "--rmin", "0.4", "--rmax", "4", "--beta", "3", "-q"));
		assertEquals(0, r.code, r.err);
		io.github.magratio.util.Csv.Table cells = io.github.magratio.util.Csv.read(out.resolve("long/cells.csv"));
		assertEquals("2499", cells.rows().get(cells.rows().size() - 1).get(cells.column("frame")), "every frame");
	}

	@Test
	void aPngThatCannotBeWrittenIsAnErrorAndNoTruncatedFileIsLeft() throws Exception {
		Path std = Files.write(tmp.resolve("std.csv"), BadTablesTest.STANDARDS.getBytes(StandardCharsets.UTF_8));
		Path samples = Files.write(tmp.resolve("s.csv"), "sample,absorbance\nA,0.1\n".getBytes());
		Path out = tmp.resolve("aas");
		// 8 KB: results.csv and fit.json fit, curve.png does not
		ChildJvm.Result r = ChildJvm.viaShell(tmp.resolve("logs2"), "trap '' XFSZ; ulimit -f 8", "aas", "--standards",
			std.toString(), "--samples", samples.toString(), "--out", out.toString());
		Bad.environmentFailure(r.code, r.err, "cannot write " + out.resolve("curve.png"), "File too large");
		assertFalse(Files.exists(out.resolve("curve.png")), "no truncated curve.png");
		try (Stream<Path> s = Files.list(out)) {
			assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left");
		}
	}

	@Test
	void anOutputFolderThatCannotBeCreatedExits1NamingIt() throws Exception {
		// /sys refuses new entries even to root: an environment failure, not the user's input
		CliRun r = CliRun.run(run(Path.of("/sys/magratio-test-output")));
		Bad.environmentFailure(r.code, r.err, "cannot write /sys/magratio-test-output");
		assertTrue(r.err.contains("Operation not permitted") || r.err.contains("Read-only file system") || r.err
			.contains("Permission denied"), "the system's reason: " + r.err);
	}

	@Test
	void stdoutHoldsOnlyTheJsonLineAndNaNIsNull() throws Exception {
		// a free-ATP fraction of 0.989 determines no [Mg2+]: its NaN values are written as null
		ChildJvm.Result r = ChildJvm.magratio(tmp.resolve("logs3"), "nmr", "--beta-shift-ppm", "-18.55");
		assertEquals(0, r.code, r.err);
		String[] lines = r.out.trim().split("\n");
		assertEquals(1, lines.length, "one line on stdout: " + r.out);
		JsonObject o = Json.parse(lines[0], "stdout").getAsJsonObject();
		assertTrue(o.get("free_mg_mM").isJsonNull(), lines[0]);
		assertFalse(r.out.contains("NaN") || r.out.contains("Infinity"), r.out);
	}

	@Test
	void nonAsciiPathsWorkUnderTheCLocale() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("Messung-\u00fc\u00b5"));
		Path helper = Path.of("scripts/utf8-locale").toAbsolutePath();
		ChildJvm.Result r = ChildJvm.viaShell(tmp.resolve("logs4"), "export LC_ALL=C; . '" + helper + "'", "synth",
			"--out", dir.toString(), "--frames", "2");
		assertEquals(0, r.code, r.err);
		assertTrue(Files.exists(dir.resolve("synthetic.tif")));
	}

	@Test
	void aLinkLoopIsNamedAsSuch() throws Exception {
		Path a = tmp.resolve("loop-a.tif"), b = tmp.resolve("loop-b.tif");
		Files.createSymbolicLink(a, b);
		Files.createSymbolicLink(b, a);
		Bad.userError(Bad.run(a.toString(), "--out", tmp.resolve("o").toString()), "loop-a.tif",
			"symbolic link that leads nowhere");
	}

	@Test
	void theTemporaryFolderOfAKilledRunIsRemovedByTheNextRun() throws Exception {
		Path out = Files.createDirectories(tmp.resolve("stale"));
		String token = AtomicFiles.ownerToken();
		String host = token.substring(0, token.lastIndexOf('-', token.lastIndexOf('-') - 1));
		// a temporary folder of a process of this host that no longer runs (pid far above pid_max)
		Path stale = Files.createDirectories(out.resolve(".big.tmp-" + host + "-99999999-deadbeef"));
		Files.write(stale.resolve("ratio.tif"), new byte[1 << 20]);
		Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
		// one of a process that still runs (this one) is left alone
		Path live = Files.createDirectories(out.resolve(".big.tmp-" + token));
		CliRun r = CliRun.run(run(out));
		assertEquals(0, r.code, r.err);
		assertFalse(Files.exists(stale), "the stale temporary is gone");
		assertTrue(Files.exists(live), "a live process's temporary is kept");
		assertTrue(Files.exists(out.resolve("big/cells.csv")));
	}
}
