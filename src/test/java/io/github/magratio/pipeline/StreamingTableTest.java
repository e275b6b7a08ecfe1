package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.CellFlag;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Json;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-cell table of a run goes to disk as the frames complete ({@link CellTableFile}) and the tables, traces and
 * tracks.xml are written from it block by block: the output folder is byte for byte the same whatever the block size
 * (one cell per block up to the whole table), and the same as the tables written from the analysis in memory, with
 * static and per-frame cells and with ca_suspect flags written back to the file.
 */
class StreamingTableTest {

	@TempDir
	static Path tmp;
	static SyntheticRecording synth;
	static Path recording;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(23).width(128).height(96).cells(9)
			.touchingPairs(1).frames(21).build());
		recording = TestRecordings.hyperstack(synth.imagePlus(), tmp.resolve("rec.tif"));
	}

	private static PipelineSettings settings(String... kv) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty("kd_mM", synth.truth().calibration().kdMillimolar());
		o.addProperty("rmin", synth.truth().calibration().rmin());
		o.addProperty("rmax", synth.truth().calibration().rmax());
		o.addProperty("beta", synth.truth().calibration().beta());
		o.addProperty(PipelineSettings.KEY_FRAME_THREADS, 2);
		// a rise limit this low flags many cell-frames ca_suspect: the flags are written back to the spilled table
		o.addProperty(PipelineSettings.KEY_CA_MAX_RISE, 0.0005);
		for (int i = 0; i < kv.length; i += 2)
			o.addProperty(kv[i], kv[i + 1]);
		return PipelineSettings.fromJson(o);
	}

	@Test
	void staticCellsGiveTheSameFolderForAnyBlockSizeAndTheTablesOfTheAnalysisInMemory() throws Exception {
		sameForAnyBlock("static");
	}

	@Test
	void perFrameCellsGiveTheSameFolderForAnyBlockSizeAndTheTablesOfTheAnalysisInMemory() throws Exception {
		sameForAnyBlock("per-frame", PipelineSettings.KEY_SEGMENTATION, PipelineSettings.SEGMENTATION_PER_FRAME);
	}

	private static void sameForAnyBlock(String name, String... kv) throws Exception {
		PipelineSettings s = settings(kv);
		RecordingAnalysis.Result memory;
		try (Recording rec = Recording.open(recording, Layout.AUTO, 1)) {
			memory = RecordingAnalysis.analyse(s, rec, Progress.NONE, null);
		}
		assertTrue(memory.caSuspectFrames > 0, name + ": the test needs ca_suspect flags");
		Path memoryCells = tmp.resolve(name + "-memory-cells.csv"), memorySummary = tmp.resolve(name +
			"-memory-summary.csv");
		CellTables.writeCells(memoryCells, memory);
		CellTables.writeSummary(memorySummary, memory.table, memory.labels, memory.timesSeconds, s.baselineFrames());

		Pipeline.Result whole = Pipeline.run(s, Pipeline.Input.of(recording), tmp.resolve(name + "-whole"), false,
			Progress.NONE);
		assertNotNull(whole.analysis.table, "a small table is kept in memory after the run");
		assertSameTable(memory.table, whole.analysis.table, name);
		assertArrayEquals(Files.readAllBytes(memoryCells), Files.readAllBytes(whole.folder.resolve(Pipeline.CELLS)),
			name + ": cells.csv of the spilled table differs from the one of the table in memory");
		assertArrayEquals(Files.readAllBytes(memorySummary), Files.readAllBytes(whole.folder.resolve(
			Pipeline.SUMMARY)), name + ": summary.csv differs from the one of the table in memory");
		int cells = memory.table.cells();
		int oneCell = CellTable.recordBytes(memory.perFrameLabels != null) * memory.frames(), threeCells = 3 * (oneCell +
			8 * memory.frames());
		for (int block : new int[] { 1, threeCells }) {
			Pipeline.Result blocks = Pipeline.run(s, Pipeline.Input.of(recording), tmp.resolve(name + "-" + block),
				false, Progress.NONE, block);
			assertNull(blocks.analysis.table, "a table of " + cells + " cells in blocks of " + block + " B is not kept");
			for (String f : new String[] { Pipeline.CELLS, Pipeline.SUMMARY, Pipeline.RATIO, Pipeline.MG, Pipeline.LABELS,
				Pipeline.ROIS, Pipeline.TRACES, Pipeline.TRACKS, Pipeline.QC })
				assertArrayEquals(Files.readAllBytes(whole.folder.resolve(f)), Files.readAllBytes(blocks.folder.resolve(
					f)), name + ", blocks of " + block + " B: " + f + " differs from one block");
			assertEquals(withoutTimes(whole.folder), withoutTimes(blocks.folder), name + ": run.json");
			assertEquals(memory.warnings, blocks.analysis.warnings, name + ": warnings");
			try (Stream<Path> left = Files.list(blocks.folder)) {
				assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")), name +
					": the spilled table is not left in the output folder");
			}
		}
	}

	private static void assertSameTable(CellTable a, CellTable b, String name) {
		assertEquals(a.cells(), b.cells(), name);
		assertEquals(a.frames(), b.frames(), name);
		int flagged = 0;
		for (int c = 1; c <= a.cells(); c++)
			for (int t = 0; t < a.frames(); t++) {
				String at = name + ": cell " + c + " frame " + t;
				assertEquals(Double.doubleToRawLongBits(a.mgMillimolar(c, t)), Double.doubleToRawLongBits(b.mgMillimolar(c,
					t)), at);
				assertEquals(Double.doubleToRawLongBits(a.ratioSe(c, t)), Double.doubleToRawLongBits(b.ratioSe(c, t)), at);
				assertEquals(a.flags(c, t), b.flags(c, t), at);
				assertEquals(a.present(c, t), b.present(c, t), at);
				assertEquals(Double.doubleToRawLongBits(a.x(c, t)), Double.doubleToRawLongBits(b.x(c, t)), at);
				if ((a.flags(c, t) & CellFlag.CA_SUSPECT.bit()) != 0) flagged++;
			}
		assertTrue(flagged > 0, name + ": no ca_suspect flag to compare");
	}

	/** run.json without what differs between two runs by nature: timings, creation time, the folder's path. */
	private static String withoutTimes(Path folder) throws Exception {
		JsonObject o = Json.parse(folder.resolve(Pipeline.RUN), "run.json").getAsJsonObject();
		o.remove("timings");
		o.remove("created");
		return o.toString();
	}

	@Test
	void aSpilledTableReadsBackEveryBitFrameByFrameAndInBlocksAndTakesBackChangedFlags() throws Exception {
		int cells = 7, frames = 5;
		for (boolean geometry : new boolean[] { false, true }) {
			CellTable truth = new CellTable(cells, frames);
			Random random = new Random(geometry ? 2 : 1);
			try (CellTableFile file = new CellTableFile(tmp, cells, frames, geometry, 2 * CellTable.recordBytes(
				geometry) * frames + 1))
			{
				assertEquals(1, file.cellsPerBlock(), "blocks of one cell at this budget");
				for (int t = 0; t < frames; t++) {
					CellTable slice = file.newSlice(t);
					ByteBuffer values = randomRecords(random, cells, geometry);
					slice.getFrame(t, values.duplicate(), geometry);
					truth.getFrame(t, values, geometry);
					file.append(t, slice);
				}
				assertThrows(IllegalStateException.class, () -> file.append(2, file.newSlice(2)),
					"a frame appended twice");
				for (int t = 0; t < frames; t++)
					assertArrayEquals(records(truth, t, geometry), records(file.frame(t), t, geometry), "frame " + t);
				List<Integer> firsts = new ArrayList<>();
				file.blocks(b -> {
					firsts.add(b.firstCell());
					for (int c = b.firstCell(); c <= b.lastCell(); c++)
						for (int t = 0; t < frames; t++) {
							assertEquals(Double.doubleToRawLongBits(truth.f380(c, t)), Double.doubleToRawLongBits(b.f380(c,
								t)));
							assertEquals(truth.area(c, t), b.area(c, t));
							b.addFlags(c, t, CellFlag.CA_SUSPECT.bit());
							truth.addFlags(c, t, CellFlag.CA_SUSPECT.bit());
						}
					file.update(b);
				});
				assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), firsts);
				for (int t = 0; t < frames; t++)
					assertArrayEquals(records(truth, t, geometry), records(file.frame(t), t, geometry), "flags of frame " +
						t + " written back");
				Path spilled = file.file();
				assertTrue(Files.exists(spilled));
				file.close();
				assertFalse(Files.exists(spilled), "closing deletes the file");
			}
		}
	}

	@Test
	void aPartOfATableRefusesTheEntriesItDoesNotHold() {
		CellTable slice = CellTable.frameSlice(4, 10, 3, false);
		slice.mgMillimolar(4, 3);
		assertThrows(IndexOutOfBoundsException.class, () -> slice.mgMillimolar(1, 4));
		assertThrows(IllegalStateException.class, () -> slice.mgTrace(1));
		slice.resetTo(4);
		assertTrue(Double.isNaN(slice.mgMillimolar(1, 4)));
		assertThrows(IndexOutOfBoundsException.class, () -> slice.mgMillimolar(1, 3));
		CellTable block = CellTable.cellBlock(4, 10, 2, 3, true);
		assertEquals(10, block.mgTrace(3).length);
		assertFalse(block.present(2, 0), "a cell without geometry in a per-frame block is absent");
		assertThrows(IndexOutOfBoundsException.class, () -> block.mgMillimolar(4, 0));
		assertThrows(IndexOutOfBoundsException.class, () -> block.mgMillimolar(1, 0));
	}

	private static ByteBuffer randomRecords(Random random, int cells, boolean geometry) {
		ByteBuffer b = ByteBuffer.allocate(cells * CellTable.recordBytes(geometry));
		for (int c = 0; c < cells; c++) {
			for (int k = 0; k < 9; k++)
				b.putDouble(random.nextInt(5) == 0 ? Double.NaN : random.nextGaussian() * 100);
			for (int k = 0; k < 4; k++)
				b.putInt(random.nextInt(1000));
			if (geometry) b.putDouble(random.nextDouble() * 128).putDouble(random.nextDouble() * 96).putInt(random
				.nextInt(3) == 0 ? 0 : 1 + random.nextInt(400));
		}
		b.flip();
		return b;
	}

	private static byte[] records(CellTable table, int t, boolean geometry) {
		ByteBuffer b = ByteBuffer.allocate(table.cells() * CellTable.recordBytes(geometry));
		table.putFrame(t, b);
		return b.array();
	}
}
