package io.github.magratio.assay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Free [Mg2+] from one spectrum by one {@link NmrModel}: the value, its 95 % interval, the intermediate quantities,
 * the constants actually used and flags. Immutable. A rejected spectrum (flag {@link #FLAG_SHIFT_OUTSIDE_LIMITS},
 * {@link #FLAG_FRACTION_NEAR_0} or {@link #FLAG_FRACTION_NEAR_1}) has a NaN concentration and a {@link #message()}.
 */
public final class NmrResult {

	/** A shift lies outside (or on) the model's limiting shifts: no concentration exists. */
	public static final String FLAG_SHIFT_OUTSIDE_LIMITS = "shift_outside_limits";
	/** The free-ATP fraction is below the accepted minimum (nearly all ATP bound): rejected. */
	public static final String FLAG_FRACTION_NEAR_0 = "free_fraction_near_0";
	/** The free-ATP fraction is above the accepted maximum (nearly no MgATP): rejected. */
	public static final String FLAG_FRACTION_NEAR_1 = "free_fraction_near_1";
	/** Some constants used are unverified defaults (listed in the constants as {@code unverified}). */
	public static final String FLAG_UNVERIFIED_CONSTANTS = "unverified_default_constants";
	/** The three-shift model used the shipped placeholder table. */
	public static final String FLAG_PLACEHOLDER_CONSTANTS = "placeholder_constants";
	/** The three-shift fit leaves residuals larger than the shift uncertainty allows. */
	public static final String FLAG_POOR_FIT = "poor_fit";
	/** The three-shift fit ended on the edge of the searched pH or pMg range. */
	public static final String FLAG_FIT_AT_BOUND = "fit_at_bound";
	/** The sample's temperature or ionic strength differs from the constants table's. */
	public static final String FLAG_CONDITIONS_DIFFER = "conditions_differ_from_constants";
	/** A pH or Pi shift was given but the model does not use it. */
	public static final String FLAG_PH_NOT_USED = "ph_not_used";

	/** How the pH was obtained. */
	public static final String PH_GIVEN = "given", PH_FROM_PI = "pi_shift", PH_FITTED = "fitted", PH_NONE = "none";

	private final String label, method, phSource, message;
	private final double freeMgMillimolar, loMillimolar, hiMillimolar, freeAtpFraction, ph, kdAppMicromolar;
	private final Map<String, Object> constants;
	private final Set<String> flags;

	NmrResult(String label, String method, double freeMgMillimolar, double loMillimolar, double hiMillimolar,
		double freeAtpFraction, double ph, String phSource, double kdAppMicromolar, Map<String, Object> constants,
		Set<String> flags, String message)
	{
		this.label = label;
		this.method = method;
		this.freeMgMillimolar = freeMgMillimolar;
		this.loMillimolar = loMillimolar;
		this.hiMillimolar = hiMillimolar;
		this.freeAtpFraction = freeAtpFraction;
		this.ph = ph;
		this.phSource = phSource;
		this.kdAppMicromolar = kdAppMicromolar;
		this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
		this.flags = Collections.unmodifiableSet(new LinkedHashSet<>(flags));
		this.message = message;
	}

	/** @return the spectrum's label */
	public String label() {
		return label;
	}

	/** @return the model's name ({@link NmrModel#name()}) */
	public String method() {
		return method;
	}

	/** @return free [Mg2+] in mM, NaN when rejected */
	public double freeMgMillimolar() {
		return freeMgMillimolar;
	}

	/** @return lower end of the 95 % interval, mM (0 when the interval reaches the limiting shift) */
	public double freeMgMillimolarLo() {
		return loMillimolar;
	}

	/** @return upper end of the 95 % interval, mM (+Infinity when the interval reaches the limiting shift) */
	public double freeMgMillimolarHi() {
		return hiMillimolar;
	}

	/** @return pMg = -log10([Mg2+] / 1 M), NaN when rejected */
	public double pMg() {
		return freeMgMillimolar > 0 ? -Math.log10(freeMgMillimolar / 1000) : Double.NaN;
	}

	/** @return the fraction of ATP not bound to Mg (phi), NaN when the model does not define it */
	public double freeAtpFraction() {
		return freeAtpFraction;
	}

	/** @return the pH used (or fitted), NaN when none */
	public double ph() {
		return ph;
	}

	/** @return where the pH came from: {@link #PH_GIVEN}, {@link #PH_FROM_PI}, {@link #PH_FITTED} or {@link #PH_NONE} */
	public String phSource() {
		return phSource;
	}

	/** @return the apparent MgATP Kd used, uM, NaN when the model has none */
	public double kdAppMicromolar() {
		return kdAppMicromolar;
	}

	/** @return the constants used, by key (numbers, or strings such as a table's name); unverified keys listed */
	public Map<String, Object> constants() {
		return constants;
	}

	/** @return the flags, in the order they were raised */
	public Set<String> flags() {
		return flags;
	}

	/** @return true when the concentration is valid (finite) */
	public boolean isValid() {
		return Double.isFinite(freeMgMillimolar);
	}

	/** @return why the spectrum was rejected, or null */
	public String message() {
		return message;
	}

	@Override
	public String toString() {
		return "NmrResult[" + method + ", " + freeMgMillimolar + " mM (" + loMillimolar + ", " + hiMillimolar + "), " +
			flags + "]";
	}
}
