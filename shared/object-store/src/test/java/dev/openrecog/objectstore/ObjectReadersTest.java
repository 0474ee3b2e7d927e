package dev.openrecog.objectstore;

import com.adobe.testing.s3mock.S3MockApplication;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectLocation.Scheme;
import dev.openrecog.domain.ObjectReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading objects through the S3 API (S3Mock in process, standing in for S3 and OSS) and from a local folder. */
class ObjectReadersTest {
    private static S3MockApplication s3mock;
    private static Supplier<S3Client> client;

    @BeforeAll
    static void startS3Mock() {
        // S3Mock edits the map it is given.
        s3mock = S3MockApplication.start(new HashMap<>(Map.of(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
            S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT, S3MockApplication.PROP_SILENT, true)));
        client = () -> ObjectReaders.client(Region.US_EAST_1, "http://127.0.0.1:" + s3mock.getHttpPort(), true,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        S3Client s3 = client.get();
        s3.createBucket(r -> r.bucket("photos"));
        s3.putObject(r -> r.bucket("photos").key("dir/a b.jpg"), RequestBody.fromString("jpeg bytes"));
        s3.putObject(r -> r.bucket("photos").key("big.bin"), RequestBody.fromBytes(new byte[4096]));
    }

    @AfterAll
    static void stopS3Mock() {
        s3mock.stop();
    }

    @Test
    void bothSchemesReadThroughTheS3Api() {
        ObjectReader reader = new S3ObjectReader(Map.of(Scheme.S3, client, Scheme.OSS, client));
        assertArrayEquals("jpeg bytes".getBytes(StandardCharsets.UTF_8),
            reader.read(ObjectLocation.parse("SourceURI", "s3://photos/dir/a b.jpg"), 1024));
        assertArrayEquals("jpeg bytes".getBytes(StandardCharsets.UTF_8),
            reader.read(ObjectLocation.fromEvent(Scheme.OSS, "photos", "dir/a+b.jpg"), 1024));
    }

    @Test
    void missingTooLargeAndUnconfiguredObjectsAreTold() {
        ObjectReader reader = new S3ObjectReader(Map.of(Scheme.S3, client));
        ApiException missing = assertThrows(ApiException.class,
            () -> reader.read(ObjectLocation.parse("SourceURI", "s3://photos/nope.jpg"), 1024));
        assertEquals("ObjectNotFound", missing.errorCode().code());
        ApiException noBucket = assertThrows(ApiException.class,
            () -> reader.read(ObjectLocation.parse("SourceURI", "s3://no-such-bucket/a.jpg"), 1024));
        assertEquals("ObjectNotFound", noBucket.errorCode().code());
        ApiException large = assertThrows(ApiException.class,
            () -> reader.read(ObjectLocation.parse("SourceURI", "s3://photos/big.bin"), 4095));
        assertTrue(large.getMessage().contains("larger than 4095 bytes"), large.getMessage());
        assertEquals(4096, reader.read(ObjectLocation.parse("SourceURI", "s3://photos/big.bin"), 4096).length);
        ApiException oss = assertThrows(ApiException.class,
            () -> reader.read(ObjectLocation.parse("SourceURI", "oss://photos/dir/a.jpg"), 1024));
        assertTrue(oss.getMessage().contains("oss://"), oss.getMessage());
    }

    @Test
    void objectUrisAreChecked() {
        for (String bad : new String[]{"http://photos/a.jpg", "oss://photos", "oss://photos/", "oss://UPPER/a.jpg",
            "s3://a/b.jpg", "photos/a.jpg", "oss://bad_bucket/a.jpg"}) {
            ApiException e = assertThrows(ApiException.class, () -> ObjectLocation.parse("SourceURI", bad), bad);
            assertEquals("InvalidParameter", e.errorCode().code());
            assertTrue(e.getMessage().contains("SourceURI"), e.getMessage());
        }
    }

    @Test
    void aLocalFolderServesBothSchemesAndKeepsKeysInsideTheirBucket(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("photos/dir"));
        Files.writeString(root.resolve("photos/dir/a.jpg"), "local bytes");
        Files.writeString(root.resolve("secret.txt"), "outside");
        ObjectReader reader = ObjectReaders.fromEnvironment(Map.of("OPENRECOG_OBJECTS_DIR", root.toString()));
        assertArrayEquals("local bytes".getBytes(StandardCharsets.UTF_8),
            reader.read(ObjectLocation.parse("SourceURI", "oss://photos/dir/a.jpg"), 100));
        assertArrayEquals("local bytes".getBytes(StandardCharsets.UTF_8),
            reader.read(ObjectLocation.parse("SourceURI", "s3://photos/dir/a.jpg"), 100));
        assertEquals("InvalidParameter", assertThrows(ApiException.class,
            () -> reader.read(ObjectLocation.parse("SourceURI", "oss://photos/../secret.txt"), 100)).errorCode().code());
        assertEquals("ObjectNotFound", assertThrows(ApiException.class,
            () -> reader.read(ObjectLocation.parse("SourceURI", "oss://photos/dir"), 100)).errorCode().code());
        assertEquals("InvalidParameter", assertThrows(ApiException.class,
            () -> reader.read(ObjectLocation.parse("SourceURI", "oss://photos/dir/a.jpg"), 5)).errorCode().code());
    }
}
