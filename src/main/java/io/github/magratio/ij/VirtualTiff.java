package io.github.magratio.ij;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.TiffDecoder;
import ij.plugin.FileInfoVirtualStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Opens an uncompressed TIFF stack as a virtual stack: each plane is read from disk when asked for. ImageJ's own
 * {@code FileInfoVirtualStack.openVirtual} lets the {@code name=} entry of an ImageJ TIFF description (written
 * whenever a file was saved under another name than its title) overwrite the file name of the first plane, which then
 * reads as a blank image; here every plane keeps the real path.
 */
final class VirtualTiff {

	private VirtualTiff() {}

	/** @return the virtual image, or null when the file is not a TIFF that can be read plane by plane */
	static ImagePlus open(Path file) throws IOException {
		Path abs = file.toAbsolutePath();
		String dir = abs.getParent().toString() + java.io.File.separator;
		String name = abs.getFileName().toString();
		FileInfo[] info = new TiffDecoder(dir, name).getTiffInfo();
		if (info == null || info.length == 0) return null;
		FileInfo first = info[0];
		if (first.compression > FileInfo.COMPRESSION_NONE || first.fileType == FileInfo.RGB48) return null;
		FileInfo[] planes;
		if (info.length == 1 && first.nImages > 1) {
			long bytes = (long) first.width * first.height * first.getBytesPerPixel();
			long fileLength = Files.size(abs);
			int n = first.nImages;
			while (n > 1 && first.getOffset() + (n - 1) * (bytes + first.getGap()) + bytes > fileLength)
				n--;
			planes = new FileInfo[n];
			for (int i = 0; i < n; i++) {
				planes[i] = (FileInfo) first.clone();
				planes[i].nImages = 1;
				planes[i].longOffset = first.getOffset() + i * (bytes + first.getGap());
			}
		}
		else planes = info;
		for (FileInfo p : planes) {
			p.fileName = name;
			p.directory = dir;
		}
		// the first plane alone gives the calibration and the description's dimensions
		FileInfo probe = (FileInfo) planes[0].clone();
		probe.nImages = 1;
		FileOpener opener = new FileOpener(probe);
		ImagePlus one = opener.openImage();
		if (one == null) return null;
		Properties props = opener.decodeDescriptionString((FileInfo) first.clone());
		FileInfoVirtualStack stack = new FileInfoVirtualStack(planes);
		ImagePlus imp = new ImagePlus(name, stack);
		imp.setCalibration(one.getCalibration());
		FileInfo original = (FileInfo) first.clone();
		original.fileName = name;
		original.directory = dir;
		imp.setFileInfo(original);
		if (props != null) {
			int c = intProperty(props, "channels"), z = intProperty(props, "slices"), t = intProperty(props, "frames");
			if ((long) c * z * t == planes.length) imp.setDimensions(c, z, t);
		}
		return imp;
	}

	private static int intProperty(Properties props, String key) {
		String s = props.getProperty(key);
		if (s == null) return 1;
		try {
			return (int) Double.parseDouble(s);
		} catch (NumberFormatException e) {
			return 1;
		}
	}
}
