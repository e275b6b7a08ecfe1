package io.github.magratio.pipeline;

import io.github.magratio.util.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Free [Ca2+] during a recording, in uM, for the Ca2+ correction of apparent [Mg2+] (science.md section 2): a
 * constant (setting {@code ca_uM}) or one value per frame from a CSV file (setting {@code ca_file}), e.g. measured in
 * parallel with fura-2. The CSV has a header and the columns {@code frame,ca_uM} (0-based frame) or
 * {@code time_s,ca_uM} (seconds from the first frame); other columns are ignored and lines starting with {@code #}
 * are comments. Every frame of the recording needs exactly one value; times must lie within 10 % of a frame interval
 * of a frame's time. Immutable.
 */
public final class CalciumTrace {

	/** Largest distance of a {@code time_s} value from its frame's time, in frame intervals. */
	public static final double TIME_TOLERANCE_FRAMES = 0.1;

	private final double constantMicromolar;
	private final Path file;
	private final boolean byTime;
	private final double[] keys;
	private final double[] valuesMicromolar;
	private final int[] lines;

	private CalciumTrace(double constant, Path file, boolean byTime, double[] keys, double[] values, int[] lines) {
		this.constantMicromolar = constant;
		this.file = file;
		this.byTime = byTime;
		this.keys = keys;
		this.valuesMicromolar = values;
		this.lines = lines;
	}

	/**
	 * @param micromolar free [Ca2+] in uM, finite and &gt;= 0
	 * @throws IllegalArgumentException naming {@code ca_uM} for a negative or non-finite value
	 */
	public static CalciumTrace constant(double micromolar) {
		if (!(micromolar >= 0) || Double.isInfinite(micromolar)) throw new IllegalArgumentException(
			PipelineSettings.KEY_CA + " must be a free [Ca2+] >= 0 uM, got " + micromolar);
		return new CalciumTrace(micromolar, null, false, null, null, null);
	}

	/**
	 * Reads a [Ca2+] table (see the class description); the frames are matched in {@link #perFrame}.
	 *
	 * @throws IllegalArgumentException naming the file (and line and column): missing file, no {@code ca_uM} column,
	 *           neither {@code frame} nor {@code time_s}, no rows, a value that is not a number, a negative [Ca2+]
	 */
	public static CalciumTrace read(Path csv) throws IOException {
		if (!Files.isRegularFile(csv)) throw new IllegalArgumentException("[Ca2+] file " + csv +
			" does not exist");
		Csv.Table t = Csv.read(csv);
		int ca = t.requireColumn("ca_uM");
		int frame = t.column("frame"), time = t.column("time_s");
		if (frame < 0 && time < 0) throw new IllegalArgumentException(csv + ": needs a column 'frame' (0-based) or " +
			"'time_s' (s from the first frame) besides 'ca_uM'; columns present: " + t.columnsPresent());
		int n = t.rows().size();
		if (n == 0) throw new IllegalArgumentException(csv + ": no [Ca2+] values (only a header)");
		boolean byTime = frame < 0;
		double[] keys = new double[n], values = new double[n];
		int[] lines = new int[n];
		for (int i = 0; i < n; i++) {
			lines[i] = t.lineOf(i);
			keys[i] = t.number(i, byTime ? time : frame);
			values[i] = t.number(i, ca);
			if (!(values[i] >= 0) || Double.isInfinite(values[i])) throw new IllegalArgumentException(csv + " line " +
				lines[i] + ", column 'ca_uM': a free [Ca2+] must be >= 0 uM, got " + t.rows().get(i).get(ca).trim());
			if (!byTime && (keys[i] != Math.rint(keys[i]) || keys[i] < 0)) throw new IllegalArgumentException(csv +
				" line " + lines[i] + ", column 'frame': a frame is a whole number >= 0 (0-based), got " + t.rows().get(i)
					.get(frame).trim());
		}
		return new CalciumTrace(Double.NaN, csv, byTime, keys, values, lines);
	}

	/** @return the file the values came from, or null for a constant */
	public Path file() {
		return file;
	}

	/**
	 * The free [Ca2+] of each frame, uM.
	 *
	 * @param frames the recording's number of frames
	 * @param frameIntervalSeconds the frame interval used for {@code time_s}, s (&gt; 0)
	 * @return a new array with one value per frame
	 * @throws IllegalArgumentException naming the file and line: a frame outside the recording, a time that is no
	 *           frame's time, a frame given twice, or frames without a value
	 */
	public double[] perFrame(int frames, double frameIntervalSeconds) {
		double[] out = new double[frames];
		if (file == null) {
			Arrays.fill(out, constantMicromolar);
			return out;
		}
		int[] lineOf = new int[frames];
		for (int i = 0; i < keys.length; i++) {
			int f;
			if (byTime) {
				double x = keys[i] / frameIntervalSeconds;
				f = (int) Math.round(x);
				if (Math.abs(x - f) > TIME_TOLERANCE_FRAMES || f < 0 || f >= frames) throw new IllegalArgumentException(
					file + " line " + lines[i] + ": time_s " + keys[i] + " is not the time of a frame (frames 0-" +
						(frames - 1) + " every " + frameIntervalSeconds + " s, tolerance " + TIME_TOLERANCE_FRAMES +
						" frame)");
			}
			else {
				f = (int) keys[i];
				if (f >= frames) throw new IllegalArgumentException(file + " line " + lines[i] + ": frame " + f +
					" is outside the recording (frames 0-" + (frames - 1) + ")");
			}
			if (lineOf[f] != 0) throw new IllegalArgumentException(file + " line " + lines[i] + ": frame " + f +
				" already has a [Ca2+] on line " + lineOf[f]);
			lineOf[f] = lines[i];
			out[f] = valuesMicromolar[i];
		}
		StringBuilder missing = new StringBuilder();
		int count = 0;
		for (int f = 0; f < frames; f++)
			if (lineOf[f] == 0 && count++ < 10) missing.append(missing.length() > 0 ? ", " : "").append(f);
		if (count > 0) throw new IllegalArgumentException(file + ": " + count + " of " + frames +
			" frames have no [Ca2+] (one value per frame is needed): frames " + missing + (count > 10 ? ", ..." : ""));
		return out;
	}
}
