package io.github.magratio.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One invalid setting: the settings key at fault and why, as data (a validation reports every problem, see
 * {@link SettingsException}). The reason does not repeat the key; it may name other keys (a limit between two keys),
 * held as references so that each front end words them its way ({@link #reason(Function)}: a command-line flag, a
 * macro key). Immutable and thread-safe.
 */
public final class SettingsProblem {

	private final String key;
	private final List<Object> parts;

	private SettingsProblem(String key, List<Object> parts) {
		this.key = Objects.requireNonNull(key, "key");
		this.parts = parts;
	}

	/**
	 * @param key the settings key at fault (as in a settings JSON)
	 * @param parts the reason: text (any object, by its {@code toString}) and {@link #ref other keys}, in order
	 */
	public static SettingsProblem of(String key, Object... parts) {
		return new SettingsProblem(key, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(parts))));
	}

	/** @return a reference to another settings key inside a reason, named by the reader's words when shown */
	public static Object ref(String key) {
		return new Ref(key);
	}

	/** @return the settings key at fault */
	public String key() {
		return key;
	}

	/** @return the other settings keys the reason names, in order */
	public List<String> refs() {
		List<String> keys = new ArrayList<>();
		for (Object p : parts)
			if (p instanceof Ref) keys.add(((Ref) p).key);
		return keys;
	}

	/** @return the reason, other keys named by their settings keys */
	public String reason() {
		return reason(k -> null);
	}

	/**
	 * @param names the reader's name of a settings key (e.g. a flag), or null to show the key itself
	 * @return the reason with the other keys it mentions named by {@code names}
	 */
	public String reason(Function<String, String> names) {
		StringBuilder b = new StringBuilder();
		for (Object p : parts) {
			if (p instanceof Ref) {
				String n = names.apply(((Ref) p).key);
				b.append(n != null ? n : ((Ref) p).key);
			}
			else b.append(p);
		}
		return oneLine(b.toString());
	}

	/**
	 * @return {@code s} with control characters shown as escapes ({@code \n}, {@code \r}, {@code \t}, the
	 *         others as Unicode escapes): a refusal is one line whatever the values it quotes hold (a setting's value or an
	 *         unknown key from a JSON string may hold a newline). Here and not in the util package, which core may not
	 *         import.
	 */
	static String oneLine(String s) {
		StringBuilder b = null;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			boolean control = c < 0x20 || c == 0x7f;
			if (control && b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
			if (b == null) continue;
			if (c == '\n') b.append("\\n");
			else if (c == '\r') b.append("\\r");
			else if (c == '\t') b.append("\\t");
			else if (control) b.append(String.format("\\u%04x", (int) c));
			else b.append(c);
		}
		return b == null ? s : b.toString();
	}

	/** @return {@code "key: reason"} */
	@Override
	public String toString() {
		return oneLine(key) + ": " + reason();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof SettingsProblem && ((SettingsProblem) o).key.equals(key) && ((SettingsProblem) o).reason()
			.equals(reason());
	}

	@Override
	public int hashCode() {
		return 31 * key.hashCode() + reason().hashCode();
	}

	private static final class Ref {
		final String key;

		Ref(String key) {
			this.key = Objects.requireNonNull(key, "key");
		}

		@Override
		public String toString() {
			return key;
		}
	}
}
