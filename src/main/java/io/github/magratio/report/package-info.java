/**
 * Reports built from results that already exist: the AAS standard curve over the summary tables of finished output
 * folders ({@link io.github.magratio.report.AasReport}, with its plot {@link io.github.magratio.report.AasPlots}) and
 * the 31P NMR free-Mg result ({@link io.github.magratio.report.NmrReport}). The calculators themselves are
 * {@code assay}'s; this package writes their tables, plots and provenance.
 */
package io.github.magratio.report;
