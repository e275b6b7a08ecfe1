package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.Progress;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MagRatio in a real ImageJ 1.54 with its GUI (under the test's X display), used through the Plugins &gt; MagRatio
 * menus and dialogs as a biologist uses it (see {@link GuiDriver} for each check): a step run twice replaces its
 * output and the ROI Manager's cells, dialogs start from the last values, a drawn rectangle is the background region,
 * cells edited by hand in the ROI Manager are measured as ImageJ measures them, a trace plot opens, Run Pipeline takes
 * typed constants and opens its results, and a refusal names the dialog's field, not a command-line flag.
 */
class GuiTest {

	@TempDir
	Path dir;

	@Test
	void aBiologistsSessionThroughTheMenus() throws Exception {
		ImageJ1Install.assumeDisplay();
		ImageJ1Install imagej = ImageJ1Install.create(dir.resolve("ImageJ"));
		Path work = Files.createDirectories(dir.resolve("work"));
		Files.copy(ExampleMacrosTest.DEMO, work.resolve("synthetic.tif"));
		Files.copy(ExampleMacrosTest.CALIBRATION, work.resolve("synthetic-calibration.json"));
		SyntheticRecording.generate(SynthSettings.builder().width(96).height(80).frames(4).cells(4).touchingPairs(0)
			.seed(8).build()).write(work, "second");
		// the CLI's engine with the constants the driver types into Run Pipeline (those of the demo's calibration)
		JsonObject typed = new JsonObject();
		typed.addProperty(PipelineSettings.KEY_KD, 1.9);
		typed.addProperty(PipelineSettings.KEY_RMIN, 0.4);
		typed.addProperty(PipelineSettings.KEY_RMAX, 4.0);
		typed.addProperty(PipelineSettings.KEY_BETA, 3.0);
		Pipeline.run(PipelineSettings.load(null, typed), Pipeline.Input.of(work.resolve("synthetic.tif")), work.resolve(
			"cli-typed"), false, Progress.NONE);
		Path report = dir.resolve("report.tsv");
		Path testClasses = Paths.get(GuiDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		ImageJ1Install.Run run = imagej.java(List.of(testClasses), GuiDriver.class.getName(), 480, work.toString(),
			report.toString());
		assertEquals(0, run.exitCode, run.output);
		List<String> lines = Files.readAllLines(report);
		System.out.println("GUI checks:\n" + String.join("\n", lines));
		List<String> problems = new ArrayList<>();
		for (String l : lines)
			if (!l.endsWith("\tOK")) problems.add(l);
		assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + run.output);
		assertEquals(10, lines.size(), String.join("\n", lines));
	}
}
