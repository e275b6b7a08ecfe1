package io.github.magratio.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.github.magratio.assay.AasSample;
import io.github.magratio.assay.AasStandardCurve;
import io.github.magratio.assay.AasTables;
import io.github.magratio.report.AasReport;

import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; MagRatio &gt; Tools &gt; AAS Standard Curve: the same run as {@code magratio aas} (results.csv,
 * fit.json and curve.png in the output folder), with the results as a table and the plot as an image. Thin:
 * validates, calls {@link AasReport}, sets outputs. Bad input cancels (through {@link MagRatioCommand}) with a
 * message naming the file, line and column or the parameter (the dialog field and its macro key).
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>MagRatio>Tools>AAS Standard Curve",
	label = "AAS Standard Curve")
public class AasStandardCurveCommand extends MagRatioCommand {

	/** Standards CSV. */
	@Parameter(label = "Standards CSV", style = "open", description = "one row per read: absorbance and conc_mg_L, " +
		"conc_ug_L or conc_mM")
	private File standards;

	/** Samples CSV. */
	@Parameter(label = "Samples CSV", style = "open", description = "one row per read: sample, absorbance; optional " +
		"dilution_factor, reagent_blank_mg_L, digest_volume_mL, cells, cell_volume_pL")
	private File samples;

	/** Output folder. */
	@Parameter(label = "Output folder", style = "directory", description = "results.csv, fit.json and curve.png " +
		"are written here")
	private File output;

	/** Curve model. */
	@Parameter(label = "Fit", choices = { "auto", "linear", "quadratic" },
		description = "auto: quadratic only if its c^2 term is significant (p < 0.05)")
	private String fit = "auto";

	/** Dilution factor digest to read solution. */
	@Parameter(label = "Dilution factor", description = "product of V_final / V_aliquot from digest to the read " +
		"solution")
	private double dilution = 1;

	/** Reagent blank, digest concentration in mg/L. */
	@Parameter(label = "Reagent blank (mg/L, digest)", min = "0", description = "subtracted after the dilution factor")
	private double blank = 0;

	/** Digest volume, mL (NaN = unknown). */
	@Parameter(label = "Digest volume (mL)", description = "volume of each digest, mL; NaN = unknown")
	private double digest = Double.NaN;

	/** Cells per digest (NaN = unknown). */
	@Parameter(label = "Cells per sample", description = "number of cells in each digest; NaN = unknown")
	private double cells = Double.NaN;

	/** Cell volume, pL (NaN = unknown). */
	@Parameter(label = "Cell volume (pL)", description = "volume of one cell, pL (measure it); NaN = unknown")
	private double volume = Double.NaN;

	/** Water fraction of the cell volume. */
	@Parameter(label = "Water fraction", min = "0", max = "1", description = "fraction of the cell volume that is " +
		"water (1 = whole volume)")
	private double water = 1;

	/** Replace results.csv, fit.json and curve.png in the folder if it exists (default: refuse, so a macro never overwrites a result silently). */
	@Parameter(label = "Overwrite", description = "Replace results.csv, fit.json and curve.png in the folder if it exists (default: refuse)")
	private boolean overwrite = false;

	/** Slope at c = 0, absorbance per mg/L. */
	@Parameter(type = ItemIO.OUTPUT, label = "Slope (per mg/L)")
	private double slope;

	/** Intercept, absorbance. */
	@Parameter(type = ItemIO.OUTPUT, label = "Intercept")
	private double intercept;

	/** R squared. */
	@Parameter(type = ItemIO.OUTPUT, label = "R^2")
	private double r2;

	/** Limit of detection, mg/L. */
	@Parameter(type = ItemIO.OUTPUT, label = "LOD (mg/L)")
	private double lod;

	/** Limit of quantification, mg/L. */
	@Parameter(type = ItemIO.OUTPUT, label = "LOQ (mg/L)")
	private double loq;

	/** Path of the written results.csv. */
	@Parameter(type = ItemIO.OUTPUT, label = "Results file")
	private String resultsfile;

	/** One row per sample, the columns of results.csv. */
	@Parameter(type = ItemIO.OUTPUT, label = "AAS results")
	private ResultsTable results;

	/** Standards, fit and samples. */
	@Parameter(type = ItemIO.OUTPUT, label = "AAS standard curve")
	private ImagePlus plot;

	@Override
	protected void execute() throws IOException {
		AasTables.Defaults d = AasTables.Defaults.builder().dilutionFactor(dilution).reagentBlankMgPerL(blank)
			.digestVolumeMillilitres(digest).cells(cells).cellVolumePicolitres(volume).waterFraction(water).build();
		if (standards == null || samples == null || output == null) throw new IllegalArgumentException(
			"standards, samples and output are required");
		AasReport r = AasReport.run(standards.toPath(), samples.toPath(), null, d, AasStandardCurve.Fit.of(fit), output
			.toPath(), overwrite, MagRatioCommand.HOW_TO_OVERWRITE);
		slope = r.curve.slopePerMgPerL();
		intercept = r.curve.intercept();
		r2 = r.curve.rSquared();
		lod = r.curve.lodMgPerL();
		loq = r.curve.loqMgPerL();
		resultsfile = r.outDir.resolve(AasReport.RESULTS).toString();
		plot = r.plot;
		results = new ResultsTable();
		for (AasSample.Result s : r.results) {
			results.incrementCounter();
			results.addValue("sample", s.sample.name());
			results.addValue("reads", s.read.reads);
			results.addValue("absorbance", s.read.meanAbsorbance);
			results.addValue("conc_mg_L", s.read.concMgPerL);
			results.addValue("conc_mg_L_se", s.read.concMgPerLSe);
			results.addValue("digest_conc_mg_L", s.digestMgPerL);
			results.addValue("mg_fmol_per_cell", s.femtomolesPerCell);
			results.addValue("total_mg_mM", s.totalMillimolar);
			results.addValue("total_mg_mM_se", s.totalMillimolarSe);
			results.addValue("flags", String.join(";", s.flags));
		}
	}
}
