package io.github.magratio.command;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * In Fiji, after a MagRatio command ran and its images were displayed, applies the GUI conveniences of
 * {@link Display} (LUT and calibration bar, cells into the ROI Manager, the table shown). Runs last among the
 * post-processors and does nothing headless, in batch mode, or after a cancel.
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.VERY_LOW)
public class DisplayPostprocessor extends AbstractPostprocessorPlugin {

	@Override
	public void process(Module module) {
		if (!(module.getDelegateObject() instanceof MagRatioCommand)) return;
		if (((MagRatioCommand) module.getDelegateObject()).isCanceled()) return;
		Display.present(module, false);
		for (Object v : module.getOutputs().values())
			if (v instanceof ij.ImagePlus && ((ij.ImagePlus) v).getWindow() != null) ((ij.ImagePlus) v).updateAndDraw();
	}
}
