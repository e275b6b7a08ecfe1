package io.github.magratio.core;

/**
 * Where long operations report progress and warnings, and ask whether to stop. The CLI prints to stderr, a Fiji
 * command forwards to SciJava's StatusService/LogService, tests use {@link #NONE}. Implementations must be cheap:
 * {@link #progress} is called once per frame.
 */
public interface Progress {

	/** Reports {@code done} of {@code total} work units of {@code stage} (e.g. "measuring", frames). */
	void progress(String stage, int done, int total);

	/** Reports a warning the user should read (e.g. an 8-bit input, a flagged frame). */
	void warn(String message);

	/** @return true when the user asked to stop; checked once per frame */
	default boolean isCanceled() {
		return false;
	}

	/** Reports nothing and never cancels; warnings are dropped. */
	Progress NONE = new Progress() {
		@Override
		public void progress(String stage, int done, int total) {}

		@Override
		public void warn(String message) {}
	};
}
