package dev.openrecog.hostile;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second tenant (the intruder) cannot read, list, add to or delete what the first (the owner) has,
 * by any operation, whatever ids it passes: the owner's alone, mixed with its own, or the owner's
 * where its own are expected. Every case also checks that the answer carries nothing of the owner's
 * that the intruder did not send itself, that a refused call leaves the table exactly as it was, and
 * that no call changes the owner's records. Both tenants enrolled the same face, so RecognizeImage on
 * the intruder's own library would find the owner's entity too if it ever searched the owner's samples.
 *
 * <p>Each case is one entry of {@link #CASES}.
 */
class IsolationTest {
    /** Tenant pairs, including ids that a key scheme escaping only '#', or folding case, would make one. */
    private static final List<List<String>> TENANT_PAIRS = List.of(
        List.of("1234567890123456", "6543210987654321"),
        List.of("a#b", "a%23b"),
        List.of("a%23b", "a#b"),
        List.of("ACCT", "acct"));
    /** Text in every name, description, URL and prompt of the owner's, and never in the intruder's. */
    private static final String SECRET = "owner-secret";
    private static final String SHARED_NAME = "same name in both tenants";

    /**
     * What one tenant has: a face library whose entity has a sample of the face photo {@code faceUri}, a label
     * library whose entity has a LabelPrompt sample (both entities named {@link #SHARED_NAME}), and stored labels.
     */
    private record Records(String faceLib, String labelLib, String entity, String labelEntity, String urlSample,
                           String promptSample, String faceUri, String labelledUri) {
        Set<String> ids() {
            return Set.of(faceLib, labelLib, entity, labelEntity, urlSample, promptSample);
        }
    }

    /**
     * @param ownerTokenLib the owner's library created with {@link #CLIENT_TOKEN}, or null while ClientToken is refused
     */
    private record Fixture(String ownerTenant, String intruderTenant, Records owner, Records intruder, String ownerTokenLib) {
        Set<String> ownerIds() {
            Set<String> ids = new HashSet<>(owner.ids());
            if (ownerTokenLib != null) {
                ids.add(ownerTokenLib);
            }
            return ids;
        }
    }

    /**
     * A call the intruder makes, and the answers it may get: "404 LibNotFound", say, or "200"; a
     * listing's ids must then be exactly {@code listed}, and its TotalCount their number when it is
     * {@code counted}. Only a 200 may change the table, and never the owner's records.
     */
    private record Case(String name, Function<Fixture, Call> call, Set<String> answers, String listName, String itemName,
                        String idName, Function<Fixture, Set<String>> listed, boolean counted) {
    }

    private static Case refused(String name, String answer, Function<Fixture, Call> call) {
        return new Case(name, call, Set.of(answer), null, null, null, null, false);
    }

    /** A listing that succeeds with exactly the intruder's own records. */
    private static Case lists(String name, String listName, String itemName, String idName, Function<Fixture, Set<String>> listed,
                              Function<Fixture, Call> call) {
        return new Case(name, call, Set.of("200"), listName, itemName, idName, listed, true);
    }

    /** A RecognizeImage that succeeds and matches exactly these entities of the intruder's. */
    private static Case recognizes(String name, Function<Fixture, Set<String>> entities, Function<Fixture, Call> call) {
        return new Case(name, call, Set.of("200"), "Matches", "Match", "EntityId", entities, false);
    }

    /** The ClientToken the owner created a library with; another tenant using it must get a library of its own. */
    private static final String CLIENT_TOKEN = "the-same-client-token";
    private static final String TOKEN_LIB_NAME = "token lib";

    private static final List<Case> CASES = List.of(
        lists("ListRecognitionLibs shows only the caller's libraries", "Libs", "Lib", "LibId", f -> Set.of(f.intruder.faceLib),
            f -> Call.of("ListRecognitionLibs").with("Algorithm", "face")),
        lists("ListRecognitionLibs ignores parameters that name a tenant", "Libs", "Lib", "LibId", f -> Set.of(f.intruder.faceLib),
            f -> Call.of("ListRecognitionLibs").with("Algorithm", "face").with("Tenant", f.ownerTenant).with("TenantId", f.ownerTenant)
                .with("OwnerId", f.ownerTenant).with("AccountId", f.ownerTenant)),
        lists("ListRecognitionLibs with the owner's LibId finds nothing", "Libs", "Lib", "LibId", f -> Set.of(),
            f -> Call.of("ListRecognitionLibs").with("Algorithm", "face").with("LibId", f.owner.faceLib)),
        lists("ListRecognitionLibs with a mixed LibId list gives only the caller's", "Libs", "Lib", "LibId",
            f -> Set.of(f.intruder.faceLib),
            f -> Call.of("ListRecognitionLibs").with("Algorithm", "face").with("LibId", f.owner.faceLib + "," + f.intruder.faceLib)),
        lists("ListRecognitionLibs with the owner's label library finds nothing", "Libs", "Lib", "LibId", f -> Set.of(),
            f -> Call.of("ListRecognitionLibs").with("Algorithm", "label").with("LibId", f.owner.labelLib)),
        refused("DeleteRecognitionLib of the owner's library", "404 LibNotFound",
            f -> Call.of("DeleteRecognitionLib").with("Algorithm", "face").with("LibId", f.owner.faceLib)),
        refused("DeleteRecognitionLib of the owner's label library as face does not reveal its algorithm", "404 LibNotFound",
            f -> Call.of("DeleteRecognitionLib").with("Algorithm", "face").with("LibId", f.owner.labelLib)),
        refused("CreateRecognitionEntity in the owner's library", "404 LibNotFound",
            f -> Call.of("CreateRecognitionEntity").with("Algorithm", "face").with("LibId", f.owner.faceLib).with("EntityName", "intruder")),
        refused("ListRecognitionEntities of the owner's library", "404 LibNotFound",
            f -> Call.of("ListRecognitionEntities").with("Algorithm", "face").with("LibId", f.owner.faceLib)),
        refused("DeleteRecognitionEntity of the owner's entity", "404 LibNotFound",
            f -> Call.of("DeleteRecognitionEntity").with("Algorithm", "face").with("LibId", f.owner.faceLib).with("EntityId", f.owner.entity)),
        refused("DeleteRecognitionEntity of the owner's entity through the caller's library", "404 EntityNotFound",
            f -> Call.of("DeleteRecognitionEntity").with("Algorithm", "face").with("LibId", f.intruder.faceLib)
                .with("EntityId", f.owner.entity)),
        refused("CreateRecognitionSample for the owner's entity", "404 LibNotFound",
            f -> Call.of("CreateRecognitionSample").with("Algorithm", "face").with("LibId", f.owner.faceLib)
                .with("EntityId", f.owner.entity).with("ImageUrl", f.intruder.faceUri)),
        refused("CreateRecognitionSample for the owner's entity through the caller's library", "404 EntityNotFound",
            f -> Call.of("CreateRecognitionSample").with("Algorithm", "face").with("LibId", f.intruder.faceLib)
                .with("EntityId", f.owner.entity).with("ImageUrl", f.intruder.faceUri)),
        refused("CreateRecognitionSample of a LabelPrompt for the owner's label entity", "404 LibNotFound",
            f -> Call.of("CreateRecognitionSample").with("Algorithm", "label").with("LibId", f.owner.labelLib)
                .with("EntityId", f.owner.labelEntity).with("LabelPrompt", "a dog")),
        refused("ListRecognitionSamples of the owner's library", "404 LibNotFound",
            f -> Call.of("ListRecognitionSamples").with("Algorithm", "face").with("LibId", f.owner.faceLib).with("EntityId", "ANY")),
        refused("ListRecognitionSamples of a mixed LibId list", "404 LibNotFound",
            f -> Call.of("ListRecognitionSamples").with("Algorithm", "face").with("LibId", f.intruder.faceLib + "," + f.owner.faceLib)
                .with("EntityId", "ANY")),
        refused("ListRecognitionSamples of the owner's entity through the caller's library", "404 EntityNotFound",
            f -> Call.of("ListRecognitionSamples").with("Algorithm", "face").with("LibId", f.intruder.faceLib)
                .with("EntityId", f.owner.entity)),
        lists("ListRecognitionSamples by an entity name both tenants use gives only the caller's", "Samples", "Sample", "SampleId",
            f -> Set.of(f.intruder.urlSample),
            f -> Call.of("ListRecognitionSamples").with("Algorithm", "face").with("LibId", f.intruder.faceLib).with("EntityId", "ANY")
                .with("EntityName", SHARED_NAME)),
        lists("ListRecognitionSamples of LabelPrompts by an entity name both tenants use gives only the caller's", "Samples",
            "Sample", "SampleId", f -> Set.of(f.intruder.promptSample),
            f -> Call.of("ListRecognitionSamples").with("Algorithm", "label").with("LibId", f.intruder.labelLib).with("EntityId", "ANY")
                .with("EntityName", SHARED_NAME)),
        refused("DeleteRecognitionSample of the owner's sample", "404 LibNotFound",
            f -> Call.of("DeleteRecognitionSample").with("Algorithm", "face").with("LibId", f.owner.faceLib)
                .with("EntityId", f.owner.entity).with("SampleId", f.owner.urlSample)),
        refused("DeleteRecognitionSample of the owner's sample through the caller's library", "404 EntityNotFound",
            f -> Call.of("DeleteRecognitionSample").with("Algorithm", "face").with("LibId", f.intruder.faceLib)
                .with("EntityId", f.owner.entity).with("SampleId", f.owner.urlSample)),
        refused("DeleteRecognitionSample of the owner's sample through the caller's entity", "404 SampleNotFound",
            f -> Call.of("DeleteRecognitionSample").with("Algorithm", "face").with("LibId", f.intruder.faceLib)
                .with("EntityId", f.intruder.entity).with("SampleId", f.owner.urlSample)),
        refused("GetImageLabels of an object only the owner uploaded", "404 LabelResultNotFound",
            f -> Call.of("GetImageLabels").with("SourceURI", f.owner.labelledUri)),
        refused("RecognizeImage on the owner's library", "404 LibNotFound",
            f -> Call.of("RecognizeImage").with("Algorithm", "face").with("LibId", f.owner.faceLib).with("SourceURI", f.intruder.faceUri)),
        refused("RecognizeImage on a LibId list with the owner's library", "404 LibNotFound",
            f -> Call.of("RecognizeImage").with("Algorithm", "face").with("LibId", f.intruder.faceLib + "," + f.owner.faceLib)
                .with("ImageUrl", f.intruder.faceUri)),
        refused("RecognizeImage on the owner's label library", "404 LibNotFound",
            f -> Call.of("RecognizeImage").with("Algorithm", "label").with("LibId", f.owner.labelLib).with("SourceURI", f.intruder.faceUri)),
        // At Threshold 0 every face in the photo matches whatever sample is searched: an owner's sample would show.
        recognizes("RecognizeImage on the caller's library finds the face both tenants enrolled as the caller's entity only",
            f -> Set.of(f.intruder.entity),
            f -> Call.of("RecognizeImage").with("Algorithm", "face").with("LibId", f.intruder.faceLib).with("SourceURI", f.intruder.faceUri)
                .with("Threshold", "0")),
        new Case("CreateRecognitionLib with the owner's ClientToken and parameters makes a library of the caller's own",
            f -> Call.of("CreateRecognitionLib").with("Algorithm", "object").with("LibName", TOKEN_LIB_NAME)
                .with("ClientToken", CLIENT_TOKEN), Set.of("200", "400 InvalidParameter"), null, null, null, null, false));

    @TempDir
    static Path objects;

    @TestFactory
    Stream<DynamicNode> noTenantReachesAnotherTenantsRecords() {
        byte[] dog = Photos.darknet("dog");
        byte[] faces = Photos.faces();
        List<DynamicNode> pairs = new ArrayList<>();
        for (int i = 0; i < TENANT_PAIRS.size(); i++) {
            String ownerTenant = TENANT_PAIRS.get(i).get(0);
            String intruderTenant = TENANT_PAIRS.get(i).get(1);
            Openrecog service = Openrecog.everyAction(objects); // a table of its own: pairs share tenants
            Reply tokenLib = service.call(ownerTenant, Call.of("CreateRecognitionLib").with("Algorithm", "object")
                .with("LibName", TOKEN_LIB_NAME).with("ClientToken", CLIENT_TOKEN));
            Fixture fixture = new Fixture(ownerTenant, intruderTenant,
                records(service, ownerTenant, SECRET, i, "oss://photos/owner-" + i + ".jpg", dog, faces),
                records(service, intruderTenant, "intruder", i, "oss://photos/intruder-" + i + ".jpg", dog, faces),
                tokenLib.ok() ? tokenLib.text("LibId") : null);
            Map<String, String> ownersView = ownersView(service, fixture);
            List<DynamicNode> tests = new ArrayList<>();
            CASES.forEach(c -> tests.add(DynamicTest.dynamicTest(c.name(), () -> check(service, fixture, c))));
            tests.add(DynamicTest.dynamicTest("the owner sees its records as before",
                () -> assertEquals(ownersView, ownersView(service, fixture))));
            pairs.add(DynamicContainer.dynamicContainer("'" + intruderTenant + "' against '" + ownerTenant + "'", tests));
        }
        return pairs.stream();
    }

    /**
     * A tenant's records, each name, text and sample URL carrying {@code marker}; the entities are named the same,
     * and the face sample is of the same photo, in every tenant.
     */
    private static Records records(Openrecog service, String tenant, String marker, int pair, String labelledUri, byte[] labelled,
                                   byte[] face) {
        String faceLib = ok(service, tenant, Call.of("CreateRecognitionLib").with("Algorithm", "face").with("LibName", marker + " lib")
            .with("LibDescription", marker + " description")).text("LibId");
        String labelLib = ok(service, tenant, Call.of("CreateRecognitionLib").with("Algorithm", "label").with("LibName", marker + " labels"))
            .text("LibId");
        String entity = ok(service, tenant, Call.of("CreateRecognitionEntity").with("Algorithm", "face").with("LibId", faceLib)
            .with("EntityName", SHARED_NAME).with("EntityInfo", "{\"" + marker + "\":1}")).text("EntityId");
        String labelEntity = ok(service, tenant, Call.of("CreateRecognitionEntity").with("Algorithm", "label").with("LibId", labelLib)
            .with("EntityName", SHARED_NAME)).text("EntityId");
        String faceUri = "oss://photos/" + marker + "-face-" + pair + ".jpg";
        service.store(faceUri, face);
        String urlSample = ok(service, tenant, Call.of("CreateRecognitionSample").with("Algorithm", "face").with("LibId", faceLib)
            .with("EntityId", entity).with("ImageUrl", faceUri)).text("SampleId");
        String promptSample = ok(service, tenant, Call.of("CreateRecognitionSample").with("Algorithm", "label").with("LibId", labelLib)
            .with("EntityId", labelEntity).with("LabelPrompt", "a dog of " + marker)).text("SampleId");
        service.upload(tenant, labelledUri, labelled);
        return new Records(faceLib, labelLib, entity, labelEntity, urlSample, promptSample, faceUri, labelledUri);
    }

    private static Reply ok(Openrecog service, String tenant, Call call) {
        Reply reply = service.call(tenant, call);
        assertTrue(reply.ok(), call + " answered " + reply.body());
        return reply;
    }

    private static void check(Openrecog service, Fixture fixture, Case c) {
        Call call = c.call().apply(fixture);
        TableSnapshot before = service.snapshot();
        Reply reply = service.call(fixture.intruderTenant(), call);
        TableSnapshot after = service.snapshot();

        String answer = c.name() + ": " + call + " answered " + reply.body();
        assertEquals(List.of(), reply.contractViolations(), answer);
        assertTrue(c.answers().contains(reply.status() + (reply.code() == null ? "" : " " + reply.code())), answer);
        if (c.listed() != null) {
            Set<String> listed = reply.items(c.listName(), c.itemName()).stream().map(item -> (String) item.get(c.idName()))
                .collect(Collectors.toSet());
            assertEquals(c.listed().apply(fixture), listed, answer);
            if (c.counted()) {
                assertEquals(listed.size(), reply.totalCount(), answer);
            }
        }
        // An error may name the ids the intruder sent; nothing else of the owner's may appear.
        String sent = call.params().values().toString();
        List<String> leaked = Stream.concat(fixture.ownerIds().stream().filter(id -> !sent.contains(id)), Stream.of(SECRET))
            .filter(reply.body()::contains)
            .toList();
        assertEquals(List.of(), leaked, "the owner's records leaked. " + answer);
        if (reply.ok()) {
            assertFalse(after.tenantsChangedSince(before).contains(fixture.ownerTenant()),
                c.name() + " changed the owner's records:\n" + after.changesSince(before));
        } else {
            assertEquals(before, after, c.name() + " was refused but changed the table:\n" + after.changesSince(before));
        }
    }

    /** What the owner's own listings and labels answer, without the RequestIds. */
    private static Map<String, String> ownersView(Openrecog service, Fixture fixture) {
        Records owner = fixture.owner();
        return Stream.of(
                Call.of("ListRecognitionLibs").with("Algorithm", "face"),
                Call.of("ListRecognitionLibs").with("Algorithm", "label"),
                Call.of("ListRecognitionLibs").with("Algorithm", "object"),
                Call.of("ListRecognitionEntities").with("Algorithm", "face").with("LibId", owner.faceLib()),
                Call.of("ListRecognitionEntities").with("Algorithm", "label").with("LibId", owner.labelLib()),
                Call.of("ListRecognitionSamples").with("Algorithm", "face").with("LibId", owner.faceLib()).with("EntityId", "ANY"),
                Call.of("ListRecognitionSamples").with("Algorithm", "label").with("LibId", owner.labelLib()).with("EntityId", "ANY"),
                Call.of("GetImageLabels").with("SourceURI", owner.labelledUri()))
            .collect(Collectors.toMap(Call::toString, call -> {
                Reply reply = ok(service, fixture.ownerTenant(), call);
                return reply.body().replace(reply.requestId(), "");
            }));
    }
}
