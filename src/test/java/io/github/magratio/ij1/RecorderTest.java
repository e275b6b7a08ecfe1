package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With ImageJ's Recorder open, running each MagRatio command from its menu entry (dialog filled, OK pressed) records a
 * {@code run("Command", "key=value ...")} line whose keys are the command's parameter names, and replaying that line
 * gives the same result; bad input shows an error dialog named after the command and leaves no window. Runs a real ImageJ 1.54 with its GUI under the test's X display (see {@link RecorderDriver}).
 */
class RecorderTest {

	@TempDir
	Path dir;

	@Test
	void everyCommandRecordsALineThatReplaysToTheSameResult() throws Exception {
		ImageJ1Install.assumeDisplay();
		ImageJ1Install imagej = ImageJ1Install.create(dir.resolve("ImageJ"));
		Path work = Files.createDirectories(dir.resolve("work"));
		Files.copy(ExampleMacrosTest.DEMO, work.resolve("synthetic.tif"));
		Files.copy(ExampleMacrosTest.CALIBRATION, work.resolve("synthetic-calibration.json"));
		Files.copy(ExampleMacrosTest.DEMO, Files.createDirectories(work.resolve("batchin")).resolve("synthetic.tif"));
		Files.writeString(work.resolve("standards.csv"), "conc_mg_L,absorbance\n0,0.003\n0.1,0.091\n0.2,0.176\n" +
			"0.3,0.266\n0.4,0.349\n0.5,0.437\n");
		Files.writeString(work.resolve("samples.csv"), "sample,absorbance\nA,0.155\nA,0.157\nB,0.300\n");
		// science.md's titration table (Rmin 0.4, Rmax 4, beta 3, Kd 1.9 mM) and a recording ending in ionophore plateaus
		Files.writeString(work.resolve("kd-standards.csv"), "mg_mM,ratio\n0.25,0.55126\n0.5,0.69032\n1,0.93731\n" +
			"2,1.33506\n4,1.88454\n8,2.50219\n16,3.05438\n50,3.63160\n");
		io.github.magratio.synth.SyntheticRecording.generate(io.github.magratio.synth.SynthSettings.builder().seed(4)
			.frames(18).ionophore(6, 12, 0.5).build()).write(work, "calrec");
		Path report = dir.resolve("report.tsv");
		Path testClasses = Paths.get(RecorderDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		ImageJ1Install.Run run = imagej.java(List.of(testClasses), RecorderDriver.class.getName(), 150, work.toString(),
			report.toString());
		assertEquals(0, run.exitCode, run.output);
		List<String> lines = Files.readAllLines(report);
		System.out.println("Recorded and replayed:\n" + String.join("\n", lines));
		List<String> problems = new ArrayList<>();
		for (String l : lines)
			if (!l.endsWith("\tSAME")) problems.add(l);
		assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + run.output);
		assertEquals(13, lines.size(), String.join("\n", lines));
		String segment = lines.get(0);
		assertTrue(segment.startsWith("Segment Cells\trun(\"Segment Cells\", \"image=rec channel=1 detector=seeded " +
			"diameter=0 minsnr=3 ") && segment.contains(" threshold=Otsu ") && segment.contains(" fillholes ") && segment
				.contains(" watershed "), segment);
		assertTrue(lines.get(3).contains("calibration=" + work.resolve("synthetic-calibration.json")), lines.get(3));
	}
}
