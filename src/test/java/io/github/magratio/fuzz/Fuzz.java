package io.github.magratio.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.tiff.TiffFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every fuzz target asserts: a parser of user files either accepts the input or refuses it with the user error
 * MagRatio promises (an {@link IllegalArgumentException}, or for TIFF a {@link TiffFormatException}) whose message is
 * one line of reasonable length; anything else (a NullPointerException, an array index out of bounds, running out of
 * memory, a stack overflow, a hang) is a finding.
 */
final class Fuzz {

	/** Longest message a refusal may have: one line naming the file and the problem, never the file's content. */
	static final int MAX_MESSAGE = 1000;

	private Fuzz() {}

	/** A parse step that may refuse its input. */
	interface Step {
		void run() throws Exception;
	}

	/** Longest time one input may take, s: in fuzzing mode libFuzzer's -timeout (scripts/fuzz), else checked here. */
	static final int TIMEOUT_SECONDS = 10;

	private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ")
		.isEmpty() && !System.getenv("JAZZER_FUZZ").equals("0");

	/** Runs {@code step}; a user error is checked and swallowed, anything else propagates as a finding. */
	static void refusedOrAccepted(Step step) throws Exception {
		if (!FUZZING) {
			// replaying seeds and findings as regression tests: a hang fails the test instead of the build
			org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(TIMEOUT_SECONDS),
				() -> run(step));
			return;
		}
		run(step);
	}

	private static void run(Step step) throws Exception {
		try {
			step.run();
		} catch (IllegalArgumentException | TiffFormatException e) {
			checkMessage(e);
		} catch (java.io.UncheckedIOException e) {
			if (!(e.getCause() instanceof TiffFormatException)) throw e;
			checkMessage(e);
		}
	}

	static void checkMessage(Exception e) {
		String m = e.getMessage();
		assertTrue(m != null && !m.isEmpty(), "a refusal without a message: " + e);
		String start = m.substring(0, Math.min(200, m.length()));
		assertTrue(m.indexOf('\n') < 0 && m.indexOf('\r') < 0, () -> "a refusal must be one line: " + start);
		// every problem of a settings refusal is listed (issue 10): the bound is per problem, each one readable
		java.util.List<io.github.magratio.core.SettingsProblem> problems = e instanceof
			io.github.magratio.core.SettingsException ? ((io.github.magratio.core.SettingsException) e).problems()
				: java.util.Collections.emptyList();
		for (io.github.magratio.core.SettingsProblem p : problems)
			assertTrue(p.reason().length() <= MAX_MESSAGE, () -> "a problem of " + p.reason().length() + " characters: " +
				start);
		assertTrue(m.length() <= MAX_MESSAGE * Math.max(1, problems.size()), () -> "a refusal of " + m.length() +
			" characters: " + start);
	}

	/** One scratch file per target, rewritten for each input (parsers of zips and images read files). */
	static Path scratch(String name) throws IOException {
		Path dir = Path.of(System.getProperty("java.io.tmpdir"), "magratio-fuzz-" + ProcessHandle.current().pid());
		Files.createDirectories(dir);
		return dir.resolve(name);
	}
}
