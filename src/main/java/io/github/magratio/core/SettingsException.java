package io.github.magratio.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Settings that do not validate: every {@link SettingsProblem} found, not just the first. An
 * {@link IllegalArgumentException}, so callers that catch bad input keep working; its message lists the problems as
 * {@code "key: reason; key: reason"}, after the context when one is given (e.g. {@code "settings file F: "}).
 * {@link #message(Function)} words them for a front end (flags or macro keys). Immutable.
 */
public final class SettingsException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final List<SettingsProblem> problems;
	private final String context;

	/** @param problems at least one */
	public SettingsException(List<SettingsProblem> problems) {
		this(problems, null, null);
	}

	/** @param cause what the problems came from (e.g. a worded exception that one of them quotes) */
	public SettingsException(List<SettingsProblem> problems, Throwable cause) {
		this(problems, null, cause);
	}

	private SettingsException(List<SettingsProblem> problems, String context, Throwable cause) {
		super(render(problems, context, k -> null), cause);
		if (problems.isEmpty()) throw new IllegalArgumentException("a settings exception needs a problem");
		this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
		this.context = context;
	}

	/** @return the problems, in the order found */
	public List<SettingsProblem> problems() {
		return problems;
	}

	/** @return the context of the message (e.g. {@code "settings file F"}), or null */
	public String context() {
		return context;
	}

	/** @return these problems with {@code context} (where the keys were read, e.g. a settings file) */
	public SettingsException in(String context) {
		return new SettingsException(problems, context, this);
	}

	/**
	 * @param names the reader's name of a settings key it was given by (a flag, a macro key), or null for a key read
	 *          from elsewhere (the settings file): that one is shown as it is, after the context
	 * @return the problems worded for the reader, those named by {@code names} first
	 */
	public String message(Function<String, String> names) {
		List<SettingsProblem> named = new ArrayList<>(), others = new ArrayList<>();
		for (SettingsProblem p : problems)
			(names.apply(p.key()) != null ? named : others).add(p);
		StringBuilder b = new StringBuilder();
		for (SettingsProblem p : named)
			b.append(b.length() == 0 ? "" : "; ").append(names.apply(p.key())).append(": ").append(p.reason(names));
		if (!others.isEmpty()) b.append(b.length() == 0 ? "" : "; ").append(render(others, context, names));
		return b.toString();
	}

	private static String render(List<SettingsProblem> problems, String context, Function<String, String> names) {
		StringBuilder b = new StringBuilder(context == null ? "" : context + ": ");
		String sep = "";
		for (SettingsProblem p : problems) {
			b.append(sep).append(SettingsProblem.oneLine(p.key())).append(": ").append(p.reason(names));
			sep = "; ";
		}
		return b.toString();
	}

	/** Collects the problems of one validation; {@link #throwIfAny()} at its end. Not thread-safe. */
	public static final class Collector {
		private final List<SettingsProblem> problems = new ArrayList<>();

		/** Records a problem (see {@link SettingsProblem#of}). */
		public void add(String key, Object... reason) {
			problems.add(SettingsProblem.of(key, reason));
		}

		/** Records a problem. */
		public void add(SettingsProblem problem) {
			problems.add(problem);
		}

		/** Records the problems of a nested validation. */
		public void addAll(SettingsException e) {
			problems.addAll(e.problems());
		}

		/** @return true when a problem names {@code key} */
		public boolean has(String key) {
			for (SettingsProblem p : problems)
				if (p.key().equals(key)) return true;
			return false;
		}

		/** @return the problems so far */
		public List<SettingsProblem> problems() {
			return Collections.unmodifiableList(problems);
		}

		/** @throws SettingsException with every problem recorded, if any */
		public void throwIfAny() {
			if (!problems.isEmpty()) throw new SettingsException(problems);
		}
	}
}
