package io.github.magratio.core;

import java.util.Arrays;
import java.util.Locale;

/** How the background of each channel is estimated, per frame, before any ratio is taken. */
public enum BackgroundMethod {
	/** Nothing but the camera offset is subtracted. */
	NONE,
	/** Given constant values per channel (camera counts above the camera offset). */
	CONSTANT,
	/** The mean of a user-given cell-free region, each frame: follows drift, not gradients. */
	ROI,
	/**
	 * A smooth polynomial surface fitted each frame to the pixels outside every cell and its guard band: follows
	 * illumination gradients and drifting background. The default.
	 */
	SURFACE,
	/** Per cell, the mean of a local annulus around it that excludes every cell and a guard band. */
	RING;

	/** @return the lowercase name used in settings, macros and the CLI */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses a lowercase (or any case) method name.
	 *
	 * @throws IllegalArgumentException listing the valid names
	 */
	public static BackgroundMethod parse(String name) {
		for (BackgroundMethod m : values())
			if (m.name().equalsIgnoreCase(name == null ? "" : name.trim())) return m;
		// at most 32 characters of what the user gave, on one line
		String shown = String.valueOf(name).replaceAll("\\p{Cntrl}", "?");
		if (shown.length() > 32) shown = shown.substring(0, 29) + "...";
		throw new IllegalArgumentException("background method '" + shown + "' is not one of " + Arrays.toString(Arrays
			.stream(values()).map(BackgroundMethod::key).toArray()));
	}
}
