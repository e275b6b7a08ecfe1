package io.github.magratio.util;

import java.util.Arrays;

/**
 * A user mistake whose message tells which option to change, worded for the reader ({@link #message(Audience)}):
 * the template's {@code {}} are replaced by the {@link UserOption}s in order. {@link #getMessage()} is the
 * command-line wording; {@link #message(Throwable, Audience)} rewords any exception whose cause chain holds one.
 */
public final class UserMistake extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String template;
	private final UserOption[] options;

	/**
	 * @param template the message, one {@code {}} per option
	 * @throws IllegalArgumentException when the number of {@code {}} differs from the options'
	 */
	public UserMistake(String template, UserOption... options) {
		super(render(template, options, Audience.COMMAND_LINE));
		this.template = template;
		this.options = options.clone();
	}

	/** @return the message with the options in {@code audience}'s words */
	public String message(Audience audience) {
		return render(template, options, audience);
	}

	/**
	 * @return {@code t}'s message with the wording of every {@link UserMistake} in its cause chain (which wrappers
	 *         quote, e.g. {@code "input: " + e.getMessage()}) changed to {@code audience}'s
	 */
	public static String message(Throwable t, Audience audience) {
		return reword(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), t, audience);
	}

	/**
	 * @return {@code m}, a message made from {@code t}, with the wording of every {@link UserMistake} in {@code t}'s
	 *         cause chain changed to {@code audience}'s
	 */
	static String reword(String m, Throwable t, Audience audience) {
		for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause())
			if (c instanceof UserMistake) m = m.replace(c.getMessage(), ((UserMistake) c).message(audience));
		return m;
	}

	private static String render(String template, UserOption[] options, Audience audience) {
		StringBuilder b = new StringBuilder();
		int from = 0, i = 0;
		for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
			if (i >= options.length) throw new IllegalArgumentException("more {} than options in '" + template + "'");
			b.append(template, from, at).append(options[i++].name(audience));
			from = at + 2;
		}
		if (i != options.length) throw new IllegalArgumentException("options " + Arrays.toString(options) +
			" but " + i + " {} in '" + template + "'");
		return b.append(template.substring(from)).toString();
	}
}
