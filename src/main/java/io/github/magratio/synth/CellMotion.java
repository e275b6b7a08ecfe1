package io.github.magratio.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where every synthetic cell is in every frame when cells move or divide ({@link SynthSettings#moving()}).
 *
 * <p>
 * Motion: all cells share one drift of {@link SynthSettings#DRIFT} px per frame in direction
 * {@link SynthSettings#DRIFT_DIRECTION}; the layout is placed on a canvas that covers the whole region the field of view
 * sweeps, so cells enter on one side and leave on the other. On top, each cell (a touching pair or a cluster as one)
 * wanders smoothly: per axis {@code wander * sin(2 pi f / period + phase)}, periods 12..40 frames, so a cell moves at
 * most {@code sqrt(2) * wander} from its drift path and, with the gap the settings demand, never meets another.
 * </p>
 *
 * <p>
 * Division: a mother cell (one that neither touches nor clusters) is replaced at its division frame by two elliptic
 * daughters along its major axis, each with semi-axes 0.4 a and 0.85 b, centres 0.6 a from the mother's centre and
 * parting by 0.25 px per frame for 4 frames more, so the pair stays inside the mother's footprint plus 1 px. Daughters
 * inherit loading and [Mg2+] course, have their nucleus at the centre, and take ids after all other cells (mother m's
 * daughters in the order of the mothers).
 * </p>
 *
 * Immutable.
 */
final class CellMotion {

	/** The daughters' shape and placement relative to the mother, see the class comment. */
	static final double DAUGHTER_A = 0.4, DAUGHTER_B = 0.85, DAUGHTER_OFFSET = 0.6, PARTING_PX_PER_FRAME = 0.25;
	static final int PARTING_FRAMES = 4;

	private final List<CellModel> reference;
	private final int[] parent, divisionFrame, group;
	private final double vx, vy, originX, originY;
	private final double[][] wander;
	private final double[] daughterSide;

	private CellMotion(List<CellModel> reference, int[] parent, int[] divisionFrame, int[] group, double vx, double vy,
		double originX, double originY, double[][] wander, double[] daughterSide)
	{
		this.reference = reference;
		this.parent = parent;
		this.divisionFrame = divisionFrame;
		this.group = group;
		this.vx = vx;
		this.vy = vy;
		this.originX = originX;
		this.originY = originY;
		this.wander = wander;
		this.daughterSide = daughterSide;
	}

	/**
	 * @return the canvas the layout is placed on: {@code {width, height, x, y}} with (x, y) the canvas coordinates of the
	 *         field's top-left pixel in frame 0
	 */
	static double[] canvas(SynthSettings s) {
		double[] v = velocity(s);
		double dx = v[0] * (s.frames() - 1), dy = v[1] * (s.frames() - 1);
		return new double[] { Math.ceil(s.width() + Math.abs(dx)), Math.ceil(s.height() + Math.abs(dy)), dx > 0 ? dx
			: 0, dy > 0 ? dy : 0 };
	}

	private static double[] velocity(SynthSettings s) {
		double a = Math.toRadians(s.get(SynthSettings.DRIFT_DIRECTION)), v = s.get(SynthSettings.DRIFT);
		return new double[] { v * Math.cos(a), v * Math.sin(a) };
	}

	/**
	 * Draws the wandering and the divisions.
	 *
	 * @param placed the cells with loading and course, ids 1..n, placed on the {@link #canvas}
	 */
	static CellMotion of(SynthSettings s, List<CellModel> placed, SplittableRandom r) {
		int n = placed.size(), d = s.get(SynthSettings.DIVISIONS), frames = s.frames();
		List<CellModel> ref = new ArrayList<>(placed);
		int[] parent = new int[n + 2 * d + 1], division = new int[n + 2 * d + 1], group = new int[n + 2 * d + 1];
		double[] side = new double[n + 2 * d + 1];
		java.util.Arrays.fill(division, -1);
		// a touching pair or a cluster wanders as one: its group is its lowest id
		for (CellModel c : placed) {
			group[c.id] = c.id;
			if (c.partner != 0) group[c.id] = Math.min(c.id, c.partner);
		}
		int[] firstOfCluster = new int[n + 1];
		for (CellModel c : placed)
			if (c.cluster > 0) {
				if (firstOfCluster[c.cluster] == 0) firstOfCluster[c.cluster] = c.id;
				group[c.id] = firstOfCluster[c.cluster];
			}
		double[][] wander = new double[n + 1][];
		for (int g = 1; g <= n; g++)
			wander[g] = new double[] { Noise.uniform(r, 12, 40), Noise.uniform(r, 12, 40), Noise.uniform(r, 0, 2 *
				Math.PI), Noise.uniform(r, 0, 2 * Math.PI) };
		List<Integer> single = new ArrayList<>();
		for (CellModel c : placed)
			if (c.partner == 0 && c.cluster == 0) single.add(c.id);
		for (int i = single.size() - 1; i > 0; i--)
			Collections.swap(single, i, r.nextInt(i + 1));
		int next = n;
		for (int k = 0; k < d; k++) {
			CellModel m = placed.get(single.get(k) - 1);
			int lo = frames / 4, hi = Math.max(lo, 3 * frames / 4 - 1);
			division[m.id] = lo + r.nextInt(hi - lo + 1);
			for (int sgn = -1; sgn <= 1; sgn += 2) {
				CellModel daughter = new CellModel(m.centreX, m.centreY, DAUGHTER_A * m.semiAxisA, DAUGHTER_B * m.semiAxisB,
					m.angleRadians, m.loading, 0, 0, m.course);
				daughter.id = ++next;
				ref.add(daughter);
				parent[next] = m.id;
				group[next] = group[m.id];
				side[next] = sgn;
			}
		}
		double[] canvas = canvas(s), v = velocity(s);
		return new CellMotion(Collections.unmodifiableList(ref), parent, division, group, v[0], v[1], canvas[2],
			canvas[3], wander, side);
	}

	/** @return every cell's reference model (canvas position, ids 1..n then the daughters) */
	List<CellModel> cells() {
		return reference;
	}

	/** @return the mother of {@code id}, 0 if none */
	int parent(int id) {
		return parent[id];
	}

	/**
	 * @return the cells in {@code frame}, in field coordinates, ids set; cells entirely outside the field are
	 *         included (painting clips them)
	 */
	List<CellModel> at(int frame, double wanderPx) {
		List<CellModel> out = new ArrayList<>();
		for (CellModel c : reference) {
			int m = parent[c.id];
			if (m == 0 && divisionFrame[c.id] >= 0 && frame >= divisionFrame[c.id]) continue; // divided
			if (m != 0 && frame < divisionFrame[m]) continue; // not yet born
			double[] w = wander[group[c.id]];
			double px = c.centreX - originX + vx * frame + wanderPx * Math.sin(2 * Math.PI * frame / w[0] + w[2]);
			double py = c.centreY - originY + vy * frame + wanderPx * Math.sin(2 * Math.PI * frame / w[1] + w[3]);
			if (m != 0) {
				CellModel mother = reference.get(m - 1);
				double off = DAUGHTER_OFFSET * mother.semiAxisA + PARTING_PX_PER_FRAME * Math.min(frame - divisionFrame[m],
					PARTING_FRAMES);
				px += daughterSide[c.id] * off * Math.cos(mother.angleRadians);
				py += daughterSide[c.id] * off * Math.sin(mother.angleRadians);
			}
			CellModel moved = c.at(px, py);
			moved.id = c.id;
			out.add(moved);
		}
		return out;
	}
}
