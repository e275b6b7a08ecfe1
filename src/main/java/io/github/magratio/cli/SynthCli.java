package io.github.magratio.cli;

import io.github.magratio.core.Calibration;
import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio synth}: writes a synthetic Mag-Fura-2 recording with its ground truth (see
 * {@link SyntheticRecording}). Invalid settings throw an {@link IllegalArgumentException} naming the option, which
 * {@link Main} maps to exit code 2.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, description = {
	"Write a synthetic ratiometric Mag-Fura-2 recording (340/380 nm hyperstack TIFF) with exact ground truth: " +
		"labels, per-cell free [Mg2+] per frame, the true calibration and the model constants.",
	"Files: NAME.tif, NAME-labels.tif, NAME-truth.csv, NAME-calibration.json, NAME-truth.json." })
public final class SynthCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
	Path out;

	@Option(names = "--overwrite", description = "Replace files of the same name in --out if it exists (default: refuse).")
	boolean overwrite;

	@Option(names = "--seed", defaultValue = "" + SynthSettings.DEFAULT_SEED, paramLabel = "N",
		description = "Random seed; the same seed gives identical files (default ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--name", defaultValue = SynthSettings.DEFAULT_NAME,
		description = "Base name of the files and image title (default ${DEFAULT-VALUE}).")
	String name;

	@Option(names = "--width", defaultValue = "" + SynthSettings.DEFAULT_WIDTH, paramLabel = "PX",
		description = "Image width in pixels (default ${DEFAULT-VALUE}).")
	int width;

	@Option(names = "--height", defaultValue = "" + SynthSettings.DEFAULT_HEIGHT, paramLabel = "PX",
		description = "Image height in pixels (default ${DEFAULT-VALUE}).")
	int height;

	@Option(names = "--frames", defaultValue = "" + SynthSettings.DEFAULT_FRAMES, paramLabel = "N",
		description = "Number of time points (default ${DEFAULT-VALUE}).")
	int frames;

	@Option(names = "--cells", defaultValue = "" + SynthSettings.DEFAULT_CELLS, paramLabel = "N",
		description = "Number of cells, touching pairs included (default ${DEFAULT-VALUE}).")
	int cells;

	@Option(names = "--touching-pairs", defaultValue = "" + SynthSettings.DEFAULT_TOUCHING_PAIRS, paramLabel = "N",
		description = "Number of deliberately touching cell pairs (default ${DEFAULT-VALUE}).")
	int touchingPairs;

	@Option(names = "--frame-interval", defaultValue = "" + SynthSettings.DEFAULT_FRAME_INTERVAL_SECONDS,
		paramLabel = "S", description = "Time between frames in seconds (default ${DEFAULT-VALUE}).")
	double frameIntervalSeconds;

	@Option(names = "--kd", defaultValue = "" + SynthSettings.DEFAULT_KD_MILLIMOLAR, paramLabel = "MM",
		description = "True Kd of dye and Mg2+ in mM (default ${DEFAULT-VALUE}; deliberately not the 1.9 mM " +
			"analysis default).")
	double kdMillimolar;

	@Option(names = "--rmin", defaultValue = "0.4", paramLabel = "R",
		description = "True Rmin = e340free/e380free, dimensionless (default ${DEFAULT-VALUE}).")
	double rmin;

	@Option(names = "--rmax", defaultValue = "4.0", paramLabel = "R",
		description = "True Rmax = e340bound/e380bound, dimensionless (default ${DEFAULT-VALUE}).")
	double rmax;

	@Option(names = "--beta", defaultValue = "3.0", paramLabel = "B",
		description = "True beta = e380free/e380bound, dimensionless (default ${DEFAULT-VALUE}).")
	double beta;

	@Option(names = "--brightness", defaultValue = "" + SynthSettings.DEFAULT_CELL_BRIGHTNESS_380_COUNTS,
		paramLabel = "COUNTS", description = "F380 above background of Mg-free dye at unit loading, image centre, " +
			"first frame, in counts (default ${DEFAULT-VALUE}).")
	double brightnessCounts;

	@Option(names = "--bleach", defaultValue = "" + SynthSettings.DEFAULT_BLEACH_FRACTION, paramLabel = "FRACTION",
		description = "Fraction of dye bleached by the last frame, 0..0.9 (default ${DEFAULT-VALUE}).")
	double bleachFraction;

	@Option(names = "--offset", defaultValue = "" + SynthSettings.DEFAULT_CAMERA_OFFSET_COUNTS, paramLabel = "COUNTS",
		description = "Camera dark offset in counts (default ${DEFAULT-VALUE}).")
	double offsetCounts;

	@Option(names = "--background-340", defaultValue = "" + SynthSettings.DEFAULT_BACKGROUND_340_COUNTS,
		paramLabel = "COUNTS", description = "340 nm background above offset at the image centre, first frame, in " +
			"counts (default ${DEFAULT-VALUE}).")
	double background340Counts;

	@Option(names = "--background-380", defaultValue = "" + SynthSettings.DEFAULT_BACKGROUND_380_COUNTS,
		paramLabel = "COUNTS", description = "380 nm background above offset at the image centre, first frame, in " +
			"counts (default ${DEFAULT-VALUE}).")
	double background380Counts;

	@Option(names = "--read-noise", defaultValue = "" + SynthSettings.DEFAULT_READ_NOISE_COUNTS,
		paramLabel = "COUNTS", description = "Gaussian read noise SD in counts (default ${DEFAULT-VALUE}).")
	double readNoiseCounts;

	@Option(names = "--gain", defaultValue = "" + SynthSettings.DEFAULT_GAIN_COUNTS_PER_ELECTRON,
		paramLabel = "COUNTS_PER_E", description = "Camera gain in counts per photo-electron (default " +
			"${DEFAULT-VALUE}).")
	double gainCountsPerElectron;

	@Option(names = "--saturation", defaultValue = "" + SynthSettings.DEFAULT_SATURATION_COUNTS,
		paramLabel = "COUNTS", description = "Saturation level in counts, at most 65535 (default ${DEFAULT-VALUE}).")
	int saturationCounts;

	@Option(names = "--no-noise", description = "Write the exact expected counts as 32-bit float (no shot noise, " +
		"read noise, rounding or clipping).")
	boolean noNoise;

	/** Builder parameter names mapped to the options that set them, for error messages. */
	private static final Map<String, String> OPTION_OF = new LinkedHashMap<>();
	static {
		OPTION_OF.put("width", "--width");
		OPTION_OF.put("height", "--height");
		OPTION_OF.put("frames", "--frames");
		OPTION_OF.put("cells", "--cells");
		OPTION_OF.put("touchingPairs", "--touching-pairs");
		OPTION_OF.put("name", "--name");
		OPTION_OF.put("frameIntervalSeconds", "--frame-interval");
		OPTION_OF.put("kdMillimolar", "--kd");
		OPTION_OF.put("beta", "--beta");
		OPTION_OF.put("excitation340Free", "--rmin");
		OPTION_OF.put("excitation340Bound", "--rmax");
		OPTION_OF.put("excitation380Bound", "--beta");
		OPTION_OF.put("excitationCoefficients", "--rmin/--rmax");
		OPTION_OF.put("cellBrightness380Counts", "--brightness");
		OPTION_OF.put("bleachFraction", "--bleach");
		OPTION_OF.put("cameraOffsetCounts", "--offset");
		OPTION_OF.put("background340Counts", "--background-340");
		OPTION_OF.put("background380Counts", "--background-380");
		OPTION_OF.put("readNoiseCounts", "--read-noise");
		OPTION_OF.put("gainCountsPerElectron", "--gain");
		OPTION_OF.put("saturationCounts", "--saturation");
		OPTION_OF.put("cannot place", "--cells/--width/--height");
		OPTION_OF.put("recording too large", "--width/--height/--frames");
	}

	/** Generates and writes the recording; prints each file written. */
	@Override
	public Integer call() throws IOException {
		SynthSettings s;
		SyntheticRecording rec;
		try {
			s = SynthSettings.builder().seed(seed).name(name).width(width).height(height).frames(frames).cells(cells)
				.touchingPairs(touchingPairs).frameIntervalSeconds(frameIntervalSeconds).kdMillimolar(kdMillimolar)
				.spectraFor(rmin, rmax, beta).cellBrightness380Counts(brightnessCounts).bleachFraction(bleachFraction)
				.cameraOffsetCounts(offsetCounts).background340Counts(background340Counts).background380Counts(
					background380Counts).readNoiseCounts(readNoiseCounts).gainCountsPerElectron(gainCountsPerElectron)
				.saturationCounts(saturationCounts).noise(!noNoise).build();
			rec = SyntheticRecording.generate(s);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(optionFor(e.getMessage()) + e.getMessage(), e);
		}
		for (Path p : SyntheticRecording.files(out, name))
			io.github.magratio.util.AtomicFiles.refuseExisting("--out", p, overwrite, "pass --overwrite");
		List<Path> files = rec.write(out, name);
		PrintWriter w = spec.commandLine().getOut();
		GroundTruth t = rec.truth();
		Calibration c = t.calibration();
		w.printf(Locale.ROOT, "synthetic recording: %d x %d px, %d frames every %s s, %d cells, %d touching pairs, " +
			"seed %d%n", s.width(), s.height(), s.frames(), s.frameIntervalSeconds(), t.cellCount(), t.touchingPairs()
				.size(), s.seed());
		w.printf(Locale.ROOT, "true calibration: Kd %s mM, Rmin %.6g, Rmax %.6g, beta %.6g%n", c.kdMillimolar(), c
			.rmin(), c.rmax(), c.beta());
		for (Path p : files)
			w.printf(Locale.ROOT, "wrote %s (%d bytes)%n", p, Files.size(p));
		w.flush();
		return 0;
	}

	private static String optionFor(String message) {
		if (message == null) return "";
		for (Map.Entry<String, String> e : OPTION_OF.entrySet())
			if (message.startsWith(e.getKey() + " ") || message.startsWith(e.getKey() + ":")) return e.getValue() + ": ";
		return "";
	}
}
