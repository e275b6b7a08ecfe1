/**
 * The imaging run: the whole chain for one recording, driven by one immutable
 * {@link io.github.magratio.pipeline.PipelineSettings} (a JSON file, CLI flags, or a command's parameters): open,
 * segment, subtract background, ratio, convert to [Mg2+], measure, and write the output folder of the contract
 * (cells.csv, summary.csv, ratio.tif, mg.tif, labels.tif, rois.zip, traces.png, run.json) atomically. The pipeline is
 * a function of (settings, input) to an output folder, with no global state. Calibrations are read from
 * {@code calibration}; the ones measured from recordings live in {@code calibration.measure}, the assay reports in
 * {@code report}.
 */
package io.github.magratio.pipeline;
