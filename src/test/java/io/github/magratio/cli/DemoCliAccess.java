package io.github.magratio.cli;

import io.github.magratio.ij.Recording;

/** Test access to the demo's naive corner measurement, so tests and demo measure the naive approach identically. */
public final class DemoCliAccess {

	private DemoCliAccess() {}

	/** @return the frame-0 corner means {340, 380} the demo's naive approach subtracts */
	public static double[] cornerMeans(Recording rec) {
		return DemoCli.cornerMeans(rec);
	}
}
