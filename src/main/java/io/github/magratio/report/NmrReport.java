package io.github.magratio.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.magratio.assay.NmrResult;
import io.github.magratio.util.Version;

import java.util.Map;

/**
 * JSON form of an {@link NmrResult}: one object per spectrum with {@code free_mg_mM}, its 95 % interval, the method,
 * the constants used (and which are unverified defaults), flags and the software version. NaN and Infinity are
 * written as {@code null} (RFC 8259 has neither). Stateless.
 */
public final class NmrReport {

	private NmrReport() {}

	/** @return the result as a JSON object */
	public static JsonObject toJson(NmrResult r) {
		JsonObject o = new JsonObject();
		if (!r.label().isEmpty()) o.addProperty("sample", r.label());
		o.addProperty("method", r.method());
		o.addProperty("free_mg_mM", r.freeMgMillimolar());
		o.addProperty("free_mg_mM_lo", r.freeMgMillimolarLo());
		o.addProperty("free_mg_mM_hi", r.freeMgMillimolarHi());
		o.addProperty("interval", "95%");
		o.addProperty("pmg", r.pMg());
		o.addProperty("free_atp_fraction", r.freeAtpFraction());
		o.addProperty("ph", r.ph());
		o.addProperty("ph_source", r.phSource());
		o.addProperty("kd_app_uM", r.kdAppMicromolar());
		JsonObject c = new JsonObject();
		for (Map.Entry<String, Object> e : r.constants().entrySet()) {
			if (e.getValue() instanceof Number) c.addProperty(e.getKey(), (Number) e.getValue());
			else c.addProperty(e.getKey(), String.valueOf(e.getValue()));
		}
		o.add("constants", c);
		JsonArray f = new JsonArray();
		for (String s : r.flags())
			f.add(s);
		o.add("flags", f);
		if (r.message() != null) o.addProperty("message", r.message());
		o.addProperty("software_version", Version.get());
		return o;
	}

	/** @return the result as one line of JSON */
	public static String toJsonLine(NmrResult r) {
		return io.github.magratio.util.Json.write(toJson(r), false);
	}
}
