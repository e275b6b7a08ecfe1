package io.github.magratio.trackmate;

import io.github.magratio.util.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * TrackMate's XML file format (TrackMate 2 to 8, {@code fiji.plugin.trackmate.io.TmXmlReader}), written and read
 * without TrackMate.
 *
 * <p>
 * <b>Writing</b> produces every element TrackMate's reader dereferences without a null check: the root
 * {@code TrackMate} with {@code version}; {@code Model} with {@code spatialunits}/{@code timeunits},
 * {@code FeatureDeclarations} (spot, edge and track features, each with {@code feature}, {@code name},
 * {@code shortname}, {@code dimension}, {@code isint}), {@code AllSpots} / {@code SpotsInFrame} / {@code Spot},
 * {@code AllTracks} / {@code Track} / {@code Edge}, {@code FilteredTracks} / {@code TrackID}; {@code Settings} with
 * {@code ImageData}, {@code BasicSettings}, {@code DetectorSettings} (the manual detector), {@code InitialSpotFilter},
 * {@code SpotFilterCollection}, {@code TrackerSettings} (the manual tracker), {@code TrackFilterCollection} and
 * {@code AnalyzerCollection}. Text and attributes are escaped by the XML writer. The file is written atomically,
 * in file order one element at a time ({@link Out}), so {@link TrackMateExport#write} can stream a run of any length.
 * </p>
 *
 * <p>
 * <b>Reading</b> is a streaming parse that refuses any DOCTYPE (so no DTD, no entity expansion, no external entity
 * can be reached), refuses files over {@link #MAX_BYTES}, and gives the file, line and what was expected for every
 * problem: a missing element or attribute, a number that is not one, an outline with too few coordinates, a duplicate
 * spot ID, an edge naming an unknown spot, a filtered track that does not exist, an unsupported version. Elements it
 * does not need ({@code Log}, {@code DisplaySettings}, analyzers, ...) are skipped.
 * </p>
 *
 * Stateless.
 */
public final class TrackMateXml {

	/** Largest file read, bytes (2 GiB: hundreds of thousands of spots with outlines). */
	public static final long MAX_BYTES = 1L << 31;
	/** The TrackMate version written: TrackMate 7 and 8 read it (and it is what pom-scijava 45 pins). */
	public static final String WRITTEN_VERSION = "8.0.0";
	/** The oldest and newest TrackMate major versions read. */
	public static final int OLDEST_MAJOR = 2, NEWEST_MAJOR = 8;

	private TrackMateXml() {}

	// ------------------------------------------------------------------ writing

	/**
	 * Writes {@code model} to {@code file} atomically.
	 *
	 * @param log the text of the file's {@code Log} element (e.g. how the file was made)
	 */
	public static void write(TrackMateModel model, Path file, String log) throws IOException {
		write(file, w -> write(model, w, log));
	}

	/** Something that writes a whole file through an {@link Out}. */
	@FunctionalInterface
	interface Body {
		/** Writes the content to {@code w}. */
		void write(Writer w) throws XMLStreamException, IOException;
	}

	/** Writes {@code file} atomically with {@code body}. */
	static void write(Path file, Body body) throws IOException {
		AtomicFiles.write(file, w -> {
			try {
				body.write(w);
			} catch (XMLStreamException e) {
				throw new IOException("could not write " + file + ": " + e.getMessage(), e);
			}
		});
	}

	private static void write(TrackMateModel m, Writer w, String log) throws XMLStreamException {
		Out out = new Out(w, m.version, m.spatialUnits, m.timeUnits, m.spotFeatures, m.spots.size(), log);
		Map<Integer, List<TrackMateModel.Spot>> byFrame = new java.util.TreeMap<>();
		for (TrackMateModel.Spot s : m.spots)
			byFrame.computeIfAbsent(s.frame, k -> new ArrayList<>()).add(s);
		for (Map.Entry<Integer, List<TrackMateModel.Spot>> e : byFrame.entrySet())
			for (TrackMateModel.Spot s : e.getValue())
				out.spot(s.id, e.getKey(), s.name, s.features, s.roiX, s.roiY);
		out.endSpots();
		for (TrackMateModel.Track t : m.tracks) {
			Set<Integer> spots = new HashSet<>();
			for (TrackMateModel.Edge e : t.edges) {
				spots.add(e.source);
				spots.add(e.target);
			}
			out.track(t.id, t.name, spots.size());
			for (TrackMateModel.Edge e : t.edges)
				out.edge(e.source, e.target, e.cost);
		}
		double radius = 0;
		for (TrackMateModel.Spot s : m.spots)
			radius += s.radius / m.spots.size();
		out.finish(m.filteredTrackIds, m.image, radius);
	}

	/**
	 * A TrackMate file written in file order, one spot and one edge at a time, so that a file of any size takes
	 * memory for one spot: the header (with the number of spots) when made, then {@link #spot} in frame order,
	 * {@link #endSpots}, {@link #track} each followed by its {@link #edge}s, and {@link #finish}.
	 */
	static final class Out {
		private final XMLStreamWriter x;
		private final List<TrackMateModel.Feature> spotFeatures;
		/** Whether each declared spot feature is an integer (the first declaration of a key), asked per value written. */
		private final Map<String, Boolean> intSpotFeatures = new HashMap<>();
		private int openFrame = -1, trackIndex;
		private boolean trackOpen;

		Out(Writer w, String version, String spatialUnits, String timeUnits, List<TrackMateModel.Feature> spotFeatures,
			int spots, String log) throws XMLStreamException
		{
			this.spotFeatures = spotFeatures;
			for (TrackMateModel.Feature f : spotFeatures)
				intSpotFeatures.putIfAbsent(f.key, f.isInt);
			x = XMLOutputFactory.newInstance().createXMLStreamWriter(w);
			x.writeStartDocument("UTF-8", "1.0");
			nl(x, 0);
			x.writeStartElement("TrackMate");
			x.writeAttribute("version", version);
			nl(x, 1);
			x.writeStartElement("Log");
			x.writeCharacters(log);
			x.writeEndElement();
			nl(x, 1);
			x.writeStartElement("Model");
			x.writeAttribute("spatialunits", spatialUnits);
			x.writeAttribute("timeunits", timeUnits);
			nl(x, 2);
			x.writeStartElement("FeatureDeclarations");
			features(x, "SpotFeatures", spotFeatures);
			features(x, "EdgeFeatures", EDGE_FEATURES);
			features(x, "TrackFeatures", TRACK_FEATURES);
			nl(x, 2);
			x.writeEndElement();
			nl(x, 2);
			x.writeStartElement("AllSpots");
			x.writeAttribute("nspots", Integer.toString(spots));
		}

		/** A spot; spots come frame by frame, in ascending frames. */
		void spot(int id, int frame, String name, Map<String, Double> features, double[] roiX, double[] roiY)
			throws XMLStreamException
		{
			spot(id, frame, name, features, roiX, roiY, roiX == null ? null : roiText(roiX, roiY));
		}

		/**
		 * A spot whose outline text ({@link #roiText}) is already made: a static mask's outline is the same for every
		 * frame, and formatting its numbers once per cell instead of once per spot took tracks.xml from 10.9 to 6.3 s
		 * (393 cells x 200 frames, on a loaded machine).
		 */
		void spot(int id, int frame, String name, Map<String, Double> features, double[] roiX, double[] roiY,
			String roiText) throws XMLStreamException
		{
			if (frame != openFrame) {
				closeFrame();
				nl(x, 3);
				x.writeStartElement("SpotsInFrame");
				x.writeAttribute("frame", Integer.toString(frame));
				openFrame = frame;
			}
			nl(x, 4);
			x.writeStartElement("Spot");
			x.writeAttribute("ID", Integer.toString(id));
			x.writeAttribute("name", name);
			for (Map.Entry<String, Double> f : features.entrySet())
				x.writeAttribute(f.getKey(), number(f.getValue(), isInt(f.getKey())));
			if (roiX != null) {
				x.writeAttribute("ROI_N_POINTS", Integer.toString(roiX.length));
				x.writeCharacters(roiText);
			}
			x.writeEndElement();
		}

		/** @return a spot's outline as TrackMate writes it: x y pairs, relative to the spot, separated by spaces */
		static String roiText(double[] roiX, double[] roiY) {
			StringBuilder b = new StringBuilder(roiX.length * 40);
			for (int i = 0; i < roiX.length; i++)
				b.append(i == 0 ? "" : " ").append(roiX[i]).append(' ').append(roiY[i]);
			return b.toString();
		}

		private void closeFrame() throws XMLStreamException {
			if (openFrame < 0) return;
			nl(x, 3);
			x.writeEndElement();
			openFrame = -1;
		}

		/** Ends the spots and starts the tracks. */
		void endSpots() throws XMLStreamException {
			closeFrame();
			nl(x, 2);
			x.writeEndElement();
			nl(x, 2);
			x.writeStartElement("AllTracks");
		}

		/** Starts a track whose edges follow; {@code spots} is the number of distinct spots of its edges. */
		void track(int id, String name, int spots) throws XMLStreamException {
			closeTrack();
			nl(x, 3);
			x.writeStartElement("Track");
			x.writeAttribute("name", name);
			x.writeAttribute("TRACK_ID", Integer.toString(id));
			x.writeAttribute("TRACK_INDEX", Integer.toString(trackIndex++));
			x.writeAttribute("NUMBER_SPOTS", Integer.toString(spots));
			trackOpen = true;
		}

		/** An edge of the current track. */
		void edge(int source, int target, double cost) throws XMLStreamException {
			nl(x, 4);
			x.writeEmptyElement("Edge");
			x.writeAttribute("SPOT_SOURCE_ID", Integer.toString(source));
			x.writeAttribute("SPOT_TARGET_ID", Integer.toString(target));
			x.writeAttribute("LINK_COST", number(cost, false));
		}

		private void closeTrack() throws XMLStreamException {
			if (!trackOpen) return;
			nl(x, 3);
			x.writeEndElement();
			trackOpen = false;
		}

		/**
		 * Ends the tracks and writes the rest of the file.
		 *
		 * @param meanRadius the spots' mean radius (physical units), the manual detector's radius; a default when 0
		 */
		void finish(List<Integer> filteredTrackIds, TrackMateModel.ImageData im, double meanRadius)
			throws XMLStreamException
		{
			closeTrack();
			nl(x, 2);
			x.writeEndElement();
			nl(x, 2);
			x.writeStartElement("FilteredTracks");
			for (int id : filteredTrackIds) {
				nl(x, 3);
				x.writeEmptyElement("TrackID");
				x.writeAttribute("TRACK_ID", Integer.toString(id));
			}
			nl(x, 2);
			x.writeEndElement();
			nl(x, 1);
			x.writeEndElement(); // Model
			nl(x, 1);
			x.writeStartElement("Settings");
			nl(x, 2);
			x.writeEmptyElement("ImageData");
			x.writeAttribute("filename", im.filename);
			x.writeAttribute("folder", im.folder);
			x.writeAttribute("width", Integer.toString(im.width));
			x.writeAttribute("height", Integer.toString(im.height));
			x.writeAttribute("nslices", Integer.toString(im.slices));
			x.writeAttribute("nframes", Integer.toString(im.frames));
			x.writeAttribute("pixelwidth", number(im.pixelWidth, false));
			x.writeAttribute("pixelheight", number(im.pixelHeight, false));
			x.writeAttribute("voxeldepth", number(im.voxelDepth, false));
			x.writeAttribute("timeinterval", number(im.timeInterval, false));
			nl(x, 2);
			x.writeEmptyElement("BasicSettings");
			String[][] crop = { { "xstart", "0" }, { "xend", Integer.toString(im.width - 1) }, { "ystart", "0" }, {
				"yend", Integer.toString(im.height - 1) }, { "zstart", "0" }, { "zend", Integer.toString(im.slices -
					1) }, { "tstart", "0" }, { "tend", Integer.toString(im.frames - 1) } };
			for (String[] a : crop)
				x.writeAttribute(a[0], a[1]);
			nl(x, 2);
			x.writeEmptyElement("DetectorSettings");
			x.writeAttribute("DETECTOR_NAME", "MANUAL_DETECTOR");
			x.writeAttribute("RADIUS", number(meanRadius > 0 ? meanRadius : 5 * im.pixelWidth, false));
			nl(x, 2);
			x.writeEmptyElement("InitialSpotFilter");
			x.writeAttribute("feature", "QUALITY");
			x.writeAttribute("value", "0.0");
			x.writeAttribute("isabove", "true");
			nl(x, 2);
			x.writeEmptyElement("SpotFilterCollection");
			nl(x, 2);
			x.writeEmptyElement("TrackerSettings");
			x.writeAttribute("TRACKER_NAME", "MANUAL_TRACKER");
			nl(x, 2);
			x.writeEmptyElement("TrackFilterCollection");
			nl(x, 2);
			x.writeStartElement("AnalyzerCollection");
			for (String a : new String[] { "SpotAnalyzers", "EdgeAnalyzers", "TrackAnalyzers" })
				x.writeEmptyElement(a);
			x.writeEndElement();
			nl(x, 1);
			x.writeEndElement(); // Settings
			nl(x, 1);
			x.writeEmptyElement("GUIState");
			x.writeAttribute("state", "ConfigureViews");
			nl(x, 0);
			x.writeEndElement();
			nl(x, 0);
			x.writeEndDocument();
			x.flush();
			x.close();
		}

		private boolean isInt(String key) {
			Boolean b = intSpotFeatures.get(key);
			return b != null && b;
		}
	}

	/** TrackMate's edge features, declared so its reader keeps them. */
	static final List<TrackMateModel.Feature> EDGE_FEATURES = java.util.Arrays.asList(new TrackMateModel.Feature(
		"SPOT_SOURCE_ID", "Source spot ID", "Source ID", "NONE", true), new TrackMateModel.Feature("SPOT_TARGET_ID",
			"Target spot ID", "Target ID", "NONE", true), new TrackMateModel.Feature("LINK_COST", "Edge cost", "Cost",
				"COST", false));
	/** TrackMate's track features written on each Track. */
	static final List<TrackMateModel.Feature> TRACK_FEATURES = java.util.Arrays.asList(new TrackMateModel.Feature(
		"TRACK_INDEX", "Track index", "Index", "NONE", true), new TrackMateModel.Feature("TRACK_ID", "Track ID", "ID",
			"NONE", true), new TrackMateModel.Feature("NUMBER_SPOTS", "Number of spots in track", "N spots", "NONE",
				true));

	private static void features(XMLStreamWriter x, String element, List<TrackMateModel.Feature> list)
		throws XMLStreamException
	{
		nl(x, 3);
		x.writeStartElement(element);
		for (TrackMateModel.Feature f : list)
			feature(x, f);
		nl(x, 3);
		x.writeEndElement();
	}

	private static void feature(XMLStreamWriter x, TrackMateModel.Feature f) throws XMLStreamException {
		x.writeCharacters("\n" + indent(4));
		x.writeEmptyElement("Feature");
		x.writeAttribute("feature", f.key);
		x.writeAttribute("name", f.name);
		x.writeAttribute("shortname", f.shortName);
		x.writeAttribute("dimension", f.dimension);
		x.writeAttribute("isint", Boolean.toString(f.isInt));
	}

	private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
		x.writeCharacters("\n" + indent(depth));
	}

	private static String indent(int depth) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < depth; i++)
			b.append("  ");
		return b.toString();
	}

	/** @return the number as TrackMate writes it: integers without a fraction, NaN as NaN */
	static String number(double v, boolean integer) {
		if (integer && v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		return Double.toString(v);
	}

	// ------------------------------------------------------------------ reading

	/**
	 * Reads a TrackMate XML file.
	 *
	 * @throws IllegalArgumentException naming the file, the line and what was expected, for a file that is not a
	 *         (supported) TrackMate file, has a DOCTYPE, is too large or is inconsistent
	 * @throws IOException when it cannot be read
	 */
	public static TrackMateModel read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IllegalArgumentException("TrackMate file " + file + " does not exist " +
			"or is not a file");
		long size = Files.size(file);
		if (size > MAX_BYTES) throw new IllegalArgumentException("TrackMate file " + file + " is " + size + " bytes, " +
			"more than the " + MAX_BYTES + " read");
		XMLInputFactory f = XMLInputFactory.newInstance();
		f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		try (InputStream in = Files.newInputStream(file)) {
			XMLStreamReader r = f.createXMLStreamReader(in);
			try {
				return new Parse(file, r).run();
			} finally {
				r.close();
			}
		} catch (XMLStreamException e) {
			int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
			String msg = e.getMessage() == null ? "" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "");
			throw new IllegalArgumentException("TrackMate file " + file + (line > 0 ? " line " + line : "") +
				": not well-formed XML: " + msg.trim(), e);
		}
	}

	/** One streaming parse. */
	private static final class Parse {
		private final Path file;
		private final XMLStreamReader r;
		private final Deque<String> path = new ArrayDeque<>();
		private String version, spatialUnits = "pixel", timeUnits = "frame";
		private boolean sawModel, sawSpots, sawTracks, sawFiltered;
		private final List<TrackMateModel.Feature> features = new ArrayList<>();
		private final List<TrackMateModel.Spot> spots = new ArrayList<>();
		private final Map<Integer, Integer> spotLine = new HashMap<>();
		private final List<TrackMateModel.Track> tracks = new ArrayList<>();
		private final List<Integer> filtered = new ArrayList<>();
		private final Map<Integer, Integer> filteredLine = new LinkedHashMap<>();
		private final List<int[]> edgeLines = new ArrayList<>();
		private TrackMateModel.ImageData image;
		private int frameOfGroup = -1;
		private int trackId;
		private String trackName;
		private List<TrackMateModel.Edge> edges;

		Parse(Path file, XMLStreamReader r) {
			this.file = file;
			this.r = r;
		}

		private IllegalArgumentException error(String what) {
			return new IllegalArgumentException("TrackMate file " + file + " line " + r.getLocation().getLineNumber() +
				": " + what);
		}

		TrackMateModel run() throws XMLStreamException {
			while (r.hasNext()) {
				int ev = r.next();
				if (ev == XMLStreamConstants.DTD) throw error("a DOCTYPE is not allowed (TrackMate files have none; " +
					"DTDs and external entities are refused)");
				if (ev == XMLStreamConstants.ENTITY_REFERENCE) throw error("entity reference &" + r.getLocalName() +
					"; is not allowed (only the predefined XML entities and character references)");
				if (ev == XMLStreamConstants.START_ELEMENT) {
					start(r.getLocalName());
					if (r.getEventType() == XMLStreamConstants.END_ELEMENT) path.pop(); // the Spot's text was read
				}
				else if (ev == XMLStreamConstants.END_ELEMENT) end(path.pop());
			}
			if (version == null) throw new IllegalArgumentException("TrackMate file " + file + ": no TrackMate root " +
				"element");
			if (!sawModel) throw new IllegalArgumentException("TrackMate file " + file + ": no Model element (expected " +
				"TrackMate/Model with AllSpots, AllTracks and FilteredTracks)");
			if (!sawSpots) throw new IllegalArgumentException("TrackMate file " + file + ": no Model/AllSpots element");
			if (image == null) throw new IllegalArgumentException("TrackMate file " + file + ": no Settings/ImageData " +
				"element (the image size and pixel size of the file)");
			Map<Integer, TrackMateModel.Spot> byId = new HashMap<>();
			for (TrackMateModel.Spot s : spots)
				byId.put(s.id, s);
			for (int[] e : edgeLines)
				for (int k = 0; k < 2; k++)
					if (!byId.containsKey(e[k])) throw new IllegalArgumentException("TrackMate file " + file + " line " +
						e[2] + ": edge " + (k == 0 ? "SPOT_SOURCE_ID " : "SPOT_TARGET_ID ") + e[k] + " names no spot " +
						"of AllSpots");
			Set<Integer> ids = new HashSet<>();
			for (TrackMateModel.Track t : tracks)
				ids.add(t.id);
			for (Map.Entry<Integer, Integer> e : filteredLine.entrySet())
				if (!ids.contains(e.getKey())) throw new IllegalArgumentException("TrackMate file " + file + " line " + e
					.getValue() + ": FilteredTracks names TRACK_ID " + e.getKey() + ", which is no Track of AllTracks");
			if (!sawTracks) tracks.clear();
			if (!sawFiltered) for (TrackMateModel.Track t : tracks)
				filtered.add(t.id); // older files without FilteredTracks: every track is visible
			return new TrackMateModel(version, spatialUnits, timeUnits, features, spots, tracks, filtered, image);
		}

		private void start(String name) throws XMLStreamException {
			String parent = path.peek();
			path.push(name);
			if (parent == null) {
				if (!name.equals("TrackMate")) throw error("root element is <" + name + ">, expected <TrackMate>: not " +
					"a TrackMate file");
				version = attr("version", "TrackMate");
				checkVersion(version);
				return;
			}
			switch (name) {
			case "Model":
				if (!"TrackMate".equals(parent)) return;
				sawModel = true;
				if (r.getAttributeValue(null, "spatialunits") != null) spatialUnits = r.getAttributeValue(null,
					"spatialunits");
				if (r.getAttributeValue(null, "timeunits") != null) timeUnits = r.getAttributeValue(null, "timeunits");
				return;
			case "Feature":
				if ("SpotFeatures".equals(parent)) features.add(new TrackMateModel.Feature(attr("feature", name), attr(
					"name", name), attr("shortname", name), attr("dimension", name), Boolean.parseBoolean(r
						.getAttributeValue(null, "isint"))));
				return;
			case "AllSpots":
				sawSpots = true;
				return;
			case "SpotsInFrame":
				frameOfGroup = integer("frame", name);
				return;
			case "Spot":
				if ("SpotsInFrame".equals(parent)) spot();
				return;
			case "AllTracks":
				sawTracks = true;
				return;
			case "Track":
				if (!"AllTracks".equals(parent)) return;
				trackId = integer("TRACK_ID", name);
				trackName = r.getAttributeValue(null, "name");
				edges = new ArrayList<>();
				return;
			case "Edge":
				if (!"Track".equals(parent)) return;
				int source = integer("SPOT_SOURCE_ID", name), target = integer("SPOT_TARGET_ID", name);
				String cost = r.getAttributeValue(null, "LINK_COST");
				edges.add(new TrackMateModel.Edge(source, target, cost == null ? Double.NaN : number(cost, "LINK_COST",
					name)));
				edgeLines.add(new int[] { source, target, r.getLocation().getLineNumber() });
				return;
			case "FilteredTracks":
				sawFiltered = true;
				return;
			case "TrackID":
				if (!"FilteredTracks".equals(parent)) return;
				int id = integer("TRACK_ID", name);
				filtered.add(id);
				filteredLine.put(id, r.getLocation().getLineNumber());
				return;
			case "ImageData":
				if (!"Settings".equals(parent)) return;
				image = new TrackMateModel.ImageData(r.getAttributeValue(null, "filename"), r.getAttributeValue(null,
					"folder"), integer("width", name), integer("height", name), optionalInteger("nslices", 1),
					optionalInteger("nframes", 1), positive("pixelwidth", name), positive("pixelheight", name),
					optionalNumber("voxeldepth", 1), optionalNumber("timeinterval", 1));
				return;
			default:
			}
		}

		private void end(String name) {
			if (name.equals("Track") && "AllTracks".equals(path.peek())) {
				tracks.add(new TrackMateModel.Track(trackId, trackName == null ? "Track_" + trackId : trackName, edges));
				edges = null;
			}
		}

		private void checkVersion(String v) {
			java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(\\d+)").matcher(v);
			if (!m.find()) throw error("version '" + v + "' is not a TrackMate version (expected e.g. 7.13.2)");
			int major = Integer.parseInt(m.group(1));
			if (major < OLDEST_MAJOR || major > NEWEST_MAJOR) throw error("TrackMate version " + v + " is not " +
				"supported (files of TrackMate " + OLDEST_MAJOR + " to " + NEWEST_MAJOR + " are read)");
		}

		private void spot() throws XMLStreamException {
			int line = r.getLocation().getLineNumber();
			int id = integer("ID", "Spot");
			Map<String, Double> feats = new LinkedHashMap<>();
			String spotName = null;
			int points = -1;
			for (int i = 0; i < r.getAttributeCount(); i++) {
				String k = r.getAttributeLocalName(i), v = r.getAttributeValue(i);
				if (k.equals("ID")) continue;
				if (k.equals("name")) spotName = v;
				else if (k.equals("ROI_N_POINTS")) points = integer(k, "Spot " + id);
				else feats.put(k, number(v, k, "Spot " + id));
			}
			for (String k : new String[] { "POSITION_X", "POSITION_Y" })
				if (!feats.containsKey(k)) throw error("Spot " + id + " has no " + k + " attribute");
			int frame = feats.containsKey("FRAME") ? (int) (double) feats.get("FRAME") : frameOfGroup;
			if (frame < 0) throw error("Spot " + id + " has no FRAME and is not inside SpotsInFrame frame=...");
			if (frameOfGroup >= 0 && frame != frameOfGroup) throw error("Spot " + id + " has FRAME " + frame +
				" inside SpotsInFrame frame=" + frameOfGroup);
			String text = r.getElementText(); // also consumes the end tag
			double[] rx = null, ry = null;
			if (points > 2) {
				String[] v = text.trim().split("\\s+");
				if (v.length != 2 * points) throw error("Spot " + id + " has ROI_N_POINTS " + points + " but " +
					(text.trim().isEmpty() ? 0 : v.length) + " numbers in its text (expected " + 2 * points +
					": x0 y0 x1 y1 ...)");
				rx = new double[points];
				ry = new double[points];
				for (int k = 0; k < points; k++) {
					rx[k] = number(v[2 * k], "outline x", "Spot " + id);
					ry[k] = number(v[2 * k + 1], "outline y", "Spot " + id);
				}
			}
			if (spotLine.containsKey(id)) throw new IllegalArgumentException("TrackMate file " + file + " line " + line +
				": spot ID " + id + " is used twice (first on line " + spotLine.get(id) + ")");
			spotLine.put(id, line);
			double radius = feats.containsKey("RADIUS") ? feats.get("RADIUS") : Double.NaN;
			spots.add(new TrackMateModel.Spot(id, frame, feats.get("POSITION_X"), feats.get("POSITION_Y"), radius,
				spotName, rx, ry, feats));
		}

		private String attr(String key, String element) {
			String v = r.getAttributeValue(null, key);
			if (v == null) throw error("<" + element + "> has no " + key + " attribute");
			return v;
		}

		private int integer(String key, String element) {
			String v = attr(key, element);
			try {
				double d = Double.parseDouble(v.trim());
				if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new NumberFormatException();
				return (int) d;
			} catch (NumberFormatException e) {
				throw error("<" + element + "> " + key + " must be a whole number, got '" + v + "'");
			}
		}

		private int optionalInteger(String key, int fallback) {
			return r.getAttributeValue(null, key) == null ? fallback : integer(key, "ImageData");
		}

		private double optionalNumber(String key, double fallback) {
			String v = r.getAttributeValue(null, key);
			return v == null ? fallback : number(v, key, "ImageData");
		}

		private double positive(String key, String element) {
			double v = number(attr(key, element), key, element);
			if (!(v > 0) || Double.isInfinite(v)) throw error("<" + element + "> " + key + " must be > 0, got " + v);
			return v;
		}

		private double number(String v, String key, String element) {
			try {
				return Double.parseDouble(v.trim());
			} catch (NumberFormatException e) {
				throw error("<" + element + "> " + key + " must be a number, got '" + v + "'");
			}
		}
	}
}
