/**
 * Small JDK-only helpers shared by every layer: CSV tables and strict JSON, atomic file output, checksums, the software
 * version, the one failure path ({@link io.github.magratio.util.Failure}: one line and an exit code) and the wording of
 * options for the CLI or ImageJ ({@link io.github.magratio.util.Worded}, {@link io.github.magratio.util.UserOption}).
 * Nothing here knows ImageJ, SciJava or ImgLib2.
 */
package io.github.magratio.util;
