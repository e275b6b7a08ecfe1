package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import io.github.magratio.core.BackgroundSettings;
import io.github.magratio.core.SegmentationSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/** Bad input cancels the command with a message naming the parameter, and registers no output. */
class BadInputTest {

	static Context context;
	static ImageRegistry registry;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ImageRegistry.class, LogService.class);
		registry = context.service(ImageRegistry.class);
		ImagePlus rec = SyntheticRecording.generate(SynthSettings.builder().width(64).height(64).frames(3).cells(2)
			.touchingPairs(0).build()).imagePlus();
		rec.setTitle("good");
		registry.put(rec);
		registry.put(new ImagePlus("single", new ShortProcessor(64, 64)));
		registry.put(new ImagePlus("small-labels", new ShortProcessor(20, 20)));
		registry.put(new ImagePlus("ratio1", new FloatProcessor(64, 64)));
		short[] cells = SyntheticRecording.generate(SynthSettings.builder().width(64).height(64).frames(3).cells(2)
			.touchingPairs(0).build()).truth().labels();
		registry.put(new ImagePlus("good-cells", new ShortProcessor(64, 64, cells, null)));
	}

	/**
	 * Every setting of Subtract Background at its default. SciJava persists inputs between runs (and sessions,
	 * in the user's preferences): see {@link #badSetting}.
	 */
	static final Object[] BG_DEFAULTS = { "image", "good", "labels", "good-cells", "method", "surface", "degree",
		BackgroundSettings.DEFAULT_SURFACE_DEGREE, "guard", BackgroundSettings.DEFAULT_GUARD_PX, "ring",
		BackgroundSettings.DEFAULT_RING_WIDTH_PX, "clip", BackgroundSettings.DEFAULT_CLIP_SIGMA, "bg340", 0.0,
		"bg380", 0.0, "offset", 0.0, "af340", 0.0, "af380", 0.0, "roi", "" };
	/** Every setting of Segment Cells at its default (see {@link #BG_DEFAULTS}). */
	static final Object[] SEG_DEFAULTS = { "image", "good", "threshold", SegmentationSettings.DEFAULT_THRESHOLD, "smooth",
		SegmentationSettings.DEFAULT_SMOOTH_PX, "flatten", SegmentationSettings.DEFAULT_FLATTEN_DEGREE, "fillholes",
		true, "minarea", SegmentationSettings.DEFAULT_MIN_AREA_PX, "maxarea", 0L, "watershed", true, "tolerance",
		SegmentationSettings.DEFAULT_WATERSHED_TOLERANCE_PX, "border", "keep" };

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	/**
	 * @return the cancel reason of a run with every setting at its default but {@code bad}; the defaults are persisted
	 *         again right after (by a run that cancels at once), so no other run or test sees the bad value
	 */
	static String badSetting(Class<? extends Command> c, Object[] defaults, Object... bad) throws Exception {
		try {
			return cancelReason(c, with(defaults, bad));
		} finally {
			cancelReason(c, with(defaults, "image", "nope"));
		}
	}

	static String cancelReason(Class<? extends Command> c, Object... kv) throws Exception {
		Map<String, Object> in = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			in.put((String) kv[i], kv[i + 1]);
		CommandModule m = context.service(CommandService.class).run(c, true, in).get();
		assertTrue(m.isCanceled(), "expected a failure");
		return m.getCancelReason();
	}

	/** @return the key-value pairs {@code base}, with those of {@code changes} replacing or added */
	static Object[] with(Object[] base, Object... changes) {
		Map<Object, Object> m = new java.util.LinkedHashMap<>();
		for (Object[] kv : new Object[][] { base, changes })
			for (int i = 0; i < kv.length; i += 2)
				m.put(kv[i], kv[i + 1]);
		Object[] out = new Object[2 * m.size()];
		int i = 0;
		for (Map.Entry<Object, Object> e : m.entrySet()) {
			out[i++] = e.getKey();
			out[i++] = e.getValue();
		}
		return out;
	}

	@Test
	void missingImageTitleNamesTheParameter() throws Exception {
		String msg = cancelReason(SegmentCellsCommand.class, "image", "nope");
		assertTrue(msg.startsWith("image: no open image is titled 'nope'"), msg);
		assertNull(registry.get("nope-labels"));
	}

	@Test
	void singleChannelImageToATwoChannelStep() throws Exception {
		String msg = cancelReason(SegmentCellsCommand.class, "image", "single");
		assertTrue(msg.startsWith("image: 'single' has 1 channel(s)"), msg);
		assertNull(registry.get("single-labels"));
	}

	@Test
	void labelImageOfAnotherSize() throws Exception {
		String msg = cancelReason(SubtractBackgroundCommand.class, "image", "good", "labels", "small-labels");
		assertTrue(msg.startsWith("labels: ") && msg.contains("20x20") && msg.contains("64x64"), msg);
		assertNull(registry.get("good-bg"));
	}

	/** Each bad setting is named by its macro key (not the run.json key), also when another key's limit is broken. */
	@Test
	void badSettingsNameTheirMacroKey() throws Exception {
		Object[][] background = { { "guard", -1.0 }, { "ring", 0.0 }, { "clip", -1.0 }, { "af380", -2.0 }, { "degree",
			7 }, { "method", "nope" }, { "bg340", Double.NaN } };
		for (Object[] bad : background) {
			String msg = badSetting(SubtractBackgroundCommand.class, BG_DEFAULTS, bad);
			assertTrue(msg.startsWith(bad[0] + ": "), msg);
			assertFalse(msg.matches(".*(guard_px|ring_px|clip_sigma|autofluorescence380|surface_degree).*"), msg);
		}
		String msg = badSetting(SubtractBackgroundCommand.class, BG_DEFAULTS, "method", "roi", "roi", "1,2,3");
		assertTrue(msg.startsWith("roi: must be x,y,width,height"), msg);
		assertNull(registry.get("good-bg"));
		Object[][] segmentation = { { "smooth", -1.0 }, { "threshold", "nope" }, { "minarea", 0L }, { "tolerance",
			-1.0 }, { "border", "maybe" } };
		for (Object[] bad : segmentation) {
			msg = badSetting(SegmentCellsCommand.class, SEG_DEFAULTS, bad);
			assertTrue(msg.startsWith(bad[0] + ": "), msg);
			assertFalse(msg.matches(".*(smooth_px|min_area_px|watershed_tolerance_px).*"), msg);
		}
		msg = badSetting(SegmentCellsCommand.class, SEG_DEFAULTS, "minarea", 50L, "maxarea", 20L);
		assertTrue(msg.startsWith("maxarea: ") && msg.contains("minarea (50)"), msg);
		assertNull(registry.get("good-labels"));
	}

	/** Every bad parameter of one run at once, each by its macro key, in the order the settings check them. */
	@Test
	void everyBadSettingIsNamedByItsMacroKeyAtOnce() throws Exception {
		String msg = badSetting(SubtractBackgroundCommand.class, BG_DEFAULTS, "guard", -1.0, "ring", 0.0, "af340", -5.0);
		assertEquals("af340: must be >= 0 counts, got -5.0; guard: must be 0..1000 px, got -1.0; ring: must be " +
			"1..1000 px, got 0.0", msg);
		msg = badSetting(SegmentCellsCommand.class, SEG_DEFAULTS, "smooth", 200.0, "minarea", 0L, "border", "maybe");
		assertEquals("border: must be 'keep' or 'drop', got 'maybe'; smooth: must be 0..100 px, got 200.0; minarea: " +
			"must be >= 1 px, got 0", msg);
		assertNull(registry.get("good-bg"));
		assertNull(registry.get("good-labels"));
	}

	@Test
	void noCellsNamesTheImageAndTheMacroKeys() throws Exception {
		String msg = badSetting(SegmentCellsCommand.class, SEG_DEFAULTS, "minarea", 100000L);
		assertTrue(msg.startsWith("image: no cells found in 'good' with detector seeded (cell diameter ") && msg
			.contains("object(s) rejected, by minarea (") && msg.contains("lower those settings, or give diameter"), msg);
		assertNull(registry.get("good-labels"));
	}

	@Test
	void calibrationFileThatDoesNotParse(@TempDir Path dir) throws Exception {
		Path bad = dir.resolve("cal.json");
		Files.writeString(bad, "{ \"kd_mM\": 1.9, rmin: ");
		String msg = cancelReason(RatioToMgCommand.class, "ratio", "ratio1", "calibration", bad.toFile());
		assertTrue(msg.startsWith("calibration: calibration file ") && msg.contains("not valid JSON"), msg);
		assertNull(registry.get("ratio1-mg"));
		assertEquals(null, registry.get("ratio1-mg"));
	}

	/** A calibration file that does not read is one problem among the others, each by its macro key. */
	@Test
	void aBadCalibrationFileAndTwoBadValuesAreReportedTogether(@TempDir Path dir) throws Exception {
		Path bad = dir.resolve("cal.json");
		Files.writeString(bad, "{ \"kd_mM\": 1.9, rmin: ");
		Object[] defaults = { "ratio", "ratio1", "calibration", "", "kd", Double.NaN, "rmin", Double.NaN, "rmax",
			Double.NaN, "beta", Double.NaN };
		String msg;
		try {
			msg = cancelReason(RatioToMgCommand.class, with(defaults, "calibration", bad.toString(), "kd", 0.0, "rmin",
				0.4, "rmax", 4.0, "beta", -1.0));
		} finally {
			// SciJava persists inputs: the defaults again, by a run that cancels at once (see badSetting)
			cancelReason(RatioToMgCommand.class, with(defaults, "ratio", "nope"));
		}
		assertTrue(msg.startsWith("calibration: calibration file " + bad + " is not valid JSON (line 1, column 17)"),
			msg);
		assertTrue(msg.endsWith("; kd: must be > 0 mM, got 0.0; beta: must be > 0 (F380 free / F380 bound), got -1.0"),
			msg);
		assertEquals(2, msg.split("; ").length - 1, msg);
		assertNull(registry.get("ratio1-mg"));
	}
}
