package io.github.magratio.command;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;

/**
 * The registry resolves a title to the image ImageJ knows first, and holds no image that ImageJ holds or that was
 * closed. ImageJ's batch mode stands in for windows (same WindowManager lookup, no display needed).
 */
class ImageRegistryTest {

	Context context;
	ImageRegistry registry;

	@BeforeEach
	void setUp() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(ImageRegistry.class);
		registry = context.service(ImageRegistry.class);
	}

	@AfterEach
	void tearDown() {
		Interpreter.batchMode = false;
		context.dispose();
	}

	static ImagePlus image(String title) {
		return new ImagePlus(title, new FloatProcessor(4, 3));
	}

	@Test
	void anImageOpenInImageJIsPreferredToAnOutputOfTheSameTitle() {
		ImagePlus output = image("rec-ratio");
		registry.put(output);
		assertSame(output, registry.get("rec-ratio"));
		Interpreter.batchMode = true;
		ImagePlus opened = image("rec-ratio");
		opened.show();
		assertSame(opened, registry.get("rec-ratio"), "the image the user opened, not the older output");
		opened.close();
		assertSame(output, registry.get("rec-ratio"), "the output again once the other image is closed");
	}

	@Test
	void anOutputShownInImageJIsLetGoAndForgottenWhenClosed() {
		ImagePlus output = image("rec-mg");
		registry.put(output);
		Interpreter.batchMode = true;
		output.show();
		registry.prune();
		assertSame(output, registry.get("rec-mg"), "found through ImageJ");
		assertNull(registry.remove("rec-mg"), "no longer held by the registry");
		output.close();
		assertNull(registry.get("rec-mg"));
	}

	@Test
	void aFlushedOutputIsForgotten() {
		ImagePlus output = image("rec-bg");
		registry.put(output);
		output.flush(); // what closing its window does
		assertNull(output.getProcessor());
		assertNull(registry.get("rec-bg"));
		assertNull(registry.remove("rec-bg"), "the entry was dropped");
	}

	@Test
	void anOutputNeverShownStaysForTheNextStep() {
		ImagePlus output = image("rec-labels");
		registry.put(output);
		output.close(); // no window, not in batch mode: ImageJ keeps nothing to close, the chain still needs it
		assertSame(output, registry.get("rec-labels"));
		registry.put(image("other"));
		assertSame(output, registry.get("rec-labels"));
	}
}
