package io.github.magratio.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;

import io.github.magratio.core.SegmentationScore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Automatic segmentation against expert masks of real fluorescence images it did not make: two DSB 2018 fields of
 * nuclei (test-images/real/dsb2018, see its README for source, licence and how they were used). F1 of objects matched
 * at IoU &gt;= 0.5, per field and pooled, for the seeded detector (default settings, cell size estimated) and, beside it,
 * the threshold detector of MagRatio 0.1.
 */
class SegmentationRealImagesTest {

	static final Path DIR = Paths.get("test-images", "real", "dsb2018");

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	static int[] ints(ImagePlus imp) {
		ImageProcessor ip = imp.getProcessor();
		int[] a = new int[ip.getPixelCount()];
		for (int i = 0; i < a.length; i++)
			a[i] = (int) ip.getf(i);
		return a;
	}

	static SegmentationScore score(String field, String detector) throws Exception {
		ImagePlus image = IJ.openImage(DIR.resolve("dsb2018_nuclei_" + field + "_image.tif").toString());
		ImagePlus mask = IJ.openImage(DIR.resolve("dsb2018_nuclei_" + field + "_mask.tif").toString());
		JsonObject o = new JsonObject();
		o.addProperty(PipelineSettings.KEY_DETECTOR, detector);
		PipelineSettings s = PipelineSettings.measurement(null, o);
		float[] img = (float[]) image.getProcessor().convertToFloatProcessor().getPixels();
		int[] found = RecordingAnalysis.segment(s, img, image.getWidth(), image.getHeight()).cells.array();
		return SegmentationScore.of(ints(mask), found, image.getWidth(), image.getHeight());
	}

	@Test
	void expertMasksOfTwoRealFieldsAreMatched() throws Exception {
		assertTrue(Files.isDirectory(DIR), DIR.toAbsolutePath() + " is missing");
		int[] pooled = new int[3], pooledOld = new int[3];
		StringBuilder report = new StringBuilder();
		for (String field : new String[] { "256", "512" }) {
			SegmentationScore s = score(field, "seeded"), old = score(field, "threshold");
			report.append(String.format(Locale.ROOT, "%s px field: seeded %s%n   threshold %s%n", field, s, old));
			add(pooled, s);
			add(pooledOld, old);
			assertTrue(s.f1() >= (field.equals("256") ? 0.80 : 0.74), report.toString());
		}
		double f1 = f1(pooled), f1Old = f1(pooledOld);
		report.append(String.format(Locale.ROOT, "pooled: seeded F1 %.3f, threshold F1 %.3f%n", f1, f1Old));
		System.out.print(report);
		assertTrue(f1 >= 0.75, report.toString());
		assertTrue(f1 > f1Old, report.toString());
	}

	static void add(int[] sums, SegmentationScore s) {
		sums[0] += s.matched();
		sums[1] += s.truthCount();
		sums[2] += s.predictedCount();
	}

	static double f1(int[] sums) {
		return 2.0 * sums[0] / (sums[1] + sums[2]);
	}
}
