package io.github.magratio.slurm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SLURM's client commands, as a user runs them: {@code sbatch} to submit, {@code scontrol show job} for the state of
 * every task of an array (pending, running, and finished ones while the controller still lists them, MinJobAge,
 * 5 min by default). No accounting ({@code sacct}) is needed.
 */
public final class Slurm {

	private Slurm() {}

	/** The output of a command. */
	static final class Output {
		final int code;
		final String out, err;

		Output(int code, String out, String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}
	}

	/** One record of {@code scontrol -o show job}: a job, an array task, or several pending tasks folded in one. */
	public static final class JobRecord {
		/** Every key=value of the record. */
		final Map<String, String> fields;

		JobRecord(Map<String, String> fields) {
			this.fields = fields;
		}

		/** @return the value of a field, or "" */
		public String get(String key) {
			return fields.getOrDefault(key, "");
		}

		/** @return the job state (PENDING, RUNNING, COMPLETED, TIMEOUT, OUT_OF_MEMORY, FAILED, ...) */
		public String state() {
			return get("JobState");
		}

		/** @return the array task ids of this record (a folded pending record has several), empty if not a task */
		List<Integer> taskIds() {
			return ids(get("ArrayTaskId"));
		}
	}

	/** @return the command's path if it is on the PATH (an executable file), else null */
	public static Path which(String command) {
		String path = System.getenv("PATH");
		if (path == null) return null;
		for (String dir : path.split(java.io.File.pathSeparator)) {
			if (dir.isEmpty()) continue;
			Path p = Paths.get(dir, command);
			if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
		}
		return null;
	}

	/**
	 * Submits a batch script.
	 *
	 * @param options sbatch options before the script (e.g. {@code --dependency=afterany:123})
	 * @return the job id
	 * @throws IOException with sbatch's message when it refuses the job
	 */
	static String sbatch(Path script, List<String> options) throws IOException {
		List<String> cmd = new ArrayList<>(Arrays.asList("sbatch", "--parsable"));
		cmd.addAll(options);
		cmd.add(script.toString());
		Output o = run(cmd, script.getParent(), 60);
		String id = o.out.trim();
		int semi = id.indexOf(';');
		if (semi >= 0) id = id.substring(0, semi);
		if (o.code != 0 || !id.matches("\\d+")) throw new IOException("sbatch refused " + script.getFileName() + ": " +
			(o.err.trim().isEmpty() ? o.out.trim() : o.err.trim()));
		return id;
	}

	/**
	 * @return every record SLURM still holds for job {@code id} (an array: one per task), or none when the controller
	 *         no longer knows it
	 * @throws IOException when scontrol cannot be run or the controller cannot be reached
	 */
	static List<JobRecord> show(String id) throws IOException {
		Output o = run(Arrays.asList("scontrol", "-o", "show", "job", id), null, 60);
		List<JobRecord> records = new ArrayList<>();
		if (o.code != 0) {
			if (o.err.contains("Invalid job id")) return records;
			throw new IOException("scontrol show job " + id + " failed: " + o.err.trim());
		}
		for (String line : o.out.split("\n"))
			if (!line.trim().isEmpty()) records.add(new JobRecord(parse(line)));
		return records;
	}

	/** Parses one line of {@code scontrol -o}: space-separated key=value pairs (values may hold '=' but no space). */
	static Map<String, String> parse(String line) {
		Map<String, String> m = new LinkedHashMap<>();
		String lastKey = null;
		for (String tok : line.trim().split(" +")) {
			int eq = tok.indexOf('=');
			if (eq > 0 && tok.substring(0, eq).matches("[A-Za-z/:_]+")) {
				lastKey = tok.substring(0, eq);
				m.put(lastKey, tok.substring(eq + 1));
			}
			// a value with a space (a job name, a command): belongs to the previous key
			else if (lastKey != null) m.put(lastKey, m.get(lastKey) + " " + tok);
		}
		return m;
	}

	/** @return the ids of an ArrayTaskId value: {@code 3}, {@code 2-5}, {@code 1,4-6%2} */
	static List<Integer> ids(String spec) {
		List<Integer> ids = new ArrayList<>();
		if (spec.isEmpty()) return ids;
		int pct = spec.indexOf('%');
		if (pct >= 0) spec = spec.substring(0, pct);
		for (String part : spec.replace("[", "").replace("]", "").split(",")) {
			String[] ab = part.split("-");
			try {
				int a = Integer.parseInt(ab[0].trim()), b = ab.length > 1 ? Integer.parseInt(ab[1].trim()) : a;
				for (int i = a; i <= b; i++)
					ids.add(i);
			} catch (NumberFormatException e) {
				// not a task list
			}
		}
		return ids;
	}

	/** @return the record of each task of array job {@code arrayJobId} that SLURM still lists */
	static Map<Integer, JobRecord> tasks(String arrayJobId) throws IOException {
		Map<Integer, JobRecord> m = new HashMap<>();
		for (JobRecord r : show(arrayJobId))
			for (int t : r.taskIds())
				m.put(t, r);
		return m;
	}

	static Output run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(cmd);
		if (dir != null) pb.directory(dir.toFile());
		Process p;
		try {
			p = pb.start();
		} catch (IOException e) {
			throw new IOException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
		}
		p.getOutputStream().close();
		StreamReader out = new StreamReader(p.getInputStream()), err = new StreamReader(p.getErrorStream());
		try {
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IOException(String.join(" ", cmd) + " did not answer within " + timeoutSeconds + " s");
			}
			out.join();
			err.join();
		} catch (InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while running " + cmd.get(0), e);
		}
		return new Output(p.exitValue(), out.text(), err.text());
	}

	/** Drains a process stream on its own thread, so a chatty command never blocks on a full pipe. */
	private static final class StreamReader extends Thread {
		private final InputStream in;
		private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

		StreamReader(InputStream in) {
			this.in = in;
			setDaemon(true);
			start();
		}

		@Override
		public void run() {
			try {
				in.transferTo(buf);
			} catch (IOException e) {
				// the process ended
			}
		}

		String text() {
			return new String(buf.toByteArray(), StandardCharsets.UTF_8);
		}
	}
}
