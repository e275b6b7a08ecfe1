/**
 * The headless command line, {@code scripts/magratio} (picocli): one subcommand per task (run, batch, calibrate,
 * titrate, synth, demo, bench, slurm, aas, nmr, ...), progress on stderr, and one error path ({@link
 * io.github.magratio.util.Failure}) that prints one line naming the file or option and exits 2 for a user's mistake, 1
 * for the machine's. Settings problems are named by the flag that gave them ({@link
 * io.github.magratio.pipeline.SettingNames}). Never uses {@code command}.
 */
package io.github.magratio.cli;
