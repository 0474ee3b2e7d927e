package dev.openrecog.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openrecog.domain.Action;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ImageLabeler;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.RequestQuota;
import dev.openrecog.domain.recognition.UploadRecognitionRules;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.objectstore.LocalObjectReader;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.HttpResponse;
import dev.openrecog.rpc.QueryStrings;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.rpc.UploadEndpoint;
import dev.openrecog.rpc.auth.Authentication;
import dev.openrecog.store.dynamodb.DynamoDbLabelResultStore;
import dev.openrecog.store.dynamodb.DynamoDbNonceLedger;
import dev.openrecog.store.dynamodb.DynamoDbRequestQuota;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import dev.openrecog.store.dynamodb.RecognitionTable;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.recognition.VisionRecognizer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every operation on one local HTTP port, over a DynamoDB Local that keeps its data in a folder and
 * a local object folder that stands in for OSS and S3. Requests are signed with the access keys of
 * a local file, or, with OPENRECOG_AUTH_MODE=anonymous, unsigned and all as the local tenant. {@code PUT /objects/<bucket>/<key>} stores an object as {@code oss://<bucket>/<key>} and
 * runs the same upload labelling as the cloud upload triggers; every other path goes through the RPC
 * front door. ImageUrls are downloaded as in the cloud, so internal addresses are refused unless
 * OPENRECOG_IMAGE_URL_ALLOW lets them through.
 */
public final class LocalServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final String OBJECTS_PATH = "/objects/";

    private final DynamoDbLocal database;
    private final ImageUrlFetcher fetcher;
    private final VisionRecognizer recognizer;
    private final HttpServer http;
    private final ExecutorService workers;

    private LocalServer(DynamoDbLocal database, ImageUrlFetcher fetcher, VisionRecognizer recognizer, HttpServer http,
                        ExecutorService workers) {
        this.database = database;
        this.fetcher = fetcher;
        this.recognizer = recognizer;
        this.http = http;
        this.workers = workers;
    }

    public static LocalServer start(LocalSettings settings) throws IOException {
        DynamoDbLocal database = DynamoDbLocal.persistedIn(settings.dataDir().resolve("dynamodb"));
        ImageUrlFetcher fetcher = ImageUrlFetcher.fromEnvironment();
        VisionRecognizer recognizer = VisionRecognizer.builtIn();
        try {
            DynamoDbClient client = database.client();
            RecognitionTable.createIfMissing(client, settings.table());
            LocalObjectReader objects = new LocalObjectReader(settings.dataDir().resolve("objects"));
            Backends backends = Backends.builder()
                .store(new DynamoDbRecognitionStore(client, settings.table()))
                .labelResults(new DynamoDbLabelResultStore(client, settings.table()))
                .objects(objects)
                .labeler(VisionLabeler.fromEnvironment())
                .fetcher(fetcher)
                .recognizer(recognizer)
                .uploadRecognition(UploadRecognitionRules.parse(System.getenv(UploadRecognitionRules.ENVIRONMENT_VARIABLE)))
                .quota(settings.rateLimit() > 0
                    ? new DynamoDbRequestQuota(client, settings.table(), settings.rateLimit(), Clock.systemUTC())
                    : RequestQuota.UNLIMITED)
                .build();
            RpcEndpoint rpc = RpcEndpoint.serving(backends, List.of(Action.values()))
                .authenticatedBy(authentication(settings, client));
            UploadEndpoint uploads = UploadEndpoint.labelling(backends);
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 64);
            ExecutorService workers = Executors.newFixedThreadPool(16);
            http.setExecutor(workers);
            http.createContext("/", exchange -> serve(rpc, exchange));
            http.createContext(OBJECTS_PATH, exchange -> upload(objects, uploads, settings.tenant(), exchange));
            http.start();
            return new LocalServer(database, fetcher, recognizer, http, workers);
        } catch (IOException | RuntimeException e) {
            recognizer.close();
            fetcher.close();
            database.close();
            throw e;
        }
    }

    private static Authentication authentication(LocalSettings settings, DynamoDbClient client) throws IOException {
        switch (settings.authMode()) {
            case "signature":
                Backends keys = Backends.builder()
                    .accessKeys(LocalAccessKeys.loadOrCreate(settings.accessKeysFile(), Tenant.of(settings.tenant())))
                    .nonces(new DynamoDbNonceLedger(client, settings.table(), Clock.systemUTC()))
                    .build();
                return Authentication.signature(keys, Clock.systemUTC());
            case "anonymous":
                return Authentication.anonymous(settings.tenant());
            default:
                throw new IllegalArgumentException("OPENRECOG_AUTH_MODE is '" + settings.authMode()
                    + "'; the local server takes signature (the default) or anonymous");
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private static void serve(RpcEndpoint endpoint, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1); // the RPC layer refuses what is over its limit
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                QueryStrings.parse(exchange.getRequestURI().getRawQuery()), body);
            HttpResponse response = endpoint.handle(request, null, requestId(), "local");
            respond(exchange, response.status(), response.headers(), response.body());
        }
    }

    /** {@code PUT /objects/<bucket>/<key>}: stores the object, then labels it as an upload trigger would. */
    private static void upload(LocalObjectReader objects, UploadEndpoint uploads, String tenant, HttpExchange exchange)
        throws IOException {
        try (exchange) {
            String requestId = requestId();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("RequestId", requestId);
            if (!exchange.getRequestMethod().equals("PUT")) {
                answer.put("Code", "InvalidParameter");
                answer.put("Message", "Store an object with PUT /objects/<bucket>/<key>.");
                respondJson(exchange, 405, answer);
                return;
            }
            try {
                String path = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(OBJECTS_PATH.length()),
                    StandardCharsets.UTF_8);
                ObjectLocation location = ObjectLocation.parse("path", "oss://" + path);
                byte[] bytes = readBody(exchange, (int) ImageLabeler.MAX_IMAGE_BYTES);
                Path file = objects.pathOf(location);
                Files.createDirectories(file.getParent());
                Path partial = Files.createTempFile(file.getParent(), ".upload", ".part");
                Files.write(partial, bytes);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                String etag = md5(bytes);
                answer.put("SourceURI", location.toString());
                answer.put("ETag", etag);
                answer.put("Labelling", uploads.handle(tenant, List.of(new ObjectUpload(location, etag, bytes.length)), requestId, "local"));
                respondJson(exchange, 200, answer);
            } catch (ApiException e) {
                answer.put("Code", e.errorCode().code());
                answer.put("Message", e.getMessage());
                respondJson(exchange, e.errorCode().httpStatus(), answer);
            }
        }
    }

    /** Reads the body, or answers with InvalidParameter when it is larger than {@code max} bytes. */
    private static byte[] readBody(HttpExchange exchange, int max) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw ApiException.invalidParameter("The request body is larger than " + max + " bytes.");
            }
            return body;
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requestId() {
        return UUID.randomUUID().toString().toUpperCase();
    }

    private static void respondJson(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        respond(exchange, status, Map.of("Content-Type", "application/json;charset=utf-8"), JSON.std.asString(body));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
        recognizer.close();
        fetcher.close();
        database.close();
    }

    public static void main(String[] args) throws IOException {
        LocalSettings settings = LocalSettings.fromEnvironment(System.getenv(), Path.of(System.getProperty("openrecog.home", ".")));
        LocalServer server = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.printf("openrecog is listening on http://%s:%d (data in %s). Stop it with Ctrl+C.%n",
            settings.bind(), server.port(), settings.dataDir().toAbsolutePath().normalize());
        if (settings.authMode().equals("signature")) {
            System.out.printf("Requests must be signed as the Alibaba Cloud SDKs sign them, with an access key from %s%n",
                settings.accessKeysFile().toAbsolutePath().normalize());
        } else {
            System.out.printf("Unsigned requests are accepted, all as tenant '%s' (OPENRECOG_AUTH_MODE=anonymous).%n", settings.tenant());
        }
    }
}
