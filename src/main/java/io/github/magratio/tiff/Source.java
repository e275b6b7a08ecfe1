package io.github.magratio.tiff;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random-access bytes: a file (positional reads, no shared position) or an array (tests and fuzzing). */
abstract class Source implements Closeable {

	/** @return a name for messages */
	abstract String name();

	/** @return the length in bytes, fixed when opened */
	abstract long size();

	/** Reads exactly {@code len} bytes at {@code position}, or throws {@link EOFException}. */
	abstract void read(long position, byte[] dst, int off, int len) throws IOException;

	/** @return an independent source over the same bytes (a new file channel) */
	abstract Source reopen() throws IOException;

	static Source of(Path file) throws IOException {
		return new FileSource(file);
	}

	static Source of(byte[] data, String name) {
		return new ArraySource(data, name);
	}

	private static final class FileSource extends Source {
		private final Path file;
		private final FileChannel channel;
		private final long size;
		private ByteBuffer view;
		private byte[] viewArray;

		FileSource(Path file) throws IOException {
			this.file = file;
			this.channel = FileChannel.open(file, StandardOpenOption.READ);
			this.size = channel.size();
		}

		@Override
		String name() {
			return file.toString();
		}

		@Override
		long size() {
			return size;
		}

		@Override
		void read(long position, byte[] dst, int off, int len) throws IOException {
			// one wrapper per destination array: no allocation per read in steady state
			if (viewArray != dst) {
				view = ByteBuffer.wrap(dst);
				viewArray = dst;
			}
			view.limit(off + len).position(off);
			long pos = position;
			while (view.hasRemaining()) {
				int n = channel.read(view, pos);
				if (n < 0) throw new EOFException(file + " ended at byte " + pos + " while reading " + len +
					" bytes at " + position + " (was it truncated while being read?)");
				pos += n;
			}
		}

		@Override
		Source reopen() throws IOException {
			return new FileSource(file);
		}

		@Override
		public void close() throws IOException {
			channel.close();
		}
	}

	private static final class ArraySource extends Source {
		private final byte[] data;
		private final String name;

		ArraySource(byte[] data, String name) {
			this.data = data;
			this.name = name;
		}

		@Override
		String name() {
			return name;
		}

		@Override
		long size() {
			return data.length;
		}

		@Override
		void read(long position, byte[] dst, int off, int len) throws IOException {
			if (position < 0 || position + len > data.length) throw new EOFException(name + ": " + len +
				" bytes at " + position + " lie beyond its end (" + data.length + " bytes)");
			System.arraycopy(data, (int) position, dst, off, len);
		}

		@Override
		Source reopen() {
			return this;
		}

		@Override
		public void close() {}
	}
}
