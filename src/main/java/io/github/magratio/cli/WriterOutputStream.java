package io.github.magratio.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Adapts a picocli writer (stdout or stderr) to an {@link OutputStream}, for a {@link java.io.PrintStream} such as the
 * progress reporter's: bytes are buffered and printed to the writer as UTF-8 text at each newline and on
 * {@link #flush()}, so a multi-byte character is never split. Not thread-safe.
 */
final class WriterOutputStream extends OutputStream {
	private final PrintWriter w;
	private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

	WriterOutputStream(PrintWriter w) {
		this.w = w;
	}

	@Override
	public void write(int b) {
		buf.write(b);
		if (b == '\n') flush();
	}

	@Override
	public void flush() {
		w.print(new String(buf.toByteArray(), StandardCharsets.UTF_8));
		w.flush();
		buf.reset();
	}
}
