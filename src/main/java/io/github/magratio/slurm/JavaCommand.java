package io.github.magratio.slurm;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * How to start MagRatio again in another JVM (a SLURM task on a compute node, a child process): this JVM's
 * {@code java} and its class path as absolute paths. A class path given through a jar's manifest (as Maven's test
 * runner and some launchers do) is expanded, so the command does not depend on a temporary launcher jar.
 */
public final class JavaCommand {

	private JavaCommand() {}

	/** @return the {@code java} executable of this JVM */
	public static Path java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
	}

	/**
	 * @return the options that give a child JVM the modules this one added beyond the default set:
	 *         {@code --add-modules jdk.incubator.vector} when it has the Vector API (the kernel's fast row loop), else
	 *         none
	 */
	public static List<String> moduleOptions() {
		List<String> out = new ArrayList<>();
		if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
			out.add("--add-modules");
			out.add("jdk.incubator.vector");
		}
		return out;
	}

	/** @return this JVM's class path, absolute, manifest class paths expanded, in order, without duplicates */
	public static List<Path> classpath() {
		Set<Path> out = new LinkedHashSet<>();
		for (String e : System.getProperty("java.class.path").split(File.pathSeparator))
			if (!e.isEmpty()) add(Paths.get(e).toAbsolutePath().normalize(), out, 0);
		return new ArrayList<>(out);
	}

	/** @return {@link #classpath()} joined with the path separator */
	public static String classpathString() {
		List<String> s = new ArrayList<>();
		for (Path p : classpath())
			s.add(p.toString());
		return String.join(File.pathSeparator, s);
	}

	private static void add(Path entry, Set<Path> out, int depth) {
		if (!out.add(entry) || depth > 2 || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) return;
		String cp;
		try (JarFile jar = new JarFile(entry.toFile())) {
			Manifest m = jar.getManifest();
			cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
		} catch (IOException e) {
			return;
		}
		if (cp == null || cp.trim().isEmpty()) return;
		Path base = entry.getParent();
		for (String item : cp.trim().split("\\s+")) {
			Path p;
			try {
				URI u = new URI(item);
				p = u.isAbsolute() ? Paths.get(u) : base.resolve(Paths.get(new URI(null, null, u.getPath(), null).getPath()));
			} catch (URISyntaxException | IllegalArgumentException e) {
				p = base.resolve(item);
			}
			add(p.toAbsolutePath().normalize(), out, depth + 1);
		}
		// a jar that only carries a class path (a launcher) is not needed once its entries are listed
		try (JarFile jar = new JarFile(entry.toFile())) {
			if (jar.stream().noneMatch(e -> e.getName().endsWith(".class"))) out.remove(entry);
		} catch (IOException e) {
			// keep it
		}
	}
}
