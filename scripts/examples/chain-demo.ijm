// MagRatio: every step of the pipeline, one command at a time, on one recording.
// Arguments (comma-separated key=value, as Fiji passes script arguments):
//   input=<2-channel TIFF>, calibration=<calibration JSON>, output=<CSV file for the per-cell table>
// e.g. for the demo sample:
//   ImageJ -batch chain-demo.ijm 'input=test-images/demo/synthetic.tif,calibration=test-images/demo/synthetic-calibration.json,output=/tmp/cells.csv'
// Without arguments (from the macro editor) it asks for the files.
// The table written equals cells.csv of `scripts/magratio run` with the same calibration.

// Plain ImageJ without a display (java.awt.headless=true) cannot run any command: stop with exit code 1 and the fix.
call("io.github.magratio.ij1.MagRatioPlugIn.requireDisplay", "chain-demo.ijm");
input = argument("input");
calibration = argument("calibration");
output = argument("output");
if (input == "") input = File.openDialog("Recording (2-channel TIFF)");
if (calibration == "") calibration = File.openDialog("Calibration JSON");
if (output == "") output = File.getDirectory(input) + File.getNameWithoutExtension(input) + "-cells.csv";

setBatchMode(true);
open(input);
rec = File.getNameWithoutExtension(input);
rename(rec);
// Every value is the default of `scripts/magratio run`, so the table equals its cells.csv on any recording.
// Boolean keys are on when present, as for any ImageJ checkbox: list every option you want on.
run("Segment Cells", "image=" + rec + " channel=1 detector=seeded diameter=0 minsnr=3 texture=5 sharpness=0.2 grow=0.25 split=0.1 shape=0.2 detectbg=local bgscale=2 threshold=Otsu smooth=1 flatten=2 fillholes minarea=30 maxarea=0 watershed tolerance=0.5 border=keep");
run("Subtract Background (MagRatio)", "image=" + rec + " labels=" + rec + "-labels channel=1 method=surface degree=2 guard=3 ring=6 clip=3");
run("Ratio Image", "image=" + rec + "-bg minsignal=3");
run("Ratio to [Mg2+]", "ratio=" + rec + "-ratio calibration=[" + calibration + "]");
run("Measure Cells", "recording=" + rec + " image=" + rec + "-bg labels=" + rec + "-labels ratio=" + rec + "-ratio mg=" + rec + "-mg save=[" + output + "]");
setBatchMode(false);
print("MagRatio: wrote " + output);

// The value of key=... in the macro argument, or "".
function argument(key) {
	parts = split(getArgument(), ",");
	for (i = 0; i < parts.length; i++) {
		kv = String.trim(parts[i]);
		if (startsWith(kv, key + "=")) return replace(substring(kv, lengthOf(key) + 1), "\"", "");
	}
	return "";
}
