package io.github.magratio.command;

import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.AtomicFiles;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Tools &gt; Generate Synthetic Recording: a 16-bit 2-channel Mag-Fura-2 recording with
 * known cells and [Mg2+] (background, vignetting, bleaching and camera noise included), titled {@code name}; with a
 * {@code folder}, also writes the recording, its labels, truth tables and the exact calibration file
 * ({@code name-calibration.json}) there.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Tools>Generate Synthetic Recording")
public class GenerateSyntheticCommand extends MagRatioCommand {

	/** Image width, px. */
	@Parameter(label = "Width (px)", description = "Image width, pixels", min = "16")
	private int width = SynthSettings.WIDTH.defaultValue();

	/** Image height, px. */
	@Parameter(label = "Height (px)", description = "Image height, pixels", min = "16")
	private int height = SynthSettings.HEIGHT.defaultValue();

	/** Number of time points. */
	@Parameter(label = "Frames", description = "Number of time points", min = "1")
	private int frames = SynthSettings.FRAMES.defaultValue();

	/** Number of cells. */
	@Parameter(label = "Cells", description = "Number of cells", min = "0")
	private int cells = SynthSettings.CELLS.defaultValue();

	/** Pairs of touching cells among them. */
	@Parameter(label = "Touching pairs", description = "How many pairs of cells touch (to test splitting)", min = "0")
	private int touching = SynthSettings.TOUCHING_PAIRS.defaultValue();

	/** Random seed: the same seed gives the same recording. */
	@Parameter(label = "Seed", description = "Random seed; the same seed gives the same recording")
	private long seed = SynthSettings.SEED.defaultValue();

	/** Title of the image and stem of the files. */
	@Parameter(label = "Name", description = "Image title and file name stem")
	private String name = SynthSettings.NAME.defaultValue();

	/** Folder to write the files to; empty = only open the image. */
	@Parameter(label = "Save to folder", description = "Folder for the recording, labels, truth and calibration " +
		"files (empty = do not save)", persist = false)
	private String folder = "";

	/** Replace files of the same name in the folder if it exists (default: refuse, so a macro never overwrites a result silently). */
	@Parameter(label = "Overwrite", description = "Replace files of the same name in the folder if it exists (default: refuse)")
	private boolean overwrite = false;

	/** The synthetic recording. */
	@Parameter(type = ItemIO.OUTPUT, label = "Recording")
	private ImagePlus recording;

	@Override
	protected void execute() throws IOException {
		SynthSettings s;
		try {
			s = SynthSettings.builder().width(width).height(height).frames(frames).cells(cells).touchingPairs(touching)
				.seed(seed).name(name).build();
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("settings: " + e.getMessage(), e);
		}
		SyntheticRecording syn = SyntheticRecording.generate(s);
		if (folder != null && !folder.trim().isEmpty()) {
			Path dir = Paths.get(folder.trim());
			for (Path p : SyntheticRecording.files(dir, name))
				AtomicFiles.refuseExisting("folder", p, overwrite, HOW_TO_OVERWRITE);
			Files.createDirectories(dir);
			syn.write(dir, name);
		}
		ImagePlus imp = syn.imagePlus();
		imp.setTitle(name);
		recording = output(imp);
	}
}
