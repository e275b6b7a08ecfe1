package io.github.magratio.cli;

import java.util.ArrayList;
import java.util.List;

/** The list of subcommands of {@code magratio}, one line each, in the order {@code --help} shows them. */
final class Subcommands {

	private Subcommands() {}

	static List<Object> all() {
		List<Object> subs = new ArrayList<>();
		subs.add(new RunCli());
		subs.add(new SynthCli());
		subs.add(new CalibrateCli());
		subs.add(new TitrateCli());
		return subs;
	}
}
