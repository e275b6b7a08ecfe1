package io.github.magratio.pipeline;

import io.github.magratio.core.CellFlag;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.Labels;
import io.github.magratio.util.Csv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The columns of cells.csv (one row per cell per frame), each declared once: its header name, unit, meaning and how
 * its value is read from a measured {@link CellTable}. The CSV header and rows ({@link CellTables}), the ResultsTable of
 * Measure Cells and the column table of {@code docs/cells-csv.md} ({@link #markdownTable()}) are all derived from this
 * list, in this order: the output contract's columns, then {@code nonfinite_px}. Columns that appear only with cells
 * per frame or with a [Ca2+] are {@link CellTables#TRACK_COLUMNS} and {@link CellTables#CALCIUM_COLUMNS}.
 */
public enum CellColumn {
	/** Cell id, from 1; a track id when cells are followed from frame to frame. */
	CELL("cell", "", "cell id, from 1 (a track id with cells per frame)", Format.WHOLE, (t, l, s, c, f) -> c),
	/** Frame, 0-based. */
	FRAME("frame", "", "frame, 0-based (ImageJ's t is frame + 1)", Format.WHOLE, (t, l, s, c, f) -> f),
	/** Time of the frame, s. */
	TIME("time_s", "s", "time of the frame: frame x frame interval", Format.NUMBER, (t, l, s, c, f) -> s[f]),
	/** Centroid x, px. */
	X("x_px", "px", "centroid x, the mean pixel index (as TrackMate places pixels; ImageJ's Measure gives 0.5 px " +
		"more)", Format.POSITION, (t, l, s, c, f) -> t.perFrameGeometry() ? t.x(c, f) : l.centroidX(c)),
	/** Centroid y, px. */
	Y("y_px", "px", "centroid y, the mean pixel index", Format.POSITION, (t, l, s, c, f) -> t.perFrameGeometry() ? t.y(
		c, f) : l.centroidY(c)),
	/** Area, px. */
	AREA("area_px", "px", "the cell's pixels in that frame", Format.WHOLE, (t, l, s, c, f) -> t.perFrameGeometry() ? t
		.area(c, f) : l.area(c)),
	/** Mean F340, counts. */
	F340("f340", "counts", "mean 340 nm signal after background subtraction", Format.NUMBER, (t, l, s, c, f) -> t.f340(
		c, f)),
	/** Mean F380, counts. */
	F380("f380", "counts", "mean 380 nm signal after background subtraction", Format.NUMBER, (t, l, s, c, f) -> t.f380(
		c, f)),
	/** Background at 340 nm, counts. */
	BG340("bg340", "counts", "everything subtracted at 340 nm (camera offset, background, autofluorescence), mean " +
		"over the cell", Format.NUMBER, (t, l, s, c, f) -> t.bg340(c, f)),
	/** Background at 380 nm, counts. */
	BG380("bg380", "counts", "everything subtracted at 380 nm, mean over the cell", Format.NUMBER, (t, l, s, c, f) -> t
		.bg380(c, f)),
	/** Ratio F340/F380. */
	RATIO("ratio", "", "F340 / F380 of the cell's means; NaN without a valid ratio", Format.NUMBER, (t, l, s, c, f) -> t
		.ratio(c, f)),
	/** Standard error of the ratio from pixel noise. */
	RATIO_SE("ratio_se", "", "standard error of the ratio from pixel noise", Format.ERROR, (t, l, s, c, f) -> t
		.ratioSe(c, f)),
	/** Free [Mg2+], mM. */
	MG("mg_mM", "mM", "free [Mg2+] by Grynkiewicz; 0 at or below Rmin, NaN at or above Rmax", Format.NUMBER, (t, l, s,
		c, f) -> t.mgMillimolar(c, f)),
	/** Lower end of the 95 % interval, mM. */
	MG_LO("mg_lo_mM", "mM", "lower end of the 95 % interval from pixel noise and the calibration's standard errors",
		Format.NUMBER, (t, l, s, c, f) -> t.mgLowMillimolar(c, f)),
	/** Upper end of the 95 % interval, mM. */
	MG_HI("mg_hi_mM", "mM", "upper end of the 95 % interval", Format.NUMBER, (t, l, s, c, f) -> t.mgHighMillimolar(c,
		f)),
	/** Saturated pixels. */
	SATURATED("saturated_px", "px", "the cell's pixels whose raw count is at or above the saturation level in either channel",
		Format.WHOLE, (t, l, s, c, f) -> t.saturatedPixels(c, f)),
	/** Problems, as text. */
	FLAGS("flags", "", "problems, separated by ';': " + flagNames(), Format.FLAGS, (t, l, s,
		c, f) -> t.flags(c, f)),
	/** NaN or infinite pixels. */
	NONFINITE("nonfinite_px", "px", "the cell's NaN or infinite pixels in either channel, masked like saturated ones",
		Format.WHOLE, (t, l, s, c, f) -> t.nonfinitePixels(c, f));

	/** How a value is written in the CSV. */
	private enum Format {
		/** A whole number (ids, counts). */
		WHOLE,
		/** A measured number at the CSV's precision. */
		NUMBER,
		/** A position, 5 significant digits. */
		POSITION,
		/** A standard error, 3 significant digits. */
		ERROR,
		/** {@link CellFlag} bits as their names. */
		FLAGS
	}

	/** Reads one cell's value in one frame. */
	@FunctionalInterface
	private interface Value {
		double of(CellTable table, Labels labels, double[] timesSeconds, int cell, int frame);
	}

	/** The header names, in order. */
	public static final List<String> NAMES;

	static {
		List<String> n = new ArrayList<>();
		for (CellColumn c : values())
			n.add(c.header);
		NAMES = Collections.unmodifiableList(n);
	}

	private final String header, unit, description;
	private final Format format;
	private final Value value;

	CellColumn(String header, String unit, String description, Format format, Value value) {
		this.header = header;
		this.unit = unit;
		this.description = description;
		this.format = format;
		this.value = value;
	}

	/** @return the CSV header name */
	public String header() {
		return header;
	}

	/** @return the unit ({@code counts}, {@code mM}, {@code px}, {@code s}), empty when the value has none */
	public String unit() {
		return unit;
	}

	/** @return what the value means, for the documentation */
	public String description() {
		return description;
	}

	/** @return true for a text column ({@code flags}), false for a number */
	public boolean isText() {
		return format == Format.FLAGS;
	}

	/**
	 * @param labels the static labels (position and area of a cell unless the table has per-frame geometry)
	 * @return the value of cell {@code cell} (from 1) in frame {@code frame} (0-based), unrounded; NaN where the table
	 *         has none; for {@link #isText()} columns the bits the text is made of
	 */
	public double value(CellTable table, Labels labels, double[] timesSeconds, int cell, int frame) {
		return value.of(table, labels, timesSeconds, cell, frame);
	}

	/** @return the value as cells.csv writes it */
	public String csv(CellTable table, Labels labels, double[] timesSeconds, int cell, int frame) {
		double v = value(table, labels, timesSeconds, cell, frame);
		switch (format) {
		case WHOLE:
			return Long.toString((long) v);
		case POSITION:
			return Csv.number(v, 5);
		case ERROR:
			return Csv.number(v, 3);
		case FLAGS:
			return CellFlag.format((int) v);
		default:
			return Csv.number(v);
		}
	}

	private static String flagNames() {
		List<String> n = new ArrayList<>();
		for (CellFlag f : CellFlag.values())
			n.add(f.key());
		return String.join(", ", n);
	}

	/** @return the column table of the documentation: name, unit, meaning, one row per column, in order */
	public static String markdownTable() {
		StringBuilder b = new StringBuilder("| column | unit | meaning |\n|---|---|---|\n");
		for (CellColumn c : values())
			b.append("| `").append(c.header).append("` | ").append(c.unit).append(" | ").append(c.description).append(
				" |\n");
		return b.toString();
	}
}
