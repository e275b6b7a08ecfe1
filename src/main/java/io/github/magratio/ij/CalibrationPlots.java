package io.github.magratio.ij;

import ij.ImagePlus;
import ij.gui.Plot;

import io.github.magratio.core.Calibration;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * Plots of calibration results, drawn by ImageJ's {@link Plot} into an image without any window (headless-safe); save
 * them with {@link TracePlots#savePng}.
 */
public final class CalibrationPlots {

	private CalibrationPlots() {}

	/**
	 * The titration: measured ratios of the standards (points) and the fitted curve R([Mg2+]) (line) on a log10
	 * [Mg2+] axis, with Kd and its 95 % interval in the legend. Standards at 0 mM cannot be shown on a log axis; they
	 * are counted in the title.
	 *
	 * @param mgMillimolar free [Mg2+] of each standard, mM
	 * @param ratios measured background-corrected ratio of each standard
	 * @param fit the fitted constants (Kd in mM, Rmin, Rmax, beta); the curve is {@link Calibration#ratio(double)}
	 * @param kdLowMillimolar lower end of the 95 % interval of Kd, mM
	 * @param kdHighMillimolar upper end of the 95 % interval of Kd, mM
	 * @param width plot width in pixels
	 * @param height plot height in pixels
	 * @return a new RGB image of the plot
	 */
	public static ImagePlus titration(double[] mgMillimolar, double[] ratios, Calibration fit,
		double kdLowMillimolar, double kdHighMillimolar, int width, int height)
	{
		double[] mg = mgMillimolar, r = ratios;
		int positive = 0, zero = 0;
		double lo = Double.POSITIVE_INFINITY, hi = 0;
		for (double m : mg)
			if (m > 0) {
				positive++;
				lo = Math.min(lo, m);
				hi = Math.max(hi, m);
			}
			else zero++;
		double[] px = new double[positive], py = new double[positive];
		for (int i = 0, j = 0; i < mg.length; i++)
			if (mg[i] > 0) {
				px[j] = mg[i];
				py[j++] = r[i];
			}
		if (positive == 0) {
			lo = 0.1;
			hi = 10;
		}
		double xmin = lo / 2, xmax = hi * 2;
		int steps = 200;
		double[] cx = new double[steps], cy = new double[steps];
		for (int i = 0; i < steps; i++) {
			cx[i] = xmin * Math.pow(xmax / xmin, i / (steps - 1.0));
			cy[i] = fit.ratio(cx[i]);
		}
		String title = "Titration fit" + (zero > 0 ? " (" + zero + " standard(s) at 0 mM not shown on the log axis)"
			: "");
		Plot plot = new Plot(title, "free [Mg2+] (mM, log scale)", "ratio F340/F380");
		plot.setSize(width, height);
		plot.setFont(Font.PLAIN, 14);
		plot.setAxisLabelFont(Font.BOLD, 15);
		double ymin = Math.min(fit.rmin(), min(r)), ymax = Math.max(fit.rmax(), max(r));
		double pad = 0.06 * (ymax - ymin);
		plot.setLimits(xmin, xmax, Math.max(0, ymin - pad), ymax + pad);
		plot.setLogScaleX();
		plot.setLineWidth(2);
		plot.setColor(new Color(0, 114, 178));
		plot.add("line", cx, cy);
		plot.setColor(new Color(213, 94, 0));
		plot.add("circle", px, py);
		plot.setColor(Color.BLACK);
		plot.addLegend(String.format(Locale.ROOT, "fit: Kd %.3g mM (95%% CI %.3g..%.3g), Rmin %.3g, Rmax %.3g" +
			"\nstandards (n = %d)", fit.kdMillimolar(), kdLowMillimolar, kdHighMillimolar, fit.rmin(), fit.rmax(),
			mg.length), "bottom-right");
		return plot.getImagePlus();
	}

	private static double min(double[] a) {
		double m = Double.POSITIVE_INFINITY;
		for (double v : a)
			m = Math.min(m, v);
		return m;
	}

	private static double max(double[] a) {
		double m = Double.NEGATIVE_INFINITY;
		for (double v : a)
			m = Math.max(m, v);
		return m;
	}
}
