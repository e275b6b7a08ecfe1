package io.github.magratio.assay;

import io.github.magratio.util.Csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The constants table of {@link ThreeShiftModel}: limiting alpha, beta and gamma shifts (ppm vs PCr) of the four ATP
 * species and the protonation and Mg-binding constants, at one temperature and ionic strength. Read from a
 * user-editable CSV of {@code key,value,note} rows ({@link #read(Path)}); the shipped table
 * ({@link #placeholder()}, resource {@code three-shift-placeholder.csv}) holds <b>illustrative placeholder values,
 * not literature constants</b>, and says so in the file and in every result. Immutable.
 */
public final class ThreeShiftConstants {

	/** Species in the order of {@link #shiftPpm(int, int)}'s first index. */
	public static final List<String> SPECIES = Collections.unmodifiableList(Arrays.asList("atp", "hatp", "mgatp",
		"mghatp"));
	/** Phosphates in the order of {@link #shiftPpm(int, int)}'s second index. */
	public static final List<String> PHOSPHATES = Collections.unmodifiableList(Arrays.asList("alpha", "beta",
		"gamma"));
	/** Resource name of the shipped placeholder table. */
	public static final String PLACEHOLDER_RESOURCE = "three-shift-placeholder.csv";

	private static final List<String> SCALAR_KEYS = Arrays.asList("temperature_C", "ionic_strength_M", "pka_hatp",
		"kd_mgatp_uM", "kd_mghatp_uM");

	/** Every key a table must hold. */
	public static final Set<String> KEYS;
	static {
		Set<String> k = new LinkedHashSet<>(Arrays.asList("name", "placeholder"));
		k.addAll(SCALAR_KEYS);
		for (String s : SPECIES)
			for (String p : PHOSPHATES)
				k.add(s + "_" + p + "_ppm");
		KEYS = Collections.unmodifiableSet(k);
	}

	private final String name;
	private final boolean placeholder;
	private final Map<String, Double> numbers;

	private ThreeShiftConstants(String name, boolean placeholder, Map<String, Double> numbers) {
		this.name = name;
		this.placeholder = placeholder;
		this.numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
	}

	/** @return the shipped placeholder table (illustrative values; results are flagged) */
	public static ThreeShiftConstants placeholder() {
		// Csv reads paths only, and the resource may sit inside a jar: copy it to a temporary file first.
		try (InputStream in = ThreeShiftConstants.class.getResourceAsStream(PLACEHOLDER_RESOURCE)) {
			if (in == null) throw new IllegalStateException("resource " + PLACEHOLDER_RESOURCE + " missing from the jar");
			Path tmp = Files.createTempFile("magratio-three-shift", ".csv");
			try {
				Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
				return parse(Csv.read(tmp), PLACEHOLDER_RESOURCE);
			} finally {
				Files.deleteIfExists(tmp);
			}
		} catch (IOException e) {
			throw new IllegalStateException("cannot read resource " + PLACEHOLDER_RESOURCE, e);
		}
	}

	/** Copies the shipped placeholder table, with its explanatory comments, to {@code target} for editing. */
	public static void writeTemplate(Path target) throws IOException {
		try (InputStream in = ThreeShiftConstants.class.getResourceAsStream(PLACEHOLDER_RESOURCE)) {
			io.github.magratio.util.AtomicFiles.writeBytes(target, out -> {
				byte[] buf = new byte[8192];
				for (int n; (n = in.read(buf)) > 0;)
					out.write(buf, 0, n);
			});
		}
	}

	/**
	 * Reads a table from a CSV file with columns {@code key,value} (more columns, e.g. {@code note}, are ignored).
	 *
	 * @throws IllegalArgumentException naming the file, line and key: unknown, duplicate or missing keys, non-numbers,
	 *           non-positive constants
	 */
	public static ThreeShiftConstants read(Path file) throws IOException {
		return parse(Csv.read(file), file.toString());
	}

	private static ThreeShiftConstants parse(Csv.Table t, String where) {
		int kc = t.requireColumn("key"), vc = t.requireColumn("value");
		Map<String, Double> numbers = new LinkedHashMap<>();
		String name = null;
		Boolean placeholder = null;
		Set<String> seen = new LinkedHashSet<>();
		for (int r = 0; r < t.rows().size(); r++) {
			String key = t.rows().get(r).get(kc).trim();
			String at = where + " line " + t.lineOf(r) + ": ";
			if (!KEYS.contains(key)) throw new IllegalArgumentException(at + "unknown key '" + key + "' (allowed: " +
				String.join(", ", KEYS) + ")");
			if (!seen.add(key)) throw new IllegalArgumentException(at + "key '" + key + "' appears twice");
			if (key.equals("name")) name = t.rows().get(r).get(vc).trim();
			else if (key.equals("placeholder")) placeholder = t.number(r, vc) != 0;
			else numbers.put(key, t.number(r, vc));
		}
		for (String k : KEYS)
			if (!seen.contains(k)) throw new IllegalArgumentException(where + ": missing key '" + k + "'");
		for (String k : Arrays.asList("pka_hatp", "kd_mgatp_uM", "kd_mghatp_uM"))
			if (!(numbers.get(k) > 0)) throw new IllegalArgumentException(where + ": '" + k + "' must be > 0, got " +
				numbers.get(k));
		return new ThreeShiftConstants(name, placeholder, numbers);
	}

	/** @return the table's name, recorded in results */
	public String name() {
		return name;
	}

	/** @return true for illustrative placeholder values (results get {@link NmrResult#FLAG_PLACEHOLDER_CONSTANTS}) */
	public boolean isPlaceholder() {
		return placeholder;
	}

	/** @return the temperature the constants apply to, degrees C */
	public double temperatureCelsius() {
		return numbers.get("temperature_C");
	}

	/** @return the ionic strength the constants apply to, M */
	public double ionicStrengthMolar() {
		return numbers.get("ionic_strength_M");
	}

	/** @return pKa of HATP3- */
	public double pKaHatp() {
		return numbers.get("pka_hatp");
	}

	/** @return Kd of MgATP2-, uM */
	public double kdMgAtpMicromolar() {
		return numbers.get("kd_mgatp_uM");
	}

	/** @return Kd of MgHATP- (from HATP3- and Mg2+), uM */
	public double kdMgHatpMicromolar() {
		return numbers.get("kd_mghatp_uM");
	}

	/** @return the limiting shift of species {@code s} (index in {@link #SPECIES}) for phosphate {@code p}, ppm */
	public double shiftPpm(int s, int p) {
		return numbers.get(SPECIES.get(s) + "_" + PHOSPHATES.get(p) + "_ppm");
	}

	/** @return every numeric constant by key */
	public Map<String, Double> asMap() {
		return numbers;
	}

	/**
	 * Species fractions at a pH and pMg (fast exchange, 1:1 complexes).
	 *
	 * @return fractions of ATP4-, HATP3-, MgATP2-, MgHATP- summing to 1
	 */
	public double[] fractions(double ph, double pMg) {
		// Work relative to the ATP4- weight in log space so extreme pH or pMg cannot overflow.
		double lh = (pKaHatp() - ph) * Math.log(10);
		double lm = (-pMg - Math.log10(kdMgAtpMicromolar() * 1e-6)) * Math.log(10);
		double lmh = lh + (-pMg - Math.log10(kdMgHatpMicromolar() * 1e-6)) * Math.log(10);
		double[] l = { 0, lh, lm, lmh };
		double max = Math.max(Math.max(l[0], l[1]), Math.max(l[2], l[3]));
		double sum = 0;
		double[] w = new double[4];
		for (int i = 0; i < 4; i++)
			sum += w[i] = Math.exp(l[i] - max);
		for (int i = 0; i < 4; i++)
			w[i] /= sum;
		return w;
	}

	/** @return the model alpha, beta, gamma shifts (ppm vs PCr) at a pH and pMg */
	public double[] shiftsPpm(double ph, double pMg) {
		double[] f = fractions(ph, pMg);
		double[] d = new double[3];
		for (int p = 0; p < 3; p++)
			for (int s = 0; s < 4; s++)
				d[p] += f[s] * shiftPpm(s, p);
		return d;
	}
}
