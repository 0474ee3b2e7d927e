package dev.openrecog.vision.image;

/** What {@link ImageDecoder#probe(byte[])} learns from an image's headers, within the limits, decoding no pixel. */
public final class ImageInfo {
    private final ImageFormat format;
    private final int width;
    private final int height;
    private final int orientation;

    ImageInfo(ImageFormat format, int width, int height, int orientation) {
        this.format = format;
        this.width = width;
        this.height = height;
        this.orientation = orientation;
    }

    public ImageFormat format() {
        return format;
    }

    /** Width of the upright image (EXIF orientation applied). */
    public int width() {
        return width;
    }

    /** Height of the upright image (EXIF orientation applied). */
    public int height() {
        return height;
    }

    /** The EXIF orientation (1..8), 1 when there is none. */
    public int orientation() {
        return orientation;
    }

    @Override
    public String toString() {
        return "ImageInfo[" + format + " " + width + "x" + height + (orientation != 1 ? ", orientation "
                + orientation : "") + "]";
    }
}
