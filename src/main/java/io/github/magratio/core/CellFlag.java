package io.github.magratio.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Problems of one cell in one frame, reported in the {@code flags} column ({@code ;}-separated lowercase names). */
public enum CellFlag {
	/** At least one pixel of the cell is saturated in either channel (excluded from the means). */
	SATURATED,
	/** The ratio is at or below Rmin: [Mg2+] reported as 0. */
	BELOW_RMIN,
	/** The ratio is at or above Rmax: [Mg2+] reported as NaN. */
	ABOVE_RMAX,
	/** The background-corrected 380 nm signal is below k times the background noise: no ratio. */
	LOW_SIGNAL,
	/** [Mg2+] is outside the indicator's usable range 0.1..10 x Kd (9..91 % bound): low precision. */
	OUTSIDE_USABLE_RANGE,
	/** The frame is blank (all zero or NaN) in a channel: nothing measured. */
	BAD_FRAME,
	/** No valid pixel of the cell in this frame. */
	NO_PIXELS,
	/** Apparent [Mg2+] rose faster than Mg2+ plausibly does: likely a Ca2+ transient. */
	CA_SUSPECT,
	/** At least one pixel of the cell is NaN or infinite in either channel (excluded from the means). */
	NONFINITE;

	/** @return the lowercase name used in tables */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @return the bit of this flag in a flag set */
	public int bit() {
		return 1 << ordinal();
	}

	/** @return {@code ;}-separated names of the flags in {@code bits}, empty when none */
	public static String format(int bits) {
		if (bits == 0) return ""; // most rows of cells.csv
		List<String> names = new ArrayList<>();
		for (CellFlag f : values())
			if ((bits & f.bit()) != 0) names.add(f.key());
		return String.join(";", names);
	}
}
