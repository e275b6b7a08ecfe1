package io.github.magratio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** Runs {@code magratio} in-process with captured stdout and stderr (shared by the CLI tests). */
public final class CliRun {

	/** Exit code. */
	public final int code;
	/** Captured stdout and stderr. */
	public final String out, err;

	private CliRun(int code, String out, String err) {
		this.code = code;
		this.out = out;
		this.err = err;
	}

	public static CliRun run(String... args) {
		System.setProperty("java.awt.headless", "true");
		CommandLine cl = Main.commandLine();
		StringWriter o = new StringWriter(), e = new StringWriter();
		cl.setOut(new PrintWriter(o, true));
		cl.setErr(new PrintWriter(e, true));
		int code = cl.execute(args);
		return new CliRun(code, o.toString(), e.toString());
	}
}
