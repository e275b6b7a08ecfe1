package io.github.magratio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** One reader, N workers, results in frame order; bounded slots; failures and cancels stop the run. */
class OrderedFramesTest {

	/** A frame's slot: the value read, the value computed. */
	static final class Slot {
		long read, computed;
	}

	/** Frame t's result is t^2 + 1; workers finish out of order (later frames are faster). */
	private static List<Long> run(int threads, int frames, Set<Slot> slotsSeen, AtomicInteger states)
		throws Exception
	{
		List<Long> written = new ArrayList<>();
		List<Integer> order = new ArrayList<>();
		new OrderedFrames<Slot, int[]>(threads, () -> {
			Slot s = new Slot();
			synchronized (slotsSeen) {
				slotsSeen.add(s);
			}
			return s;
		}, () -> new int[] { states.incrementAndGet() }).run(frames, (t, s) -> s.read = t, (t, s, st) -> {
			try {
				Thread.sleep((frames - t) % 4);
			} catch (InterruptedException e) {
				throw new IllegalStateException(e);
			}
			s.computed = s.read * s.read + 1;
		}, (t, s) -> {
			order.add(t);
			written.add(s.computed);
		}, () -> false);
		for (int t = 0; t < frames; t++)
			assertEquals(t, (int) order.get(t), "written in frame order");
		return written;
	}

	@Test
	void resultsComeInFrameOrderWithBoundedSlotsForAnyThreadCount() throws Exception {
		for (int threads : new int[] { 1, 2, 4 }) {
			Set<Slot> slots = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
			AtomicInteger states = new AtomicInteger();
			List<Long> r = run(threads, 40, slots, states);
			assertEquals(40, r.size());
			for (int t = 0; t < 40; t++)
				assertEquals((long) t * t + 1, (long) r.get(t), threads + " threads, frame " + t);
			assertTrue(slots.size() <= threads + 1, threads + " threads used " + slots.size() + " slots");
			assertTrue(states.get() <= threads, threads + " threads made " + states.get() + " worker states");
		}
	}

	@Test
	void aWorkerFailureStopsTheRunWithItsOwnException() {
		for (int threads : new int[] { 1, 3 }) {
			List<Integer> written = new ArrayList<>();
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrderedFrames<Slot,
				Object>(threads, Slot::new, Object::new).run(30, (t, s) -> s.read = t, (t, s, st) -> {
					if (t == 12) throw new IllegalArgumentException("frame 12 is bad");
				}, (t, s) -> written.add(t), () -> false));
			assertEquals("frame 12 is bad", e.getMessage());
			assertEquals(12, written.size(), "frames before the failure are written, none after");
		}
	}

	@Test
	void cancelStopsBeforeTheNextFrameIsRead() {
		Set<Integer> read = new HashSet<>();
		AtomicInteger writes = new AtomicInteger();
		CancellationException e = assertThrows(CancellationException.class, () -> new OrderedFrames<Slot, Object>(2,
			Slot::new, Object::new).run(100, (t, s) -> read.add(t), (t, s, st) -> {}, (t, s) -> writes
				.incrementAndGet(), () -> writes.get() >= 5));
		assertTrue(e.getMessage().contains("of 100"), e.getMessage());
		assertTrue(read.size() < 10, "read " + read.size() + " frames after the cancel at the 5th write");
	}
}
