/**
 * Adapters between ImageJ 1 and MagRatio's ImgLib2 core: zero-copy views over {@code ImagePlus} planes, the three
 * channel layouts of a recording, label images and ROI sets, streaming 32-bit TIFF output, plots to PNG and
 * ImageJ's auto-threshold methods. Nothing here opens a window; display conveniences live in the command layer and
 * run only with a display.
 */
package io.github.magratio.ij;
