package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import io.github.magratio.cli.CliRun;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;
import io.github.magratio.tiff.TiffBytes;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Shared by the tests of docs/bad-inputs.md: a small synthetic recording, files crafted from it byte by byte, and
 * the assertions every refusal must meet (exit code, one line naming the file or key, no stack trace, nothing left
 * behind).
 */
final class Bad {

	static final String[] CAL = { "--kd", "1.5", "--rmin", "0.4", "--rmax", "4", "--beta", "3", "-q" };

	private Bad() {}

	/** A 80 x 64 px, 6-frame, 4-cell synthetic recording (16-bit hyperstack, C = 2). */
	static SyntheticRecording synth(long seed) {
		System.setProperty("java.awt.headless", "true");
		return SyntheticRecording.generate(SynthSettings.builder().seed(seed).width(80).height(64).cells(4)
			.touchingPairs(0).frames(6).build());
	}

	static Path save(ImagePlus imp, Path p) {
		if (imp.getStackSize() > 1) new FileSaver(imp).saveAsTiffStack(p.toString());
		else new FileSaver(imp).saveAsTiff(p.toString());
		return p;
	}

	/** @return magratio run ARGS with the test calibration */
	static CliRun run(String... args) {
		List<String> a = new ArrayList<>();
		a.add("run");
		a.addAll(Arrays.asList(args));
		a.addAll(Arrays.asList(CAL));
		return CliRun.run(a.toArray(new String[0]));
	}

	/**
	 * Asserts the refusal of a user mistake: exit 2, stderr one line "magratio: ..." containing every fragment, no
	 * stack trace.
	 */
	static void userError(CliRun r, String... fragments) {
		assertEquals(2, r.code, "exit code; stderr: " + r.err);
		oneLine(r.err, fragments);
	}

	/** Asserts an environment failure: exit 1, one line naming what failed. */
	static void environmentFailure(int code, String err, String... fragments) {
		assertEquals(1, code, "exit code; stderr: " + err);
		oneLine(err, fragments);
	}

	static void oneLine(String err, String... fragments) {
		String e = err.trim();
		assertTrue(e.startsWith("magratio: "), e);
		assertEquals(1, e.split("\n").length, "one line: " + e);
		assertFalse(e.contains("Exception") || e.contains("\tat "), "no stack trace or exception name: " + e);
		for (String f : fragments)
			assertTrue(e.contains(f), "message should contain '" + f + "': " + e);
	}

	/** Asserts that {@code out} holds nothing but hidden or no entries. */
	static void nothingLeft(Path out) throws Exception {
		if (!Files.exists(out)) return;
		try (java.util.stream.Stream<Path> s = Files.list(out)) {
			assertEquals(0, s.count(), "nothing left behind in " + out);
		}
	}

	/** @return the 2T planes of a recording interleaved 340, 380, 340, ... */
	static List<short[]> interleaved(SyntheticRecording s) {
		ImageStack st = s.imagePlus().getStack();
		List<short[]> planes = new ArrayList<>();
		for (int i = 1; i <= st.getSize(); i++)
			planes.add((short[]) st.getPixels(i));
		return planes;
	}

	static byte[] bytes(short[] plane, ByteOrder order) {
		ByteBuffer b = ByteBuffer.allocate(2 * plane.length).order(order);
		b.asShortBuffer().put(plane);
		return b.array();
	}

	static byte[] deflate(byte[] raw) {
		Deflater d = new Deflater();
		d.setInput(raw);
		d.finish();
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		byte[] buf = new byte[65536];
		while (!d.finished())
			o.write(buf, 0, d.deflate(buf));
		d.end();
		return o.toByteArray();
	}

	/** How to spoil one plane's strip of a crafted file. */
	interface Spoil {
		byte[] apply(byte[] strip);
	}

	/**
	 * A single-channel stack of {@code planes} (16-bit, one strip per plane), deflate-compressed or not, whose plane
	 * {@code spoiled} (0-based; -1 = none) is changed by {@code spoil}, with an ImageJ description of the stack.
	 */
	static byte[] stack(List<short[]> planes, int width, int height, boolean deflate, int spoiled, Spoil spoil) {
		return stack(planes, width, height, deflate, spoiled, spoil, "ImageJ=1.54p\nimages=" + planes.size() +
			"\nframes=" + planes.size() + "\nfinterval=2.0\n");
	}

	/** The same as a 2-channel hyperstack (planes alternate 340, 380). */
	static byte[] hyperstack(List<short[]> planes, int width, int height, boolean deflate, int spoiled, Spoil spoil) {
		return stack(planes, width, height, deflate, spoiled, spoil, "ImageJ=1.54p\nimages=" + planes.size() +
			"\nchannels=2\nframes=" + planes.size() / 2 + "\nhyperstack=true\nfinterval=2.0\n");
	}

	private static byte[] stack(List<short[]> planes, int width, int height, boolean deflate, int spoiled, Spoil spoil,
		String description)
	{
		ByteOrder o = ByteOrder.LITTLE_ENDIAN;
		TiffBytes t = new TiffBytes(o, false);
		for (int k = 0; k < planes.size(); k++) {
			byte[] strip = bytes(planes.get(k), o);
			if (deflate) strip = deflate(strip);
			if (k == spoiled) strip = spoil.apply(strip);
			TiffBytes.Ifd d = t.ifd().grey(width, height, 16, 1, deflate ? 8 : 1).strips(height, strip);
			if (k == 0) d.ascii(270, description);
		}
		return t.build();
	}
}
