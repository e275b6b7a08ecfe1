/**
 * The calibration as data: the calibration file format ({@link io.github.magratio.calibration.CalibrationFile}: Kd in
 * mM, Rmin, Rmax, beta, their standard errors, provenance and sources) and the Kd fit of a titration to standards of
 * known free [Mg2+] ({@link io.github.magratio.calibration.KdFit}). No images and no pipeline: the pipeline, the
 * synthetic generator and the commands read and write calibrations through this package.
 */
package io.github.magratio.calibration;
