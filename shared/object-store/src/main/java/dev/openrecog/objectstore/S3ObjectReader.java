package dev.openrecog.objectstore;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectReader;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads oss:// and s3:// objects with the S3 API, which OSS also speaks. Each scheme has its own
 * client (endpoint and credentials), built on first use so a function that never reads a scheme
 * never pays for its client.
 */
public final class S3ObjectReader implements ObjectReader {
    private final Map<ObjectLocation.Scheme, Lazy> clients = new EnumMap<>(ObjectLocation.Scheme.class);

    /** @param clients a client factory per scheme; a scheme without one is refused with a clear error */
    public S3ObjectReader(Map<ObjectLocation.Scheme, Supplier<S3Client>> clients) {
        clients.forEach((scheme, factory) -> this.clients.put(scheme, new Lazy(factory)));
    }

    @Override
    public byte[] read(ObjectLocation location, long maxBytes) {
        Lazy client = clients.get(location.scheme());
        if (client == null) {
            throw ApiException.invalidParameter("This deployment is not configured to read " + location.scheme().name().toLowerCase()
                + ":// objects.");
        }
        try (ResponseInputStream<GetObjectResponse> object = client.get()
            .getObject(r -> r.bucket(location.bucket()).key(location.key()))) {
            Long length = object.response().contentLength();
            if (length != null && length > maxBytes) {
                object.abort();
                throw tooLarge(location, maxBytes);
            }
            byte[] bytes = object.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                object.abort();
                throw tooLarge(location, maxBytes);
            }
            return bytes;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ApiException(ErrorCode.OBJECT_NOT_FOUND, "The object " + location + " does not exist.");
            }
            if (e.statusCode() == 403) {
                throw new ApiException(ErrorCode.OBJECT_ACCESS_DENIED, "This service may not read " + location + ".");
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + location + " failed", e);
        }
    }

    private static ApiException tooLarge(ObjectLocation location, long maxBytes) {
        return ApiException.invalidParameter("The object " + location + " is larger than " + maxBytes + " bytes.");
    }

    private static final class Lazy {
        private final Supplier<S3Client> factory;
        private volatile S3Client client;

        Lazy(Supplier<S3Client> factory) {
            this.factory = factory;
        }

        S3Client get() {
            S3Client current = client;
            if (current == null) {
                synchronized (this) {
                    if (client == null) {
                        client = factory.get();
                    }
                    current = client;
                }
            }
            return current;
        }
    }
}
