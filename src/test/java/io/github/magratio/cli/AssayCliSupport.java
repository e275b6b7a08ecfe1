package io.github.magratio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** Runs {@code magratio} in-process with captured stdout and stderr. */
final class AssayCliSupport {

	final int code;
	final String out, err;

	private AssayCliSupport(int code, String out, String err) {
		this.code = code;
		this.out = out;
		this.err = err;
	}

	static AssayCliSupport run(String... args) {
		System.setProperty("java.awt.headless", "true");
		CommandLine cl = Main.commandLine();
		StringWriter o = new StringWriter(), e = new StringWriter();
		cl.setOut(new PrintWriter(o, true));
		cl.setErr(new PrintWriter(e, true));
		int code = cl.execute(args);
		return new AssayCliSupport(code, o.toString(), e.toString());
	}
}
