package io.github.magratio.trackmate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.core.Progress;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by TrackMate itself (3.4.2; test-images/trackmate, see its README for source and licence) import
 * without error: as many spots, tracks and edges as the file's elements counted by a regular expression, and every
 * spot painted in its frame when measured.
 */
class RealTrackMateFilesTest {

	static int count(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		int n = 0;
		while (m.find())
			n++;
		return n;
	}

	@ParameterizedTest
	@ValueSource(strings = { "biotracks-FakeTracks-3.4.2.xml", "biotracks-test_fake_tracks_tm-3.4.2.xml" })
	void trackMateFilesImport(String name) throws Exception {
		Path f = Paths.get("test-images", "trackmate", name);
		String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
		TrackMateModel m = TrackMateXml.read(f);
		assertEquals("3.4.2", m.version);
		assertEquals(count(text, "<Spot "), m.spots.size());
		assertEquals(count(text, "<Track "), m.tracks.size());
		int edges = 0;
		for (TrackMateModel.Track t : m.tracks)
			edges += t.edges.size();
		assertEquals(count(text, "<Edge "), edges);
		assertEquals(128, m.image.width);
		assertEquals(50, m.image.frames);
		TrackMateCells.Cells cells = TrackMateCells.cells(m, f.toString(), 128, 128, 50, Progress.NONE);
		assertTrue(cells.tracks.cells() >= m.filteredTrackIds.size(), "at least one cell per visible track");
		int painted = 0;
		for (int t = 0; t < 50; t++) {
			java.util.Set<Integer> ids = new java.util.HashSet<>();
			for (int v : cells.planes.get(t))
				if (v > 0) ids.add(v);
			painted += ids.size();
		}
		// every spot of a visible track, and every visible spot of no track, is one cell in its frame
		java.util.Set<Integer> inTracks = new java.util.HashSet<>(), inVisible = new java.util.HashSet<>();
		for (TrackMateModel.Track t : m.tracks)
			for (TrackMateModel.Edge e : t.edges) {
				inTracks.add(e.source);
				inTracks.add(e.target);
				if (m.filteredTrackIds.contains(t.id)) {
					inVisible.add(e.source);
					inVisible.add(e.target);
				}
			}
		int expected = inVisible.size();
		for (TrackMateModel.Spot s : m.spots)
			if (!inTracks.contains(s.id) && s.feature("VISIBILITY") != 0) expected++;
		assertEquals(expected, painted);
	}
}
