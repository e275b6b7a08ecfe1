package io.github.magratio.synth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Strict readers for the truth JSON: every missing or mistyped key fails with its name. */
final class Json {

	private Json() {}

	static JsonElement require(JsonObject o, String key) {
		JsonElement e = o.get(key);
		if (e == null || e.isJsonNull()) throw new IllegalArgumentException("missing key '" + key + "'");
		return e;
	}

	static double number(JsonObject o, String key) {
		JsonElement e = require(o, key);
		if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) throw new IllegalArgumentException("'" + key +
			"' must be a number, got " + io.github.magratio.util.Text.quote(String.valueOf(e)));
		return e.getAsDouble();
	}

	static int integer(JsonObject o, String key) {
		double v = number(o, key);
		if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw new IllegalArgumentException("'" + key +
			"' must be an integer, got " + v);
		return (int) v;
	}

	static String string(JsonObject o, String key) {
		JsonElement e = require(o, key);
		if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) throw new IllegalArgumentException("'" + key +
			"' must be a string, got " + io.github.magratio.util.Text.quote(String.valueOf(e)));
		return e.getAsString();
	}

	static JsonObject object(JsonObject o, String key) {
		JsonElement e = require(o, key);
		if (!e.isJsonObject()) throw new IllegalArgumentException("'" + key + "' must be a JSON object, got " +
			io.github.magratio.util.Text.quote(String.valueOf(e)));
		return e.getAsJsonObject();
	}
}
