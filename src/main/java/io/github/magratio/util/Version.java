package io.github.magratio.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The MagRatio software version, as filtered into the jar by Maven; recorded in every output's provenance. */
public final class Version {

	private static final String VERSION = load();

	private Version() {}

	/** @return the version string, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} when run from unfiltered classes */
	public static String get() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = Version.class.getResourceAsStream("/io/github/magratio/version.properties")) {
			if (in == null) return "unknown";
			Properties p = new Properties();
			p.load(in);
			String v = p.getProperty("version", "unknown");
			return v.startsWith("${") ? "unknown" : v;
		} catch (IOException e) {
			return "unknown";
		}
	}
}
