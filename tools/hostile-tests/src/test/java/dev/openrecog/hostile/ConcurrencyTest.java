package dev.openrecog.hostile;

import dev.openrecog.hostile.TableContents.Ent;
import dev.openrecog.hostile.TableContents.Lib;
import dev.openrecog.hostile.TableContents.Smp;
import dev.openrecog.hostile.Writer.Made;
import dev.openrecog.hostile.Writer.Op;
import dev.openrecog.hostile.Writer.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many writers of one tenant at once, on shared and private libraries. Afterwards the table holds
 * exactly what the answers promised: every acknowledged create unless an acknowledged delete (of it or
 * of a parent) removed it, nothing a refused call asked for, no child without its parent, no unfinished
 * purge, and every count a listing reports equal to the records it counts.
 *
 * <p>{@code -Dhostile.writers} and {@code -Dhostile.operations} set the size: 50 writers x
 * {@value #OPERATIONS} operations unless told otherwise (see README.md).
 */
class ConcurrencyTest {
    private static final int OPERATIONS = 1_000;
    private static final String TENANT = "concurrency-tenant";
    /** Label libraries: every writer adds samples to them, and a LabelPrompt sample runs no model. */
    private static final List<String> SHARED_ALGORITHMS = List.of("label", "label", "label");
    private static final int PAGE = 50;

    @TempDir
    Path objects;

    @Test
    void concurrentWritersLoseNothingLeaveNoOrphansAndKeepEveryCountExact() throws Exception {
        int writers = Integer.getInteger("hostile.writers", 50);
        int operations = Integer.getInteger("hostile.operations", OPERATIONS);
        long seed = Long.getLong("hostile.seed", ThreadLocalRandom.current().nextLong());
        Openrecog service = Openrecog.rpcGateway(objects);
        service.store(Writer.FACE_PHOTO, Photos.faces());
        service.store(Writer.PHOTO, Photos.darknet("dog"));
        Queue<Outcome> ledger = new ConcurrentLinkedQueue<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Writer.Shared shared = new Writer.Shared();
        for (String algorithm : SHARED_ALGORITHMS) {
            Reply lib = service.call(TENANT, Call.of("CreateRecognitionLib").with("Algorithm", algorithm).with("LibName", "shared"));
            Made made = new Made(algorithm, lib.text("LibId"), null, null);
            ledger.add(new Outcome(Op.CREATE_LIB, made, lib.status(), null));
            shared.addLib(made);
        }

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Writer writer = new Writer(service, TENANT, seed + w, operations, shared, ledger::add, problems);
            running.add(pool.submit(() -> {
                start.await();
                writer.run();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : running) {
            writer.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        service.takeLog();

        Expected expected = Expected.from(ledger);
        TableContents table = service.snapshot().contents();
        System.out.println(summary(writers, operations, seed, seconds, ledger, table));

        assertTrue(problems.isEmpty(), problems.size() + " answers no race explains (seed " + seed + "), the first ones:\n"
            + problems.stream().limit(20).collect(Collectors.joining("\n")));
        assertSame("libraries", expected.libs, ids(table.libs(), Lib::libId), ledger);
        assertSame("entities", expected.entities, ids(table.entities(), e -> e.libId() + "/" + e.entityId()), ledger);
        assertSame("samples", expected.samples, ids(table.samples(), s -> s.libId() + "/" + s.entityId() + "/" + s.sampleId()), ledger);
        assertNoOrphans(table);
        assertEquals(List.of(), table.purges(), "every delete finished its purge");
        assertCountsInTheTable(table);
        assertCountsTheListingsReport(service, table);
    }

    /** What the acknowledged answers say the table must hold, as "lib", "lib/entity" and "lib/entity/sample" ids. */
    private record Expected(Set<String> libs, Set<String> entities, Set<String> samples) {
        static Expected from(Queue<Outcome> ledger) {
            Set<String> deletedLibs = new HashSet<>();
            Set<String> deletedEntities = new HashSet<>();
            Set<String> deletedSamples = new HashSet<>();
            List<Made> created = new ArrayList<>();
            for (Outcome outcome : ledger) {
                if (!outcome.ok()) {
                    continue;
                }
                Made target = outcome.target();
                switch (outcome.op()) {
                    case CREATE_LIB, CREATE_ENTITY, CREATE_SAMPLE -> created.add(target);
                    case DELETE_LIB -> deletedLibs.add(target.libId());
                    case DELETE_ENTITY -> deletedEntities.add(target.libId() + "/" + target.entityId());
                    case DELETE_SAMPLE -> deletedSamples.add(target.sampleId());
                    default -> {
                    }
                }
            }
            Expected expected = new Expected(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
            for (Made made : created) {
                boolean live = !deletedLibs.contains(made.libId())
                    && (made.entityId() == null || !deletedEntities.contains(made.libId() + "/" + made.entityId()))
                    && (made.sampleId() == null || !deletedSamples.contains(made.sampleId()));
                if (live) {
                    (made.entityId() == null ? expected.libs : made.sampleId() == null ? expected.entities : expected.samples)
                        .add(made.libId() + (made.entityId() == null ? "" : "/" + made.entityId())
                            + (made.sampleId() == null ? "" : "/" + made.sampleId()));
                }
            }
            return expected;
        }
    }

    private static <T> Set<String> ids(List<T> records, Function<T, String> id) {
        return records.stream().map(id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Lost writes and records nobody was promised, each with every answer given about it. */
    private static void assertSame(String what, Set<String> expected, Set<String> actual, Queue<Outcome> ledger) {
        Set<String> lost = new TreeSet<>(expected);
        lost.removeAll(actual);
        Set<String> unpromised = new TreeSet<>(actual);
        unpromised.removeAll(expected);
        assertTrue(lost.isEmpty() && unpromised.isEmpty(), what + ": " + lost.size() + " acknowledged but missing, "
            + unpromised.size() + " present but not promised by any answer. Examples with their history:\n"
            + examples(lost, ledger) + "\n" + examples(unpromised, ledger));
    }

    private static String examples(Set<String> ids, Queue<Outcome> ledger) {
        return ids.stream().limit(5).map(id -> id + ": " + ledger.stream()
                .filter(o -> o.target() != null && id.contains(o.target().libId())
                    && (o.target().entityId() == null || id.contains(o.target().entityId())))
                .filter(o -> o.op() != Op.LIST)
                .map(o -> o.op() + " " + o.status() + (o.code() == null ? "" : " " + o.code()))
                .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("\n"));
    }

    private static void assertNoOrphans(TableContents table) {
        Set<String> libs = ids(table.libs(), Lib::libId);
        Set<String> entities = ids(table.entities(), e -> e.libId() + "/" + e.entityId());
        List<String> orphans = new ArrayList<>();
        table.entities().stream().filter(e -> !libs.contains(e.libId())).forEach(e -> orphans.add("entity " + e));
        table.samples().stream().filter(s -> !entities.contains(s.libId() + "/" + s.entityId())).forEach(s -> orphans.add("sample " + s));
        assertEquals(List.of(), orphans, "children whose parent is gone");
    }

    /** The counters behind every TotalCount, as stored, against the records they count. */
    private static void assertCountsInTheTable(TableContents table) {
        Map<String, Long> entitiesPerLib = table.entities().stream().collect(Collectors.groupingBy(Ent::libId, Collectors.counting()));
        Map<String, Long> samplesPerLib = table.samples().stream().collect(Collectors.groupingBy(Smp::libId, Collectors.counting()));
        Map<String, Long> samplesPerEntity = table.samples().stream()
            .collect(Collectors.groupingBy(Smp::entityId, Collectors.counting()));
        Map<String, Long> libsPerAlgorithm = table.libs().stream()
            .collect(Collectors.groupingBy(lib -> TableContents.countKey(lib.tenant(), lib.algorithm()), TreeMap::new, Collectors.counting()));
        List<String> wrong = new ArrayList<>();
        for (Lib lib : table.libs()) {
            if (lib.entityCount() != entitiesPerLib.getOrDefault(lib.libId(), 0L)
                || lib.sampleCount() != samplesPerLib.getOrDefault(lib.libId(), 0L)) {
                wrong.add(lib + " holds " + entitiesPerLib.get(lib.libId()) + " entities and " + samplesPerLib.get(lib.libId()) + " samples");
            }
        }
        for (Ent entity : table.entities()) {
            if (entity.sampleCount() != samplesPerEntity.getOrDefault(entity.entityId(), 0L)) {
                wrong.add(entity + " has " + samplesPerEntity.get(entity.entityId()) + " samples");
            }
        }
        table.libCounts().forEach((key, count) -> {
            if (count != libsPerAlgorithm.getOrDefault(key, 0L)) {
                wrong.add(key + " counts " + count + " libraries for " + libsPerAlgorithm.get(key));
            }
        });
        assertEquals(List.of(), wrong, "counters that differ from the records they count");
    }

    /** TotalCount of every listing, and the ids its pages give, against the records in the table. */
    private static void assertCountsTheListingsReport(Openrecog service, TableContents table) {
        List<String> wrong = new ArrayList<>();
        Map<String, List<Lib>> byAlgorithm = table.libs().stream().collect(Collectors.groupingBy(Lib::algorithm));
        for (String algorithm : List.of("face", "logo", "landmark", "object", "label")) {
            Set<String> libs = ids(byAlgorithm.getOrDefault(algorithm, List.of()), Lib::libId);
            Set<String> listed = listAll(service, Call.of("ListRecognitionLibs").with("Algorithm", algorithm), "Libs", "Lib", "LibId", libs.size(), wrong);
            if (!listed.equals(libs)) {
                wrong.add(algorithm + " libraries listed " + listed.size() + ", in the table " + libs.size());
            }
        }
        for (Lib lib : table.libs()) {
            List<Ent> entities = table.entities().stream().filter(e -> e.libId().equals(lib.libId())).toList();
            Set<String> listed = listAll(service, Call.of("ListRecognitionEntities").with("Algorithm", lib.algorithm())
                .with("LibId", lib.libId()), "Entities", "Entity", "EntityId", entities.size(), wrong);
            if (!listed.equals(ids(entities, Ent::entityId))) {
                wrong.add("entities of " + lib.libId() + " listed " + listed.size() + ", in the table " + entities.size());
            }
            long samples = table.samples().stream().filter(s -> s.libId().equals(lib.libId())).count();
            totalCount(service, Call.of("ListRecognitionSamples").with("Algorithm", lib.algorithm()).with("LibId", lib.libId())
                .with("EntityId", "ANY"), samples, wrong);
            for (Ent entity : entities) {
                totalCount(service, Call.of("ListRecognitionSamples").with("Algorithm", lib.algorithm()).with("LibId", lib.libId())
                    .with("EntityId", entity.entityId()), table.samples().stream().filter(s -> s.entityId().equals(entity.entityId())).count(),
                    wrong);
            }
        }
        assertEquals(List.of(), wrong, "listings whose TotalCount or pages differ from the table");
    }

    /** Every page of a listing; each page's TotalCount must be the expected one. */
    private static Set<String> listAll(Openrecog service, Call call, String listName, String itemName, String idName, long expected,
                                       List<String> wrong) {
        Set<String> ids = new TreeSet<>();
        for (int page = 1; page == 1 || (page - 1) * PAGE < expected; page++) {
            Reply reply = service.call(TENANT, call.with("PageNumber", Integer.toString(page)).with("PageSize", Integer.toString(PAGE)));
            if (reply.totalCount() != expected) {
                wrong.add(call + " TotalCount " + reply.totalCount() + ", expected " + expected);
            }
            reply.items(listName, itemName).forEach(item -> ids.add((String) item.get(idName)));
        }
        return ids;
    }

    private static void totalCount(Openrecog service, Call call, long expected, List<String> wrong) {
        Reply reply = service.call(TENANT, call.with("PageSize", "1"));
        if (!reply.ok() || reply.totalCount() != expected) {
            wrong.add(call + " answered " + reply.body() + ", expected TotalCount " + expected);
        }
    }

    private static String summary(int writers, int operations, long seed, double seconds, Queue<Outcome> ledger, TableContents table) {
        Map<String, Integer> answers = new TreeMap<>();
        ledger.forEach(o -> answers.merge(o.op() + " " + o.status() + (o.code() == null ? "" : " " + o.code()), 1, Integer::sum));
        long fiveHundreds = ledger.stream().filter(o -> o.status() >= 500).count();
        long photoSamples = ledger.stream().filter(o -> o.op() == Op.CREATE_SAMPLE && o.ok() && !o.target().algorithm().equals("label"))
            .count();
        return String.format("CONCURRENCY %d writers x %d operations (seed %d) in %.1f s, %.0f operations/s; 5xx=%d; answers %s "
                + "(%d samples from photos); left %d libraries, %d entities, %d samples", writers, operations, seed, seconds,
            writers * operations / seconds, fiveHundreds, answers, photoSamples, table.libs().size(), table.entities().size(),
            table.samples().size());
    }
}
