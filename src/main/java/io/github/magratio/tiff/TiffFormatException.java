package io.github.magratio.tiff;

import java.io.IOException;

/**
 * A TIFF file that is malformed, truncated or uses a feature this reader does not support. The message names the
 * file and, where it applies, the plane (1-based, as ImageJ numbers slices) and what was expected; it never quotes
 * more than a few dozen bytes of the file. Distinct from a plain {@link IOException}, which means the file system
 * failed (the file is fine, the disk or the permissions are not).
 */
public class TiffFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	/** @param message the whole message, naming the file */
	public TiffFormatException(String message) {
		super(message);
	}

	/** @param message the whole message, naming the file */
	public TiffFormatException(String message, Throwable cause) {
		super(message, cause);
	}
}
