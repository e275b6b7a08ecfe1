package io.github.magratio.synth;

import com.google.gson.JsonObject;

/**
 * Smooth background of one excitation wavelength above the camera offset, in counts: stray light and medium
 * fluorescence. With u, v the pixel position scaled to -1..1 across the field (pixel centre (x, y) at integer
 * coordinates, u = (x - (W-1)/2) / ((W-1)/2)) and s = frame / (frames - 1) the fraction of the recording elapsed:
 *
 * <pre>
 * B(x, y, s) = A * (1 + drift * s) * (1 + g * (u cos th + v sin th) - b * (u^2 + v^2)),   th = th0 + rotation * s
 * </pre>
 *
 * a plane gradient plus a broad bowl: exactly a degree-2 polynomial surface in every frame, drifting and rotating
 * slowly in time. Immutable.
 */
final class BackgroundModel {

	final double amplitudeCounts, gradientFraction, bowlFraction, angleRadians, rotationRadians, driftFraction;
	final int width, height, frames;

	BackgroundModel(double amplitudeCounts, double gradientFraction, double bowlFraction, double angleRadians,
		double rotationRadians, double driftFraction, int width, int height, int frames)
	{
		this.amplitudeCounts = amplitudeCounts;
		this.gradientFraction = gradientFraction;
		this.bowlFraction = bowlFraction;
		this.angleRadians = angleRadians;
		this.rotationRadians = rotationRadians;
		this.driftFraction = driftFraction;
		this.width = width;
		this.height = height;
		this.frames = frames;
	}

	/** @return the background above offset at pixel (x, y) in frame {@code frame} (0-based), in counts */
	double aboveOffsetCounts(double x, double y, int frame) {
		double s = frames > 1 ? frame / (double) (frames - 1) : 0;
		double th = angleRadians + rotationRadians * s;
		double hx = (width - 1) / 2.0, hy = (height - 1) / 2.0;
		double u = (x - hx) / hx, v = (y - hy) / hy;
		return amplitudeCounts * (1 + driftFraction * s) * (1 + gradientFraction * (u * Math.cos(th) + v * Math.sin(
			th)) - bowlFraction * (u * u + v * v));
	}

	/** Fills {@code out} (row-major, width*height) with the background above offset of one frame, in counts. */
	void fill(int frame, double[] out) {
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				out[y * width + x] = aboveOffsetCounts(x, y, frame);
	}

	JsonObject toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("amplitude_counts", amplitudeCounts);
		o.addProperty("gradient_fraction", gradientFraction);
		o.addProperty("bowl_fraction", bowlFraction);
		o.addProperty("gradient_angle_rad", angleRadians);
		o.addProperty("gradient_rotation_rad", rotationRadians);
		o.addProperty("drift_fraction", driftFraction);
		o.addProperty("model", "A*(1+drift*s)*(1+g*(u*cos(th)+v*sin(th))-b*(u^2+v^2)), th=angle+rotation*s, " +
			"u=(x-(W-1)/2)/((W-1)/2), v=(y-(H-1)/2)/((H-1)/2), s=frame/(frames-1); counts above camera offset");
		return o;
	}

	static BackgroundModel fromJson(JsonObject o, int width, int height, int frames) {
		return new BackgroundModel(Json.number(o, "amplitude_counts"), Json.number(o, "gradient_fraction"), Json
			.number(o, "bowl_fraction"), Json.number(o, "gradient_angle_rad"), Json.number(o, "gradient_rotation_rad"),
			Json.number(o, "drift_fraction"), width, height, frames);
	}
}
