package io.github.magratio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.util.Json;


/**
 * Fuzzes the strict JSON parser and the two JSON contracts built on it: pipeline settings and calibration files.
 * Keys naming files (calibration, labels, ...) are removed before the settings are built, so the fuzzer never makes
 * the target read files of the machine; the parse itself sees them.
 */
class JsonFuzzTest {

	static final String[] FILE_KEYS = { PipelineSettings.KEY_CALIBRATION, PipelineSettings.KEY_LABELS,
		PipelineSettings.KEY_ROIS, PipelineSettings.KEY_CA_FILE, PipelineSettings.KEY_BG_ROI };

	@FuzzTest(maxDuration = "10s")
	void settings(byte[] data) throws Exception {
		Fuzz.refusedOrAccepted(() -> {
			JsonElement e = Json.parse(data, "settings file fuzz.json");
			// what MagRatio writes, it reads: the writer never emits what the parser refuses
			Json.parse(Json.write(e, true), "rewritten");
			if (!e.isJsonObject()) return;
			JsonObject o = e.getAsJsonObject().deepCopy();
			for (String k : FILE_KEYS)
				o.remove(k);
			PipelineSettings.fromJson(o);
		});
	}

	@FuzzTest(maxDuration = "10s")
	void calibration(byte[] data) throws Exception {
		Fuzz.refusedOrAccepted(() -> {
			JsonElement e = Json.parse(data, "calibration file fuzz.json");
			if (e.isJsonObject()) CalibrationFile.fromJson(e.getAsJsonObject());
		});
	}
}
