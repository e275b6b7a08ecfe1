package io.github.magratio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import ij.gui.Roi;

import io.github.magratio.ij.LabelImages;
import io.github.magratio.ij.RoiFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;


/**
 * Fuzzes ROI input: ROI Manager zips (entry count, declared and inflated sizes, damaged entries) and single ImageJ
 * ROIs (header fields against the length), each painted into a 64 x 48 label image as the pipeline does.
 */
class RoiFuzzTest {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	@FuzzTest(maxDuration = "10s")
	void roiSet(byte[] data) throws Exception {
		Path zip = Fuzz.scratch("rois.zip");
		Files.write(zip, data);
		Fuzz.refusedOrAccepted(() -> {
			List<Roi> rois = RoiFiles.read(zip, "ROI file fuzz.zip");
			LabelImages.fromRois(rois, 64, 48, "ROI file fuzz.zip");
		});
	}

	@FuzzTest(maxDuration = "10s")
	void singleRoi(byte[] data) throws Exception {
		Fuzz.refusedOrAccepted(() -> {
			Roi roi = RoiFiles.decode(data, "fuzz.roi");
			LabelImages.fromRois(Collections.singletonList(roi), 64, 48, "fuzz.roi");
		});
	}
}
