package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/**
 * plugins.config (shipped only in MagRatio_.jar, for plain ImageJ 1) has one entry per MagRatio SciJava command, at the
 * command's own menu path and label, so a macro recorded in plain ImageJ runs unchanged in Fiji and vice versa; and the
 * main jar (the one Fiji gets) carries no plugins.config, so Fiji lists each command once.
 */
class PluginsConfigTest {

	static final Pattern ENTRY = Pattern.compile("^(Plugins>[^,]+), \"([^\"]+)\", io\\.github\\.magratio\\.ij1\\." +
		"MagRatioPlugIn\\(\"([\\w.]+)\"\\)$");

	@Test
	void oneEntryPerCommandAtItsMenuPath() throws Exception {
		Map<String, String> entries = new HashMap<>(); // class -> "menu>label"
		for (String line : Files.readAllLines(Paths.get("src/main/ij1/plugins.config"))) {
			if (line.startsWith("#") || line.trim().isEmpty()) continue;
			Matcher m = ENTRY.matcher(line);
			assertTrue(m.matches(), "malformed: " + line);
			assertEquals(null, entries.put(m.group(3), m.group(1) + ">" + m.group(2)), "twice: " + m.group(3));
			assertEquals(m.group(3), MagRatioPlugIn.commandClass(m.group(3)).getName());
		}
		System.setProperty("java.awt.headless", "true");
		Map<String, String> commands = new HashMap<>();
		try (Context context = new Context(CommandService.class)) {
			for (CommandInfo info : context.service(CommandService.class).getCommands())
				if (info.getClassName().startsWith(MagRatioPlugIn.COMMAND_PACKAGE)) commands.put(info.getClassName(), info
					.getMenuPath().getMenuString(true).replace(" > ", ">"));
		}
		assertEquals(commands, entries);
	}

	@Test
	void theMainJarCarriesNoPluginsConfig() throws Exception {
		try (Stream<Path> files = Files.walk(Paths.get("src/main/resources"))) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("plugins.config")));
		}
		assertEquals(null, MagRatioPlugIn.class.getClassLoader().getResource("plugins.config"));
	}

	@Test
	void dialogFieldsShowDefaultsExactly() {
		assertEquals(0, MagRatioPlugIn.Dialogs.decimals(30));
		assertEquals(1, MagRatioPlugIn.Dialogs.decimals(1.5));
		assertEquals(2, MagRatioPlugIn.Dialogs.decimals(-16.18));
		assertEquals(0, MagRatioPlugIn.Dialogs.decimals(Double.NaN));
	}
}
