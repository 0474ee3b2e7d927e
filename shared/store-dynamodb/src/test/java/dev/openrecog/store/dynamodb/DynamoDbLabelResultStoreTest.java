package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.Tenant;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upload results on DynamoDB Local: one result per object version, the newest readable in one call. */
class DynamoDbLabelResultStoreTest {
    private static final Tenant TENANT = Tenant.of("tenant-a");
    private static final ObjectLocation PHOTO = ObjectLocation.parse("SourceURI", "oss://photos/2026/#1 dog.jpg");

    private DynamoDbLabelResultStore store;

    @BeforeEach
    void freshTable() {
        DynamoDbClient client = DynamoDbLocal.shared().client();
        String table = "openrecog-" + UUID.randomUUID();
        RecognitionTable.createIfMissing(client, table);
        store = new DynamoDbLabelResultStore(client, table);
    }

    @Test
    void aRedeliveredVersionKeepsTheFirstResult() {
        store.put(TENANT, LabelResult.succeeded(PHOTO, "etag-1", List.of(dog()), 1000));
        assertTrue(store.contains(TENANT, PHOTO, "etag-1"));
        store.put(TENANT, LabelResult.succeeded(PHOTO, "etag-1", List.of(), 2000));

        LabelResult latest = store.latest(TENANT, PHOTO).orElseThrow();
        assertEquals("etag-1", latest.version());
        assertEquals(1000, latest.processedAt());
        ImageLabel label = latest.labels().get(0);
        assertEquals("狗", label.name());
        assertEquals("犬科动物", label.parentName());
        assertEquals(3, label.level());
        assertEquals(0.91, label.confidence());
        assertEquals(Language.ZH_HANS, label.language());
        ImageLabel.Instance box = label.instances().get(0);
        assertEquals(List.of(120, 220, 200, 310), List.of(box.left(), box.top(), box.width(), box.height()));
    }

    @Test
    void aNewVersionBecomesTheLatestAndFailuresAreKept() {
        store.put(TENANT, LabelResult.succeeded(PHOTO, "v1", List.of(dog()), 1000));
        store.put(TENANT, LabelResult.failed(PHOTO, "v2", ApiException.invalidParameter("The image is truncated or corrupt."), 2000));

        LabelResult latest = store.latest(TENANT, PHOTO).orElseThrow();
        assertEquals("v2", latest.version());
        assertEquals(LabelResult.Status.FAILED, latest.status());
        assertEquals("InvalidParameter", latest.errorCode());
        assertEquals("The image is truncated or corrupt.", latest.errorMessage());
        assertTrue(latest.labels().isEmpty());
    }

    @Test
    void resultsBelongToOneTenantAndOneObject() {
        store.put(TENANT, LabelResult.succeeded(PHOTO, "v1", List.of(dog()), 1000));
        assertTrue(store.latest(Tenant.of("tenant-b"), PHOTO).isEmpty());
        assertFalse(store.contains(Tenant.of("tenant-b"), PHOTO, "v1"));
        assertTrue(store.latest(TENANT, ObjectLocation.parse("SourceURI", "s3://photos/2026/#1 dog.jpg")).isEmpty());
        assertTrue(store.latest(TENANT, ObjectLocation.parse("SourceURI", "oss://photos/2026/#1 dog.jpg.bak")).isEmpty());
    }

    private static ImageLabel dog() {
        return new ImageLabel("狗", 3, "犬科动物", 0.91, 0.62, Language.ZH_HANS, "犬",
            List.of(new ImageLabel.Instance(120, 220, 200, 310, 0.91)));
    }
}
