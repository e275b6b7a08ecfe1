package io.github.magratio.cli;

import io.github.magratio.util.Failure;
import io.github.magratio.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Headless entry point of {@code scripts/magratio}. Every subcommand returns an exit code; {@link #main} always ends
 * the JVM explicitly because ImageJ's multi-threaded filters leave non-daemon threads behind.
 */
@Command(name = "magratio", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
	description = "Ratiometric Mag-Fura-2 imaging to calibrated free [Mg2+] per cell and frame, and the 31P NMR " +
		"and AAS calculators.%n", subcommands = { CommandLine.HelpCommand.class })
public final class Main implements Runnable {

	/** Exit code for invalid input or settings. */
	public static final int EXIT_USAGE = 2;
	/** Exit code for a processing failure. */
	public static final int EXIT_FAILURE = 1;

	/** Prints the stack trace of a failure; inherited by every subcommand. */
	@CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
		description = "On a failure, also print its Java stack trace (for bug reports).")
	boolean debug;

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

	/** Builds the command line with every subcommand; used by {@link #main} and by tests. */
	public static CommandLine commandLine() {
		CommandLine cl = new CommandLine(new Main());
		for (Object sub : Subcommands.all())
			cl.addSubcommand(sub);
		// one error path: a user mistake exits 2, an environment failure 1, each as one line naming the file or key
		cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
			Failure f = Failure.of(ex);
			line.getErr().println("magratio: " + f.message);
			if (debug(parseResult)) ex.printStackTrace(line.getErr());
			line.getErr().flush();
			return f.exitCode();
		});
		cl.setParameterExceptionHandler((ex, args) -> {
			CommandLine c = ex.getCommandLine();
			c.getErr().println("magratio: " + Failure.of(new IllegalArgumentException(ex.getMessage())).message +
				" (see 'magratio" + (c.getParent() != null ? " " + c.getCommandName() : "") + " --help')");
			c.getErr().flush();
			return EXIT_USAGE;
		});
		return cl;
	}

	private static boolean debug(CommandLine.ParseResult r) {
		for (CommandLine.ParseResult p = r; p != null; p = p.subcommand())
			if (p.hasMatchedOption("--debug")) return true;
		return false;
	}

	/**
	 * Runs the command line and exits the JVM with its exit code. Only the command's own output goes to stdout
	 * (e.g. nmr's JSON): whatever a library prints there (ImageJ logs to System.out when headless) goes to stderr.
	 */
	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		java.io.PrintStream stdout = System.out;
		System.setOut(System.err);
		CommandLine cl = commandLine();
		cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8),
			true));
		int code;
		try {
			code = cl.execute(args);
		} catch (Throwable t) {
			// an error outside the command (e.g. out of memory while picocli reports): still one line and a code
			Failure f = Failure.of(t);
			System.err.println("magratio: " + f.message);
			code = f.exitCode();
		}
		stdout.flush();
		System.exit(code);
	}

	/** Reports the software version for {@code --version}. */
	static final class VersionProvider implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			return new String[] { "MagRatio " + Version.get() };
		}
	}
}
