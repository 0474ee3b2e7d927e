package dev.openrecog.hostile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One of many concurrent callers of one tenant: creates and deletes libraries, entities and samples
 * in its own libraries and in libraries every writer shares, deletes what other writers made, and
 * lists as it goes. Every write's answer is handed to the ledger; every listing is checked on the spot.
 * A sample of a label library is a LabelPrompt, which runs no model; any other is a real photo
 * ({@link #FACE_PHOTO}, {@link #PHOTO}) that the recognizer describes between finding the entity and
 * storing the sample, time enough for other writers to delete the entity meanwhile. Most libraries are
 * label libraries, to keep the run short.
 */
final class Writer implements Runnable {
    /** A record some writer made: a library (entityId and sampleId null), an entity (sampleId null) or a sample. */
    record Made(String algorithm, String libId, String entityId, String sampleId) {
    }

    enum Op { CREATE_LIB, DELETE_LIB, CREATE_ENTITY, DELETE_ENTITY, CREATE_SAMPLE, DELETE_SAMPLE, LIST }

    /** One answered call: what was asked, on which record, and the answer. */
    record Outcome(Op op, Made target, int status, String code) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** The records all writers share: a few libraries, and what any writer made in them. */
    static final class Shared {
        private final List<Made> libs = new ArrayList<>();
        private final List<Made> entities = new ArrayList<>();
        private final List<Made> samples = new ArrayList<>();
        private final Set<String> everSharedLibIds = new HashSet<>();

        synchronized void addLib(Made lib) {
            libs.add(lib);
            everSharedLibIds.add(lib.libId());
        }

        synchronized boolean isShared(Made record) {
            return everSharedLibIds.contains(record.libId());
        }

        synchronized void add(Made record) {
            (record.sampleId() != null ? samples : entities).add(record);
        }

        synchronized Made pick(Random random, Kind kind) {
            List<Made> records = kind == Kind.LIB ? libs : kind == Kind.ENTITY ? entities : samples;
            return records.isEmpty() ? null : records.get(random.nextInt(records.size()));
        }

        synchronized void forget(Made record) {
            for (List<Made> shared : List.of(libs, entities, samples)) {
                shared.removeIf(made -> contains(record, made));
            }
        }
    }

    enum Kind { LIB, ENTITY, SAMPLE }

    static final String PAGE_AHEAD_OF_COUNT = "page>TotalCount";
    private static final int MAX_OWN_LIBS = 3;
    /** The objects the sample ImageUrls name; the test stores them. */
    static final String FACE_PHOTO = "oss://photos/faces.jpg";
    static final String PHOTO = "oss://photos/dog.jpg";
    private static final List<String> IMAGE_ALGORITHMS = List.of("face", "logo", "landmark", "object");
    /** One library of its own in this many that a writer creates takes image samples; the others are label libraries. */
    private static final int IMAGE_LIBRARY_ODDS = 20;
    private static final Set<String> RACE_CODES = Set.of("LibNotFound", "EntityNotFound", "SampleNotFound");

    private final Openrecog service;
    private final String tenant;
    private final Random random;
    private final int operations;
    private final Shared shared;
    private final Consumer<Outcome> ledger;
    private final List<String> problems;
    private final List<Made> ownLibs = new ArrayList<>();
    private final List<Made> ownEntities = new ArrayList<>();
    private final List<Made> ownSamples = new ArrayList<>();

    /**
     * @param ledger   takes every answer, from any writer's thread
     * @param problems collects answers no race explains, from any writer's thread
     */
    Writer(Openrecog service, String tenant, long seed, int operations, Shared shared, Consumer<Outcome> ledger,
           List<String> problems) {
        this.service = service;
        this.tenant = tenant;
        this.random = new Random(seed);
        this.operations = operations;
        this.shared = shared;
        this.ledger = ledger;
        this.problems = problems;
    }

    @Override
    public void run() {
        for (int i = 0; i < operations; i++) {
            int roll = random.nextInt(1000);
            if (roll < 300) {
                list(pick(Kind.LIB));
            } else if (roll < 360 && ownLibs.size() < MAX_OWN_LIBS) {
                Made lib = createLib(random.nextInt(IMAGE_LIBRARY_ODDS) == 0
                    ? IMAGE_ALGORITHMS.get(random.nextInt(IMAGE_ALGORITHMS.size())) : "label");
                if (lib != null) {
                    ownLibs.add(lib);
                }
            } else if (roll < 560) {
                create(Op.CREATE_ENTITY, pick(Kind.LIB));
            } else if (roll < 800) {
                create(Op.CREATE_SAMPLE, pick(Kind.ENTITY));
            } else if (roll < 880) {
                delete(Op.DELETE_SAMPLE, pick(Kind.SAMPLE));
            } else if (roll < 950) {
                delete(Op.DELETE_ENTITY, pick(Kind.ENTITY));
            } else if (roll < 998) {
                delete(Op.DELETE_LIB, ownLibs.isEmpty() ? null : ownLibs.get(random.nextInt(ownLibs.size())));
            } else {
                replaceSharedLib();
            }
        }
    }

    /** One of this writer's own records or, half of the time or when it has none, a shared one. */
    private Made pick(Kind kind) {
        List<Made> own = kind == Kind.LIB ? ownLibs : kind == Kind.ENTITY ? ownEntities : ownSamples;
        return own.isEmpty() || random.nextBoolean() ? shared.pick(random, kind) : own.get(random.nextInt(own.size()));
    }

    private Made createLib(String algorithm) {
        Reply reply = call(Call.of("CreateRecognitionLib").with("Algorithm", algorithm).with("LibName", "lib"));
        Made lib = reply.ok() ? new Made(algorithm, reply.text("LibId"), null, null) : null;
        ledger.accept(new Outcome(Op.CREATE_LIB, lib, reply.status(), reply.code()));
        return lib;
    }

    /** Creates an entity in a library, or a sample of an entity. */
    private void create(Op op, Made parent) {
        if (parent == null) {
            return;
        }
        Call call = Call.of(op == Op.CREATE_ENTITY ? "CreateRecognitionEntity" : "CreateRecognitionSample")
            .with("Algorithm", parent.algorithm()).with("LibId", parent.libId());
        if (op == Op.CREATE_ENTITY) {
            call.with("EntityName", "entity " + random.nextInt(5));
        } else {
            call.with("EntityId", parent.entityId());
            call = parent.algorithm().equals("label") ? call.with("LabelPrompt", "a photo of a dog")
                : call.with("ImageUrl", parent.algorithm().equals("face") ? FACE_PHOTO : PHOTO);
        }
        Reply reply = call(call);
        Made made = !reply.ok() ? null : op == Op.CREATE_ENTITY
            ? new Made(parent.algorithm(), parent.libId(), reply.text("EntityId"), null)
            : new Made(parent.algorithm(), parent.libId(), parent.entityId(), reply.text("SampleId"));
        ledger.accept(new Outcome(op, made != null ? made : parent, reply.status(), reply.code()));
        if (made == null) {
            forget(parent);
        } else if (shared.isShared(made)) {
            shared.add(made);
        } else {
            (op == Op.CREATE_ENTITY ? ownEntities : ownSamples).add(made);
        }
    }

    private void delete(Op op, Made record) {
        if (record == null) {
            return;
        }
        Call call = Call.of(op == Op.DELETE_LIB ? "DeleteRecognitionLib" : op == Op.DELETE_ENTITY ? "DeleteRecognitionEntity"
            : "DeleteRecognitionSample").with("Algorithm", record.algorithm()).with("LibId", record.libId());
        if (record.entityId() != null) {
            call.with("EntityId", record.entityId());
        }
        if (record.sampleId() != null) {
            call.with("SampleId", record.sampleId());
        }
        Reply reply = call(call);
        ledger.accept(new Outcome(op, record, reply.status(), reply.code()));
        forget(record);
    }

    /** Shares a new library in place of one every writer is using, then deletes that one with everything in it. */
    private void replaceSharedLib() {
        Made old = shared.pick(random, Kind.LIB);
        if (old != null) {
            Made replacement = createLib(old.algorithm());
            if (replacement != null) {
                shared.addLib(replacement);
            }
            delete(Op.DELETE_LIB, old);
        }
    }

    /** Drops a record this writer will not ask for again, with everything under it. */
    private void forget(Made record) {
        for (List<Made> own : List.of(ownLibs, ownEntities, ownSamples)) {
            own.removeIf(made -> contains(record, made));
        }
        shared.forget(record);
    }

    static boolean contains(Made parent, Made child) {
        return parent.libId().equals(child.libId())
            && (parent.entityId() == null || parent.entityId().equals(child.entityId()))
            && (parent.sampleId() == null || parent.sampleId().equals(child.sampleId()));
    }

    /** Calls and keeps every answer that no race between writers explains. */
    private Reply call(Call call) {
        Reply reply = service.call(tenant, call);
        if (!reply.ok() && (reply.code() == null || !RACE_CODES.contains(reply.code()))) {
            problems.add(call + " answered " + reply.status() + " " + reply.body());
        }
        return reply;
    }

    /**
     * A listing of libraries, entities or samples: a page no larger than asked, or a race's 404. TotalCount
     * is read apart from the page, so a concurrent create can put more items on the page than it counts;
     * the ledger notes such a page as {@value #PAGE_AHEAD_OF_COUNT}.
     */
    private void list(Made lib) {
        if (lib == null) {
            return;
        }
        int pageSize = 1 + random.nextInt(20);
        Call call = switch (random.nextInt(3)) {
            case 0 -> Call.of("ListRecognitionLibs").with("Algorithm", lib.algorithm());
            case 1 -> Call.of("ListRecognitionEntities").with("Algorithm", lib.algorithm()).with("LibId", lib.libId());
            default -> Call.of("ListRecognitionSamples").with("Algorithm", lib.algorithm()).with("LibId", lib.libId())
                .with("EntityId", "ANY");
        };
        Reply reply = call(call.with("PageSize", Integer.toString(pageSize)));
        if (!reply.ok()) {
            ledger.accept(new Outcome(Op.LIST, lib, reply.status(), reply.code()));
            return;
        }
        Map.Entry<String, String> names = switch (call.action()) {
            case "ListRecognitionLibs" -> Map.entry("Libs", "Lib");
            case "ListRecognitionEntities" -> Map.entry("Entities", "Entity");
            default -> Map.entry("Samples", "Sample");
        };
        int items = reply.items(names.getKey(), names.getValue()).size();
        if (items > pageSize) {
            problems.add(call + " gave " + items + " items with PageSize " + pageSize);
        }
        ledger.accept(new Outcome(Op.LIST, lib, reply.status(), items > reply.totalCount() ? PAGE_AHEAD_OF_COUNT : null));
    }
}
