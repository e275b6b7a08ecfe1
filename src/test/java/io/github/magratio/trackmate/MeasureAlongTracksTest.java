package io.github.magratio.trackmate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measuring along a TrackMate file written by hand as TrackMate 7 saves one (spots with outlines and spots with only
 * a radius, a track with a gap, a hidden track, 0.5 um pixels), on a synthetic recording, against the generator's
 * truth: the rows are the visible spots, keyed by TrackMate's track id, and [Mg2+] meets the core accuracy bar.
 */
class MeasureAlongTracksTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	/** Vertices of the truth ellipse of a cell scaled by {@code s}, relative to its centre, px. */
	static double[][] ellipse(JsonObject e, double s, int n) {
		double a = e.get("semi_axis_a_px").getAsDouble(), b = e.get("semi_axis_b_px").getAsDouble(), phi = e.get(
			"angle_rad").getAsDouble();
		double[][] v = new double[2][n];
		for (int k = 0; k < n; k++) {
			double th = 2 * Math.PI * k / n;
			v[0][k] = s * (a * Math.cos(th) * Math.cos(phi) - b * Math.sin(th) * Math.sin(phi));
			v[1][k] = s * (a * Math.cos(th) * Math.sin(phi) + b * Math.sin(th) * Math.cos(phi));
		}
		return v;
	}

	@Test
	void measuringAlongAHandWrittenTrackMateFileMatchesTheTruth() throws Exception {
		int frames = 20;
		SyntheticRecording synth = SyntheticRecording.generate(SynthSettings.builder().seed(3).frames(frames).build());
		synth.write(dir, "rec");
		GroundTruth truth = synth.truth();
		JsonObject tj = JsonParser.parseString(new String(Files.readAllBytes(dir.resolve("rec-truth.json")),
			StandardCharsets.UTF_8)).getAsJsonObject();
		HandWrittenTrackMate h = new HandWrittenTrackMate(160, 128, frames);
		h.pixel = 0.5;
		int n = truth.cellCount(), hidden = n, gapCell = 2, gapFrame = 5;
		for (JsonElement ce : tj.getAsJsonArray("cells")) {
			JsonObject co = ce.getAsJsonObject();
			int c = co.get("id").getAsInt();
			JsonObject e = co.getAsJsonObject("ellipse");
			double cx = e.get("centre_x_px").getAsDouble(), cy = e.get("centre_y_px").getAsDouble();
			double r = 0.8 * Math.min(e.get("semi_axis_a_px").getAsDouble(), e.get("semi_axis_b_px").getAsDouble());
			List<int[]> edges = new ArrayList<>();
			int last = -1;
			for (int t = 0; t < frames; t++) {
				if (c == gapCell && t == gapFrame) continue;
				int id = 100 * c + t;
				double[][] v = c % 2 == 1 ? ellipse(e, 0.85, 24) : null;
				h.spot(id, t, cx, cy, r, v == null ? null : v[0], v == null ? null : v[1]);
				if (last >= 0) edges.add(new int[] { last, id });
				last = id;
			}
			h.track(c + 10, c != hidden, edges.toArray(new int[0][]));
		}
		Path xml = dir.resolve("curated.xml");
		Files.write(xml, h.xml().getBytes(StandardCharsets.UTF_8));

		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_TRACKS, xml.toString());
		o.addProperty(PipelineSettings.KEY_CALIBRATION, dir.resolve("rec-calibration.json").toString());
		Path out = dir.resolve("out");
		Pipeline.Result r = Pipeline.run(PipelineSettings.fromJson(o), Pipeline.Input.of(dir.resolve("rec.tif")), out,
			false, Progress.NONE);
		Csv.Table cells = Csv.read(r.folder.resolve(Pipeline.CELLS));
		int cTrack = cells.requireColumn("trackmate_track_id"), cFrame = cells.requireColumn("frame"), cMg = cells
			.requireColumn("mg_mM"), cx = cells.requireColumn("x_px"), cParent = cells.requireColumn("parent");
		assertEquals((n - 1) * frames - 1, cells.rows().size(), "one row per visible spot");
		List<Double> errors = new ArrayList<>();
		Map<Integer, Integer> rowsOfTrack = new HashMap<>();
		for (int i = 0; i < cells.rows().size(); i++) {
			int track = (int) cells.number(i, cTrack), c = track - 10, t = (int) cells.number(i, cFrame);
			assertTrue(c >= 1 && c < hidden, "track " + track + " is visible");
			assertFalse(c == gapCell && t == gapFrame, "no row in the gap");
			assertEquals(truth.centroidX(c), cells.number(i, cx), 0.5, "centroid of cell " + c);
			assertEquals("", cells.rows().get(i).get(cParent));
			rowsOfTrack.merge(track, 1, Integer::sum);
			double tm = truth.mgMillimolar(c, t);
			errors.add(Math.abs(cells.number(i, cMg) - tm) / tm);
		}
		assertEquals(n - 1, rowsOfTrack.size(), "one cell per visible track, the gap closed");
		Collections.sort(errors);
		double median = errors.get(errors.size() / 2), p90 = errors.get((int) (0.9 * errors.size()));
		assertTrue(median < 0.01 && p90 < 0.03, "[Mg2+] error median " + median + ", p90 " + p90);
		assertTrue(Files.isRegularFile(r.folder.resolve(Pipeline.TRACKS)));
	}
}
