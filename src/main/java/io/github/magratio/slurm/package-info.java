/**
 * SLURM job arrays for batches: submission (one task per chunk of files), the task that runs its chunk and the merge
 * at the end, the resource estimate a task asks for, and task states read from {@code scontrol}. Every result is
 * written per file and atomically by {@code batch}, so a task that dies loses only its own unfinished file.
 */
package io.github.magratio.slurm;
