package io.github.magratio.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/bad-inputs.md and its tests agree: every row names exactly one test that exists, and every test of the
 * bad-input classes has its row, so a case cannot be documented without a test or tested without being documented.
 */
class BadInputsDocTest {

	static final String[] PACKAGES = { "io.github.magratio.badinput.", "io.github.magratio.cli.",
		"io.github.magratio.fuzz." };
	static final Class<?>[] DOCUMENTED = { BadRecordingsTest.class, BadContainersTest.class, BadJsonTest.class,
		BadTablesTest.class, OverwriteTest.class, EnvironmentFailureTest.class, MixedBatchTest.class,
		io.github.magratio.cli.CrashSafetyTest.class };

	@Test
	void everyRowNamesOneExistingTestAndEveryTestHasARow() throws Exception {
		List<String> lines = Files.readAllLines(Paths.get("docs/bad-inputs.md"), StandardCharsets.UTF_8);
		Pattern ref = Pattern.compile("`([A-Z]\\w+)#(\\w+)`");
		Set<String> referenced = new LinkedHashSet<>();
		int rows = 0;
		for (String line : lines) {
			if (!line.matches("\\| (\\d+|F\\d+) \\|.*")) continue;
			rows++;
			Matcher m = ref.matcher(line);
			List<String> refs = new ArrayList<>();
			while (m.find())
				refs.add(m.group(1) + "#" + m.group(2));
			assertEquals(1, refs.size(), "one test per row: " + line);
			String[] cm = refs.get(0).split("#");
			Class<?> c = find(cm[0]);
			Method method = c.getDeclaredMethod(cm[1]);
			assertTrue(method.isAnnotationPresent(Test.class), refs.get(0) + " is not a @Test");
			assertTrue(referenced.add(refs.get(0)), refs.get(0) + " is the test of two rows");
		}
		assertTrue(rows >= 50, rows + " rows");
		for (Class<?> c : DOCUMENTED)
			for (Method m : c.getDeclaredMethods())
				if (m.isAnnotationPresent(Test.class)) assertTrue(referenced.contains(c.getSimpleName() + "#" + m
					.getName()), c.getSimpleName() + "#" + m.getName() + " has no row in docs/bad-inputs.md");
	}

	static Class<?> find(String simpleName) {
		for (String p : PACKAGES)
			try {
				return Class.forName(p + simpleName);
			} catch (ClassNotFoundException e) {
				// try the next package
			}
		throw new AssertionError("no test class " + simpleName);
	}
}
