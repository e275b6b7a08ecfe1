package io.github.magratio.command;

import com.google.gson.JsonObject;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.PipelineSettings;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
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

	/** How a user replaces an existing output file of a command, for the refusal's message. */
	public static final String HOW_TO_OVERWRITE = "tick Overwrite (macro key overwrite)";

	@Parameter
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
			fail(e.getMessage());
		} catch (Exception e) {
			log.error(name() + ": " + e, e);
			cancel(name() + ": " + e.getMessage());
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
		ImagePlus imp = registry.get(title.trim());
		if (imp == null) throw new IllegalArgumentException(key + ": no open image is titled '" + title.trim() + "'");
		return imp;
	}

	/** Registers an output image so that the next step finds it by title; returns it. */
	protected ImagePlus output(ImagePlus imp) {
		registry.put(imp);
		return imp;
	}

	/** @return the context's image registry */
	protected ImageRegistry registry() {
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
	 * The pipeline settings of a command that takes a calibration file and an optional settings file (Run Pipeline,
	 * Batch Pipeline): the file's settings with the calibration parameter on top.
	 *
	 * @param settings a settings JSON path, or empty for the defaults
	 * @throws IllegalArgumentException naming the parameter ({@code settings:} or {@code calibration:})
	 */
	protected static PipelineSettings pipelineSettings(File calibration, String settings) throws IOException {
		return pipelineSettings(calibration, settings, new JsonObject());
	}

	/** {@link #pipelineSettings(File, String)} with more overrides (keys of {@link PipelineSettings}). */
	protected static PipelineSettings pipelineSettings(File calibration, String settings, JsonObject more)
		throws IOException
	{
		JsonObject overrides = more.deepCopy();
		overrides.addProperty(PipelineSettings.KEY_CALIBRATION, calibration.getPath());
		Path config = settings == null || settings.trim().isEmpty() ? null : Paths.get(settings.trim());
		try {
			return PipelineSettings.load(config, overrides);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException((config != null && !e.getMessage().startsWith("calibration")
				? "settings: " : "calibration: ") + e.getMessage(), e);
		}
	}

	/** Logs a warning for the user. */
	protected void warn(String message) {
		log.warn(name() + ": " + message);
	}
}
