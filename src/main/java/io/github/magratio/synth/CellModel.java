package io.github.magratio.synth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * One synthetic cell: an ellipse (centre in pixel coordinates, pixel (x, y) centred at integer (x, y); semi-axes in
 * pixels; orientation in radians), optionally lobed by radial harmonics (in normalised ellipse coordinates at polar
 * angle theta the outline lies at radius 1 + sum_k a_k cos(k theta + phase_k), k = 2, 3, ...), its dye loading and
 * intracellular dye profile, and its [Mg2+] course. Immutable apart from the ids assigned after placement.
 *
 * <p>
 * The normalised radius rho(x, y) is 0 at the centre and 1 on the outline; a pixel is inside when
 * rho &lt;= 1, and where two cells overlap the pixel goes to the one with the smaller rho ("deepest in its body").
 * The dye profile, relative to the loading, is a dome (cell thickness) with a brighter nucleus:
 * </p>
 *
 * <pre>
 * profile = (EDGE + (1 - EDGE) * sqrt(1 - rho^2)) * (1 + NUCLEUS * exp(-d^2 / (2 * NUCLEUS_SIGMA^2)))
 * </pre>
 *
 * with d the distance from the nucleus centre in normalised ellipse coordinates. Its peak is about
 * 1 + NUCLEUS = 1.3 and its minimum inside the outline is EDGE = 0.45, about 0.35 of the peak, so edge pixels still
 * carry a clear signal.
 */
final class CellModel {

	static final double EDGE = 0.45, NUCLEUS = 0.3, NUCLEUS_SIGMA = 0.3;

	final double centreX, centreY, semiAxisA, semiAxisB, angleRadians, loading, nucleusU, nucleusV;
	final MgCourse course;
	/** Relative amplitudes and phases of the radial harmonics 2, 3, ... of the outline; empty for an ellipse. */
	final double[] harmonicAmplitudes, harmonicPhases;
	/** Cell id of the touching partner, 0 if none. Assigned after sorting. */
	int partner;
	/** Cluster (1-based) the cell belongs to, 0 if none. */
	int cluster;
	int id;
	private final double cos, sin, lobeMax;

	CellModel(double centreX, double centreY, double semiAxisA, double semiAxisB, double angleRadians, double loading,
		double nucleusU, double nucleusV, MgCourse course)
	{
		this(centreX, centreY, semiAxisA, semiAxisB, angleRadians, loading, nucleusU, nucleusV, course, new double[0],
			new double[0]);
	}

	CellModel(double centreX, double centreY, double semiAxisA, double semiAxisB, double angleRadians, double loading,
		double nucleusU, double nucleusV, MgCourse course, double[] harmonicAmplitudes, double[] harmonicPhases)
	{
		this.centreX = centreX;
		this.centreY = centreY;
		this.semiAxisA = semiAxisA;
		this.semiAxisB = semiAxisB;
		this.angleRadians = angleRadians;
		this.loading = loading;
		this.nucleusU = nucleusU;
		this.nucleusV = nucleusV;
		this.course = course;
		this.harmonicAmplitudes = harmonicAmplitudes;
		this.harmonicPhases = harmonicPhases;
		this.cos = Math.cos(angleRadians);
		this.sin = Math.sin(angleRadians);
		double sum = 0;
		for (double a : harmonicAmplitudes)
			sum += Math.abs(a);
		this.lobeMax = 1 + sum;
	}

	/** @return a copy placed at another centre, same shape */
	CellModel at(double x, double y) {
		return new CellModel(x, y, semiAxisA, semiAxisB, angleRadians, loading, nucleusU, nucleusV, course,
			harmonicAmplitudes, harmonicPhases);
	}

	/** @return a copy with this loading, nucleus and course, same shape and place */
	CellModel with(double newLoading, double newNucleusU, double newNucleusV, MgCourse newCourse) {
		CellModel c = new CellModel(centreX, centreY, semiAxisA, semiAxisB, angleRadians, newLoading, newNucleusU,
			newNucleusV, newCourse, harmonicAmplitudes, harmonicPhases);
		c.id = id;
		c.partner = partner;
		c.cluster = cluster;
		return c;
	}

	/** @return the outline's radius in normalised ellipse coordinates at polar angle theta: 1 for an ellipse */
	private double lobe(double p, double q) {
		if (harmonicAmplitudes.length == 0) return 1;
		double theta = Math.atan2(q, p), f = 1;
		for (int k = 0; k < harmonicAmplitudes.length; k++)
			f += harmonicAmplitudes[k] * Math.cos((k + 2) * theta + harmonicPhases[k]);
		return f;
	}

	/** @return the normalised radius of point (x, y): 0 at the centre, 1 on the outline, &lt;= 1 inside */
	double rho(double x, double y) {
		double dx = x - centreX, dy = y - centreY;
		double p = (dx * cos + dy * sin) / semiAxisA, q = (-dx * sin + dy * cos) / semiAxisB;
		return Math.sqrt(p * p + q * q) / lobe(p, q);
	}

	/** @return the dye profile (relative to the loading) at a point inside the cell */
	double profile(double x, double y) {
		double dx = x - centreX, dy = y - centreY;
		double p = (dx * cos + dy * sin) / semiAxisA, q = (-dx * sin + dy * cos) / semiAxisB;
		double l = lobe(p, q);
		double r2 = (p * p + q * q) / (l * l);
		double dome = Math.sqrt(Math.max(0, 1 - r2));
		double du = p - nucleusU, dv = q - nucleusV;
		return (EDGE + (1 - EDGE) * dome) * (1 + NUCLEUS * Math.exp(-(du * du + dv * dv) / (2 * NUCLEUS_SIGMA *
			NUCLEUS_SIGMA)));
	}

	/** @return the outline's distance from the centre in pixels in direction {@code phi} (radians) */
	double radiusToward(double phi) {
		double c = Math.cos(phi - angleRadians), s = Math.sin(phi - angleRadians);
		double ellipse = semiAxisA * semiAxisB / Math.sqrt(semiAxisB * semiAxisB * c * c + semiAxisA * semiAxisA * s *
			s);
		if (harmonicAmplitudes.length == 0) return ellipse;
		// along a ray the normalised coordinates scale linearly, so the lobe factor is constant on it
		return ellipse * lobe(c / semiAxisA, s / semiAxisB);
	}

	/** @return half the width of the cell's bounding box, in pixels (an upper bound for lobed outlines) */
	double halfWidth() {
		return lobeMax * Math.sqrt(semiAxisA * semiAxisA * cos * cos + semiAxisB * semiAxisB * sin * sin);
	}

	/** @return half the height of the cell's bounding box, in pixels (an upper bound for lobed outlines) */
	double halfHeight() {
		return lobeMax * Math.sqrt(semiAxisA * semiAxisA * sin * sin + semiAxisB * semiAxisB * cos * cos);
	}

	/** @return the largest distance of the outline from the centre, in pixels (an upper bound for lobed outlines) */
	double majorRadius() {
		return lobeMax * Math.max(semiAxisA, semiAxisB);
	}

	JsonObject toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("centre_x_px", centreX);
		o.addProperty("centre_y_px", centreY);
		o.addProperty("semi_axis_a_px", semiAxisA);
		o.addProperty("semi_axis_b_px", semiAxisB);
		o.addProperty("angle_rad", angleRadians);
		o.addProperty("nucleus_u", nucleusU);
		o.addProperty("nucleus_v", nucleusV);
		if (harmonicAmplitudes.length > 0) {
			JsonArray h = new JsonArray();
			for (int k = 0; k < harmonicAmplitudes.length; k++) {
				JsonObject e = new JsonObject();
				e.addProperty("order", k + 2);
				e.addProperty("amplitude", harmonicAmplitudes[k]);
				e.addProperty("phase_rad", harmonicPhases[k]);
				h.add(e);
			}
			o.add("harmonics", h);
		}
		return o;
	}

	static CellModel fromJson(JsonObject ellipse, double loading, MgCourse course) {
		double[] amp = new double[0], phase = new double[0];
		if (ellipse.has("harmonics")) {
			JsonArray h = ellipse.getAsJsonArray("harmonics");
			amp = new double[h.size()];
			phase = new double[h.size()];
			for (int k = 0; k < h.size(); k++) {
				JsonObject e = h.get(k).getAsJsonObject();
				if (Json.integer(e, "order") != k + 2) throw new IllegalArgumentException("harmonics must be orders 2, " +
					"3, ... in order");
				amp[k] = Json.number(e, "amplitude");
				phase[k] = Json.number(e, "phase_rad");
			}
		}
		return new CellModel(Json.number(ellipse, "centre_x_px"), Json.number(ellipse, "centre_y_px"), Json.number(
			ellipse, "semi_axis_a_px"), Json.number(ellipse, "semi_axis_b_px"), Json.number(ellipse, "angle_rad"),
			loading, Json.number(ellipse, "nucleus_u"), Json.number(ellipse, "nucleus_v"), course, amp, phase);
	}
}
