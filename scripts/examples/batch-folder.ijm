// MagRatio: Run Pipeline on every TIFF of a folder (the usual getFileList loop, batch mode on).
// Arguments (comma-separated key=value):
//   input=<folder of 2-channel TIFFs>, calibration=<calibration JSON>, output=<output folder>[, settings=<settings JSON>]
// e.g. on a cluster node with Fiji:
//   ImageJ-linux64 --headless --console -macro batch-folder.ijm 'input=/data/day1,calibration=/data/cal.json,output=/data/out'
// Each recording gets output/<name>/ (cells.csv, summary.csv, ratio.tif, mg.tif, labels.tif, rois.zip, traces.png,
// run.json), exactly as `scripts/magratio run` writes it, and a line in output/batch.csv (ok, or failed with the
// reason). A file that cannot be processed (not a recording, damaged) is logged and listed as failed, and the macro
// goes on with the next one (Run Pipeline's keepgoing). Without arguments it asks for the folders.

// Plain ImageJ without a display (java.awt.headless=true) cannot run any command: stop with exit code 1 and the fix.
call("io.github.magratio.ij1.MagRatioPlugIn.requireDisplay", "batch-folder.ijm");
input = argument("input");
calibration = argument("calibration");
output = argument("output");
settings = argument("settings");
if (input == "") input = getDirectory("Folder of recordings");
if (calibration == "") calibration = File.openDialog("Calibration JSON");
if (output == "") output = getDirectory("Output folder");
if (!endsWith(input, File.separator)) input = input + File.separator;

setBatchMode(true);
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	if (endsWith(toLowerCase(name), ".tif") || endsWith(toLowerCase(name), ".tiff")) {
		print("MagRatio: " + name);
		run("Run Pipeline", "input=[" + input + name + "] output=[" + output + "] calibration=[" + calibration + "] settings=[" + settings + "] overwrite keepgoing");
		done++;
	}
}
setBatchMode(false);
print("MagRatio: " + done + " file(s) tried, results in " + output + ", each listed in " + output + File.separator + "batch.csv");

// The value of key=... in the macro argument, or "".
function argument(key) {
	parts = split(getArgument(), ",");
	for (i = 0; i < parts.length; i++) {
		kv = String.trim(parts[i]);
		if (startsWith(kv, key + "=")) return replace(substring(kv, lengthOf(key) + 1), "\"", "");
	}
	return "";
}
