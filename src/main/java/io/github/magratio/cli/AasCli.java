package io.github.magratio.cli;

import io.github.magratio.assay.AasSample;
import io.github.magratio.assay.AasStandardCurve;
import io.github.magratio.assay.AasTables;
import io.github.magratio.report.AasReport;
import io.github.magratio.util.Csv;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magratio aas}: AAS standard curve, sample concentrations with standard errors, total Mg per cell and
 * intracellular total [Mg]; optionally free/total with free [Mg] per sample. Writes results.csv, fit.json and
 * curve.png into {@code --out}.
 */
@Command(name = "aas", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Total Mg by atomic absorption (285.2 nm): standard curve (linear, or quadratic when asked or " +
		"when the residuals curve), LOD/LOQ (ICH Q2: 3.3 and 10 s_y/x / slope), sample concentrations with " +
		"standard errors (Miller & Miller), fmol/cell and total [Mg] in mM. Samples above the top standard are " +
		"never extrapolated (flag dilute).",
		"--standards CSV: " + AasTables.STANDARDS_DOC + ".",
		"--samples CSV: " + AasTables.SAMPLES_DOC + ".",
		"--free CSV: " + AasTables.FREE_DOC + ".",
		"Output in --out: results.csv (sample, reads, absorbance, conc_mg_L, conc_mg_L_se, conc_mg_L_lo, " +
			"conc_mg_L_hi, dilution_factor, reagent_blank_mg_L, digest_conc_mg_L, digest_conc_mg_L_se, " +
			"digest_volume_mL, mg_nmol, mg_nmol_se, cells, mg_fmol_per_cell, mg_fmol_per_cell_se, cell_volume_pL, " +
			"total_mg_mM, total_mg_mM_se, [free_mg_mM, free_mg_mM_se, free_total_ratio, free_total_ratio_se, " +
			"free_total_ratio_lo, free_total_ratio_hi,] flags), fit.json, curve.png.%n" })
public final class AasCli implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--standards", required = true, paramLabel = "CSV", description = "standards table")
	Path standards;

	@Option(names = "--samples", required = true, paramLabel = "CSV", description = "samples table")
	Path samples;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
	Path out;

	@Option(names = "--overwrite", description = "Replace results.csv, fit.json and curve.png in --out if it exists (default: refuse).")
	boolean overwrite;

	@Option(names = "--fit", defaultValue = "auto", paramLabel = "MODEL",
		description = "linear, quadratic or auto (quadratic if its c^2 term is significant, p < 0.05; default " +
			"${DEFAULT-VALUE})")
	String fit;

	@Option(names = { "--dilution-factor" }, defaultValue = "1", paramLabel = "DF",
		description = "dilution factor from digest to the read solution, product of V_final/V_aliquot (default " +
			"${DEFAULT-VALUE}; column dilution_factor overrides)")
	double dilutionFactor;

	@Option(names = { "--reagent-blank-mg-L", "--reagent-blank-mg-l" }, defaultValue = "0", paramLabel = "MG_L",
		description = "reagent blank as a digest concentration, mg/L, subtracted after the dilution factor " +
			"(default ${DEFAULT-VALUE}; column reagent_blank_mg_L overrides)")
	double reagentBlankMgPerL;

	@Option(names = { "--digest-volume-mL", "--digest-volume-ml" }, paramLabel = "ML",
		description = "digest volume, mL (column digest_volume_mL overrides); needed for amounts per cell")
	Double digestVolumeMillilitres;

	@Option(names = { "--cells-per-sample" }, paramLabel = "N",
		description = "cells in each digest (column cells overrides)")
	Double cells;

	@Option(names = { "--cell-volume-pL", "--cell-volume-pl" }, paramLabel = "PL",
		description = "volume of one cell, pL (column cell_volume_pL overrides); measure it (e.g. Coulter); " +
			"fibroblast ~2, HeLa ~3 pL (table values, unverified)")
	Double cellVolumePicolitres;

	@Option(names = { "--water-fraction" }, defaultValue = "1", paramLabel = "F",
		description = "fraction of the cell volume that is water, dividing total [Mg] (default ${DEFAULT-VALUE} = " +
			"whole cell volume)")
	double waterFraction;

	@Option(names = { "--free" }, paramLabel = "CSV|DIR",
		description = "free [Mg] per sample for the free/total ratio: a CSV (imaging or NMR), or a 'magratio run' " +
			"output (a result folder, or the root of several; the folder names are the sample names)")
	Path free;

	@Override
	public Integer call() throws Exception {
		PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
		AasTables.Defaults d = AasTables.Defaults.builder().dilutionFactor(dilutionFactor).reagentBlankMgPerL(
			reagentBlankMgPerL).digestVolumeMillilitres(nan(digestVolumeMillilitres)).cells(nan(cells))
			.cellVolumePicolitres(nan(cellVolumePicolitres)).waterFraction(waterFraction).build();
		AasReport r = AasReport.run(standards, samples, free, d, AasStandardCurve.Fit.of(fit), out, overwrite,
			"pass --overwrite");
		AasStandardCurve c = r.curve;
		o.println("magratio aas: " + (c.isQuadratic() ? "quadratic" : "linear") + " fit of " + c.size() +
			" standard reads: slope " + Csv.number(c.slopePerMgPerL()) + " /(mg/L), intercept " + Csv.number(c
				.intercept()) + ", R^2 " + Csv.number(c.rSquared()) + ", s_y/x " + Csv.number(c.residualSd()) + ", LOD " +
			Csv.number(c.lodMgPerL()) + " mg/L, LOQ " + Csv.number(c.loqMgPerL()) + " mg/L");
		int flagged = 0;
		for (AasSample.Result s : r.results)
			if (!s.flags.isEmpty()) {
				flagged++;
				err.println("magratio: sample '" + s.sample.name() + "': " + String.join(", ", s.flags));
			}
		o.println("magratio aas: " + r.results.size() + " samples (" + flagged + " flagged) -> " + out.resolve(
			AasReport.RESULTS) + ", " + AasReport.FIT + ", " + AasReport.PLOT);
		o.flush();
		return 0;
	}

	private static double nan(Double v) {
		return v == null ? Double.NaN : v;
	}
}
