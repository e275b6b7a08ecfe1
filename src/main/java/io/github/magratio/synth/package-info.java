/**
 * Synthetic ratiometric Mag-Fura-2 recordings (340/380 nm excitation) with exact ground truth: cell labels, free
 * [Mg2+] per cell and frame in mM, the calibration implied by the spectra, and the true background. Used by tests and
 * the demo to prove per-cell accuracy of segmentation, background subtraction and calibration. Entry points:
 * {@link io.github.magratio.synth.SynthSettings}, {@link io.github.magratio.synth.SyntheticRecording} and
 * {@link io.github.magratio.synth.GroundTruth}. May use ImageJ 1.x for image I/O; {@code core} must not.
 */
package io.github.magratio.synth;
