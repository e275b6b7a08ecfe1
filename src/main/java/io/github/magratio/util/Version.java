package io.github.magratio.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The MagRatio software version, as filtered into the jar by Maven; recorded in every output's provenance. */
public final class Version {

	private static final Properties BUILD = load();

	private static final String VERSION = value("version");

	private static final String COMMIT = value("commit");

	/** System property holding the process's command line ({@code magratio run ...}), set by the CLI's entry point. */
	public static final String COMMAND_LINE_PROPERTY = "magratio.command_line";

	private Version() {}

	/** @return the version string, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} when run from unfiltered classes */
	public static String get() {
		return VERSION;
	}

	/**
	 * @return the git commit the jar was built from (pom-scijava's build number: the newest commit that is not a merge,
	 *         as maven-scm reports it), or {@code unknown} (a build outside git, unfiltered classes)
	 */
	public static String commit() {
		return COMMIT;
	}

	/** @return the command line of this process as the CLI's entry point recorded it, or null (Fiji, tests) */
	public static String commandLine() {
		return System.getProperty(COMMAND_LINE_PROPERTY);
	}

	private static String value(String key) {
		String v = BUILD.getProperty(key, "unknown");
		return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
	}

	private static Properties load() {
		Properties p = new Properties();
		try (InputStream in = Version.class.getResourceAsStream("/io/github/magratio/version.properties")) {
			if (in != null) p.load(in);
		} catch (IOException e) {
			// unknown version and commit
		}
		return p;
	}
}
