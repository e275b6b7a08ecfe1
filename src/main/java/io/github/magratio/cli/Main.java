package io.github.magratio.cli;

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

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

	/** Builds the command line with every subcommand; used by {@link #main} and by tests. */
	public static CommandLine commandLine() {
		CommandLine cl = new CommandLine(new Main());
		for (Object sub : Subcommands.all())
			cl.addSubcommand(sub);
		cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
			if (ex instanceof IllegalArgumentException) {
				line.getErr().println("magratio: " + ex.getMessage());
				return EXIT_USAGE;
			}
			line.getErr().println("magratio: " + ex);
			ex.printStackTrace(line.getErr());
			return EXIT_FAILURE;
		});
		return cl;
	}

	/** Runs the command line and exits the JVM with its exit code. */
	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		int code = commandLine().execute(args);
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
