package io.github.magratio.ij;

import java.util.Arrays;
import java.util.Locale;

/** How the 340 nm and 380 nm images of a recording are stored. */
public enum Layout {
	/** Decide from the file: two channels = hyperstack, two files = separate; a one-channel stack must be named. */
	AUTO,
	/** One hyperstack with C = 2 channels and T frames. */
	HYPERSTACK,
	/** One single-channel stack alternating 340, 380, 340, 380, ... (an even number of slices). */
	INTERLEAVED,
	/** Two single-channel stacks, one per wavelength, with the same size and frame count. */
	SEPARATE;

	/** @return lowercase name for settings and the CLI */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @throws IllegalArgumentException listing the valid names */
	public static Layout parse(String s) {
		for (Layout l : values())
			if (l.name().equalsIgnoreCase(s == null ? "" : s.trim())) return l;
		throw new IllegalArgumentException("layout '" + io.github.magratio.util.Text.quote(s) + "' is not one of " + Arrays.toString(Arrays.stream(values())
			.map(Layout::key).toArray()));
	}
}
