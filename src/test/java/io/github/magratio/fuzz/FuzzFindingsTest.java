package io.github.magratio.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.ij.RoiFiles;
import io.github.magratio.pipeline.PipelineSettings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fuzzing finding as a named regression test, on the input the fuzzer wrote (kept beside the seeds, where the
 * fuzz tests replay it too). Each asserts the refusal a user now gets instead of the crash.
 */
class FuzzFindingsTest {

	@TempDir
	Path tmp;

	static byte[] finding(String target, String name) throws Exception {
		String path = "/io/github/magratio/fuzz/" + target + "/" + name;
		try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(path)) {
			assertTrue(in != null, "missing " + path);
			return in.readAllBytes();
		}
	}

	@Test
	void aBackgroundMethodWithANewlineIsRefusedOnOneLine() throws Exception {
		// JsonFuzzTest#settings, crash-8cd6ce60: {"background": "Otsu\n]"} made a two-line message
		JsonObject o = io.github.magratio.util.Json.parse(finding("JsonFuzzTestInputs/settings",
			"crash-8cd6ce60c4e3785400a7bdb68b057cc96728ce67"), "settings").getAsJsonObject();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineSettings.fromJson(o));
		Fuzz.checkMessage(e);
		assertTrue(e.getMessage().contains("background: must be one of none, constant, roi, surface, ring, got 'Otsu\\n]'"),
			e.getMessage());
	}

	@Test
	void aTruncatedZipEntryIsRefusedNotAnEofException() throws Exception {
		// RoiFuzzTest#roiSet, crash-3b572c33: the inflater's EOFException escaped as an I/O failure
		Path zip = Files.write(tmp.resolve("rois.zip"), finding("RoiFuzzTestInputs/roiSet",
			"crash-3b572c3349bccd7198af8e8603420984b20af35b"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoiFiles.read(zip, "ROI file"));
		Fuzz.checkMessage(e);
		assertTrue(e.getMessage().contains("damaged") || e.getMessage().contains("not a valid"), e.getMessage());
	}

	@Test
	void aRoiNameLengthThatOverflowsImageJsCheckIsRefusedBeforeItIsAllocated() throws Exception {
		// RoiFuzzTest#singleRoi, crash-3228d79c: header 2's name length makes offset + 2 * length overflow in
		// RoiDecoder, which then allocated the name (out of memory)
		byte[] b = finding("RoiFuzzTestInputs/singleRoi", "crash-3228d79cb93f89a5c02015ae9937dcd5565e5e5e");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoiFiles.decode(b, "fuzz.roi"));
		Fuzz.checkMessage(e);
		assertTrue(e.getMessage().contains("run past its end"), e.getMessage());
	}

	@Test
	void aTruncatedBmpAsALabelImageIsRefusedNotAnIoFailure() throws Exception {
		// LabelImageFuzzTest#labelImage, crash-42658af1: "BM" and 4 bytes; Java's BMP decoder threw EOFException, which
		// read as a failure of the disk (exit 1) instead of a damaged file (exit 2)
		Path f = Files.write(tmp.resolve("labels.bmp"), finding("LabelImageFuzzTestInputs/labelImage",
			"crash-42658af1820d03b54d87b07af17cede2a1875aa2"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.github.magratio.ij
			.LabelImages.read(f, 16, 16));
		Fuzz.checkMessage(e);
		assertTrue(e.getMessage().contains("damaged or truncated image"), e.getMessage());
	}

	@Test
	void lineBreaksOfOldMacFilesEndLinesAndNeverReachAMessage() throws Exception {
		// CsvFuzzTest#tables, crash-912f6f81: a header with lone carriage returns made a message of several lines;
		// a lone \r now ends a line (old Mac files) and column lists in messages are escaped
		byte[] b = finding("CsvFuzzTestInputs/tables", "crash-912f6f81e60d19e0173e1d65d49761af29692ef4");
		Path f = Files.write(tmp.resolve("t.csv"), b);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.github.magratio.assay
			.AasTables.readStandards(f));
		Fuzz.checkMessage(e);
		io.github.magratio.util.Csv.Table t = io.github.magratio.util.Csv.parse("a,b\r1,2\r3,4".getBytes(), null);
		assertTrue(t.rows().size() == 2, "lone CRs end lines");
	}

	@Test
	void aSplineFitOutlineOfAstronomicalPerimeterIsRefusedBeforeImageJFitsIt() throws Exception {
		// RoiFuzzTest#singleRoi, crash-94eeec46 and crash-d28e8d53 (the latter found by the 10 s CI run): the spline
		// option with subpixel coordinates of 1e22 px made RoiDecoder evaluate a spline of length / 2 points (out of
		// memory); the perimeter is now computed from the file first
		for (String name : new String[] { "crash-94eeec46f0091152bda78fd0eebebddb94aebc92",
			"crash-d28e8d531b947a1aa2649d35369daa9d828681de" })
		{
			byte[] b = finding("RoiFuzzTestInputs/singleRoi", name);
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoiFiles.decode(b, name));
			Fuzz.checkMessage(e);
			assertTrue(e.getMessage().contains("spline-fit outline"), e.getMessage());
		}
	}

	@Test
	void aZipEntryNameWithANewlineIsQuotedOnOneLine() throws Exception {
		// RoiFuzzTest#roiSet, crash-0cdb3600: the entry's name, holding a line break, went into the message as is
		Path zip = Files.write(tmp.resolve("rois.zip"), finding("RoiFuzzTestInputs/roiSet",
			"crash-0cdb3600ad8f65f71a72b2e62a73dc7f99ca4097"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoiFiles.read(zip, "ROI file"));
		Fuzz.checkMessage(e);
	}

	@Test
	void aZipErrorWithoutAMessageStillGivesOne() {
		// replaying RoiFuzzTest#roiSet's grown corpus: a ZipException without a message made quoting it throw a
		// NullPointerException; a missing text quotes as nothing
		assertTrue(io.github.magratio.util.Text.quote(null).isEmpty());
		assertTrue(io.github.magratio.util.Text.quote("a\nb").equals("a\\nb"));
	}

	@Test
	void controlCharactersInAHeaderDoNotGrowTheMessage() throws Exception {
		// CsvFuzzTest#tables, crash-2d1315bb: 200 characters of a header of control characters, each escaped as
		// \\u0011 after the cut, made a message of 1287 characters; escaping comes first now
		Path f = Files.write(tmp.resolve("t.csv"), finding("CsvFuzzTestInputs/tables",
			"crash-2d1315bb245f2c72d550afc9535eb84426469053"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.github.magratio.assay
			.AasTables.readStandards(f));
		Fuzz.checkMessage(e);
		assertTrue(io.github.magratio.util.Text.quote("\u0011\u0011\u0011\u0011\u0011\u0011\u0011", 20).length() <= 20);
	}

	@Test
	void splineFitPointsAndEllipsesAreBoundedToo() throws Exception {
		// RoiFuzzTest#singleRoi, crash-f2750e3e: a point ROI with the spline option (a PointRoi is a PolygonRoi, so
		// ImageJ fits it too) and subpixel coordinates of 1e32 px: out of memory
		byte[] b = finding("RoiFuzzTestInputs/singleRoi", "crash-f2750e3e7c1fc431f590f17d839afa9eaa9213b6");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoiFiles.decode(b, "points"));
		assertTrue(e.getMessage().contains("spline-fit outline"), e.getMessage());
		// an ellipse is given by its axis: its perimeter is bounded from that, and a cell-sized one still reads
		byte[] huge = ij.io.RoiEncoder.saveAsByteArray(new ij.gui.EllipseRoi(1, 1, 1e30, 1e30, 0.5));
		huge[51] |= 1; // the spline option
		e = assertThrows(IllegalArgumentException.class, () -> RoiFiles.decode(huge, "ellipse"));
		assertTrue(e.getMessage().contains("spline-fit outline"), e.getMessage());
		byte[] cell = ij.io.RoiEncoder.saveAsByteArray(new ij.gui.EllipseRoi(10, 10, 30, 20, 0.5));
		cell[51] |= 1;
		assertTrue(RoiFiles.decode(cell, "cell").getBounds().width > 10);
	}
}
