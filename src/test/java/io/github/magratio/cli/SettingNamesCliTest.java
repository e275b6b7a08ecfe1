package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.SettingNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The table of {@link SettingNames} against the real command lines: every flag of {@code run} that sets a settings
 * key is the table's option of that key, and every option of the table is a flag of a subcommand that loads settings.
 */
class SettingNamesCliTest {

	/** Flags of run that are not settings. */
	static final List<String> NOT_SETTINGS = Arrays.asList("--out", "--config", "--overwrite", "--quiet", "--f340",
		"--f380", "--help", "--version", "--debug");

	static String value(OptionSpec o) {
		Class<?> t = o.type();
		return t == String.class ? "x" : "3";
	}

	@Test
	void everyFlagOfRunIsTheTablesOptionOfTheKeyItSets() {
		int checked = 0;
		for (OptionSpec o : new CommandLine(new RunCli()).getCommandSpec().options()) {
			if (NOT_SETTINGS.contains(o.longestName())) continue;
			RunCli run = new RunCli();
			List<String> args = new ArrayList<>(Arrays.asList("rec.tif", "--out", "o", o.longestName()));
			if (o.arity().max() > 0) args.add(value(o));
			new CommandLine(run).parseArgs(args.toArray(new String[0]));
			JsonObject flags = run.overrides();
			assertEquals(1, flags.size(), o.longestName() + " sets " + flags);
			String key = flags.keySet().iterator().next();
			assertEquals(o.longestName(), SettingNames.option(key), "the table's option of " + key);
			checked++;
		}
		assertTrue(checked >= 50, checked + " flags");
	}

	@Test
	void everyOptionOfTheTableIsAFlag() {
		List<CommandLine> loaders = Arrays.asList(new CommandLine(new RunCli()), new CommandLine(new BatchCli()),
			new CommandLine(new CalibrateCli()), new CommandLine(new SegmentEvalCli()));
		TreeSet<String> missing = new TreeSet<>();
		for (Map.Entry<String, String> e : SettingNames.options().entrySet()) {
			if (e.getValue() == null) continue;
			boolean found = false;
			for (CommandLine c : loaders)
				found |= c.getCommandSpec().findOption(e.getValue()) != null;
			if (!found) missing.add(e.getKey() + " -> " + e.getValue());
		}
		assertEquals(new TreeSet<>(), missing);
		// the batch's pair markers are options of batch, not of run
		assertTrue(new CommandLine(new BatchCli()).getCommandSpec().findOption(SettingNames.option(
			PipelineSettings.KEY_PAIR340)) != null);
	}
}
