package io.github.magratio.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.ImagePlus;

import io.github.magratio.assay.AasSample;
import io.github.magratio.assay.AasStandardCurve;
import io.github.magratio.assay.AasTables;
import io.github.magratio.pipeline.Pipeline;
import io.github.magratio.util.AtomicFiles;
import io.github.magratio.util.Csv;
import io.github.magratio.util.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One AAS run from files to files, shared by {@code magratio aas} and the "AAS Standard Curve" command: reads the
 * standards and samples (and optionally free [Mg] per sample), fits the curve, computes every sample and writes
 * {@value #RESULTS} (one row per sample), {@value #FIT} (fit, LOD, LOQ, provenance) and {@value #PLOT} into the
 * output folder, each atomically and never over an input. Immutable result object.
 */
public final class AasReport {

	/** File names in the output folder. */
	public static final String RESULTS = "results.csv", FIT = "fit.json", PLOT = "curve.png";

	/** The fitted curve. */
	public final AasStandardCurve curve;
	/** The input unit of the standards. */
	public final AasTables.ConcentrationUnit unit;
	/** One result per sample, in input order. */
	public final List<AasSample.Result> results;
	/** Free [Mg] per sample {mM, se}, or null. */
	public final Map<String, double[]> free;
	/** The plot. */
	public final ImagePlus plot;
	/** The output folder. */
	public final Path outDir;

	private AasReport(AasStandardCurve curve, AasTables.ConcentrationUnit unit, List<AasSample.Result> results,
		Map<String, double[]> free, ImagePlus plot, Path outDir)
	{
		this.curve = curve;
		this.unit = unit;
		this.results = Collections.unmodifiableList(results);
		this.free = free;
		this.plot = plot;
		this.outDir = outDir;
	}

	/**
	 * Free [Mg2+] per sample from imaging results of {@code magratio run}: a result folder ({@code OUT/<stem>}, one
	 * sample named {@code <stem>}) or an output root holding several (one sample per folder with a summary.csv). A
	 * sample's free [Mg2+] is the mean over its cells of each cell's mean [Mg2+] ({@code mean_mM} of summary.csv), its
	 * standard error the SD over cells / sqrt(cells): cells are the replicates.
	 *
	 * @return sample name to {free mM, its standard error mM}
	 * @throws IllegalArgumentException when no summary.csv is found or a result has no cell with a value
	 */
	public static Map<String, double[]> readFreeFromImaging(Path folder) throws IOException {
		List<Path> results = new ArrayList<>();
		if (Files.isRegularFile(folder.resolve(Pipeline.SUMMARY))) results.add(folder);
		else try (java.util.stream.Stream<Path> s = Files.list(folder)) {
			s.filter(p -> Files.isRegularFile(p.resolve(Pipeline.SUMMARY))).sorted().forEach(results::add);
		}
		if (results.isEmpty()) throw new IllegalArgumentException("--free " + folder + ": neither a MagRatio result " +
			"folder nor an output root with result folders (no " + Pipeline.SUMMARY + " found)");
		Map<String, double[]> out = new java.util.LinkedHashMap<>();
		for (Path r : results) {
			Csv.Table t = Csv.read(r.resolve(Pipeline.SUMMARY));
			int col = t.requireColumn("mean_mM");
			double sum = 0, sum2 = 0;
			int n = 0;
			for (int i = 0; i < t.rows().size(); i++) {
				double v = t.number(i, col);
				if (Double.isNaN(v)) continue;
				sum += v;
				sum2 += v * v;
				n++;
			}
			if (n == 0) throw new IllegalArgumentException(r.resolve(Pipeline.SUMMARY) + ": no cell with a [Mg2+] value");
			double mean = sum / n, sd = n > 1 ? Math.sqrt(Math.max(0, (sum2 - n * mean * mean) / (n - 1))) : 0;
			out.put(r.getFileName().toString(), new double[] { mean, sd / Math.sqrt(n) });
		}
		return out;
	}

	/**
	 * Runs the calculator and writes the outputs.
	 *
	 * @param free free [Mg] per sample, or null: a CSV ({@link AasTables#FREE_DOC}), or an imaging result (see
	 *          {@link #readFreeFromImaging})
	 * @param overwrite replace earlier outputs in {@code outDir}; else an existing one is refused
	 * @param howToReplace what the user does to replace them, for the message
	 * @throws IllegalArgumentException for bad input, naming file, line and column, an output over an input, or an
	 *           existing output without {@code overwrite}
	 */
	public static AasReport run(Path standards, Path samples, Path free, AasTables.Defaults defaults,
		AasStandardCurve.Fit fit, Path outDir, boolean overwrite, String howToReplace) throws IOException
	{
		for (Path in : new Path[] { standards, samples, free })
			if (in != null && !Files.isRegularFile(in) && !(in == free && Files.isDirectory(in)))
				throw new IllegalArgumentException("input file " + in + " does not exist");
		if (Files.exists(outDir) && !Files.isDirectory(outDir)) throw new IllegalArgumentException("--out " + outDir +
			" exists and is not a folder");
		for (String name : new String[] { RESULTS, FIT, PLOT }) {
			AtomicFiles.requireNotAnInput("output", outDir.resolve(name), standards, samples, free);
			AtomicFiles.refuseExisting("output", outDir.resolve(name), overwrite, howToReplace);
		}
		AasTables.Standards st = AasTables.readStandards(standards);
		AasStandardCurve curve = AasStandardCurve.fit(st.standards, fit);
		List<AasSample> ss = AasTables.readSamples(samples, defaults);
		Map<String, double[]> freeValues = free == null ? null : Files.isDirectory(free) ? readFreeFromImaging(free)
			: AasTables.readFree(free);
		List<AasSample.Result> results = new ArrayList<>();
		for (AasSample s : ss)
			results.add(s.compute(curve));
		List<List<String>> rows = new ArrayList<>();
		for (AasSample.Result r : results)
			rows.add(AasTables.format(r, freeValues != null, freeValues == null ? null : freeValues.get(r.sample
				.name())));
		Files.createDirectories(outDir);
		Csv.write(outDir.resolve(RESULTS), AasTables.header(freeValues != null), rows);
		AtomicFiles.writeString(outDir.resolve(FIT), io.github.magratio.util.Json.write(fitJson(curve, st.unit,
			standards, samples), true) + "\n");
		ImagePlus plot = AasPlots.plot(curve, results);
		io.github.magratio.ij.TracePlots.savePng(plot, outDir.resolve(PLOT));
		return new AasReport(curve, st.unit, results, freeValues, plot, outDir);
	}

	/** @return the fit, its statistics, LOD and LOQ as JSON (concentrations in mg/L) */
	public static JsonObject fitJson(AasStandardCurve c, AasTables.ConcentrationUnit unit, Path standards,
		Path samples)
	{
		JsonObject o = new JsonObject();
		o.addProperty("model", c.isQuadratic() ? "quadratic" : "linear");
		o.addProperty("equation", c.isQuadratic() ? "A = a + b*c + d*c^2" : "A = a + b*c");
		o.addProperty("concentration_unit", "mg/L");
		o.addProperty("standards_input_unit", unit.column);
		o.addProperty("intercept", c.intercept());
		o.addProperty("slope_per_mg_L", c.slopePerMgPerL());
		if (c.isQuadratic()) o.addProperty("quadratic_per_mg_L2", c.quadraticPerMgPerLSquared());
		double[] se = c.coefficientSe();
		o.addProperty("intercept_se", se[0]);
		o.addProperty("slope_per_mg_L_se", se[1]);
		if (c.isQuadratic()) o.addProperty("quadratic_per_mg_L2_se", se[2]);
		o.addProperty("r_squared", c.rSquared());
		o.addProperty("residual_sd", c.residualSd());
		o.addProperty("n_reads", c.size());
		o.addProperty("n_levels", c.levels());
		o.addProperty("degrees_of_freedom", c.degreesOfFreedom());
		o.addProperty("t_975", c.tQuantile());
		o.addProperty("curvature_p_value", c.curvaturePValue());
		o.addProperty("lod_mg_L", c.lodMgPerL());
		o.addProperty("loq_mg_L", c.loqMgPerL());
		o.addProperty("lod_rule", "3.3 * residual_sd / slope (ICH Q2)");
		o.addProperty("loq_rule", "10 * residual_sd / slope (ICH Q2)");
		o.addProperty("top_standard_mg_L", c.topStandardMgPerL());
		o.addProperty("mg_molar_mass_g_mol", AasSample.MG_MOLAR_MASS_G_PER_MOL);
		JsonArray a = new JsonArray();
		for (AasStandardCurve.Standard s : c.standards()) {
			JsonObject p = new JsonObject();
			p.addProperty("conc_mg_L", s.concMgPerL);
			p.addProperty("absorbance", s.absorbance);
			p.addProperty("residual", s.absorbance - c.absorbance(s.concMgPerL));
			a.add(p);
		}
		o.add("standards", a);
		o.addProperty("standards_file", standards.toString());
		o.addProperty("samples_file", samples.toString());
		o.addProperty("software_version", Version.get());
		return o;
	}
}
