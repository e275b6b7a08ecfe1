/**
 * Many recordings with one settings object: finding the inputs in a folder (a glob, 340/380 pairs by a file-name
 * marker, result folders that mirror the input folder's tree), running them on a pool of threads with resume (a
 * complete, unchanged result is skipped; the pipeline writes every result atomically, so an interrupted batch leaves
 * nothing that counts as done), and the batch tables {@code batch.csv} and {@code batch-summary.csv}. The same engine
 * serves {@code magratio batch}, every SLURM array task ({@link io.github.magratio.slurm}) and the Fiji command Batch
 * Pipeline. No user interface here: progress goes to a {@link io.github.magratio.batch.BatchListener}; no SciJava,
 * picocli, AWT or direct ImageJ 1 (an import allow-list test enforces it).
 */
package io.github.magratio.batch;
