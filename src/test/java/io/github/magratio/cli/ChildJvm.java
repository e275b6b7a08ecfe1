package io.github.magratio.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code magratio} as the command line does, in a child JVM with the test classpath, for what needs a real
 * process: its exit code after {@link Main#main} calls {@code System.exit}, its own stdout, SIGKILL, a locale or a
 * resource limit of its own.
 */
public final class ChildJvm {

	/** Exit code, stdout and stderr of a finished child. */
	public static final class Result {
		public final int code;
		public final String out, err;

		Result(int code, String out, String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}
	}

	private ChildJvm() {}

	/** @return the java command for {@code magratio ARGS} (small heap, quick start) */
	public static List<String> command(String... args) {
		return commandWithHeap("256m", args);
	}

	/** @return the java command for {@code magratio ARGS} with the given -Xmx */
	public static List<String> commandWithHeap(String heap, String... args) {
		List<String> cmd = new ArrayList<>(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp",
			System.getProperty("java.class.path"), Main.class.getName()));
		cmd.addAll(Arrays.asList(args));
		return cmd;
	}

	/** Starts the child with stdout and stderr to files in {@code logs}. */
	public static Process start(Path logs, List<String> cmd) throws IOException {
		Files.createDirectories(logs);
		return new ProcessBuilder(cmd).redirectOutput(logs.resolve("out.txt").toFile()).redirectError(logs.resolve(
			"err.txt").toFile()).start();
	}

	/** Runs {@code cmd} to its end (at most two minutes). */
	public static Result run(Path logs, List<String> cmd) throws Exception {
		Process p = start(logs, cmd);
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("child did not finish in 120 s: " + cmd);
		}
		return new Result(p.exitValue(), new String(Files.readAllBytes(logs.resolve("out.txt")), StandardCharsets.UTF_8),
			new String(Files.readAllBytes(logs.resolve("err.txt")), StandardCharsets.UTF_8));
	}

	/** Runs {@code magratio ARGS} in a child JVM. */
	public static Result magratio(Path logs, String... args) throws Exception {
		return run(logs, command(args));
	}

	/** Runs {@code magratio ARGS} through bash with {@code prefix} before exec (ulimit, trap, locale). */
	public static Result viaShell(Path logs, String prefix, String... args) throws Exception {
		StringBuilder b = new StringBuilder(prefix).append("; exec");
		for (String a : command(args))
			b.append(" '").append(a.replace("'", "'\\''")).append("'");
		return run(logs, Arrays.asList("bash", "-c", b.toString()));
	}
}
