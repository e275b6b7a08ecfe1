package io.github.magratio.cli;

import com.google.gson.JsonObject;

import io.github.magratio.core.SettingsException;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.SettingNames;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Pipeline settings from a settings file and command-line flags, with every problem named as the user gave it: a
 * value from a flag by the flag ({@code --min-area}, through {@link SettingNames}), a value from the file by its key
 * in that file ({@code settings file F: min_area_px}).
 */
final class SettingsFlags {

	private SettingsFlags() {}

	/** @see PipelineSettings#load */
	static PipelineSettings load(Path config, JsonObject flags) throws IOException {
		try {
			return PipelineSettings.load(config, flags);
		} catch (SettingsException e) {
			throw named(e, flags);
		}
	}

	/** @see PipelineSettings#measurement */
	static PipelineSettings measurement(Path config, JsonObject flags) throws IOException {
		try {
			return PipelineSettings.measurement(config, flags);
		} catch (SettingsException e) {
			throw named(e, flags);
		}
	}

	/** @return {@code e} with the problems of the keys in {@code flags} named by their flags */
	static IllegalArgumentException named(SettingsException e, JsonObject flags) {
		return new IllegalArgumentException(e.message(k -> flags != null && flags.has(k) ? SettingNames.option(k)
			: null), e);
	}
}
