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
			// an unknown option is the mistake to name, even when picocli first missed a required one it stood for
			String unknown = unknownOption(c, args);
			String problem = unknown != null ? unknown : ex.getMessage();
			c.getErr().println("magratio: " + Failure.of(new IllegalArgumentException(problem)).message +
				" (see 'magratio" + (c.getParent() != null ? " " + c.getCommandName() : "") + " --help')");
			c.getErr().flush();
			return EXIT_USAGE;
		});
		return cl;
	}

	/**
	 * @return "unknown option '--x'" with the nearest real option (its spelling in another case, one being the
	 *         start of the other, or at most two letters apart) for the first argument of the subcommand that looks
	 *         like an option and is not one, or null
	 */
	static String unknownOption(CommandLine c, String[] args) {
		CommandLine.Model.CommandSpec spec = c.getCommandSpec();
		boolean inSub = c.getParent() == null;
		for (String a : args) {
			if (!inSub) {
				inSub = a.equals(c.getCommandName());
				continue;
			}
			if (a.equals("--")) return null;
			if (!a.startsWith("-") || a.equals("-") || a.matches("-\\d.*")) continue; // a value, e.g. -0.5
			String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
			if (spec.findOption(name) != null || spec.subcommands().containsKey(name)) continue;
			if (!name.startsWith("--") && name.length() > 2 && spec.findOption(name.substring(0, 2)) != null) continue;
			String near = nearest(name, spec);
			return "unknown option '" + name + "'" + (near != null ? " (did you mean " + near + "?)" : "");
		}
		return null;
	}

	private static String nearest(String name, CommandLine.Model.CommandSpec spec) {
		java.util.List<String> names = new java.util.ArrayList<>();
		for (CommandLine.Model.OptionSpec o : spec.options())
			names.addAll(java.util.Arrays.asList(o.names()));
		return io.github.magratio.util.Text.nearest(name, names);
	}

	/** @return true when --debug was given anywhere on the command line that {@code line} is part of */
	static boolean debug(CommandLine line) {
		CommandLine root = line;
		while (root.getParent() != null)
			root = root.getParent();
		return root.getParseResult() != null && debug(root.getParseResult());
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
		System.setProperty(Version.COMMAND_LINE_PROPERTY, commandLine(args));
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

	/** @return the arguments as a shell would take them back: {@code magratio run 'my file.tif' --out OUT} */
	static String commandLine(String[] args) {
		StringBuilder b = new StringBuilder("magratio");
		for (String a : args)
			b.append(' ').append(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
		return b.toString();
	}

	/** Reports the software version for {@code --version}. */
	static final class VersionProvider implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			return new String[] { "MagRatio " + Version.get() };
		}
	}
}
