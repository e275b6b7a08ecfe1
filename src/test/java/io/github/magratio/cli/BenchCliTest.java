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
		CliRun r = CliRun.run("bench", "--in-process", "--width", "128", "--height", "128", "--frames", "3",
			"--batch-files", "2", "--batch-frames", "3", "--tracking-frames", "4");
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
}
