package io.github.magratio.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code magratio} in a child JVM with its own environment (SLURM_CONF, PATH), as a user's shell would. */
final class ChildJvm {

	/** Exit code, stdout, stderr. */
	final int code;
	final String out, err;

	private ChildJvm(int code, String out, String err) {
		this.code = code;
		this.out = out;
		this.err = err;
	}

	static ChildJvm run(Map<String, String> env, Path scratch, String... args) throws IOException,
		InterruptedException
	{
		List<String> cmd = new ArrayList<>(Arrays.asList(JavaCommand.java().toString(), "-Xmx1g",
			"-Djava.awt.headless=true", "-cp", JavaCommand.classpathString(), "io.github.magratio.cli.Main"));
		cmd.addAll(Arrays.asList(args));
		Files.createDirectories(scratch);
		Path o = Files.createTempFile(scratch, "out", ".txt"), e = Files.createTempFile(scratch, "err", ".txt");
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(o.toFile()).redirectError(e.toFile());
		pb.environment().putAll(env);
		Process p = pb.start();
		if (!p.waitFor(300, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new IOException("magratio " + String.join(" ", args) + " did not end in 300 s");
		}
		return new ChildJvm(p.exitValue(), new String(Files.readAllBytes(o), StandardCharsets.UTF_8), new String(Files
			.readAllBytes(e), StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
	}
}
