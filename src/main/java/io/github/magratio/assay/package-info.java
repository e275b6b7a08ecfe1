/**
 * Calculators for the two non-imaging ways to measure intracellular magnesium (science.md sections 3 and 4):
 * free Mg2+ from 31P NMR chemical shifts of ATP ({@link io.github.magratio.assay.NmrModel}) and total Mg from an
 * atomic absorption standard curve ({@link io.github.magratio.assay.AasStandardCurve},
 * {@link io.github.magratio.assay.AasSample}), and their ratio ({@link io.github.magratio.assay.FreeTotal}).
 * <p>
 * Pure numerics: imports only the JDK, commons-math3 and {@code io.github.magratio.util}; no ImageJ, no SciJava.
 * Every value is immutable and thread-safe; every failure is an {@link IllegalArgumentException} naming the
 * parameter, row or column and the value.
 */
package io.github.magratio.assay;
