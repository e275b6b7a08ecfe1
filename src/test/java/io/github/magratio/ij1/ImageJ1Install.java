package io.github.magratio.ij1;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A throwaway plain ImageJ 1.54 installation laid out as {@code scripts/install-imagej1} lays it out: {@code ij.jar},
 * {@code plugins/MagRatio_.jar} (plugins.config only), {@code plugins/jars/magratio.jar} (the project's classes) and
 * the dependency jars ImageJ lacks in {@code plugins/jars/}. Runs a real ImageJ process on it under the X display of
 * the test (Xvfb in CI: plain ImageJ 1 needs a display even in {@code -batch} mode, as its menus are AWT objects).
 */
final class ImageJ1Install {

	/** One class of each runtime dependency ImageJ 1 lacks; their jars go to plugins/jars. */
	static final List<String> DEPENDENCY_MARKERS = List.of("net.imglib2.Interval", "org.scijava.Context",
		"org.scijava.parsington.Token", "org.apache.commons.math3.util.FastMath", "com.google.gson.Gson",
		"picocli.CommandLine");

	final Path root;
	final Path ijJar;

	private ImageJ1Install(Path root, Path ijJar) {
		this.root = root;
		this.ijJar = ijJar;
	}

	/** Skips the calling test unless an X display is available to child processes. */
	static void assumeDisplay() {
		String display = System.getenv("DISPLAY");
		assumeTrue(display != null && !display.isEmpty(), "no X display: run under xvfb-run (scripts/test does, " +
			"after scripts/install-test-deps)");
	}

	/** Builds the installation under {@code root}. */
	static ImageJ1Install create(Path root) throws IOException {
		Path plugins = root.resolve("plugins"), jars = plugins.resolve("jars");
		Files.createDirectories(jars);
		Path ij = Paths.get(jarOf("ij.ImageJ"));
		Files.copy(ij, root.resolve("ij.jar"));
		Path project = Paths.get("").toAbsolutePath();
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("MagRatio_.jar")))) {
			add(out, "plugins.config", project.resolve("src/main/ij1/plugins.config"));
		}
		Path classes = Paths.get(jarOf(MagRatioPlugIn.class.getName()));
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jars.resolve("magratio.jar")));
			Stream<Path> files = Files.walk(classes))
		{
			for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator)
				add(out, classes.relativize(f).toString().replace(File.separatorChar, '/'), f);
		}
		for (String marker : DEPENDENCY_MARKERS) {
			Path dep = Paths.get(jarOf(marker));
			Files.copy(dep, jars.resolve(dep.getFileName()));
		}
		return new ImageJ1Install(root, root.resolve("ij.jar"));
	}

	private static String jarOf(String className) {
		try {
			return Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI().getPath();
		} catch (Exception e) {
			throw new IllegalStateException("cannot locate " + className, e);
		}
	}

	private static void add(JarOutputStream out, String name, Path file) throws IOException {
		out.putNextEntry(new JarEntry(name));
		Files.copy(file, out);
		out.closeEntry();
	}

	/** The result of an ImageJ process. */
	static final class Run {
		final int exitCode;
		final String output;

		Run(int exitCode, String output) {
			this.exitCode = exitCode;
			this.output = output;
		}
	}

	/**
	 * Runs {@code java [extraClasspath:]ij.jar mainClass args} with this installation's plugins folder and a private
	 * home (ImageJ's preferences stay in the temp dir), killing it after {@code timeoutSeconds}.
	 */
	Run java(List<Path> extraClasspath, String mainClass, int timeoutSeconds, String... args) throws IOException,
		InterruptedException
	{
		return java(List.of(), extraClasspath, mainClass, timeoutSeconds, args);
	}

	/** As {@link #java(List, String, int, String...)}, with extra JVM options (e.g. {@code -Djava.awt.headless=true}). */
	Run java(List<String> jvmOptions, List<Path> extraClasspath, String mainClass, int timeoutSeconds, String... args)
		throws IOException, InterruptedException
	{
		List<String> cp = new ArrayList<>();
		for (Path p : extraClasspath)
			cp.add(p.toString());
		cp.add(ijJar.toString());
		List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-Xmx1g", "-Dplugins.dir=" + root, "-Duser.home=" + root.resolve("home")));
		cmd.addAll(jvmOptions);
		cmd.addAll(List.of("-cp", String.join(File.pathSeparator, cp), mainClass));
		cmd.addAll(Arrays.asList(args));
		Files.createDirectories(root.resolve("home"));
		Path log = Files.createTempFile(root, "imagej", ".log");
		Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log
			.toFile()).start();
		boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		if (!done) {
			p.destroyForcibly().waitFor();
			return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
		}
		return new Run(p.exitValue(), Files.readString(log));
	}

	/** Runs an ImageJ macro file in batch mode ({@code ij.ImageJ -batch macro arg}). */
	Run batch(Path macro, String arg, int timeoutSeconds) throws IOException, InterruptedException {
		return java(List.of(), "ij.ImageJ", timeoutSeconds, "-batch", macro.toString(), arg);
	}
}
