package io.github.magratio.core;

import java.io.IOException;

/**
 * The per-cell, per-frame measurements of a recording as its writers read them: frame by frame (TrackMate spots) or
 * cell by cell in blocks holding every frame of their cells (cells.csv, summaries, traces). A {@link CellTable} in
 * memory is one block; a table spilled to disk while the frames ran is read back block by block, so the writers'
 * memory is bounded by a block, not by cells x frames.
 */
public interface CellRows {

	/** Receives one block of cells with every frame of them. */
	@FunctionalInterface
	interface BlockVisitor {
		/** Takes the cells {@code block.firstCell()..block.lastCell()}; the block may be reused after the call. */
		void accept(CellTable block) throws IOException;
	}

	/** @return number of cells (1..cells) */
	int cells();

	/** @return number of frames (0..frames-1) */
	int frames();

	/**
	 * @return a table holding frame {@code frame} of every cell; valid until the next call (it may be reused)
	 * @throws IOException when a spilled table cannot be read
	 */
	CellTable frame(int frame) throws IOException;

	/** Visits every cell once, in blocks in ascending cell order, each block holding every frame of its cells. */
	void blocks(BlockVisitor visitor) throws IOException;
}
