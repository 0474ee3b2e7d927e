package dev.openrecog.domain;

/** Reads objects from object storage (OSS, S3, or a local folder). */
public interface ObjectReader {
    /**
     * Reads a whole object, refusing to read more than {@code maxBytes}.
     *
     * @throws ApiException ObjectNotFound, ObjectAccessDenied, or InvalidParameter when the object is larger than maxBytes
     */
    byte[] read(ObjectLocation location, long maxBytes);
}
