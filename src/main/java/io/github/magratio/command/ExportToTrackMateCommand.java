package io.github.magratio.command;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;
import io.github.magratio.core.LabelPlanes;
import io.github.magratio.core.Labels;
import io.github.magratio.trackmate.TrackMateExport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Tools &gt; Export to TrackMate: a label image (a cell mask, or a T-stack of cells per
 * frame such as a run's labels.tif; 0 = background, the same id = the same cell) as a TrackMate file: one spot per
 * cell and frame with its outline, one track per id over the frames it is in, in the image's spatial calibration.
 * Measurements are not known here (a run's own tracks.xml has them): the spots carry geometry only.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Tools>Export to TrackMate")
public class ExportToTrackMateCommand extends MagRatioCommand {

	/** Title of the open label image (8- or 16-bit; time in T, or one plane). */
	@Parameter(label = "Label image", description = "Title of the label image (0 = background; time in T)")
	private String labels;

	/** The TrackMate XML file to write (refused if it exists, unless overwrite). */
	@Parameter(label = "TrackMate file", description = "TrackMate XML to write", style = "save, extensions:xml")
	private File tracks;

	/** Replace an existing file. */
	@Parameter(label = "Overwrite", description = "Replace an existing file of that name")
	private boolean overwrite = false;

	/** Number of spots (cell-frames) written. */
	@Parameter(type = ItemIO.OUTPUT, label = "Spots")
	private int spots;

	@Override
	protected void execute() throws IOException {
		ImagePlus imp = image("labels", labels);
		if (tracks == null) throw new IllegalArgumentException("tracks: no file given");
		if (Files.exists(tracks.toPath()) && !overwrite) throw new IllegalArgumentException("tracks: " + tracks +
			" exists; " + HOW_TO_OVERWRITE);
		if (imp.getBitDepth() != 8 && imp.getBitDepth() != 16) throw new IllegalArgumentException("labels: '" + imp
			.getTitle() + "' is " + imp.getBitDepth() + "-bit; a label image is 8- or 16-bit");
		if (imp.getNChannels() != 1 || imp.getNSlices() != 1) throw new IllegalArgumentException("labels: '" + imp
			.getTitle() + "' has " + imp.getNChannels() + " channels and " + imp.getNSlices() + " slices; a label " +
			"image has one of each, time in T (Image > Hyperstacks > Re-order to move Z to T)");
		int w = imp.getWidth(), h = imp.getHeight(), frames = imp.getNFrames(), n = 0;
		LabelPlanes planes = new LabelPlanes(w, h);
		int[][] all = new int[frames][];
		for (int t = 0; t < frames; t++) {
			ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(1, 1, t + 1));
			int[] p = new int[w * h];
			for (int i = 0; i < p.length; i++)
				n = Math.max(n, p[i] = ip.get(i));
			all[t] = p;
		}
		if (n == 0) throw new IllegalArgumentException("labels: '" + imp.getTitle() + "' has no cell (all 0)");
		int[] start = new int[n + 1], end = new int[n + 1];
		java.util.Arrays.fill(start, -1);
		CellTable table = new CellTable(n, frames);
		for (int t = 0; t < frames; t++) {
			planes.add(all[t]);
			Labels l = Labels.withIds(all[t], w, h, n);
			for (int c = 1; c <= n; c++)
				if (l.area(c) > 0) {
					if (start[c] < 0) start[c] = t;
					end[c] = t;
				}
		}
		// ids missing from every frame get an empty span at frame 0 (no spot, no track)
		for (int c = 1; c <= n; c++)
			if (start[c] < 0) start[c] = end[c] = 0;
		CellTracks cellTracks = new CellTracks(start, end, new int[n + 1][], null);
		ij.measure.Calibration cal = imp.getCalibration();
		boolean calibrated = cal.scaled() && cal.pixelWidth == cal.pixelHeight;
		double interval = cal.frameInterval > 0 ? cal.frameInterval : 1;
		double[] times = new double[frames];
		for (int t = 0; t < frames; t++)
			times[t] = t * interval;
		spots = TrackMateExport.write(tracks.toPath(), "Exported by MagRatio from the label image '" + imp.getTitle() +
			"'", table, cellTracks, null, planes, w, h, times, interval, calibrated ? cal.pixelWidth : 1, calibrated ? cal
				.getUnit() : "pixel", "sec", null);
	}
}
