package io.github.magratio.ij;

import ij.process.AutoThresholder;

import io.github.magratio.core.ThresholdMethod;

import java.util.Arrays;

/** ImageJ's auto-threshold methods (Default, Huang, Li, Otsu, Triangle, ...) as core {@link ThresholdMethod}s. */
public final class Thresholds {

	private Thresholds() {}

	/** @return the names ImageJ knows, as in Image &gt; Adjust &gt; Threshold */
	public static String[] names() {
		return AutoThresholder.getMethods();
	}

	/**
	 * @param name a method name, case-insensitive
	 * @throws IllegalArgumentException listing the valid names
	 */
	public static ThresholdMethod byName(String name) {
		for (String m : names())
			if (m.equalsIgnoreCase(name == null ? "" : name.trim())) {
				AutoThresholder.Method method = AutoThresholder.Method.valueOf(m);
				return histogram -> new AutoThresholder().getThreshold(method, histogram);
			}
		throw new IllegalArgumentException("threshold method '" + io.github.magratio.util.Text.quote(name) + "' is not one of " + Arrays.toString(
			names()));
	}

	/** @return the canonical spelling of a method name (e.g. "otsu" gives "Otsu") */
	public static String canonical(String name) {
		for (String m : names())
			if (m.equalsIgnoreCase(name == null ? "" : name.trim())) return m;
		throw new IllegalArgumentException("threshold method '" + io.github.magratio.util.Text.quote(name) + "' is not one of " + Arrays.toString(
			names()));
	}
}
