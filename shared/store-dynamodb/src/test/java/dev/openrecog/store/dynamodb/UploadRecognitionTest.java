package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Backends;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.UploadLabeling;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.UploadRecognitionRules;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.objectstore.LocalObjectReader;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.recognition.VisionRecognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The upload trigger's recognition on DynamoDB Local with the real engine: an upload under a rule's bucket and
 * prefix is recognized against the rule's libraries, and GetImageLabels answers the matches with the labels.
 */
class UploadRecognitionTest {
    private static final Path DOG = Path.of("/usr/share/darknet/data/dog.jpg");
    private static final Tenant OWNER = Tenant.of("owner");
    private static final Tenant OTHER = Tenant.of("other");

    private static VisionRecognizer recognizer;
    private static VisionLabeler labeler;

    @TempDir
    Path objects;
    private Backends.Builder backends;
    private String libId;
    private String entityId;

    @BeforeAll
    static void engine() {
        assumeTrue(Files.isRegularFile(DOG), "darknet's photos are missing: apt-get install darknet");
        recognizer = VisionRecognizer.builtIn();
        labeler = VisionLabeler.fromEnvironment();
    }

    @AfterAll
    static void closeEngine() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    @BeforeEach
    void libraryWithTheBicycleFromDogJpg() throws IOException {
        DynamoDbClient client = DynamoDbLocal.shared().client();
        String table = "openrecog-" + UUID.randomUUID();
        RecognitionTable.createIfMissing(client, table);
        backends = Backends.builder()
            .store(new DynamoDbRecognitionStore(client, table))
            .labelResults(new DynamoDbLabelResultStore(client, table))
            .objects(new LocalObjectReader(objects))
            .fetcher(ImageUrlFetcher.fromEnvironment())
            .labeler(labeler)
            .recognizer(recognizer);
        put("uploads/incoming/dog.jpg", Files.readAllBytes(DOG));
        put("uploads/elsewhere/dog.jpg", Files.readAllBytes(DOG));
        BufferedImage photo = ImageIO.read(DOG.toFile());
        Path crop = objects.resolve("samples/bicycle.jpg");
        Files.createDirectories(crop.getParent());
        ImageIO.write(photo.getSubimage(100, 100, 500, 350), "jpg", crop.toFile());

        libId = call(OWNER, Action.CREATE_RECOGNITION_LIB, Map.of("Algorithm", "object", "LibName", "bikes")).get("LibId").toString();
        entityId = call(OWNER, Action.CREATE_RECOGNITION_ENTITY, Map.of("Algorithm", "object", "LibId", libId,
            "EntityName", "my bicycle")).get("EntityId").toString();
        call(OWNER, Action.CREATE_RECOGNITION_SAMPLE, Map.of("Algorithm", "object", "LibId", libId, "EntityId", entityId,
            "ImageUrl", "oss://samples/bicycle.jpg"));
    }

    @Test
    void anUploadUnderARuleIsRecognizedAndReadBackWithItsLabels() {
        UploadLabeling trigger = trigger("uploads/incoming/=object:" + libId);
        trigger.process(OWNER, upload("uploads/incoming/dog.jpg"));

        Map<String, Object> answer = call(OWNER, Action.GET_IMAGE_LABELS, Map.of("SourceURI", "oss://uploads/incoming/dog.jpg",
            "Language", "en"));
        assertEquals("SUCCEEDED", answer.get("Status"));
        assertTrue(answer.get("Labels").toString().contains("LabelName=Dog"), answer.toString());
        List<?> matches = (List<?>) ((Map<?, ?>) answer.get("Matches")).get("Match");
        assertEquals(1, matches.size(), answer.toString());
        Map<?, ?> match = (Map<?, ?>) matches.get(0);
        assertEquals(libId, match.get("LibId"));
        assertEquals(entityId, match.get("EntityId"));
        assertEquals("my bicycle", match.get("EntityName"));
        assertTrue((Double) match.get("Score") >= 0.5, match.toString());
        Map<?, ?> box = (Map<?, ?>) match.get("Boundary");
        // the crop was cut at 100,100 500x350
        assertEquals(100, (Integer) box.get("Left"), 25);
        assertEquals(100, (Integer) box.get("Top"), 25);
        assertEquals(500, (Integer) box.get("Width"), 40);
        assertEquals(350, (Integer) box.get("Height"), 40);
    }

    @Test
    void anUploadNoRuleCoversIsOnlyLabelled() {
        trigger("uploads/incoming/=object:" + libId).process(OWNER, upload("uploads/elsewhere/dog.jpg"));

        LabelResult result = backends.build().labelResults().latest(OWNER, location("uploads/elsewhere/dog.jpg")).orElseThrow();
        assertFalse(result.labels().isEmpty());
        assertEquals(List.of(), result.matches());
    }

    @Test
    void aDeletedLibraryOrAnotherTenantsLibraryMatchesNothingAndTheLabelsAreStillStored() {
        UploadLabeling trigger = trigger("uploads/incoming/=object:" + libId);
        trigger.process(OTHER, upload("uploads/incoming/dog.jpg"));
        LabelResult others = backends.build().labelResults().latest(OTHER, location("uploads/incoming/dog.jpg")).orElseThrow();
        assertEquals(LabelResult.Status.SUCCEEDED, others.status());
        assertEquals(List.of(), others.matches());

        trigger.process(OWNER, upload("uploads/incoming/dog.jpg"));
        assertEquals(1, matches(OWNER).size());
        call(OWNER, Action.DELETE_RECOGNITION_LIB, Map.of("Algorithm", "object", "LibId", libId));
        trigger.process(OWNER, new ObjectUpload(location("uploads/incoming/dog.jpg"), "v2", size()));
        LabelResult afterDeletion = backends.build().labelResults().latest(OWNER, location("uploads/incoming/dog.jpg")).orElseThrow();
        assertEquals("v2", afterDeletion.version());
        assertFalse(afterDeletion.labels().isEmpty());
        assertEquals(List.of(), afterDeletion.matches());
    }

    private List<RecognitionMatch> matches(Tenant tenant) {
        return backends.build().labelResults().latest(tenant, location("uploads/incoming/dog.jpg")).orElseThrow().matches();
    }

    private UploadLabeling trigger(String rules) {
        return new UploadLabeling(backends.uploadRecognition(UploadRecognitionRules.parse(rules)).build());
    }

    private Map<String, Object> call(Tenant tenant, Action action, Map<String, String> params) {
        return action.on(backends.build()).invoke(tenant, new Params(params));
    }

    private ObjectUpload upload(String key) {
        return new ObjectUpload(location(key), "v1", size());
    }

    private static long size() {
        try {
            return Files.size(DOG);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectLocation location(String key) {
        return ObjectLocation.parse("SourceURI", "oss://" + key);
    }

    private void put(String key, byte[] bytes) throws IOException {
        Path path = objects.resolve(key);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
    }
}
