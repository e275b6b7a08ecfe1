package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.cli.CliRun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings and calibration files of docs/bad-inputs.md: strict RFC 8259, refused by the real command line with one
 * line giving the file, line and column, quoting at most 32 characters.
 */
class BadJsonTest {

	@TempDir
	static Path tmp;
	static Path good;

	@BeforeAll
	static void setUp() {
		good = Bad.save(Bad.synth(7).imagePlus(), tmp.resolve("good.tif"));
	}

	/** Runs with {@code text} as the settings file; returns the result. */
	static CliRun settings(String name, byte[] content) throws Exception {
		Path f = Files.write(tmp.resolve(name), content);
		return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Bad.run(good.toString(), "--out", tmp.resolve(
			"out").toString(), "--config", f.toString()));
	}

	static CliRun settings(String name, String text) throws Exception {
		return settings(name, text.getBytes(StandardCharsets.UTF_8));
	}

	static CliRun calibration(String name, String text) throws Exception {
		Path f = Files.write(tmp.resolve(name), text.getBytes(StandardCharsets.UTF_8));
		return CliRun.run("run", good.toString(), "--out", tmp.resolve("out").toString(), "--calibration", f
			.toString(), "-q");
	}

	@Test
	void lenientJsonIsRefused() throws Exception {
		Bad.userError(settings("unquoted.json", "{background: \"surface\"}"), "unquoted.json", "line 1, column 2",
			"expected a key in double quotes");
		Bad.userError(settings("single.json", "{'background': 'surface'}"), "single.json",
			"keys must be in double quotes, not single quotes");
		Bad.userError(settings("comment.json", "{\"guard_px\": 3 // three\n}"), "comment.json", "line 1, column 16",
			"comments are not allowed");
		Bad.userError(settings("trailing.json", "{\"guard_px\": 3,}"), "trailing.json", "trailing commas");
		Bad.userError(calibration("nan.json", "{\"rmin\": NaN, \"rmax\": 4, \"beta\": 3}"), "nan.json",
			"RFC 8259 has no NaN", "use null");
	}

	@Test
	void aDuplicateKeyIsRefusedByName() throws Exception {
		Bad.userError(calibration("dup.json", "{\"rmin\": 0.4, \"rmax\": 4, \"beta\": 3,\n \"rmin\": 0.2}"),
			"dup.json", "line 2, column 2", "the key 'rmin' appears twice");
	}

	@Test
	void deepNestingIsRefusedWithoutAStackOverflow() throws Exception {
		StringBuilder b = new StringBuilder("{\"notes\": ");
		for (int i = 0; i < 100000; i++)
			b.append('[');
		CliRun r = settings("deep.json", b.toString());
		Bad.userError(r, "deep.json", "nested deeper than 64 levels");
	}

	@Test
	void aHugeFileIsRefusedBeforeItIsReadAndLongValuesAreNotEchoed() throws Exception {
		byte[] big = new byte[(16 << 20) + 1];
		java.util.Arrays.fill(big, (byte) ' ');
		Bad.userError(settings("big.json", big), "big.json", "16777217 bytes", "at most 16777216");
		// a 1 MB string where a number belongs: the message quotes 32 characters of it
		StringBuilder s = new StringBuilder("{\"guard_px\": \"");
		for (int i = 0; i < 1 << 20; i++)
			s.append('x');
		CliRun r = settings("long.json", s + "\"}");
		Bad.userError(r, "long.json", "guard_px: must be a number");
		assertTrue(r.err.length() < 400, r.err.length() + " characters: " + r.err);
		// and an unknown key of a megabyte
		StringBuilder key = new StringBuilder("{\"");
		for (int i = 0; i < 1 << 20; i++)
			key.append('x');
		r = settings("key.json", key + "\": 1}");
		Bad.userError(r, "key.json", "xxxxxxxxx...: unknown setting (known: ");
		assertTrue(r.err.length() < 1200, r.err.length() + " characters");
	}

	@Test
	void aByteOrderMarkIsAcceptedAndOtherEncodingsAreRefused() throws Exception {
		byte[] json = "{\"guard_px\": 3}".getBytes(StandardCharsets.UTF_8);
		byte[] bom = new byte[json.length + 3];
		bom[0] = (byte) 0xEF;
		bom[1] = (byte) 0xBB;
		bom[2] = (byte) 0xBF;
		System.arraycopy(json, 0, bom, 3, json.length);
		CliRun r = settings("bom.json", bom);
		assertEquals(0, r.code, r.err);
		Bad.userError(settings("utf16.json", "{\"guard_px\": 3}".getBytes(StandardCharsets.UTF_16)), "utf16.json",
			"UTF-16", "save it as UTF-8");
		Bad.userError(settings("latin1.json", "{\"notes\": \"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)),
			"latin1.json", "not UTF-8", "0xE9", "line 1");
	}
}
