/**
 * Algorithms of MagRatio on ImgLib2 data only: background estimation, cell segmentation into label images, ratio and
 * [Mg2+] images, per-cell measurements and the Grynkiewicz calibration model. Nothing here imports ImageJ 1, SciJava or
 * AWT (a test enforces it), so the same code runs in Fiji, headless, and on a cluster.
 * <p>
 * Conventions: frames are 2D {@code RandomAccessibleInterval}s (X, Y) processed one at a time; label images are
 * 16-bit with 0 = background and cells 1..n; intensities are camera counts; concentrations are in mM; NaN marks a pixel
 * or value without a valid ratio. Unless said otherwise, classes are immutable and thread-safe, and methods allocate
 * their outputs only when their name or javadoc says so.
 */
package io.github.magratio.core;
