package io.github.magratio.trackmate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a TrackMate XML file that MagRatio writes and reads: spots (with optional outlines), the edges between
 * them grouped into tracks, the visible (filtered) tracks, the image it was made on, and the declarations of the spot
 * features. Positions are in physical units ({@link ImageData#pixelWidth} per pixel, pixel-centred: pixel x is at
 * {@code x * pixelWidth}); outlines are relative to their spot's position, also in physical units. Immutable.
 */
public final class TrackMateModel {

	/** One spot: a cell in one frame. */
	public static final class Spot {
		/** TrackMate's spot ID (unique in the file). */
		public final int id;
		/** The frame, 0-based. */
		public final int frame;
		/** Position, physical units. */
		public final double x, y;
		/** Radius, physical units. */
		public final double radius;
		/** The spot's name (may be empty). */
		public final String name;
		/** Outline vertices relative to (x, y), physical units; null when the spot has none. */
		public final double[] roiX, roiY;
		/** Every numeric feature of the spot by key, including POSITION_X, FRAME, ... as written in the file. */
		public final Map<String, Double> features;

		/** A spot; the arrays and map are copied. */
		public Spot(int id, int frame, double x, double y, double radius, String name, double[] roiX, double[] roiY,
			Map<String, Double> features)
		{
			this.id = id;
			this.frame = frame;
			this.x = x;
			this.y = y;
			this.radius = radius;
			this.name = name == null ? "" : name;
			this.roiX = roiX == null ? null : roiX.clone();
			this.roiY = roiY == null ? null : roiY.clone();
			this.features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
		}

		/** @return a feature's value, NaN when the spot has none */
		public double feature(String key) {
			Double v = features.get(key);
			return v == null ? Double.NaN : v;
		}
	}

	/** A link from a spot to a later one. */
	public static final class Edge {
		/** Spot IDs: source (earlier frame) and target. */
		public final int source, target;
		/** TrackMate's LINK_COST (NaN when absent). */
		public final double cost;

		/** An edge. */
		public Edge(int source, int target, double cost) {
			this.source = source;
			this.target = target;
			this.cost = cost;
		}
	}

	/** A track: one connected set of edges. */
	public static final class Track {
		/** TrackMate's TRACK_ID. */
		public final int id;
		/** Its name. */
		public final String name;
		/** Its edges. */
		public final List<Edge> edges;

		/** A track; the list is copied. */
		public Track(int id, String name, List<Edge> edges) {
			this.id = id;
			this.name = name;
			this.edges = Collections.unmodifiableList(new java.util.ArrayList<>(edges));
		}
	}

	/** A spot feature's declaration: key, names and TrackMate dimension (NONE, INTENSITY, POSITION, ...). */
	public static final class Feature {
		/** Key (e.g. MG_MM), name, short name, TrackMate dimension. */
		public final String key, name, shortName, dimension;
		/** Integer-valued. */
		public final boolean isInt;

		/** A declaration. */
		public Feature(String key, String name, String shortName, String dimension, boolean isInt) {
			this.key = key;
			this.name = name;
			this.shortName = shortName;
			this.dimension = dimension;
			this.isInt = isInt;
		}
	}

	/** The image a file was made on ({@code Settings/ImageData}). */
	public static final class ImageData {
		/** File name and folder (may be empty). */
		public final String filename, folder;
		/** Size in pixels, slices and frames. */
		public final int width, height, slices, frames;
		/** Pixel size (physical units), voxel depth, time interval (time units). */
		public final double pixelWidth, pixelHeight, voxelDepth, timeInterval;

		/** Image data. */
		public ImageData(String filename, String folder, int width, int height, int slices, int frames, double pixelWidth,
			double pixelHeight, double voxelDepth, double timeInterval)
		{
			this.filename = filename == null ? "" : filename;
			this.folder = folder == null ? "" : folder;
			this.width = width;
			this.height = height;
			this.slices = slices;
			this.frames = frames;
			this.pixelWidth = pixelWidth;
			this.pixelHeight = pixelHeight;
			this.voxelDepth = voxelDepth;
			this.timeInterval = timeInterval;
		}
	}

	/** The TrackMate version the file states. */
	public final String version;
	/** Physical units of space and time. */
	public final String spatialUnits, timeUnits;
	/** The spot features declared (TrackMate's own and custom ones). */
	public final List<Feature> spotFeatures;
	/** Every spot, in file order. */
	public final List<Spot> spots;
	/** Every track. */
	public final List<Track> tracks;
	/** The TRACK_IDs of the visible tracks. */
	public final List<Integer> filteredTrackIds;
	/** The image. */
	public final ImageData image;

	/** A model; the lists are copied. */
	public TrackMateModel(String version, String spatialUnits, String timeUnits, List<Feature> spotFeatures,
		List<Spot> spots, List<Track> tracks, List<Integer> filteredTrackIds, ImageData image)
	{
		this.version = version;
		this.spatialUnits = spatialUnits;
		this.timeUnits = timeUnits;
		this.spotFeatures = Collections.unmodifiableList(new java.util.ArrayList<>(spotFeatures));
		this.spots = Collections.unmodifiableList(new java.util.ArrayList<>(spots));
		this.tracks = Collections.unmodifiableList(new java.util.ArrayList<>(tracks));
		this.filteredTrackIds = Collections.unmodifiableList(new java.util.ArrayList<>(filteredTrackIds));
		this.image = image;
	}
}
