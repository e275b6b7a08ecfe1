package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.magratio.batch.BatchTable;
import io.github.magratio.cli.CliRun;
import io.github.magratio.command.MeasureCellsCommand;
import io.github.magratio.util.Csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Outputs of docs/bad-inputs.md: no subcommand or command replaces an existing file unless asked (--overwrite, or the
 * Overwrite parameter), and a multi-file rerun keeps the rows and results of the earlier run.
 */
class OverwriteTest {

	@TempDir
	Path tmp;

	static final byte[] MINE = "mine\n".getBytes(StandardCharsets.UTF_8);

	Path existing(String name) throws Exception {
		return Files.write(tmp.resolve(name), MINE);
	}

	static void kept(Path p) throws Exception {
		assertArrayEquals(MINE, Files.readAllBytes(p), p + " is untouched");
	}

	@Test
	void calibrateRefusesToReplaceItsOutput() throws Exception {
		Path out = existing("cal.json");
		Bad.userError(CliRun.run("calibrate", "--recording", tmp.resolve("rec.tif").toString(), "--rmin-frames", "0-1",
			"--rmax-frames", "3-4", "--out", out.toString()), "--out " + out, "exists", "--overwrite");
		kept(out);
	}

	static final String TABLE = "mg_mM,ratio\n0.25,0.55126\n0.5,0.69032\n1,0.93731\n2,1.33506\n4,1.88454\n" +
		"8,2.50219\n16,3.05438\n50,3.63160\n";

	@Test
	void titrateRefusesToReplaceItsOutputsAndAPlotOnItsOutput() throws Exception {
		Path standards = Files.write(tmp.resolve("std.csv"), TABLE.getBytes(StandardCharsets.UTF_8));
		Path out = existing("kd.json");
		Bad.userError(CliRun.run("titrate", "--standards", standards.toString(), "--beta", "3", "--out", out
			.toString()), "--out " + out, "exists");
		kept(out);
		Path png = existing("kd.png");
		Path out2 = tmp.resolve("kd2.json");
		Bad.userError(CliRun.run("titrate", "--standards", standards.toString(), "--beta", "3", "--out", out2
			.toString(), "--plot", png.toString()), "--plot " + png, "exists");
		kept(png);
		Bad.userError(CliRun.run("titrate", "--standards", standards.toString(), "--beta", "3", "--out", out2
			.toString(), "--plot", out2.toString()), "--plot and --out are the same file");
		// with --overwrite both are replaced
		CliRun r = CliRun.run("titrate", "--standards", standards.toString(), "--beta", "3", "--out", out.toString(),
			"--plot", png.toString(), "--overwrite");
		assertEquals(0, r.code, r.err);
		assertTrue(Files.size(png) > 1000);
	}

	@Test
	void nmrRefusesToReplaceItsTableAndTheTemplateADataFile() throws Exception {
		Path data = existing("data.csv");
		Bad.userError(CliRun.run("nmr", "--write-three-shift-template", data.toString()),
			"--write-three-shift-template " + data, "exists");
		kept(data);
		Path in = Files.write(tmp.resolve("spectra.csv"), "sample,beta_ppm\nt0,-16.18\n".getBytes());
		Path out = existing("results.csv");
		Bad.userError(CliRun.run("nmr", "--table", in.toString(), "--out", out.toString()), "--out " + out, "exists");
		kept(out);
	}

	@Test
	void aasRefusesToReplaceItsResults() throws Exception {
		Path std = Files.write(tmp.resolve("std.csv"), BadTablesTest.STANDARDS.getBytes(StandardCharsets.UTF_8));
		Path samples = Files.write(tmp.resolve("s.csv"), "sample,absorbance\nA,0.1\n".getBytes());
		Path dir = Files.createDirectories(tmp.resolve("aas"));
		Path fit = Files.write(dir.resolve("fit.json"), MINE);
		Bad.userError(CliRun.run("aas", "--standards", std.toString(), "--samples", samples.toString(), "--out", dir
			.toString()), "fit.json exists", "--overwrite");
		kept(fit);
		assertTrue(!Files.exists(dir.resolve("results.csv")), "nothing written");
	}

	@Test
	void synthRefusesToReplaceFilesOfTheSameName() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("synth"));
		Path tif = Files.write(dir.resolve("sample.tif"), MINE);
		Bad.userError(CliRun.run("synth", "--out", dir.toString(), "--name", "sample", "--frames", "2"),
			"sample.tif exists");
		kept(tif);
	}

	@Test
	void aCommandRefusesToReplaceTheFileItSaves() throws Exception {
		Path csv = existing("cells.csv");
		try (Context ctx = new Context(CommandService.class, io.github.magratio.command.ImageRegistry.class,
			org.scijava.log.LogService.class)) {
			CommandModule m = ctx.getService(CommandService.class).run(MeasureCellsCommand.class, true, "recording",
				"nope", "image", "nope", "labels", "nope", "ratio", "nope", "mg", "nope", "save", csv.toString()).get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason().contains("save " + csv + " exists"), m.getCancelReason());
			assertTrue(m.getCancelReason().contains("tick Overwrite"), m.getCancelReason());
		}
		kept(csv);
	}

	@Test
	void aMultiFileRerunKeepsEarlierResultsAndRows() throws Exception {
		System.setProperty("java.awt.headless", "true");
		Path a = Bad.save(Bad.synth(8).imagePlus(), tmp.resolve("a.tif"));
		Path b = Bad.save(Bad.synth(9).imagePlus(), tmp.resolve("b.tif"));
		Path out = tmp.resolve("out");
		assertEquals(0, Bad.run(a.toString(), b.toString(), "--out", out.toString()).code);
		Csv.Table first = Csv.read(out.resolve("batch.csv"));
		byte[] cells = Files.readAllBytes(out.resolve("a/cells.csv"));
		// a rerun with a third input: a and b are kept (not failed, not redone), c is added
		Path c = Bad.save(Bad.synth(10).imagePlus(), tmp.resolve("c.tif"));
		CliRun r = Bad.run(a.toString(), b.toString(), c.toString(), "--out", out.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("kept " + out.resolve("a")), r.out);
		Csv.Table second = Csv.read(out.resolve("batch.csv"));
		assertEquals(3, second.rows().size());
		int status = BatchTable.Column.STATUS.ordinal();
		for (int i = 0; i < 2; i++) {
			assertEquals("ok", first.rows().get(i).get(status));
			assertEquals("skipped", second.rows().get(i).get(status), "kept, not redone: " + second.rows().get(i));
			for (BatchTable.Column col : new BatchTable.Column[] { BatchTable.Column.INPUT, BatchTable.Column.OUTPUT,
				BatchTable.Column.CELLS, BatchTable.Column.FRAMES })
				assertEquals(first.rows().get(i).get(col.ordinal()), second.rows().get(i).get(col.ordinal()), col.header);
		}
		assertEquals("ok", second.rows().get(2).get(status));
		assertArrayEquals(cells, Files.readAllBytes(out.resolve("a/cells.csv")), "a's result is not redone");
		// a rerun of one of them keeps the other's row
		assertEquals(0, Bad.run(b.toString(), c.toString(), "--out", out.toString(), "--overwrite").code);
		assertEquals(3, Csv.read(out.resolve("batch.csv")).rows().size(), "a's row is still there");
	}
}
