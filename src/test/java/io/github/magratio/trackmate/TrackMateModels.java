package io.github.magratio.trackmate;

import io.github.magratio.core.CellTable;
import io.github.magratio.core.CellTracks;
import io.github.magratio.core.LabelPlanes;
import io.github.magratio.core.Labels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

/**
 * A run's TrackMate model in memory, from the spots and tracks {@link TrackMateExport#write} streams (about 2 kB a
 * spot): what the tests compare the streamed file with ({@link TrackMateXml#write} of it) and inspect. Not in the
 * production code, where only the streamed export is used.
 */
final class TrackMateModels {

	private TrackMateModels() {}

	/** @return the model of the file {@link TrackMateExport#write} writes with the same arguments */
	static TrackMateModel of(CellTable table, CellTracks tracks, Labels staticLabels, LabelPlanes perFrame, int width,
		int height, double[] times, double frameInterval, double pixelSize, String spatialUnits, String timeUnits,
		Path recording)
	{
		TrackMateExport.Run run = new TrackMateExport.Run(table, tracks, staticLabels, perFrame, width, height, times,
			frameInterval, pixelSize, recording);
		List<TrackMateModel.Spot> spots = new ArrayList<>();
		List<TrackMateModel.Track> list = new ArrayList<>();
		List<Integer> ids = new ArrayList<>();
		try {
			run.spots((id, t, x, y, radius, name, rx, ry, f) -> spots.add(new TrackMateModel.Spot(id, t, x, y, radius,
				name, rx, ry, f)));
			run.tracks((id, name, distinct, edges) -> {
				list.add(new TrackMateModel.Track(id, name, edges));
				ids.add(id);
			});
		} catch (XMLStreamException e) {
			throw new AssertionError("collecting in memory writes no XML", e);
		}
		return new TrackMateModel(TrackMateXml.WRITTEN_VERSION, spatialUnits, timeUnits, TrackMateExport.declared(),
			spots, list, ids, run.image());
	}
}
