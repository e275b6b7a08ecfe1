package io.github.magratio.trackmate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.core.CellTracks;
import io.github.magratio.core.Labels;
import io.github.magratio.core.Progress;
import io.github.magratio.ij.Layout;
import io.github.magratio.ij.Recording;
import io.github.magratio.pipeline.PipelineSettings;
import io.github.magratio.pipeline.RecordingAnalysis;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * TrackMate XML export and import: the exported file against everything TrackMate's {@code TmXmlReader} (7.x, 8.x)
 * dereferences or needs (checked with the JDK's DOM parser, not our reader), outlines in TrackMate's pixel-centred
 * convention against hand-computed corners, and export then import round trips of spots, outlines, tracks and features
 * of a run on moving, dividing synthetic cells.
 */
class TrackMateXmlTest {

	@TempDir
	Path dir;

	/** TrackMate's {@code Dimension} values (fiji.plugin.trackmate.Dimension, 7.x-8.x). */
	static final Set<String> DIMENSIONS = new HashSet<>(Arrays.asList("NONE", "QUALITY", "COST", "INTENSITY",
		"INTENSITY_SQUARED", "POSITION", "VELOCITY", "LENGTH", "AREA", "TIME", "ANGLE", "RATE", "ANGLE_RATE",
		"STRING"));

	static RecordingAnalysis.Result result;
	static SyntheticRecording synth;

	@BeforeAll
	static void run() throws Exception {
		System.setProperty("java.awt.headless", "true");
		synth = SyntheticRecording.generate(SynthSettings.builder().seed(5).cells(14).frames(16).set(SynthSettings.DRIFT,
			1.5).set(SynthSettings.WANDER, 1.0).set(SynthSettings.DIVISIONS, 2).cellGapPixels(6).build());
		JsonObject o = new JsonObject();
		io.github.magratio.core.Calibration cal = synth.truth().calibration();
		o.addProperty(PipelineSettings.KEY_KD, cal.kdMillimolar());
		o.addProperty(PipelineSettings.KEY_RMIN, cal.rmin());
		o.addProperty(PipelineSettings.KEY_RMAX, cal.rmax());
		o.addProperty(PipelineSettings.KEY_BETA, cal.beta());
		o.addProperty(PipelineSettings.KEY_SEGMENTATION, PipelineSettings.SEGMENTATION_PER_FRAME);
		result = RecordingAnalysis.analyse(PipelineSettings.fromJson(o), Recording.of(synth.imagePlus(), Layout.AUTO,
			1, null), Progress.NONE, null);
	}

	static TrackMateModel exported(double pixel) {
		return TrackMateModels.of(result.table, result.tracks, null, result.perFrameLabels, 160, 128,
			result.timesSeconds, result.frameIntervalSeconds, pixel, pixel == 1 ? "pixel" : "micron", "sec", null);
	}

	@Test
	void outlineVerticesArePixelCornersHalfAPixelFromTheCentres() {
		// a 3 x 2 block of pixels x 10..12, y 20..21: corners at x 9.5 and 12.5, y 19.5 and 21.5 (TrackMate's
		// convention, pixel centres at integers; MaskUtils subtracts 0.5 from ImageJ's corner coordinates)
		int w = 20, h = 30;
		int[] l = new int[w * h];
		for (int y = 20; y <= 21; y++)
			for (int x = 10; x <= 12; x++)
				l[y * w + x] = 1;
		double[][] o = io.github.magratio.core.Outlines.trace(Labels.withIds(l, w, h, 1), 1);
		Set<String> corners = new HashSet<>();
		for (int k = 0; k < o[0].length; k++)
			corners.add(o[0][k] + "," + o[1][k]);
		assertEquals(new HashSet<>(Arrays.asList("9.5,19.5", "12.5,19.5", "12.5,21.5", "9.5,21.5")), corners);
		// relative to the centroid (11, 20.5) in a file with 0.5 um pixels: (-0.75, -0.5) ... (0.75, 0.5)
		int[] painted = new int[w * h];
		io.github.magratio.core.Outlines.fill(o[0], o[1], w, h, i -> painted[i]++);
		assertArrayEquals(l, painted);
	}

	@Test
	void exportedFileHasEverythingTmXmlReaderNeeds() throws Exception {
		Path f = dir.resolve("tracks.xml");
		TrackMateXml.write(exported(0.65), f, "test & <check>");
		DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
		dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document d = dbf.newDocumentBuilder().parse(f.toFile());
		Element root = d.getDocumentElement();
		assertEquals("TrackMate", root.getTagName());
		assertFalse(root.getAttribute("version").isEmpty());
		assertEquals("test & <check>", child(root, "Log").getTextContent());
		Element model = child(root, "Model");
		assertEquals("micron", model.getAttribute("spatialunits"));
		assertEquals("sec", model.getAttribute("timeunits"));
		Element decl = child(model, "FeatureDeclarations");
		Map<String, Element> spotFeatures = new HashMap<>();
		for (String group : new String[] { "SpotFeatures", "EdgeFeatures", "TrackFeatures" })
			for (Element fe : children(child(decl, group), "Feature")) {
				for (String a : new String[] { "feature", "name", "shortname", "dimension", "isint" })
					assertTrue(fe.hasAttribute(a), group + " feature without " + a);
				assertTrue(DIMENSIONS.contains(fe.getAttribute("dimension")), fe.getAttribute("dimension"));
				assertTrue(Arrays.asList("true", "false").contains(fe.getAttribute("isint")));
				if (group.equals("SpotFeatures")) spotFeatures.put(fe.getAttribute("feature"), fe);
			}
		for (String k : new String[] { "RATIO", "MG_MM", "F340", "F380", "BG340", "BG380", "QUALITY", "POSITION_X",
			"POSITION_Y", "POSITION_Z", "POSITION_T", "FRAME", "RADIUS", "VISIBILITY" })
			assertTrue(spotFeatures.containsKey(k), k + " not declared");
		Element allSpots = child(model, "AllSpots");
		Map<Integer, Integer> frameOf = new HashMap<>();
		int nspots = 0;
		for (Element sif : children(allSpots, "SpotsInFrame")) {
			int frame = Integer.parseInt(sif.getAttribute("frame"));
			for (Element s : children(sif, "Spot")) {
				nspots++;
				for (String a : new String[] { "ID", "name", "POSITION_X", "POSITION_Y", "POSITION_Z", "POSITION_T",
					"FRAME", "RADIUS", "QUALITY", "VISIBILITY", "ROI_N_POINTS" })
					assertTrue(s.hasAttribute(a), "spot without " + a);
				assertEquals(frame, Integer.parseInt(s.getAttribute("FRAME")));
				// every numeric attribute is a declared feature, and parses as TrackMate parses it
				for (int i = 0; i < s.getAttributes().getLength(); i++) {
					String a = s.getAttributes().item(i).getNodeName();
					if (a.equals("ID") || a.equals("name") || a.equals("ROI_N_POINTS")) continue;
					assertTrue(spotFeatures.containsKey(a), a + " is not declared");
					Double.valueOf(s.getAttribute(a));
				}
				int n = Integer.parseInt(s.getAttribute("ROI_N_POINTS"));
				assertTrue(n > 2);
				assertEquals(2 * n, s.getTextContent().trim().split("\\s+").length);
				frameOf.put(Integer.parseInt(s.getAttribute("ID")), frame);
			}
		}
		assertEquals(Integer.parseInt(allSpots.getAttribute("nspots")), nspots);
		int rows = 0;
		for (int c = 1; c <= result.table.cells(); c++)
			for (int t = 0; t < result.table.frames(); t++)
				if (result.table.present(c, t)) rows++;
		assertEquals(rows, nspots, "one spot per cells.csv row");
		Set<Integer> trackIds = new HashSet<>();
		Set<Integer> spotsInTracks = new HashSet<>();
		for (Element tr : children(child(model, "AllTracks"), "Track")) {
			assertFalse(tr.getAttribute("name").isEmpty());
			assertTrue(trackIds.add(Integer.parseInt(tr.getAttribute("TRACK_ID"))));
			// TrackMate rebuilds tracks as connected components: each Track must be one, sharing no spot with another
			Map<Integer, Integer> parts = new HashMap<>();
			for (Element e : children(tr, "Edge")) {
				int a = Integer.parseInt(e.getAttribute("SPOT_SOURCE_ID")), b = Integer.parseInt(e.getAttribute(
					"SPOT_TARGET_ID"));
				Double.valueOf(e.getAttribute("LINK_COST"));
				assertTrue(frameOf.get(a) < frameOf.get(b), "an edge's source is in the earlier frame");
				union(parts, a, b);
			}
			Set<Integer> roots = new HashSet<>();
			for (int s : parts.keySet()) {
				roots.add(find(parts, s));
				assertTrue(spotsInTracks.add(s), "spot " + s + " in two tracks");
			}
			assertEquals(1, roots.size(), "track " + tr.getAttribute("TRACK_ID") + " is not connected");
		}
		assertFalse(trackIds.isEmpty());
		for (Element id : children(child(model, "FilteredTracks"), "TrackID"))
			assertTrue(trackIds.contains(Integer.parseInt(id.getAttribute("TRACK_ID"))));
		Element settings = child(root, "Settings");
		Element image = child(settings, "ImageData");
		for (String a : new String[] { "filename", "folder", "width", "height", "nslices", "nframes", "pixelwidth",
			"pixelheight", "voxeldepth", "timeinterval" })
			assertTrue(image.hasAttribute(a), "ImageData without " + a);
		assertEquals("160", image.getAttribute("width"));
		assertEquals("16", image.getAttribute("nframes"));
		for (String e : new String[] { "InitialSpotFilter", "SpotFilterCollection", "TrackFilterCollection",
			"BasicSettings", "DetectorSettings", "TrackerSettings", "AnalyzerCollection" })
			assertNotNull(child(settings, e));
		Element initial = child(settings, "InitialSpotFilter");
		for (String a : new String[] { "feature", "value", "isabove" })
			assertTrue(initial.hasAttribute(a));
	}

	@Test
	void exportThenImportGivesTheSameSpotsOutlinesTracksAndFeatures() throws Exception {
		TrackMateModel out = exported(0.65);
		Path f = dir.resolve("round.xml");
		TrackMateXml.write(out, f, "");
		TrackMateModel in = TrackMateXml.read(f);
		assertEquals(out.spots.size(), in.spots.size());
		double worst = 0;
		Map<Integer, TrackMateModel.Spot> byId = new HashMap<>();
		for (TrackMateModel.Spot s : in.spots)
			byId.put(s.id, s);
		for (TrackMateModel.Spot a : out.spots) {
			TrackMateModel.Spot b = byId.get(a.id);
			assertEquals(a.frame, b.frame);
			assertEquals(a.x, b.x, 1e-9);
			assertEquals(a.y, b.y, 1e-9);
			assertEquals(a.roiX.length, b.roiX.length);
			for (int k = 0; k < a.roiX.length; k++)
				worst = Math.max(worst, Math.max(Math.abs(a.roiX[k] - b.roiX[k]), Math.abs(a.roiY[k] - b.roiY[k])) /
					0.65);
			assertEquals(a.features.keySet(), b.features.keySet());
			for (String k : a.features.keySet())
				assertEquals(a.feature(k), b.feature(k), Math.abs(a.feature(k)) * 1e-12, k);
		}
		assertTrue(worst <= 0.01, "outline vertices moved by " + worst + " px");
		assertEquals(edges(out), edges(in));
		assertEquals(out.filteredTrackIds, in.filteredTrackIds);

		// and measured along the imported file, the cells are the run's own: same pixels in every frame
		TrackMateCells.Cells cells = TrackMateCells.cells(in, f.toString(), 160, 128, 16, Progress.NONE);
		CellTracks tracks = result.tracks;
		int[] lineage = tracks.lineages();
		for (int t = 0; t < 16; t++) {
			int[] mine = result.perFrameLabels.get(t), back = cells.planes.get(t);
			Map<Integer, Integer> map = new HashMap<>();
			for (int i = 0; i < mine.length; i++) {
				if ((mine[i] == 0) != (back[i] == 0)) {
					// pixels of a cell's second piece are not in its (single) outline
					assertTrue(mine[i] != 0 && !isLargestPiece(mine, i), "pixel " + i + " of frame " + t + " differs");
					continue;
				}
				if (mine[i] == 0) continue;
				Integer was = map.put(mine[i], back[i]);
				assertTrue(was == null || was == back[i], "cell " + mine[i] + " painted as two cells");
			}
			for (Map.Entry<Integer, Integer> e : map.entrySet()) {
				int c = e.getKey(), ext = cells.tracks.externalTrackId(e.getValue());
				// a cell of one frame without parent or daughter has no edge, so it is in no TrackMate track
				boolean lone = tracks.start(c) == tracks.end(c) && tracks.parents(c).length == 0 && !hasChild(tracks, c);
				assertEquals(lone ? -1 : lineage[c], ext, "track id of cell " + c);
			}
		}
		// the tracks' structure survives: as many cells, the same parents
		assertEquals(tracks.cells(), cells.tracks.cells());
		int parents = 0;
		for (int c = 1; c <= tracks.cells(); c++)
			parents += tracks.parents(c).length;
		int back = 0;
		for (int c = 1; c <= cells.tracks.cells(); c++)
			back += cells.tracks.parents(c).length;
		assertEquals(parents, back);
		assertTrue(parents >= 2, "the recording has divisions recorded");
	}

	static boolean hasChild(CellTracks t, int c) {
		for (int d = 1; d <= t.cells(); d++)
			for (int p : t.parents(d))
				if (p == c) return true;
		return false;
	}

	/** @return whether pixel i of a plane belongs to the largest 4-connected piece of its label */
	static boolean isLargestPiece(int[] plane, int i) {
		double[][] o = io.github.magratio.core.Outlines.trace(Labels.withIds(plane, 160, 128, Arrays.stream(plane).max()
			.getAsInt()), plane[i]);
		boolean[] in = new boolean[plane.length];
		io.github.magratio.core.Outlines.fill(o[0], o[1], 160, 128, k -> in[k] = true);
		return in[i];
	}

	static Set<String> edges(TrackMateModel m) {
		Set<String> s = new HashSet<>();
		for (TrackMateModel.Track t : m.tracks)
			for (TrackMateModel.Edge e : t.edges)
				s.add(t.id + ":" + e.source + ">" + e.target + "@" + e.cost);
		return s;
	}

	static void union(Map<Integer, Integer> root, int a, int b) {
		root.putIfAbsent(a, a);
		root.putIfAbsent(b, b);
		int x = find(root, a), y = find(root, b);
		if (x != y) root.put(x, y);
	}

	static int find(Map<Integer, Integer> root, int a) {
		while (root.get(a) != a)
			a = root.get(a);
		return a;
	}

	static Element child(Element e, String name) {
		List<Element> c = children(e, name);
		assertEquals(1, c.size(), "<" + e.getTagName() + "> has " + c.size() + " <" + name + ">");
		return c.get(0);
	}

	static List<Element> children(Element e, String name) {
		List<Element> out = new ArrayList<>();
		NodeList nl = e.getChildNodes();
		for (int i = 0; i < nl.getLength(); i++) {
			Node n = nl.item(i);
			if (n instanceof Element && ((Element) n).getTagName().equals(name)) out.add((Element) n);
		}
		return out;
	}

	@Test
	void aFileWrittenTwiceIsByteIdentical() throws Exception {
		Path a = dir.resolve("a.xml"), b = dir.resolve("b.xml");
		TrackMateXml.write(exported(1), a, "x");
		TrackMateXml.write(exported(1), b, "x");
		assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
	}
}
