package io.github.magratio.ij;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** traces.png: a colour per trace, a legend for every cell (in columns), a title. */
class TracePlotsTest {

	@Test
	void noTwoOfTheFirst300TracesShareAColourAndNoneIsPale() {
		Set<Integer> seen = new HashSet<>();
		for (int i = 0; i < 300; i++) {
			Color c = TracePlots.colour(i);
			assertTrue(seen.add(c.getRGB() & 0xffffff), "trace " + (i + 1) + " repeats a colour");
			float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
			assertTrue(hsb[2] < 0.9f || hsb[1] > 0.5f, "trace " + (i + 1) + " is pale on white: " + c);
		}
		assertTrue(!TracePlots.colour(0).equals(TracePlots.colour(12)), "cells 1 and 13 differ");
	}

	@Test
	void fortyCellsGetALegendInTwoColumnsAndTheImageATitle() {
		ImagePlus few = plot(5), many = plot(40);
		// the legend column: a short line in each trace's colour beside the plot
		for (int i = 0; i < 40; i++)
			assertTrue(holds(many, TracePlots.colour(i), 900, many.getWidth(), 30, many.getHeight()), "legend of cell " +
				(i + 1));
		assertTrue(many.getWidth() - 900 > 2 * (few.getWidth() - 900) - 20, "two legend columns for 40 cells: " + many
			.getWidth() + " vs " + few.getWidth());
		assertTrue(holds(many, Color.BLACK, 0, 600, 0, 28), "a title in the top strip");
	}

	private static ImagePlus plot(int n) {
		double[] x = new double[20];
		List<double[]> t = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < x.length; i++)
			x[i] = i;
		for (int c = 0; c < n; c++) {
			double[] y = new double[x.length];
			for (int i = 0; i < y.length; i++)
				y[i] = 0.5 + 0.01 * c + 0.1 * Math.sin(i + c);
			t.add(y);
			names.add("cell " + (c + 1));
		}
		return TracePlots.plot("rec: free [Mg2+] per cell", "time (s)", "free [Mg2+] (mM)", x, t, names, 900, 560);
	}

	private static boolean holds(ImagePlus imp, Color c, int x0, int x1, int y0, int y1) {
		int want = c.getRGB() & 0xffffff;
		java.awt.image.BufferedImage b = imp.getBufferedImage();
		for (int y = y0; y < Math.min(y1, b.getHeight()); y++)
			for (int x = x0; x < Math.min(x1, b.getWidth()); x++)
				if ((b.getRGB(x, y) & 0xffffff) == want) return true;
		return false;
	}
}
