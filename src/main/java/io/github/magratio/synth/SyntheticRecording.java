package io.github.magratio.synth;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.github.magratio.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic ratiometric Mag-Fura-2 recording (340/380 nm excitation) with exact ground truth, for testing and
 * demonstrating segmentation, background subtraction and calibration.
 *
 * <h2>Physics</h2>
 * Four effective excitation coefficients (relative units; see {@link SynthSettings}) of free and Mg-bound dye at 340
 * and 380 nm define the truth. With bound fraction f = Mg / (Mg + Kd), the expected signal of pixel x at time t
 * (camera counts) is
 *
 * <pre>
 * F_lambda(x, t) = S * illumination(x) * loading_cell * profile_cell(x) * exp(-t / tau)
 *                    * (e_lambda_free * (1 - f) + e_lambda_bound * f)  +  offset + B_lambda(x, t)
 * </pre>
 *
 * with brightness scale S = cellBrightness380Counts / e380free, illumination a smooth vignetting (1 at the centre,
 * {@link SynthSettings#vignettingCornerFraction()} in the corners) of the SAME shape at both wavelengths (lamp power
 * differences are part of the coefficients), loading a per-cell lognormal amplitude, profile a dome with a brighter
 * nucleus (see the cell model), and exp(-t/tau) photobleaching that destroys dye equally for both wavelengths.
 * Background-free signals therefore give, in every pixel and summed over any set of pixels of one cell,
 *
 * <pre>
 * R = (F340 - B340) / (F380 - B380) = (e340free*Kd + e340bound*Mg) / (e380free*Kd + e380bound*Mg)
 *   = (Rmin*K' + Rmax*Mg) / (K' + Mg),   K' = Kd*beta,
 * Rmin = e340free/e380free,  Rmax = e340bound/e380bound,  beta = e380free/e380bound
 * </pre>
 *
 * exactly the Grynkiewicz equation, so {@link GroundTruth#calibration()} is the true calibration. Both channels of
 * a frame are taken at the same instant t = frame * frameIntervalSeconds. Cells press against each other but do not
 * stack: a pixel carries dye of its label's cell only, and there is no optical blur.
 *
 * <p>
 * Background B_lambda (above the camera offset) is a plane gradient plus a broad bowl, a degree-2 polynomial
 * surface with different amplitudes per wavelength, drifting by {@link SynthSettings#backgroundDriftFraction()}
 * and rotating by {@link SynthSettings#backgroundRotationDegrees()} over the recording. The gradient directions are
 * random; the 340 and 380 nm directions differ by up to +-15 degrees.
 * </p>
 *
 * <p>
 * Noise (when {@link SynthSettings#noise()}): the photo-electrons (F - offset) / gain are drawn from a Poisson
 * distribution, multiplied by the gain, Gaussian read noise is added, then the offset; the result is rounded and
 * clipped to 0..saturationCounts in a 16-bit image. Without noise the exact expected counts are stored as 32-bit
 * floats.
 * </p>
 *
 * <p>
 * Moving and dividing cells ({@link SynthSettings#moving()}): every frame is painted from the cells where
 * {@link CellMotion} puts them in that frame, and the truth holds each frame's labels and each daughter's mother.
 * </p>
 *
 * <h2>Randomness</h2>
 * Everything derives from {@link SynthSettings#seed()} through {@link SplittableRandom}: the same settings give
 * identical pixels and truth on every JVM. Frames are generated plane by plane, each from its own split stream.
 *
 * <p>
 * The recording is held in memory; instances are immutable apart from the {@link ImagePlus} (see
 * {@link #imagePlus()}).
 * </p>
 */
public final class SyntheticRecording {

	private final ImagePlus imp;
	private final GroundTruth truth;

	private SyntheticRecording(ImagePlus imp, GroundTruth truth) {
		this.imp = imp;
		this.truth = truth;
	}

	/**
	 * Generates a recording. Deterministic for given settings.
	 *
	 * @throws IllegalArgumentException when the cells cannot be placed in the field (too many or too large)
	 */
	public static SyntheticRecording generate(SynthSettings s) {
		SplittableRandom root = new SplittableRandom(s.seed());
		SplittableRandom layoutRandom = root.split();
		SplittableRandom cellRandom = root.split();
		SplittableRandom backgroundRandom = root.split();
		SplittableRandom noiseRandom = root.split();
		// texture and blobs: fieldRandom(seed), the fifth split, so earlier streams stay as they were before them
		int w = s.width(), h = s.height(), frames = s.frames();
		double dt = s.frameIntervalSeconds();

		CellMotion motion = null;
		List<CellModel> cells;
		if (s.moving()) {
			// the layout covers the region the field sweeps; its own stream, so still recordings stay as they were
			double[] canvas = CellMotion.canvas(s);
			SynthSettings onCanvas = s.toBuilder().width((int) canvas[0]).height((int) canvas[1]).build();
			motion = CellMotion.of(s, withLoadingAndCourses(CellLayout.place(onCanvas, layoutRandom), cellRandom, s),
				motionRandom(s.seed()));
			cells = motion.cells();
		}
		else cells = withLoadingAndCourses(CellLayout.place(s, layoutRandom), cellRandom, s);
		int n = cells.size();
		short[][] frameLabels = motion == null ? null : new short[frames][];
		short[] labels = motion == null ? CellLayout.paint(cells, w, h) : CellLayout.paint(motion.at(0, wander(s)), w,
			h);

		double angle = Noise.uniform(backgroundRandom, 0, 2 * Math.PI);
		double rotation = Math.toRadians(s.backgroundRotationDegrees()) * (backgroundRandom.nextBoolean() ? 1 : -1);
		double spread = Math.toRadians(15);
		BackgroundModel b340 = new BackgroundModel(s.background340Counts(), s.backgroundGradientFraction(), s
			.backgroundBowlFraction(), angle + Noise.uniform(backgroundRandom, -spread, spread), rotation, s
				.backgroundDriftFraction(), w, h, frames);
		BackgroundModel b380 = new BackgroundModel(s.background380Counts(), s.backgroundGradientFraction(), s
			.backgroundBowlFraction(), angle + Noise.uniform(backgroundRandom, -spread, spread), rotation, s
				.backgroundDriftFraction(), w, h, frames);

		BackgroundField field = new BackgroundField(s, b340, b380);

		double kd = s.kdMillimolar();
		io.github.magratio.core.Calibration cal = new io.github.magratio.core.Calibration(kd, s.excitation340Free() / s
			.excitation380Free(), s.excitation340Bound() / s.excitation380Bound(), s.excitation380Free() / s
				.excitation380Bound());

		// Dye map: brightness scale * illumination * loading * profile, 0 outside cells (moving cells: redone per frame).
		double[] dye = dyeMap(s, labels, cells);

		double[][] mg = new double[n][frames];
		double tau = GroundTruth.bleachTauSeconds(s);
		ImageStack stack = new ImageStack(w, h);
		double[] bg340 = new double[w * h], bg380 = new double[w * h], cell340 = new double[w * h],
			cell380 = new double[w * h];
		double[] mix340 = new double[n + 1], mix380 = new double[n + 1];
		double[] snr380 = new double[n + 1];
		for (int f = 0; f < frames; f++) {
			double t = f * dt;
			double bleach = Math.exp(-t / tau);
			for (int c = 1; c <= n; c++) {
				double bound = boundFraction(s, cells.get(c - 1).course, t);
				mg[c - 1][f] = bound >= 1 ? Double.POSITIVE_INFINITY : kd * bound / (1 - bound);
				mix340[c] = bleach * (s.excitation340Free() * (1 - bound) + s.excitation340Bound() * bound);
				mix380[c] = bleach * (s.excitation380Free() * (1 - bound) + s.excitation380Bound() * bound);
			}
			short[] frameLabel = labels;
			if (motion != null) {
				List<CellModel> now = motion.at(f, wander(s));
				frameLabel = f == 0 ? labels : CellLayout.paint(now, w, h);
				frameLabels[f] = frameLabel;
				List<CellModel> byId = new ArrayList<>(Collections.nCopies(n, (CellModel) null));
				for (CellModel c : now)
					byId.set(c.id - 1, c);
				dye = dyeMap(s, frameLabel, byId);
			}
			for (int i = 0; i < dye.length; i++) {
				int l = frameLabel[i] & 0xffff;
				cell340[i] = dye[i] * mix340[l];
				cell380[i] = dye[i] * mix380[l];
			}
			// the camera sees cells and background through the same optics: blur (if any) acts on their sum
			field.plane(true, f, bleach, cell340, bg340);
			field.plane(false, f, bleach, cell380, bg380);
			if (f == 0) signalToNoise(s, field, labels, bg380, snr380);
			SplittableRandom frameRandom = noiseRandom.split();
			stack.addSlice("340 nm t=" + format(t) + " s", plane(s, bg340, frameRandom));
			stack.addSlice("380 nm t=" + format(t) + " s", plane(s, bg380, frameRandom));
		}

		ImagePlus imp = new ImagePlus(s.name(), stack);
		imp.setDimensions(2, 1, frames);
		imp.setOpenAsHyperStack(true);
		Calibration c = imp.getCalibration();
		c.frameInterval = dt;
		c.fps = 1 / dt;
		c.setTimeUnit("sec");
		imp.setProperty("Info", "MagRatio synthetic Mag-Fura-2 recording\nchannel 1 = 340 nm, channel 2 = 380 nm\n" +
			"seed = " + s.seed() + "\nKd = " + kd + " mM, Rmin = " + cal.rmin() + ", Rmax = " + cal.rmax() +
			", beta = " + cal.beta() + "\n" + "noise = " + s.noise() + "\n");
		int[] parents = new int[n + 1];
		if (motion != null) for (int id = 1; id <= n; id++)
			parents[id] = motion.parent(id);
		GroundTruth truth = new GroundTruth(s, labels, cells, mg, cal, field, tau, snr380, frameLabels, parents);
		return new SyntheticRecording(imp, truth);
	}

	/** @return the dye map: brightness scale * illumination * loading * profile, 0 outside cells */
	private static double[] dyeMap(SynthSettings s, short[] labels, List<CellModel> cellsById) {
		int w = s.width(), h = s.height();
		double scale = s.cellBrightness380Counts() / s.excitation380Free();
		double[] dye = new double[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int l = labels[y * w + x] & 0xffff;
				if (l == 0) continue;
				CellModel c = cellsById.get(l - 1);
				dye[y * w + x] = scale * GroundTruth.illumination(s, x, y) * c.loading * c.profile(x, y);
			}
		return dye;
	}

	private static double wander(SynthSettings s) {
		return s.get(SynthSettings.WANDER);
	}

	/** @return the random stream of cell motion for a seed (the sixth split of the root) */
	static SplittableRandom motionRandom(long seed) {
		SplittableRandom root = new SplittableRandom(seed);
		for (int i = 0; i < 5; i++)
			root.split();
		return root.split();
	}

	/** @return the random stream of the background texture and blobs for a seed (the fifth split of the root) */
	static SplittableRandom fieldRandom(long seed) {
		SplittableRandom root = new SplittableRandom(seed);
		for (int i = 0; i < 4; i++)
			root.split();
		return root.split();
	}

	/**
	 * Each cell's first-frame F380 signal-to-noise ratio: its mean expected F380 above the background over its label
	 * pixels, divided by the background's noise SD per pixel there (shot noise of the background and read noise).
	 *
	 * @param recorded the first frame's expected 380 nm plane above offset (cells and background, blurred)
	 */
	private static void signalToNoise(SynthSettings s, BackgroundField field, short[] labels, double[] recorded,
		double[] snr)
	{
		int n = snr.length - 1;
		double[] background = new double[recorded.length];
		field.plane(false, 0, 1, null, background);
		double[] signal = new double[n + 1], variance = new double[n + 1];
		int[] count = new int[n + 1];
		double gain = s.gainCountsPerElectron(), read = s.readNoiseCounts();
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i] & 0xffff;
			if (l == 0) continue;
			signal[l] += recorded[i] - background[i];
			variance[l] += Math.max(0, background[i]) * gain + read * read;
			count[l]++;
		}
		for (int l = 1; l <= n; l++)
			snr[l] = count[l] == 0 ? Double.NaN : signal[l] / count[l] / Math.sqrt(variance[l] / count[l]);
	}

	/**
	 * Bound fraction of the dye of a cell at time t (s): the cell's own course, or during the in-situ calibration
	 * phases an exponential approach (time constant {@link SynthSettings#ionophoreTauSeconds()}) to 0 (Mg-free) or 1
	 * (saturating), starting from the value at the start of the phase.
	 */
	static double boundFraction(SynthSettings s, MgCourse course, double t) {
		double kd = s.kdMillimolar(), dt = s.frameIntervalSeconds(), tau = s.ionophoreTauSeconds();
		int zero = s.zeroMgFromFrame(), sat = s.saturatingFromFrame();
		if (sat >= 0 && t >= sat * dt) {
			double f0 = boundFraction(s, course, sat * dt - 1e-9 * dt);
			return tau == 0 ? 1 : 1 - (1 - f0) * Math.exp(-(t - sat * dt) / tau);
		}
		if (zero >= 0 && t >= zero * dt) {
			double m0 = course.millimolar(zero * dt);
			double m = tau == 0 ? 0 : m0 * Math.exp(-(t - zero * dt) / tau);
			return m / (m + kd);
		}
		double m = course.millimolar(t);
		return m / (m + kd);
	}

	private static String format(double v) {
		return String.format(Locale.ROOT, "%.3f", v);
	}

	/** Draws each cell's loading, nucleus position and [Mg2+] course, in id order. */
	private static List<CellModel> withLoadingAndCourses(List<CellModel> placed, SplittableRandom r,
		SynthSettings s)
	{
		int n = placed.size();
		List<MgCourse.Kind> kinds = new ArrayList<>();
		int steps = (int) Math.round(n / 3.0), drifts = (int) Math.round(n * 0.2), transients = (int) Math.round(n *
			0.2);
		for (int i = 0; i < n; i++)
			kinds.add(i < steps ? MgCourse.Kind.STEP : i < steps + drifts ? MgCourse.Kind.DRIFT : i < steps + drifts +
				transients ? MgCourse.Kind.TRANSIENT : MgCourse.Kind.CONSTANT);
		for (int i = n - 1; i > 0; i--)
			Collections.swap(kinds, i, r.nextInt(i + 1));
		List<CellModel> out = new ArrayList<>();
		double lo = s.get(SynthSettings.LOADING_MIN), hi = s.get(SynthSettings.LOADING_MAX);
		double[] evenLoadings = null;
		if (SynthSettings.LOG_UNIFORM.equals(s.get(SynthSettings.LOADING_DISTRIBUTION))) {
			evenLoadings = new double[n];
			for (int i = 0; i < n; i++)
				evenLoadings[i] = n == 1 ? Math.sqrt(lo * hi) : lo * Math.pow(hi / lo, i / (double) (n - 1));
			for (int i = n - 1; i > 0; i--) {
				int j = r.nextInt(i + 1);
				double tmp = evenLoadings[i];
				evenLoadings[i] = evenLoadings[j];
				evenLoadings[j] = tmp;
			}
		}
		for (int i = 0; i < n; i++) {
			CellModel p = placed.get(i);
			double loading = evenLoadings != null ? evenLoadings[i] : s.loadingSigma() == 0 ? 1 : Noise.lognormalIn(r, s
				.loadingSigma(), lo, hi);
			double nr = 0.35 * Math.sqrt(r.nextDouble()), na = Noise.uniform(r, 0, 2 * Math.PI);
			MgCourse course = MgCourse.random(kinds.get(i), r, s.frames(), s.frameIntervalSeconds(), s
				.mgMaxRiseMillimolarPerSecond());
			if (!Double.isNaN(s.clampMgMillimolar())) course = MgCourse.constant(s.clampMgMillimolar());
			out.add(p.with(loading, nr * Math.cos(na), nr * Math.sin(na), course));
		}
		return out;
	}

	/**
	 * One channel of one frame from its expected counts above offset (cells and background): the offset added, then
	 * (optionally) shot and read noise, rounding and clipping.
	 */
	private static ImageProcessor plane(SynthSettings s, double[] expectedAboveOffset, SplittableRandom r) {
		int w = s.width(), h = s.height();
		double offset = s.cameraOffsetCounts();
		if (!s.noise()) {
			float[] px = new float[w * h];
			for (int i = 0; i < px.length; i++)
				px[i] = (float) (offset + expectedAboveOffset[i]);
			return new FloatProcessor(w, h, px);
		}
		short[] px = new short[w * h];
		double gain = s.gainCountsPerElectron(), read = s.readNoiseCounts(), sat = s.saturationCounts();
		for (int i = 0; i < px.length; i++) {
			double expected = expectedAboveOffset[i];
			double counts = Noise.poisson(r, Math.max(0, expected) / gain) * gain + offset;
			if (read > 0) counts += read * Noise.gaussian(r);
			px[i] = (short) Math.max(0, Math.min(sat, Math.rint(counts)));
		}
		return new ShortProcessor(w, h, px, null);
	}

	/**
	 * @return the recording: a hyperstack with C = 2 (channel 1 = 340 nm, channel 2 = 380 nm), Z = 1, T = frames;
	 *         16-bit counts with noise, 32-bit float expected counts without; frame interval in seconds in its
	 *         calibration. This is the recording's own instance, not a copy: do not modify it.
	 */
	public ImagePlus imagePlus() {
		return imp;
	}

	/** @return the exact ground truth */
	public GroundTruth truth() {
		return truth;
	}

	/**
	 * Writes the recording and its truth atomically into {@code dir} (created if needed):
	 * <ul>
	 * <li>{@code name.tif}: the ImageJ hyperstack TIFF;</li>
	 * <li>{@code name-labels.tif}: 16-bit labels, 0 background, 1..n cell id;</li>
	 * <li>{@code name-truth.csv}: columns {@code cell,frame,time_s,x_px,y_px,mg_mM} (frame 0-based, centroid in
	 * pixels);</li>
	 * <li>{@code name-calibration.json}: the true calibration, method {@value GroundTruth#CALIBRATION_METHOD};</li>
	 * <li>{@code name-truth.json}: settings, seed, cells (centroid, area, loading, ellipse, course), touching pairs
	 * and the constants of the model.</li>
	 * </ul>
	 *
	 * @return the files written, in the order above
	 * @throws IllegalArgumentException when {@code name} is empty or contains a path separator
	 * @throws IOException when a file cannot be written
	 */
	public List<Path> write(Path dir, String name) throws IOException {
		if (name == null || name.trim().isEmpty() || name.contains("/") || name.contains("\\"))
			throw new IllegalArgumentException("name must be a non-empty file name without path separators, got '" +
				name + "'");
		byte[] tif = new FileSaver(imp).serialize();
		if (tif == null) throw new IOException("ImageJ could not encode the recording " + name + ".tif");
		AtomicFiles.writeBytes(dir.resolve(name + ".tif"), out -> out.write(tif));
		truth.write(dir, name);
		return files(dir, name);
	}

	/** @return the files {@link #write} writes for {@code name} in {@code dir}, in the order there */
	public static List<Path> files(Path dir, String name) {
		List<Path> files = new ArrayList<>();
		for (String suffix : new String[] { ".tif", "-labels.tif", "-truth.csv", "-calibration.json",
			"-truth.json" })
			files.add(dir.resolve(name + suffix));
		return files;
	}
}
