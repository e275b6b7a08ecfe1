package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install-imagej1 refuses a folder that is not an ImageJ (no ij.jar) before it builds or copies anything, with
 * one plain line (no terminal colour codes) that says what folder it wants.
 */
class InstallerTest {

	@TempDir
	Path dir;

	@Test
	void aFolderWithoutIjJarIsRefusedAndNothingIsInstalled() throws Exception {
		Process p = new ProcessBuilder("bash", "scripts/install-imagej1", dir.toString()).redirectErrorStream(true)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(2, p.waitFor(), out);
		assertEquals("install-imagej1: " + dir.toRealPath() + " holds no ij.jar: give the ImageJ folder (the one with " +
			"ij.jar and plugins/)\n", out);
		assertFalse(out.contains("\u001b"), "no colour codes");
		assertTrue(!Files.exists(dir.resolve("plugins")), "nothing installed");
	}
}
