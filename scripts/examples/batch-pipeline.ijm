// MagRatio: Batch Pipeline on a folder, the engine of `magratio batch`: every recording matched by the pattern (340/380
// pairs by the settings' file-name markers), several at once, complete unchanged results kept (resume), a bad file
// logged and the others done, output/batch.csv and output/batch-summary.csv.
// Arguments (comma-separated key=value):
//   input=<folder>, calibration=<calibration JSON>, output=<folder>
//   [, settings=<settings JSON>][, glob=<pattern without commas, e.g. **/*.tif>][, threads=<N, 0 = all cores>]
//   [, force=true][, task=<I>, tasks=<N>: this task's share of the folder, on a cluster]
// On a SLURM cluster with Fiji (README, "SLURM with Fiji"), each array task runs its share:
//   ImageJ-linux64 --headless --console -macro batch-pipeline.ijm "input=/data/exp12,calibration=/data/cal.json,output=/data/out,task=$SLURM_ARRAY_TASK_ID,tasks=16"
// and a last job (--dependency=afterany) without task/tasks keeps every result and writes output/batch.csv.

// Plain ImageJ without a display (java.awt.headless=true) cannot run any command: stop with exit code 1 and the fix.
call("io.github.magratio.ij1.MagRatioPlugIn.requireDisplay", "batch-pipeline.ijm");
input = argument("input");
calibration = argument("calibration");
output = argument("output");
settings = argument("settings");
glob = argument("glob");
threads = argument("threads");
task = argument("task");
tasks = argument("tasks");
force = argument("force");
if (input == "") input = getDirectory("Folder of recordings");
if (calibration == "") calibration = File.openDialog("Calibration JSON");
if (output == "") output = getDirectory("Output folder");
if (threads == "") threads = "0";
if (task == "") task = "0";
if (tasks == "") tasks = "1";

options = "input=[" + input + "] output=[" + output + "] calibration=[" + calibration + "] settings=[" + settings + "]";
if (glob != "") options = options + " glob=[" + glob + "]";
options = options + " threads=" + threads + " task=" + task + " tasks=" + tasks;
if (force == "true") options = options + " force";
setBatchMode(true);
print("MagRatio: Batch Pipeline on " + input + " (task " + task + " of " + tasks + ")");
run("Batch Pipeline", options);
setBatchMode(false);
print("MagRatio: batch done, results in " + output);

// The value of key=... in the macro argument, or "".
function argument(key) {
	parts = split(getArgument(), ",");
	for (i = 0; i < parts.length; i++) {
		kv = String.trim(parts[i]);
		if (startsWith(kv, key + "=")) return replace(substring(kv, lengthOf(key) + 1), "\"", "");
	}
	return "";
}
