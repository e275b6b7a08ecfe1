/**
 * TrackMate XML: a run's cells and tracks written as {@code tracks.xml} (one spot per cell and frame with its outline
 * and measurements, one track per lineage), and TrackMate files read safely (no DOCTYPE, sizes checked) into the cells
 * of every frame, for measuring along curated tracks.
 */
package io.github.magratio.trackmate;
