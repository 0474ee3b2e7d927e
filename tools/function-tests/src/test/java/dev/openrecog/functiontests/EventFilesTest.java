package dev.openrecog.functiontests;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import dev.openrecog.store.dynamodb.RecognitionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * succeed and answer in the operation's shape. Records the events refer to (${LibId}, ...) are
 * created first for the tenant the event's platform context names.
 */
class EventFilesTest {
    static final String TABLE = "openrecog-function-tests";
    static DynamoDbRecognitionStore store;

    @BeforeAll
    static void database() {
        DynamoDbLocal database = sharedDatabase();
        RecognitionTable.createIfMissing(database.client(), TABLE);
        store = new DynamoDbRecognitionStore(database.client(), TABLE);
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
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> list = Files.list(events)) {
            dirs = list.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
        assertEquals(10, dirs.size(), "one folder of events per function");
        for (Path dir : dirs) {
            for (String provider : List.of("lambda", "fc")) {
                Path file = dir.resolve(provider.equals("lambda") ? "lambda-http-v2.json" : "fc-http.json");
                tests.add(DynamicTest.dynamicTest(dir.getFileName() + "/" + file.getFileName(),
                    () -> replay(dir.getFileName().toString(), provider, Files.readString(file))));
            }
        }
        return tests.stream();
    }

    private static void replay(String function, String provider, String template) throws Exception {
        Map<String, Object> event = JSON.std.mapFrom(template);
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        String tenantId = provider.equals("fc") ? (String) context.get("accountId")
            : (String) ((Map<?, ?>) ((Map<?, ?>) context.get("authorizer")).get("iam")).get("accountId");
        Tenant tenant = Tenant.of(tenantId);
        Library library = new Library(Ids.newId(), FACE, "fixture", null, System.currentTimeMillis());
        store.createLibrary(tenant, library);
        Entity entity = new Entity(library.libId(), Ids.newId(), "Alice Zhang", null, System.currentTimeMillis());
        store.createEntity(tenant, FACE, entity);
        Sample sample = new Sample(library.libId(), entity.entityId(), entity.name(), Ids.newId(),
            "https://example.com/images/alice-1.jpg", null, System.currentTimeMillis());
        store.createSample(tenant, FACE, sample);
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
            case "rpc-gateway":
                assertFalse(body.containsKey("Code"), body.toString());
                break;
            default:
                throw new AssertionError("no expectation for events/" + function);
        }
    }
}
