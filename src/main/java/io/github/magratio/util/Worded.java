package io.github.magratio.util;

/**
 * Something a message names that each {@link Audience} knows by its own words: an option is a flag on the command
 * line and a dialog field with its macro key in ImageJ. A {@link UserMistake} renders its parts of this type in the
 * reader's words. Implementations are immutable.
 */
public interface Worded {

	/** @return the name in this audience's words */
	String name(Audience audience);
}
