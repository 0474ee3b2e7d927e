package dev.openrecog.hostile;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ImageLabeler;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.UploadLabeling;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.objectstore.LocalObjectReader;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.HttpResponse;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.rpc.auth.Authentication;
import dev.openrecog.store.dynamodb.DynamoDbLabelResultStore;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import dev.openrecog.store.dynamodb.RecognitionTable;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.recognition.VisionRecognizer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * openrecog in this JVM as a gateway-authenticated deployment runs it: the real RPC endpoint over a
 * fresh table on DynamoDB Local, a local object folder, the real recognizer and image fetcher and, when
 * asked for, the real image labeler. The tenant of every call is the platform's, never a parameter.
 * There is no request quota (the Backends default), so that thousands of calls a second reach the
 * operations.
 */
final class Openrecog {
    private static final AtomicInteger TABLES = new AtomicInteger();
    /** One per JVM: it loads each model on first use. */
    private static final VisionRecognizer RECOGNIZER = VisionRecognizer.builtIn();
    /**
     * No allow rule, whatever the environment says: every internal address is refused before any connection,
     * and the hostile ImageUrls name no public host, so no request leaves this machine.
     */
    private static final ImageUrlFetcher FETCHER = ImageUrlFetcher.builder().build();
    private static VisionLabeler labeler;

    private final DynamoDbClient dynamo;
    private final String table;
    private final RpcEndpoint endpoint;
    private final Path objects;
    private final UploadLabeling uploads;
    private final LogLines log;
    private final AtomicLong storeCalls;
    private final AtomicInteger requests = new AtomicInteger();

    private Openrecog(DynamoDbClient dynamo, AtomicLong storeCalls, String table, RpcEndpoint endpoint, Path objects,
                      UploadLabeling uploads, LogLines log) {
        this.dynamo = dynamo;
        this.storeCalls = storeCalls;
        this.table = table;
        this.endpoint = endpoint;
        this.objects = objects;
        this.uploads = uploads;
        this.log = log;
    }

    /**
     * The nine library operations and RecognizeImage, as the rpc-gateway function serves them,
     * reading objects from {@code objects}.
     */
    static Openrecog rpcGateway(Path objects) {
        Set<Action> actions = EnumSet.copyOf(Action.RECOGNITION_LIBRARY);
        actions.add(Action.RECOGNIZE_IMAGE);
        return start(actions, objects);
    }

    /** Every action, DetectImageLabels and GetImageLabels included, reading objects from {@code objects}. */
    static Openrecog everyAction(Path objects) {
        return start(List.of(Action.values()), objects);
    }

    private static Openrecog start(Collection<Action> actions, Path objects) {
        DynamoDbClient dynamo = DynamoDbLocal.shared().client();
        String table = "openrecog-hostile-" + TABLES.incrementAndGet();
        RecognitionTable.createIfMissing(dynamo, table);
        AtomicLong storeCalls = new AtomicLong();
        DynamoDbClient counted = counting(dynamo, storeCalls);
        boolean labelling = actions.contains(Action.DETECT_IMAGE_LABELS);
        Backends.Builder backends = Backends.builder()
            .store(new DynamoDbRecognitionStore(counted, table))
            .labelResults(new DynamoDbLabelResultStore(counted, table))
            .objects(new LocalObjectReader(objects))
            .fetcher(FETCHER)
            .recognizer(RECOGNIZER);
        if (labelling) {
            backends.labeler(labeler());
        }
        LogLines log = new LogLines();
        PrintStream console = System.out;
        // RpcEndpoint writes its log to the System.out of the moment it is built (its withLog is not public).
        System.setOut(log.stream());
        try {
            RpcEndpoint endpoint = RpcEndpoint.serving(backends.build(), actions).authenticatedBy(Authentication.gateway());
            return new Openrecog(dynamo, storeCalls, table, endpoint, objects,
                labelling ? new UploadLabeling(backends.build()) : null, log);
        } finally {
            System.setOut(console);
        }
    }

    /** The client, counting every call the stores make through it. */
    private static DynamoDbClient counting(DynamoDbClient client, AtomicLong calls) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class},
            (proxy, method, args) -> {
                calls.incrementAndGet();
                try {
                    return method.invoke(client, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    private static synchronized ImageLabeler labeler() {
        if (labeler == null) {
            labeler = VisionLabeler.fromEnvironment();
        }
        return labeler;
    }

    /**
     * One request through the endpoint, as an adapter hands it over. Anything the endpoint lets escape
     * (an Error, say) is what a platform turns into a 5xx, so it comes back as one.
     */
    Reply call(String tenant, HttpRequest request) {
        String requestId = "hostile-" + requests.incrementAndGet();
        HttpResponse response;
        try {
            response = endpoint.handle(request, tenant, requestId, "hostile");
        } catch (Throwable escaped) {
            return Reply.escaped(requestId, escaped);
        }
        return Reply.of(requestId, response);
    }

    Reply call(String tenant, Call call) {
        return call(tenant, call.request());
    }

    /**
     * Stores an object in the object folder and labels it as the upload trigger does, for the tenant;
     * GetImageLabels then has a result to give that tenant.
     */
    void upload(String tenant, String sourceUri, byte[] bytes) {
        store(sourceUri, bytes);
        uploads.process(Tenant.of(tenant), new ObjectUpload(ObjectLocation.parse("SourceURI", sourceUri), "v" + bytes.length,
            bytes.length));
        Reply stored = call(tenant, Call.of("GetImageLabels").with("SourceURI", sourceUri));
        if (!stored.ok()) {
            throw new IllegalStateException("The upload of " + sourceUri + " left no labels to read: " + stored.body());
        }
    }

    /** Stores an object in the object folder, where an oss:// SourceURI or ImageUrl finds it; nothing labels it. */
    void store(String uri, byte[] bytes) {
        try {
            Path file = new LocalObjectReader(objects).pathOf(ObjectLocation.parse("uri", uri));
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many calls the stores have made to DynamoDB so far: a request that made none cannot have changed the table. */
    long storeCalls() {
        return storeCalls.get();
    }

    TableSnapshot snapshot() {
        return TableSnapshot.of(dynamo, table);
    }

    /** The request log lines written since the last call. */
    List<String> takeLog() {
        return log.take();
    }
}
