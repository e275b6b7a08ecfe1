package io.github.magratio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/prepare-real}'s conversions on hand-made inputs whose labels are written out here by hand: a PNG mask
 * whose touching objects differ in value (BBBC039), and Kaggle's run-length code, counted down the columns from 1
 * (DSB 2018 stage 1), on a non-square image so that a swapped width and height cannot pass; Kromp et al.'s image
 * description, from which the tissue sections are chosen. Then whole fake checkouts of the BBBC039, stage-1 and Kromp
 * repositories through {@link PrepareReal#prepare}, read back from the TIFFs written.
 */
class PrepareRealTest {

	/** The per-pair lines are not what is tested. */
	static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

	@TempDir
	Path tmp;

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	@Test
	void touchingRegionsOfDifferentValuesAreTwoObjectsAndDiagonalNeighboursOfOneValueAreOne() {
		int w = 5, h = 4;
		int[] values = {
			1, 1, 2, 0, 0,
			1, 1, 2, 0, 5,
			0, 0, 0, 5, 0,
			5, 0, 0, 0, 5 };
		// 1 and 2 touch along a column: two objects; the three 5s on the diagonal are one (8-connected), the 5 in the
		// corner touches none of them: a fourth. Ids in raster order of each object's first pixel.
		int[] expected = {
			1, 1, 2, 0, 0,
			1, 1, 2, 0, 3,
			0, 0, 0, 3, 0,
			4, 0, 0, 0, 3 };
		assertArrayEquals(expected, PrepareReal.regionLabels(values, w, h));
		assertArrayEquals(new int[6], PrepareReal.regionLabels(new int[6], 3, 2), "all background: no object");
		assertThrows(IllegalArgumentException.class, () -> PrepareReal.regionLabels(new int[5], 3, 2));
	}

	@Test
	void runLengthCodeCountsDownTheColumnsFromOne() {
		int w = 4, h = 3;
		int[] labels = new int[w * h];
		// object 1: pixels 1-3 (the whole first column) and 10-11 (x = 3, y = 0 and 1); object 2: pixels 5-6 (x = 1,
		// y = 1 and 2)
		PrepareReal.decodeRle("1 3 10 2", w, h, 1, labels);
		PrepareReal.decodeRle(" 5 2\n", w, h, 2, labels);
		int[] expected = {
			1, 0, 0, 1,
			1, 2, 0, 1,
			1, 2, 0, 0 };
		assertArrayEquals(expected, labels);
		int[] copy = labels.clone();
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.decodeRle("3 1", w, h, 3, copy))
			.getMessage().contains("pixel (0, 2) is already object 1"));
		assertThrows(IllegalStateException.class, () -> PrepareReal.decodeRle("12 2", w, h, 3, new int[w * h]),
			"a run past pixel 12");
		assertThrows(IllegalStateException.class, () -> PrepareReal.decodeRle("0 1", w, h, 3, new int[w * h]),
			"starts are 1-based");
		assertThrows(IllegalStateException.class, () -> PrepareReal.decodeRle("1 2 7", w, h, 3, new int[w * h]));
	}

	@Test
	void bbbc039NamesAWellAndASite() {
		assertEquals("bbbc039_A02_s1", PrepareReal.bbbc039Name("IXMtest_A02_s1_w1051DAA7C-7042-435F-99F0-1E847D9B42CB"));
		assertThrows(IllegalStateException.class, () -> PrepareReal.bbbc039Name("A02_s1"));
	}

	@Test
	void stage1CheckoutGivesGreyImagesAndMasksDecodedFromTheSolution() throws Exception {
		int w = 4, h = 3;
		Path src = tmp.resolve("DSB2018_stage1_test"), out = tmp.resolve("dsb2018-stage1test-fluo");
		StringBuilder csv = new StringBuilder("ImageId,EncodedPixels,Height,Width,Usage\n");
		for (String id : PrepareReal.STAGE1_IDS) {
			ColorProcessor cp = new ColorProcessor(w, h);
			for (int i = 0; i < w * h; i++)
				cp.set(i, (10 * i) << 16 | (10 * i) << 8 | 10 * i); // grey: R = G = B = 10 * i
			writePng(cp, src.resolve("stage1_test/" + id + "/images/" + id + ".png"));
			// the same two objects as in runLengthCodeCountsDownTheColumnsFromOne, rows in file order
			csv.append(id).append(",1 3 10 2,").append(h).append(',').append(w).append(",Public\n");
			csv.append(id).append(",5 2,").append(h).append(',').append(w).append(",Public\n");
		}
		Files.write(src.resolve("stage1_solution.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));

		assertEquals(9, PrepareReal.prepare(PrepareReal.STAGE1, src, out, QUIET));
		String name = "dsb2018s1t_" + PrepareReal.STAGE1_IDS.get(0).substring(0, 8);
		ImagePlus image = IJ.openImage(out.resolve(name + "_image.tif").toString());
		assertEquals(8, image.getBitDepth());
		for (int i = 0; i < w * h; i++)
			assertEquals(10 * i, image.getProcessor().get(i));
		ImagePlus mask = IJ.openImage(out.resolve(name + "_mask.tif").toString());
		assertEquals(16, mask.getBitDepth());
		assertArrayEquals(new int[] { 1, 0, 0, 1, 1, 2, 0, 1, 1, 2, 0, 0 }, values(mask.getProcessor()));

		// a colour image is no grey fluorescence image: refused, naming the file
		String id = PrepareReal.STAGE1_IDS.get(3);
		ColorProcessor colour = new ColorProcessor(w, h);
		colour.set(5, 0x102030);
		writePng(colour, src.resolve("stage1_test/" + id + "/images/" + id + ".png"));
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.prepare(PrepareReal.STAGE1, src, out,
			QUIET))
			.getMessage().contains(id + ".png: a colour image (pixel 1, 1 is 16/32/48)"));
	}

	@Test
	void bbbc039CheckoutGivesEveryTwentiethFieldInSortedOrderWithRegionLabels() throws Exception {
		int w = 3, h = 2;
		Path src = tmp.resolve("cell_counting_dataset"), out = tmp.resolve("bbbc039-u2os-nuclei");
		Path images = Files.createDirectories(src.resolve("cell nuclei/images"));
		Path masks = Files.createDirectories(src.resolve("cell nuclei/masks"));
		List<String> stems = new ArrayList<>();
		for (char row = 'P'; stems.size() < 200; row--) // written in reverse order: the sort is the code's
			for (int col = 24; col >= 1 && stems.size() < 200; col--)
				stems.add(String.format("IXMtest_%c%02d_s%d_w1ABC", row, col, col % 9 + 1));
		for (String stem : stems) {
			new FileSaver(new ImagePlus(stem, new ShortProcessor(w, h))).saveAsTiff(images.resolve(stem + ".tif")
				.toString());
			// channel 0: a 2-pixel object of value 1 touching a 1-pixel object of value 2 (green and blue are noise)
			ColorProcessor m = new ColorProcessor(w, h);
			m.set(0, 1 << 16 | 0x77);
			m.set(1, 1 << 16 | 0x7700);
			m.set(2, 2 << 16);
			writePng(m, masks.resolve(stem + ".png"));
		}
		Files.write(images.resolve("README.txt"), new byte[0]); // not an image

		assertEquals(10, PrepareReal.prepare(PrepareReal.BBBC039, src, out, QUIET));
		List<String> sorted = new ArrayList<>(stems);
		Collections.sort(sorted);
		for (int i = 0; i < 200; i++) {
			Path mask = out.resolve(PrepareReal.bbbc039Name(sorted.get(i)) + "_mask.tif");
			assertEquals(i % 20 == 0, Files.exists(mask), sorted.get(i));
			if (i % 20 != 0) continue;
			assertArrayEquals(new int[] { 1, 1, 2, 0, 0, 0 }, values(IJ.openImage(mask.toString()).getProcessor()));
			assertArrayEquals(Files.readAllBytes(images.resolve(sorted.get(i) + ".tif")), Files.readAllBytes(out
				.resolve(PrepareReal.bbbc039Name(sorted.get(i)) + "_image.tif")), "the image is copied as it is");
		}

		Files.delete(images.resolve(sorted.get(7) + ".tif"));
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.prepare(PrepareReal.BBBC039, src, out,
			QUIET))
			.getMessage().contains("199 .tif images, the set has 200"));
	}

	@Test
	void krompTissueSectionsAreTheRowsWhosePreparationIsATissueSectionWhateverTheColumnOrder() {
		Path csv = Path.of("image_description.csv");
		List<String> lines = List.of(
			"Diagnosis;Preparation;Image_Name;Magnification",
			"Ganglioneuroblastoma;tissue section;Ganglioneuroblastoma_0;20x",
			"Neuroblastoma;BM cytospin;Neuroblastoma_1;63x",
			"",
			"Wilms;tissue section ;otherspecimen_3;63x",
			"Neuroblastoma;cellline cytospin;otherspecimen_4;20x");
		assertEquals(List.of("Ganglioneuroblastoma_0", "otherspecimen_3"), PrepareReal.tissueSections(lines, csv));
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.tissueSections(List.of(
			"Image_Name,Preparation", "a,tissue section"), csv)).getMessage().contains("no Image_Name and Preparation"),
			"fields are separated by ';'");
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.tissueSections(List.of(
			"Image_Name;Preparation", "a;tissue section;20x"), csv)).getMessage().contains("line 2: 3 fields"));
	}

	@Test
	void krompCheckoutGivesTheTissueSectionsAsGreyImagesAndTheirLabelsWithTheirIds() throws Exception {
		int w = 4, h = 3;
		Path src = tmp.resolve("cell-nuclei-segmentation"), out = tmp.resolve("kromp2020-tissue-sections");
		Path dataset = src.resolve(PrepareReal.KROMP_DATASET);
		StringBuilder csv = new StringBuilder("Image_Name;Diagnosis;Preparation;Train-/Testset split\n");
		List<String> sections = new ArrayList<>();
		for (int i = 0; i < PrepareReal.KROMP_TISSUE_SECTIONS; i++)
			sections.add(i < 10 ? "Ganglioneuroblastoma_" + i : "otherspecimen_" + i);
		for (String stem : sections)
			csv.append(stem).append(";Ganglioneuroblastoma;tissue section;test\n");
		csv.append("Neuroblastoma_0;Neuroblastoma;Tumor touch imprint;train\n");
		Files.createDirectories(dataset);
		Files.write(dataset.resolve("image_description.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
		// touching nuclei 7 and 300, and nucleus 2 (ids neither consecutive nor in raster order, as in the set)
		int[] ids = {
			7, 7, 300, 0,
			7, 300, 300, 0,
			0, 0, 0, 2 };
		for (int k = 0; k <= sections.size(); k++) {
			String stem = k < sections.size() ? sections.get(k) : "Neuroblastoma_0";
			// the 20x images of the set are RGB TIFFs with R = G = B, the others 8-bit: both kinds, grey 20 * i + k
			ImageProcessor raw = k % 2 == 0 ? new ColorProcessor(w, h) : new ByteProcessor(w, h);
			ShortProcessor mask = new ShortProcessor(w, h);
			for (int i = 0; i < w * h; i++) {
				int g = 20 * i + k;
				raw.set(i, raw instanceof ColorProcessor ? g << 16 | g << 8 | g : g);
				mask.set(i, ids[i]);
			}
			writeTiff(raw, dataset.resolve("rawimages/" + stem + ".tif"));
			writeTiff(mask, dataset.resolve("groundtruth/" + stem + ".tif"));
		}

		assertEquals(12, PrepareReal.prepare(PrepareReal.KROMP, src, out, QUIET));
		for (int k = 0; k < sections.size(); k++) {
			ImagePlus image = IJ.openImage(out.resolve("kromp_" + sections.get(k) + "_image.tif").toString());
			assertEquals(8, image.getBitDepth(), sections.get(k));
			for (int i = 0; i < w * h; i++)
				assertEquals(20 * i + k, image.getProcessor().get(i));
			ImagePlus mask = IJ.openImage(out.resolve("kromp_" + sections.get(k) + "_mask.tif").toString());
			assertEquals(16, mask.getBitDepth());
			assertArrayEquals(ids, values(mask.getProcessor()));
		}
		assertTrue(!Files.exists(out.resolve("kromp_Neuroblastoma_0_image.tif")), "a touch imprint is no section");
		// the BioStudies download (the dataset folder itself) is read the same way
		assertEquals(12, PrepareReal.prepare(PrepareReal.KROMP, dataset, tmp.resolve("o"), QUIET));

		ColorProcessor colour = new ColorProcessor(w, h);
		colour.set(6, 0x102030);
		writeTiff(colour, dataset.resolve("rawimages/" + sections.get(4) + ".tif"));
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.prepare(PrepareReal.KROMP, src, out,
			QUIET)).getMessage().contains(sections.get(4) + ".tif: a colour image (pixel 2, 1 is 16/32/48)"));
		writeTiff(new ShortProcessor(h, w), dataset.resolve("groundtruth/" + sections.get(3) + ".tif"));
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.prepare(PrepareReal.KROMP, src, out,
			QUIET)).getMessage().contains(sections.get(3) + ".tif is 3x4, its image 4x3"));
		Files.write(dataset.resolve("image_description.csv"), csv.toString().replace(";tissue section;test\n" +
			"Neuroblastoma_0", ";touch imprint;test\nNeuroblastoma_0").getBytes(StandardCharsets.UTF_8));
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.prepare(PrepareReal.KROMP, src, out,
			QUIET)).getMessage().contains("11 tissue sections, the set has 12"));
	}

	@Test
	void unknownSetAndMissingSourceAreRefused() {
		Path o = tmp.resolve("o");
		assertThrows(IllegalArgumentException.class, () -> PrepareReal.prepare("bbbc038", tmp, o, QUIET));
		assertThrows(IllegalArgumentException.class, () -> PrepareReal.prepare(PrepareReal.STARDIST, tmp.resolve(
			"none"), o, QUIET));
		assertTrue(assertThrows(IllegalStateException.class, () -> PrepareReal.prepare(PrepareReal.STARDIST, tmp, o,
			QUIET)).getMessage().contains("img2d.tif is missing"));
	}

	private static void writePng(ImageProcessor ip, Path file) throws Exception {
		Files.createDirectories(file.getParent());
		assertTrue(new FileSaver(new ImagePlus(file.getFileName().toString(), ip)).saveAsPng(file.toString()));
	}

	private static void writeTiff(ImageProcessor ip, Path file) throws Exception {
		Files.createDirectories(file.getParent());
		assertTrue(new FileSaver(new ImagePlus(file.getFileName().toString(), ip)).saveAsTiff(file.toString()));
	}

	private static int[] values(ImageProcessor ip) {
		int[] v = new int[ip.getWidth() * ip.getHeight()];
		for (int i = 0; i < v.length; i++)
			v[i] = ip.get(i);
		return v;
	}
}
