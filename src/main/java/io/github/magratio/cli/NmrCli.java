package io.github.magratio.cli;

import io.github.magratio.assay.NmrConstants;
import io.github.magratio.assay.NmrMethod;
import io.github.magratio.assay.NmrModel;
import io.github.magratio.assay.NmrResult;
import io.github.magratio.assay.NmrSpectrum;
import io.github.magratio.assay.NmrTable;
import io.github.magratio.assay.ThreeShiftConstants;
import io.github.magratio.report.NmrReport;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Csv;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio nmr}: free [Mg2+] from 31P NMR ATP shifts. One spectrum from options prints one JSON line; a table
 * ({@code --table}) gives a CSV of results, bad rows reported on stderr and in the {@code error} column while the
 * good rows are still computed (exit code 2 when any row is bad).
 */
@Command(name = "nmr", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Free [Mg2+] from 31P NMR ATP chemical shifts (ppm relative to PCr = 0).",
		"Methods: beta = two-state fast exchange on the beta-ATP shift with Kd,app (Gupta); iotti = Iotti empirical " +
			"closed form; alphabeta = two-state on the reference-free alpha-beta difference; threeshift = joint " +
			"pH + pMg fit of alpha, beta, gamma to a constants table (shipped table = PLACEHOLDER values).",
		"With --ph (or --pi-shift-ppm), Kd,app = Kd0 * (1 + 10^(pKa - pH)); otherwise --kd-uM is used.",
		"Defaults marked (unverified) are not checked against primary sources; outputs list them.",
		"--table CSV columns (one row per spectrum, case-insensitive, empty = not measured): " +
			NmrTable.INPUT_COLUMNS_DOC + ".",
		"Output CSV columns: sample, line, method, free_mg_mM, free_mg_mM_lo, free_mg_mM_hi (95 percent), pmg, " +
			"free_atp_fraction, ph, ph_source, kd_app_uM, flags, constants, error.",
		"One spectrum prints a JSON line with the same quantities, the constants used and flags.%n" })
public final class NmrCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "--method" }, defaultValue = "beta", paramLabel = "NAME",
		description = "beta, iotti, alphabeta or threeshift (default ${DEFAULT-VALUE})")
	String method;

	@Option(names = { "--beta-shift-ppm", "--beta-shift" }, paramLabel = "PPM",
		description = "beta-ATP shift, ppm vs PCr")
	Double betaPpm;

	@Option(names = { "--alpha-shift-ppm", "--alpha-shift" }, paramLabel = "PPM",
		description = "alpha-ATP shift, ppm vs PCr")
	Double alphaPpm;

	@Option(names = { "--gamma-shift-ppm", "--gamma-shift" }, paramLabel = "PPM",
		description = "gamma-ATP shift, ppm vs PCr")
	Double gammaPpm;

	@Option(names = { "--pi-shift-ppm" }, paramLabel = "PPM",
		description = "inorganic phosphate shift, ppm vs PCr: gives the pH by Henderson-Hasselbalch")
	Double piPpm;

	@Option(names = { "--ph" }, paramLabel = "PH", description = "pH (takes precedence over --pi-shift-ppm)")
	Double ph;

	@Option(names = { "--shift-se-ppm" }, defaultValue = "0", paramLabel = "PPM",
		description = "standard error of each shift, ppm (default ${DEFAULT-VALUE}); in --table mode the default " +
			"for rows without shift_se_ppm")
	double shiftSePpm;

	@Option(names = { "--sample" }, defaultValue = "", paramLabel = "LABEL", description = "label of the spectrum")
	String sample;

	@Option(names = { "--temperature-C" }, paramLabel = "C",
		description = "sample temperature, degrees C (threeshift: checked against the table)")
	Double temperatureCelsius;

	@Option(names = { "--ionic-strength-M" }, paramLabel = "M",
		description = "ionic strength, M (threeshift: checked against the table)")
	Double ionicStrengthMolar;

	@Option(names = { "--kd-uM" }, paramLabel = "UM",
		description = "apparent MgATP Kd without pH, uM (default " + NmrConstants.DEFAULT_KD_MICROMOLAR +
			", unverified common in-vivo choice)")
	Double kdMicromolar;

	@Option(names = { "--kd-mM" }, paramLabel = "MM", description = "the same in mM (give --kd-uM or --kd-mM)")
	Double kdMillimolar;

	@Option(names = { "--kd-se-uM" }, defaultValue = "0", paramLabel = "UM",
		description = "standard error of the apparent Kd, uM (default ${DEFAULT-VALUE})")
	double kdSeMicromolar;

	@Option(names = { "--kd0-uM" }, defaultValue = "" + NmrConstants.DEFAULT_KD0_MICROMOLAR, paramLabel = "UM",
		description = "proton-free MgATP Kd0 used with a pH, uM (default ${DEFAULT-VALUE}: 37 C, I 0.11; " +
			"attribution unverified)")
	double kd0Micromolar;

	@Option(names = { "--kd0-se-uM" }, defaultValue = "0", paramLabel = "UM",
		description = "standard error of Kd0, uM (default ${DEFAULT-VALUE})")
	double kd0SeMicromolar;

	@Option(names = { "--pka-atp" }, defaultValue = "" + NmrConstants.DEFAULT_PKA_ATP, paramLabel = "PKA",
		description = "pKa of HATP3- (default ${DEFAULT-VALUE}, unverified; range 6.5-6.7)")
	double pKaAtp;

	@Option(names = { "--beta-free-ppm" }, defaultValue = "" + NmrConstants.DEFAULT_BETA_FREE_PPM, paramLabel = "PPM",
		description = "beta shift of Mg-free ATP, ppm vs PCr (default ${DEFAULT-VALUE})")
	double betaFreePpm;

	@Option(names = { "--beta-mgatp-ppm" }, defaultValue = "" + NmrConstants.DEFAULT_BETA_MGATP_PPM,
		paramLabel = "PPM", description = "beta shift of MgATP, ppm vs PCr (default ${DEFAULT-VALUE})")
	double betaMgAtpPpm;

	@Option(names = { "--alphabeta-free-ppm" }, defaultValue = "" + NmrConstants.DEFAULT_ALPHABETA_FREE_PPM,
		paramLabel = "PPM", description = "alpha-beta difference of Mg-free ATP, ppm (default ${DEFAULT-VALUE}, " +
			"approximate, unverified: enter yours)")
	double alphaBetaFreePpm;

	@Option(names = { "--alphabeta-mgatp-ppm" }, defaultValue = "" + NmrConstants.DEFAULT_ALPHABETA_MGATP_PPM,
		paramLabel = "PPM", description = "alpha-beta difference of MgATP, ppm (default ${DEFAULT-VALUE}, " +
			"approximate, unverified: enter yours)")
	double alphaBetaMgAtpPpm;

	@Option(names = { "--pi-pka" }, defaultValue = "" + NmrConstants.DEFAULT_PI_PKA, paramLabel = "PKA",
		description = "pKa of Pi (default ${DEFAULT-VALUE}, unverified)")
	double piPKa;

	@Option(names = { "--pi-acid-ppm" }, defaultValue = "" + NmrConstants.DEFAULT_PI_ACID_PPM, paramLabel = "PPM",
		description = "Pi shift of H2PO4-, ppm vs PCr (default ${DEFAULT-VALUE}, unverified)")
	double piAcidPpm;

	@Option(names = { "--pi-base-ppm" }, defaultValue = "" + NmrConstants.DEFAULT_PI_BASE_PPM, paramLabel = "PPM",
		description = "Pi shift of HPO4 2-, ppm vs PCr (default ${DEFAULT-VALUE}, unverified)")
	double piBasePpm;

	@Option(names = { "--three-shift-constants" }, paramLabel = "CSV",
		description = "constants table of the threeshift method (key,value CSV; default: the shipped PLACEHOLDER " +
			"table, see --write-three-shift-template)")
	Path threeShiftConstants;

	@Option(names = { "--write-three-shift-template" }, paramLabel = "CSV",
		description = "write the shipped three-shift table, with its documentation, for editing, and exit")
	Path template;

	@Option(names = { "--table" }, paramLabel = "CSV", description = "spectra table, one row per spectrum")
	Path table;

	@Option(names = { "--out" }, paramLabel = "CSV", description = "results CSV of --table")
	Path out;

	@Option(names = "--overwrite", description = "Replace --out or the --write-three-shift-template file if it exists (default: refuse).")
	boolean overwrite;

	@Override
	public Integer call() throws Exception {
		PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
		if (template != null) {
			AtomicFiles.refuseExisting("--write-three-shift-template", template, overwrite, "pass --overwrite");
			ThreeShiftConstants.writeTemplate(template);
			err.println("magratio: wrote " + template);
			return 0;
		}
		NmrConstants constants = constants();
		NmrMethod m = NmrMethod.of(method);
		ThreeShiftConstants tsc = threeShiftConstants == null ? null : ThreeShiftConstants.read(threeShiftConstants);
		NmrModel model = m.model(tsc);
		if (table != null) return table(model, constants, o, err);
		if (out != null) throw new IllegalArgumentException("--out is for --table; one spectrum prints JSON");
		NmrSpectrum s = NmrSpectrum.builder().label(sample).alphaPpm(nan(alphaPpm)).betaPpm(nan(betaPpm)).gammaPpm(nan(
			gammaPpm)).piPpm(nan(piPpm)).ph(nan(ph)).shiftSePpm(shiftSePpm).temperatureCelsius(nan(temperatureCelsius))
			.ionicStrengthMolar(nan(ionicStrengthMolar)).build();
		for (String c : model.requiredColumns())
			if (Double.isNaN(value(s, c))) throw new IllegalArgumentException("method " + model.name() + " needs " +
				flag(c) + " (or --table)");
		NmrResult r = model.compute(s, constants);
		if (r.flags().contains(NmrResult.FLAG_SHIFT_OUTSIDE_LIMITS)) throw new IllegalArgumentException(option(model) +
			": " + r.message());
		o.println(NmrReport.toJsonLine(r));
		o.flush();
		if (!r.isValid()) err.println("magratio: warning: " + r.message());
		return 0;
	}

	private Integer table(NmrModel model, NmrConstants constants, PrintWriter o, PrintWriter err) throws Exception {
		if (out == null) throw new IllegalArgumentException("--table needs --out FILE.csv for the results");
		if (betaPpm != null || alphaPpm != null || gammaPpm != null || ph != null || piPpm != null)
			throw new IllegalArgumentException("--table takes shifts and pH from the table; do not also give " +
				"--alpha/--beta/--gamma-shift-ppm, --ph or --pi-shift-ppm");
		if (!Files.isRegularFile(table)) throw new IllegalArgumentException("--table " + table + " does not exist");
		AtomicFiles.requireNotAnInput("--out", out, table);
		AtomicFiles.refuseExisting("--out", out, overwrite, "pass --overwrite");
		List<NmrTable.Row> rows = NmrTable.compute(Csv.read(table), model, constants, shiftSePpm);
		NmrTable.write(out, rows, model.name());
		int bad = 0, good = 0;
		for (NmrTable.Row r : rows) {
			if (r.error != null) {
				bad++;
				err.println("magratio: " + r.error);
			}
			else if (r.isGood()) good++;
		}
		o.println("magratio nmr: " + rows.size() + " spectra, " + good + " computed, " + bad + " bad, " + (rows.size() -
			good - bad) + " rejected (flags) -> " + out);
		o.flush();
		return bad > 0 ? Main.EXIT_USAGE : 0;
	}

	private static String option(NmrModel model) {
		switch (model.name()) {
			case "alphabeta":
				return "--alpha-shift-ppm/--beta-shift-ppm";
			case "threeshift":
				return "--alpha/--beta/--gamma-shift-ppm";
			default:
				return "--beta-shift-ppm";
		}
	}

	/** @return the option that gives one spectrum the value of a required table column (see {@link #value}) */
	private static String flag(String column) {
		switch (column) {
			case "alpha_ppm":
				return "--alpha-shift-ppm";
			case "gamma_ppm":
				return "--gamma-shift-ppm";
			default:
				return "--beta-shift-ppm";
		}
	}

	private static double value(NmrSpectrum s, String column) {
		switch (column) {
			case "alpha_ppm":
				return s.alphaPpm();
			case "gamma_ppm":
				return s.gammaPpm();
			default:
				return s.betaPpm();
		}
	}

	NmrConstants constants() {
		if (kdMicromolar != null && kdMillimolar != null) throw new IllegalArgumentException(
			"give --kd-uM or --kd-mM, not both");
		double kd = kdMillimolar != null ? kdMillimolar * 1000 : kdMicromolar != null ? kdMicromolar
			: NmrConstants.DEFAULT_KD_MICROMOLAR;
		try {
			return NmrConstants.builder().kdMicromolar(kd).kdMicromolarSe(kdSeMicromolar).kd0Micromolar(kd0Micromolar)
				.kd0MicromolarSe(kd0SeMicromolar).pKaAtp(pKaAtp).betaFreePpm(betaFreePpm).betaMgAtpPpm(betaMgAtpPpm)
				.alphaBetaFreePpm(alphaBetaFreePpm).alphaBetaMgAtpPpm(alphaBetaMgAtpPpm).piPKa(piPKa).piAcidPpm(
					piAcidPpm).piBasePpm(piBasePpm).build();
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("NMR constants: " + e.getMessage(), e);
		}
	}

	private static double nan(Double v) {
		return v == null ? Double.NaN : v;
	}
}
