package dev.openrecog.functiontests;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.EventOrder;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.store.dynamodb.DynamoDbLabelResultStore;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import dev.openrecog.store.dynamodb.RecognitionTable;
import dev.openrecog.vision.recognition.VisionRecognizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.openrecog.domain.Algorithm.FACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in events/ is fed to the handler it belongs to, so no event there can rot: each must
 * succeed and do what its operation promises. HTTP events ({@code lambda-http-v2.json},
 * {@code fc-http.json}) may name records with ${LibId}-style placeholders, created first for the
 * tenant the event names; upload events ({@code s3-*.json} on Lambda, {@code oss-*.json} on FC)
 * name objects in the bucket {@value #BUCKET}, which the local object folder (OPENRECOG_OBJECTS_DIR)
 * serves for both schemes: {@code uploads/dog.jpg}, {@code uploads/notes.txt} and {@code uploads/alice-zhang.jpg}
 * (face-api's {@code demo/sample1.jpg}, three people), whose largest face is the fixture sample of Alice Zhang.
 * Reading through the S3 API is proven in the object store's own tests.
 */
class EventFilesTest {
    static final String TABLE = "openrecog-function-tests";
    static final String BUCKET = "openrecog-photos";
    static final String FC_ACCOUNT = "1234567890123456";
    static final Path PHOTOS = Path.of("/usr/share/darknet/data");

    static DynamoDbRecognitionStore store;
    static DynamoDbLabelResultStore results;
    /** The features of Alice Zhang's face, as CreateRecognitionSample stores them. */
    static byte[] aliceFeatures;

    @BeforeAll
    static void backends() throws IOException {
        DynamoDbLocal database = sharedDatabase();
        RecognitionTable.createIfMissing(database.client(), TABLE);
        store = new DynamoDbRecognitionStore(database.client(), TABLE);
        results = new DynamoDbLabelResultStore(database.client(), TABLE);
        Path uploads = Path.of(System.getProperty("openrecog.objects")).resolve(BUCKET).resolve("uploads");
        Files.createDirectories(uploads);
        Files.copy(PHOTOS.resolve("dog.jpg"), uploads.resolve("dog.jpg"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(uploads.resolve("notes.txt"), "not a picture");
        // face-api's demo photos are installed by tools/model-converter/setup.sh.
        Path alice = Files.copy(Path.of(System.getProperty("openrecog.faceapi.demo"), "sample1.jpg"),
            uploads.resolve("alice-zhang.jpg"), StandardCopyOption.REPLACE_EXISTING);
        try (VisionRecognizer recognizer = VisionRecognizer.builtIn()) {
            aliceFeatures = recognizer.imageFeatures(FACE, Files.readAllBytes(alice));
        }
    }

    /** The DynamoDB Local the handlers were told about through OPENRECOG_DYNAMODB_ENDPOINT. */
    static synchronized DynamoDbLocal sharedDatabase() {
        if (Holder.database == null) {
            Holder.database = DynamoDbLocal.inMemoryOnPort(Integer.getInteger("dynamodb.port"));
            Runtime.getRuntime().addShutdownHook(new Thread(Holder.database::close));
        }
        return Holder.database;
    }

    private static final class Holder {
        static DynamoDbLocal database;
    }

    @TestFactory
    Stream<DynamicTest> everyEventFileSucceedsOnItsHandler() throws IOException {
        Path events = Path.of(System.getProperty("openrecog.events"));
        List<String> functions;
        try (Stream<Path> list = Files.list(events.resolveSibling("functions"))) {
            functions = list.filter(dir -> Files.exists(dir.resolve("pom.xml"))).map(dir -> dir.getFileName().toString())
                .sorted().collect(Collectors.toList());
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String function : functions) {
            List<Path> files;
            try (Stream<Path> list = Files.list(events.resolve(function))) {
                files = list.filter(file -> file.toString().endsWith(".json")).sorted().collect(Collectors.toList());
            }
            assertFalse(files.isEmpty(), "events/" + function + " has no event");
            for (Path file : files) {
                String name = file.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(function + "/" + name, () -> {
                    String text = Files.readString(file);
                    if (name.equals("lambda-http-v2.json") || name.equals("fc-http.json")) {
                        replayHttp(function, name.startsWith("lambda") ? "lambda" : "fc", text);
                    } else if (name.startsWith("s3-") || name.startsWith("oss-")) {
                        replayUpload(function, name, text);
                    } else {
                        throw new AssertionError("events/" + function + "/" + name + " is neither an HTTP nor an upload event");
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static void replayHttp(String function, String provider, String template) throws Exception {
        Map<String, Object> event = JSON.std.mapFrom(template);
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        String tenantId = provider.equals("fc") ? (String) context.get("accountId")
            : (String) ((Map<?, ?>) ((Map<?, ?>) context.get("authorizer")).get("iam")).get("accountId");
        Tenant tenant = Tenant.of(tenantId);
        Library library = new Library(Ids.newId(), FACE, "fixture", null, System.currentTimeMillis());
        store.createLibrary(tenant, library, null);
        Entity entity = new Entity(library.libId(), Ids.newId(), "Alice Zhang", null, System.currentTimeMillis());
        store.createEntity(tenant, FACE, entity, null);
        Sample sample = new Sample(library.libId(), entity.entityId(), entity.name(), Ids.newId(),
            "oss://" + BUCKET + "/uploads/alice-zhang.jpg", null, System.currentTimeMillis()).withFeatures(aliceFeatures);
        store.createSample(tenant, FACE, sample, null);
        for (ObjectLocation.Scheme scheme : ObjectLocation.Scheme.values()) {
            // Older than every upload event in events/, which still labels the object after it.
            ObjectUpload fixture = new ObjectUpload(new ObjectLocation(scheme, BUCKET, "uploads/dog.jpg"), "fixture-" + Ids.newId(), 0,
                scheme == ObjectLocation.Scheme.S3 ? EventOrder.sequencer("0") : EventOrder.time(Instant.EPOCH));
            results.put(tenant, fixture, LabelResult.succeeded(fixture.location(), fixture.version(),
                List.of(new ImageLabel("狗", 3, "犬科动物", 0.9, 0.5, Language.ZH_HANS, "", List.of()),
                    new ImageLabel("Dog", 3, "Canine", 0.9, 0.5, Language.EN, "", List.of())), System.currentTimeMillis()));
        }
        String eventText = template.replace("${LibId}", library.libId())
            .replace("${EntityId}", entity.entityId())
            .replace("${SampleId}", sample.sampleId());

        Map<String, Object> response = Invoker.invoke(function, provider, eventText);

        assertEquals(200, response.get("statusCode"), String.valueOf(response.get("body")));
        assertEquals(false, response.get("isBase64Encoded"));
        Map<String, Object> body = Invoker.body(response);
        assertNotNull(body.get("RequestId"));
        switch (function) {
            case "create-recognition-lib":
                assertTrue(Ids.isWellFormed((String) body.get("LibId")), body.toString());
                break;
            case "create-recognition-entity":
                assertTrue(Ids.isWellFormed((String) body.get("EntityId")), body.toString());
                break;
            case "create-recognition-sample":
                assertTrue(Ids.isWellFormed((String) body.get("SampleId")), body.toString());
                break;
            case "list-recognition-libs":
            case "list-recognition-entities":
            case "list-recognition-samples":
                assertTrue(((Number) body.get("TotalCount")).longValue() >= 1, body.toString());
                break;
            case "delete-recognition-lib":
                assertTrue(store.findLibrary(tenant, FACE, library.libId()).isEmpty());
                break;
            case "delete-recognition-entity":
                assertTrue(store.findEntity(tenant, library.libId(), entity.entityId()).isEmpty());
                break;
            case "delete-recognition-sample":
                assertEquals(0, store.findEntity(tenant, library.libId(), entity.entityId()).orElseThrow().sampleCount());
                break;
            case "recognize-image":
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> matches = (List<Map<String, Object>>) ((Map<String, Object>) body.get("Matches")).get("Match");
                assertEquals(List.of(List.of(library.libId(), entity.entityId(), "Alice Zhang", sample.sampleId())),
                    matches.stream().map(match -> List.of(match.get("LibId"), match.get("EntityId"), match.get("EntityName"),
                        match.get("SampleId"))).collect(Collectors.toList()), "Alice Zhang, once among the three: " + body);
                break;
            case "rpc-gateway":
                assertFalse(body.containsKey("Code"), body.toString());
                break;
            case "detect-image-labels":
            case "get-image-labels":
                String labels = body.get("Labels").toString();
                assertTrue(labels.contains("狗") || labels.contains("Dog"), body.toString());
                break;
            default:
                throw new AssertionError("no expectation for events/" + function);
        }
    }

    /**
     * An upload event labels each image once and removes what it says was removed; a redelivery
     * changes nothing. The {@code *-removed} files come after the {@code *-created} ones.
     */
    private static void replayUpload(String function, String file, String event) throws Exception {
        assertEquals("image-upload-trigger", function);
        String provider = file.startsWith("s3-") ? "lambda" : "fc";
        Tenant tenant = Tenant.of(provider.equals("lambda") ? Invoker.LAMBDA_ACCOUNT : FC_ACCOUNT);
        ObjectLocation.Scheme scheme = provider.equals("lambda") ? ObjectLocation.Scheme.S3 : ObjectLocation.Scheme.OSS;
        ObjectLocation dog = new ObjectLocation(scheme, BUCKET, "uploads/dog.jpg");

        Map<String, Object> first = Invoker.invoke(function, provider, event);
        Map<String, Object> again = Invoker.invoke(function, provider, event);

        switch (file) {
            case "s3-object-created.json":
            case "oss-object-created.json":
                boolean removesOldCat = scheme == ObjectLocation.Scheme.S3;
                assertEquals(counts(1, 1, removesOldCat ? 1 : 0, 0), first);
                assertEquals(counts(0, 0, 0, removesOldCat ? 3 : 2), again);
                LabelResult labelled = results.latest(tenant, dog).orElseThrow();
                assertEquals(LabelResult.Status.SUCCEEDED, labelled.status());
                assertTrue(labelled.labels().stream().anyMatch(label -> label.name().equals("狗")), "dog.jpg has a dog");
                assertTrue(labelled.labels().stream().anyMatch(label -> label.name().equals("Dog")), "labels are stored in English too");
                LabelResult notes = results.latest(tenant, new ObjectLocation(scheme, BUCKET, "uploads/notes.txt")).orElseThrow();
                assertEquals(LabelResult.Status.FAILED, notes.status());
                assertEquals("InvalidParameter", notes.errorCode());
                break;
            case "s3-object-removed.json":
            case "oss-object-removed.json":
                assertEquals(counts(0, 0, 1, 1), first, "removed, and the late upload changes nothing");
                assertEquals(counts(0, 0, 0, 2), again);
                Map<String, Object> readBack = Invoker.invoke("get-image-labels", provider,
                    Files.readString(Path.of(System.getProperty("openrecog.events"), "get-image-labels",
                        provider.equals("lambda") ? "lambda-http-v2.json" : "fc-http.json")));
                assertEquals(404, readBack.get("statusCode"), String.valueOf(readBack.get("body")));
                assertEquals("LabelResultNotFound", Invoker.body(readBack).get("Code"));
                break;
            default:
                throw new AssertionError("no expectation for events/" + function + "/" + file);
        }
    }

    /** The upload function's answer: how many events labelled, failed, removed, or changed nothing. */
    static Map<String, Object> counts(int labelled, int failed, int removed, int unchanged) {
        return Map.of("labelled", labelled, "failed", failed, "removed", removed, "unchanged", unchanged);
    }
}
