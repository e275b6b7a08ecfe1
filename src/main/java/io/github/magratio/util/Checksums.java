package io.github.magratio.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** File checksums for provenance (run.json, calibration files). */
public final class Checksums {

	private Checksums() {}

	/** @return the lowercase hex SHA-256 of the file's bytes, streamed (constant memory) */
	public static String sha256(Path file) throws IOException {
		MessageDigest md;
		try {
			md = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		byte[] buf = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buf)) > 0)
				md.update(buf, 0, n);
		}
		StringBuilder sb = new StringBuilder();
		for (byte b : md.digest())
			sb.append(String.format("%02x", b));
		return sb.toString();
	}
}
