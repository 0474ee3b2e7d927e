package dev.openrecog.objectstore;

import dev.openrecog.domain.ObjectLocation.Scheme;
import dev.openrecog.domain.ObjectReader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the object reader a function runs with, from its environment.
 * <ul>
 * <li>{@code OPENRECOG_OBJECTS_DIR}: local mode, every object is a file under this folder.</li>
 * <li>s3://: the AWS S3 API in {@code OPENRECOG_S3_REGION} or {@code AWS_REGION}, with the SDK's default
 * credentials; {@code OPENRECOG_S3_ENDPOINT} and {@code OPENRECOG_S3_PATH_STYLE=true} for an S3-compatible store.</li>
 * <li>oss://: OSS through its S3-compatible endpoint {@code OPENRECOG_OSS_ENDPOINT} (for example
 * {@code https://s3.oss-cn-hangzhou-internal.aliyuncs.com}) signed for {@code OPENRECOG_OSS_REGION}, with
 * {@code OPENRECOG_OSS_ACCESS_KEY_ID}/{@code _SECRET}/{@code _SECURITY_TOKEN} or, on FC, the function role's
 * {@code ALIBABA_CLOUD_ACCESS_KEY_ID}/{@code _SECRET}/{@code ALIBABA_CLOUD_SECURITY_TOKEN};
 * {@code OPENRECOG_OSS_PATH_STYLE=true} only for an S3 emulator standing in for OSS (OSS itself wants virtual-hosted buckets).</li>
 * </ul>
 */
public final class ObjectReaders {
    private ObjectReaders() {
    }

    public static ObjectReader fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static ObjectReader fromEnvironment(Map<String, String> env) {
        String localDir = blankToNull(env.get("OPENRECOG_OBJECTS_DIR"));
        if (localDir != null) {
            return new LocalObjectReader(Path.of(localDir));
        }
        Map<Scheme, Supplier<S3Client>> clients = new EnumMap<>(Scheme.class);
        String s3Region = firstOf(env.get("OPENRECOG_S3_REGION"), env.get("AWS_REGION"));
        if (s3Region != null) {
            clients.put(Scheme.S3, () -> client(Region.of(s3Region), blankToNull(env.get("OPENRECOG_S3_ENDPOINT")),
                "true".equalsIgnoreCase(env.get("OPENRECOG_S3_PATH_STYLE")), DefaultCredentialsProvider.builder().build()));
        }
        String ossEndpoint = blankToNull(env.get("OPENRECOG_OSS_ENDPOINT"));
        String ossRegion = blankToNull(env.get("OPENRECOG_OSS_REGION"));
        if (ossEndpoint != null && ossRegion != null) {
            AwsCredentialsProvider credentials = ossCredentials(env);
            clients.put(Scheme.OSS, () -> client(Region.of(ossRegion), ossEndpoint,
                "true".equalsIgnoreCase(env.get("OPENRECOG_OSS_PATH_STYLE")), credentials));
        }
        return new S3ObjectReader(clients);
    }

    private static AwsCredentialsProvider ossCredentials(Map<String, String> env) {
        boolean own = blankToNull(env.get("OPENRECOG_OSS_ACCESS_KEY_ID")) != null;
        String prefix = own ? "OPENRECOG_OSS_" : "ALIBABA_CLOUD_";
        String id = env.get(prefix + "ACCESS_KEY_ID");
        String secret = env.get(prefix + "ACCESS_KEY_SECRET");
        String token = blankToNull(env.get(own ? "OPENRECOG_OSS_SECURITY_TOKEN" : "ALIBABA_CLOUD_SECURITY_TOKEN"));
        if (blankToNull(id) == null || blankToNull(secret) == null) {
            throw new IllegalStateException("oss:// needs OPENRECOG_OSS_ACCESS_KEY_ID and OPENRECOG_OSS_ACCESS_KEY_SECRET, "
                + "or a function role (ALIBABA_CLOUD_ACCESS_KEY_ID ...)");
        }
        return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(id, secret)
            : AwsSessionCredentials.create(id, secret, token));
    }

    /** An S3 client as OSS needs it too: no chunked uploads, virtual-hosted buckets unless told otherwise. */
    static S3Client client(Region region, String endpoint, boolean pathStyle, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(region)
            .credentialsProvider(credentials)
            .forcePathStyle(pathStyle)
            .serviceConfiguration(c -> c.chunkedEncodingEnabled(false));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static String firstOf(String first, String second) {
        return blankToNull(first) != null ? first : blankToNull(second);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
