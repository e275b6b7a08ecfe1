package io.github.magratio.command;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.github.magratio.pipeline.PipelineSettings;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pipeline settings from a step command's parameters, validated exactly as {@code magratio run} validates run.json,
 * with every message naming the command's macro key instead of the settings key. The values are added one at a time,
 * in the order given, on top of the defaults, and validated after each: the key at fault is the one just added, even
 * when the settings' message names another key (a limit between two keys) or none. Settings keys left in a message
 * (also in messages from elsewhere, see {@link #keyed}) are replaced by the macro keys. Not thread-safe; one per run.
 */
final class MacroKeys {

	private final Map<String, String> macroBySettingsKey = new LinkedHashMap<>();
	private final Map<String, JsonElement> values = new LinkedHashMap<>();

	/**
	 * Adds a parameter.
	 *
	 * @param macroKey the command's parameter name (its macro key)
	 * @param settingsKey the {@link PipelineSettings} {@code KEY_} it sets
	 * @param value a Number, Boolean or String in the settings key's unit, or null for the default
	 */
	MacroKeys put(String macroKey, String settingsKey, Object value) {
		macroBySettingsKey.put(settingsKey, macroKey);
		values.put(settingsKey, value == null ? JsonNull.INSTANCE : value instanceof Number ? new JsonPrimitive(
			(Number) value) : value instanceof Boolean ? new JsonPrimitive((Boolean) value) : new JsonPrimitive(value
				.toString()));
		return this;
	}

	/**
	 * @return the settings: these values on top of the defaults, without calibration constants (see
	 *         {@link PipelineSettings#measurement})
	 * @throws IllegalArgumentException {@code "<macro key>: <reason>"} for the first value that is not valid
	 */
	PipelineSettings settings() throws IOException {
		JsonObject sofar = new JsonObject();
		PipelineSettings s = PipelineSettings.measurement(null, sofar);
		for (Map.Entry<String, JsonElement> e : values.entrySet()) {
			sofar.add(e.getKey(), e.getValue());
			try {
				s = PipelineSettings.measurement(null, sofar);
			} catch (IllegalArgumentException ex) {
				throw keyed(macroBySettingsKey.get(e.getKey()), ex);
			}
		}
		return s;
	}

	/**
	 * @return an exception with the message {@code "<key>: <reason>"}, the reason being {@code e}'s message with the
	 *         settings keys replaced by macro keys and a leading repetition of {@code key} dropped
	 */
	IllegalArgumentException keyed(String key, IllegalArgumentException e) {
		String m = rename(e.getMessage());
		if (m.startsWith(key + " must ")) m = m.substring(key.length() + 1);
		return new IllegalArgumentException(key + ": " + m, e);
	}

	/**
	 * @return the message with each settings key added here (as a whole word) replaced by its macro key; keys that are
	 *         plain words ({@code background}, {@code threshold}) are left alone, as messages use them as words
	 */
	String rename(String message) {
		String m = message == null ? "" : message;
		for (Map.Entry<String, String> k : macroBySettingsKey.entrySet()) {
			if (k.getKey().matches("[a-z]+")) continue;
			Matcher x = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(k.getKey()) + "(?![A-Za-z0-9_])").matcher(m);
			m = x.replaceAll(Matcher.quoteReplacement(k.getValue()));
		}
		return m;
	}
}
