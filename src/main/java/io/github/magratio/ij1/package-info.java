/**
 * The plain-ImageJ 1 entry of every MagRatio command ({@code MagRatio_.jar}): macro options or a dialog built from the
 * command's SciJava inputs, run through SciJava, so ImageJ 1 without Fiji records and replays the same macro keys.
 */
package io.github.magratio.ij1;
