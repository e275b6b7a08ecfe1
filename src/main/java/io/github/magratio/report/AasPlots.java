package io.github.magratio.report;

import ij.ImagePlus;
import ij.gui.Plot;

import io.github.magratio.assay.AasSample;
import io.github.magratio.assay.AasStandardCurve;

import java.awt.Color;
import java.util.List;

/**
 * The AAS standard-curve plot (standards, fitted curve, samples) as an ImageJ {@link Plot} rendered to an image;
 * needs no display, so it runs headless. Stateless.
 */
public final class AasPlots {

	private AasPlots() {}

	/**
	 * Draws standards (blue circles), the fitted curve from 0 to the top standard (black line), the LOQ (grey dotted
	 * vertical line, not in the legend) and samples at their estimated concentration (red crosses; samples flagged {@code dilute} at the
	 * top standard's concentration, orange).
	 *
	 * @return an RGB image of the plot, 800 x 500 pixels of plot area
	 */
	public static ImagePlus plot(AasStandardCurve curve, List<AasSample.Result> samples) {
		Plot plot = new Plot("AAS standard curve", "Mg (mg/L)", "Absorbance");
		plot.setSize(800, 500);
		double top = curve.topStandardMgPerL();
		int k = 200;
		double[] fx = new double[k + 1], fy = new double[k + 1];
		for (int i = 0; i <= k; i++) {
			fx[i] = top * i / k;
			fy[i] = curve.absorbance(fx[i]);
		}
		double maxA = fy[k];
		List<AasStandardCurve.Standard> st = curve.standards();
		double[] sx = new double[st.size()], sy = new double[st.size()];
		for (int i = 0; i < sx.length; i++) {
			sx[i] = st.get(i).concMgPerL;
			sy[i] = st.get(i).absorbance;
			maxA = Math.max(maxA, sy[i]);
		}
		int ok = 0, dilute = 0;
		for (AasSample.Result r : samples) {
			maxA = Math.max(maxA, r.read.meanAbsorbance);
			if (Double.isNaN(r.read.concMgPerL)) dilute++;
			else ok++;
		}
		double[] px = new double[ok], py = new double[ok], dx = new double[dilute], dy = new double[dilute];
		int i = 0, j = 0;
		for (AasSample.Result r : samples) {
			if (Double.isNaN(r.read.concMgPerL)) {
				dx[j] = top;
				dy[j++] = r.read.meanAbsorbance;
			}
			else {
				px[i] = r.read.concMgPerL;
				py[i++] = r.read.meanAbsorbance;
			}
		}
		plot.setLimits(Math.min(0, minOf(px)), top * 1.05, 0, maxA * 1.1);
		plot.setColor(Color.BLACK);
		plot.setLineWidth(1);
		plot.addPoints(fx, fy, Plot.LINE);
		plot.setColor(Color.GRAY);
		plot.drawDottedLine(curve.loqMgPerL(), 0, curve.loqMgPerL(), maxA * 1.1, 4);
		plot.addText("LOQ", curve.loqMgPerL(), maxA * 1.05);
		plot.setColor(Color.BLUE);
		plot.setLineWidth(2);
		plot.addPoints(sx, sy, Plot.CIRCLE);
		if (ok > 0) {
			plot.setColor(Color.RED);
			plot.addPoints(px, py, Plot.X);
		}
		if (dilute > 0) {
			plot.setColor(Color.ORANGE);
			plot.addPoints(dx, dy, Plot.X);
		}
		plot.setColor(Color.BLACK);
		plot.addLabel(0.02, 0.08, String.format(java.util.Locale.ROOT,
			"%s: A = %.5g + %.5g c%s   R2 = %.5f   LOD %.3g mg/L   LOQ %.3g mg/L", curve.isQuadratic() ? "quadratic"
				: "linear", curve.intercept(), curve.slopePerMgPerL(), curve.isQuadratic() ? String.format(
					java.util.Locale.ROOT, " %+.5g c^2", curve.quadraticPerMgPerLSquared()) : "", curve.rSquared(), curve
						.lodMgPerL(), curve.loqMgPerL()));
		plot.setLegend("fit\tstandards" + (ok > 0 ? "\tsamples" : "") + (dilute > 0 ? "\tabove top standard (not extrapolated)" : ""),
			Plot.AUTO_POSITION);
		return plot.getImagePlus();
	}

	private static double minOf(double[] v) {
		double m = 0;
		for (double d : v)
			m = Math.min(m, d);
		return m;
	}
}
