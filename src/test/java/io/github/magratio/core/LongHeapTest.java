package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LongHeap}: its pops against a sort of the same keys. */
class LongHeapTest {

	/** Keys pushed in random order, with many equal values, pop as the descending sort of the keys. */
	@Test
	void popsInDescendingOrderOfKeys() {
		Random rnd = new Random(5);
		LongHeap heap = new LongHeap();
		int n = 5000;
		long[] keys = new long[n];
		for (int i = 0; i < n; i++) {
			// few distinct values (ties broken by the index), negative and positive, and both zeros
			float v = (rnd.nextInt(41) - 20) * 0.5f;
			if (v == 0 && rnd.nextBoolean()) v = -0f;
			keys[i] = LongHeap.key(v, rnd.nextInt(1 << 20));
			heap.add(keys[i]);
		}
		assertEquals(n, heap.size());
		long[] sorted = keys.clone();
		Arrays.sort(sorted);
		for (int i = n - 1; i >= 0; i--)
			assertEquals(sorted[i], heap.poll(), "pop " + (n - 1 - i));
		assertTrue(heap.isEmpty());
	}

	/** Pushes between pops (as a flood pushes a popped pixel's neighbours) still pop the largest key held. */
	@Test
	void interleavedPushesAndPopsTakeTheLargestHeld() {
		Random rnd = new Random(9);
		LongHeap heap = new LongHeap();
		List<Long> held = new ArrayList<>();
		for (int step = 0; step < 20000; step++) {
			if (held.isEmpty() || rnd.nextInt(3) > 0) {
				long k = LongHeap.key(rnd.nextFloat() * 100 - 50, rnd.nextInt(1 << 16));
				heap.add(k);
				held.add(k);
			}
			else {
				long max = held.stream().mapToLong(Long::longValue).max().getAsLong();
				assertEquals(max, heap.poll());
				held.remove(Long.valueOf(max));
			}
		}
		assertEquals(held.size(), heap.size());
	}

	/** Keys order by value (higher first), then by pixel index (lower first); -0 is 0. */
	@Test
	void keysOrderByValueThenIndex() {
		assertTrue(LongHeap.key(2f, 7) > LongHeap.key(1f, 3));
		assertTrue(LongHeap.key(-1f, 0) > LongHeap.key(-2f, 0));
		assertTrue(LongHeap.key(1f, 3) > LongHeap.key(1f, 4));
		assertEquals(LongHeap.key(0f, 5), LongHeap.key(-0f, 5));
		assertEquals(12345, LongHeap.index(LongHeap.key(3.5f, 12345)));
	}
}
