/**
 * Small JDK-only helpers shared by every layer: CSV tables, atomic file output, checksums and the software version.
 * Nothing here knows ImageJ, SciJava or ImgLib2.
 */
package io.github.magratio.util;
