package io.github.magratio.synth;

import com.google.gson.JsonObject;

/**
 * One synthetic cell: an ellipse (centre in pixel coordinates, pixel (x, y) centred at integer (x, y); semi-axes in
 * pixels; orientation in radians), its dye loading and intracellular dye profile, and its [Mg2+] course. Immutable.
 *
 * <p>
 * The normalised elliptical radius rho(x, y) is 0 at the centre and 1 on the outline; a pixel is inside when
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
	/** Cell id of the touching partner, 0 if none. Assigned after sorting. */
	int partner;
	int id;
	private final double cos, sin;

	CellModel(double centreX, double centreY, double semiAxisA, double semiAxisB, double angleRadians, double loading,
		double nucleusU, double nucleusV, MgCourse course)
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
		this.cos = Math.cos(angleRadians);
		this.sin = Math.sin(angleRadians);
	}

	/** @return the normalised elliptical radius of point (x, y): &lt;= 1 inside */
	double rho(double x, double y) {
		double dx = x - centreX, dy = y - centreY;
		double p = (dx * cos + dy * sin) / semiAxisA, q = (-dx * sin + dy * cos) / semiAxisB;
		return Math.sqrt(p * p + q * q);
	}

	/** @return the dye profile (relative to the loading) at a point inside the cell */
	double profile(double x, double y) {
		double dx = x - centreX, dy = y - centreY;
		double p = (dx * cos + dy * sin) / semiAxisA, q = (-dx * sin + dy * cos) / semiAxisB;
		double r2 = p * p + q * q;
		double dome = Math.sqrt(Math.max(0, 1 - r2));
		double du = p - nucleusU, dv = q - nucleusV;
		return (EDGE + (1 - EDGE) * dome) * (1 + NUCLEUS * Math.exp(-(du * du + dv * dv) / (2 * NUCLEUS_SIGMA *
			NUCLEUS_SIGMA)));
	}

	/** @return the ellipse's radius in pixels in direction {@code phi} (radians) */
	double radiusToward(double phi) {
		double c = Math.cos(phi - angleRadians), s = Math.sin(phi - angleRadians);
		return semiAxisA * semiAxisB / Math.sqrt(semiAxisB * semiAxisB * c * c + semiAxisA * semiAxisA * s * s);
	}

	/** @return half the width of the ellipse's bounding box, in pixels */
	double halfWidth() {
		return Math.sqrt(semiAxisA * semiAxisA * cos * cos + semiAxisB * semiAxisB * sin * sin);
	}

	/** @return half the height of the ellipse's bounding box, in pixels */
	double halfHeight() {
		return Math.sqrt(semiAxisA * semiAxisA * sin * sin + semiAxisB * semiAxisB * cos * cos);
	}

	/** @return the larger semi-axis in pixels */
	double majorRadius() {
		return Math.max(semiAxisA, semiAxisB);
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
		return o;
	}

	static CellModel fromJson(JsonObject ellipse, double loading, MgCourse course) {
		return new CellModel(Json.number(ellipse, "centre_x_px"), Json.number(ellipse, "centre_y_px"), Json.number(
			ellipse, "semi_axis_a_px"), Json.number(ellipse, "semi_axis_b_px"), Json.number(ellipse, "angle_rad"),
			loading, Json.number(ellipse, "nucleus_u"), Json.number(ellipse, "nucleus_v"), course);
	}
}
