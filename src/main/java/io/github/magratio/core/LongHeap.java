package io.github.magratio.core;

import java.util.Arrays;

/**
 * A 4-ary max-heap of primitive {@code long} keys, growing as needed: the priority queue of the flooding algorithms,
 * without boxing. Keys made by {@link #key(float, int)} pop highest value first and, among equal values, lowest
 * pixel index first, so floods are deterministic (and every exact priority queue pops them in the same order: the
 * index makes the keys of different pixels distinct). Four children per node rather than two: half the levels, and
 * a node's children share a cache line, so a pop walks half as many lines (1024 x 1024 bench frame: the heap's share
 * of the seeded detector's samples 6.3 % with two children).
 * Not thread-safe.
 */
final class LongHeap {

	private long[] heap = new long[1024];
	private int size;

	/** @return a key ordering by {@code value} (descending when popped), then by {@code index} (ascending) */
	static long key(float value, int index) {
		int bits = Float.floatToIntBits(value == 0 ? 0f : value); // -0 and 0 are one value
		// monotone map of floats to signed ints: negative floats reversed
		int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
		return ((long) ordered << 32) | (0xffffffffL & ~index);
	}

	/** @return the pixel index of a key */
	static int index(long key) {
		return ~(int) key;
	}

	boolean isEmpty() {
		return size == 0;
	}

	void add(long k) {
		if (size == heap.length) heap = Arrays.copyOf(heap, heap.length * 2);
		int i = size++;
		while (i > 0) {
			int parent = (i - 1) >>> 2;
			if (heap[parent] >= k) break;
			heap[i] = heap[parent];
			i = parent;
		}
		heap[i] = k;
	}

	long poll() {
		long top = heap[0];
		long last = heap[--size];
		int i = 0;
		while (true) {
			int first = 4 * i + 1;
			if (first >= size) break;
			// the largest of up to four children
			int child = first;
			long c = heap[first];
			for (int j = first + 1, end = Math.min(size, first + 4); j < end; j++)
				if (heap[j] > c) {
					c = heap[j];
					child = j;
				}
			if (c <= last) break;
			heap[i] = c;
			i = child;
		}
		if (size > 0) heap[i] = last;
		return top;
	}

	/** @return the number of keys held */
	int size() {
		return size;
	}
}
