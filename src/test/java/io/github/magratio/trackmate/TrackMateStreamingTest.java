package io.github.magratio.trackmate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;
import io.github.magratio.core.Labels;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tracks.xml is streamed ({@link TrackMateExport#write}): the same bytes as the in-memory model's file, and a
 * recording with far more spots than an in-memory model of them can hold is written in a small heap (a child JVM).
 */
class TrackMateStreamingTest {

	@TempDir
	Path dir;

	/** Squares of {@link #SIDE} px on a grid, one per cell, in a {@link #WIDTH} x {@link #WIDTH} mask. */
	static final int WIDTH = 64, SIDE = 5, PITCH = 8, GRID = 7, CELLS = GRID * GRID;
	/** Frames of the long recording: 49 cells x 2000 frames = 98,000 spots, ~200 MB as an in-memory model. */
	static final int LONG_FRAMES = 2000;
	/** The child's heap: the table and the spots' IDs and positions fit, a model of the spots does not. */
	static final String HEAP = "64m";

	@Test
	void theStreamedFileIsTheModelsFileForCellsFoundFrameByFrame() throws Exception {
		TrackMateXmlTest.run();
		io.github.magratio.pipeline.RecordingAnalysis.Result r = TrackMateXmlTest.result;
		Path a = dir.resolve("model.xml"), b = dir.resolve("streamed.xml");
		TrackMateXml.write(TrackMateXmlTest.exported(0.65), a, "log & <x>");
		int spots = TrackMateExport.write(b, "log & <x>", r.table, r.tracks, null, r.perFrameLabels, 160, 128,
			r.timesSeconds, r.frameIntervalSeconds, 0.65, "micron", "sec", null);
		assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
		assertEquals(TrackMateXml.read(b).spots.size(), spots);
	}

	@Test
	void theStreamedFileIsTheModelsFileForAStaticMask() throws Exception {
		int frames = 7;
		Labels mask = grid();
		CellTable table = new CellTable(CELLS, frames);
		double[] times = new double[frames];
		for (int t = 0; t < frames; t++)
			times[t] = 0.5 * t;
		Path a = dir.resolve("model.xml"), b = dir.resolve("streamed.xml"), rec = dir.resolve("rec.tif");
		TrackMateXml.write(TrackMateModels.of(table, CellTracks.still(CELLS, frames), mask, null, WIDTH, WIDTH, times,
			0.5, 0.2, "micron", "sec", rec), a, "static");
		TrackMateExport.write(b, "static", table, CellTracks.still(CELLS, frames), mask, null, WIDTH, WIDTH, times, 0.5,
			0.2, "micron", "sec", rec);
		assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
	}

	@Test
	void aLongRecordingIsWrittenInASmallHeap() throws Exception {
		Path file = dir.resolve("tracks.xml");
		Child streamed = child("stream", file);
		assertEquals(0, streamed.code, "streamed export in -Xmx" + HEAP + " failed:\n" + streamed.err);
		TrackMateModel m = TrackMateXml.read(file);
		assertEquals(CELLS * LONG_FRAMES, m.spots.size());
		assertEquals(CELLS, m.tracks.size());
		for (int k = 0; k < m.spots.size(); k += 997) {
			TrackMateModel.Spot s = m.spots.get(k);
			// spot IDs in frame-then-cell order; cell c's square is centred on its grid point
			int c = k % CELLS + 1, t = k / CELLS;
			assertEquals(k, s.id);
			assertEquals(t, s.frame);
			assertEquals(centre((c - 1) % GRID), s.x, 1e-12, "spot " + k);
			assertEquals(centre((c - 1) / GRID), s.y, 1e-12, "spot " + k);
			assertEquals(SIDE * SIDE, s.feature("AREA_PX"), 0);
			assertEquals(c, s.feature("CELL_ID"), 0);
		}
		for (TrackMateModel.Track tr : m.tracks) {
			assertEquals(LONG_FRAMES - 1, tr.edges.size());
			for (TrackMateModel.Edge e : tr.edges) {
				assertEquals(CELLS, e.target - e.source); // the same cell one frame later
				assertEquals(0, e.cost, 0);
			}
		}
		// the heap is small enough that the in-memory model does not fit: the test would catch a return to it
		Child model = child("model", dir.resolve("model.xml"));
		assertTrue(model.code != 0 && model.err.contains("OutOfMemoryError"), "the in-memory model of " + CELLS *
			LONG_FRAMES + " spots fitted in -Xmx" + HEAP + ", so this test does not test streaming; exit " + model.code);
	}

	private static double centre(int gridIndex) {
		return gridIndex * PITCH + 2 + (SIDE - 1) / 2.0;
	}

	static Labels grid() {
		int[] a = new int[WIDTH * WIDTH];
		for (int c = 1; c <= CELLS; c++) {
			int x0 = (c - 1) % GRID * PITCH + 2, y0 = (c - 1) / GRID * PITCH + 2;
			for (int y = y0; y < y0 + SIDE; y++)
				for (int x = x0; x < x0 + SIDE; x++)
					a[y * WIDTH + x] = c;
		}
		return Labels.withIds(a, WIDTH, WIDTH, CELLS);
	}

	/** The child: {@code stream FILE} writes with {@link TrackMateExport#write}, {@code model FILE} via the model. */
	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[1]);
		CellTable table = new CellTable(CELLS, LONG_FRAMES);
		CellTracks still = CellTracks.still(CELLS, LONG_FRAMES);
		double[] times = new double[LONG_FRAMES];
		for (int t = 0; t < LONG_FRAMES; t++)
			times[t] = t;
		if (args[0].equals("stream")) TrackMateExport.write(file, "long", table, still, grid(), null, WIDTH, WIDTH,
			times, 1, 1, "pixel", "sec", null);
		else TrackMateXml.write(TrackMateModels.of(table, still, grid(), null, WIDTH, WIDTH, times, 1, 1, "pixel",
			"sec", null), file, "long");
	}

	private static final class Child {
		final int code;
		final String err;

		Child(int code, String err) {
			this.code = code;
			this.err = err;
		}
	}

	private Child child(String mode, Path file) throws Exception {
		List<String> cmd = new ArrayList<>(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx" + HEAP, "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", System.getProperty(
				"java.class.path"), TrackMateStreamingTest.class.getName(), mode, file.toString()));
		Path err = dir.resolve(mode + "-err.txt");
		Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve(mode + "-out.txt").toFile()).redirectError(err
			.toFile()).start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("child did not finish in 120 s: " + cmd);
		}
		return new Child(p.exitValue(), new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
	}
}
