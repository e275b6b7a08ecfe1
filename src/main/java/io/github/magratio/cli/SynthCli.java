package io.github.magratio.cli;

import io.github.magratio.core.Calibration;
import io.github.magratio.synth.GroundTruth;
import io.github.magratio.synth.SynthParam;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio synth}: writes a synthetic Mag-Fura-2 recording with its ground truth (see
 * {@link SyntheticRecording}). Its options are derived from {@link SynthSettings#PARAMS} (one option per parameter
 * that declares one, with the parameter's description, unit and range), plus {@code --preset}, {@code --rmin},
 * {@code --rmax} and {@code --beta} (which set the four excitation coefficients together). Invalid settings throw an
 * {@link IllegalArgumentException} naming the option, which {@link Main} maps to exit code 2.
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

	@Option(names = "--preset", defaultValue = "default", paramLabel = "NAME", description = "Start from a preset: " +
		"default; crowded (10x loading spread, clusters of 3-5 touching cells, textured background, blur); hard " +
		"(crowded plus lobed outlines and out-of-focus blobs). Options given override it (default ${DEFAULT-VALUE}).")
	String preset;

	@Option(names = "--overwrite", description = "Replace files of the same name in --out if it exists (default: refuse).")
	boolean overwrite;

	@Option(names = "--rmin", paramLabel = "R", description = "True Rmin = e340free/e380free, dimensionless " +
		"(default 0.4).")
	Double rmin;

	@Option(names = "--rmax", paramLabel = "R", description = "True Rmax = e340bound/e380bound, dimensionless " +
		"(default 4.0).")
	Double rmax;

	@Option(names = "--beta", paramLabel = "B", description = "True beta = e380free/e380bound, dimensionless " +
		"(default 3.0).")
	Double beta;

	/** @return the {@code synth} command with one option per declared synthetic-recording parameter */
	static CommandLine commandLine() {
		CommandSpec spec = CommandSpec.forAnnotatedObject(new SynthCli());
		for (SynthParam<?> p : SynthSettings.PARAMS) {
			if (p.option() == null) continue;
			String range = p.range().isEmpty() ? "" : ", " + p.range();
			OptionSpec.Builder o = OptionSpec.builder(p.option()).description(p.description() + " (default " + p
				.defaultValue() + range + ").").paramLabel(p.paramLabel());
			if (p.type() == Boolean.class) o.type(boolean.class).negatable(true).arity("0..1");
			else o.type(String.class);
			spec.addOption(o.build());
		}
		return new CommandLine(spec);
	}

	/** Generates and writes the recording; prints each file written. */
	@Override
	public Integer call() throws IOException {
		SynthSettings s;
		SyntheticRecording rec;
		SynthSettings.Builder b = SynthSettings.preset(preset);
		for (SynthParam<?> p : SynthSettings.PARAMS) {
			if (p.option() == null) continue;
			OptionSpec o = spec.findOption(p.option());
			if (o == null || !spec.commandLine().getParseResult().hasMatchedOption(o)) continue;
			setFrom(b, p, o);
		}
		String name;
		try {
			if (rmin != null || rmax != null || beta != null) b.spectraFor(rmin == null ? 0.4 : rmin, rmax == null ? 4.0
				: rmax, beta == null ? 3.0 : beta);
			s = b.build();
			name = s.name();
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

	private static <T> void setFrom(SynthSettings.Builder b, SynthParam<T> p, OptionSpec o) {
		Object v = o.getValue();
		try {
			b.set(p, p.type() == Boolean.class ? p.type().cast(v) : p.parse((String) v));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(p.option() + ": " + e.getMessage(), e);
		}
	}

	/** The option of the parameter whose JSON key starts the message, e.g. "--frame-interval: ". */
	private static String optionFor(String message) {
		if (message == null) return "";
		for (SynthParam<?> p : SynthSettings.PARAMS)
			if (p.option() != null && message.startsWith(p.key() + " ")) return p.option() + ": ";
		if (message.startsWith("excitation coefficients")) return "--rmin/--rmax/--beta: ";
		if (message.startsWith("cannot place") || message.startsWith("width x height")) return "--cells/--width/" +
			"--height: ";
		if (message.startsWith("recording too large")) return "--width/--height/--frames: ";
		return "";
	}
}
