package io.github.magratio.core;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One label plane per frame, kept compressed (deflate of the 16-bit ids): a cell mask of a 1024 x 1024 frame takes a
 * few tens of kB instead of 2 MB, so per-frame segmentation of a long recording fits in memory. Ids are 0..65535.
 * Not thread-safe.
 */
public final class LabelPlanes {

	private final int width, height;
	private final List<byte[]> planes = new ArrayList<>();

	/** An empty store for planes of {@code width x height}. */
	public LabelPlanes(int width, int height) {
		this.width = width;
		this.height = height;
	}

	/**
	 * Appends the next frame's plane.
	 *
	 * @throws IllegalArgumentException for a plane of another size or an id outside 0..65535
	 */
	public void add(int[] labels) {
		if (labels.length != width * height) throw new IllegalArgumentException("label plane of " + labels.length +
			" pixels, expected " + width + "x" + height);
		planes.add(compress(labels));
	}

	private static byte[] compress(int[] labels) {
		byte[] raw = new byte[2 * labels.length];
		for (int i = 0; i < labels.length; i++) {
			int v = labels[i];
			if (v < 0 || v > 65535) throw new IllegalArgumentException("label " + v + " outside 0..65535");
			raw[2 * i] = (byte) v;
			raw[2 * i + 1] = (byte) (v >>> 8);
		}
		Deflater d = new Deflater(Deflater.BEST_SPEED);
		d.setInput(raw);
		d.finish();
		ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 16 + 64);
		byte[] buf = new byte[65536];
		while (!d.finished())
			out.write(buf, 0, d.deflate(buf));
		d.end();
		return out.toByteArray();
	}

	/**
	 * Gives every plane's labels new ids, in place: label {@code v} becomes {@code newId[v]} (0 stays 0). Planes it
	 * does not change are not rewritten; nothing is read when every id keeps its value.
	 *
	 * @param newId new id of each id (index), e.g. {@link OverlapLinker#finalIds()}
	 * @throws IllegalArgumentException for an id beyond the array or a new id outside 0..65535
	 */
	public void relabel(int[] newId) {
		boolean identity = true;
		for (int v = 0; v < newId.length && identity; v++)
			identity = newId[v] == v;
		if (identity) return;
		for (int t = 0; t < planes.size(); t++) {
			int[] p = get(t);
			boolean changed = false;
			for (int i = 0; i < p.length; i++) {
				int v = p[i];
				if (v == 0) continue;
				if (v >= newId.length) throw new IllegalArgumentException("label " + v + " in plane " + t +
					" has no new id (ids up to " + (newId.length - 1) + ")");
				if (newId[v] != v) {
					p[i] = newId[v];
					changed = true;
				}
			}
			if (changed) planes.set(t, compress(p));
		}
	}

	/** @return the number of planes */
	public int size() {
		return planes.size();
	}

	/** @return plane {@code t} (0-based) as a new label array */
	public int[] get(int t) {
		byte[] raw = new byte[2 * width * height];
		Inflater inf = new Inflater();
		inf.setInput(planes.get(t));
		try {
			int n = 0;
			while (n < raw.length && !inf.finished())
				n += inf.inflate(raw, n, raw.length - n);
		} catch (DataFormatException e) {
			throw new IllegalStateException("label plane " + t + " is corrupt", e);
		} finally {
			inf.end();
		}
		int[] out = new int[width * height];
		for (int i = 0; i < out.length; i++)
			out[i] = (raw[2 * i] & 0xff) | ((raw[2 * i + 1] & 0xff) << 8);
		return out;
	}
}
