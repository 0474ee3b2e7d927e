package dev.openrecog.objectstore;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Objects in a local folder, for local mode: {@code oss://bucket/key} and {@code s3://bucket/key}
 * are both the file {@code <root>/<bucket>/<key>}.
 */
public final class LocalObjectReader implements ObjectReader {
    private final Path root;

    public LocalObjectReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The file that holds an object; a key cannot climb out of its bucket's folder. */
    public Path pathOf(ObjectLocation location) {
        Path bucket = root.resolve(location.bucket()).normalize();
        Path file = bucket.resolve(location.key()).normalize();
        if (!bucket.startsWith(root) || !file.startsWith(bucket) || file.equals(bucket)) {
            throw ApiException.invalidParameter("The object key '" + location.key() + "' is not a valid key.");
        }
        return file;
    }

    @Override
    public byte[] read(ObjectLocation location, long maxBytes) {
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
