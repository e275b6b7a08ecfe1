package io.github.magratio.calibration.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.cli.CliRun;
import io.github.magratio.core.Calibration;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kd from standards given as recordings, one per known [Mg2+]: synthetic fields of cells clamped at 0.25..16 mM (the
 * generator's physics, Kd 1.5 mM, with background, bleaching and noise) are measured like 'run', and the fit recovers
 * the generator's Kd within 3 % and its Rmin/Rmax within 2 %.
 */
class TitrationFromImagesTest {

	@TempDir
	Path dir;

	@Test
	void kdFromOneRecordingPerStandard() throws Exception {
		double[] mg = { 0.25, 0.5, 1, 2, 4, 8, 16 };
		StringBuilder csv = new StringBuilder("mg_mM,file\n");
		Calibration truth = null;
		for (int i = 0; i < mg.length; i++) {
			SyntheticRecording s = SyntheticRecording.generate(SynthSettings.builder().seed(50 + i).frames(4)
				.clampMgMillimolar(mg[i]).build());
			truth = s.truth().calibration();
			s.write(dir, "std" + i);
			csv.append(mg[i]).append(",std").append(i).append(".tif\n");
		}
		Path standards = dir.resolve("standards.csv");
		Files.write(standards, csv.toString().getBytes(StandardCharsets.UTF_8));
		Path out = dir.resolve("kd.json");
		CliRun r = CliRun.run("titrate", "--standards", standards.toString(), "--beta", String.valueOf(truth.beta()),
			"--out", out.toString(), "-q");
		assertEquals(0, r.code, r.err);
		CalibrationFile f = CalibrationFile.read(out);
		Calibration c = f.calibration();
		System.out.println("titration from images: " + c + " vs truth " + truth);
		assertEquals(truth.kdMillimolar(), c.kdMillimolar(), 0.03 * truth.kdMillimolar());
		assertEquals(truth.rmin(), c.rmin(), 0.02 * truth.rmin());
		assertEquals(truth.rmax(), c.rmax(), 0.02 * truth.rmax());
		assertEquals(1 + mg.length, f.sources().size(), "the table and every recording are recorded with checksums");
		assertTrue(Files.exists(dir.resolve("kd.png")));
	}

	@Test
	void aMissingRecordingIsNamedWithItsLine() throws Exception {
		Path standards = dir.resolve("standards.csv");
		Files.write(standards, "mg_mM,file\n0.5,nope.tif\n".getBytes(StandardCharsets.UTF_8));
		CliRun r = CliRun.run("titrate", "--standards", standards.toString(), "--beta", "3", "--out", dir.resolve(
			"kd.json").toString(), "-q");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("line 2") && r.err.contains("nope.tif"), r.err);
		assertTrue(!Files.exists(dir.resolve("kd.json")));
	}
}
