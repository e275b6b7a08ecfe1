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

	/**
	 * The five calibration parameters are declared in each command that converts to [Mg2+] (SciJava would put them
	 * first if a superclass declared them, see {@link TypedCalibration}): they must stay alike in every one, as the
	 * macro keys of the documentation, in this order, one after the other, with the shared labels, descriptions and
	 * defaults.
	 */
	@Test
	void everyConvertingCommandHasTheSameFiveCalibrationParameters() throws Exception {
		List<String> keys = List.of("calibration", "kd", "rmin", "rmax", "beta");
		List<String> labels = List.of(TypedCalibration.FILE_LABEL, TypedCalibration.KD_LABEL, TypedCalibration.RMIN_LABEL,
			TypedCalibration.RMAX_LABEL, TypedCalibration.BETA_LABEL);
		List<String> descriptions = List.of(TypedCalibration.FILE_DESCRIPTION, TypedCalibration.KD_DESCRIPTION,
			TypedCalibration.RMIN_DESCRIPTION, TypedCalibration.RMAX_DESCRIPTION, TypedCalibration.BETA_DESCRIPTION);
		for (Class<? extends org.scijava.command.Command> c : List.of(RunPipelineCommand.class, RatioToMgCommand.class,
			MeasureTrackMateTracksCommand.class))
		{
			List<ModuleItem<?>> inputs = new ArrayList<>();
			for (ModuleItem<?> item : new CommandInfo(c).inputs())
				inputs.add(item);
			int first = -1;
			for (int i = 0; i < inputs.size(); i++)
				if (inputs.get(i).getName().equals("calibration")) first = i;
			assertTrue(first > 0, c.getSimpleName() + ": the calibration file comes after the command's own input");
			Object command = c.getDeclaredConstructor().newInstance();
			for (int k = 0; k < keys.size(); k++) {
				ModuleItem<?> item = inputs.get(first + k);
				String where = c.getSimpleName() + " input " + (first + k);
				assertEquals(keys.get(k), item.getName(), where);
				assertEquals(labels.get(k), item.getLabel(), where);
				assertEquals(descriptions.get(k), item.getDescription(), where);
				assertEquals(k == 0 ? String.class : double.class, item.getType(), where);
				java.lang.reflect.Field f = field(c, keys.get(k));
				f.setAccessible(true);
				Object initial = f.get(command);
				if (k == 0) {
					assertEquals("", initial, where);
					assertEquals(TypedCalibration.FILE_STYLE, item.getWidgetStyle(), where);
				}
				else assertTrue(Double.isNaN((Double) initial), where + " defaults to " + initial + ", not NaN");
			}
		}
	}

	private static java.lang.reflect.Field field(Class<?> c, String name) throws NoSuchFieldException {
		for (Class<?> k = c; k != null; k = k.getSuperclass())
			try {
				return k.getDeclaredField(name);
			} catch (NoSuchFieldException e) {
				// in a superclass
			}
		throw new NoSuchFieldException(c + "." + name);
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
			// a field name the table words messages with is how the dialogs of the commands that take the settings
			// label that field (the assay calculators' kd and beta are other quantities)
			Set<String> misnamed = new java.util.TreeSet<>();
			int named = 0;
			for (Class<?> c : List.of(RunPipelineCommand.class, RatioToMgCommand.class, MeasureTrackMateTracksCommand.class,
				BatchPipelineCommand.class))
				for (ModuleItem<?> item : new CommandInfo(c.getName()).inputs())
					for (java.util.Map.Entry<String, String> e : io.github.magratio.pipeline.SettingNames.macroKeys()
						.entrySet())
					{
						String field = io.github.magratio.pipeline.SettingNames.field(e.getKey());
						if (field == null || !e.getValue().equals(item.getName())) continue;
						named++;
						if (!item.getLabel().equals(field) && !item.getLabel().startsWith(field + " ")) misnamed.add(c
							.getSimpleName() + " " + item.getName() + ": '" + item.getLabel() + "' is not field '" + field +
							"'");
					}
			assertEquals(new java.util.TreeSet<>(), misnamed);
			assertEquals(16, named, "inputs with a field name: 5 calibration fields in 3 commands, Batch's file");
		}
	}

	@Test
	void thresholdChoicesAreImageJsMethods() throws Exception {
		String[] choices = SegmentCellsCommand.class.getDeclaredField("threshold").getAnnotation(
			org.scijava.plugin.Parameter.class).choices();
		assertArrayEquals(Thresholds.names(), choices);
	}
}
