package io.github.magratio.synth;

import io.github.magratio.util.Text;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * One parameter of a synthetic recording, declared once: its JSON key (truth files, {@code -truth.json}), its
 * command-line option, a description with units, its type, default and allowed range. {@link SynthSettings} keeps its
 * values by parameter; JSON reading and writing, range checks, the {@code synth} CLI options and their help all derive
 * from these declarations. Immutable.
 *
 * @param <T> the value type: {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link String}
 */
public final class SynthParam<T> {

	private final String key;
	private final String option;
	private final String paramLabel;
	private final String description;
	private final Class<T> type;
	private final T defaultValue;
	private final double min, max;
	private final boolean nanAllowed;
	final int index;

	SynthParam(int index, String key, String option, String paramLabel, String description, Class<T> type,
		T defaultValue, double min, double max, boolean nanAllowed)
	{
		this.index = index;
		this.key = key;
		this.option = option;
		this.paramLabel = paramLabel;
		this.description = description;
		this.type = type;
		this.defaultValue = defaultValue;
		this.min = min;
		this.max = max;
		this.nanAllowed = nanAllowed;
	}

	/** @return the JSON key, e.g. {@code cell_radius_min_px} */
	public String key() {
		return key;
	}

	/** @return the command-line option of {@code magratio synth}, e.g. {@code --cell-radius-min}; null if none */
	public String option() {
		return option;
	}

	/** @return the placeholder of the option's value in help texts, e.g. {@code PX} */
	public String paramLabel() {
		return paramLabel;
	}

	/** @return what the parameter means, with its unit */
	public String description() {
		return description;
	}

	/** @return the value type */
	public Class<T> type() {
		return type;
	}

	/** @return the default value */
	public T defaultValue() {
		return defaultValue;
	}

	/** @return true for a number parameter */
	boolean numeric() {
		return Number.class.isAssignableFrom(type);
	}

	/** @return the allowed range for help texts and messages, e.g. {@code 16..8192}; empty if unbounded */
	public String range() {
		if (!numeric()) return "";
		String r;
		if (min == -Double.MAX_VALUE && max == Double.MAX_VALUE) return "";
		else if (min == Double.MIN_VALUE) r = max == Double.MAX_VALUE ? "> 0" : "> 0 and <= " + format(max);
		else if (max == Double.MAX_VALUE) r = ">= " + format(min);
		else r = format(min) + ".." + format(max);
		return r + (nanAllowed ? " or unset" : "");
	}

	private String format(double v) {
		if (type != Double.class && v == Math.rint(v)) return Long.toString((long) v);
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	/**
	 * @return {@code value} if it is inside the range
	 * @throws IllegalArgumentException naming the key, the value and the range
	 */
	T check(T value) {
		if (value == null) throw new IllegalArgumentException(key + " must be set");
		if (!numeric()) return value;
		double v = ((Number) value).doubleValue();
		if (nanAllowed && Double.isNaN(v)) return value;
		if (!(v >= min && v <= max)) throw new IllegalArgumentException(key + " must be " + range() + ", got " + value);
		return value;
	}

	/** @return the value of this parameter in {@code o}, checked for type (not range) */
	T read(JsonObject o) {
		JsonElement e = o.get(key);
		if (e == null || !e.isJsonPrimitive()) throw mistyped(typeName(), e);
		JsonPrimitive p = e.getAsJsonPrimitive();
		if (type == Boolean.class) {
			if (!p.isBoolean()) throw mistyped("true or false", e);
			return type.cast(p.getAsBoolean());
		}
		if (type == String.class) {
			if (!p.isString()) throw mistyped("a string", e);
			return type.cast(p.getAsString());
		}
		if (!p.isNumber()) throw mistyped("a number", e);
		double v = p.getAsDouble();
		if (type == Double.class) return type.cast(v);
		if (v != Math.rint(v) || Math.abs(v) > (type == Integer.class ? Integer.MAX_VALUE : 9.007199254740992E15))
			throw mistyped("an integer", e);
		return type == Integer.class ? type.cast((int) v) : type.cast(p.getAsLong());
	}

	private IllegalArgumentException mistyped(String expected, JsonElement e) {
		return new IllegalArgumentException("'" + key + "' must be " + expected + ", got " + Text.quote(String.valueOf(e)));
	}

	/** Adds {@code value} to {@code o} under the key. */
	void write(JsonObject o, Object value) {
		if (value instanceof Number) o.addProperty(key, (Number) value);
		else if (value instanceof Boolean) o.addProperty(key, (Boolean) value);
		else o.addProperty(key, (String) value);
	}

	/**
	 * @return the value parsed from a command-line argument (range-checked only by {@link SynthSettings.Builder#build()})
	 * @throws IllegalArgumentException naming the key when the text is not of the parameter's type
	 */
	public T parse(String text) {
		String s = text.trim();
		try {
			if (type == Integer.class) return type.cast(Integer.parseInt(s));
			if (type == Long.class) return type.cast(Long.parseLong(s));
			if (type == Double.class) return type.cast(Double.parseDouble(s));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + " must be " + typeName() + ", got '" + Text.quote(text) + "'");
		}
		if (type == Boolean.class) {
			if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) return type.cast(Boolean.parseBoolean(s));
			throw new IllegalArgumentException(key + " must be true or false, got '" + Text.quote(text) + "'");
		}
		return type.cast(s);
	}

	private String typeName() {
		return type == Integer.class || type == Long.class ? "an integer" : type == Double.class ? "a number" : type ==
			Boolean.class ? "true or false" : "a string";
	}

	@Override
	public String toString() {
		return key;
	}
}
