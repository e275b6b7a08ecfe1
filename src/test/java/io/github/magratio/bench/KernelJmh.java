package io.github.magratio.bench;

import io.github.magratio.core.BackgroundMethod;
import io.github.magratio.core.BackgroundSettings;
import io.github.magratio.core.Calibration;
import io.github.magratio.core.CellTable;
import io.github.magratio.core.FrameProcessor;
import io.github.magratio.core.Labels;
import io.github.magratio.core.RatioSettings;
import io.github.magratio.synth.SynthSettings;
import io.github.magratio.synth.SyntheticRecording;

import ij.ImagePlus;

import java.util.concurrent.TimeUnit;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH micro-benchmark of the per-frame kernel ({@link FrameProcessor}) on one synthetic frame pair held in memory,
 * beside a plain copy of the same bytes (the memory-streaming floor the issue compares against): milliseconds per frame
 * pair, per background method. Run with {@code scripts/jmh} (never by the tests). {@code magratio bench --suite kernel}
 * gives the end-to-end figures; this isolates the kernel from I/O, threads and the JIT's first compilations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KernelJmh {

	/** Frame side, px. */
	@Param({ "512", "1024" })
	public int size;

	/** Background method of the kernel. */
	@Param({ "surface", "constant" })
	public String background;

	private RandomAccessibleInterval<UnsignedShortType> f340, f380;
	private short[] raw340, raw380, copy340, copy380;
	private FrameProcessor kernel;
	private CellTable table;
	private float[] ratio, mg;

	/** One synthetic frame pair, its true cells and calibration, and the kernel over them. */
	@Setup(Level.Trial)
	public void setUp() {
		SyntheticRecording rec = SyntheticRecording.generate(SynthSettings.builder().width(size).height(size).frames(1)
			.cells(Math.max(12, size * size / 2500)).seed(3).build());
		ImagePlus imp = rec.imagePlus();
		raw340 = (short[]) imp.getStack().getProcessor(imp.getStackIndex(1, 1, 1)).getPixels();
		raw380 = (short[]) imp.getStack().getProcessor(imp.getStackIndex(2, 1, 1)).getPixels();
		copy340 = new short[raw340.length];
		copy380 = new short[raw380.length];
		f340 = ArrayImgs.unsignedShorts(raw340, size, size);
		f380 = ArrayImgs.unsignedShorts(raw380, size, size);
		short[] l = rec.truth().labels();
		int[] ids = new int[l.length];
		for (int i = 0; i < l.length; i++)
			ids[i] = l[i] & 0xffff;
		Labels labels = Labels.of(ids, size, size);
		Calibration cal = rec.truth().calibration();
		kernel = new FrameProcessor(labels, BackgroundSettings.builder().method(BackgroundMethod.parse(background))
			.constant340(100).constant380(100).build(), RatioSettings.defaults(), cal, null);
		table = new CellTable(labels.count(), 1);
		ratio = new float[size * size];
		mg = new float[size * size];
	}

	/** The fused kernel: background, correction, masks, ratio, [Mg2+] planes and per-cell sums of one frame pair. */
	@Benchmark
	public double kernel() {
		return kernel.process(0, f340, f380, ratio, mg, table)[1];
	}

	/** The floor: copying the frame pair's bytes once. */
	@Benchmark
	public void copy(Blackhole bh) {
		System.arraycopy(raw340, 0, copy340, 0, raw340.length);
		System.arraycopy(raw380, 0, copy380, 0, raw380.length);
		bh.consume(copy340);
		bh.consume(copy380);
	}

	/** Runs the suite; arguments are JMH's own (e.g. {@code -p size=1024}). */
	public static void main(String[] args) throws Exception {
		if (args.length > 0) org.openjdk.jmh.Main.main(args);
		else new Runner(new OptionsBuilder().include(KernelJmh.class.getSimpleName()).build()).run();
	}
}
