package io.github.magratio.util;

import java.util.Arrays;

/**
 * A user mistake whose message tells which option to change, worded for the reader ({@link #message(Audience)}): the
 * message is its parts in order, text as it is and each {@link Worded} part (a {@link UserOption}, a settings key) in
 * the reader's words. {@link #getMessage()} is the command-line wording; {@link #message(Throwable, Audience)} rewords
 * any exception whose cause chain holds one.
 */
public final class UserMistake extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final Object[] parts;

	/** @param parts text (any object, by its {@code toString}) and {@link Worded} names, in the message's order */
	public UserMistake(Object... parts) {
		super(render(parts, Audience.COMMAND_LINE));
		this.parts = parts.clone();
	}

	/** @return the message with the options in {@code audience}'s words */
	public String message(Audience audience) {
		return render(parts, audience);
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

	private static String render(Object[] parts, Audience audience) {
		StringBuilder b = new StringBuilder();
		for (Object p : parts)
			b.append(p instanceof Worded ? ((Worded) p).name(audience) : String.valueOf(p));
		return b.toString();
	}
}
