package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.batch.BatchFixture;
import io.github.magratio.batch.BatchTable;
import io.github.magratio.cli.CliRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * Batch Pipeline through CommandService in a headless context: the CLI's batch results on the batch fixture, its
 * outputs counting ok / failed, and bad parameters cancelling the command with a message naming the parameter.
 */
class BatchPipelineCommandTest {

	@TempDir
	static Path dir;

	static Context context;
	static CommandService commands;

	@BeforeAll
	static void setUp() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ImageRegistry.class, LogService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	static CommandModule run(Object... kv) throws Exception {
		Map<String, Object> in = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			in.put((String) kv[i], kv[i + 1]);
		return commands.run(BatchPipelineCommand.class, true, in).get();
	}

	@Test
	void headlessItWritesTheClisBatch() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path out = dir.resolve("out");
		CommandModule m = run("input", f.in.toFile(), "output", out.toFile(), "calibration", f.truth.resolve(
			"s1-calibration.json").toFile(), "settings", f.settings.toString(), "threads", 2);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(5, m.getOutput("ok"));
		assertEquals(2, m.getOutput("failed"));
		assertEquals(0, m.getOutput("skipped"));
		assertEquals(out.resolve(BatchTable.BATCH).toString(), m.getOutput("table"));
		BatchFixture.assertSameResults(f.reference(), out);

		m = run("input", f.in.toFile(), "output", out.toFile(), "calibration", f.truth.resolve("s1-calibration.json")
			.toFile(), "settings", f.settings.toString());
		assertEquals(5, m.getOutput("skipped"), "a rerun keeps every result");
	}

	@Test
	void badParametersCancelWithTheirName() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path cal = f.truth.resolve("s1-calibration.json");
		CommandModule m = run("input", dir.resolve("nope").toFile(), "output", dir.resolve("o").toFile(), "calibration",
			cal.toFile());
		assertTrue(m.isCanceled());
		assertEquals("input: input folder " + dir.resolve("nope") + " does not exist", m.getCancelReason());
		m = run("input", f.in.toFile(), "glob", "*.png", "output", dir.resolve("o").toFile(), "calibration", cal
			.toFile());
		assertTrue(m.isCanceled() && m.getCancelReason().startsWith("glob: no input: none of the"), m.getCancelReason());
		// in ImageJ's words: the dialog's field and macro key, not the CLI's --glob
		assertTrue(m.getCancelReason().contains(" matches File pattern (macro key glob) '*.png'") && !m
			.getCancelReason().contains("--"), m.getCancelReason());
		m = run("input", f.in.toFile(), "output", f.in.toFile(), "calibration", cal.toFile());
		assertTrue(m.isCanceled() && m.getCancelReason().endsWith("choose an Output folder (macro key output) outside " +
			f.in), m.getCancelReason());
		m = run("input", f.in.toFile(), "output", dir.resolve("o").toFile(), "calibration", cal.toFile(), "task", 2,
			"tasks", 2);
		assertTrue(m.isCanceled());
		assertEquals("task: must be 0..1, got 2", m.getCancelReason());
	}

	@Test
	void refusedWhileASlurmSubmissionMayStillWriteTheOutputFolder() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path out = dir.resolve("o-submitted");
		CliRun r = f.slurmDryRunOfD1(out, "--mem", "1G", "--time", "5");
		assertEquals(0, r.code, r.err);
		Path sub = out.resolve(".slurm/submit-001");
		// submitted by hand (submit.sh); no SLURM here can say whether it still runs
		Files.writeString(sub.resolve("job.json"), "{\"array_job_id\": \"4242\", \"merge_job_id\": \"4243\"}\n");
		Path cal = f.truth.resolve("s1-calibration.json");
		for (int tasks : new int[] { 1, 2 }) {
			CommandModule m = run("input", f.in.toFile(), "glob", "d1/*.tif", "output", out.toFile(), "calibration", cal
				.toFile(), "tasks", tasks);
			assertTrue(m.isCanceled(), "tasks=" + tasks);
			assertTrue(m.getCancelReason().contains("a SLURM submission into " + out + " (" + sub + ", array job 4242) " +
				"may still be running"), m.getCancelReason());
		}
		assertFalse(Files.exists(out.resolve(BatchTable.BATCH)) || Files.exists(out.resolve(".tasks")), "nothing run");
	}
}
