/**
 * SciJava commands of the Fiji menu {@code Plugins > MagRatio}: one thin command per step (segment, subtract
 * background, ratio, [Mg2+], measure), the whole pipeline, and tools. Images travel between steps by title, resolved in
 * ImageJ's WindowManager and then in the context's {@link io.github.magratio.command.ImageRegistry}; outputs wrap the
 * arrays they were computed in, so the next step reads the very same pixel arrays. Every command is AWT-free and runs
 * headless through {@code CommandService}; see {@code docs/commands.md} for macro keys.
 */
package io.github.magratio.command;
