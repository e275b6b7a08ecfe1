package io.github.magratio.synth;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.core.Calibration;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Csv;
import io.github.magratio.util.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The exact truth behind a {@link SyntheticRecording}: cell labels, the free [Mg2+] of every cell in every frame,
 * the calibration constants implied by the spectra, and the background. Immutable and thread-safe; arrays are
 * returned as copies.
 *
 * <p>
 * Conventions: pixel (x, y) is centred at integer coordinates (x, y), 0-based; label arrays are row-major,
 * index y*width + x; cell ids are 1-based (0 = background); frames are 0-based and frame f is at time
 * f * frameIntervalSeconds. Centroids are the mean pixel coordinates of the label region (add 0.5 for ImageJ's
 * convention, which puts pixel centres at x + 0.5).
 * </p>
 */
public final class GroundTruth {

	/** Version of the {@code -truth.json} layout. */
	public static final int SCHEMA_VERSION = 1;
	/** Method recorded in the calibration file. */
	public static final String CALIBRATION_METHOD = "synthetic-truth";

	private final SynthSettings settings;
	private final short[] labels;
	private final List<CellModel> cells;
	private final double[][] mg;
	private final Calibration calibration;
	private final BackgroundField background;
	private final double bleachTauSeconds;
	private final double[] snr380;
	/** The last background planes asked for, per channel (0 = 340, 1 = 380): frame and plane. */
	private final int[] cachedFrame = { -1, -1 };
	private final double[][] cachedPlane = new double[2][];
	private final double[] centroidX, centroidY;
	private final int[] area;
	private final List<int[]> touching;

	/** Per frame labels of moving cells, null for still cells ({@link #labels} then holds for every frame). */
	private final short[][] frameLabels;
	/** The mother of each cell (index = id), 0 if none; all 0 for still cells. */
	private final int[] parents;

	GroundTruth(SynthSettings settings, short[] labels, List<CellModel> cells, double[][] mg,
		Calibration calibration, BackgroundField background, double bleachTauSeconds, double[] snr380)
	{
		this(settings, labels, cells, mg, calibration, background, bleachTauSeconds, snr380, null, new int[cells
			.size() + 1]);
	}

	GroundTruth(SynthSettings settings, short[] labels, List<CellModel> cells, double[][] mg,
		Calibration calibration, BackgroundField background, double bleachTauSeconds, double[] snr380,
		short[][] frameLabels, int[] parents)
	{
		this.frameLabels = frameLabels;
		this.parents = parents.clone();
		this.background = background;
		this.snr380 = snr380;
		this.settings = settings;
		this.labels = labels;
		this.cells = Collections.unmodifiableList(new ArrayList<>(cells));
		this.mg = mg;
		this.calibration = calibration;
		this.bleachTauSeconds = bleachTauSeconds;
		int n = cells.size(), w = settings.width(), h = settings.height();
		centroidX = new double[n + 1];
		centroidY = new double[n + 1];
		area = new int[n + 1];
		boolean[][] adjacent = new boolean[n + 1][n + 1];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int l = labels[y * w + x] & 0xffff;
				if (l == 0) continue;
				if (l > n) throw new IllegalArgumentException("label " + l + " at (" + x + ", " + y + ") exceeds the " +
					n + " cells");
				area[l]++;
				centroidX[l] += x;
				centroidY[l] += y;
				if (x + 1 < w) mark(adjacent, l, labels[y * w + x + 1] & 0xffff);
				if (y + 1 < h) mark(adjacent, l, labels[(y + 1) * w + x] & 0xffff);
			}
		List<int[]> pairs = new ArrayList<>();
		for (int c = 1; c <= n; c++) {
			if (area[c] == 0 && frameLabels == null) throw new IllegalArgumentException("cell " + c +
				" has no label pixels");
			if (area[c] == 0) { // a moving cell not in frame 0
				centroidX[c] = centroidY[c] = Double.NaN;
				continue;
			}
			centroidX[c] /= area[c];
			centroidY[c] /= area[c];
			for (int d = c + 1; d <= n; d++)
				if (adjacent[c][d]) pairs.add(new int[] { c, d });
		}
		touching = Collections.unmodifiableList(pairs);
	}

	private static void mark(boolean[][] adjacent, int a, int b) {
		if (b != 0 && b != a) {
			adjacent[Math.min(a, b)][Math.max(a, b)] = true;
		}
	}

	/** @return the settings the recording was generated with */
	public SynthSettings settings() {
		return settings;
	}

	/** @return the number of cells n; ids are 1..n */
	public int cellCount() {
		return cells.size();
	}

	/** @return image width in pixels */
	public int width() {
		return settings.width();
	}

	/** @return image height in pixels */
	public int height() {
		return settings.height();
	}

	/** @return number of frames */
	public int frames() {
		return settings.frames();
	}

	/** @return time between frames in seconds */
	public double frameIntervalSeconds() {
		return settings.frameIntervalSeconds();
	}

	/** @return the time of frame {@code frame} (0-based) in seconds after the first frame */
	public double timeSeconds(int frame) {
		checkFrame(frame);
		return frame * settings.frameIntervalSeconds();
	}

	/** @return a copy of the labels, row-major (index y*width + x): 0 background, 1..n cell id (read unsigned) */
	public short[] labels() {
		return labels.clone();
	}

	/** @return true when cells move or divide: the labels differ from frame to frame ({@link #labels(int)}) */
	public boolean moving() {
		return frameLabels != null;
	}

	/**
	 * @param frame 0-based frame
	 * @return a copy of that frame's labels, row-major: 0 background, 1..n cell id (read unsigned); the same as
	 *         {@link #labels()} for still cells
	 */
	public short[] labels(int frame) {
		if (frame < 0 || frame >= frames()) throw new IllegalArgumentException("frame " + frame + " outside 0.." +
			(frames() - 1));
		return frameLabels == null ? labels.clone() : frameLabels[frame].clone();
	}

	/** @return the cell that {@code cell} is a daughter of (divided into it and a sister), 0 if none */
	public int parent(int cell) {
		if (cell < 1 || cell > cellCount()) throw new IllegalArgumentException("cell " + cell + " outside 1.." +
			cellCount());
		return parents[cell];
	}

	/** @return the label at pixel (x, y): 0 background, else the cell id */
	public int label(int x, int y) {
		if (x < 0 || y < 0 || x >= width() || y >= height()) throw new IllegalArgumentException("pixel (" + x + ", " +
			y + ") lies outside the " + width() + " x " + height() + " image");
		return labels[y * width() + x] & 0xffff;
	}

	/**
	 * @param cell 1-based cell id
	 * @param frame 0-based frame
	 * @return the true free [Mg2+] in mM
	 */
	public double mgMillimolar(int cell, int frame) {
		checkCell(cell);
		checkFrame(frame);
		return mg[cell - 1][frame];
	}

	/** @return the x centroid of the cell's label region, in pixels (mean x of its pixels) */
	public double centroidX(int cell) {
		checkCell(cell);
		return centroidX[cell];
	}

	/** @return the y centroid of the cell's label region, in pixels (mean y of its pixels) */
	public double centroidY(int cell) {
		checkCell(cell);
		return centroidY[cell];
	}

	/** @return the number of label pixels of the cell */
	public int area(int cell) {
		checkCell(cell);
		return area[cell];
	}

	/** @return the cell's relative dye loading (see {@link SynthSettings#LOADING_DISTRIBUTION}) */
	public double loading(int cell) {
		checkCell(cell);
		return cells.get(cell - 1).loading;
	}

	/** @return the kind of the cell's [Mg2+] course: {@code constant}, {@code step}, {@code drift} or {@code transient} */
	public String courseKind(int cell) {
		checkCell(cell);
		return cells.get(cell - 1).course.kind.key();
	}

	/**
	 * @return the cell's first-frame F380 signal-to-noise ratio: mean expected F380 above the background over its
	 *         label pixels divided by the background's per-pixel noise SD there; NaN when not recorded (older files)
	 */
	public double snr380(int cell) {
		checkCell(cell);
		return snr380 == null ? Double.NaN : snr380[cell];
	}

	/** @return the cluster (1-based) the cell was placed in, 0 when it is not part of a cluster */
	public int cluster(int cell) {
		checkCell(cell);
		return cells.get(cell - 1).cluster;
	}

	/** @return the id of the cell placed deliberately touching this one, or 0 */
	public int touchingPartner(int cell) {
		checkCell(cell);
		return cells.get(cell - 1).partner;
	}

	/** @return the exact calibration the recording obeys: Kd (mM), Rmin, Rmax and beta implied by the spectra */
	public Calibration calibration() {
		return calibration;
	}

	/** @return pairs {a, b} (a &lt; b) of cell ids whose label regions share a pixel edge, sorted */
	public List<int[]> touchingPairs() {
		List<int[]> out = new ArrayList<>();
		for (int[] p : touching)
			out.add(p.clone());
		return out;
	}

	/** @return the camera dark offset in counts */
	public double cameraOffset() {
		return settings.cameraOffsetCounts();
	}

	/**
	 * @return the true expected 340 nm background at pixel (x, y) in a frame as the camera records it (texture, blobs
	 *         and blur included), camera offset included, in counts
	 */
	public double background340(int x, int y, int frame) {
		return settings.cameraOffsetCounts() + backgroundPlane(0, frame)[y * width() + x];
	}

	/** @return the true expected 380 nm background at pixel (x, y) in a frame, as {@link #background340} */
	public double background380(int x, int y, int frame) {
		return settings.cameraOffsetCounts() + backgroundPlane(1, frame)[y * width() + x];
	}

	/** @return true when the background has a texture or blobs that no polynomial surface describes */
	public boolean structuredBackground() {
		return background.structured();
	}

	private synchronized double[] backgroundPlane(int channel, int frame) {
		checkFrame(frame);
		if (cachedFrame[channel] != frame) {
			double[] plane = new double[width() * height()];
			background.plane(channel == 0, frame, bleachFactor(frame), null, plane);
			cachedPlane[channel] = plane;
			cachedFrame[channel] = frame;
		}
		return cachedPlane[channel];
	}

	/**
	 * @return the illumination at pixel (x, y) relative to the image centre (1 at the centre, the vignetting corner
	 *         fraction in the corners); the same shape at 340 and 380 nm
	 */
	public double illumination(double x, double y) {
		return illumination(settings, x, y);
	}

	static double illumination(SynthSettings s, double x, double y) {
		double hx = (s.width() - 1) / 2.0, hy = (s.height() - 1) / 2.0;
		double dx = x - hx, dy = y - hy;
		return 1 - (1 - s.vignettingCornerFraction()) * (dx * dx + dy * dy) / (hx * hx + hy * hy);
	}

	/** @return the fraction of the initial dye left in frame {@code frame}: exp(-t/tau) (same at both wavelengths) */
	public double bleachFactor(int frame) {
		return Math.exp(-timeSeconds(frame) / bleachTauSeconds);
	}

	/**
	 * @return the bleaching time constant in seconds for the settings: tau = -(frames-1)*dt / ln(1 - bleachFraction),
	 *         so that exp(-t/tau) has lost bleachFraction at the last frame; infinite without bleaching
	 */
	static double bleachTauSeconds(SynthSettings s) {
		if (s.bleachFraction() == 0 || s.frames() < 2) return Double.POSITIVE_INFINITY;
		return -(s.frames() - 1) * s.frameIntervalSeconds() / Math.log(1 - s.bleachFraction());
	}

	/** @return the photobleaching time constant tau in seconds (infinite without bleaching) */
	public double bleachTauSeconds() {
		return bleachTauSeconds;
	}

	private void checkCell(int cell) {
		if (cell < 1 || cell > cells.size()) throw new IllegalArgumentException("cell must be 1.." + cells.size() +
			" (1-based id), got " + cell);
	}

	private void checkFrame(int frame) {
		if (frame < 0 || frame >= frames()) throw new IllegalArgumentException("frame must be 0.." + (frames() - 1) +
			" (0-based), got " + frame);
	}

	/** @return the calibration file written next to the recording, method {@value #CALIBRATION_METHOD} */
	CalibrationFile calibrationFile() {
		JsonObject details = new JsonObject();
		details.addProperty("seed", settings.seed());
		details.addProperty(SynthSettings.E340_FREE.key(), settings.excitation340Free());
		details.addProperty(SynthSettings.E380_FREE.key(), settings.excitation380Free());
		details.addProperty(SynthSettings.E340_BOUND.key(), settings.excitation340Bound());
		details.addProperty(SynthSettings.E380_BOUND.key(), settings.excitation380Bound());
		return CalibrationFile.builder(calibration).method(CALIBRATION_METHOD).notes(
			"Exact constants of a synthetic recording: Rmin = e340free/e380free, Rmax = e340bound/e380bound, " +
				"beta = e380free/e380bound, Kd as generated").details(details).build();
	}

	/** @return per frame {x, y, area} of every cell (index = id) from the per-frame labels; area 0 = absent */
	private double[][][] frameCentroids() {
		int n = cellCount(), w = width();
		double[][][] out = new double[frames()][3][n + 1];
		for (int f = 0; f < frames(); f++) {
			double[][] o = out[f];
			short[] l = frameLabels[f];
			for (int i = 0; i < l.length; i++) {
				int c = l[i] & 0xffff;
				if (c == 0) continue;
				o[0][c] += i % w;
				o[1][c] += i / w;
				o[2][c]++;
			}
			for (int c = 1; c <= n; c++)
				if (o[2][c] > 0) {
					o[0][c] /= o[2][c];
					o[1][c] /= o[2][c];
				}
		}
		return out;
	}

	/** Writes labels, truth CSV, calibration and truth JSON for recording {@code name} into {@code dir}. */
	void write(Path dir, String name) throws IOException {
		ImagePlus lab = new ImagePlus(name + "-labels", new ShortProcessor(width(), height(), labels.clone(), null));
		if (frameLabels != null) { // moving cells: a T-stack, one plane per frame
			ij.ImageStack st = new ij.ImageStack(width(), height());
			for (short[] plane : frameLabels)
				st.addSlice(new ShortProcessor(width(), height(), plane.clone(), null));
			lab = new ImagePlus(name + "-labels", st);
			lab.setDimensions(1, 1, frames());
			lab.setOpenAsHyperStack(true);
		}
		lab.getProcessor().resetMinAndMax();
		byte[] tif = new FileSaver(lab).serialize();
		if (tif == null) throw new IOException("ImageJ could not encode the label image " + name + "-labels.tif");
		AtomicFiles.writeBytes(dir.resolve(name + "-labels.tif"), out -> out.write(tif));

		List<String> header = Arrays.asList("cell", "frame", "time_s", "x_px", "y_px", "mg_mM");
		List<List<String>> rows = new ArrayList<>();
		double[][][] where = frameLabels == null ? null : frameCentroids();
		for (int c = 1; c <= cellCount(); c++)
			for (int f = 0; f < frames(); f++) {
				if (where != null && where[f][2][c] == 0) continue; // a moving cell not in this frame
				double x = where == null ? centroidX[c] : where[f][0][c], y = where == null ? centroidY[c] : where[f][1][c];
				rows.add(Arrays.asList(Integer.toString(c), Integer.toString(f), Csv.number(timeSeconds(f), 12), Csv
					.number(x, 8), Csv.number(y, 8), Csv.number(mg[c - 1][f], 15)));
			}
		Csv.write(dir.resolve(name + "-truth.csv"), header, rows);

		calibrationFile().write(dir.resolve(name + "-calibration.json"));

		String json = io.github.magratio.util.Json.write(toJson(name), true) + "\n";
		AtomicFiles.writeString(dir.resolve(name + "-truth.json"), json);
	}

	private JsonObject toJson(String name) {
		JsonObject o = new JsonObject();
		o.addProperty("schema_version", SCHEMA_VERSION);
		o.addProperty("generator", SyntheticRecording.class.getName());
		o.addProperty("software_version", Version.get());
		o.addProperty("name", name);
		o.addProperty("seed", settings.seed());
		o.add("settings", settings.toJson());
		JsonObject k = new JsonObject();
		k.addProperty("kd_mM", calibration.kdMillimolar());
		k.addProperty("rmin", calibration.rmin());
		k.addProperty("rmax", calibration.rmax());
		k.addProperty("beta", calibration.beta());
		k.addProperty("camera_offset_counts", cameraOffset());
		k.addProperty("frame_interval_s", frameIntervalSeconds());
		if (Double.isFinite(bleachTauSeconds)) k.addProperty("bleach_tau_s", bleachTauSeconds);
		k.addProperty("bleach_fraction_last_frame", 1 - bleachFactor(frames() - 1));
		k.addProperty("brightness_scale_counts", settings.cellBrightness380Counts() / settings.excitation380Free());
		k.add("background_340", background.model340.toJson());
		k.add("background_380", background.model380.toJson());
		k.addProperty("background_field", "background_lambda = model_lambda * max(0.05, 1 + " +
			"background_texture_fraction * T(x,y)) + bleach(t) * blobs_lambda(x,y), T a unit-SD Gaussian-smoothed " +
			"white noise and blobs Gaussian spots of dye at " + BackgroundField.BLOB_MG_MILLIMOLAR + " mM, both from " +
			"the seed; cells and background then blurred by a Gaussian of blur_sigma_px");
		k.addProperty("signal_model", "F_lambda = offset + background_lambda(x,t) + brightness_scale * " +
			"illumination(x) * loading * profile(x) * exp(-t/bleach_tau) * (e_lambda_free*(1-f) + e_lambda_bound*f), " +
			"f = Mg/(Mg+Kd); then Poisson shot noise, Gaussian read noise, rounding, clipping");
		k.addProperty("illumination_model", "1 - (1 - vignetting_corner_fraction) * r^2 / r_corner^2, r from the " +
			"image centre ((W-1)/2, (H-1)/2)");
		k.addProperty("coordinates", "pixel (x,y) centred at integer (x,y); labels row-major y*width+x; cell ids " +
			"1-based; frames 0-based");
		o.add("constants", k);
		JsonArray list = new JsonArray();
		for (CellModel c : cells) {
			JsonObject co = new JsonObject();
			co.addProperty("id", c.id);
			co.addProperty("x_px", centroidX[c.id]);
			co.addProperty("y_px", centroidY[c.id]);
			co.addProperty("area_px", area[c.id]);
			co.addProperty("loading", c.loading);
			co.addProperty("touching_partner", c.partner);
			co.addProperty("cluster", c.cluster);
			if (snr380 != null) co.addProperty("snr_380", snr380[c.id]);
			co.add("ellipse", c.toJson());
			co.add("mg_course", c.course.toJson());
			list.add(co);
		}
		o.add("cells", list);
		JsonArray pairs = new JsonArray();
		for (int[] p : touching) {
			JsonArray a = new JsonArray();
			a.add(p[0]);
			a.add(p[1]);
			pairs.add(a);
		}
		o.add("touching_pairs", pairs);
		return o;
	}

	/**
	 * Reads the truth of recording {@code name} written by {@link SyntheticRecording#write}: {@code name-truth.json},
	 * {@code name-labels.tif}, {@code name-truth.csv} and {@code name-calibration.json} in {@code dir}.
	 *
	 * @throws IOException when a file cannot be read
	 * @throws IllegalArgumentException naming the file and the problem when a file is missing or inconsistent
	 */
	public static GroundTruth read(Path dir, String name) throws IOException {
		Path jsonFile = dir.resolve(name + "-truth.json");
		Path labelFile = dir.resolve(name + "-labels.tif");
		Path csvFile = dir.resolve(name + "-truth.csv");
		Path calFile = dir.resolve(name + "-calibration.json");
		for (Path p : new Path[] { jsonFile, labelFile, csvFile, calFile })
			if (!Files.isRegularFile(p)) throw new IllegalArgumentException("ground truth file " + p + " does not exist");
		JsonObject root;
		JsonElement parsed = io.github.magratio.util.Json.parse(jsonFile, "ground truth file " + jsonFile);
		if (!parsed.isJsonObject()) throw new IllegalArgumentException("ground truth file " + jsonFile +
			" must hold a JSON object");
		root = parsed.getAsJsonObject();
		SynthSettings settings;
		List<CellModel> cells = new ArrayList<>();
		BackgroundModel b340, b380;
		double tau;
		double[] snr = null;
		try {
			int schema = Json.integer(root, "schema_version");
			if (schema != SCHEMA_VERSION) throw new IllegalArgumentException("schema_version " + schema +
				" is not supported (expected " + SCHEMA_VERSION + ")");
			settings = SynthSettings.fromJson(Json.object(root, "settings"));
			if (settings.moving()) throw new IllegalArgumentException("the truth of moving or dividing cells is not " +
				"read back (its labels are per frame): regenerate the recording from its settings and seed");
			JsonObject k = Json.object(root, "constants");
			b340 = BackgroundModel.fromJson(Json.object(k, "background_340"), settings.width(), settings.height(),
				settings.frames());
			b380 = BackgroundModel.fromJson(Json.object(k, "background_380"), settings.width(), settings.height(),
				settings.frames());
			tau = bleachTauSeconds(settings);
			JsonElement list = Json.require(root, "cells");
			if (!list.isJsonArray()) throw new IllegalArgumentException("'cells' must be an array");
			for (JsonElement e : list.getAsJsonArray()) {
				JsonObject co = e.getAsJsonObject();
				CellModel c = CellModel.fromJson(Json.object(co, "ellipse"), Json.number(co, "loading"), MgCourse
					.fromJson(Json.object(co, "mg_course")));
				c.id = Json.integer(co, "id");
				c.partner = Json.integer(co, "touching_partner");
				c.cluster = co.has("cluster") ? Json.integer(co, "cluster") : 0;
				if (co.has("snr_380")) {
					if (snr == null) snr = new double[list.getAsJsonArray().size() + 1];
					snr[c.id] = Json.number(co, "snr_380");
				}
				if (c.id != cells.size() + 1) throw new IllegalArgumentException("cell ids must be 1..n in order, got " +
					c.id + " at position " + (cells.size() + 1));
				cells.add(c);
			}
		} catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
			throw new IllegalArgumentException(jsonFile + ": " + e.getMessage(), e);
		}

		ImagePlus lab = IJ.openImage(labelFile.toString());
		if (lab == null || lab.getBitDepth() != 16 || lab.getWidth() != settings.width() || lab.getHeight() != settings
			.height()) throw new IllegalArgumentException(labelFile + ": expected a 16-bit " + settings.width() + " x " +
				settings.height() + " label image, got " + (lab == null ? "nothing ImageJ can open" : lab.getBitDepth() +
					"-bit " + lab.getWidth() + " x " + lab.getHeight()));
		short[] labels = ((short[]) lab.getProcessor().getPixels()).clone();

		int n = cells.size(), frames = settings.frames();
		double[][] mg = new double[n][frames];
		for (double[] row : mg)
			Arrays.fill(row, Double.NaN);
		Csv.Table table = Csv.read(csvFile);
		int cc = table.requireColumn("cell"), fc = table.requireColumn("frame"), mc = table.requireColumn("mg_mM");
		for (int r = 0; r < table.rows().size(); r++) {
			double c = table.number(r, cc), f = table.number(r, fc);
			if (c != Math.rint(c) || c < 1 || c > n || f != Math.rint(f) || f < 0 || f >= frames)
				throw new IllegalArgumentException(csvFile + " line " + table.lineOf(r) + ": cell " + c + " / frame " + f +
					" outside 1.." + n + " / 0.." + (frames - 1));
			mg[(int) c - 1][(int) f] = table.number(r, mc);
		}
		for (int c = 0; c < n; c++)
			for (int f = 0; f < frames; f++)
				if (Double.isNaN(mg[c][f])) throw new IllegalArgumentException(csvFile + ": no mg_mM for cell " + (c + 1) +
					", frame " + f);

		Calibration cal = CalibrationFile.read(calFile).calibration();
		return new GroundTruth(settings, labels, cells, mg, cal, new BackgroundField(settings, b340, b380), tau, snr);
	}
}
