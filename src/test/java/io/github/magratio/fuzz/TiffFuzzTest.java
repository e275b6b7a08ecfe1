package io.github.magratio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.magratio.tiff.TiffReader;


/**
 * Fuzzes the TIFF reader: header, IFD chain, tags, strip and tile tables, decompression (LZW, deflate, PackBits) and
 * predictors, on bytes in memory. Limits are small so that every input is decoded in milliseconds; what the limits
 * refuse is a user error like any other. Seeds: {@code src/test/resources/.../TiffFuzzTestInputs/readEveryPlane}.
 */
class TiffFuzzTest {

	static final TiffReader.Limits LIMITS = new TiffReader.Limits(256, 1 << 20, 4096, 1 << 16);

	@FuzzTest(maxDuration = "10s")
	void readEveryPlane(byte[] data) throws Exception {
		Fuzz.refusedOrAccepted(() -> {
			try (TiffReader r = TiffReader.open(data, "fuzz.tif", LIMITS)) {
				Object plane = r.newPlane();
				float[] f = new float[r.width() * r.height()];
				for (int k = 0; k < Math.min(r.planes(), 8); k++) {
					r.readPlane(k, plane);
					r.readPlaneAsFloat(k, f);
				}
				if (r.planes() > 8) r.readPlane(r.planes() - 1, plane);
			}
		});
	}
}
