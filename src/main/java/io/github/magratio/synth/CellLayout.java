package io.github.magratio.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places the cells by rejection sampling and paints their labels. Touching pairs are placed first: two cells
 * whose centres lie 0.80..0.90 times the sum of their radii (measured along the line joining the centres) apart, so
 * they overlap with a clear neck. Then clusters of 3 or more cells, each grown by attaching a cell to a random member
 * in the same way. Every other pair of cells keeps a gap of at least
 * {@link SynthSettings#cellGapPixels()} (checked conservatively on the circles of the major semi-axes), and every
 * cell pixel keeps {@link SynthSettings#borderMarginPixels()} from the image border. Cell ids 1..n follow the
 * centres in raster order (top to bottom, then left to right).
 */
final class CellLayout {

	private static final int MAX_ATTEMPTS = 20_000;

	private CellLayout() {}

	/** @return the cells with ids 1..n (list index = id - 1) and partners set, without loading or course yet */
	static List<CellModel> place(SynthSettings s, SplittableRandom r) {
		List<CellModel> cells = new ArrayList<>();
		List<Integer> partners = new ArrayList<>();
		for (int p = 0; p < s.touchingPairs(); p++) {
			boolean placed = false;
			for (int attempt = 0; attempt < MAX_ATTEMPTS && !placed; attempt++) {
				CellModel a = shape(s, r, 0, 0);
				CellModel b0 = shape(s, r, 0, 0);
				double phi = Noise.uniform(r, 0, 2 * Math.PI);
				double d = Noise.uniform(r, 0.80, 0.90) * (a.radiusToward(phi) + b0.radiusToward(phi));
				double cx = Noise.uniform(r, 0, s.width() - 1), cy = Noise.uniform(r, 0, s.height() - 1);
				a = moved(a, cx, cy);
				CellModel b = moved(b0, cx + d * Math.cos(phi), cy + d * Math.sin(phi));
				if (!inside(s, a) || !inside(s, b) || !clear(s, cells, a) || !clear(s, cells, b)) continue;
				cells.add(a);
				cells.add(b);
				partners.add(cells.size() - 1);
				partners.add(cells.size() - 2);
				placed = true;
			}
			if (!placed) throw cannotPlace(s);
		}
		for (int k = 1; k <= s.clusters(); k++) {
			int size = s.get(SynthSettings.CLUSTER_SIZE_MIN) + r.nextInt(s.get(SynthSettings.CLUSTER_SIZE_MAX) - s.get(
				SynthSettings.CLUSTER_SIZE_MIN) + 1);
			List<CellModel> cluster = null;
			for (int attempt = 0; attempt < MAX_ATTEMPTS && cluster == null; attempt++)
				cluster = cluster(s, r, size, cells);
			if (cluster == null) throw cannotPlace(s);
			for (CellModel c : cluster) {
				c.cluster = k;
				cells.add(c);
				partners.add(-1);
			}
		}
		while (cells.size() < s.cells()) {
			boolean placed = false;
			for (int attempt = 0; attempt < MAX_ATTEMPTS && !placed; attempt++) {
				CellModel c = shape(s, r, Noise.uniform(r, 0, s.width() - 1), Noise.uniform(r, 0, s.height() - 1));
				if (!inside(s, c) || !clear(s, cells, c)) continue;
				cells.add(c);
				partners.add(-1);
				placed = true;
			}
			if (!placed) throw cannotPlace(s);
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++)
			order.add(i);
		Collections.sort(order, Comparator.<Integer> comparingDouble(i -> cells.get(i).centreY).thenComparingDouble(
			i -> cells.get(i).centreX));
		List<CellModel> sorted = new ArrayList<>();
		int[] idOf = new int[cells.size()];
		for (int k = 0; k < order.size(); k++) {
			sorted.add(cells.get(order.get(k)));
			idOf[order.get(k)] = k + 1;
		}
		for (int k = 0; k < order.size(); k++) {
			CellModel c = sorted.get(k);
			c.id = k + 1;
			int p = partners.get(order.get(k));
			c.partner = p < 0 ? 0 : idOf[p];
		}
		return sorted;
	}

	/**
	 * One attempt at a cluster of {@code size} touching cells: each new cell sits beside a random earlier member at
	 * 0.80..0.90 times the sum of their radii along the line of centres (a clear neck, as for touching pairs) and
	 * overlaps no other member more than that; the whole cluster keeps the gap to the cells already placed.
	 *
	 * @return the members, or null when this attempt does not fit
	 */
	private static List<CellModel> cluster(SynthSettings s, SplittableRandom r, int size, List<CellModel> placed) {
		List<CellModel> members = new ArrayList<>();
		CellModel first = shape(s, r, Noise.uniform(r, 0, s.width() - 1), Noise.uniform(r, 0, s.height() - 1));
		if (!inside(s, first) || !clear(s, placed, first)) return null;
		members.add(first);
		while (members.size() < size) {
			CellModel next = null;
			for (int attempt = 0; attempt < 50 && next == null; attempt++) {
				CellModel m = members.get(r.nextInt(members.size()));
				CellModel b = shape(s, r, 0, 0);
				double phi = Noise.uniform(r, 0, 2 * Math.PI);
				double d = Noise.uniform(r, 0.80, 0.90) * (m.radiusToward(phi) + b.radiusToward(phi + Math.PI));
				CellModel c = b.at(m.centreX + d * Math.cos(phi), m.centreY + d * Math.sin(phi));
				if (!inside(s, c) || !clear(s, placed, c)) continue;
				boolean ok = true;
				for (CellModel o : members) {
					if (o == m) continue;
					double dx = c.centreX - o.centreX, dy = c.centreY - o.centreY;
					double dir = Math.atan2(dy, dx);
					if (Math.hypot(dx, dy) < 0.9 * (o.radiusToward(dir) + c.radiusToward(dir + Math.PI))) ok = false;
				}
				if (ok) next = c;
			}
			if (next == null) return null;
			members.add(next);
		}
		return members;
	}

	private static IllegalArgumentException cannotPlace(SynthSettings s) {
		return new IllegalArgumentException("cannot place cells=" + s.cells() + " (touchingPairs=" + s.touchingPairs() +
			") of radius up to " + s.cellRadiusMaxPixels() + " px with gap " + s.cellGapPixels() + " px and border " +
			"margin " + s.borderMarginPixels() + " px in " + s.width() + " x " + s.height() +
			" px; use fewer cells, smaller radii or a larger image");
	}

	private static CellModel shape(SynthSettings s, SplittableRandom r, double cx, double cy) {
		double a = Noise.uniform(r, s.cellRadiusMinPixels(), s.cellRadiusMaxPixels());
		double b = Noise.uniform(r, s.cellRadiusMinPixels(), s.cellRadiusMaxPixels());
		double angle = Noise.uniform(r, 0, Math.PI);
		double irregularity = s.get(SynthSettings.IRREGULARITY);
		if (irregularity == 0) return new CellModel(cx, cy, a, b, angle, 1, 0, 0, null);
		// orders 2..5, amplitude falling with the order so outlines are lobed, not jagged
		double[] amp = new double[4], phase = new double[4];
		for (int k = 0; k < amp.length; k++) {
			amp[k] = irregularity * Noise.uniform(r, 0.3, 1) / (k + 1);
			phase[k] = Noise.uniform(r, 0, 2 * Math.PI);
		}
		return new CellModel(cx, cy, a, b, angle, 1, 0, 0, null, amp, phase);
	}

	private static CellModel moved(CellModel c, double cx, double cy) {
		return c.at(cx, cy);
	}

	private static boolean inside(SynthSettings s, CellModel c) {
		double m = s.borderMarginPixels();
		return c.centreX - c.halfWidth() >= m && c.centreX + c.halfWidth() <= s.width() - 1 - m && c.centreY - c
			.halfHeight() >= m && c.centreY + c.halfHeight() <= s.height() - 1 - m;
	}

	private static boolean clear(SynthSettings s, List<CellModel> placed, CellModel c) {
		for (CellModel o : placed) {
			double need = o.majorRadius() + c.majorRadius() + s.cellGapPixels();
			double dx = o.centreX - c.centreX, dy = o.centreY - c.centreY;
			if (dx * dx + dy * dy < need * need) return false;
		}
		return true;
	}

	/**
	 * @return the label image, row-major width*height: 0 background, else the id of the cell whose ellipse the
	 *         pixel centre lies deepest in (smallest normalised radius rho &lt;= 1)
	 */
	static short[] paint(List<CellModel> cells, int width, int height) {
		short[] labels = new short[width * height];
		double[] best = new double[width * height];
		java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
		for (CellModel c : cells) {
			int x0 = Math.max(0, (int) Math.floor(c.centreX - c.halfWidth()));
			int x1 = Math.min(width - 1, (int) Math.ceil(c.centreX + c.halfWidth()));
			int y0 = Math.max(0, (int) Math.floor(c.centreY - c.halfHeight()));
			int y1 = Math.min(height - 1, (int) Math.ceil(c.centreY + c.halfHeight()));
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) {
					double rho = c.rho(x, y);
					int i = y * width + x;
					if (rho <= 1 && rho < best[i]) {
						best[i] = rho;
						labels[i] = (short) c.id;
					}
				}
		}
		return labels;
	}
}
