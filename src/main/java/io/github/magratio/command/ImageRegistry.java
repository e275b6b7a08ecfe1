package io.github.magratio.command;

import ij.ImagePlus;
import ij.WindowManager;

import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * The images of one SciJava context, by title, so that commands chain by title without a display: every MagRatio
 * command registers its image outputs here, and resolves an image parameter here first, then in ImageJ's
 * {@link WindowManager} (open windows and batch-mode images). One registry per context, no static state. Images stay
 * referenced until {@link #remove removed} or the context is disposed. Thread-safe.
 */
@Plugin(type = Service.class)
public final class ImageRegistry extends AbstractService implements SciJavaService {

	private final Map<String, ImagePlus> images = new LinkedHashMap<>();

	/** Registers {@code imp} under its title, replacing an image of the same title. */
	public synchronized void put(ImagePlus imp) {
		images.put(imp.getTitle(), imp);
	}

	/** Forgets the image of this title; returns it, or null. */
	public synchronized ImagePlus remove(String title) {
		return images.remove(title);
	}

	/**
	 * @return the image of this title: registered here, else known to ImageJ's WindowManager (a window or a batch-mode
	 *         image), else null
	 */
	public ImagePlus get(String title) {
		if (title == null) return null;
		synchronized (this) {
			ImagePlus imp = images.get(title);
			if (imp != null) return imp;
		}
		return WindowManager.getImage(title);
	}

	@Override
	public synchronized void dispose() {
		images.clear();
	}
}
