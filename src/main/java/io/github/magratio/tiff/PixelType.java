package io.github.magratio.tiff;

/**
 * The grey sample types the reader decodes: {@code BitsPerSample} with {@code SampleFormat} (1 unsigned, 2 signed
 * two's complement, 3 IEEE float). Each plane is read into the Java array of {@link #arrayClass()}: signed and unsigned
 * 16-bit both into {@code short[]} (the bits as stored; unsigned values are {@code s & 0xffff}), 32-bit integers into
 * {@code int[]} (unsigned values are {@code i & 0xffffffffL}).
 */
public enum PixelType {
	/** 8-bit unsigned, {@code byte[]}. */
	UINT8(1, false, false, byte[].class),
	/** 16-bit unsigned, {@code short[]}. */
	UINT16(2, false, false, short[].class),
	/** 16-bit signed (two's complement), {@code short[]}. */
	INT16(2, true, false, short[].class),
	/** 32-bit unsigned, {@code int[]}. */
	UINT32(4, false, false, int[].class),
	/** 32-bit signed, {@code int[]}. */
	INT32(4, true, false, int[].class),
	/** 32-bit IEEE float, {@code float[]}. */
	FLOAT32(4, true, true, float[].class);

	private final int bytes;
	private final boolean signed;
	private final boolean floating;
	private final Class<?> arrayClass;

	PixelType(int bytes, boolean signed, boolean floating, Class<?> arrayClass) {
		this.bytes = bytes;
		this.signed = signed;
		this.floating = floating;
		this.arrayClass = arrayClass;
	}

	/** @return bytes per sample */
	public int bytes() {
		return bytes;
	}

	/** @return bits per sample */
	public int bits() {
		return 8 * bytes;
	}

	/** @return true for signed integers and floats */
	public boolean signed() {
		return signed;
	}

	/** @return true for IEEE float */
	public boolean floating() {
		return floating;
	}

	/** @return the array type a plane is read into */
	public Class<?> arrayClass() {
		return arrayClass;
	}

	/** @return a new array for one plane of {@code pixels} samples */
	public Object newArray(int pixels) {
		switch (this) {
			case UINT8:
				return new byte[pixels];
			case UINT16:
			case INT16:
				return new short[pixels];
			case UINT32:
			case INT32:
				return new int[pixels];
			default:
				return new float[pixels];
		}
	}

	/** @return e.g. "16-bit unsigned" */
	public String describe() {
		return bits() + "-bit " + (floating ? "float" : signed ? "signed" : "unsigned");
	}
}
