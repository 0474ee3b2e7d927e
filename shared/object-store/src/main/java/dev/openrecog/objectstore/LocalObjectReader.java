package dev.openrecog.objectstore;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Objects in a local folder, for local mode: {@code oss://bucket/key} and {@code s3://bucket/key}
 * are both the file {@code <root>/<bucket>/<key>}.
 */
public final class LocalObjectReader implements ObjectReader {
    private static final int MAX_NAME_BYTES = 255;

    private final Path root;

    public LocalObjectReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The file that holds an object; a key cannot climb out of its bucket's folder. Keys that no
     * local file name can hold (a NUL, unmappable characters, a segment over the file system's 255
     * bytes) are refused here: object storage takes them, a local folder cannot.
     */
    public Path pathOf(ObjectLocation location) {
        Path bucket;
        Path file;
        try {
            bucket = root.resolve(location.bucket()).normalize();
            file = bucket.resolve(location.key()).normalize();
        } catch (InvalidPathException e) {
            throw notLocal(location);
        }
        if (!bucket.startsWith(root) || !file.startsWith(bucket) || file.equals(bucket)) {
            throw notLocal(location);
        }
        if (hasOverlongName(location.key())) {
            throw notLocal(location);
        }
        return file;
    }

    private static boolean hasOverlongName(String key) {
        for (String segment : key.split("/")) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return true;
            }
        }
        return false;
    }

    private static ApiException notLocal(ObjectLocation location) {
        return ApiException.invalidParameter("The object key '" + ApiException.abbreviate(location.key())
            + "' cannot be stored in the local object folder (local file names take no NUL, no unmappable characters "
            + "and at most " + MAX_NAME_BYTES + " bytes between slashes).");
    }

    @Override
    public byte[] read(ObjectLocation location, long maxBytes) {
        if (hasOverlongName(location.key())) {
            // A valid key in object storage; no local file can have that name, so no such object is here.
            throw new ApiException(ErrorCode.OBJECT_NOT_FOUND, "The object " + location + " does not exist.");
        }
        Path file = pathOf(location);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw ApiException.invalidParameter("The object " + location + " is larger than " + maxBytes + " bytes.");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ApiException(ErrorCode.OBJECT_NOT_FOUND, "The object " + location + " does not exist.");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new ApiException(ErrorCode.OBJECT_NOT_FOUND, "The object " + location + " does not exist.");
            }
            throw new UncheckedIOException("Reading " + location + " failed", e);
        }
    }
}
