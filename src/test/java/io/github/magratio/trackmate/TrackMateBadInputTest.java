package io.github.magratio.trackmate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad TrackMate files: each gives an error naming the file, and the line where there is one, and what was expected;
 * measured through the pipeline, nothing is written.
 */
class TrackMateBadInputTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	/** A good file: two cells over 3 frames of a 40 x 30 image, one tracked, one lone spot. */
	static HandWrittenTrackMate good() {
		HandWrittenTrackMate h = new HandWrittenTrackMate(40, 30, 3);
		h.spot(1, 0, 10, 10, 3, null, null).spot(2, 1, 11, 10, 3, null, null).spot(3, 2, 12, 10, 3, new double[] { -2,
			2, 2, -2 }, new double[] { -2, -2, 2, 2 }).spot(9, 1, 30, 20, 3, null, null);
		h.track(0, true, new int[] { 1, 2 }, new int[] { 2, 3 });
		return h;
	}

	Path write(String name, String text) throws Exception {
		Path f = dir.resolve(name);
		Files.write(f, text.getBytes(StandardCharsets.UTF_8));
		return f;
	}

	String readError(String text) throws Exception {
		Path f = write("bad.xml", text);
		return assertThrows(IllegalArgumentException.class, () -> TrackMateCells.cells(TrackMateXml.read(f), f
			.toString(), 40, 30, 3, Progress.NONE)).getMessage();
	}

	String readError(Consumer<HandWrittenTrackMate> change) throws Exception {
		HandWrittenTrackMate h = good();
		change.accept(h);
		return readError(h.xml());
	}

	static void says(String message, String... parts) {
		for (String p : parts)
			assertTrue(message.contains(p), "'" + message + "' should say '" + p + "'");
	}

	@Test
	void theGoodFileReads() throws Exception {
		Path f = write("good.xml", good().xml());
		TrackMateCells.Cells c = TrackMateCells.cells(TrackMateXml.read(f), f.toString(), 40, 30, 3, Progress.NONE);
		assertTrue(c.tracks.cells() == 2);
	}

	@Test
	void externalEntitiesAndXmlBombsAreRefusedAtTheDoctype() throws Exception {
		Path secret = write("secret.txt", "top secret");
		says(readError(h -> h.doctype = "<!DOCTYPE TrackMate [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"),
			"bad.xml", "line 2", "DOCTYPE is not allowed");
		StringBuilder bomb = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
		for (int i = 1; i < 10; i++)
			bomb.append("<!ENTITY lol").append(i).append(" \"").append(String.join("", java.util.Collections.nCopies(10,
				"&lol" + (i == 1 ? "" : Integer.toString(i - 1)) + ";"))).append("\">");
		bomb.append("]>\n");
		says(readError(h -> h.doctype = bomb.toString()), "DOCTYPE is not allowed");
		// an entity reference without a DOCTYPE is refused by name
		says(readError(good().xml().replace("<Log>", "<Log>&xxe;")), "bad.xml", "line 3", "entity reference &xxe; " +
			"is not allowed");
	}

	@Test
	void unsupportedVersionsAndOtherRootsAreNamed() throws Exception {
		says(readError(h -> h.version = "9.0.1"), "TrackMate version 9.0.1 is not supported", "2 to 8");
		says(readError(h -> h.version = "1.2"), "TrackMate version 1.2 is not supported");
		says(readError(good().xml().replace("<TrackMate version=\"7.11.1\">", "<TrackMate>")), "no version attribute");
		says(readError("<?xml version=\"1.0\"?>\n<Tracks><a/></Tracks>\n"), "root element is <Tracks>",
			"expected <TrackMate>");
	}

	@Test
	void edgesNamingUnknownSpotsAreRefusedWithTheirLine() throws Exception {
		String m = readError(h -> h.track(5, true, new int[] { 3, 77 }));
		says(m, "SPOT_TARGET_ID 77 names no spot", "line ");
	}

	@Test
	void aFileOfAnotherImageSizeOrSpotsOutsideAreRefused() throws Exception {
		says(readError(h -> h.width = 64), "64x30 px image", "recording is 40x30 px");
		says(readError(h -> h.spot(20, 2, 45, 5, 2, null, null)), "spot 20 at (45.0, 5.0) px lies outside the 40x30");
		says(readError(h -> {
			h.frames = 8;
			h.spot(21, 7, 5, 5, 2, null, null);
		}), "spot 21 is in frame 7 but the recording has frames 0..2");
		says(readError(good().xml().replace("<Spot ID=\"2\" name=\"ID2\" STD_INTENSITY_CH1=\"12.5\" QUALITY=\"1.0\" " +
			"POSITION_T=\"1.0\" TOTAL_INTENSITY_CH1=\"12345.0\" CONTRAST_CH1=\"0.3\" FRAME=\"1\"", "<Spot ID=\"2\" " +
				"FRAME=\"2\"")), "Spot 2 has FRAME 2 inside SpotsInFrame frame=1");
	}

	@Test
	void malformedContentGivesTheLineAndWhatWasExpected() throws Exception {
		says(readError(good().xml().replace("</AllSpots>", "</AllSpot>")), "line ", "not well-formed");
		says(readError(good().xml().replace("ROI_N_POINTS=\"4\"", "ROI_N_POINTS=\"5\"")), "Spot 3 has ROI_N_POINTS 5 " +
			"but 8 numbers");
		says(readError(good().xml().replace("POSITION_X=\"11.0\"", "POSITION_X=\"eleven\"")), "POSITION_X must be a " +
			"number, got 'eleven'");
		says(readError(good().xml().replace("<Spot ID=\"9\"", "<Spot ID=\"2\"")), "spot ID 2 is used twice");
		says(readError(h -> h.filtered.add(42)), "FilteredTracks names TRACK_ID 42");
		says(readError(good().xml().replace("pixelwidth=\"1.0\"", "pixelwidth=\"0\"")), "pixelwidth must be > 0");
		says(readError(good().xml().replaceAll("(?s)<ImageData[^>]*/>", "")), "no Settings/ImageData");
	}

	@Test
	void aRoiSetWithDotDotOrAbsoluteEntryNamesIsRefused() throws Exception {
		byte[] roi = ij.io.RoiEncoder.saveAsByteArray(new ij.gui.Roi(2, 2, 5, 5));
		for (String name : new String[] { "../evil.roi", "a/../../evil.roi", "/etc/evil.roi" }) {
			Path zip = dir.resolve("rois.zip");
			try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
				z.putNextEntry(new java.util.zip.ZipEntry("ok.roi"));
				z.write(roi);
				z.putNextEntry(new java.util.zip.ZipEntry(name));
				z.write(roi);
			}
			says(assertThrows(IllegalArgumentException.class, () -> io.github.magratio.ij.LabelImages.readRois(zip, 40,
				30)).getMessage(), "rois.zip", name, "outside the archive");
		}
	}

	@Test
	void aBadTracksFileThroughThePipelineWritesNothing() throws Exception {
		SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().frames(3).build());
		s.write(dir, "rec");
		HandWrittenTrackMate h = good(); // made for 40 x 30 px, the recording is 160 x 128
		Path xml = write("t.xml", h.xml());
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_TRACKS, xml.toString());
		o.addProperty(PipelineSettings.KEY_CALIBRATION, dir.resolve("rec-calibration.json").toString());
		Path out = dir.resolve("out");
		String m = assertThrows(IllegalArgumentException.class, () -> Pipeline.run(PipelineSettings.fromJson(o),
			Pipeline.Input.of(dir.resolve("rec.tif")), out, false, Progress.NONE)).getMessage();
		says(m, "t.xml", "40x30 px image", "160x128 px");
		assertFalse(Files.exists(out.resolve("rec")), "no result folder");
		// and per-frame segmentation or a label image with it are refused by name
		o.addProperty(PipelineSettings.KEY_SEGMENTATION, PipelineSettings.SEGMENTATION_PER_FRAME);
		says(assertThrows(IllegalArgumentException.class, () -> PipelineSettings.fromJson(o)).getMessage(), "tracks",
			"segmentation per-frame");
	}
}
