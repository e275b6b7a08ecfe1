package io.github.magratio.util;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding the text files users hand over, and quoting them in messages. Stateless. */
public final class Text {

	/** Longest excerpt of a user's file quoted in a message. */
	public static final int QUOTE = 32;

	private Text() {}

	/**
	 * Decodes UTF-8 strictly: a UTF-8 byte order mark is skipped; UTF-16/32 (a byte order mark or NUL bytes) and bytes
	 * that are not UTF-8 (Latin-1, Windows-1252) are refused with the line and what to do.
	 *
	 * @param what names the file in messages
	 * @param saveAs how to save it instead, e.g. "UTF-8" or "'CSV UTF-8 (comma delimited)'"
	 * @throws IllegalArgumentException naming {@code what}
	 */
	public static String decodeUtf8(byte[] b, String what, String saveAs) {
		int start = 0;
		if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) start = 3;
		else if (b.length >= 2 && ((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF || (b[0] & 0xff) == 0xFF &&
			(b[1] & 0xff) == 0xFE)) throw new IllegalArgumentException(what + " is UTF-16 text (a byte order mark " +
				"FE FF); save it as " + saveAs);
		for (int i = start; i < Math.min(b.length, start + 4096); i++)
			if (b[i] == 0) throw new IllegalArgumentException(what + " holds NUL bytes: UTF-16 or UTF-32 text, or not " +
				"text at all; save it as " + saveAs);
		CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
		CharBuffer out = CharBuffer.allocate(b.length - start);
		CoderResult r = d.decode(in, out, true);
		if (!r.isError()) r = d.flush(out);
		if (r.isError()) {
			int at = in.position();
			int line = 1;
			for (int i = start; i < at; i++)
				if (b[i] == '\n') line++;
			throw new IllegalArgumentException(what + " is not UTF-8 text: byte 0x" + String.format("%02X", b[at] &
				0xff) + " on line " + line + " is not UTF-8 (Latin-1 or Windows text?); save it as " + saveAs);
		}
		out.flip();
		return out.toString();
	}

	/** @return {@code s} cut to {@value #QUOTE} characters, control characters shown as escapes */
	public static String quote(String s) {
		return quote(s, QUOTE);
	}

	/** @return {@code s} cut to {@code max} characters, control characters shown as escapes; "" for null */
	public static String quote(String s, int max) {
		if (s == null) return "";
		// escape first, then cut: a run of control characters must not grow the excerpt six-fold
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < s.length() && b.length() <= max; i++) {
			char c = s.charAt(i);
			if (c == '\n') b.append("\\n");
			else if (c == '\r') b.append("\\r");
			else if (c == '\t') b.append("\\t");
			else if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
			else b.append(c);
		}
		return b.length() <= max ? b.toString() : b.substring(0, max - 3) + "...";
	}

	/**
	 * @return the candidate a mistyped {@code name} most likely meant (case ignored): the same, one that starts the
	 *         other (past 3 characters), or one at most 2 edits away, the closest first; null when none is that near
	 */
	public static String nearest(String name, Iterable<String> candidates) {
		String best = null;
		int bestScore = Integer.MAX_VALUE;
		String n = name.toLowerCase(java.util.Locale.ROOT);
		for (String candidate : candidates) {
			String k = candidate.toLowerCase(java.util.Locale.ROOT);
			int score = k.equals(n) ? 0 : k.length() > 2 && n.length() > 3 && (k.startsWith(n) || n.startsWith(k)) ? 1
				: distance(k, n) <= 2 ? 1 + distance(k, n) : Integer.MAX_VALUE;
			if (score < bestScore) {
				bestScore = score;
				best = candidate;
			}
		}
		return best;
	}

	/** @return the Levenshtein distance of {@code a} and {@code b} */
	public static int distance(String a, String b) {
		int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			prev[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++)
				cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0
					: 1));
			int[] t = prev;
			prev = cur;
			cur = t;
		}
		return prev[b.length()];
	}
}
