package io.github.magratio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.util.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthFilesTest {

	@TempDir
	static Path dir;
	static SyntheticRecording rec;
	static List<Path> files;

	@BeforeAll
	static void write() throws IOException {
		rec = SyntheticRecording.generate(SynthSettings.builder().frames(12).seed(5L).build());
		files = rec.write(dir, "sample");
	}

	@Test
	void writesTheFiveFilesAndNoTemporaryLeftovers() throws IOException {
		assertEquals(5, files.size());
		for (Path p : files)
			assertTrue(Files.size(p) > 0, p.toString());
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			assertEquals(5, s.count());
		}
	}

	@Test
	void recordingReopensAsTwoChannelsByFramesWithFrameInterval() {
		ImagePlus imp = IJ.openImage(dir.resolve("sample.tif").toString());
		assertNotNull(imp);
		assertEquals(2, imp.getNChannels());
		assertEquals(1, imp.getNSlices());
		assertEquals(12, imp.getNFrames());
		assertEquals(16, imp.getBitDepth());
		assertEquals(2.0, imp.getCalibration().frameInterval, 0);
		assertEquals("sec", imp.getCalibration().getTimeUnit());
		ImagePlus mem = rec.imagePlus();
		for (int i = 1; i <= mem.getStackSize(); i++)
			assertArrayEquals((short[]) mem.getStack().getPixels(i), (short[]) imp.getStack().getPixels(i), "plane " + i);
	}

	@Test
	void truthReadsBackEqual() throws IOException {
		GroundTruth t = rec.truth(), r = GroundTruth.read(dir, "sample");
		assertArrayEquals(t.labels(), r.labels());
		assertEquals(t.cellCount(), r.cellCount());
		assertEquals(t.frames(), r.frames());
		assertEquals(t.frameIntervalSeconds(), r.frameIntervalSeconds(), 0);
		assertEquals(t.calibration(), r.calibration());
		assertEquals(t.settings(), r.settings());
		for (int c = 1; c <= t.cellCount(); c++) {
			assertEquals(t.area(c), r.area(c));
			assertEquals(t.centroidX(c), r.centroidX(c), 0);
			assertEquals(t.centroidY(c), r.centroidY(c), 0);
			assertEquals(t.loading(c), r.loading(c), 0);
			assertEquals(t.courseKind(c), r.courseKind(c));
			assertEquals(t.touchingPartner(c), r.touchingPartner(c));
			for (int f = 0; f < t.frames(); f++)
				assertEquals(t.mgMillimolar(c, f), r.mgMillimolar(c, f), 1e-9);
		}
		assertEquals(t.touchingPairs().size(), r.touchingPairs().size());
		for (int i = 0; i < t.touchingPairs().size(); i++)
			assertArrayEquals(t.touchingPairs().get(i), r.touchingPairs().get(i));
		for (int f : new int[] { 0, 11 })
			for (int[] xy : new int[][] { { 0, 0 }, { 80, 64 }, { 159, 127 } }) {
				assertEquals(t.background340(xy[0], xy[1], f), r.background340(xy[0], xy[1], f), 0);
				assertEquals(t.background380(xy[0], xy[1], f), r.background380(xy[0], xy[1], f), 0);
			}
		assertEquals(t.bleachFactor(11), r.bleachFactor(11), 0);
	}

	@Test
	void csvAndCalibrationFileHaveTheDocumentedForm() throws IOException {
		Csv.Table table = Csv.read(dir.resolve("sample-truth.csv"));
		assertEquals(Arrays.asList("cell", "frame", "time_s", "x_px", "y_px", "mg_mM"), table.header());
		assertEquals(rec.truth().cellCount() * 12, table.rows().size());
		assertEquals(0, table.number(0, 1), 0);
		assertEquals(2.0, table.number(1, 2), 0);
		CalibrationFile cf = CalibrationFile.read(dir.resolve("sample-calibration.json"));
		assertEquals("synthetic-truth", cf.method());
		assertEquals(1.5, cf.calibration().kdMillimolar(), 0);
	}

	@Test
	void missingTruthFileIsNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroundTruth.read(dir,
			"nothing"));
		assertTrue(e.getMessage().contains("nothing-truth.json"), e.getMessage());
	}
}
