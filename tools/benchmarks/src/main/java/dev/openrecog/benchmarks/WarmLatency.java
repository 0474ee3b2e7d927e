package dev.openrecog.benchmarks;

import dev.openrecog.benchmarks.invoker.BenchContext;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warm latency, in a JVM of its own (the handlers read their table and endpoint from the
 * environment, so the benchmark starts this JVM with them set). Each operation's LambdaHandler
 * runs in its own class loader; the raw SDK floors run on a client built like the store's, against
 * the same DynamoDB Local. Writes one line of statistics per measured thing to the results file.
 *
 * <p>CreateRecognitionSample analyses a face photo on every call (its ImageUrl is read from OPENRECOG_OBJECTS_DIR),
 * so it gets the vision counts and a second floor: the same analysis, {@code VisionRecognizer.imageFeatures(face)},
 * on a recognizer of its own from the function's jar.
 *
 * <p>args: work tree, warm-up calls, timed calls, vision warm-up calls, vision timed calls, results file.
 */
public final class WarmLatency {
    private static final String TABLE = System.getenv("OPENRECOG_TABLE_NAME");
    private static final String ENDPOINT = System.getenv("OPENRECOG_DYNAMODB_ENDPOINT");
    private static final Tenant EVENTS_TENANT = Tenant.of(Repo.EVENTS_TENANT);
    /** Every call of this operation analyses a face photo: it gets the vision counts. */
    static final String CREATE_SAMPLE = "create-recognition-sample";

    private final Repo repo;
    private final int warmup;
    private final int timed;
    private final int visionWarmup;
    private final int visionTimed;
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, long[]> results = new LinkedHashMap<>();
    /** GC pauses (count, ms) and JIT compilation (ms) of this JVM during each timed loop. */
    private final Map<String, long[]> vmActivity = new LinkedHashMap<>();
    private final BenchContext context = new BenchContext();
    /** Untimed raw iterations before each later block: the pooled connection may have been closed while idle. */
    private static final int RESUME = 5;
    private RawFloors raw;
    private int operationsMeasured;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

    private WarmLatency(Repo repo, int warmup, int timed, int visionWarmup, int visionTimed) {
        this.repo = repo;
        this.warmup = warmup;
        this.timed = timed;
        this.visionWarmup = visionWarmup;
        this.visionTimed = visionTimed;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("openrecog.home", args[0]);
        WarmLatency bench = new WarmLatency(Repo.locate(), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
            Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        try {
            bench.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        try (PrintWriter results = new PrintWriter(Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8))) {
            for (Map.Entry<String, long[]> entry : bench.results.entrySet()) {
                Stats stats = new Stats(entry.getValue());
                results.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%.0f%n", entry.getKey(), stats.count(), stats.min(),
                    stats.median(), stats.percentile(90), stats.percentile(99), stats.max(), stats.mean());
            }
            for (Map.Entry<String, long[]> entry : bench.vmActivity.entrySet()) {
                long[] v = entry.getValue();
                results.printf(Locale.ROOT, "vm:%s\t%d\t%d\t%d%n", entry.getKey(), v[0], v[1], v[2]);
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        for (String dir : Repo.OPERATIONS) {
            functions.put(dir, new Function(dir));
        }
        raw = new RawFloors();
        raw.loop(warmup, rawBlock(0));
        operations();
        raw.loop(RESUME, rawBlock(Repo.OPERATIONS.size()));
        raw.report();
    }

    /**
     * The timed iterations of raw block k: the raw calls run in one block before the first
     * operation, one between each two, and one after the last, so that DynamoDB Local's drift over
     * the run (it keeps getting faster for minutes) weighs on the floors as on the handlers.
     */
    private int rawBlock(int k) {
        int blocks = Repo.OPERATIONS.size() + 1;
        return timed / blocks + (k == blocks - 1 ? timed % blocks : 0);
    }

    // --- the nine handlers -------------------------------------------------------------------

    /**
     * The nine operations, each on its own. Each delete removes, one by one, the records that the
     * create before it made in its own loop; the sample deletes also those of {@link #storedSamples}.
     */
    private void operations() throws Exception {
        Function createLib = functions.get("create-recognition-lib");
        Function listLibs = functions.get("list-recognition-libs");
        Function deleteLib = functions.get("delete-recognition-lib");
        Function createEntity = functions.get("create-recognition-entity");
        Function listEntities = functions.get("list-recognition-entities");
        Function deleteEntity = functions.get("delete-recognition-entity");
        Function createSample = functions.get("create-recognition-sample");
        Function listSamples = functions.get("list-recognition-samples");
        Function deleteSample = functions.get("delete-recognition-sample");

        // Untimed set-up: a library of 10 entities, the first of which has 10 samples, so that both
        // listings return 10 records; and a library and an entity for the creates to write into.
        byte[] newLib = createLib.event(Map.of());
        String listLib = create(createLib, newLib, "LibId");
        List<String> listEntityIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            listEntityIds.add(create(createEntity, createEntity.event(Map.of("LibId", listLib)), "EntityId"));
        }
        byte[] listSample = createSample.event(Map.of("LibId", listLib, "EntityId", listEntityIds.get(0)));
        for (int i = 0; i < 10; i++) {
            create(createSample, listSample, "SampleId");
        }
        String writeLib = create(createLib, newLib, "LibId");
        String writeEntity = create(createEntity, createEntity.event(Map.of("LibId", writeLib)), "EntityId");

        List<String> libIds = measure(createLib, i -> newLib, "LibId", warmup, timed);
        // Page 1 (10 libraries) of the libraries just created.
        byte[] listLibsEvent = listLibs.event(Map.of());
        measure(listLibs, i -> listLibsEvent, null, warmup, timed);
        List<byte[]> deleteLibs = events(libIds, id -> deleteLib.event(Map.of("LibId", id)));
        measure(deleteLib, deleteLibs::get, null, warmup, timed);

        byte[] newEntity = createEntity.event(Map.of("LibId", writeLib));
        List<String> entityIds = measure(createEntity, i -> newEntity, "EntityId", warmup, timed);
        byte[] listEntitiesEvent = listEntities.event(Map.of("LibId", listLib));
        measure(listEntities, i -> listEntitiesEvent, null, warmup, timed);
        List<byte[]> deleteEntities = events(entityIds, id -> deleteEntity.event(Map.of("LibId", writeLib, "EntityId", id)));
        measure(deleteEntity, deleteEntities::get, null, warmup, timed);

        byte[] newSample = createSample.event(Map.of("LibId", writeLib, "EntityId", writeEntity));
        faceFeaturesFloor(createSample);
        List<String> sampleIds = measure(createSample, i -> newSample, "SampleId", visionWarmup, visionTimed);
        sampleIds.addAll(storedSamples(writeLib, writeEntity, Math.max(0, warmup + timed - sampleIds.size())));
        byte[] listSamplesEvent = listSamples.event(Map.of("LibId", listLib, "EntityId", listEntityIds.get(0)));
        measure(listSamples, i -> listSamplesEvent, null, warmup, timed);
        List<byte[]> deleteSamples = events(sampleIds,
            id -> deleteSample.event(Map.of("LibId", writeLib, "EntityId", writeEntity, "SampleId", id)));
        measure(deleteSample, deleteSamples::get, null, warmup, timed);
    }

    /**
     * The face analysis CreateRecognitionSample makes on every call, alone: {@code VisionRecognizer.imageFeatures(face)}
     * on the photo its event names, on a recognizer of its own loaded from the function's jar (by reflection: the
     * vision classes live only there), with the same counts as the handler, just before it.
     */
    private void faceFeaturesFloor(Function function) throws Exception {
        progress("measuring the face analysis floor of " + function.dir);
        byte[] photo = Files.readAllBytes(repo.facePhoto());
        Class<?> recognizerClass = function.loader.loadClass("dev.openrecog.vision.recognition.VisionRecognizer");
        Class<?> algorithm = function.loader.loadClass(Algorithm.class.getName());
        Method imageFeatures = recognizerClass.getMethod("imageFeatures", algorithm, byte[].class);
        Object face = algorithm.getField(Algorithm.FACE.name()).get(null);
        try (AutoCloseable recognizer = (AutoCloseable) recognizerClass.getMethod("builtIn").invoke(null)) {
            long[] samples = new long[visionTimed];
            for (int i = 0; i < visionWarmup + visionTimed; i++) {
                long start = System.nanoTime();
                try {
                    imageFeatures.invoke(recognizer, face, photo);
                } catch (InvocationTargetException e) {
                    throw new IllegalStateException("imageFeatures(face) failed on " + repo.facePhoto(), e.getCause());
                }
                if (i >= visionWarmup) {
                    samples[i - visionWarmup] = System.nanoTime() - start;
                }
            }
            results.put("floor:face features", samples);
        }
    }

    /**
     * Samples for the deletes beyond those the create made: each handler create costs a face analysis, so these are
     * stored outside any timed region through the store the functions use (openrecog-store-dynamodb, same build),
     * with the features of a sample the handler made. Returns their ids.
     */
    private List<String> storedSamples(String libId, String entityId, int count) {
        progress("storing " + count + " more samples for the deletes");
        RecognitionStore store = DynamoDbStores.fromEnvironment().recognition();
        Library library = store.findLibrary(EVENTS_TENANT, Algorithm.FACE, libId).orElseThrow(() -> new IllegalStateException(
            "Library " + libId + " is not tenant " + EVENTS_TENANT + "'s: the events' tenant has changed"));
        byte[] features = store.indexedSamples(EVENTS_TENANT, library).get(0).features();
        String entityName = store.findEntity(EVENTS_TENANT, libId, entityId).orElseThrow().name();
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String sampleId = hex((5L << 40) + i);
            store.createSample(EVENTS_TENANT, Algorithm.FACE, new Sample(libId, entityId, entityName, sampleId,
                "s3://" + Repo.FACE_OBJECT, null, System.currentTimeMillis()).withFeatures(features), null);
            ids.add(sampleId);
        }
        return ids;
    }

    private static List<byte[]> events(List<String> ids, java.util.function.Function<String, byte[]> event) {
        List<byte[]> events = new ArrayList<>(ids.size());
        for (String id : ids) {
            events.add(event.apply(id));
        }
        return events;
    }

    /**
     * warm-up calls, then timed calls; only handleRequest is inside the timed region. For a create,
     * returns the ids of the records it made (read from each response after its call).
     */
    private List<String> measure(Function function, IntFunction<byte[]> events, String idName, int warmup, int timed)
        throws IOException {
        if (operationsMeasured > 0) {
            raw.loop(RESUME, rawBlock(operationsMeasured));
        }
        operationsMeasured++;
        progress("measuring " + function.dir);
        long[] samples = new long[timed];
        long[] before = null;
        List<String> ids = new ArrayList<>();
        Pattern id = idName == null ? null : idPattern(idName);
        for (int i = 0; i < warmup + timed; i++) {
            byte[] event = events.apply(i);
            if (i == warmup) {
                before = vmCounters();
            }
            long nanos = function.call(event);
            if (i >= warmup) {
                samples[i - warmup] = nanos;
            }
            if (id != null) {
                ids.add(id(id, function, idName));
            }
        }
        vmActivity.put(function.dir, since(before));
        results.put("op:" + function.dir, samples);
        results.put("op1:" + function.dir, java.util.Arrays.copyOfRange(samples, 0, timed / 2));
        results.put("op2:" + function.dir, java.util.Arrays.copyOfRange(samples, timed / 2, timed));
        return ids;
    }

    private static Pattern idPattern(String idName) {
        return Pattern.compile(idName + "\\W{1,8}([0-9a-f]{32})");
    }

    /** The id in the response just written to out. */
    private String id(Pattern pattern, Function function, String idName) {
        String response = out.toString(StandardCharsets.UTF_8);
        Matcher id = pattern.matcher(response);
        if (!id.find()) {
            throw new IllegalStateException(function.dir + " answered no " + idName + ": " + response);
        }
        return id.group(1);
    }

    /** Calls a create operation (untimed) and returns the id it answered. */
    private String create(Function function, byte[] event, String idName) throws IOException {
        function.call(event);
        return id(idPattern(idName), function, idName);
    }

    /** GC pauses (count, ms) and JIT compilation time (ms) of this JVM so far. */
    private static long[] vmCounters() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, time, ManagementFactory.getCompilationMXBean().getTotalCompilationTime()};
    }

    private static long[] since(long[] before) {
        long[] now = vmCounters();
        return new long[] {now[0] - before[0], now[1] - before[1], now[2] - before[2]};
    }

    private static void progress(String what) {
        System.err.println("  warm: " + what);
    }

    /** A function jar's LambdaHandler in its own class loader, and its event template. */
    private final class Function {
        final String dir;
        final FunctionLoader loader;
        final RequestStreamHandler handler;
        final String template;

        Function(String dir) throws Exception {
            this.dir = dir;
            this.loader = new FunctionLoader(repo.measuredJar(dir));
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                this.handler = (RequestStreamHandler) loader.loadClass(Repo.lambdaHandler(dir)).getDeclaredConstructor().newInstance();
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
            this.template = Files.readString(repo.event(dir), StandardCharsets.UTF_8);
        }

        byte[] event(Map<String, String> ids) {
            String event = template;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                event = event.replace("${" + id.getKey() + "}", id.getValue());
            }
            if (event.contains("${")) {
                throw new IllegalStateException("Unreplaced placeholder in the event of " + dir);
            }
            return event.getBytes(StandardCharsets.UTF_8);
        }

        /** One call; returns its nanoseconds and leaves the response in out. Fails on any status but 200. */
        long call(byte[] event) throws IOException {
            out.reset();
            context.next();
            ByteArrayInputStream in = new ByteArrayInputStream(event);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            long start = System.nanoTime();
            handler.handleRequest(in, out, context);
            long nanos = System.nanoTime() - start;
            thread.setContextClassLoader(previous);
            if (!ok(out)) {
                throw new IllegalStateException(dir + " failed: " + out.toString(StandardCharsets.UTF_8));
            }
            return nanos;
        }
    }

    private static final Pattern STATUS_200 = Pattern.compile("\"statusCode\"\\s*:\\s*200\\b");

    private static boolean ok(ByteArrayOutputStream response) {
        return STATUS_200.matcher(response.toString(StandardCharsets.UTF_8)).find();
    }

    // --- the raw SDK floors ------------------------------------------------------------------

    /** A face sample's features: the int8 embedding and its kind byte (shared/vision/MODELS.md, Recognition). */
    private static final int FACE_FEATURES_BYTES = 257;

    private static final String[] RAW_CALLS = {"PutItem", "GetItem", "GetItem#2", "GetItem#3", "Query",
        "TransactWriteItems(2)", "TransactWriteItems(3)", "TransactWriteItems(4)", "Query(keys only, empty)",
        "Query(keys only, empty)#2", "DeleteItem"};

    /**
     * Raw SDK calls on a client built like the store's, in loops that make each call once per
     * iteration in the order the operations make them, each timed alone. The single-call floors are
     * these calls; a sequence floor is the sum of its calls within the same iteration, i.e. real
     * back-to-back calls. The timed iterations come in blocks between the operations (see rawBlock).
     */
    private final class RawFloors {
        private final DynamoDbClient client = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .endpointOverride(URI.create(ENDPOINT))
            .build();
        private final String libraries = "T#raw#A#face";
        private final String listLib = hex(1L << 40);
        private final String listPartition = "T#raw#L#" + listLib;
        private final String writeLib = hex(2L << 40);
        private final String writeEntity = hex(4L << 40);
        private final Map<String, AttributeValue> libraryKey = key(libraries, "L#" + listLib);
        private final Map<String, AttributeValue> entityKey = key(listPartition, "E#" + hex(0));
        private final QueryRequest page = QueryRequest.builder().tableName(TABLE)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
            .expressionAttributeValues(Map.of(":pk", s(listPartition), ":prefix", s("E#")))
            .consistentRead(true).limit(10).build();
        private final List<long[][]> blocks = new ArrayList<>();
        private long iteration;

        RawFloors() {
            client.putItem(r -> r.tableName(TABLE).item(library(libraries, listLib, 10)));
            client.putItem(r -> r.tableName(TABLE).item(library(libraries, writeLib, 0)));
            client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s(libraries), "sk", s("#COUNT"), "count", n(2))));
            client.putItem(r -> r.tableName(TABLE).item(entity("T#raw#L#" + writeLib, writeLib, writeEntity)));
            for (int i = 0; i < 10; i++) {
                String entityId = hex(i);
                client.putItem(r -> r.tableName(TABLE).item(entity(listPartition, listLib, entityId)));
            }
        }

        /** warm-up iterations, then the timed ones. */
        void loop(int warmupIterations, int timedIterations) {
            progress("measuring raw SDK calls (" + warmupIterations + " untimed + " + timedIterations + " timed iterations)");
            long[][] samples = new long[RAW_CALLS.length][timedIterations];
            long[] t = new long[RAW_CALLS.length];
            long[] before = null;
            for (int i = 0; i < warmupIterations + timedIterations; i++) {
                if (i == warmupIterations) {
                    before = vmCounters();
                }
                iteration(t);
                if (i >= warmupIterations) {
                    for (int k = 0; k < t.length; k++) {
                        samples[k][i - warmupIterations] = t[k];
                    }
                }
            }
            blocks.add(samples);
            long[] activity = since(before);
            long[] total = vmActivity.computeIfAbsent("raw SDK calls", k -> new long[3]);
            for (int k = 0; k < total.length; k++) {
                total[k] += activity[k];
            }
        }

        private void iteration(long[] t) {
            String id = hex((3L << 40) + iteration++);
            long start = System.nanoTime();
            client.putItem(r -> r.tableName(TABLE).item(library(libraries, id, 0)));
            t[0] = lap(start);
            start = System.nanoTime();
            client.getItem(r -> r.tableName(TABLE).key(libraryKey).consistentRead(true));
            t[1] = lap(start);
            start = System.nanoTime();
            client.getItem(r -> r.tableName(TABLE).key(entityKey).consistentRead(true));
            t[2] = lap(start);
            start = System.nanoTime();
            client.getItem(r -> r.tableName(TABLE).key(entityKey).consistentRead(true));
            t[3] = lap(start);
            start = System.nanoTime();
            int found = client.query(page).count();
            t[4] = lap(start);
            if (found != 10) {
                throw new IllegalStateException("The raw query found " + found + " items, not 10");
            }
            // Like CreateRecognitionEntity: the record, and a counter on its parent.
            start = System.nanoTime();
            client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(entity("T#raw#L#" + writeLib, writeLib, id))
                    .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key(libraries, "L#" + writeLib))
                    .updateExpression("ADD #counter :delta").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#counter", "entityCount"))
                    .expressionAttributeValues(Map.of(":delta", n(1)))).build()));
            t[5] = lap(start);
            // Like DeleteRecognitionLib: the record, its count, and a purge item.
            Map<String, AttributeValue> purge = new HashMap<>(key("T#raw#PURGE", "L#" + id));
            purge.put("purgePartition", s("T#raw#L#" + id));
            purge.put("purgePrefix", s(""));
            start = System.nanoTime();
            client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(TABLE).key(key(libraries, "L#" + id))
                    .conditionExpression("attribute_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key(libraries, "#COUNT"))
                    .updateExpression("ADD #counter :delta")
                    .expressionAttributeNames(Map.of("#counter", "count"))
                    .expressionAttributeValues(Map.of(":delta", n(-1)))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(purge)).build()));
            t[6] = lap(start);
            // Like CreateRecognitionSample: the sample, its features, the entity's count, the library's count and revision.
            String sampleSk = "S#" + writeEntity + "#" + id;
            start = System.nanoTime();
            client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(sample("T#raw#L#" + writeLib, sampleSk))
                    .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key("T#raw#L#" + writeLib, "E#" + writeEntity))
                    .updateExpression("ADD #counter :delta").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#counter", "sampleCount"))
                    .expressionAttributeValues(Map.of(":delta", n(1)))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key(libraries, "L#" + writeLib))
                    .updateExpression("ADD #counter :delta, #revision :one").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#counter", "sampleCount", "#revision", "revision"))
                    .expressionAttributeValues(Map.of(":delta", n(1), ":one", n(1)))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(features("T#raw#F#" + writeLib, sampleSk))
                    .conditionExpression("attribute_not_exists(pk)")).build()));
            t[7] = lap(start);
            // A purge's two ranges: the library's contents and its features.
            for (int range = 0; range < 2; range++) {
                String partition = (range == 0 ? "T#raw#L#" : "T#raw#F#") + id;
                start = System.nanoTime();
                client.query(r -> r.tableName(TABLE).consistentRead(true).projectionExpression("#pk, #sk")
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
                    .expressionAttributeValues(Map.of(":pk", s(partition))));
                t[8 + range] = lap(start);
            }
            start = System.nanoTime();
            client.deleteItem(r -> r.tableName(TABLE).key(key("T#raw#PURGE", "L#" + id)));
            t[10] = lap(start);
        }

        /** The results: every call over all blocks, the first and last block's single calls, and the sequences. */
        void report() {
            int n = blocks.stream().mapToInt(h -> h[0].length).sum();
            long[][] all = new long[RAW_CALLS.length][n];
            int at = 0;
            for (long[][] block : blocks) {
                for (int k = 0; k < RAW_CALLS.length; k++) {
                    System.arraycopy(block[k], 0, all[k], at, block[k].length);
                }
                at += block[0].length;
            }
            for (int k = 0; k < RAW_CALLS.length; k++) {
                results.put("raw:" + RAW_CALLS[k], all[k]);
            }
            sequence(all, "seq:GetItem+Query", 1, 4);
            sequence(all, "seq:GetItem+TransactWriteItems(4)", 1, 7);
            sequence(all, "seq:2×GetItem+TransactWriteItems(4)", 1, 2, 7);
            sequence(all, "seq:3×GetItem+Query", 1, 2, 3, 4);
            sequence(all, "seq:TransactWriteItems(3)+2×Query+DeleteItem", 6, 8, 9, 10);
            sequence(all, "seq:2×GetItem+TransactWriteItems(3)+2×Query+DeleteItem", 1, 2, 6, 8, 9, 10);
            for (int k = 0; k < RAW_CALLS.length; k++) {
                results.put("first:" + RAW_CALLS[k], blocks.get(0)[k]);
                results.put("last:" + RAW_CALLS[k], blocks.get(blocks.size() - 1)[k]);
            }
            client.close();
        }

        private void sequence(long[][] samples, String name, int... calls) {
            long[] sums = new long[samples[0].length];
            for (int i = 0; i < sums.length; i++) {
                for (int call : calls) {
                    sums[i] += samples[call][i];
                }
            }
            results.put(name, sums);
        }
    }

    private static long lap(long start) {
        return System.nanoTime() - start;
    }

    private static String hex(long n) {
        return String.format("%032x", n);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    /** An item the size and shape of a library record. */
    private static Map<String, AttributeValue> library(String partition, String libId, long entities) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition, "L#" + libId));
        item.put("libId", s(libId));
        item.put("name", s("Office staff faces"));
        item.put("description", s("Faces of employees allowed into the Hangzhou office"));
        item.put("createdAt", n(1795342501000L));
        item.put("entityCount", n(entities));
        item.put("sampleCount", n(0));
        return item;
    }

    /** An item the size and shape of a sample record (sk = S#entityId#sampleId). */
    private static Map<String, AttributeValue> sample(String partition, String sk) {
        Map<String, AttributeValue> item = sampleIds(partition, sk);
        item.put("imageUrl", s("s3://" + Repo.FACE_OBJECT));
        item.put("createdAt", n(1795342501000L));
        return item;
    }

    /** An item the size and shape of a face sample's features item. */
    private static Map<String, AttributeValue> features(String partition, String sk) {
        Map<String, AttributeValue> item = sampleIds(partition, sk);
        item.put("features", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[FACE_FEATURES_BYTES])));
        return item;
    }

    private static Map<String, AttributeValue> sampleIds(String partition, String sk) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition, sk));
        item.put("libId", s(partition.substring(partition.length() - 32)));
        item.put("entityId", s(sk.substring(2, 34)));
        item.put("entityName", s("Alice Zhang"));
        item.put("sampleId", s(sk.substring(35)));
        return item;
    }

    /** An item the size and shape of an entity record. */
    private static Map<String, AttributeValue> entity(String partition, String libId, String entityId) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition, "E#" + entityId));
        item.put("libId", s(libId));
        item.put("entityId", s(entityId));
        item.put("name", s("Alice Zhang"));
        item.put("info", s("{\"employeeId\":\"E-1024\",\"department\":\"Finance\"}"));
        item.put("createdAt", n(1795342501000L));
        item.put("sampleCount", n(0));
        return item;
    }
}
