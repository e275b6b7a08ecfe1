package io.github.magratio.util;

/**
 * The options a message may tell the user to change that are not settings keys (the output folder, a batch's input,
 * the AAS calculator's), each named once for every {@link Audience}: the command-line flag and the ImageJ dialog field
 * with its macro key. A settings key is named by the settings' own table ({@code pipeline.SettingNames#named}). Only
 * options that messages shared by the CLI and the Fiji commands refer to are here; a message of one front end alone
 * names its own option directly.
 */
public enum UserOption implements Worded {
	/** The output root. */
	OUT("--out", "Output folder (macro key output)"),
	/** How to ask for an existing result to be replaced. */
	OVERWRITE("pass --overwrite", "tick Overwrite (macro key overwrite)"),
	/** Asking for an existing result to be replaced, as a state. */
	OVERWRITE_GIVEN("--overwrite", "Overwrite ticked"),
	/** The input folder of a batch. */
	IN("--in", "Input folder (macro key input)"),
	/** The file pattern of a batch. */
	GLOB("--glob", "File pattern (macro key glob)"),
	/** AAS: dilution factor from digest to read solution. */
	AAS_DILUTION("--dilution-factor", "Dilution factor (macro key dilution)"),
	/** AAS: reagent blank, mg/L in the digest. */
	AAS_BLANK("--reagent-blank-mg-L", "Reagent blank (macro key blank)"),
	/** AAS: digest volume, mL. */
	AAS_DIGEST("--digest-volume-mL", "Digest volume (macro key digest)"),
	/** AAS: cells per digest. */
	AAS_CELLS("--cells-per-sample", "Cells per sample (macro key cells)"),
	/** AAS: volume of one cell, pL. */
	AAS_CELL_VOLUME("--cell-volume-pL", "Cell volume (macro key volume)"),
	/** AAS: water fraction of the cell volume. */
	AAS_WATER("--water-fraction", "Water fraction (macro key water)"),
	/** Two single-wavelength stacks of one recording. */
	SEPARATE_PAIR("--f340 and --f380", "Batch Pipeline, which pairs them by the settings' pair340_marker and " +
		"pair380_marker");

	private final String commandLine, imagej;

	UserOption(String commandLine, String imagej) {
		this.commandLine = commandLine;
		this.imagej = imagej;
	}

	/** @return the option in this audience's words */
	@Override
	public String name(Audience audience) {
		return audience == Audience.IMAGEJ ? imagej : commandLine;
	}
}
