package io.github.magratio.tiff;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hyperstack metadata ImageJ keeps in the {@code ImageDescription} of the first IFD: a text block starting with
 * {@code ImageJ=} followed by {@code key=value} lines ({@code images}, {@code channels}, {@code slices},
 * {@code frames}, {@code hyperstack}, {@code finterval} with {@code tunit}, {@code unit}, {@code min}/{@code max},
 * the value calibration {@code cf}/{@code c0}/{@code c1}/{@code vunit}, ...). Parsed leniently like ImageJ does (a key
 * whose value is not a number counts as absent), formatted the way ImageJ writes it. Immutable.
 */
public final class ImageJMetadata {

	/** The ImageJ version whose description format {@link #format()} writes. */
	public static final String FORMAT_VERSION = "1.54p";

	/** ImageJ's calibration function code of a straight line (value = c0 + c1 * raw). */
	public static final int STRAIGHT_LINE = 0;

	private final Map<String, String> values;

	private ImageJMetadata(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * Parses an ImageDescription.
	 *
	 * @return the metadata, or null when the description is not ImageJ's (does not start with {@code ImageJ=})
	 */
	public static ImageJMetadata parse(String description) {
		if (description == null || !description.startsWith("ImageJ=")) return null;
		Map<String, String> v = new LinkedHashMap<>();
		for (String line : description.split("\n")) {
			int eq = line.indexOf('=');
			if (eq <= 0) continue;
			String key = line.substring(0, eq).trim(), value = line.substring(eq + 1).trim();
			if (!key.isEmpty() && !v.containsKey(key)) v.put(key, value);
		}
		return new ImageJMetadata(v);
	}

	/** @return a builder for a description to write */
	public static Builder builder() {
		return new Builder();
	}

	/** @return the raw value of {@code key}, or null */
	public String get(String key) {
		return values.get(key);
	}

	private double number(String key) {
		String s = values.get(key);
		if (s == null) return Double.NaN;
		try {
			double d = Double.parseDouble(s);
			return Double.isInfinite(d) ? Double.NaN : d;
		} catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	private int count(String key) {
		double d = number(key);
		return d >= 1 && d <= Integer.MAX_VALUE && d == Math.rint(d) ? (int) d : 0;
	}

	/** @return {@code images=}, the number of planes, or 0 when absent */
	public int images() {
		return count("images");
	}

	/** @return {@code channels=}, or 1 when absent */
	public int channels() {
		return Math.max(1, count("channels"));
	}

	/** @return {@code slices=}, or 1 when absent */
	public int slices() {
		return Math.max(1, count("slices"));
	}

	/** @return {@code frames=}, or 1 when absent */
	public int frames() {
		return Math.max(1, count("frames"));
	}

	/** @return true when {@code hyperstack=true} */
	public boolean hyperstack() {
		return "true".equals(values.get("hyperstack"));
	}

	/** @return {@code finterval=}, the time between frames in {@link #timeUnit()}, NaN when absent or not &gt; 0 */
	public double frameInterval() {
		double d = number("finterval");
		return d > 0 ? d : Double.NaN;
	}

	/** @return {@code tunit=}, the unit of {@link #frameInterval()}; ImageJ's default "sec" when absent */
	public String timeUnit() {
		String s = values.get("tunit");
		return s == null || s.isEmpty() ? "sec" : s;
	}

	/** @return {@code unit=}, the spatial unit, or null */
	public String unit() {
		return values.get("unit");
	}

	/** @return {@code min=} of the display range, NaN when absent */
	public double displayMin() {
		return number("min");
	}

	/** @return {@code max=} of the display range, NaN when absent */
	public double displayMax() {
		return number("max");
	}

	/** @return {@code vunit=}, the unit of the values, or null */
	public String valueUnit() {
		return values.get("vunit");
	}

	/**
	 * @return true when the values are calibrated as ImageJ stores signed 16-bit data: raw unsigned samples with the
	 *         straight line {@code value = raw - 32768} ({@code cf=0}, {@code c0=-32768}, {@code c1=1})
	 */
	public boolean signed16BitCalibration() {
		return number("cf") == STRAIGHT_LINE && number("c0") == -32768 && number("c1") == 1;
	}

	/** @return the description text as ImageJ writes it, NUL-terminated */
	public String format() {
		StringBuilder b = new StringBuilder();
		for (Map.Entry<String, String> e : values.entrySet())
			b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
		return b.append('\0').toString();
	}

	/** Builds the description of a stack to write; keys are written in ImageJ's order. */
	public static final class Builder {
		private int channels = 1, slices = 1, frames = 1;
		private double frameInterval = Double.NaN, min = Double.NaN, max = Double.NaN;
		private String timeUnit, unit, valueUnit;

		private Builder() {}

		/** Sets the hyperstack dimensions (each &gt;= 1). */
		public Builder dimensions(int channels, int slices, int frames) {
			if (channels < 1 || slices < 1 || frames < 1) throw new IllegalArgumentException(
				"channels, slices and frames must be >= 1, got " + channels + ", " + slices + ", " + frames);
			this.channels = channels;
			this.slices = slices;
			this.frames = frames;
			return this;
		}

		/** Sets the frame interval (NaN = none) and its unit (null = seconds). */
		public Builder frameInterval(double interval, String timeUnit) {
			this.frameInterval = interval;
			this.timeUnit = timeUnit;
			return this;
		}

		/** Sets the spatial unit (null = none). */
		public Builder unit(String unit) {
			this.unit = unit;
			return this;
		}

		/** Sets the unit of the pixel values (null = none). */
		public Builder valueUnit(String valueUnit) {
			this.valueUnit = valueUnit;
			return this;
		}

		/** Sets the display range (NaN = none). */
		public Builder displayRange(double min, double max) {
			this.min = min;
			this.max = max;
			return this;
		}

		/** @return the metadata */
		public ImageJMetadata build() {
			Map<String, String> v = new LinkedHashMap<>();
			v.put("ImageJ", FORMAT_VERSION);
			long images = (long) channels * slices * frames;
			v.put("images", Long.toString(images));
			if (channels > 1) v.put("channels", Integer.toString(channels));
			if (slices > 1) v.put("slices", Integer.toString(slices));
			if (frames > 1) v.put("frames", Integer.toString(frames));
			if ((channels > 1 ? 1 : 0) + (slices > 1 ? 1 : 0) + (frames > 1 ? 1 : 0) >= 1 && images > 1)
				v.put("hyperstack", "true");
			if (channels > 1) v.put("mode", "grayscale");
			if (unit != null) v.put("unit", clean(unit));
			// as ImageJ writes the value unit of a 32-bit image (integer images need a calibration function too)
			if (valueUnit != null) v.put("vunit", clean(valueUnit));
			if (frameInterval > 0 && !Double.isInfinite(frameInterval)) {
				v.put("finterval", number(frameInterval));
				if (timeUnit != null && !timeUnit.equals("sec")) v.put("tunit", clean(timeUnit));
			}
			if (images > 1) v.put("loop", "false");
			if (!Double.isNaN(min) && !Double.isNaN(max) && !Double.isInfinite(min) && !Double.isInfinite(max)) {
				v.put("min", number(min));
				v.put("max", number(max));
			}
			return new ImageJMetadata(v);
		}

		private static String clean(String s) {
			return s.replace('\n', ' ').replace('\0', ' ').replace('=', ' ');
		}

		private static String number(double d) {
			return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
		}
	}

	@Override
	public String toString() {
		return values.toString();
	}
}
