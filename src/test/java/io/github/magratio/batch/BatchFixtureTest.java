package io.github.magratio.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.slurm.JavaCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Two test runs at once (two {@code mvn test} in one checkout, or CI and a developer) each have their own fixture: a
 * second test JVM making its fixture neither shares nor deletes this one's, and removes its own when it ends.
 */
class BatchFixtureTest {

	/** What the second test JVM runs: makes its fixture and prints where. */
	public static final class SecondJvm {
		public static void main(String[] args) throws Exception {
			System.out.println("root=" + BatchFixture.get().root);
		}
	}

	@Test
	void aSecondTestJvmMakesItsOwnFixtureAndLeavesThisOneAlone() throws Exception {
		BatchFixture f = BatchFixture.get();
		Path mine = f.root.resolve("only-in-this-jvm.txt");
		Files.write(mine, "kept".getBytes(StandardCharsets.UTF_8));
		byte[] before = Files.readAllBytes(f.in.resolve("B.tif"));

		Process p = new ProcessBuilder(JavaCommand.java().toString(), "-Xmx512m", "-Djava.awt.headless=true", "-cp",
			JavaCommand.classpathString(), SecondJvm.class.getName()).redirectErrorStream(true).start();
		p.getOutputStream().close();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
		assertEquals(0, p.exitValue(), out);
		assertTrue(out.contains("root="), out);
		Path theirs = Paths.get(out.substring(out.indexOf("root=") + 5).trim());

		assertNotEquals(f.root, theirs, "each test JVM has its own fixture folder");
		assertTrue(Files.isRegularFile(mine), "the second JVM did not delete this one's fixture");
		assertArrayEquals(before, Files.readAllBytes(f.in.resolve("B.tif")));
		assertFalse(Files.exists(theirs), "the second JVM removed its fixture when it ended: " + theirs);
	}
}
