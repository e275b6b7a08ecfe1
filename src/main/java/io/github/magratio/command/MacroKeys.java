package io.github.magratio.command;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.github.magratio.core.SettingsException;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.SettingNames;

import java.io.IOException;

/**
 * Pipeline settings from a step command's parameters, validated once, exactly as {@code magratio run} validates
 * run.json, with every problem named by the command's macro key instead of the settings key: each
 * {@link io.github.magratio.core.SettingsProblem}'s key (and the keys its reason mentions) through the
 * {@link SettingNames} table. Not thread-safe; one per run.
 */
final class MacroKeys {

	private final JsonObject values = new JsonObject();

	/**
	 * Adds a parameter.
	 *
	 * @param settingsKey the {@link PipelineSettings} {@code KEY_} it sets, one with a macro key in {@link SettingNames}
	 * @param value a Number, Boolean or String in the settings key's unit, or null for the default
	 */
	MacroKeys put(String settingsKey, Object value) {
		if (SettingNames.macroKey(settingsKey) == null) throw new IllegalStateException("no macro key for " +
			settingsKey + " in " + SettingNames.class.getSimpleName());
		values.add(settingsKey, value == null ? JsonNull.INSTANCE : value instanceof Number ? new JsonPrimitive(
			(Number) value) : value instanceof Boolean ? new JsonPrimitive((Boolean) value) : new JsonPrimitive(value
				.toString()));
		return this;
	}

	/**
	 * @return the settings: these values on top of the defaults, without calibration constants (see
	 *         {@link PipelineSettings#measurement})
	 * @throws IllegalArgumentException {@code "<macro key>: <reason>"} for every value that is not valid
	 */
	PipelineSettings settings() throws IOException {
		try {
			return PipelineSettings.measurement(null, values);
		} catch (SettingsException e) {
			throw named(e);
		}
	}

	/** @return {@code e} with its problems named by the macro keys of the parameters given here */
	IllegalArgumentException named(SettingsException e) {
		return new IllegalArgumentException(e.message(this::name), e);
	}

	/** @return the macro key of a settings key given here, else null (the settings key stays as it is) */
	String name(String settingsKey) {
		return values.has(settingsKey) ? SettingNames.macroKey(settingsKey) : null;
	}

	/** @return the macro key of a settings key given here, else the settings key */
	String nameOrKey(String settingsKey) {
		String n = name(settingsKey);
		return n != null ? n : settingsKey;
	}
}
