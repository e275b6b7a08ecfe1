package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code magratio bench} reports files per minute of the batch engine for 1 and 2 threads on the same recordings in one
 * run, with the speed-up against the first (only the report's form is tested: speed belongs to the benchmark).
 */
class BenchCliTest {

	@Test
	void reportsFilesPerMinuteForOneAndTwoThreadsOnTheSameFiles() {
		CliRun r = CliRun.run("bench", "--in-process", "--suite", "memory", "--width", "128", "--height", "128",
			"--frames", "3", "--batch-files", "2", "--batch-frames", "3", "--tracking-frames", "4");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("batch of 2 files (128x128 px, 3 frames each"), r.out);
		Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\d+\\.\\d)\\s+(\\d+\\.\\d\\d)$").matcher(r.out);
		assertTrue(m.find(), r.out);
		assertEquals("1", m.group(1));
		assertTrue(Double.parseDouble(m.group(2)) > 0 && m.group(3).equals("1.00"), r.out);
		assertTrue(m.find(), r.out);
		assertEquals("2", m.group(1));
		assertTrue(Double.parseDouble(m.group(2)) > 0 && Double.parseDouble(m.group(3)) > 0, r.out);
		// the tracking benchmark's ratios against the static run of the same recording
		assertTrue(Pattern.compile("(?m)^  tracking overhead\\s+x\\d+\\.\\d{3} ").matcher(r.out).find(), r.out);
	}

	@Test
	void kernelSuiteReportsEveryFigureOfIssue11AndTheirRatiosInOneRun() {
		CliRun r = CliRun.run("bench", "--in-process", "--suite", "kernel", "--kernel-sizes", "160x128", "--kernel-frames",
			"8", "--kernel-rounds", "1");
		assertEquals(0, r.code, r.err);
		for (String figure : new String[] { "(a) copy of the same bytes", "(b) fused kernel, 1 thread",
			"(b) fused kernel, " + Runtime.getRuntime().availableProcessors() + " threads", "(c) Ratio Plus way",
			"(d) TIFF read alone", "(e) run end to end" })
		{
			Matcher m = Pattern.compile(Pattern.quote(figure) + ".*?\\s(\\d+\\.\\d+) frame pairs/s\\s+(\\d+\\.\\d+) GB/s")
				.matcher(r.out);
			assertTrue(m.find(), figure + " missing: " + r.out);
			assertTrue(Double.parseDouble(m.group(1)) > 0, figure + ": " + r.out);
		}
		Matcher ratios = Pattern.compile("ratios: \\(b\\)/\\(a\\) (\\d+\\.\\d+) with 1 thread.*\\(b\\)/\\(c\\) x(\\d+\\.\\d+) " +
			"with 1 thread.*\\(e\\)/\\(d\\) (\\d+\\.\\d+)").matcher(r.out);
		assertTrue(ratios.find(), r.out);
		Matcher scaling = Pattern.compile("2 frames .*4 frames .*8 frames ").matcher(r.out);
		assertTrue(scaling.find(), "time against 1x, 2x, 4x frames: " + r.out);
	}

	@Test
	void segmentationSuiteReportsBothDetectorsAndTheirRatioInOneRun() {
		CliRun r = CliRun.run("bench", "--in-process", "--suite", "segmentation", "--segmentation-px", "160",
			"--segmentation-rounds", "2");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("segmentation of one 160x160 frame (14 cells), " + Runtime.getRuntime()
			.availableProcessors() + " cores"), r.out);
		for (String detector : new String[] { "threshold", "seeded" })
			assertTrue(Pattern.compile("(?m)^  " + detector + "\\s+\\d+ ms, \\d+ cells$").matcher(r.out).find(), r.out);
		Matcher m = Pattern.compile("seeded / threshold: x(\\d+\\.\\d\\d) \\(fastest rounds; per round x(\\d+\\.\\d\\d)-x" +
			"(\\d+\\.\\d\\d) over 2 rounds\\)").matcher(r.out);
		assertTrue(m.find(), r.out);
		assertTrue(Double.parseDouble(m.group(2)) <= Double.parseDouble(m.group(3)), r.out);
		// nothing else of the memory suite ran
		assertTrue(!r.out.contains("batch of") && !r.out.contains("tracking:"), r.out);
	}
}
