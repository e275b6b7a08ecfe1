package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --segmentation per-frame --tracking overlap} end to end on moving, dividing synthetic cells: labels.tif is
 * a 16-bit T-hyperstack whose labels are cells.csv's cells frame by frame (same ids, same areas, only within each
 * track's frames), rois.zip holds one uniquely named ROI per cell and frame at its T position, parents end before
 * their daughters start, and {@code measure-tracks} along the run's own tracks.xml measures the same values.
 */
class TrackingCliTest {

	@TempDir
	static Path dir;
	static Path rec, cal;

	@BeforeAll
	static void setUp() throws Exception {
		System.setProperty("java.awt.headless", "true");
		SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().seed(11).cells(16).frames(20).set(
			SynthSettings.DRIFT, 1.5).set(SynthSettings.WANDER, 1.0).set(SynthSettings.DIVISIONS, 2).cellGapPixels(6)
			.build());
		s.write(dir, "moving");
		rec = dir.resolve("moving.tif");
		cal = dir.resolve("moving-calibration.json");
	}

	@Test
	void perFrameRunWritesConsistentLabelsRoisTracksAndMeasuresAlongItsOwnTracks() throws Exception {
		Path out = dir.resolve("out");
		CliRun r = CliRun.run("run", rec.toString(), "--segmentation", "per-frame", "--tracking", "overlap", "--max-gap",
			"2", "--calibration", cal.toString(), "--out", out.toString(), "-q");
		assertEquals(0, r.code, r.err);
		Path res = out.resolve("moving");
		Csv.Table cells = Csv.read(res.resolve("cells.csv"));
		int cCell = cells.requireColumn("cell"), cFrame = cells.requireColumn("frame"), cArea = cells.requireColumn(
			"area_px"), cStart = cells.requireColumn("track_start"), cEnd = cells.requireColumn("track_end"), cParent =
				cells.requireColumn("parent"), cMg = cells.requireColumn("mg_mM");
		Map<String, Long> areaOf = new HashMap<>();
		Map<Integer, int[]> span = new HashMap<>();
		int divisions = 0;
		for (int i = 0; i < cells.rows().size(); i++) {
			int c = (int) cells.number(i, cCell), t = (int) cells.number(i, cFrame);
			areaOf.put(c + "@" + t, (long) cells.number(i, cArea));
			span.put(c, new int[] { (int) cells.number(i, cStart), (int) cells.number(i, cEnd) });
			assertTrue(t >= cells.number(i, cStart) && t <= cells.number(i, cEnd));
		}
		for (int i = 0; i < cells.rows().size(); i++) {
			String p = cells.rows().get(i).get(cParent);
			if (p.isEmpty()) continue;
			int c = (int) cells.number(i, cCell);
			for (String q : p.split(";"))
				assertTrue(span.get(Integer.parseInt(q))[1] < span.get(c)[0], "parent " + q + " ends before " + c);
			if (cells.number(i, cFrame) == span.get(c)[0] && !p.contains(";")) divisions++;
		}
		assertTrue(divisions >= 2, divisions + " daughters recorded");
		com.google.gson.JsonObject pf = com.google.gson.JsonParser.parseString(new String(Files.readAllBytes(res.resolve(
			"run.json")), java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonObject("result")
			.getAsJsonObject("per_frame");
		assertEquals(divisions, pf.get("daughters").getAsInt(), "run.json counts the daughters of cells.csv");
		assertEquals("per_frame_segmentation", pf.get("cells_from").getAsString());

		ImagePlus labels = IJ.openImage(res.resolve("labels.tif").toString());
		assertEquals(16, labels.getBitDepth());
		assertEquals(20, labels.getNFrames());
		assertEquals(1, labels.getNSlices());
		assertEquals(1, labels.getNChannels());
		Map<String, Long> painted = new HashMap<>();
		for (int t = 0; t < 20; t++) {
			short[] px = (short[]) labels.getStack().getProcessor(labels.getStackIndex(1, 1, t + 1)).getPixels();
			for (short v : px)
				if (v != 0) painted.merge((v & 0xffff) + "@" + t, 1L, Long::sum);
		}
		assertEquals(areaOf, painted, "labels.tif = cells.csv's cells, areas and frames");

		int rois = 0;
		Set<String> names = new HashSet<>();
		try (ZipInputStream z = new ZipInputStream(Files.newInputStream(res.resolve("rois.zip")))) {
			for (ZipEntry e; (e = z.getNextEntry()) != null;) {
				Roi roi = RoiDecoder.openFromByteArray(readAll(z));
				assertTrue(names.add(e.getName()), "unique entry " + e.getName());
				int cell = Integer.parseInt(roi.getName().replaceAll("^cell-0*(\\d+)-t\\d+$", "$1"));
				assertTrue(areaOf.containsKey(cell + "@" + (roi.getTPosition() - 1)), roi.getName());
				rois++;
			}
		}
		assertEquals(cells.rows().size(), rois, "one ROI per cell and frame");
		assertTrue(Files.size(res.resolve("tracks.xml")) > 0);

		// measuring along the run's own TrackMate file gives the run's own values (the same pixels)
		Path again = dir.resolve("again");
		CliRun m = CliRun.run("measure-tracks", "--tracks", res.resolve("tracks.xml").toString(), "--recording", rec
			.toString(), "--calibration", cal.toString(), "--out", again.toString(), "-q");
		assertEquals(0, m.code, m.err);
		Csv.Table back = Csv.read(again.resolve("moving").resolve("cells.csv"));
		assertEquals(cells.rows().size(), back.rows().size());
		Map<String, Double> mine = new HashMap<>();
		int bx = back.requireColumn("x_px"), by = back.requireColumn("y_px"), bf = back.requireColumn("frame"), bm = back
			.requireColumn("mg_mM");
		for (int i = 0; i < cells.rows().size(); i++)
			mine.put(key(cells, i, cells.requireColumn("x_px"), cells.requireColumn("y_px"), cFrame), cells.number(i, cMg));
		int same = 0;
		for (int i = 0; i < back.rows().size(); i++) {
			Double v = mine.get(key(back, i, bx, by, bf));
			if (v != null && (v.isNaN() && Double.isNaN(back.number(i, bm)) || Math.abs(v - back.number(i, bm)) <= 1e-9 *
				Math.abs(v))) same++;
		}
		// cells in several pieces are outlined by their largest piece only: those rows may differ
		assertTrue(same >= 0.98 * back.rows().size(), same + " of " + back.rows().size() + " cell-frames measured alike");
	}

	static String key(Csv.Table t, int row, int x, int y, int f) {
		return Math.round(t.number(row, x) * 100) + "," + Math.round(t.number(row, y) * 100) + "," + (int) t.number(row,
			f);
	}

	static byte[] readAll(InputStream in) throws java.io.IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		byte[] buf = new byte[8192];
		for (int n; (n = in.read(buf)) > 0;)
			b.write(buf, 0, n);
		return b.toByteArray();
	}
}
