package io.github.magratio.core;

import java.util.Arrays;

/**
 * A binary max-heap of primitive {@code long} keys, growing as needed: the priority queue of the flooding algorithms,
 * without boxing. Keys made by {@link #key(float, int)} pop highest value first and, among equal values, lowest
 * pixel index first, so floods are deterministic. Not thread-safe.
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
			int parent = (i - 1) >>> 1;
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
			int child = 2 * i + 1;
			if (child >= size) break;
			if (child + 1 < size && heap[child + 1] > heap[child]) child++;
			if (heap[child] <= last) break;
			heap[i] = heap[child];
			i = child;
		}
		if (size > 0) heap[i] = last;
		return top;
	}
}
