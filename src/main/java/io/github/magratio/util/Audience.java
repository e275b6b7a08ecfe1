package io.github.magratio.util;

/**
 * Who reads a message: a command-line user (options such as {@code --out}) or an ImageJ/Fiji user (dialog fields and
 * their macro keys). A {@link UserMistake} names the options it refers to in the reader's words.
 */
public enum Audience {
	/** {@code scripts/magratio}: options are flags. */
	COMMAND_LINE,
	/** A MagRatio command in ImageJ or Fiji: options are dialog fields and macro keys. */
	IMAGEJ
}
