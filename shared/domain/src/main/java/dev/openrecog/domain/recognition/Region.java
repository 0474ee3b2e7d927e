package dev.openrecog.domain.recognition;

/** A box in an image, in pixels of the upright original: where a match or a detected object was found. */
public final class Region {
    private final int left;
    private final int top;
    private final int width;
    private final int height;

    public Region(int left, int top, int width, int height) {
        if (left < 0 || top < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("region " + left + "," + top + " " + width + "x" + height);
        }
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
    }

    public int left() {
        return left;
    }

    public int top() {
        return top;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public String toString() {
        return left + "," + top + " " + width + "x" + height;
    }
}
