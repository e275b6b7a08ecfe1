package io.github.magratio.command;

import ij.measure.ResultsTable;

import io.github.magratio.assay.NmrConstants;
import io.github.magratio.assay.NmrMethod;
import io.github.magratio.assay.NmrResult;
import io.github.magratio.assay.NmrSpectrum;
import io.github.magratio.assay.ThreeShiftConstants;
import io.github.magratio.report.NmrReport;

import java.io.IOException;
import java.nio.file.Paths;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Tools &gt; 31P NMR Free Mg: free [Mg2+] of one spectrum from its ATP shifts (ppm vs PCr),
 * the same calculation as {@code magratio nmr}. Thin: validates, calls {@code io.github.magratio.assay}, sets
 * outputs. Bad input cancels with a message naming the parameter.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Tools>31P NMR Free Mg",
	label = "31P NMR Free Mg")
public class NmrFreeMgCommand extends MagRatioCommand {

	/** Method: beta, iotti, alphabeta or threeshift. */
	@Parameter(label = "Method", choices = { "beta", "iotti", "alphabeta", "threeshift" },
		description = "beta: two-state on the beta-ATP shift with Kd,app; iotti: empirical closed form; alphabeta: " +
			"two-state on alpha-beta difference; threeshift: joint pH + pMg fit (placeholder constants unless a table " +
			"is given)")
	private String method = "beta";

	/** Beta-ATP shift, ppm vs PCr (NaN = not measured). */
	@Parameter(label = "Beta-ATP shift (ppm vs PCr)", description = "beta-ATP chemical shift, ppm relative to PCr")
	private double beta = Double.NaN;

	/** Alpha-ATP shift, ppm vs PCr (NaN = not measured). */
	@Parameter(label = "Alpha-ATP shift (ppm vs PCr)", description = "alpha-ATP shift, ppm vs PCr; alphabeta and " +
		"threeshift only")
	private double alpha = Double.NaN;

	/** Gamma-ATP shift, ppm vs PCr (NaN = not measured). */
	@Parameter(label = "Gamma-ATP shift (ppm vs PCr)", description = "gamma-ATP shift, ppm vs PCr; threeshift only")
	private double gamma = Double.NaN;

	/** Standard error of each shift, ppm. */
	@Parameter(label = "Shift standard error (ppm)", min = "0", description = "standard error of each shift, ppm")
	private double se = 0;

	/** pH (NaN = unknown). */
	@Parameter(label = "pH (NaN = unknown)", description = "pH; when given, Kd,app = Kd0 (1 + 10^(pKa - pH))")
	private double ph = Double.NaN;

	/** Pi shift, ppm vs PCr (NaN = not measured). */
	@Parameter(label = "Pi shift (ppm vs PCr, NaN = none)", description = "inorganic phosphate shift, ppm vs PCr; " +
		"gives the pH when no pH is given")
	private double pi = Double.NaN;

	/** Apparent MgATP Kd without pH, uM. */
	@Parameter(label = "Kd,app MgATP (uM)", description = "apparent MgATP Kd used without pH, uM (default 50, " +
		"unverified common in-vivo choice)")
	private double kd = NmrConstants.DEFAULT_KD_MICROMOLAR;

	/** Standard error of Kd,app, uM. */
	@Parameter(label = "Kd,app standard error (uM)", min = "0", description = "standard error of Kd,app, uM")
	private double kdse = 0;

	/** Proton-free Kd0, uM. */
	@Parameter(label = "Kd0 MgATP (uM)", description = "proton-free MgATP Kd used with a pH, uM (default 18, 37 C; " +
		"attribution unverified)")
	private double kd0 = NmrConstants.DEFAULT_KD0_MICROMOLAR;

	/** pKa of HATP3-. */
	@Parameter(label = "pKa HATP", description = "pKa of HATP3- (default 6.6, unverified)")
	private double pka = NmrConstants.DEFAULT_PKA_ATP;

	/** Beta shift of free ATP, ppm vs PCr. */
	@Parameter(label = "Beta shift free ATP (ppm)", description = "limiting beta shift of Mg-free ATP, ppm vs PCr")
	private double betafree = NmrConstants.DEFAULT_BETA_FREE_PPM;

	/** Beta shift of MgATP, ppm vs PCr. */
	@Parameter(label = "Beta shift MgATP (ppm)", description = "limiting beta shift of MgATP, ppm vs PCr")
	private double betabound = NmrConstants.DEFAULT_BETA_MGATP_PPM;

	/** Alpha-beta difference of free ATP, ppm. */
	@Parameter(label = "Alpha-beta free ATP (ppm)", description = "alpha-beta difference of Mg-free ATP, ppm " +
		"(default 10.8, approximate, unverified)")
	private double abfree = NmrConstants.DEFAULT_ALPHABETA_FREE_PPM;

	/** Alpha-beta difference of MgATP, ppm. */
	@Parameter(label = "Alpha-beta MgATP (ppm)", description = "alpha-beta difference of MgATP, ppm (default 8.3, " +
		"approximate, unverified)")
	private double abbound = NmrConstants.DEFAULT_ALPHABETA_MGATP_PPM;

	/** Path of a three-shift constants CSV; empty = shipped placeholder table. */
	@Parameter(label = "Three-shift constants CSV (empty = placeholders)", required = false,
		description = "key,value CSV of the threeshift constants; empty uses the shipped PLACEHOLDER table")
	private String constants = "";

	/** Free [Mg2+], mM (NaN when rejected). */
	@Parameter(type = ItemIO.OUTPUT, label = "Free Mg (mM)")
	private double freemg;

	/** Lower end of the 95 % interval, mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "95% low (mM)")
	private double lo;

	/** Upper end of the 95 % interval, mM. */
	@Parameter(type = ItemIO.OUTPUT, label = "95% high (mM)")
	private double hi;

	/** Flags, semicolon-separated. */
	@Parameter(type = ItemIO.OUTPUT, label = "Flags")
	private String flags;

	/** The full result as one JSON line (as printed by {@code magratio nmr}). */
	@Parameter(type = ItemIO.OUTPUT, label = "JSON")
	private String json;

	/** The result as a one-row table. */
	@Parameter(type = ItemIO.OUTPUT, label = "31P NMR free Mg")
	private ResultsTable results;

	@Override
	protected void execute() throws IOException {
		NmrConstants c = NmrConstants.builder().kdMicromolar(kd).kdMicromolarSe(kdse).kd0Micromolar(kd0).pKaAtp(pka)
			.betaFreePpm(betafree).betaMgAtpPpm(betabound).alphaBetaFreePpm(abfree).alphaBetaMgAtpPpm(abbound).build();
		NmrMethod m = NmrMethod.of(method);
		ThreeShiftConstants table = constants == null || constants.trim().isEmpty() ? null : ThreeShiftConstants.read(
			Paths.get(constants.trim()));
		NmrSpectrum s = NmrSpectrum.builder().alphaPpm(alpha).betaPpm(beta).gammaPpm(gamma).shiftSePpm(se).ph(ph)
			.piPpm(pi).build();
		NmrResult r = m.model(table).compute(s, c);
		if (r.flags().contains(NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS)) throw new IllegalArgumentException(r.message());
		freemg = r.freeMgMillimolar();
		lo = r.freeMgMillimolarLo();
		hi = r.freeMgMillimolarHi();
		flags = String.join(";", r.flags());
		json = NmrReport.toJsonLine(r);
		results = new ResultsTable();
		results.incrementCounter();
		results.addValue("method", r.method());
		results.addValue("free_mg_mM", freemg);
		results.addValue("free_mg_mM_lo", lo);
		results.addValue("free_mg_mM_hi", hi);
		results.addValue("pmg", r.pMg());
		results.addValue("free_atp_fraction", r.freeAtpFraction());
		results.addValue("ph", r.ph());
		results.addValue("kd_app_uM", r.kdAppMicromolar());
		results.addValue("flags", flags);
	}
}
