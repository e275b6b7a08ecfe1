package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Instance matching on squares whose overlaps are counted by hand. */
class SegmentationScoreTest {

	static int[] squares(int w, int h, int[][] xySideId) {
		int[] l = new int[w * h];
		for (int[] s : xySideId)
			for (int y = s[1]; y < s[1] + s[2]; y++)
				for (int x = s[0]; x < s[0] + s[2]; x++)
					l[y * w + x] = s[3];
		return l;
	}

	@Test
	void iouOfShiftedSquaresDecidesTheMatch() {
		int w = 40, h = 20;
		// truth: two 10x10 squares; prediction: the first shifted by 2 px (IoU 80/120 = 2/3), the second by 5 px
		// (IoU 50/150 = 1/3), plus a stray square
		int[] truth = squares(w, h, new int[][] { { 2, 2, 10, 7 }, { 20, 2, 10, 9 } });
		int[] found = squares(w, h, new int[][] { { 4, 2, 10, 1 }, { 25, 2, 10, 2 }, { 30, 15, 3, 3 } });
		SegmentationScore s = SegmentationScore.of(truth, found, w, h);
		assertEquals(2, s.truthCount());
		assertEquals(3, s.predictedCount());
		assertEquals(1, s.matched());
		assertEquals(1, s.missed());
		assertEquals(2, s.extra());
		assertEquals(1 / 3.0, s.precision(), 1e-12);
		assertEquals(0.5, s.recall(), 1e-12);
		assertEquals(2.0 / (2 + 2 + 1), s.f1(), 1e-12);
		assertEquals(2 / 3.0, s.meanMatchedIou(), 1e-12);
		assertEquals(2 / 3.0, s.iouOfTruth(1), 1e-12, "truth ids are renumbered in raster order: 7 becomes 1");
		assertEquals(0, SegmentationScore.of(truth, found, w, h, 0.7).matched(), "2/3 < 0.7");
	}

	@Test
	void mergesAndSplitsAreCounted() {
		int w = 40, h = 20;
		int[] truth = squares(w, h, new int[][] { { 0, 0, 8, 1 }, { 8, 0, 8, 2 }, { 20, 0, 10, 3 } });
		// one object over the two touching squares (a merge), two pieces inside the third (a split)
		int[] found = squares(w, h, new int[][] { { 0, 0, 16, 1 }, { 20, 0, 5, 2 }, { 25, 0, 5, 3 } });
		for (int y = 8; y < 16; y++)
			for (int x = 0; x < 16; x++)
				found[y * w + x] = 0; // the merged object covers the two 8x8 squares only
		SegmentationScore s = SegmentationScore.of(truth, found, w, h);
		assertEquals(1, s.merges());
		assertEquals(1, s.splits());
		// the merged object has IoU exactly 1/2 with each of the two squares: it matches one of them (one-to-one); the
		// 5x5 pieces of the third square have IoU 1/4 each
		assertEquals(1, s.matched(), "one-to-one at exactly IoU 0.5");
		assertEquals(1, s.matchOfTruth(1), "the tie goes to the lower truth id");
		assertEquals(0.5, s.meanMatchedIou(), 1e-12);
	}

	@Test
	void badArgumentsAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> SegmentationScore.of(new int[4], new int[5], 2, 2));
		assertThrows(IllegalArgumentException.class, () -> SegmentationScore.of(new int[4], new int[4], 2, 2, 0.3));
	}
}
