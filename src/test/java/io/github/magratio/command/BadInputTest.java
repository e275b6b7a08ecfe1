package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

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
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	static String cancelReason(Class<? extends Command> c, Object... kv) throws Exception {
		Map<String, Object> in = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			in.put((String) kv[i], kv[i + 1]);
		CommandModule m = context.service(CommandService.class).run(c, true, in).get();
		assertTrue(m.isCanceled(), "expected a failure");
		return m.getCancelReason();
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

	@Test
	void calibrationFileThatDoesNotParse(@TempDir Path dir) throws Exception {
		Path bad = dir.resolve("cal.json");
		Files.writeString(bad, "{ \"kd_mM\": 1.9, rmin: ");
		String msg = cancelReason(RatioToMgCommand.class, "ratio", "ratio1", "calibration", bad.toFile());
		assertTrue(msg.startsWith("calibration: calibration file ") && msg.contains("not valid JSON"), msg);
		assertNull(registry.get("ratio1-mg"));
		assertEquals(null, registry.get("ratio1-mg"));
	}
}
