package io.github.magratio.core;

/**
 * Per-cell statistics of [Mg2+] traces: baseline (mean of the first frames), peak and its time, minimum, mean, final
 * value (mean of the last frames), standard deviation and counts of valid and flagged frames. NaN frames are skipped.
 * Immutable.
 */
public final class CellSummary {

	/** Statistics of one cell. All concentrations in mM, times in s. */
	public static final class Row {
		/** Cell id (1-based). */
		public final int cell;
		/** Mean [Mg2+] over the first baseline frames with a value. */
		public final double baselineMillimolar;
		/** Largest [Mg2+]. */
		public final double peakMillimolar;
		/** 0-based frame of the peak, -1 if none. */
		public final int peakFrame;
		/** Time from the first frame to the peak, s. */
		public final double timeToPeakSeconds;
		/** Smallest [Mg2+]. */
		public final double minMillimolar;
		/** Mean [Mg2+] over valid frames. */
		public final double meanMillimolar;
		/** Sample standard deviation of [Mg2+] over valid frames. */
		public final double sdMillimolar;
		/** Mean [Mg2+] over the last baseline frames with a value. */
		public final double finalMillimolar;
		/** Peak minus baseline. */
		public final double deltaMillimolar;
		/** Mean ratio over valid frames. */
		public final double meanRatio;
		/** Frames with a [Mg2+] value. */
		public final int validFrames;
		/** Frames with any flag. */
		public final int flaggedFrames;
		/** Union of the flags over all frames. */
		public final int flags;

		Row(int cell, double baseline, double peak, int peakFrame, double timeToPeak, double min, double mean, double sd,
			double fin, double meanRatio, int valid, int flagged, int flags)
		{
			this.cell = cell;
			this.baselineMillimolar = baseline;
			this.peakMillimolar = peak;
			this.peakFrame = peakFrame;
			this.timeToPeakSeconds = timeToPeak;
			this.minMillimolar = min;
			this.meanMillimolar = mean;
			this.sdMillimolar = sd;
			this.finalMillimolar = fin;
			this.deltaMillimolar = peak - baseline;
			this.meanRatio = meanRatio;
			this.validFrames = valid;
			this.flaggedFrames = flagged;
			this.flags = flags;
		}
	}

	private CellSummary() {}

	/**
	 * @param timesSeconds time of each frame in s
	 * @param baselineFrames how many valid frames at the start (and at the end) make the baseline (final) value
	 */
	public static Row summarize(CellTable table, int cell, double[] timesSeconds, int baselineFrames) {
		double[] mg = table.mgTrace(cell);
		double[] ratio = table.ratioTrace(cell);
		int valid = 0, flagged = 0, flags = 0, peakFrame = -1;
		double sum = 0, sum2 = 0, rsum = 0, peak = Double.NaN, min = Double.NaN;
		int rn = 0;
		for (int t = 0; t < mg.length; t++) {
			int f = table.flags(cell, t);
			flags |= f;
			if (f != 0) flagged++;
			if (!Double.isNaN(ratio[t])) {
				rsum += ratio[t];
				rn++;
			}
			if (Double.isNaN(mg[t])) continue;
			valid++;
			sum += mg[t];
			sum2 += mg[t] * mg[t];
			if (peakFrame < 0 || mg[t] > peak) {
				peak = mg[t];
				peakFrame = t;
			}
			if (Double.isNaN(min) || mg[t] < min) min = mg[t];
		}
		double mean = valid > 0 ? sum / valid : Double.NaN;
		double sd = valid > 1 ? Math.sqrt(Math.max(0, (sum2 - valid * mean * mean) / (valid - 1))) : Double.NaN;
		double baseline = edgeMean(mg, baselineFrames, true), fin = edgeMean(mg, baselineFrames, false);
		double ttp = peakFrame >= 0 ? timesSeconds[peakFrame] - timesSeconds[0] : Double.NaN;
		return new Row(cell, baseline, peak, peakFrame, ttp, min, mean, sd, fin, rn > 0 ? rsum / rn : Double.NaN, valid,
			flagged, flags);
	}

	private static double edgeMean(double[] v, int n, boolean fromStart) {
		double s = 0;
		int k = 0;
		for (int i = 0; i < v.length && k < n; i++) {
			double x = v[fromStart ? i : v.length - 1 - i];
			if (Double.isNaN(x)) continue;
			s += x;
			k++;
		}
		return k == 0 ? Double.NaN : s / k;
	}
}
