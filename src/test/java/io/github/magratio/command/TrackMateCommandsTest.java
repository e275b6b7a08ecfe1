package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.trackmate.TrackMateModel;
import io.github.magratio.trackmate.TrackMateXml;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * Export to TrackMate and Measure TrackMate Tracks through the CommandService, by their macro keys: the truth labels
 * of a moving synthetic recording (a T-stack) become one spot per cell and frame and one track per cell; measuring
 * along that file gives one row per spot, with the cells' true [Mg2+].
 */
class TrackMateCommandsTest {

	@TempDir
	static Path dir;
	static Context context;
	static CommandService commands;
	static SyntheticRecording synth;

	@BeforeAll
	static void setUp() throws Exception {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ImageRegistry.class, LogService.class);
		commands = context.service(CommandService.class);
		synth = SyntheticRecording.generate(SynthSettings.builder().width(96).height(80).frames(8).cells(6).set(
			SynthSettings.DRIFT, 1.0).cellGapPixels(6).seed(7).build());
		synth.write(dir, "rec");
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	static CommandModule run(Class<? extends Command> c, Object... kv) throws Exception {
		Map<String, Object> in = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			in.put((String) kv[i], kv[i + 1]);
		return commands.run(c, true, in).get();
	}

	@Test
	void exportTruthLabelsThenMeasureAlongThem() throws Exception {
		ImagePlus labels = IJ.openImage(dir.resolve("rec-labels.tif").toString());
		labels.setTitle("truth-labels");
		context.service(ImageRegistry.class).put(labels);
		Path xml = dir.resolve("truth.xml");
		CommandModule e = run(ExportToTrackMateCommand.class, "labels", "truth-labels", "tracks", xml.toFile(),
			"overwrite", false);
		assertFalse(e.isCanceled(), e.getCancelReason());
		int cellFrames = 0, cells = synth.truth().cellCount();
		java.util.Set<Integer> present = new java.util.HashSet<>();
		for (int t = 0; t < 8; t++) {
			java.util.Set<Integer> ids = new java.util.HashSet<>();
			for (short v : synth.truth().labels(t))
				if (v != 0) ids.add(v & 0xffff);
			cellFrames += ids.size();
			present.addAll(ids);
		}
		assertEquals(cellFrames, (int) (Integer) e.getOutput("spots"));
		TrackMateModel m = TrackMateXml.read(xml);
		assertEquals(cellFrames, m.spots.size());
		int multi = 0;
		for (int c : present) {
			int frames = 0;
			for (int t = 0; t < 8; t++)
				for (short v : synth.truth().labels(t))
					if ((v & 0xffff) == c) {
						frames++;
						break;
					}
			if (frames > 1) multi++;
		}
		assertEquals(multi, m.tracks.size(), "one track per cell seen in two or more frames");
		// refused a second time without overwrite
		assertTrue(run(ExportToTrackMateCommand.class, "labels", "truth-labels", "tracks", xml.toFile(), "overwrite",
			false).isCanceled());

		CommandModule r = run(MeasureTrackMateTracksCommand.class, "input", dir.resolve("rec.tif").toFile(), "tracks", xml
			.toFile(), "output", dir.resolve("out").toFile(), "calibration", dir.resolve("rec-calibration.json").toFile(),
			"settings", "", "overwrite", false);
		assertFalse(r.isCanceled(), r.getCancelReason());
		Path folder = Path.of((String) r.getOutput("folder"));
		io.github.magratio.util.Csv.Table t = io.github.magratio.util.Csv.read(folder.resolve("cells.csv"));
		assertEquals(cellFrames, t.rows().size());
		int cTrack = t.requireColumn("trackmate_track_id"), cFrame = t.requireColumn("frame"), cMg = t.requireColumn(
			"mg_mM"), cArea = t.requireColumn("area_px");
		java.util.List<Double> errors = new java.util.ArrayList<>();
		for (int i = 0; i < t.rows().size(); i++) {
			int track = (int) t.number(i, cTrack);
			if (track < 0 || t.number(i, cArea) < 30) continue; // a lone spot, or a sliver at the border
			double truth = synth.truth().mgMillimolar(track, (int) t.number(i, cFrame));
			errors.add(Math.abs(t.number(i, cMg) - truth) / truth);
		}
		java.util.Collections.sort(errors);
		assertTrue(errors.size() > cellFrames / 2);
		assertTrue(errors.get(errors.size() / 2) < 0.01, "median [Mg2+] error " + errors.get(errors.size() / 2));
		assertTrue(Files.isRegularFile(folder.resolve("tracks.xml")));
	}
}
