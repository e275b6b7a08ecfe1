package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The linker on hand-drawn frames whose right answer is known by construction: discs moving slowly (overlap) and fast
 * (no overlap: distance after the drift), a cell missing for a gap shorter and longer than allowed, a division, a merge,
 * a split that merges again (flicker: the pieces are the cell), a crumb split off, a division at the image border
 * with one daughter mostly outside (or wholly: the mother on the border goes on as one small cell), a merge that splits
 * back, and a cell entering.
 */
class OverlapLinkerTest {

	static final int W = 120, H = 60;

	/** A frame of discs: {x, y, r} each, labelled 1, 2, ... in the order given. */
	static Labels frame(double[]... discs) {
		int[] l = new int[W * H];
		for (int k = 0; k < discs.length; k++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					double dx = x - discs[k][0], dy = y - discs[k][1];
					if (dx * dx + dy * dy <= discs[k][2] * discs[k][2]) l[y * W + x] = k + 1;
				}
		return Labels.withIds(l, W, H, discs.length);
	}

	/** @return the track id at each disc centre */
	static int[] idsAt(int[] tracked, double[]... discs) {
		int[] ids = new int[discs.length];
		for (int k = 0; k < discs.length; k++)
			ids[k] = tracked[(int) Math.round(discs[k][1]) * W + (int) Math.round(discs[k][0])];
		return ids;
	}

	static double[] d(double x, double y, double r) {
		return new double[] { x, y, r };
	}

	@Test
	void slowAndFastMovingCellsKeepTheirIds() {
		// 14 px per frame: discs of radius 5 never overlap themselves, and the first step, before any velocity is
		// known, is farther than a cell diameter: it needs a larger maximum distance
		for (double step : new double[] { 2, 14 }) {
			OverlapLinker l = step < 10 ? new OverlapLinker() : new OverlapLinker(2, 20);
			for (int t = 0; t < 6; t++) {
				double[] a = d(10 + step * t, 15, 5), b = d(10 + step * t, 45, 5);
				// listed in swapped order on odd frames: the frame's own ids mean nothing
				int[] ids = t % 2 == 0 ? idsAt(l.link(frame(a, b)), a, b) : idsAt(l.link(frame(b, a)), a, b);
				assertArrayEquals(new int[] { 1, 2 }, ids, "step " + step + " frame " + t);
			}
			assertEquals(2, l.tracks());
		}
	}

	@Test
	void aGapUpToTheMaximumIsClosedALongerOneIsNot() {
		for (int gap = 1; gap <= 3; gap++) {
			OverlapLinker l = new OverlapLinker(2, Double.NaN);
			double[] other = d(100, 45, 5);
			for (int t = 0; t < 4 + gap + 2; t++) {
				double[] a = d(10 + 3 * t, 15, 5);
				boolean missing = t >= 4 && t < 4 + gap;
				int[] tracked = missing ? l.link(frame(other)) : l.link(frame(a, other));
				if (!missing) assertEquals(gap <= 2 || t < 4 ? 1 : 3, idsAt(tracked, a)[0], "gap " + gap + " frame " + t);
			}
		}
	}

	@Test
	void aDivisionEndsTheMotherAndGivesTwoDaughtersWithHerAsParent() {
		OverlapLinker l = new OverlapLinker();
		l.link(frame(d(40, 30, 10)));
		l.link(frame(d(40, 30, 10)));
		int[] t = l.link(frame(d(35.5, 30, 5.5), d(44.5, 30, 5.5)));
		int[] ids = idsAt(t, d(35, 30, 0), d(45, 30, 0));
		assertArrayEquals(new int[] { 2, 3 }, ids);
		List<OverlapLinker.Track> tracks = l.trackList();
		assertEquals(1, tracks.get(0).endFrame());
		assertArrayEquals(new int[] { 1 }, tracks.get(1).parents());
		assertArrayEquals(new int[] { 1 }, tracks.get(2).parents());
		// the daughters go on under their own ids
		assertArrayEquals(new int[] { 2, 3 }, idsAt(l.link(frame(d(35, 30, 5.5), d(45, 30, 5.5))), d(35, 30, 0), d(45,
			30, 0)));
	}

	@Test
	void aMergeIsRecordedWithBothParentsButASplitThatMergesAgainIsAFlicker() {
		OverlapLinker l = new OverlapLinker();
		l.link(frame(d(34, 30, 5), d(47, 30, 5)));
		int[] t = l.link(frame(d(40, 30, 10)));
		assertEquals(3, t[30 * W + 40]);
		assertArrayEquals(new int[] { 1, 2 }, l.trackList().get(2).parents());

		OverlapLinker f = new OverlapLinker();
		f.link(frame(d(40, 30, 10)));
		f.link(frame(d(35.5, 30, 5.5), d(44.5, 30, 5.5))); // split ...
		int[] back = f.link(frame(d(40, 30, 10))); // ... and merged again: the same cell
		assertEquals(1, back[30 * W + 40]);
		assertEquals(0, f.trackList().get(1).parents().length, "the pieces keep no parent");
		assertEquals(2, f.trackList().get(0).endFrame());
		// the pieces were the cell in the frame between: their ids become its id, and a later cell is the second
		int[] later = f.link(frame(d(40, 30, 10), d(100, 30, 5)));
		assertEquals(4, later[30 * W + 100]);
		assertArrayEquals(new int[] { 0, 1, 1, 1, 2 }, f.finalIds());
		CellTracks tracks = CellTracks.of(f.trackList());
		assertEquals(2, tracks.cells());
		assertEquals(0, tracks.start(1));
		assertEquals(3, tracks.end(1));
		assertEquals(0, tracks.parents(1).length);
		assertEquals(3, tracks.start(2));
		LabelPlanes planes = new LabelPlanes(W, H);
		planes.add(new int[W * H]);
		int[] split = new int[W * H];
		split[0] = 2;
		split[1] = 3;
		split[2] = 4;
		planes.add(split);
		planes.relabel(f.finalIds());
		assertArrayEquals(new int[] { 1, 1, 2, 0 }, Arrays.copyOf(planes.get(1), 4));
	}

	@Test
	void aCellThatKeepsMostOfItsAreaLostAPieceAndThePieceJoiningAgainIsTheCell() {
		// 529 px split into 386 px (73 %) and 134 px (25 %): no daughter has less than 70 %, so no division
		OverlapLinker l = new OverlapLinker();
		l.link(frame(d(40, 30, 13)));
		int[] t = l.link(frame(d(36, 30, 11.5), d(49.5, 30, 6.5)));
		assertEquals(1, t[30 * W + 34]);
		assertEquals(2, t[30 * W + 52]);
		assertEquals(0, l.trackList().get(1).parents().length);
		int[] back = l.link(frame(d(40, 30, 13)));
		assertEquals(1, back[30 * W + 40]);
		assertArrayEquals(new int[] { 0, 1, 1 }, l.finalIds(), "the piece was the cell");
		assertEquals(1, CellTracks.of(l.trackList()).cells());
	}

	@Test
	void aMergeThatSplitsBackIsTheTwoCellsGoingOn() {
		OverlapLinker l = new OverlapLinker();
		l.link(frame(d(30, 30, 6), d(52, 30, 5)));
		l.link(frame(d(33, 30, 6), d(49, 30, 5)));
		int[] blob = l.link(frame(d(41, 30, 10))); // the segmentation joins them for a frame
		assertEquals(3, blob[30 * W + 41]);
		int[] apart = l.link(frame(d(35.5, 30, 5.5), d(46.5, 30, 5.5)));
		assertArrayEquals(new int[] { 1, 2 }, idsAt(apart, d(35, 30, 0), d(47, 30, 0)));
		assertArrayEquals(new int[] { 0, 1, 2, 1 }, l.finalIds(), "the merged cell is mostly the larger one");
		CellTracks tracks = CellTracks.of(l.trackList());
		assertEquals(2, tracks.cells());
		assertEquals(0, tracks.parents(1).length + tracks.parents(2).length);
		assertEquals(3, tracks.end(2));
	}

	@Test
	void aCellDividingAtTheBorderHasADaughterHowSmallTheOneCutByTheBorderIs() {
		// the mother touches the bottom edge; the daughter in the field has a third of her area, the other daughter
		// is mostly outside (about a seventh of the mother in the field): a division
		OverlapLinker l = new OverlapLinker();
		l.link(frame(d(40, 50, 9)));
		int[] t = l.link(frame(d(40, 46, 5), d(40, 57.5, 3.5)));
		assertEquals(2, t[46 * W + 40]);
		assertEquals(3, t[59 * W + 40]);
		assertArrayEquals(new int[] { 1 }, l.trackList().get(1).parents());
		assertArrayEquals(new int[] { 1 }, l.trackList().get(2).parents());
		// the mother on the border goes on as one small cell inside the field: her other daughter stayed outside
		OverlapLinker j = new OverlapLinker();
		j.link(frame(d(40, 52, 9)));
		int[] lone = j.link(frame(d(40, 47, 5)));
		assertEquals(2, lone[47 * W + 40]);
		assertArrayEquals(new int[] { 1 }, j.trackList().get(1).parents());
		// a crumb on the border beside a cell that kept most of its area is no division
		OverlapLinker k = new OverlapLinker();
		k.link(frame(d(40, 50, 10)));
		int[] u = k.link(frame(d(40, 48, 9), d(40, 58.5, 1.5)));
		assertEquals(1, u[48 * W + 40]);
		assertEquals(2, u[59 * W + 40]);
		assertEquals(0, k.trackList().get(1).parents().length);
	}

	@Test
	void aCrumbSplitOffIsNoDivisionAndAnEnteringCellIsANewTrack() {
		OverlapLinker l = new OverlapLinker();
		l.link(frame(d(40, 30, 10)));
		// the main body keeps 1; a crumb of about a tenth of the area is a new track without parent
		int[] t = l.link(frame(d(38, 30, 9), d(52, 30, 3)));
		assertEquals(1, t[30 * W + 38]);
		assertEquals(2, t[30 * W + 52]);
		assertEquals(0, l.trackList().get(1).parents().length);
		int[] e = l.link(frame(d(38, 30, 9), d(115, 30, 4)));
		assertEquals(1, e[30 * W + 38]);
		assertEquals(3, e[30 * W + 115]);
	}
}
