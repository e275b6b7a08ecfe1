package io.github.magratio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.magratio.assay.AasTables;
import io.github.magratio.assay.NmrConstants;
import io.github.magratio.assay.NmrMethod;
import io.github.magratio.assay.NmrTable;
import io.github.magratio.assay.ThreeShiftConstants;
import io.github.magratio.pipeline.CalciumTrace;
import io.github.magratio.util.Csv;

import java.nio.file.Files;
import java.nio.file.Path;


/**
 * Fuzzes the CSV reader and every table built on it that users hand over: AAS standards, samples and free [Mg], NMR
 * spectra, three-shift constants and the [Ca2+] per frame. One input is offered to each, as the same bad file could
 * be given to any of them.
 */
class CsvFuzzTest {

	@FuzzTest(maxDuration = "10s")
	void tables(byte[] data) throws Exception {
		Path file = Fuzz.scratch("table.csv");
		Files.write(file, data);
		Fuzz.refusedOrAccepted(() -> Csv.parse(data, file));
		Fuzz.refusedOrAccepted(() -> AasTables.readStandards(file));
		Fuzz.refusedOrAccepted(() -> AasTables.readSamples(file, AasTables.Defaults.builder().build()));
		Fuzz.refusedOrAccepted(() -> AasTables.readFree(file));
		Fuzz.refusedOrAccepted(() -> NmrTable.compute(Csv.read(file), NmrMethod.of("beta").model(null), NmrConstants
			.builder().build(), 0));
		Fuzz.refusedOrAccepted(() -> ThreeShiftConstants.read(file));
		Fuzz.refusedOrAccepted(() -> CalciumTrace.read(file).perFrame(10, 1.0));
	}
}
