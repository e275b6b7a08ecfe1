package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.ij.Thresholds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/** Every MagRatio command is a valid, headless, documented SciJava command with a menu path of its own. */
class CommandInfoTest {

	static final List<String> MENUS = List.of("Plugins>MagRatio>Segment Cells",
		"Plugins>MagRatio>Subtract Background (MagRatio)", "Plugins>MagRatio>Ratio Image",
		"Plugins>MagRatio>Ratio to [Mg2+]", "Plugins>MagRatio>Measure Cells", "Plugins>MagRatio>Run Pipeline", "Plugins>MagRatio>Batch Pipeline",
		"Plugins>MagRatio>Tools>Generate Synthetic Recording", "Plugins>MagRatio>Tools>31P NMR Free Mg",
		"Plugins>MagRatio>Tools>AAS Standard Curve", "Plugins>MagRatio>In-situ Calibration", "Plugins>MagRatio>Fit Kd",
		"Plugins>MagRatio>Tools>Export to TrackMate", "Plugins>MagRatio>Tools>Measure TrackMate Tracks");

	@Test
	void everyCommandIsValidHeadlessDocumentedAndInTheMenuOnce() {
		System.setProperty("java.awt.headless", "true");
		try (Context context = new Context(CommandService.class)) {
			List<CommandInfo> ours = new ArrayList<>();
			for (CommandInfo info : context.service(CommandService.class).getCommands())
				if (info.getClassName().startsWith("io.github.magratio.command.")) ours.add(info);
			assertEquals(MENUS.size(), ours.size());
			Set<String> menus = new HashSet<>();
			for (CommandInfo info : ours) {
				assertTrue(info.isValid(), info.getClassName() + ": " + info.getProblems());
				assertTrue(info.canRunHeadless(), info.getClassName());
				String menu = info.getMenuPath().getMenuString(true).replace(" > ", ">");
				assertTrue(menus.add(menu), "menu path twice: " + menu);
				for (ModuleItem<?> item : info.inputs()) {
					if (org.scijava.service.Service.class.isAssignableFrom(item.getType()) || item.getType() == Context.class) continue;
					assertTrue(item.getName().matches("[a-z0-9]+"), info.getClassName() + " key " + item.getName());
					assertNotNull(item.getLabel(), item.getName());
					assertFalse(item.getDescription() == null || item.getDescription().isEmpty(), info.getClassName() +
						" " + item.getName() + " has no description");
				}
			}
			assertEquals(new HashSet<>(MENUS), menus);
		}
	}

	/** Every macro key of the settings table is an input of a MagRatio command (no stale or misspelt macro key). */
	@Test
	void everyMacroKeyOfTheSettingsTableIsACommandInput() {
		System.setProperty("java.awt.headless", "true");
		try (Context context = new Context(CommandService.class)) {
			Set<String> inputs = new HashSet<>();
			for (CommandInfo info : context.service(CommandService.class).getCommands())
				if (info.getClassName().startsWith("io.github.magratio.command.")) for (ModuleItem<?> item : info.inputs())
					inputs.add(item.getName());
			Set<String> stale = new java.util.TreeSet<>();
			for (java.util.Map.Entry<String, String> e : io.github.magratio.pipeline.SettingNames.macroKeys().entrySet())
				if (!inputs.contains(e.getValue())) stale.add(e.getKey() + " -> " + e.getValue());
			assertEquals(new java.util.TreeSet<>(), stale);
			assertTrue(io.github.magratio.pipeline.SettingNames.macroKeys().size() >= 40);
		}
	}

	@Test
	void thresholdChoicesAreImageJsMethods() throws Exception {
		String[] choices = SegmentCellsCommand.class.getDeclaredField("threshold").getAnnotation(
			org.scijava.plugin.Parameter.class).choices();
		assertArrayEquals(Thresholds.names(), choices);
	}
}
