package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.command.RatioImageCommand;
import io.github.magratio.command.SegmentCellsCommand;
import io.github.magratio.command.SubtractBackgroundCommand;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

/**
 * chain-demo.ijm promises the CLI's table on any recording: every value its step lines give is the command's
 * default (the CLI's, see CommandChainTest), and every checkbox that is on by default is listed (a missing boolean
 * key means off in a macro). Read from the macro's text, so a hard-coded value such as {@code tolerance=1} fails.
 */
class ExampleMacroDefaultsTest {

	@Test
	void chainDemoGivesEveryStepItsDefaults() throws Exception {
		List<String> macro = Files.readAllLines(Paths.get("scripts/examples/chain-demo.ijm"));
		check(macro, "Segment Cells", SegmentCellsCommand.class);
		check(macro, "Subtract Background (MagRatio)", SubtractBackgroundCommand.class);
		check(macro, "Ratio Image", RatioImageCommand.class);
	}

	private static void check(List<String> macro, String command, Class<?> type) throws Exception {
		String line = null;
		for (String l : macro)
			if (l.startsWith("run(\"" + command + "\"")) line = l;
		assertTrue(line != null, "no " + command + " line");
		Object defaults = type.getDeclaredConstructor().newInstance();
		Set<String> given = new HashSet<>();
		// the literal parts of the options string: key=value or key
		Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(line.substring(line.indexOf(',')));
		while (literal.find())
			for (String token : literal.group(1).trim().split("\\s+")) {
				if (token.isEmpty() || token.startsWith("-")) continue; // the rest of a title: rec + "-labels"
				String[] kv = token.split("=", 2);
				Field f = type.getDeclaredField(kv[0]);
				f.setAccessible(true);
				given.add(kv[0]);
				Object d = f.get(defaults);
				if (kv.length == 1 || kv[1].isEmpty()) {
					if (f.getType() == boolean.class) assertEquals(true, d, command + ": " + kv[0] + " is off by default");
					continue; // a value the macro joins in (a title)
				}
				if (d instanceof Number) assertEquals(((Number) d).doubleValue(), Double.parseDouble(kv[1]), 0, command +
					": " + token + ", default " + d);
				else if (d instanceof String) assertEquals(d, kv[1], command + ": " + token);
			}
		for (Field f : type.getDeclaredFields())
			if (f.getType() == boolean.class && f.isAnnotationPresent(Parameter.class) && !f.getName().equals(
				"overwrite"))
			{
				f.setAccessible(true);
				if (Boolean.TRUE.equals(f.get(defaults))) assertTrue(given.contains(f.getName()), command + ": " + f
					.getName() + " is on by default but not listed (so the macro turns it off)");
			}
	}
}
