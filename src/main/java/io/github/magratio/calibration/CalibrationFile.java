package io.github.magratio.calibration;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.github.magratio.core.Calibration;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Json;
import io.github.magratio.util.Version;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A calibration file: the JSON form of a {@link Calibration} plus its provenance. Example:
 *
 * <pre>
 * {"indicator": "Mag-Fura-2", "ion": "Mg2+", "kd_mM": 1.9, "rmin": 0.40, "rmax": 4.00, "beta": 3.0,
 *  "kd_mM_se": 0.2, "rmin_se": 0.02, "rmax_se": 0.1, "beta_se": 0.1,
 *  "temperature_C": 37, "date": "2026-11-25", "method": "in-situ", "notes": "...",
 *  "sources": [{"file": "zero-mg.tif", "sha256": "..."}], "software_version": "0.1.0"}
 * </pre>
 *
 * {@code rmin}, {@code rmax} and {@code beta} are required; {@code kd_mM} defaults to 1.9 mM; everything else is
 * optional. Unknown keys are rejected by name, so a typo ({@code "rmaxx"}) never silently falls back to a default.
 * Immutable.
 */
public final class CalibrationFile {

	/** JSON keys. */
	public static final String KEY_INDICATOR = "indicator", KEY_ION = "ion", KEY_KD = Calibration.KEY_KD,
			KEY_RMIN = Calibration.KEY_RMIN, KEY_RMAX = Calibration.KEY_RMAX, KEY_BETA = Calibration.KEY_BETA,
			KEY_KD_SE = Calibration.KEY_KD_SE, KEY_RMIN_SE = Calibration.KEY_RMIN_SE,
			KEY_RMAX_SE = Calibration.KEY_RMAX_SE, KEY_BETA_SE = Calibration.KEY_BETA_SE, KEY_TEMPERATURE = "temperature_C", KEY_DATE = "date",
			KEY_METHOD = "method", KEY_NOTES = "notes", KEY_SOURCES = "sources", KEY_VERSION = "software_version",
			KEY_EXTRA = "details";

	/** Every key a calibration file may hold. */
	public static final Set<String> KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
		KEY_INDICATOR, KEY_ION, KEY_KD, KEY_RMIN, KEY_RMAX, KEY_BETA, KEY_KD_SE, KEY_RMIN_SE, KEY_RMAX_SE, KEY_BETA_SE,
		KEY_TEMPERATURE, KEY_DATE, KEY_METHOD, KEY_NOTES, KEY_SOURCES, KEY_VERSION, KEY_EXTRA)));

	/** A source recording of a calibration, with its SHA-256 checksum. */
	public static final class Source {
		/** File name or path as given. */
		public final String file;
		/** Hex SHA-256 of the file's bytes. */
		public final String sha256;

		/** A source file and its checksum. */
		public Source(String file, String sha256) {
			this.file = file;
			this.sha256 = sha256;
		}
	}

	private final Calibration calibration;
	private final String indicator;
	private final String ion;
	private final double temperatureCelsius;
	private final String date;
	private final String method;
	private final String notes;
	private final List<Source> sources;
	private final String softwareVersion;
	private final JsonObject details;

	private CalibrationFile(Builder b) {
		this.calibration = Objects.requireNonNull(b.calibration, "calibration");
		this.indicator = b.indicator;
		this.ion = b.ion;
		this.temperatureCelsius = b.temperatureCelsius;
		this.date = b.date;
		this.method = b.method;
		this.notes = b.notes;
		this.sources = Collections.unmodifiableList(new ArrayList<>(b.sources));
		this.softwareVersion = b.softwareVersion;
		this.details = b.details == null ? null : b.details.deepCopy();
	}

	/** @return a builder for a calibration file around {@code calibration} */
	public static Builder builder(Calibration calibration) {
		return new Builder(calibration);
	}

	/** @return the constants */
	public Calibration calibration() {
		return calibration;
	}

	/** @return the indicator name, default {@code Mag-Fura-2} */
	public String indicator() {
		return indicator;
	}

	/** @return the ion, default {@code Mg2+} */
	public String ion() {
		return ion;
	}

	/** @return the calibration temperature in degrees Celsius, NaN if not recorded */
	public double temperatureCelsius() {
		return temperatureCelsius;
	}

	/** @return the ISO date of the calibration, or null */
	public String date() {
		return date;
	}

	/** @return how the constants were obtained (e.g. {@code in-situ}, {@code titration}, {@code manual}), or null */
	public String method() {
		return method;
	}

	/** @return free-text notes, or null */
	public String notes() {
		return notes;
	}

	/** @return the source recordings with checksums (possibly empty) */
	public List<Source> sources() {
		return sources;
	}

	/** @return the version of the software that wrote the file, or null */
	public String softwareVersion() {
		return softwareVersion;
	}

	/** @return method-specific details (per-cell values, fit statistics) as free JSON, or null */
	public JsonObject details() {
		return details == null ? null : details.deepCopy();
	}

	/** Builder; {@link #build()} validates. */
	public static final class Builder {
		private final Calibration calibration;
		private String indicator = "Mag-Fura-2";
		private String ion = "Mg2+";
		private double temperatureCelsius = Double.NaN;
		private String date;
		private String method;
		private String notes;
		private final List<Source> sources = new ArrayList<>();
		private String softwareVersion = Version.get();
		private JsonObject details;

		private Builder(Calibration calibration) {
			this.calibration = calibration;
		}

		/** Indicator name. */
		public Builder indicator(String v) {
			indicator = v;
			return this;
		}

		/** Ion name. */
		public Builder ion(String v) {
			ion = v;
			return this;
		}

		/** Temperature in degrees Celsius. */
		public Builder temperatureCelsius(double v) {
			temperatureCelsius = v;
			return this;
		}

		/** ISO date. */
		public Builder date(String v) {
			date = v;
			return this;
		}

		/** Method name. */
		public Builder method(String v) {
			method = v;
			return this;
		}

		/** Notes. */
		public Builder notes(String v) {
			notes = v;
			return this;
		}

		/** Adds a source file with its checksum. */
		public Builder source(String file, String sha256) {
			sources.add(new Source(file, sha256));
			return this;
		}

		/** Software version. */
		public Builder softwareVersion(String v) {
			softwareVersion = v;
			return this;
		}

		/** Method-specific details. */
		public Builder details(JsonObject v) {
			details = v;
			return this;
		}

		/** @return the immutable calibration file */
		public CalibrationFile build() {
			if (!Double.isNaN(temperatureCelsius) && (temperatureCelsius < -20 || temperatureCelsius > 100))
				throw new IllegalArgumentException("temperature_C must be between -20 and 100 degrees C, got " +
					temperatureCelsius);
			return new CalibrationFile(this);
		}
	}

	/** @return a copy with other constants and every other field (provenance, details) kept */
	public CalibrationFile withCalibration(Calibration constants) {
		Builder b = builder(constants).indicator(indicator).ion(ion).temperatureCelsius(temperatureCelsius).date(date)
			.method(method).notes(notes).softwareVersion(softwareVersion).details(details);
		for (Source src : sources)
			b.source(src.file, src.sha256);
		return b.build();
	}

	/** @return whether the file is for Mag-Fura-2 (or its other name, furaptra) and Mg2+, as MagRatio expects */
	public boolean isMagFura2ForMagnesium() {
		String ind = indicator == null ? "" : indicator.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
		String i = ion == null ? "" : ion.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
		return (ind.equals("magfura2") || ind.equals("furaptra")) && i.equals("mg");
	}

	/** @return this calibration as a JSON object with the keys of {@link #KEYS} */
	public JsonObject toJson() {
		JsonObject o = new JsonObject();
		o.addProperty(KEY_INDICATOR, indicator);
		o.addProperty(KEY_ION, ion);
		o.addProperty(KEY_KD, calibration.kdMillimolar());
		o.addProperty(KEY_RMIN, calibration.rmin());
		o.addProperty(KEY_RMAX, calibration.rmax());
		o.addProperty(KEY_BETA, calibration.beta());
		if (calibration.kdMillimolarSe() > 0) o.addProperty(KEY_KD_SE, calibration.kdMillimolarSe());
		if (calibration.rminSe() > 0) o.addProperty(KEY_RMIN_SE, calibration.rminSe());
		if (calibration.rmaxSe() > 0) o.addProperty(KEY_RMAX_SE, calibration.rmaxSe());
		if (calibration.betaSe() > 0) o.addProperty(KEY_BETA_SE, calibration.betaSe());
		if (!Double.isNaN(temperatureCelsius)) o.addProperty(KEY_TEMPERATURE, temperatureCelsius);
		if (date != null) o.addProperty(KEY_DATE, date);
		if (method != null) o.addProperty(KEY_METHOD, method);
		if (notes != null) o.addProperty(KEY_NOTES, notes);
		if (!sources.isEmpty()) {
			JsonArray a = new JsonArray();
			for (Source s : sources) {
				JsonObject so = new JsonObject();
				so.addProperty("file", s.file);
				so.addProperty("sha256", s.sha256);
				a.add(so);
			}
			o.add(KEY_SOURCES, a);
		}
		if (softwareVersion != null) o.addProperty(KEY_VERSION, softwareVersion);
		if (details != null) o.add(KEY_EXTRA, details.deepCopy());
		return o;
	}

	/** Writes the file atomically as pretty-printed JSON. */
	public void write(Path file) throws IOException {
		AtomicFiles.writeString(file, Json.write(toJson(), true) + "\n");
	}

	/**
	 * Reads and validates a calibration file.
	 *
	 * @throws IllegalArgumentException naming the file and the problem: not found, malformed JSON, unknown key,
	 *           missing or non-numeric constant, or unphysical values
	 */
	public static CalibrationFile read(Path file) throws IOException {
		JsonElement root = Json.parse(file, "calibration file " + file);
		if (!root.isJsonObject()) throw new IllegalArgumentException("calibration file " + file +
			" must hold a JSON object {\"kd_mM\": ..., \"rmin\": ..., \"rmax\": ..., \"beta\": ...}");
		try {
			return fromJson(root.getAsJsonObject());
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("calibration file " + file + ": " + e.getMessage(), e);
		}
	}

	/** Parses and validates a JSON object; messages name the key. */
	public static CalibrationFile fromJson(JsonObject o) {
		for (String k : o.keySet())
			if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown key '" + io.github.magratio.util.Text.quote(k) + "' (allowed: " + String.join(
				", ", KEYS) + ")");
		double kd = o.has(KEY_KD) ? number(o, KEY_KD) : Calibration.DEFAULT_KD_MILLIMOLAR;
		for (String k : new String[] { KEY_RMIN, KEY_RMAX, KEY_BETA })
			if (!o.has(k)) throw new IllegalArgumentException("missing required key '" + k + "'");
		Calibration cal = new Calibration(kd, number(o, KEY_RMIN), number(o, KEY_RMAX), number(o, KEY_BETA), optional(o,
			KEY_KD_SE), optional(o, KEY_RMIN_SE), optional(o, KEY_RMAX_SE), optional(o, KEY_BETA_SE));
		Builder b = builder(cal).softwareVersion(null);
		if (o.has(KEY_INDICATOR)) b.indicator(string(o, KEY_INDICATOR));
		if (o.has(KEY_ION)) b.ion(string(o, KEY_ION));
		if (o.has(KEY_TEMPERATURE)) b.temperatureCelsius(number(o, KEY_TEMPERATURE));
		if (o.has(KEY_DATE)) b.date(string(o, KEY_DATE));
		if (o.has(KEY_METHOD)) b.method(string(o, KEY_METHOD));
		if (o.has(KEY_NOTES)) b.notes(string(o, KEY_NOTES));
		if (o.has(KEY_VERSION)) b.softwareVersion(string(o, KEY_VERSION));
		if (o.has(KEY_EXTRA)) {
			if (!o.get(KEY_EXTRA).isJsonObject()) throw new IllegalArgumentException("'" + KEY_EXTRA +
				"' must be a JSON object");
			b.details(o.getAsJsonObject(KEY_EXTRA));
		}
		if (o.has(KEY_SOURCES)) {
			if (!o.get(KEY_SOURCES).isJsonArray()) throw new IllegalArgumentException("'" + KEY_SOURCES +
				"' must be an array of {\"file\": ..., \"sha256\": ...}");
			for (JsonElement e : o.getAsJsonArray(KEY_SOURCES)) {
				if (!e.isJsonObject()) throw new IllegalArgumentException("'" + KEY_SOURCES +
					"' entries must be objects {\"file\": ..., \"sha256\": ...}");
				JsonObject so = e.getAsJsonObject();
				b.source(so.has("file") ? string(so, "file") : null, so.has("sha256") ? string(so, "sha256") : null);
			}
		}
		return b.build();
	}

	private static double optional(JsonObject o, String key) {
		return o.has(key) ? number(o, key) : 0;
	}

	static double number(JsonObject o, String key) {
		JsonElement e = o.get(key);
		if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) throw new IllegalArgumentException(
			"'" + key + "' must be a number, got " + Json.shown(e));
		return e.getAsDouble();
	}

	static String string(JsonObject o, String key) {
		JsonElement e = o.get(key);
		if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) throw new IllegalArgumentException(
			"'" + key + "' must be a string, got " + Json.shown(e));
		return e.getAsString();
	}
}
