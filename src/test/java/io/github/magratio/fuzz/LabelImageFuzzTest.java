package io.github.magratio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.magratio.ij.LabelImages;
import io.github.magratio.tiff.TiffReader;

import java.nio.file.Files;
import java.nio.file.Path;


/**
 * Fuzzes label image reading: a TIFF of any sample type (values checked as cell ids) or another format Java reads
 * (PNG), against a recording of the size the file itself claims when that is small, else 16 x 16.
 */
class LabelImageFuzzTest {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	@FuzzTest(maxDuration = "10s")
	void labelImage(byte[] data) throws Exception {
		Path file = Fuzz.scratch("labels.img");
		Files.write(file, data);
		int w = 16, h = 16;
		try (TiffReader r = TiffReader.open(data, "fuzz", TiffFuzzTest.LIMITS)) {
			if ((long) r.width() * r.height() <= 1 << 16) {
				w = r.width();
				h = r.height();
			}
		} catch (Exception notATiff) {
			// the label reader says why, or reads it as PNG
		}
		int width = w, height = h;
		Fuzz.refusedOrAccepted(() -> LabelImages.read(file, width, height));
	}
}
