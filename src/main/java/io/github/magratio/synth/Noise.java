package io.github.magratio.synth;

import java.util.SplittableRandom;

import org.apache.commons.math3.special.Gamma;

/** Deterministic random variates drawn from a {@link SplittableRandom}; stateless helpers. */
final class Noise {

	private Noise() {}

	/** @return a standard normal variate (Marsaglia polar method, one of each pair used) */
	static double gaussian(SplittableRandom r) {
		double u, v, s;
		do {
			u = 2 * r.nextDouble() - 1;
			v = 2 * r.nextDouble() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}

	/**
	 * @return a Poisson variate of mean {@code mean} (&gt;= 0): multiplication method below 10, above that the
	 *         transformed rejection method PTRS (Hoermann 1993, Insurance: Mathematics and Economics 12:39), exact
	 *         for any mean
	 */
	static long poisson(SplittableRandom r, double mean) {
		if (!(mean > 0)) return 0;
		if (mean < 10) {
			double limit = Math.exp(-mean), p = r.nextDouble();
			long k = 0;
			while (p > limit) {
				p *= r.nextDouble();
				k++;
			}
			return k;
		}
		double slam = Math.sqrt(mean), loglam = Math.log(mean);
		double b = 0.931 + 2.53 * slam;
		double a = -0.059 + 0.02483 * b;
		double invalpha = 1.1239 + 1.1328 / (b - 3.4);
		double vr = 0.9277 - 3.6224 / (b - 2);
		while (true) {
			double u = r.nextDouble() - 0.5;
			double v = r.nextDouble();
			double us = 0.5 - Math.abs(u);
			long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
			if (us >= 0.07 && v <= vr) return k;
			if (k < 0 || (us < 0.013 && v > us)) continue;
			if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - Gamma.logGamma(
				k + 1.0)) return k;
		}
	}

	/** @return a lognormal variate exp(sigma*N(0,1)) redrawn until it lies in [lo, hi] */
	static double lognormalIn(SplittableRandom r, double sigma, double lo, double hi) {
		while (true) {
			double v = Math.exp(sigma * gaussian(r));
			if (v >= lo && v <= hi) return v;
		}
	}

	/** @return a uniform variate in [lo, hi) */
	static double uniform(SplittableRandom r, double lo, double hi) {
		return lo + (hi - lo) * r.nextDouble();
	}
}
