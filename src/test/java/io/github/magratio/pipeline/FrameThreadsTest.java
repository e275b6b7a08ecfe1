package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import io.github.magratio.core.Progress;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames run in parallel (one reader, N workers, results in frame order) give byte-identical output folders for 1, 2
 * and 5 threads: static and per-frame cells, every background method that has per-frame state, a blank frame in the
 * middle, more threads than the machine has cores.
 */
class FrameThreadsTest {

	@TempDir
	static Path tmp;
	static SyntheticRecording synth;
	static Path recording;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(11).width(128).height(96).cells(9)
			.touchingPairs(1).frames(23).build());
		ImagePlus imp = synth.imagePlus();
		for (int c = 1; c <= 2; c++) {
			ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c, 1, 9));
			ip.setValue(0);
			ip.fill(); // frame 8 blank: flagged bad_frame, NaN planes, a warning, whichever thread runs it
		}
		recording = TestRecordings.hyperstack(imp, tmp.resolve("rec.tif"));
	}

	static PipelineSettings settings(int threads, String... kv) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty("kd_mM", synth.truth().calibration().kdMillimolar());
		o.addProperty("rmin", synth.truth().calibration().rmin());
		o.addProperty("rmax", synth.truth().calibration().rmax());
		o.addProperty("beta", synth.truth().calibration().beta());
		o.addProperty(PipelineSettings.KEY_FRAME_THREADS, threads);
		for (int i = 0; i < kv.length; i += 2)
			o.addProperty(kv[i], kv[i + 1]);
		return PipelineSettings.fromJson(o);
	}

	private static void sameForAnyThreads(String name, String... kv) throws Exception {
		Pipeline.Result one = Pipeline.run(settings(1, kv), Pipeline.Input.of(recording), tmp.resolve(name + "-1"),
			false, Progress.NONE);
		assertTrue(one.analysis.warnings.stream().anyMatch(w -> w.startsWith("frame 8 is blank")), name + ": " +
			one.analysis.warnings);
		for (int threads : new int[] { 2, 5 }) {
			Pipeline.Result many = Pipeline.run(settings(threads, kv), Pipeline.Input.of(recording), tmp.resolve(name +
				"-" + threads), false, Progress.NONE);
			List<String> files = new ArrayList<>();
			for (String f : new String[] { Pipeline.CELLS, Pipeline.SUMMARY, Pipeline.RATIO, Pipeline.MG, "labels.tif",
				"rois.zip" })
			{
				byte[] a = Files.readAllBytes(one.folder.resolve(f)), b = Files.readAllBytes(many.folder.resolve(f));
				assertArrayEquals(a, b, name + ", " + threads + " threads: " + f + " differs from 1 thread");
				files.add(f);
			}
			assertEquals(6, files.size());
			assertEquals(one.analysis.warnings, many.analysis.warnings, name + ", " + threads + " threads: warnings");
		}
	}

	@Test
	void surfaceBackgroundGivesIdenticalOutputsForAnyThreadCount() throws Exception {
		sameForAnyThreads("surface");
	}

	@Test
	void ringBackgroundGivesIdenticalOutputsForAnyThreadCount() throws Exception {
		sameForAnyThreads("ring", PipelineSettings.KEY_BACKGROUND, "ring");
	}

	@Test
	void perFrameCellsGiveIdenticalOutputsForAnyThreadCount() throws Exception {
		sameForAnyThreads("per-frame", PipelineSettings.KEY_SEGMENTATION, PipelineSettings.SEGMENTATION_PER_FRAME);
	}

	@Test
	void aThreadCountBelowOneIsRefusedSayingWhatNullMeans() {
		com.google.gson.JsonObject o = new com.google.gson.JsonObject();
		o.addProperty(PipelineSettings.KEY_RMIN, 0.4);
		o.addProperty(PipelineSettings.KEY_RMAX, 4);
		o.addProperty(PipelineSettings.KEY_BETA, 3);
		o.addProperty(PipelineSettings.KEY_FRAME_THREADS, 0);
		IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
			() -> PipelineSettings.fromJson(o));
		org.junit.jupiter.api.Assertions.assertEquals("frame_threads: must be at least 1 thread, got 0 " +
			"(null = every core)", e.getMessage());
	}
}
