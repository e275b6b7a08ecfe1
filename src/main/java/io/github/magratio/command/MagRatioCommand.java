package io.github.magratio.command;

import com.google.gson.JsonObject;

import io.github.magratio.core.Labels;
import io.github.magratio.core.Progress;
import io.github.magratio.core.SettingsException;
import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.SettingNames;
import io.github.magratio.util.Audience;
import io.github.magratio.util.Failure;
import io.github.magratio.util.UserMistake;

import ij.ImagePlus;
import ij.plugin.frame.RoiManager;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * The shared frame of the MagRatio commands: {@link #run()} calls {@link #execute()}, and turns a problem the user can
 * fix (an {@link IllegalArgumentException} or {@link #fail}) into an error in the log plus {@link #cancel(String)}
 * with a message that names the parameter, so no half-made output is ever registered or shown. Image parameters are
 * titles resolved through the context's {@link ImageRegistry}.
 */
public abstract class MagRatioCommand extends ContextCommand {

	/** The value of a labels parameter that takes the cells from ImageJ's ROI Manager. */
	public static final String ROI_MANAGER = "ROI Manager";

	/** How a user replaces an existing output file of a command, for the refusal's message. */
	public static final String HOW_TO_OVERWRITE = "tick Overwrite (macro key overwrite)";

	// optional so that the commands without image parameters (the assay calculators) run in any context
	@Parameter(required = false)
	private ImageRegistry registry;

	@Parameter
	private LogService log;

	/** The work: validate, compute, set outputs. Throws {@link IllegalArgumentException} for bad input. */
	protected abstract void execute() throws Exception;

	@Override
	public final void run() {
		try {
			execute();
		} catch (IllegalArgumentException | CancellationException e) {
			fail(UserMistake.message(e, Audience.IMAGEJ));
		} catch (Exception e) {
			Failure f = Failure.of(e, Audience.IMAGEJ);
			if (f.userError) { // e.g. a damaged TIFF: the user's file, no stack trace
				fail(f.message);
				return;
			}
			log.error(name() + ": " + e, e);
			cancel(name() + ": " + f.message);
		}
	}

	/** Logs {@code message} as an error and cancels the command with it. */
	private void fail(String message) {
		log.error(name() + ": " + message);
		cancel(message);
	}

	/** @return the command's menu name for messages */
	private String name() {
		return "MagRatio " + getClass().getSimpleName().replace("Command", "");
	}

	/**
	 * Resolves an image parameter.
	 *
	 * @param key the parameter's macro key, for messages
	 * @throws IllegalArgumentException naming {@code key} when no title is given or no image has it
	 */
	protected ImagePlus image(String key, String title) {
		if (title == null || title.trim().isEmpty()) throw new IllegalArgumentException(key +
			": no image given (the title of an open image)");
		ImagePlus imp = images().get(title.trim());
		if (imp == null) throw new IllegalArgumentException(key + ": no open image is titled '" + title.trim() + "'");
		return imp;
	}

	/**
	 * The cells of a labels parameter for a recording: the label image of that title, or, for the title
	 * {@value #ROI_MANAGER}, the area ROIs of ImageJ's ROI Manager (drawn, added or edited by hand; the cells are
	 * numbered in the ROI Manager's order, and where ROIs overlap the earlier one keeps the pixel). ROIs apply to
	 * every frame.
	 *
	 * @throws IllegalArgumentException naming {@code key} when the image or ROIs do not fit the recording
	 */
	protected Labels cells(String key, String title, Recording rec) {
		if (title != null && title.trim().equals(ROI_MANAGER)) {
			RoiManager rm = RoiManager.getInstance2(); // the batch-mode one too; never creates a window
			if (rm == null || rm.getCount() == 0) throw new IllegalArgumentException(key + ": the ROI Manager holds " +
				"no ROI (add the cells to it, or give the title of a label image)");
			try {
				return LabelImages.fromRois(Arrays.asList(rm.getRoisAsArray()), rec.width(), rec.height(), ROI_MANAGER);
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
			}
		}
		ImagePlus labelImp = image(key, title);
		try {
			return LabelImages.fromImagePlus(labelImp, rec.width(), rec.height(), key + " '" + labelImp.getTitle() + "'");
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
		}
	}

	/** Registers an output image so that the next step finds it by title; returns it. */
	protected ImagePlus output(ImagePlus imp) {
		images().put(imp);
		return imp;
	}

	/** @return the context's image registry, null in a context without one (commands without images run there) */
	protected ImageRegistry registry() {
		return registry;
	}

	/** @return the context's image registry, for a command that takes or makes images */
	private ImageRegistry images() {
		if (registry == null) throw new IllegalStateException("no " + ImageRegistry.class.getSimpleName() +
			" in this SciJava context: run MagRatio's image commands in ImageJ or Fiji");
		return registry;
	}

	/** @return a {@link Progress} that logs warnings and stops when this command is canceled */
	protected Progress progress() {
		return new Progress() {
			@Override
			public void progress(String stage, int done, int total) {}

			@Override
			public void warn(String message) {
				log.warn(name() + ": " + message);
			}

			@Override
			public boolean isCanceled() {
				return MagRatioCommand.this.isCanceled();
			}
		};
	}

	/**
	 * The pipeline settings of a command that takes a calibration file and an optional settings file (Batch
	 * Pipeline): the file's settings with the calibration parameter on top.
	 *
	 * @param settings a settings JSON path, or empty for the defaults
	 * @throws IllegalArgumentException naming the parameter ({@code settings:} or {@code calibration:})
	 */
	protected static PipelineSettings pipelineSettings(File calibration, String settings) throws IOException {
		return pipelineSettings(calibration.getPath(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, settings,
			new JsonObject());
	}

	/**
	 * The pipeline settings of a command that takes a calibration file and/or typed constants, and an optional
	 * settings file (Run Pipeline, Ratio to [Mg2+]): as {@code magratio run}, a typed constant overrides the file's.
	 *
	 * @param calibration a calibration JSON path, or empty for none (then rmin, rmax and beta are needed)
	 * @param kdMillimolar Kd in mM, NaN for the file's (or 1.9 mM without a file)
	 * @param rmin Rmin, NaN for the file's
	 * @param rmax Rmax, NaN for the file's
	 * @param beta beta, NaN for the file's
	 * @param settings a settings JSON path, or empty for the defaults
	 * @param more further overrides (keys of {@link PipelineSettings}), e.g. a subclass's own settings
	 * @throws IllegalArgumentException naming the parameter ({@code settings:}, {@code calibration:}, {@code kd:},
	 *           ...)
	 */
	protected static PipelineSettings pipelineSettings(String calibration, double kdMillimolar, double rmin,
		double rmax, double beta, String settings, JsonObject more) throws IOException
	{
		JsonObject overrides = more.deepCopy();
		String file = calibration == null ? "" : calibration.trim();
		if (!file.isEmpty()) overrides.addProperty(PipelineSettings.KEY_CALIBRATION, file);
		String[] constants = { PipelineSettings.KEY_KD, PipelineSettings.KEY_RMIN, PipelineSettings.KEY_RMAX,
			PipelineSettings.KEY_BETA };
		double[] typed = { kdMillimolar, rmin, rmax, beta };
		for (int i = 0; i < typed.length; i++) {
			if (Double.isNaN(typed[i])) continue;
			if (Double.isInfinite(typed[i])) throw new IllegalArgumentException(SettingNames.macroKey(constants[i]) +
				": must be a finite number, got " + typed[i]);
			overrides.addProperty(constants[i], typed[i]);
		}
		Path config = settings == null || settings.trim().isEmpty() ? null : Paths.get(settings.trim());
		try {
			return PipelineSettings.load(config, overrides);
		} catch (UserMistake e) {
			throw e; // names the fields itself
		} catch (SettingsException e) {
			// the parameters given here by their macro keys, the keys of the settings file as they are in it
			SettingsException named = e.context() == null ? e : e.in("settings: " + e.context());
			throw new IllegalArgumentException(named.message(k -> overrides.has(k) ? SettingNames.macroKey(k) : null),
				e);
		} catch (IllegalArgumentException e) {
			String m = e.getMessage() == null ? "" : e.getMessage();
			throw new IllegalArgumentException((config != null && !m.startsWith("calibration") ? "settings: "
				: "calibration: ") + m, e);
		}
	}

	/** Logs a warning for the user. */
	protected void warn(String message) {
		log.warn(name() + ": " + message);
	}
}
