package io.github.magratio.util;

import java.nio.file.Files;
import java.nio.file.Path;

/** How to say that an input file is not there. Stateless. */
public final class Inputs {

	private Inputs() {}

	/**
	 * @return " does not exist", or for a symbolic link that leads nowhere (a loop of links, or a missing target)
	 *         that instead, so a message reads {@code what + whyMissing(p)}
	 */
	public static String whyMissing(Path p) {
		return Files.isSymbolicLink(p) ? " is a symbolic link that leads nowhere (a loop of links, or its target is " +
			"missing)" : " does not exist";
	}

	/**
	 * @throws IllegalArgumentException {@code what + whyMissing(p)} when {@code p} is not an existing file (links
	 *           followed); a folder is refused too
	 */
	public static void requireFile(Path p, String what) {
		if (!Files.exists(p)) throw new IllegalArgumentException(what + whyMissing(p));
		if (Files.isDirectory(p)) throw new IllegalArgumentException(what + " is a folder, not a file");
	}
}
