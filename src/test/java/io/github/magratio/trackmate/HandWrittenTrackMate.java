package io.github.magratio.trackmate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds TrackMate XML text by hand, from the file format as TrackMate 7/8 saves it (root with version, a Log,
 * feature declarations, spots with TrackMate's own intensity features, tracks, filtered tracks, settings with detector,
 * tracker, filters and analyzers, GUI state and display settings), independently of MagRatio's writer. Tests change
 * pieces of it to make bad files.
 */
final class HandWrittenTrackMate {

	String version = "7.11.1";
	int width, height, frames;
	double pixel = 1;
	String imageDataExtra = "";
	final List<String> spots = new ArrayList<>();
	final List<String> tracks = new ArrayList<>();
	final List<Integer> filtered = new ArrayList<>();
	String doctype = "";

	HandWrittenTrackMate(int width, int height, int frames) {
		this.width = width;
		this.height = height;
		this.frames = frames;
	}

	/** A spot with an outline (vertices relative to its centre) or, when {@code rx} is null, only a radius. */
	HandWrittenTrackMate spot(int id, int frame, double x, double y, double radius, double[] rx, double[] ry) {
		StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<Spot ID=\"%d\" name=\"ID%d\" " +
			"STD_INTENSITY_CH1=\"12.5\" QUALITY=\"1.0\" POSITION_T=\"%d.0\" TOTAL_INTENSITY_CH1=\"12345.0\" " +
			"CONTRAST_CH1=\"0.3\" FRAME=\"%d\" MEAN_INTENSITY_CH1=\"1000.0\" MAX_INTENSITY_CH1=\"1500.0\" " +
			"SNR_CH1=\"5.0\" MIN_INTENSITY_CH1=\"800.0\" POSITION_X=\"%s\" POSITION_Y=\"%s\" POSITION_Z=\"0.0\" " +
			"RADIUS=\"%s\" VISIBILITY=\"1\"", id, id, frame, frame, x * pixel, y * pixel, radius * pixel));
		if (rx == null) b.append(" />");
		else {
			b.append(" ROI_N_POINTS=\"").append(rx.length).append("\">");
			for (int k = 0; k < rx.length; k++)
				b.append(k == 0 ? "" : " ").append(rx[k] * pixel).append(' ').append(ry[k] * pixel);
			b.append("</Spot>");
		}
		spots.add(frame + "|" + b);
		return this;
	}

	/** A track of edges {source, target}. */
	HandWrittenTrackMate track(int id, boolean visible, int[]... edges) {
		StringBuilder b = new StringBuilder("<Track name=\"Track_" + id + "\" TRACK_ID=\"" + id + "\" TRACK_INDEX=\"" +
			id + "\" NUMBER_SPOTS=\"" + (edges.length + 1) + "\" NUMBER_GAPS=\"0\" NUMBER_SPLITS=\"0\">\n");
		for (int[] e : edges)
			b.append("        <Edge SPOT_SOURCE_ID=\"").append(e[0]).append("\" SPOT_TARGET_ID=\"").append(e[1]).append(
				"\" LINK_COST=\"4.0\" EDGE_TIME=\"0.5\" DISPLACEMENT=\"1.0\" SPEED=\"1.0\" />\n");
		b.append("      </Track>");
		tracks.add(b.toString());
		if (visible) filtered.add(id);
		return this;
	}

	String xml() {
		StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(doctype);
		b.append("<TrackMate version=\"").append(version).append("\">\n");
		b.append("  <Log>TrackMate v").append(version).append(" started on:&#xD;\nMon, 30 Nov 2026 &amp; more</Log>\n");
		b.append("  <Model spatialunits=\"").append(pixel == 1 ? "pixel" : "micron").append("\" timeunits=\"sec\">\n");
		b.append("    <FeatureDeclarations>\n      <SpotFeatures>\n");
		for (String f : new String[] { "QUALITY|Quality|QUALITY|false", "POSITION_X|X|POSITION|false",
			"POSITION_Y|Y|POSITION|false", "POSITION_Z|Z|POSITION|false", "POSITION_T|T|TIME|false",
			"FRAME|Frame|NONE|true", "RADIUS|Radius|LENGTH|false", "VISIBILITY|Visibility|NONE|true",
			"MEAN_INTENSITY_CH1|Mean intensity ch1|INTENSITY|false" }) {
			String[] p = f.split("\\|");
			b.append("        <Feature feature=\"").append(p[0]).append("\" name=\"").append(p[1]).append(
				"\" shortname=\"").append(p[1]).append("\" dimension=\"").append(p[2]).append("\" isint=\"").append(p[3])
				.append("\" />\n");
		}
		b.append("      </SpotFeatures>\n      <EdgeFeatures>\n        <Feature feature=\"SPOT_SOURCE_ID\" " +
			"name=\"Source spot ID\" shortname=\"Source ID\" dimension=\"NONE\" isint=\"true\" />\n      " +
			"</EdgeFeatures>\n      <TrackFeatures>\n        <Feature feature=\"TRACK_ID\" name=\"Track ID\" " +
			"shortname=\"Track ID\" dimension=\"NONE\" isint=\"true\" />\n      </TrackFeatures>\n" +
			"    </FeatureDeclarations>\n");
		b.append("    <AllSpots nspots=\"").append(spots.size()).append("\">\n");
		for (int t = 0; t < frames; t++) {
			b.append("      <SpotsInFrame frame=\"").append(t).append("\">\n");
			for (String s : spots)
				if (s.startsWith(t + "|")) b.append("        ").append(s.substring(s.indexOf('|') + 1)).append('\n');
			b.append("      </SpotsInFrame>\n");
		}
		b.append("    </AllSpots>\n    <AllTracks>\n");
		for (String t : tracks)
			b.append("      ").append(t).append('\n');
		b.append("    </AllTracks>\n    <FilteredTracks>\n");
		for (int id : filtered)
			b.append("      <TrackID TRACK_ID=\"").append(id).append("\" />\n");
		b.append("    </FilteredTracks>\n  </Model>\n  <Settings>\n");
		b.append(String.format(Locale.ROOT, "    <ImageData filename=\"rec.tif\" folder=\"/data/\" width=\"%d\" " +
			"height=\"%d\" nslices=\"1\" nframes=\"%d\" pixelwidth=\"%s\" pixelheight=\"%s\" voxeldepth=\"1.0\" " +
			"timeinterval=\"2.0\"%s />\n", width, height, frames, pixel, pixel, imageDataExtra));
		b.append(String.format(Locale.ROOT, "    <BasicSettings xstart=\"0\" xend=\"%d\" ystart=\"0\" yend=\"%d\" " +
			"zstart=\"0\" zend=\"0\" tstart=\"0\" tend=\"%d\" />\n", width - 1, height - 1, frames - 1));
		b.append("    <DetectorSettings DETECTOR_NAME=\"LOG_DETECTOR\" TARGET_CHANNEL=\"1\" RADIUS=\"5.0\" " +
			"THRESHOLD=\"0.0\" DO_MEDIAN_FILTERING=\"false\" DO_SUBPIXEL_LOCALIZATION=\"true\" />\n");
		b.append("    <InitialSpotFilter feature=\"QUALITY\" value=\"0.0\" isabove=\"true\" />\n");
		b.append("    <SpotFilterCollection />\n");
		b.append("    <TrackerSettings TRACKER_NAME=\"SIMPLE_SPARSE_LAP_TRACKER\" CUTOFF_PERCENTILE=\"0.9\" " +
			"ALTERNATIVE_LINKING_COST_FACTOR=\"1.05\" BLOCKING_VALUE=\"Infinity\">\n      <Linking " +
			"LINKING_MAX_DISTANCE=\"15.0\" />\n      <GapClosing ALLOW_GAP_CLOSING=\"true\" " +
			"GAP_CLOSING_MAX_DISTANCE=\"15.0\" MAX_FRAME_GAP=\"2\" />\n    </TrackerSettings>\n");
		b.append("    <TrackFilterCollection />\n    <AnalyzerCollection>\n      <SpotAnalyzers>\n        " +
			"<Analyzer key=\"Spot intensity\" />\n      </SpotAnalyzers>\n      <EdgeAnalyzers />\n      " +
			"<TrackAnalyzers />\n    </AnalyzerCollection>\n  </Settings>\n");
		b.append("  <GUIState state=\"ConfigureViews\" />\n");
		b.append("  <DisplaySettings>{\n  \"name\": \"CurrentDisplaySettings\",\n  \"spotUniformColor\": " +
			"\"204, 51, 204, 255\", \"lineThickness\": 1.0 &lt; 2\n}</DisplaySettings>\n</TrackMate>\n");
		return b.toString();
	}
}
