/**
 * MagRatio's own streaming TIFF reader and 32-bit float stack writer, JDK only (no ImageJ, no ImgLib2), so it can be
 * reused and fuzzed on its own. {@link io.github.magratio.tiff.TiffReader} reads classic TIFF and BigTIFF, either byte
 * order, uncompressed, LZW, deflate and PackBits data with or without a predictor, in strips or tiles, 8/16/32-bit
 * integer and 32-bit float grey samples, and ImageJ's hyperstack description; it validates every size against the file
 * length before allocating anything and reads one plane at a time into the caller's array.
 * {@link io.github.magratio.tiff.FloatTiffWriter} writes float stacks plane by plane as ImageJ hyperstacks, as BigTIFF
 * past 4 GiB.
 */
package io.github.magratio.tiff;
