package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.magratio.pipeline.PipelineSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files a batch takes and where their results go (no file is opened here): the glob, 340/380 pairs, result
 * folders mirroring the input tree, collisions, and the folders a batch refuses.
 */
class InputScanTest {

	@TempDir
	Path tmp;

	static PipelineSettings settings(String... kv) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_RMIN, 0.4);
		o.addProperty(PipelineSettings.KEY_RMAX, 4);
		o.addProperty(PipelineSettings.KEY_BETA, 3);
		for (int i = 0; i < kv.length; i += 2)
			o.addProperty(kv[i], kv[i + 1]);
		return PipelineSettings.fromJson(o);
	}

	Path touch(String rel) throws Exception {
		Path p = tmp.resolve("in").resolve(rel);
		Files.createDirectories(p.getParent());
		Files.write(p, new byte[] { 1, 2, 3 });
		return p;
	}

	/** id -> folder (or "error: ..."). */
	Map<String, String> scan(String glob, PipelineSettings s) throws Exception {
		Map<String, String> m = new LinkedHashMap<>();
		for (BatchJob j : InputScan.scan(tmp.resolve("in"), glob, tmp.resolve("out"), s))
			m.put(j.toString(), j.error() == null ? j.folder() : "error: " + j.error());
		return m;
	}

	@Test
	void resultFoldersMirrorTheInputTreeSoEqualNamesNeverCollide() throws Exception {
		touch("A.tif");
		touch("day1/A.tif");
		touch("day2/A.TIF");
		touch("day2/deep/B.ome.tif");
		touch("notes.txt");
		touch(".hidden.tif");
		touch("._A.tif");
		touch(".cache/C.tif");
		Map<String, String> m = scan(InputScan.DEFAULT_GLOB, settings());
		Map<String, String> want = new LinkedHashMap<>();
		want.put("A.tif", "A");
		want.put("day1/A.tif", "day1/A");
		want.put("day2/A.TIF", "day2/A");
		want.put("day2/deep/B.ome.tif", "day2/deep/B");
		assertEquals(want, m, "hidden files and folders are skipped, **/ matches the top level too");
		assertEquals(Map.of("A.tif", "A"), scan("*.tif", settings()), "without **/ only the top level");
		assertEquals(Map.of("day1/A.tif", "day1/A"), scan("day1/*.tif", settings()));
	}

	@Test
	void separateStacksPairByTheirMarkers() throws Exception {
		touch("P-340.tif");
		touch("P-380.tif");
		touch("exp_340nm_t1.tif");
		touch("exp_380nm_t1.tif");
		touch("Q-340.tif");
		touch("R-380.tif");
		touch("cell-3400.tif"); // -340 followed by a digit is not the marker
		Map<String, String> m = scan("*.tif", settings());
		assertEquals("P", m.get("P-340.tif + P-380.tif"));
		assertEquals("cell-3400", m.get("cell-3400.tif"));
		assertTrue(m.get("Q-340.tif").startsWith("error: no 380 nm partner: expected ") && m.get("Q-340.tif").contains(
			"Q-380.tif"), m.toString());
		assertTrue(m.get("R-380.tif").startsWith("error: no 340 nm partner"), m.toString());
		assertEquals("exp_340nm_t1", m.get("exp_340nm_t1.tif"), "not the default marker: a recording of its own");
		assertEquals(6, m.size(), m.toString());
		Map<String, String> custom = scan("*.tif", settings(PipelineSettings.KEY_PAIR340, "_340nm",
			PipelineSettings.KEY_PAIR380, "_380nm"));
		assertEquals("exp_t1", custom.get("exp_340nm_t1.tif + exp_380nm_t1.tif"), custom.toString());
		Map<String, String> none = scan("*.tif", settings(PipelineSettings.KEY_PAIR340, "", PipelineSettings.KEY_PAIR380,
			""));
		assertEquals("P-340", none.get("P-340.tif"), "no pairing: every file is a recording");
		assertThrows(IllegalArgumentException.class, () -> settings(PipelineSettings.KEY_PAIR340, "-340",
			PipelineSettings.KEY_PAIR380, ""));
	}

	@Test
	void collidingAndNestedResultFoldersFailByName() throws Exception {
		touch("A.tif");
		touch("A.tiff");
		touch("X.tif");
		touch("X/Y.tif");
		Map<String, String> m = scan(InputScan.DEFAULT_GLOB, settings());
		assertTrue(m.get("A.tif").equals("error: A.tif and A.tiff would both write the result folder A/; rename one " +
			"of them"), m.toString());
		assertEquals(m.get("A.tif"), m.get("A.tiff"));
		assertEquals("X", m.get("X.tif"));
		assertEquals("error: its result folder X/Y/ would lie inside X/, the result of X.tif; rename the file or the " +
			"folder", m.get("X/Y.tif"));
	}

	@Test
	void brokenLinksAndNonFilesAreFailedInputs() throws Exception {
		touch("good.tif");
		Files.createSymbolicLink(tmp.resolve("in/moved.tif"), tmp.resolve("elsewhere/moved.tif"));
		Map<String, String> m = scan("*.tif", settings());
		assertEquals("good", m.get("good.tif"));
		assertEquals("error: cannot read " + tmp.resolve("in").toRealPath().resolve("moved.tif") + ": it is a broken " +
			"link (to " + tmp.resolve("elsewhere/moved.tif") + ", which does not exist)", m.get("moved.tif"));
	}

	@Test
	void foldersThatOverlapAreRefused() throws Exception {
		touch("A.tif");
		Path in = tmp.resolve("in");
		PipelineSettings s = settings();
		String same = assertThrows(IllegalArgumentException.class, () -> InputScan.scan(in, "*.tif", in, s)).getMessage();
		assertTrue(same.contains("is the input folder"), same);
		String inside = assertThrows(IllegalArgumentException.class, () -> InputScan.scan(in.resolve("sub"), "*.tif",
			in, s)).getMessage();
		assertTrue(inside.startsWith("input folder") || inside.contains("does not exist"), inside);
		Files.createDirectories(in.resolve("sub"));
		inside = assertThrows(IllegalArgumentException.class, () -> InputScan.scan(in.resolve("sub"), "*.tif", in, s))
			.getMessage();
		assertTrue(inside.contains("is inside the output folder"), inside);
		String reach = assertThrows(IllegalArgumentException.class, () -> InputScan.scan(in, "**/*.tif", in.resolve(
			"results"), s)).getMessage();
		assertTrue(reach.contains("would take its results (e.g. results/A/ratio.tif) as inputs"), reach);
		// a glob that cannot reach the results is fine, and the output folder is never scanned
		Files.createDirectories(in.resolve("results/A"));
		Files.write(in.resolve("results/A/ratio.tif"), new byte[] { 1 });
		List<BatchJob> jobs = InputScan.scan(in, "*.tif", in.resolve("results"), s);
		assertEquals(1, jobs.size());
		assertNull(jobs.get(0).error());
	}

	@Test
	void aLinkInTheInputFolderToTheOutputFolderIsNotFollowed() throws Exception {
		touch("A.tif");
		Path out = tmp.resolve("out");
		for (String r : new String[] { "A/ratio.tif", "A/mg.tif", "A/labels.tif", "day1/B/ratio.tif" }) {
			Files.createDirectories(out.resolve(r).getParent());
			Files.write(out.resolve(r), new byte[] { 1 });
		}
		Files.createSymbolicLink(tmp.resolve("in/results"), out);
		Files.createSymbolicLink(tmp.resolve("in/up"), tmp); // reaches the output folder one level further down
		Map<String, String> m = scan(InputScan.DEFAULT_GLOB, settings());
		assertEquals(Map.of("A.tif", "A"), m, "earlier results are never inputs, however the input folder reaches them");
	}

	@Test
	void anEmptyFolderOrAGlobMatchingNothingIsAnError() throws Exception {
		Path in = Files.createDirectories(tmp.resolve("in"));
		String empty = assertThrows(IllegalArgumentException.class, () -> scan("*.tif", settings())).getMessage();
		assertEquals("input folder " + in + " holds no files (hidden files are skipped)", empty);
		touch("notes.txt");
		String none = assertThrows(IllegalArgumentException.class, () -> scan("*.tif", settings())).getMessage();
		assertTrue(none.startsWith("no input: none of the 1 files in " + in + " matches --glob '*.tif'"), none);
		String bad = assertThrows(IllegalArgumentException.class, () -> scan("*.{tif", settings())).getMessage();
		assertTrue(bad.startsWith("--glob '*.{tif' is not a valid glob"), bad);
		String missing = assertThrows(IllegalArgumentException.class, () -> InputScan.scan(tmp.resolve("nope"), "*.tif",
			tmp.resolve("out"), settings())).getMessage();
		assertEquals("input folder " + tmp.resolve("nope") + " does not exist", missing);
	}
}
