package io.github.magratio.command;

import ij.ImagePlus;
import ij.WindowManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * The images of one SciJava context, by title, so that commands chain by title without a display: every MagRatio
 * command registers its image outputs here, and resolves an image parameter through {@link #get}: first the image
 * ImageJ's {@link WindowManager} knows under that title (a window or a batch-mode image, so an image the user opened
 * is never shadowed by an older output of the same title), then the images registered here.
 * <p>
 * The registry holds an image only while nothing else does: once ImageJ holds it (it was shown, in a window or in
 * batch mode) the registry forgets it and finds it through the WindowManager, so closing it frees it; an image that
 * was closed and flushed ({@link ImagePlus#getProcessor()} is null, as after closing its window or
 * {@link ImagePlus#flush()}) is forgotten too. Images never shown (headless chains) stay until replaced by an image
 * of the same title, {@link #remove removed}, or the context is disposed. One registry per context, no static state.
 * Thread-safe.
 * </p>
 */
@Plugin(type = Service.class)
public final class ImageRegistry extends AbstractService implements SciJavaService {

	private final Map<String, ImagePlus> images = new LinkedHashMap<>();

	/** Registers {@code imp} under its title, replacing an image of the same title. */
	public void put(ImagePlus imp) {
		prune();
		synchronized (this) {
			images.put(imp.getTitle(), imp);
		}
	}

	/** Forgets the image of this title; returns it, or null. */
	public synchronized ImagePlus remove(String title) {
		return images.remove(title);
	}

	/**
	 * @return the image of this title: the one ImageJ's WindowManager knows (a window or a batch-mode image), else the
	 *         one registered here if it was not closed, else null
	 */
	public ImagePlus get(String title) {
		if (title == null) return null;
		prune();
		ImagePlus open = WindowManager.getImage(title);
		if (open != null) return open;
		synchronized (this) {
			return images.get(title);
		}
	}

	/**
	 * Forgets the images ImageJ now holds (shown in a window or in batch mode; {@link #get} finds them through the
	 * WindowManager from now on) and the images that were closed and flushed. Called on every {@link #get} and
	 * {@link #put}, and after a command's outputs were shown.
	 */
	public void prune() {
		List<ImagePlus> all;
		synchronized (this) {
			all = new ArrayList<>(images.values());
		}
		List<ImagePlus> gone = new ArrayList<>();
		for (ImagePlus imp : all)
			if (imp.getProcessor() == null || WindowManager.getImage(imp.getTitle()) == imp) gone.add(imp);
		if (gone.isEmpty()) return;
		synchronized (this) {
			images.values().removeIf(imp -> gone.stream().anyMatch(g -> g == imp));
		}
	}

	@Override
	public synchronized void dispose() {
		images.clear();
	}
}
