package io.github.magratio.ij;

import ij.gui.Roi;
import ij.io.RoiDecoder;

import io.github.magratio.util.Text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads ImageJ ROI files ({@code .roi}) and ROI Manager sets ({@code .zip}) a user hands over, with every size bounded
 * before it is read: at most {@value #MAX_ENTRIES} entries, {@value #MAX_ENTRY_BYTES} bytes per ROI and
 * {@value #MAX_TOTAL_BYTES} in all (a zip entry's declared size is checked first, and the bytes actually inflated are
 * counted, so a zip bomb stops at the limit), and each ROI's header checked against its length before ImageJ's
 * {@link RoiDecoder} allocates what the header declares. A damaged entry is an error naming it, never skipped (that
 * would renumber the cells after it). Stateless.
 */
public final class RoiFiles {

	/** Most entries of a ROI set: a 16-bit label image holds 65535 cells. */
	public static final int MAX_ENTRIES = 65535;
	/** Most bytes of one ROI: 2 million outline points with float coordinates. */
	public static final int MAX_ENTRY_BYTES = 16 << 20;
	/** Most bytes of all ROIs of a set. */
	public static final long MAX_TOTAL_BYTES = 256L << 20;

	private RoiFiles() {}

	/**
	 * Reads every ROI of a {@code .roi} file or a ROI Manager {@code .zip}, in file order.
	 *
	 * @param what how to name the file in messages, e.g. "ROI file x.zip"
	 * @throws IllegalArgumentException naming the file and entry when something is not a valid ROI or exceeds a limit
	 */
	public static List<Roi> read(Path file, String what) throws IOException {
		if (!Files.exists(file)) throw new IllegalArgumentException(what + io.github.magratio.util.Inputs.whyMissing(
			file));
		if (!Files.isRegularFile(file)) throw new IllegalArgumentException(what + " is not a file");
		List<Roi> rois = new ArrayList<>();
		String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (lower.endsWith(".roi")) {
			long size = Files.size(file);
			if (size > MAX_ENTRY_BYTES) throw new IllegalArgumentException(what + " has " + size + " bytes; an ImageJ " +
				"ROI has at most " + MAX_ENTRY_BYTES);
			rois.add(decode(Files.readAllBytes(file), what));
			return rois;
		}
		ZipFile zip;
		try {
			zip = new ZipFile(file.toFile());
		} catch (ZipException | java.io.EOFException e) {
			throw new IllegalArgumentException(what + " is not a valid zip archive (truncated or not a ROI set?): " +
				Text.quote(e.getMessage()), e);
		}
		try {
			if (zip.size() > MAX_ENTRIES + 1000) throw new IllegalArgumentException(what + " has " + zip.size() +
				" entries; a ROI set holds at most " + MAX_ENTRIES + " ROIs");
			long total = 0;
			int index = 0;
			byte[] buf = new byte[8192];
			for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
				ZipEntry e = en.nextElement();
				String name = e.getName();
				String base = name.substring(name.lastIndexOf('/') + 1);
				// folders and what macOS adds to archives are not ROIs and not cells
				if (e.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store"))
					continue;
				index++;
				String entry = what + ", entry " + index + " '" + Text.quote(name) + "'";
				if (!base.toLowerCase(Locale.ROOT).endsWith(".roi")) throw new IllegalArgumentException(entry +
					" is not a .roi file; a ROI set holds only ImageJ ROIs");
				// nothing is unpacked by name, but such an archive was not written by ImageJ's ROI Manager
				if (name.startsWith("/") || name.startsWith("\\") || name.matches("(?s)(.*[/\\\\])?\\.\\.([/\\\\].*)?"))
					throw new IllegalArgumentException(entry + " names a path outside the archive ('..' or absolute); " +
						"a ROI Manager set has plain entry names");
				if (index > MAX_ENTRIES) throw new IllegalArgumentException(what + " holds more than " + MAX_ENTRIES +
					" ROIs");
				if (e.getSize() > MAX_ENTRY_BYTES) throw new IllegalArgumentException(entry + " declares " + e.getSize() +
					" bytes; an ImageJ ROI has at most " + MAX_ENTRY_BYTES + " (a zip bomb?)");
				java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream((int) Math.max(64, Math.min(e
					.getSize(), 1 << 16)));
				try (InputStream in = zip.getInputStream(e)) {
					int n;
					while ((n = in.read(buf)) > 0) {
						bytes.write(buf, 0, n);
						if (bytes.size() > MAX_ENTRY_BYTES) throw new IllegalArgumentException(entry + " inflates to more " +
							"than " + MAX_ENTRY_BYTES + " bytes; an ImageJ ROI is far smaller (a zip bomb?)");
						if (total + bytes.size() > MAX_TOTAL_BYTES) throw new IllegalArgumentException(what +
							" inflates to more than " + MAX_TOTAL_BYTES + " bytes in all (a zip bomb?)");
					}
				} catch (ZipException | java.io.EOFException ex) {
					// a damaged or truncated entry (the inflater's EOF, a bad CRC): the user's file, not the disk
					throw new IllegalArgumentException(entry + " is damaged: " + Text.quote(ex.getMessage() != null ? ex
						.getMessage() : ex.getClass().getSimpleName()), ex);
				}
				total += bytes.size();
				rois.add(decode(bytes.toByteArray(), entry));
			}
		} finally {
			zip.close();
		}
		if (rois.isEmpty()) throw new IllegalArgumentException(what +
			" holds no ImageJ ROI (expected a ROI Manager .zip or a .roi file)");
		return rois;
	}

	/**
	 * Decodes one ROI after checking that what its header declares fits its bytes.
	 *
	 * @throws IllegalArgumentException naming {@code what} when the bytes are not a valid ImageJ ROI
	 */
	public static Roi decode(byte[] b, String what) {
		String why = check(b);
		if (why != null) throw new IllegalArgumentException(what + " is not a valid ImageJ ROI: " + why);
		Roi roi;
		try {
			roi = RoiDecoder.openFromByteArray(b);
		} catch (RuntimeException e) {
			throw new IllegalArgumentException(what + " is not a valid ImageJ ROI (" + e.getClass().getSimpleName() +
				")", e);
		}
		if (roi == null) throw new IllegalArgumentException(what + " is not a valid ImageJ ROI");
		return roi;
	}

	/** @return why the header does not fit the bytes, or null when it does */
	static String check(byte[] b) {
		int size = b.length;
		if (size < 64) return size + " bytes, less than a ROI header (64)";
		if (b[0] != 'I' || b[1] != 'o' || b[2] != 'u' || b[3] != 't') return "it does not start with 'Iout'";
		int version = u16(b, 4), type = b[6] & 0xff, subtype = u16(b, 48), options = u16(b, 50);
		if (type > 10) return "unknown ROI type " + type;
		if (subtype == 1 || subtype == 4) return "a " + (subtype == 1 ? "text" : "image") + " ROI, not a cell outline";
		long n = u16(b, 16);
		if (n == 0) n = s32(b, 18) & 0xffffffffL;
		int shape = s32(b, 36);
		if (shape < 0 || 64 + 4L * shape > size) return "it declares " + (shape & 0xffffffffL) +
			" shape values in " + size + " bytes";
		boolean polygonal = type == 0 || type == 4 || type == 5 || type == 7 || type == 8 || type == 9 || type == 10;
		boolean subPixel = (options & 128) != 0 && version >= 222;
		if (shape == 0 && polygonal && 64 + (subPixel ? 12L : 4L) * n > size) return "it declares " + n +
			" points in " + size + " bytes";
		// a spline-fit outline is evaluated at one point per 2 px of its perimeter: bound it before ImageJ allocates
		if ((options & 1) != 0 && version >= 218 && shape == 0 && polygonal) { // points too: PointRoi is a PolygonRoi
			// an ellipse or rotated rectangle (freehand subtypes 3 and 5) is given by its axis and a width instead
			double perimeter = type == 7 && (subtype == 3 || subtype == 5) ? 4 * (Math.hypot(f32(b, 26) - f32(b, 18), f32(
				b, 30) - f32(b, 22)) + Math.abs(f32(b, 52))) : perimeter(b, (int) n, subPixel);
			if (!(perimeter <= MAX_SPLINE_PERIMETER)) return "a spline-fit outline of " + (Double.isNaN(perimeter)
				? "undefined" : String.format(java.util.Locale.ROOT, "%.3g", perimeter)) + " px perimeter (a cell's is " +
				"at most a few thousand)";
		}
		// header 2 (name, properties, point counters): each field as ImageJ reads it, whenever it lies in the bytes;
		// ImageJ's own bound check of offset + 2 * length overflows, so a huge length would be allocated
		int hdr2 = s32(b, 60);
		if (hdr2 < 0) return "header 2 at a negative offset";
		if (hdr2 > 0) {
			for (int f : new int[] { 16, 40 }) {
				if ((long) hdr2 + f + 8 > size) continue;
				int off = s32(b, hdr2 + f), len = s32(b, hdr2 + f + 4);
				if (off != 0 && len != 0 && (off < 0 || len < 0 || off + 2L * len > size)) return "its " + (f == 16
					? "name" : "properties") + " (" + len + " characters at byte " + off + ") run past its end";
			}
			if ((long) hdr2 + 52 <= size) {
				int counters = s32(b, hdr2 + 48);
				if (counters != 0 && (counters < 0 || counters + 4L * n > size)) return "its point counters run past " +
					"its end";
			}
		}
		return null;
	}

	/** Longest perimeter of a spline-fit outline, px: 2 million evaluation points. */
	static final double MAX_SPLINE_PERIMETER = 1 << 22;

	/** @return the closed perimeter of the outline's points, as ImageJ will read them (px) */
	private static double perimeter(byte[] b, int n, boolean subPixel) {
		int left = s16(b, 10), top = s16(b, 8);
		double length = 0, x0 = 0, y0 = 0, px = 0, py = 0;
		for (int i = 0; i < n; i++) {
			double x, y;
			if (subPixel) {
				x = Float.intBitsToFloat(s32(b, 64 + 4 * n + 4 * i));
				y = Float.intBitsToFloat(s32(b, 64 + 8 * n + 4 * i));
			}
			else {
				x = left + Math.max(0, roiShort(b, 64 + 2 * i));
				y = top + Math.max(0, roiShort(b, 64 + 2 * n + 2 * i));
			}
			if (i == 0) {
				x0 = x;
				y0 = y;
			}
			else length += Math.hypot(x - px, y - py);
			px = x;
			py = y;
		}
		return length + Math.hypot(x0 - px, y0 - py);
	}

	private static double f32(byte[] b, int p) {
		return Float.intBitsToFloat(s32(b, p));
	}

	private static int s16(byte[] b, int p) {
		return (short) u16(b, p);
	}

	/** A coordinate as RoiDecoder reads it: signed, but values below -5000 taken as unsigned. */
	private static int roiShort(byte[] b, int p) {
		int v = s16(b, p);
		return v < -5000 ? u16(b, p) : v;
	}

	private static int u16(byte[] b, int p) {
		return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
	}

	private static int s32(byte[] b, int p) {
		return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
	}
}
