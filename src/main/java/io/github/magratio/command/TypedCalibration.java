package io.github.magratio.command;

import io.github.magratio.pipeline.SettingNames;

/**
 * The calibration parameters of the commands that convert to [Mg2+] (Run Pipeline, Measure TrackMate Tracks through
 * it, Ratio to [Mg2+]), worded once: a calibration file and typed constants that override its values, as the CLI's
 * {@code --calibration}, {@code --kd}, {@code --rmin}, {@code --rmax} and {@code --beta} do. Each command declares the
 * five fields itself, in this order, where they belong in its dialog; their labels, descriptions, style and defaults
 * are these constants, and their values go through {@link MagRatioCommand#pipelineSettings(String, double, double,
 * double, double, String, com.google.gson.JsonObject)}, so only the five declarations are written twice.
 * <p>
 * Why not once: SciJava lists a superclass's parameters before a subclass's ({@code CommandInfo} collects the fields
 * of the class hierarchy from the top), which would put the calibration ahead of the command's own image or file;
 * SciJava has no parameter order attribute and no parameters on a member object. A {@code DynamicCommand} adding the
 * five inputs per instance could place them, but such inputs are not fields (no javadoc, values read by name, another
 * base class than {@link MagRatioCommand}) and not in the command's {@code CommandInfo}, from which the plain ImageJ 1
 * entry ({@code ij1.MagRatioPlugIn}) builds its dialog and reads its macro keys. {@code CommandInfoTest} checks
 * instead that every command that converts has these five inputs, consecutive, with these labels, descriptions and
 * defaults. The labels start with the fields' names in {@link SettingNames}, by which messages name them.
 */
final class TypedCalibration {

	/** Label of the calibration file field (macro key {@code calibration}). */
	static final String FILE_LABEL = SettingNames.CALIBRATION_FIELD + " (empty = typed)";
	/** Description of the calibration file field. */
	static final String FILE_DESCRIPTION = "MagRatio calibration JSON: kd_mM (mM), rmin, rmax, beta; empty = Rmin, " +
		"Rmax and beta typed below";
	/** Style of the calibration file field: a JSON file to open. */
	static final String FILE_STYLE = "open, extensions:json";
	/** Label of the Kd field (macro key {@code kd}), mM. */
	static final String KD_LABEL = SettingNames.KD_FIELD + " (mM, NaN = file's or 1.9)";
	/** Description of the Kd field. */
	static final String KD_DESCRIPTION = "Kd of Mag-Fura-2 for Mg2+ in mM; overrides the calibration file's; NaN = " +
		"the file's, or 1.9 mM without a file";
	/** Label of the Rmin field (macro key {@code rmin}). */
	static final String RMIN_LABEL = SettingNames.RMIN_FIELD + " (NaN = file's)";
	/** Description of the Rmin field. */
	static final String RMIN_DESCRIPTION = "Ratio of Mg-free dye; overrides the calibration file's";
	/** Label of the Rmax field (macro key {@code rmax}). */
	static final String RMAX_LABEL = SettingNames.RMAX_FIELD + " (NaN = file's)";
	/** Description of the Rmax field. */
	static final String RMAX_DESCRIPTION = "Ratio of Mg-saturated dye; overrides the calibration file's";
	/** Label of the beta field (macro key {@code beta}). */
	static final String BETA_LABEL = SettingNames.BETA_FIELD + " (NaN = file's)";
	/** Description of the beta field. */
	static final String BETA_DESCRIPTION = "F380 of Mg-free over Mg-saturated dye; overrides the calibration file's";

	private TypedCalibration() {}
}
