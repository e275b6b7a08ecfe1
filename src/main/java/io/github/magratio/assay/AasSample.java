package io.github.magratio.assay;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One AAS unknown: replicate reads of a diluted digest, and what is needed to turn its concentration into total Mg
 * per cell and intracellular total [Mg] (science.md section 4):
 *
 * <pre>
 * c_digest (mg/L)   = c_read * DF - reagent blank            DF = product of V_final / V_aliquot
 * n_Mg (nmol)       = c_digest (mg/L) * V_digest (mL) / 24.305 g/mol * 1000
 * fmol/cell         = n_Mg * 10^6 / N_cells
 * [Mg]_total (mM)   = fmol/cell / (V_cell (pL) * water fraction)          1 fmol/pL = 1 mM
 * </pre>
 *
 * Standard errors come from the curve's inverse (reads and calibration) and are carried through the exact factors;
 * cell count, volumes and dilution are taken as exact. Digest volume, cell count and cell volume are optional (NaN):
 * without them the later quantities are NaN. Immutable; {@link #builder(String)} validates in
 * {@link Builder#build()}, each message naming the sample and parameter.
 */
public final class AasSample {

	/** Molar mass of Mg, g/mol (IUPAC standard atomic weight). */
	public static final double MG_MOLAR_MASS_G_PER_MOL = 24.305;
	/** The reagent blank is at least the sample's digest concentration. */
	public static final String FLAG_BELOW_BLANK = "below_blank";

	private final String name;
	private final double[] reads;
	private final double dilutionFactor, reagentBlankMgPerL, digestVolumeMillilitres, cells, cellVolumePicolitres,
			waterFraction;

	private AasSample(Builder b) {
		name = b.name;
		reads = b.reads.clone();
		dilutionFactor = b.dilutionFactor;
		reagentBlankMgPerL = b.reagentBlankMgPerL;
		digestVolumeMillilitres = b.digestVolumeMillilitres;
		cells = b.cells;
		cellVolumePicolitres = b.cellVolumePicolitres;
		waterFraction = b.waterFraction;
	}

	/** @return a builder for sample {@code name}: DF 1, no blank, water fraction 1, everything else unknown */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/** @return the sample name */
	public String name() {
		return name;
	}

	/** @return a copy of the absorbance reads */
	public double[] reads() {
		return reads.clone();
	}

	/** @return dilution factor from digest to the read solution (&gt; 0) */
	public double dilutionFactor() {
		return dilutionFactor;
	}

	/** @return reagent blank as a digest concentration, mg/L */
	public double reagentBlankMgPerL() {
		return reagentBlankMgPerL;
	}

	/** @return digest volume, mL, or NaN */
	public double digestVolumeMillilitres() {
		return digestVolumeMillilitres;
	}

	/** @return number of cells in the digest, or NaN */
	public double cells() {
		return cells;
	}

	/** @return volume of one cell, pL, or NaN */
	public double cellVolumePicolitres() {
		return cellVolumePicolitres;
	}

	/** @return water fraction of the cell volume dividing the total [Mg] (1 = whole cell volume) */
	public double waterFraction() {
		return waterFraction;
	}

	/** @return digest concentration {@code c_read * DF - blank}, mg/L */
	public static double digestConcentrationMgPerL(double readMgPerL, double dilutionFactor, double blankMgPerL) {
		return readMgPerL * dilutionFactor - blankMgPerL;
	}

	/** @return amount of Mg in the digest, nmol, from its concentration (mg/L) and volume (mL) */
	public static double nanomoles(double digestMgPerL, double digestVolumeMillilitres) {
		return digestMgPerL * digestVolumeMillilitres / MG_MOLAR_MASS_G_PER_MOL * 1000;
	}

	/** @return Mg per cell, fmol, from the digest's amount (nmol) and its cell count */
	public static double femtomolesPerCell(double nanomoles, double cells) {
		return nanomoles * 1e6 / cells;
	}

	/** @return intracellular total [Mg], mM, from fmol/cell and the cell volume (pL) times its water fraction */
	public static double totalMillimolar(double femtomolesPerCell, double cellVolumePicolitres, double waterFraction) {
		return femtomolesPerCell / (cellVolumePicolitres * waterFraction);
	}

	/** The computed quantities of one sample. */
	public static final class Result {
		/** The sample. */
		public final AasSample sample;
		/** The curve's inverse estimate of the read solution. */
		public final AasStandardCurve.Estimate read;
		/** Digest concentration and its standard error, mg/L. */
		public final double digestMgPerL, digestMgPerLSe;
		/** Mg in the digest and its standard error, nmol. */
		public final double nanomoles, nanomolesSe;
		/** Mg per cell and its standard error, fmol. */
		public final double femtomolesPerCell, femtomolesPerCellSe;
		/** Intracellular total [Mg] and its standard error, mM. */
		public final double totalMillimolar, totalMillimolarSe;
		/** The read's flags plus {@link #FLAG_BELOW_BLANK}. */
		public final Set<String> flags;

		Result(AasSample s, AasStandardCurve.Estimate e) {
			sample = s;
			read = e;
			digestMgPerL = digestConcentrationMgPerL(e.concMgPerL, s.dilutionFactor, s.reagentBlankMgPerL);
			digestMgPerLSe = e.concMgPerLSe * s.dilutionFactor;
			nanomoles = nanomoles(digestMgPerL, s.digestVolumeMillilitres);
			nanomolesSe = nanomoles(digestMgPerLSe, s.digestVolumeMillilitres);
			femtomolesPerCell = femtomolesPerCell(nanomoles, s.cells);
			femtomolesPerCellSe = femtomolesPerCell(nanomolesSe, s.cells);
			totalMillimolar = totalMillimolar(femtomolesPerCell, s.cellVolumePicolitres, s.waterFraction);
			totalMillimolarSe = totalMillimolar(femtomolesPerCellSe, s.cellVolumePicolitres, s.waterFraction);
			Set<String> f = new LinkedHashSet<>(e.flags);
			if (digestMgPerL <= 0) f.add(FLAG_BELOW_BLANK);
			flags = Collections.unmodifiableSet(f);
		}
	}

	/** @return this sample's concentrations and amounts on {@code curve} */
	public Result compute(AasStandardCurve curve) {
		return new Result(this, curve.estimate(reads, "sample '" + name + "'"));
	}

	/** Builder of {@link AasSample}. */
	public static final class Builder {
		private final String name;
		private double[] reads = new double[0];
		private double dilutionFactor = 1, reagentBlankMgPerL = 0, digestVolumeMillilitres = Double.NaN,
				cells = Double.NaN, cellVolumePicolitres = Double.NaN, waterFraction = 1;

		private Builder(String name) {
			this.name = name == null ? "" : name;
		}

		/** Replicate absorbance reads (&gt;= 0). */
		public Builder reads(double... v) {
			reads = v.clone();
			return this;
		}

		/** Dilution factor from digest to read solution. */
		public Builder dilutionFactor(double v) {
			dilutionFactor = v;
			return this;
		}

		/** Reagent blank as a digest concentration, mg/L. */
		public Builder reagentBlankMgPerL(double v) {
			reagentBlankMgPerL = v;
			return this;
		}

		/** Digest volume, mL. */
		public Builder digestVolumeMillilitres(double v) {
			digestVolumeMillilitres = v;
			return this;
		}

		/** Number of cells in the digest. */
		public Builder cells(double v) {
			cells = v;
			return this;
		}

		/** Volume of one cell, pL. */
		public Builder cellVolumePicolitres(double v) {
			cellVolumePicolitres = v;
			return this;
		}

		/** Water fraction of the cell volume, in (0, 1]. */
		public Builder waterFraction(double v) {
			waterFraction = v;
			return this;
		}

		/**
		 * @return the validated sample
		 * @throws IllegalArgumentException naming the sample and parameter
		 */
		public AasSample build() {
			String at = "sample '" + name + "': ";
			if (reads.length == 0) throw new IllegalArgumentException(at + "no absorbance reads");
			for (double r : reads)
				if (!Double.isFinite(r) || r < 0) throw new IllegalArgumentException(at + "absorbance must be >= 0, got " +
					r + " (reads " + Arrays.toString(reads) + ")");
			if (!(dilutionFactor > 0) || Double.isInfinite(dilutionFactor)) throw new IllegalArgumentException(at +
				"dilution factor must be > 0, got " + dilutionFactor);
			if (!(reagentBlankMgPerL >= 0) || Double.isInfinite(reagentBlankMgPerL))
				throw new IllegalArgumentException(at + "reagent blank must be >= 0 mg/L, got " + reagentBlankMgPerL);
			optionalPositive(at + "digest volume (mL)", digestVolumeMillilitres);
			optionalPositive(at + "cell count", cells);
			optionalPositive(at + "cell volume (pL)", cellVolumePicolitres);
			if (!(waterFraction > 0 && waterFraction <= 1)) throw new IllegalArgumentException(at +
				"water fraction must be in (0, 1], got " + waterFraction);
			return new AasSample(this);
		}

		private static void optionalPositive(String what, double v) {
			if (Double.isNaN(v)) return;
			if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " must be > 0, got " + v);
		}
	}
}
