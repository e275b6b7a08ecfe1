/**
 * Calibrations measured from recordings: in situ ({@link io.github.magratio.calibration.measure.InSituCalibration}:
 * Rmin and Rmax plateaus of ionophore-clamped cells, beta from their 380 nm signals) and the Kd titration over
 * standards given as ratios or as recordings ({@link io.github.magratio.calibration.measure.Titration}). They measure
 * through the pipeline's per-frame kernel with measurement settings
 * ({@link io.github.magratio.pipeline.PipelineSettings#measurement}) and write a
 * {@link io.github.magratio.calibration.CalibrationFile}.
 */
package io.github.magratio.calibration.measure;
