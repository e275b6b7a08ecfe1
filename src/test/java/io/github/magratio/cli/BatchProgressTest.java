package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.batch.BatchFixture;
import io.github.magratio.slurm.JavaCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch's progress on stderr, in a real terminal (a pseudo-terminal from util-linux's {@code script}): with
 * stderr redirected to a log ({@code batch ... 2>log}, stdin and stdout still the terminal) the log gets plain lines,
 * a line per file with files done / total, frames per second and time left, and never a cursor code; with stderr on
 * the terminal the bar rewrites itself.
 */
class BatchProgressTest {

	@TempDir
	static Path tmp;

	static Path in;

	@BeforeAll
	static void inputs() throws Exception {
		BatchFixture f = BatchFixture.get();
		in = Files.createDirectories(tmp.resolve("in"));
		Files.copy(f.truth.resolve("s1.tif"), in.resolve("a.tif"));
		Files.copy(f.truth.resolve("s7.tif"), in.resolve("b.tif"));
	}

	static String quote(String s) {
		return "'" + s.replace("'", "'\\''") + "'";
	}

	/** Runs {@code magratio batch} in a pseudo-terminal; {@code shellTail} redirects its stderr; returns the terminal's text. */
	static String inTerminal(Path out, String shellTail) throws Exception {
		List<String> cmd = new ArrayList<>(Arrays.asList(JavaCommand.java().toString(), "-Xmx512m",
			"-Djava.awt.headless=true", "-cp", JavaCommand.classpathString(), "io.github.magratio.cli.Main", "batch", "--in",
			in.toString(), "--out", out.toString(), "--config", BatchFixture.get().settings.toString(), "--threads", "1"));
		StringBuilder line = new StringBuilder();
		for (String c : cmd)
			line.append(quote(c)).append(' ');
		Process p = new ProcessBuilder("script", "-qec", line + shellTail, "/dev/null").redirectInput(
			ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
		String terminal = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(180, TimeUnit.SECONDS), terminal);
		assertEquals(0, p.exitValue(), terminal);
		return terminal;
	}

	@Test
	void stderrRedirectedToALogGetsPlainLinesWithTheProgress() throws Exception {
		Path log = tmp.resolve("batch.log");
		String terminal = inTerminal(tmp.resolve("out-log"), "2>" + quote(log.toString()));
		assertTrue(terminal.contains("batch: 2 inputs: 2 ok"), "the summary on stdout, the terminal: " + terminal);
		String text = Files.readString(log);
		assertFalse(text.contains("\u001b") || text.contains("\r"), "no cursor codes in a log:\n" + text);
		String[] lines = text.split("\n");
		assertEquals("batch: 2 inputs (" + String.format(java.util.Locale.ROOT, "%.1f", (Files.size(in.resolve(
			"a.tif")) + Files.size(in.resolve("b.tif"))) / (double) (1 << 20)) + " MiB) on 1 thread", lines[0]);
		Pattern perFile = Pattern.compile("\\[(\\d)/2\\] ok [ab]\\.tif \\(\\d+ cells, 20 frames, [0-9.]+ s\\); \\1/2 " +
			"files, [0-9]+\\.[0-9] frames/s, (\\d+ s|\\d+ min \\d\\d s) left");
		assertTrue(perFile.matcher(lines[1]).matches(), lines[1]);
		assertTrue(lines[2].matches("\\[2/2\\] ok [ab]\\.tif \\(\\d+ cells, 20 frames, [0-9.]+ s\\); 2/2 files, " +
			"[0-9]+\\.[0-9] frames/s, done in \\d+ s"), lines[2]);
	}

	@Test
	void stderrOnTheTerminalGetsTheSelfRewritingBar() throws Exception {
		String terminal = inTerminal(tmp.resolve("out-tty"), "");
		assertTrue(terminal.contains("\r[") && terminal.contains("\u001b[K"), "a bar redrawn in place:\n" + terminal);
		assertTrue(terminal.contains("2/2 files"), terminal);
	}
}
