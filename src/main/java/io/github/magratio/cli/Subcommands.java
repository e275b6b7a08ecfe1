package io.github.magratio.cli;

import java.util.ArrayList;
import java.util.List;

/** The list of subcommands of {@code magratio}, one line each, in the order {@code --help} shows them. */
final class Subcommands {

	private Subcommands() {}

	static List<Object> all() {
		List<Object> subs = new ArrayList<>();
		subs.add(new RunCli());
		subs.add(new MeasureTracksCli());
		subs.add(new BatchCli());
		subs.add(new SlurmCli());
		subs.add(new SlurmStatusCli());
		subs.add(new SlurmTaskCli.Task());
		subs.add(new SlurmTaskCli.Merge());
		subs.add(new DemoCli());
		subs.add(new SegmentEvalCli());
		subs.add(new CalibrateCli());
		subs.add(new TitrateCli());
		subs.add(SynthCli.commandLine());
		subs.add(new NmrCli());
		subs.add(new AasCli());
		subs.add(new BenchCli());
		return subs;
	}
}
