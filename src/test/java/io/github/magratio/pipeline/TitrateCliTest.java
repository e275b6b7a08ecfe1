package io.github.magratio.pipeline;

import io.github.magratio.calibration.CalibrationFile;
import io.github.magratio.calibration.measure.Titration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class TitrateCliTest {

	@TempDir
	Path dir;

	private int run(StringWriter out, StringWriter err, String... args) {
		io.github.magratio.cli.CliRun r = io.github.magratio.cli.CliRun.run(args);
		out.write(r.out);
		err.write(r.err);
		return r.code;
	}

	private Path standards(String content) throws Exception {
		Path p = dir.resolve("standards.csv");
		Files.write(p, content.getBytes("UTF-8"));
		return p;
	}

	static final String TABLE = "mg_mM,ratio\n0.25,0.55126\n0.5,0.69032\n1,0.93731\n2,1.33506\n4,1.88454\n" +
		"8,2.50219\n16,3.05438\n50,3.63160\n";

	@Test
	void scienceTableGivesKd19AndWritesCalibrationAndPlot() throws Exception {
		Path csv = standards(TABLE);
		StringWriter out = new StringWriter(), err = new StringWriter();
		Path json = dir.resolve("kd.json");
		assertEquals(0, run(out, err, "titrate", "--standards", csv.toString(), "--beta", "3", "--beta-se", "0.1",
			"--out", json.toString()), err.toString());
		CalibrationFile f = CalibrationFile.read(json);
		assertEquals(1.9, f.calibration().kdMillimolar(), 1e-3);
		assertEquals(3.0, f.calibration().beta(), 0);
		assertTrue(f.calibration().kdMillimolarSe() > 0);
		assertEquals("titration", f.method());
		assertEquals(64, f.sources().get(0).sha256.length());
		assertTrue(f.details().has("linearised"));
		assertTrue(Files.size(dir.resolve("kd.png")) > 1000);
	}

	@Test
	void intensitiesWithBackgroundColumnsGiveTheSameRatios() throws Exception {
		StringBuilder sb = new StringBuilder("mg_uM,f340,f380,bg340,bg380\n");
		String[] lines = TABLE.split("\n");
		for (int i = 1; i < lines.length; i++) {
			String[] p = lines[i].split(",");
			double r = Double.parseDouble(p[1]);
			sb.append(Double.parseDouble(p[0]) * 1000).append(',').append(100 + 500 * r).append(",600,100,100\n");
		}
		Titration.Standards s = Titration.readStandards(standards(sb.toString()));
		assertEquals(0.25, s.mgMillimolar[0], 1e-12);
		assertEquals(0.55126, s.ratio[0], 1e-9);
	}

	/** --out, --plot or the default plot (--out with .png) naming an input exits with 2, names the option, keeps it. */
	@Test
	void outputOverAnInputExitsWith2AndKeepsTheInput() throws Exception {
		Path csv = standards(TABLE);
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(2, run(out, err, "titrate", "--standards", csv.toString(), "--beta", "3", "--out", csv
			.toString()));
		assertTrue(err.toString().contains("--out " + csv) && err.toString().contains("is an input"), err.toString());
		assertEquals(TABLE, Files.readString(csv));

		err = new StringWriter();
		assertEquals(2, run(out, err, "titrate", "--standards", csv.toString(), "--beta", "3", "--out", dir.resolve(
			"kd.json").toString(), "--plot", csv.toString()));
		assertTrue(err.toString().contains("--plot " + csv), err.toString());
		assertEquals(TABLE, Files.readString(csv));
		assertFalse(Files.exists(dir.resolve("kd.json")));

		// an in-situ calibration saved as insitu.png: the default plot of --out insitu.json would replace it
		Path insitu = dir.resolve("insitu.png");
		String cal = "{\"kd_mM\": 1.9, \"rmin\": 0.3, \"rmax\": 4.0, \"beta\": 3.0}\n";
		Files.writeString(insitu, cal);
		err = new StringWriter();
		assertEquals(2, run(out, err, "titrate", "--standards", csv.toString(), "--calibration", insitu.toString(),
			"--out", dir.resolve("insitu.json").toString()));
		assertTrue(err.toString().contains("--plot (default: --out with .png) " + insitu), err.toString());
		assertEquals(cal, Files.readString(insitu));
		assertFalse(Files.exists(dir.resolve("insitu.json")));
	}

	@Test
	void tooFewStandardsExitWith2AndWriteNothing() throws Exception {
		Path csv = standards("mg_mM,ratio\n1,0.9\n4,1.9\n16,3.0\n");
		StringWriter out = new StringWriter(), err = new StringWriter();
		Path json = dir.resolve("kd.json");
		assertEquals(2, run(out, err, "titrate", "--standards", csv.toString(), "--beta", "3", "--out", json
			.toString()));
		assertTrue(err.toString().contains("too few standards"), err.toString());
		assertFalse(Files.exists(json));
		assertFalse(Files.exists(dir.resolve("kd.png")));
	}

	@Test
	void nonMonotonicDataNameTheFileLine() throws Exception {
		Path csv = standards(TABLE.replace("4,1.88454", "4,0.8"));
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(2, run(out, err, "titrate", "--standards", csv.toString(), "--beta", "3", "--out", dir.resolve(
			"kd.json").toString()));
		assertTrue(err.toString().contains("not monotonic") && err.toString().contains("line 6"), err.toString());
	}

	@Test
	void missingColumnsAndBetaAreNamed() throws Exception {
		StringWriter out = new StringWriter(), err = new StringWriter();
		Path csv = standards("conc,ratio\n1,1\n");
		assertEquals(2, run(out, err, "titrate", "--standards", csv.toString(), "--beta", "3", "--out", dir.resolve(
			"kd.json").toString()));
		assertTrue(err.toString().contains("mg_mM"), err.toString());
		err.getBuffer().setLength(0);
		assertEquals(2, run(out, err, "titrate", "--standards", standards(TABLE).toString(), "--out", dir.resolve(
			"kd.json").toString()));
		assertTrue(err.toString().contains("--beta"), err.toString());
	}
}
