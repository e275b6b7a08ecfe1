package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import ij.io.FileSaver;

import io.github.magratio.batch.BatchTable;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.util.Csv;
import io.github.magratio.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: {@code magratio run} on one recording and on three is killed with SIGKILL at random moments (seeded),
 * 25 times each, in episodes of five kills on the same output folder. After every kill nothing in the output folder
 * looks complete unless it is (a visible result folder equals the uninterrupted run's; temporaries are hidden), and a
 * rerun after each episode completes, removes what the killed runs left, and produces exactly the uninterrupted run's
 * outputs (run.json apart from its timings and creation time).
 */
public class CrashSafetyTest {

	@TempDir
	static Path tmp;
	static Path[] recordings = new Path[3];
	static Path refOne, refThree;
	static final String[] CAL = { "--kd", "1.5", "--rmin", "0.4", "--rmax", "4", "--beta", "3", "-q" };
	static long msOne, msThree;

	@BeforeAll
	static void setUp() throws Exception {
		System.setProperty("java.awt.headless", "true");
		for (int i = 0; i < 3; i++) {
			SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().seed(i + 1).width(80).height(64)
				.cells(3).touchingPairs(0).frames(6).build());
			recordings[i] = tmp.resolve("rec" + i + ".tif");
			new FileSaver(s.imagePlus()).saveAsTiffStack(recordings[i].toString());
		}
		long t0 = System.nanoTime();
		refOne = tmp.resolve("ref-one");
		assertEquals(0, ChildJvm.magratio(tmp.resolve("logs-ref1"), args(refOne, 1)).code);
		msOne = (System.nanoTime() - t0) / 1_000_000;
		t0 = System.nanoTime();
		refThree = tmp.resolve("ref-three");
		assertEquals(0, ChildJvm.magratio(tmp.resolve("logs-ref3"), args(refThree, 3)).code);
		msThree = (System.nanoTime() - t0) / 1_000_000;
	}

	static String[] args(Path out, int inputs) {
		List<String> a = new ArrayList<>();
		a.add("run");
		for (int i = 0; i < inputs; i++)
			a.add(recordings[i].toString());
		a.add("--out");
		a.add(out.toString());
		a.addAll(Arrays.asList(CAL));
		return a.toArray(new String[0]);
	}

	@Test
	void fiftyKillsNeverLeaveAFolderThatLooksCompleteAndRerunsCompleteExactly() throws Exception {
		Random rnd = new Random(20261201);
		int kills = 0;
		for (int inputs : new int[] { 1, 3 }) {
			long ms = inputs == 1 ? msOne : msThree;
			Path ref = inputs == 1 ? refOne : refThree;
			int modeKills = 0, attempts = 0;
			for (int episode = 0; modeKills < 25; episode++) {
				Path out = tmp.resolve("kill-" + inputs + "-" + episode);
				for (int k = 0; k < 5 && modeKills < 25; attempts++) {
					// a run that ends before its kill is checked too; on a loaded machine some do
					assertTrue(attempts < 200, "too many runs finished before their kill");
					Process p = ChildJvm.start(tmp.resolve("logs"), ChildJvm.command(args(out, inputs)));
					long delay = (long) (rnd.nextDouble() * 0.85 * ms);
					if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
						p.destroyForcibly(); // SIGKILL
						p.waitFor(30, TimeUnit.SECONDS);
						k++;
						modeKills++;
						kills++;
					}
					nothingLooksCompleteUnlessItIs(out, ref, "after kill " + kills + " (" + delay + " ms)");
				}
				ChildJvm.Result r = ChildJvm.magratio(tmp.resolve("logs-rerun"), args(out, inputs));
				// one input whose result a killed run had already finished is refused (exit 2), several are kept
				assertTrue(r.code == 0 || inputs == 1 && r.code == 2 && r.err.contains("exists"), r.code + ": " + r.err);
				sameAsUninterrupted(out, ref, inputs);
			}
		}
		assertEquals(50, kills);
	}

	/** Visible result folders equal the reference's; everything else is hidden (a temporary) or batch.csv. */
	static void nothingLooksCompleteUnlessItIs(Path out, Path ref, String when) throws Exception {
		if (!Files.exists(out)) return;
		for (Path p : list(out)) {
			String name = p.getFileName().toString();
			if (name.startsWith(".")) continue;
			if (name.equals(BatchTable.BATCH)) {
				Csv.Table t = Csv.read(p);
				assertEquals(BatchTable.header(), t.header(), when);
				for (List<String> row : t.rows())
					if (done(row)) sameFolder(out.resolve(row.get(col(BatchTable.Column.OUTPUT))), ref.resolve(Path.of(
						row.get(col(BatchTable.Column.OUTPUT))).getFileName()), when + ", batch.csv says " + row.get(col(
							BatchTable.Column.STATUS)));
				continue;
			}
			if (name.equals(BatchTable.SUMMARY)) continue; // counts only, written after batch.csv
			assertTrue(Files.isDirectory(p), when + ": a visible file " + p);
			sameFolder(p, ref.resolve(name), when);
		}
	}

	static void sameAsUninterrupted(Path out, Path ref, int inputs) throws Exception {
		List<String> names = new ArrayList<>(), expected = new ArrayList<>();
		for (Path p : list(out))
			names.add(p.getFileName().toString());
		for (Path p : list(ref))
			expected.add(p.getFileName().toString());
		assertEquals(expected, names, "the rerun leaves exactly the uninterrupted run's entries (no temporaries)");
		for (Path p : list(ref))
			if (Files.isDirectory(p)) sameFolder(out.resolve(p.getFileName()), p, "after the rerun");
		if (inputs > 1) {
			Csv.Table a = Csv.read(out.resolve(BatchTable.BATCH)), b = Csv.read(ref.resolve(BatchTable.BATCH));
			assertEquals(b.rows().size(), a.rows().size());
			for (int i = 0; i < a.rows().size(); i++) {
				// a result a killed run had finished is kept by the rerun (skipped), the others run again (ok)
				assertTrue(done(a.rows().get(i)), "batch.csv row " + i + ": " + a.rows().get(i));
				for (BatchTable.Column c : new BatchTable.Column[] { BatchTable.Column.INPUT, BatchTable.Column.ERROR,
					BatchTable.Column.OUTPUT, BatchTable.Column.CELLS, BatchTable.Column.FRAMES })
					assertEquals(b.rows().get(i).get(col(c)), a.rows().get(i).get(col(c)), "batch.csv row " + i + " " +
						c.header);
			}
		}
	}

	static int col(BatchTable.Column c) {
		return c.ordinal();
	}

	/** True for a row whose result is complete: run now (ok) or kept from an earlier run (skipped). */
	static boolean done(List<String> row) {
		String status = row.get(col(BatchTable.Column.STATUS));
		return status.equals("ok") || status.equals("skipped");
	}

	/** Every file identical; run.json apart from its creation time and timings. */
	static void sameFolder(Path got, Path ref, String when) throws Exception {
		assertTrue(Files.isDirectory(got), when + ": " + got + " is not a folder");
		List<String> g = new ArrayList<>(), r = new ArrayList<>();
		for (Path p : list(got))
			g.add(p.getFileName().toString());
		for (Path p : list(ref))
			r.add(p.getFileName().toString());
		assertEquals(r, g, when + ": " + got + " has other files than a complete result");
		for (String f : r) {
			if (f.equals("run.json")) {
				JsonObject a = Json.parse(got.resolve(f), f).getAsJsonObject(), b = Json.parse(ref.resolve(f), f)
					.getAsJsonObject();
				for (JsonObject o : new JsonObject[] { a, b }) {
					o.remove("created");
					o.remove("timings");
				}
				assertEquals(b, a, when + ": " + got.resolve(f));
			}
			else assertArrayEquals(Files.readAllBytes(ref.resolve(f)), Files.readAllBytes(got.resolve(f)), when + ": " +
				got.resolve(f));
		}
	}

	static List<Path> list(Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			TreeSet<Path> sorted = new TreeSet<>();
			s.forEach(sorted::add);
			return new ArrayList<>(sorted);
		}
	}
}
