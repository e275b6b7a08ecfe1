package io.github.magratio.ij1;

import io.github.magratio.command.Chain;
import io.github.magratio.command.Display;
import io.github.magratio.command.ImageRegistry;
import io.github.magratio.command.MagRatioCommand;
import io.github.magratio.ij.LabelImages;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;

import java.awt.Checkbox;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandModuleItem;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;
import org.scijava.plugin.PluginService;
import org.scijava.service.Service;

/**
 * The plain-ImageJ 1 entry of every MagRatio command: {@code plugins.config} of {@code MagRatio_.jar} maps each menu
 * item to this plugin with the command's class name as argument. It fills the command's inputs from the macro options
 * (keys are the command's @Parameter names; a boolean is on when its key is present, as for ImageJ checkboxes) or,
 * run from the menu, from a {@link GenericDialog} built from the command's inputs, so ImageJ's Recorder records
 * {@code run("Segment Cells", "image=rec threshold=Otsu ...")}. It then runs the command through SciJava's
 * {@link CommandService}, shows the output images (so the next step finds them by title in the WindowManager, also in
 * batch mode) and, with a display, applies {@link Display#present}.
 * <p>
 * Each run creates its own SciJava {@link Context} and disposes it afterwards: no static state, and images travel
 * between steps through ImageJ's WindowManager as with any ImageJ 1 command. The context's plugins are found with the
 * class loader that loaded this class (ImageJ's plugin class loader, which sees {@code plugins/jars/}), not the thread's
 * context class loader, which in plain ImageJ does not see the plugins folder.
 * <p>
 * A command that fails leaves no output window: with a display the reason is shown in an error dialog (which also
 * aborts a running macro); without one it is written to the Log and the macro is aborted, or, outside a macro, an
 * {@link IllegalArgumentException} with the reason is thrown. Inside Fiji this class is not used: Fiji shows the
 * SciJava commands itself (see docs/fiji.md).
 */
public class MagRatioPlugIn implements PlugIn {

	/** Package of the commands this entry may run. */
	static final String COMMAND_PACKAGE = "io.github.magratio.command.";

	/**
	 * Runs one MagRatio command.
	 *
	 * @param arg the fully qualified class name of a command in {@code io.github.magratio.command}
	 */
	@Override
	public void run(String arg) {
		Class<? extends Command> type = commandClass(arg);
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		ClassLoader own = MagRatioPlugIn.class.getClassLoader();
		Thread.currentThread().setContextClassLoader(own);
		try (Context context = new Context(services(), new PluginIndex(new DefaultPluginFinder(own)))) {
			run(context, type);
		} finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	/**
	 * Stops the JVM with exit code 1 and the fix on stderr when this is plain ImageJ 1 without a display (e.g.
	 * {@code -Djava.awt.headless=true -batch}): there, ImageJ's own menus cannot be built, so {@code run("...")} of
	 * any command fails inside ImageJ, nothing is written, and ImageJ would exit 0. Fiji's headless mode (which
	 * patches ImageJ's menus) and any session with a display pass. Called first by the example macros:
	 * {@code call("io.github.magratio.ij1.MagRatioPlugIn.requireDisplay", "my-macro.ijm");}
	 *
	 * @param macro the macro's name, for the message
	 * @return "ok" when the commands can run
	 */
	public static String requireDisplay(String macro) {
		if (!GraphicsEnvironment.isHeadless() || fiji()) return "ok";
		System.err.println("MagRatio " + macro + ": plain ImageJ 1 cannot run commands headless (its menus are AWT " +
			"objects): nothing was done. Run it under a virtual display, e.g. xvfb-run -a java -jar ij.jar -batch " +
			macro + " ..., or use Fiji (ImageJ-linux64 --headless) or the command line (scripts/magratio run/batch)");
		System.err.flush();
		System.exit(1);
		return "exit";
	}

	/** @return true inside Fiji (ImageJ's legacy layer is there) */
	private static boolean fiji() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, MagRatioPlugIn.class.getClassLoader());
			return true;
		} catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	private static List<Class<? extends Service>> services() {
		List<Class<? extends Service>> s = new ArrayList<>();
		s.add(CommandService.class);
		s.add(ImageRegistry.class);
		s.add(LogService.class);
		return s;
	}

	@SuppressWarnings("unchecked")
	static Class<? extends Command> commandClass(String arg) {
		String name = arg == null ? "" : arg.trim();
		if (!name.startsWith(COMMAND_PACKAGE)) throw new IllegalArgumentException("MagRatio: '" + name +
			"' is not a MagRatio command (check plugins.config)");
		try {
			Class<?> c = Class.forName(name, true, MagRatioPlugIn.class.getClassLoader());
			if (!Command.class.isAssignableFrom(c)) throw new IllegalArgumentException("MagRatio: " + name +
				" is not a command");
			return (Class<? extends Command>) c;
		} catch (ClassNotFoundException e) {
			throw new IllegalArgumentException("MagRatio: no class " + name + " (is magratio-*.jar in plugins/jars?)", e);
		}
	}

	private void run(Context context, Class<? extends Command> type) {
		CommandInfo info = context.service(CommandService.class).getCommand(type);
		String title = info.getTitle();
		Map<String, Object> inputs;
		try {
			inputs = Dialogs.ask(info, title);
		} catch (IllegalArgumentException e) {
			fail(title, e.getMessage());
			return;
		}
		if (inputs == null) return; // canceled in the dialog
		CommandModule module;
		try {
			module = (CommandModule) context.service(ModuleService.class).run(info.createModule(), preprocessors(
				context), Collections.emptyList(), inputs).get();
		} catch (ExecutionException | org.scijava.module.ModuleException e) {
			fail(title, e.getCause() == null ? e.toString() : e.getCause().toString());
			return;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			fail(title, "interrupted");
			return;
		}
		if (module.isCanceled()) {
			fail(title, module.getCancelReason());
			return;
		}
		show(module, title);
	}

	/** All pre-processors (defaults, service injection, input checks); no post-processor, the outputs are shown here. */
	private static List<PreprocessorPlugin> preprocessors(Context context) {
		return context.service(PluginService.class).createInstancesOfType(PreprocessorPlugin.class);
	}

	/** Shows image outputs (registered with ImageJ, also in batch mode), the display conveniences and value outputs. */
	static void show(CommandModule module, String title) {
		List<String> values = new ArrayList<>();
		for (Map.Entry<String, Object> e : module.getOutputs().entrySet()) {
			Object v = e.getValue();
			if (v instanceof ImagePlus) {
				ImagePlus imp = (ImagePlus) v;
				Display.style(imp);
				if (!Display.available()) imp.show(); // batch mode: registers the image for the next step
			}
			else if (v != null && !(v instanceof ResultsTable) && !String.valueOf(v).contains("\n")) values.add(e
				.getKey() + "=" + v);
		}
		Display.present(module, true);
		if (!values.isEmpty()) IJ.log("MagRatio " + title + ": " + String.join(", ", values));
	}

	/**
	 * Reports a failed run without a stack trace: with the ImageJ window, an error dialog (in a macro, ImageJ's macro
	 * error dialog, which also stops the macro); without it (ImageJ's {@code -batch}), a Log line, and a running macro
	 * stops silently; outside a macro an {@link IllegalArgumentException} carries the reason to the Java caller.
	 */
	static void fail(String title, String reason) {
		String message = Dialogs.title(title) + ": " + reason;
		if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) {
			IJ.error(Dialogs.title(title), reason);
			return;
		}
		IJ.log(message);
		ij.macro.Interpreter interp = ij.macro.Interpreter.getInstance();
		if (interp != null) {
			interp.setIgnoreErrors(true); // stop the macro after the Log line, with no dialog
			interp.abort(message);
			return;
		}
		throw new IllegalArgumentException(message);
	}

	/** Turns a command's inputs into a GenericDialog and back. */
	static final class Dialogs {

		private Dialogs() {}

		/** Suffix of the step output an image input usually takes, for the default choice. */
		private static String suffixFor(String command, String key) {
			switch (key) {
				case "labels":
					return "-labels";
				case "ratio":
					return "-ratio";
				case "mg":
					return "-mg";
				case "image":
					return command.contains("Ratio Image") || command.contains("Measure") ? "-bg" : null;
				default:
					return null;
			}
		}

		/** @return true for a String input that names an open image (its description says "Title of ...") */
		static boolean isImageTitle(ModuleItem<?> item) {
			return item.getType() == String.class && item.getDescription() != null && item.getDescription().startsWith(
				"Title of");
		}

		/** @return true for inputs the user gives (not services or the context) */
		static boolean isUserInput(ModuleItem<?> item) {
			return !Service.class.isAssignableFrom(item.getType()) && item.getType() != Context.class;
		}

		/** @return the dialog's title: the menu label, prefixed with MagRatio unless it names it already */
		static String title(String menuLabel) {
			return menuLabel.contains("MagRatio") ? menuLabel : "MagRatio " + menuLabel;
		}

		/**
		 * Asks for the command's inputs: from the macro options when a macro runs, else in a dialog that starts from
		 * the values of the last OK (ImageJ's preferences, as ImageJ's own dialogs remember theirs). A macro always
		 * starts from the commands' defaults, so that a macro line means the same on every machine.
		 *
		 * @return the inputs by key, or null when the dialog was canceled
		 */
		static Map<String, Object> ask(CommandInfo info, String title) {
			boolean macro = Macro.getOptions() != null;
			String[] open = macro ? new String[0] : WindowManager.getImageTitles();
			GenericDialog gd = new GenericDialog(title(title));
			List<ModuleItem<?>> items = new ArrayList<>();
			for (ModuleItem<?> item : info.inputs()) {
				if (!isUserInput(item)) continue;
				items.add(item);
				add(gd, item, title, open, macro ? null : info.getDelegateClassName());
			}
			gd.showDialog();
			if (gd.wasCanceled()) return null;
			Map<String, Object> inputs = new LinkedHashMap<>();
			for (ModuleItem<?> item : items) {
				Object v = next(gd, item, title, open);
				inputs.put(item.getName(), v);
				if (!macro) remember(info.getDelegateClassName(), item, v);
			}
			return inputs;
		}

		/** The preference key of an input's last value. */
		private static String prefKey(String command, ModuleItem<?> item) {
			return "magratio." + command.substring(command.lastIndexOf('.') + 1) + "." + item.getName();
		}

		/** @return true for inputs whose last value is remembered: not images, and not marked persist = false */
		private static boolean remembered(ModuleItem<?> item) {
			return item.isPersisted() && !isImageTitle(item);
		}

		private static void remember(String command, ModuleItem<?> item, Object value) {
			if (remembered(item)) ij.Prefs.set(prefKey(command, item), value == null ? "" : value.toString());
		}

		/** @return the value of the last OK as text, or null when there is none (or {@code command} is null) */
		private static String recalled(String command, ModuleItem<?> item) {
			return command == null || !remembered(item) ? null : ij.Prefs.get(prefKey(command, item), null);
		}

		/** Adds the item's field: keyed by its name (the macro key, also the component's name), shown with its label. */
		private static void add(GenericDialog gd, ModuleItem<?> item, String title, String[] open, String command) {
			String key = item.getName(), label = item.getLabel() == null ? key : item.getLabel();
			Class<?> t = item.getType();
			Object def = initialValue(item, command);
			java.awt.Component field;
			if (isImageTitle(item) && open.length > 0) {
				String[] choices = choices(item, open);
				String guess = guess(open, suffixFor(title, key));
				if (choices.length > open.length && roisEdited(guess)) guess = MagRatioCommand.ROI_MANAGER;
				gd.addChoice(key, choices, guess);
				field = (java.awt.Component) gd.getChoices().lastElement();
			}
			else if (t == boolean.class || t == Boolean.class) {
				gd.addCheckbox(key, Boolean.TRUE.equals(def));
				Checkbox cb = (Checkbox) gd.getCheckboxes().lastElement();
				cb.setLabel(label);
				cb.setName(key);
				return;
			}
			else if (isNumber(t)) {
				double v = def == null ? 0 : ((Number) def).doubleValue();
				gd.addNumericField(key, v, decimals(v), 10, null);
				field = (java.awt.Component) gd.getNumericFields().lastElement();
			}
			else if (t == String.class && item.getChoices() != null && !item.getChoices().isEmpty()) {
				List<?> choices = item.getChoices();
				String[] c = new String[choices.size()];
				for (int i = 0; i < c.length; i++)
					c[i] = String.valueOf(choices.get(i));
				gd.addChoice(key, c, def == null ? c[0] : def.toString());
				field = (java.awt.Component) gd.getChoices().lastElement();
			}
			else {
				String style = item.getWidgetStyle() == null ? "" : item.getWidgetStyle();
				String s = def == null ? "" : def.toString();
				if (style.contains("directory")) gd.addDirectoryField(key, s, 30);
				else if (style.contains("open") || t == File.class) gd.addFileField(key, s, 30);
				else gd.addStringField(key, s, 30);
				field = (java.awt.Component) gd.getStringFields().lastElement();
			}
			field.setName(key);
			if (gd.getLabel() != null) gd.getLabel().setText(label);
		}

		private static Object next(GenericDialog gd, ModuleItem<?> item, String title, String[] open) {
			Class<?> t = item.getType();
			String key = item.getName();
			if (isImageTitle(item) && open.length > 0) return gd.getNextChoice();
			if (t == boolean.class || t == Boolean.class) return gd.getNextBoolean();
			if (isNumber(t)) {
				double v = gd.getNextNumber();
				if (t == double.class || t == Double.class) return v;
				if (t == float.class || t == Float.class) return (float) v;
				if (Double.isNaN(v) || v != Math.rint(v)) throw new IllegalArgumentException(key + ": " + v +
					" is not a whole number");
				if (t == int.class || t == Integer.class) return (int) v;
				return (long) v;
			}
			if (t == String.class && item.getChoices() != null && !item.getChoices().isEmpty()) return gd
				.getNextChoice();
			String s = gd.getNextString();
			if (t == File.class) return s == null || s.trim().isEmpty() ? null : new File(s.trim());
			return s;
		}

		/**
		 * The value a dialog field starts with: the last OK's (when {@code command} is given and one is remembered),
		 * else the default. A background region ({@code roi}) starts as the rectangle selected on the current image,
		 * so that the recorded macro line holds its numbers.
		 */
		private static Object initialValue(ModuleItem<?> item, String command) {
			Object def = defaultValue(item);
			if (command != null && item.getName().equals("roi") && item.getType() == String.class) {
				ImagePlus imp = WindowManager.getCurrentImage();
				String rect = imp == null ? null : Chain.selectedRectangle(imp);
				if (rect != null) return rect;
			}
			String last = recalled(command, item);
			if (last == null) return def;
			Class<?> t = item.getType();
			try {
				if (t == boolean.class || t == Boolean.class) return Boolean.parseBoolean(last);
				if (isNumber(t)) return Double.parseDouble(last);
				if (item.getChoices() != null && !item.getChoices().isEmpty()) return item.getChoices().contains(last)
					? last : def;
				return last;
			} catch (NumberFormatException e) {
				return def; // a preference edited by hand
			}
		}

		/** The field initializer's value: a fresh instance of the command holds its defaults. */
		private static Object defaultValue(ModuleItem<?> item) {
			try {
				if (item instanceof CommandModuleItem) {
					java.lang.reflect.Field f = ((CommandModuleItem<?>) item).getField();
					f.setAccessible(true);
					return f.get(f.getDeclaringClass().getDeclaredConstructor().newInstance());
				}
			} catch (ReflectiveOperationException | RuntimeException e) {
				// fall through to SciJava's own default
			}
			return item.getDefaultValue();
		}

		private static boolean isNumber(Class<?> t) {
			return t == int.class || t == long.class || t == double.class || t == float.class || Number.class
				.isAssignableFrom(t);
		}

		/** Decimal places that show {@code v} exactly (up to 6), so the recorded value equals the default. */
		static int decimals(double v) {
			if (!Double.isFinite(v)) return 0;
			for (int d = 0; d <= 6; d++)
				if (Math.abs(v * Math.pow(10, d) - Math.rint(v * Math.pow(10, d))) < 1e-9) return d;
			return 6;
		}

		/** @return the open images, and for a cells input ({@code labels}) the ROI Manager when it holds ROIs */
		private static String[] choices(ModuleItem<?> item, String[] open) {
			RoiManager rm = RoiManager.getInstance();
			if (!item.getName().equals("labels") || rm == null || rm.getCount() == 0) return open;
			String[] c = java.util.Arrays.copyOf(open, open.length + 1);
			c[open.length] = MagRatioCommand.ROI_MANAGER;
			return c;
		}

		/**
		 * @return true when the ROI Manager no longer holds exactly the cells Segment Cells put there from this label
		 *         image (one {@code cell-NNNN} per label, in order): the user drew, added, removed or renamed cells,
		 *         so the ROI Manager, not the label image, is what the user wants measured
		 */
		private static boolean roisEdited(String labelsTitle) {
			RoiManager rm = RoiManager.getInstance();
			ImagePlus labels = labelsTitle == null ? null : WindowManager.getImage(labelsTitle);
			if (rm == null || labels == null) return false;
			ij.gui.Roi[] rois = rm.getRoisAsArray();
			int max = (int) new ij.process.StackStatistics(labels).max;
			if (rois.length != max) return true;
			java.util.List<ij.gui.Roi> cells;
			try {
				cells = LabelImages.toRois(LabelImages.fromImagePlus(labels, labels.getWidth(), labels.getHeight(),
					labelsTitle));
			} catch (RuntimeException e) {
				return false; // not a label image the command could take either: its own message will say so
			}
			for (int i = 0; i < rois.length; i++)
				if (!LabelImages.roiName(i + 1).equals(rois[i].getName()) || !rois[i].getBounds().equals(cells.get(i)
					.getBounds()) || pixels(rois[i]) != pixels(cells.get(i)))
					return true;
			return false;
		}

		private static long pixels(ij.gui.Roi roi) {
			ij.process.ImageProcessor mask = roi.getMask();
			java.awt.Rectangle b = roi.getBounds();
			if (mask == null) return (long) b.width * b.height;
			long n = 0;
			for (int i = 0; i < mask.getPixelCount(); i++)
				if (mask.get(i) != 0) n++;
			return n;
		}

		/** The default image: the latest step output with the suffix, else the current or first raw recording. */
		private static String guess(String[] titles, String suffix) {
			if (suffix != null) for (int i = titles.length - 1; i >= 0; i--)
				if (titles[i].endsWith(suffix)) return titles[i];
			ImagePlus current = WindowManager.getCurrentImage();
			if (current != null && !isStepOutput(current.getTitle())) for (String t : titles)
				if (t.equals(current.getTitle())) return t;
			for (String t : titles)
				if (!isStepOutput(t)) return t;
			return titles[0];
		}

		private static boolean isStepOutput(String title) {
			return title.matches(".*-(bg|ratio|mg|labels)$");
		}
	}
}
