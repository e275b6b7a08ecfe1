package io.github.magratio.util;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * MagRatio's JSON: a strict RFC 8259 parser for the files users hand over (settings, calibration, ground truth) and a
 * writer that never prints NaN or Infinity as bare numbers. Settings and calibration files are a contract, so the
 * parser accepts exactly RFC 8259: no comments, single quotes, unquoted keys, trailing commas, NaN/Infinity, leading
 * zeros or control characters in strings; a key given twice is refused by name; nesting is at most
 * {@value #MAX_DEPTH} deep and a file at most {@value #MAX_BYTES} bytes, checked before it is read; a UTF-8 byte order
 * mark is skipped, UTF-16/32 and non-UTF-8 bytes are refused with what to do. Messages give the line and column and
 * quote at most {@value #QUOTE} characters of the file. Stateless and thread-safe.
 */
public final class Json {

	/** Deepest nesting of arrays and objects. */
	public static final int MAX_DEPTH = 64;
	/** Largest file, bytes. */
	public static final long MAX_BYTES = 16 << 20;
	/** Longest excerpt of the input quoted in a message. */
	public static final int QUOTE = Text.QUOTE;

	private Json() {}

	/**
	 * Reads and parses a JSON file.
	 *
	 * @param what names the file in messages, e.g. "settings file x.json"
	 * @throws IllegalArgumentException naming {@code what}, the line and column, and the problem
	 * @throws IOException when the file cannot be read (other than not existing, which is an
	 *           {@link IllegalArgumentException})
	 */
	public static JsonElement parse(Path file, String what) throws IOException {
		Inputs.requireFile(file, what);
		long size = Files.size(file);
		if (size > MAX_BYTES) throw new IllegalArgumentException(what + " has " + size + " bytes; a MagRatio JSON " +
			"file has at most " + MAX_BYTES + " (16 MiB)");
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes((int) MAX_BYTES + 1);
		}
		if (bytes.length > MAX_BYTES) throw new IllegalArgumentException(what + " grew beyond " + MAX_BYTES +
			" bytes while being read");
		return parse(bytes, what);
	}

	/** Parses JSON bytes (UTF-8, optionally with a byte order mark); see {@link #parse(Path, String)}. */
	public static JsonElement parse(byte[] bytes, String what) {
		return parse(decode(bytes, what), what);
	}

	/** Parses JSON text; see {@link #parse(Path, String)}. */
	public static JsonElement parse(String text, String what) {
		if (text.length() > MAX_BYTES) throw new IllegalArgumentException(what + " is longer than " + MAX_BYTES +
			" characters");
		Parser p = new Parser(text, what);
		p.skipWhitespace();
		if (p.pos >= text.length()) throw new IllegalArgumentException(what + " is empty: expected a JSON " +
			"value such as {\"key\": 1}");
		JsonElement e = p.value(0);
		p.skipWhitespace();
		if (p.pos < text.length()) throw p.error("unexpected " + p.excerpt() + " after the end of the JSON value");
		return e;
	}

	/** Decodes UTF-8 strictly, refusing other encodings with what to do. */
	static String decode(byte[] bytes, String what) {
		return Text.decodeUtf8(bytes, what, "UTF-8 (JSON files are UTF-8)");
	}

	/** Recursive descent over RFC 8259, depth-bounded. */
	private static final class Parser {
		final String s;
		final String what;
		int pos;

		Parser(String s, String what) {
			this.s = s;
			this.what = what;
		}

		IllegalArgumentException error(String message) {
			int line = 1, col = 1;
			for (int i = 0; i < pos && i < s.length(); i++) {
				if (s.charAt(i) == '\n') {
					line++;
					col = 1;
				}
				else col++;
			}
			return new IllegalArgumentException(what + " is not valid JSON (line " + line + ", column " + col + "): " +
				message);
		}

		/** The error for something unexpected here, naming the usual non-JSON habits (comments, single quotes). */
		IllegalArgumentException unexpected(String expected) {
			if (pos < s.length() && s.charAt(pos) == '/') return error("comments are not allowed in JSON");
			if (pos < s.length() && s.charAt(pos) == '\'') return error("strings must be in double quotes, not " +
				"single quotes");
			return error("expected " + expected + ", found " + excerpt());
		}

		/** A short, printable excerpt of the input at the current position. */
		String excerpt() {
			if (pos >= s.length()) return "end of file";
			return "'" + Text.quote(s.substring(pos, Math.min(s.length(), pos + QUOTE + 1))) + "'";
		}

		void skipWhitespace() {
			while (pos < s.length()) {
				char c = s.charAt(pos);
				if (c == ' ' || c == '\t' || c == '\n' || c == '\r') pos++;
				else break;
			}
		}

		JsonElement value(int depth) {
			skipWhitespace();
			if (pos >= s.length()) throw error("the file ends where a value is expected (truncated?)");
			char c = s.charAt(pos);
			switch (c) {
				case '{':
					return object(depth + 1);
				case '[':
					return array(depth + 1);
				case '"':
					return new JsonPrimitive(string());
				case 't':
					return literal("true", new JsonPrimitive(true));
				case 'f':
					return literal("false", new JsonPrimitive(false));
				case 'n':
					return literal("null", JsonNull.INSTANCE);
				case '/':
					throw error("comments are not allowed in JSON");
				case '\'':
					throw error("strings must be in double quotes, not single quotes");
				default:
					if (c == '-' || c >= '0' && c <= '9') return number();
					if (s.startsWith("NaN", pos) || s.startsWith("Infinity", pos)) throw error(excerpt() + " is not a " +
						"JSON number (RFC 8259 has no NaN or Infinity); use null");
					throw error("unexpected " + excerpt() + " where a value is expected");
			}
		}

		JsonElement literal(String word, JsonElement value) {
			if (!s.startsWith(word, pos)) throw error("unexpected " + excerpt() + " where a value is expected");
			pos += word.length();
			return value;
		}

		JsonObject object(int depth) {
			if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
			pos++;
			JsonObject o = new JsonObject();
			skipWhitespace();
			if (pos < s.length() && s.charAt(pos) == '}') {
				pos++;
				return o;
			}
			while (true) {
				skipWhitespace();
				if (pos >= s.length()) throw error("the file ends inside an object (truncated?)");
				char c = s.charAt(pos);
				if (c == '}') throw error("a comma before '}' (trailing commas are not allowed in JSON)");
				if (c != '"') throw error(c == '\'' ? "keys must be in double quotes, not single quotes" : c == '/'
					? "comments are not allowed in JSON" : "expected a key in double quotes, found " + excerpt());
				int keyAt = pos;
				String key = string();
				if (o.has(key)) {
					pos = keyAt;
					throw error("the key '" + Text.quote(key) + "' appears twice; give each key once");
				}
				skipWhitespace();
				if (pos >= s.length() || s.charAt(pos) != ':') throw unexpected("':' after the key '" + Text.quote(key) +
					"'");
				pos++;
				o.add(key, value(depth));
				skipWhitespace();
				if (pos >= s.length()) throw error("the file ends inside an object (truncated?)");
				c = s.charAt(pos++);
				if (c == '}') return o;
				if (c != ',') {
					pos--;
					throw unexpected("',' or '}' in an object");
				}
			}
		}

		JsonArray array(int depth) {
			if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
			pos++;
			JsonArray a = new JsonArray();
			skipWhitespace();
			if (pos < s.length() && s.charAt(pos) == ']') {
				pos++;
				return a;
			}
			while (true) {
				skipWhitespace();
				if (pos < s.length() && s.charAt(pos) == ']') throw error("a comma before ']' (trailing commas are not " +
					"allowed in JSON)");
				a.add(value(depth));
				skipWhitespace();
				if (pos >= s.length()) throw error("the file ends inside an array (truncated?)");
				char c = s.charAt(pos++);
				if (c == ']') return a;
				if (c != ',') {
					pos--;
					throw unexpected("',' or ']' in an array");
				}
			}
		}

		String string() {
			int start = pos;
			pos++;
			StringBuilder b = null;
			int runStart = pos;
			while (true) {
				if (pos >= s.length()) {
					pos = start;
					throw error("a string that never ends (missing closing quote)");
				}
				char c = s.charAt(pos);
				if (c == '"') {
					String out = b == null ? s.substring(runStart, pos) : b.append(s, runStart, pos).toString();
					pos++;
					return out;
				}
				if (c < 0x20) throw error("a control character (code " + (int) c + ") inside a string; write it as " +
					"an escape such as \\n");
				if (c == '\\') {
					if (b == null) b = new StringBuilder();
					b.append(s, runStart, pos);
					pos++;
					if (pos >= s.length()) throw error("the file ends inside an escape");
					char e = s.charAt(pos++);
					switch (e) {
						case '"':
						case '\\':
						case '/':
							b.append(e);
							break;
						case 'b':
							b.append('\b');
							break;
						case 'f':
							b.append('\f');
							break;
						case 'n':
							b.append('\n');
							break;
						case 'r':
							b.append('\r');
							break;
						case 't':
							b.append('\t');
							break;
						case 'u':
							if (pos + 4 > s.length()) throw error("a \\u escape needs four hex digits");
							int v = 0;
							for (int i = 0; i < 4; i++) {
								int d = Character.digit(s.charAt(pos + i), 16);
								if (d < 0) throw error("a \\u escape needs four hex digits, found " + excerpt());
								v = v * 16 + d;
							}
							pos += 4;
							b.append((char) v);
							break;
						default:
							pos -= 2;
							throw error("an invalid escape " + excerpt() + " in a string");
					}
					runStart = pos;
					continue;
				}
				pos++;
			}
		}

		JsonPrimitive number() {
			int start = pos;
			if (s.charAt(pos) == '-') pos++;
			if (pos >= s.length()) throw error("a '-' without digits");
			char c = s.charAt(pos);
			if (c == '0') {
				pos++;
				if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
					pos = start;
					throw error("the number " + excerpt() + " has a leading zero, which JSON does not allow");
				}
			}
			else if (c >= '1' && c <= '9') digits();
			else {
				if (s.startsWith("Infinity", pos)) {
					pos = start;
					throw error(excerpt() + " is not a JSON number (RFC 8259 has no NaN or Infinity); use null");
				}
				throw error("a '-' without digits");
			}
			if (pos < s.length() && s.charAt(pos) == '.') {
				pos++;
				if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) throw error("a decimal point needs digits " +
					"after it");
				digits();
			}
			if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
				pos++;
				if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
				if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) throw error("an exponent needs digits");
				digits();
			}
			String token = s.substring(start, pos);
			if (token.length() > 64) {
				pos = start;
				throw error("the number " + excerpt() + " has more than 64 characters");
			}
			double d = Double.parseDouble(token);
			if (Double.isInfinite(d)) {
				pos = start;
				throw error("the number " + excerpt() + " is too large for a double");
			}
			// integers as Long, everything else as Double: no BigDecimal, whose int conversion of 1e-999999999 would
			// take forever
			if (token.indexOf('.') < 0 && token.indexOf('e') < 0 && token.indexOf('E') < 0 && token.length() <= 18)
				return new JsonPrimitive(Long.parseLong(token));
			return new JsonPrimitive(d);
		}

		void digits() {
			while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9')
				pos++;
		}
	}

	/**
	 * Writes JSON text, pretty-printed or on one line, with every NaN or infinite number replaced by {@code null}
	 * (RFC 8259 has neither), so any JSON reader can read what MagRatio writes.
	 */
	public static String write(JsonElement e, boolean pretty) {
		GsonBuilder b = new GsonBuilder().disableHtmlEscaping().serializeNulls();
		if (pretty) b.setPrettyPrinting();
		return b.create().toJson(finite(e));
	}

	/** @return a JSON value as a message shows it: quoted, or {@code nothing} when absent */
	public static String shown(JsonElement e) {
		return e == null ? "nothing" : Text.quote(e.toString());
	}

	/** @return a copy of {@code e} with non-finite numbers as null */
	public static JsonElement finite(JsonElement e) {
		if (e == null || e.isJsonNull()) return JsonNull.INSTANCE;
		if (e.isJsonPrimitive()) {
			JsonPrimitive p = e.getAsJsonPrimitive();
			if (p.isNumber()) {
				Number n = p.getAsNumber();
				if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue()))
					return JsonNull.INSTANCE;
			}
			return p;
		}
		if (e.isJsonArray()) {
			JsonArray a = new JsonArray();
			for (JsonElement x : e.getAsJsonArray())
				a.add(finite(x));
			return a;
		}
		JsonObject o = new JsonObject();
		for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet())
			o.add(x.getKey(), finite(x.getValue()));
		return o;
	}
}
