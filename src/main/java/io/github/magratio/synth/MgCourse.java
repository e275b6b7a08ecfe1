package io.github.magratio.synth;

import com.google.gson.JsonObject;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The true free [Mg2+] time course of one cell, in mM as a function of time in seconds. Immutable. Kinds:
 * <ul>
 * <li>{@code constant}: the baseline, uniform 0.4..1.2 mM;</li>
 * <li>{@code step}: baseline, then from the onset a rise by 0.4..1.5 mM, 1 - exp(-(t - onset)/tauRise), with tauRise
 * 0.5..1 frame intervals, lengthened so that the initial slope stays at or below the fastest plausible Mg2+ rise;</li>
 * <li>{@code drift}: a slow linear change of 0.2..0.6 mM (up, or down when the baseline allows) over the
 * recording;</li>
 * <li>{@code transient}: a rise then decay (difference of exponentials, tauRise 1..2 and tauDecay 4..10 frame
 * intervals, both stretched by one factor when the initial slope would exceed the fastest plausible rise) peaking
 * 0.5..1.5 mM above baseline.</li>
 * </ul>
 * Every value is clamped to 0.2..4 mM (the draws above stay inside anyway).
 */
final class MgCourse {

	static final double MIN_MILLIMOLAR = 0.2, MAX_MILLIMOLAR = 4.0;

	enum Kind {
		CONSTANT, STEP, DRIFT, TRANSIENT;

		String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Kind of(String key) {
			for (Kind k : values())
				if (k.key().equals(key)) return k;
			throw new IllegalArgumentException("unknown Mg course kind '" + key + "' (allowed: constant, step, " +
				"drift, transient)");
		}
	}

	final Kind kind;
	final double baselineMillimolar, amplitudeMillimolar, onsetSeconds, tauRiseSeconds, tauDecaySeconds,
			slopeMillimolarPerSecond;

	MgCourse(Kind kind, double baselineMillimolar, double amplitudeMillimolar, double onsetSeconds,
		double tauRiseSeconds, double tauDecaySeconds, double slopeMillimolarPerSecond)
	{
		this.kind = kind;
		this.baselineMillimolar = baselineMillimolar;
		this.amplitudeMillimolar = amplitudeMillimolar;
		this.onsetSeconds = onsetSeconds;
		this.tauRiseSeconds = tauRiseSeconds;
		this.tauDecaySeconds = tauDecaySeconds;
		this.slopeMillimolarPerSecond = slopeMillimolarPerSecond;
	}

	/** Draws a course of the given kind for a recording of {@code frames} frames, {@code dt} seconds apart. */
	static MgCourse random(Kind kind, SplittableRandom r, int frames, double dt, double maxRiseMillimolarPerSecond) {
		double base = Noise.uniform(r, 0.4, 1.2);
		double duration = Math.max(1, frames - 1) * dt;
		switch (kind) {
			case STEP: {
				int onsetFrame = frames < 4 ? 0 : frames / 4 + r.nextInt(Math.max(1, frames / 2));
				double amplitude = Noise.uniform(r, 0.4, 1.5), tau = Noise.uniform(r, 0.5, 1.0) * dt;
				// initial slope amplitude / tau
				return new MgCourse(kind, base, amplitude, onsetFrame * dt, Math.max(tau, amplitude /
					maxRiseMillimolarPerSecond), 0, 0);
			}
			case DRIFT: {
				double change = Noise.uniform(r, 0.2, 0.6);
				if (r.nextBoolean() && base - change >= 0.3) change = -change;
				return new MgCourse(kind, base, change, 0, 0, 0, change / duration);
			}
			case TRANSIENT: {
				int onsetFrame = frames < 5 ? 0 : frames / 5 + r.nextInt(Math.max(1, frames * 3 / 10));
				double amplitude = Noise.uniform(r, 0.5, 1.5), tr = Noise.uniform(r, 1, 2) * dt, td = Noise.uniform(r, 4,
					10) * dt;
				// the initial slope of the normalised difference of exponentials scales as 1/k when both taus scale by k
				double slope = amplitude / transientNorm(tr, td) * (1 / tr - 1 / td);
				double k = Math.max(1, slope / maxRiseMillimolarPerSecond);
				return new MgCourse(kind, base, amplitude, onsetFrame * dt, k * tr, k * td, 0);
			}
			default:
				return new MgCourse(Kind.CONSTANT, base, 0, 0, 0, 0, 0);
		}
	}

	/** A course held at {@code millimolar} (no clamping to the 0.2..4 mM range of the drawn courses). */
	static MgCourse constant(double millimolar) {
		return new MgCourse(Kind.CONSTANT, millimolar, 0, 0, 0, 0, 0);
	}

	/** The peak of exp(-s/td) - exp(-s/tr), so that the transient peaks at its amplitude. */
	static double transientNorm(double tr, double td) {
		double peak = Math.log(td / tr) * td * tr / (td - tr);
		return Math.exp(-peak / td) - Math.exp(-peak / tr);
	}

	/** @return the free [Mg2+] in mM at time {@code t} seconds after the first frame */
	double millimolar(double t) {
		double v = baselineMillimolar;
		double s = t - onsetSeconds;
		switch (kind) {
			case STEP:
				if (s > 0) v += amplitudeMillimolar * (1 - Math.exp(-s / tauRiseSeconds));
				break;
			case DRIFT:
				v += slopeMillimolarPerSecond * t;
				break;
			case TRANSIENT:
				if (s > 0) {
					double td = tauDecaySeconds, tr = tauRiseSeconds;
					v += amplitudeMillimolar * (Math.exp(-s / td) - Math.exp(-s / tr)) / transientNorm(tr, td);
				}
				break;
			default:
				break;
		}
		return kind == Kind.CONSTANT ? v : Math.min(MAX_MILLIMOLAR, Math.max(MIN_MILLIMOLAR, v));
	}

	JsonObject toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("kind", kind.key());
		o.addProperty("baseline_mM", baselineMillimolar);
		o.addProperty("amplitude_mM", amplitudeMillimolar);
		o.addProperty("onset_s", onsetSeconds);
		o.addProperty("tau_rise_s", tauRiseSeconds);
		o.addProperty("tau_decay_s", tauDecaySeconds);
		o.addProperty("slope_mM_per_s", slopeMillimolarPerSecond);
		return o;
	}

	static MgCourse fromJson(JsonObject o) {
		return new MgCourse(Kind.of(Json.string(o, "kind")), Json.number(o, "baseline_mM"), Json.number(o,
			"amplitude_mM"), Json.number(o, "onset_s"), Json.number(o, "tau_rise_s"), Json.number(o, "tau_decay_s"), Json
				.number(o, "slope_mM_per_s"));
	}
}
