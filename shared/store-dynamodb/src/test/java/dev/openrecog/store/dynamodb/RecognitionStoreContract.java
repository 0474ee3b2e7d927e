package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.PageRequest;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.SampleScope;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.IndexedSample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.openrecog.domain.Action.CREATE_RECOGNITION_ENTITY;
import static dev.openrecog.domain.Action.CREATE_RECOGNITION_LIB;
import static dev.openrecog.domain.Action.CREATE_RECOGNITION_SAMPLE;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_ENTITY;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_LIB;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_SAMPLE;
import static dev.openrecog.domain.Action.LIST_RECOGNITION_ENTITIES;
import static dev.openrecog.domain.Action.LIST_RECOGNITION_LIBS;
import static dev.openrecog.domain.Action.LIST_RECOGNITION_SAMPLES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every store must show, driven through the operations as a caller sees them. Each
 * test gets a new table, so tests never see each other's records.
 */
abstract class RecognitionStoreContract {
    protected DynamoDbClient client;
    protected String table;
    private DynamoDbRecognitionStore store;
    private Api api;

    /** A client for the DynamoDB the contract runs against. */
    protected abstract DynamoDbClient newClient();

    @BeforeEach
    void freshTable() {
        client = newClient();
        table = "openrecog-" + UUID.randomUUID();
        RecognitionTable.createIfMissing(client, table);
        store = new DynamoDbRecognitionStore(client, table);
        api = new Api(store, "tenant-a");
    }

    // --- libraries ---------------------------------------------------------------------------

    @Test
    void librariesAreListedOldestFirstInPagesWithAnExactTotal() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(api.createLib("face", "lib " + i));
        }
        api.createLib("logo", "other algorithm");

        Map<String, Object> page2 = api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "2", "PageSize", "3");
        assertEquals(7, Api.total(page2));
        assertEquals(2, page2.get("PageNumber"));
        assertEquals(3, page2.get("PageSize"));
        assertEquals(ids.subList(3, 6), libIds(page2));
        assertEquals("lib 3", Api.items(page2, "Libs", "Lib").get(0).get("LibName"));

        Map<String, Object> last = api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "3", "PageSize", "3");
        assertEquals(ids.subList(6, 7), libIds(last));
        Map<String, Object> beyond = api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "9", "PageSize", "50");
        assertEquals(List.of(), libIds(beyond));
        assertEquals(7, Api.total(beyond));
    }

    @Test
    void aLibraryKeepsItsNameAndDescription() {
        String libId = (String) api.call(CREATE_RECOGNITION_LIB, "Algorithm", "logo", "LibName", "商标库",
            "LibDescription", "Brand logos, 2026").get("LibId");
        Map<String, Object> lib = Api.items(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "logo"), "Libs", "Lib").get(0);
        assertEquals(Map.of("LibId", libId, "LibName", "商标库", "LibDescription", "Brand logos, 2026"), lib);
    }

    @Test
    void aLibIdListReturnsTheLibrariesThatExistInTheOrderAsked() {
        String a = api.createLib("object", "a");
        String b = api.createLib("object", "b");
        String logo = api.createLib("logo", "not an object library");
        String missing = "0000000000000000000000000000dead";
        Map<String, Object> page = api.call(LIST_RECOGNITION_LIBS, "Algorithm", "object", "PageNumber", "1", "PageSize", "10",
            "LibId", b + "," + missing + ", " + a + "," + logo + "," + b);
        assertEquals(List.of(b, a), libIds(page));
        assertEquals(2, Api.total(page));
    }

    @Test
    void libraryParametersAreCheckedInBytes() {
        api.createLib("face", "汉".repeat(21));
        String message = api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "汉".repeat(22));
        assertTrue(message.contains("LibName") && message.contains("64 bytes"), message);
        api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "x".repeat(65));
        api.call(CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "x".repeat(64), "LibDescription", "é".repeat(64));
        api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "n", "LibDescription",
            "é".repeat(64) + "x");
        api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "   ");
        api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "Algorithm", "face");
        assertTrue(api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "Algorithm", "scene", "LibName", "n")
            .contains("landmark, object, logo, face, label"));
        api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "LibName", "n");
        assertEquals(2, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")), "rejected calls created nothing");
    }

    @Test
    void pagingParametersAreChecked() {
        api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "1", "PageSize", "1");
        api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "1", "PageSize", "50");
        api.fails("InvalidParameter", LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageSize", "0");
        api.fails("InvalidParameter", LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageSize", "51");
        api.fails("InvalidParameter", LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "0");
        api.fails("InvalidParameter", LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "-3");
        api.fails("InvalidParameter", LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageNumber", "one");
        api.fails("InvalidParameter", LIST_RECOGNITION_LIBS, "Algorithm", "face", "PageSize", "99999999999");
        api.fails("InvalidParameter", LIST_RECOGNITION_LIBS, "Algorithm", "face", "LibId", "not-an-id");
    }

    @Test
    void unknownAndWrongAlgorithmLibrariesAreTold() {
        String face = api.createLib("face", "faces");
        String missing = "00000000000000000000000000000000";
        api.fails("LibNotFound", DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", missing);
        api.fails("LibNotFound", CREATE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", missing, "EntityName", "x");
        api.fails("LibNotFound", LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", missing);
        String message = api.fails("InvalidParameter", CREATE_RECOGNITION_ENTITY, "Algorithm", "logo", "LibId", face,
            "EntityName", "x");
        assertTrue(message.contains("face library"), message);
        api.fails("InvalidParameter", DELETE_RECOGNITION_LIB, "Algorithm", "logo", "LibId", face);
        api.fails("InvalidParameter", DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", "abc");
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
    }

    // --- entities ----------------------------------------------------------------------------

    @Test
    void entitiesAreListedWithTheirInfo() {
        String libId = api.createLib("face", "people");
        String alice = (String) api.call(CREATE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId,
            "EntityName", "Alice", "EntityInfo", "{\"team\":\"blue\"}").get("EntityId");
        String bob = api.createEntity("face", libId, "Bob");
        Map<String, Object> page = api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", libId,
            "PageNumber", "1", "PageSize", "10");
        assertEquals(2, Api.total(page));
        assertEquals(List.of(
            Map.of("EntityId", alice, "EntityName", "Alice", "EntityInfo", "{\"team\":\"blue\"}"),
            Map.of("EntityId", bob, "EntityName", "Bob")), Api.items(page, "Entities", "Entity"));
        Map<String, Object> second = api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", libId,
            "PageNumber", "2", "PageSize", "1");
        assertEquals(bob, Api.items(second, "Entities", "Entity").get(0).get("EntityId"));
    }

    @Test
    void entityParametersAreChecked() {
        String libId = api.createLib("logo", "brands");
        api.createEntity("logo", libId, "ü".repeat(32));
        api.fails("InvalidParameter", CREATE_RECOGNITION_ENTITY, "Algorithm", "logo", "LibId", libId, "EntityName", "ü".repeat(33));
        api.fails("InvalidParameter", CREATE_RECOGNITION_ENTITY, "Algorithm", "logo", "LibId", libId);
        String info256 = "{\"k\":\"" + "v".repeat(248) + "\"}";
        assertEquals(256, info256.length());
        api.call(CREATE_RECOGNITION_ENTITY, "Algorithm", "logo", "LibId", libId, "EntityName", "n", "EntityInfo", info256);
        api.fails("InvalidParameter", CREATE_RECOGNITION_ENTITY, "Algorithm", "logo", "LibId", libId, "EntityName", "n",
            "EntityInfo", "{\"k\":\"" + "v".repeat(249) + "\"}");
        for (String notJson : List.of("{\"a\":", "not json", "{\"a\":1} trailing", "{'a':1}")) {
            String message = api.fails("InvalidParameter", CREATE_RECOGNITION_ENTITY, "Algorithm", "logo", "LibId", libId,
                "EntityName", "n", "EntityInfo", notJson);
            assertTrue(message.contains("EntityInfo"), message);
        }
        assertEquals(2, Api.total(api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "logo", "LibId", libId)));
    }

    @Test
    void deletingAnEntityRemovesItsSamplesAndFixesTheCounts() {
        String libId = api.createLib("label", "pets");
        String dogs = api.createEntity("label", libId, "dogs");
        String cats = api.createEntity("label", libId, "cats");
        api.createPromptSample(libId, dogs, "dog");
        api.createPromptSample(libId, dogs, "puppy");
        String catSample = api.createPromptSample(libId, cats, "cat");

        api.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "label", "LibId", libId, "EntityId", dogs);

        Map<String, Object> entities = api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "label", "LibId", libId);
        assertEquals(1, Api.total(entities));
        Map<String, Object> samples = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", "ANY");
        assertEquals(1, Api.total(samples));
        assertEquals(catSample, Api.items(samples, "Samples", "Sample").get(0).get("SampleId"));
        api.fails("EntityNotFound", DELETE_RECOGNITION_ENTITY, "Algorithm", "label", "LibId", libId, "EntityId", dogs);
        api.fails("EntityNotFound", CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", dogs,
            "LabelPrompt", "dog");
    }

    // --- samples -----------------------------------------------------------------------------

    @Test
    void aSampleNeedsExactlyOneOfImageUrlAndLabelPrompt() {
        String libId = api.createLib("label", "labels");
        String entity = api.createEntity("label", libId, "dogs");
        String photo = Photos.uri("dog.jpg");
        assertTrue(api.fails("InvalidParameter", CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId,
            "EntityId", entity).contains("neither"));
        assertTrue(api.fails("InvalidParameter", CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId,
            "EntityId", entity, "ImageUrl", photo, "LabelPrompt", "a dog on the grass").contains("both"));
        for (String url : List.of("ftp://example.com/a.jpg", "example.com/a.jpg", "https://", "file:///etc/passwd", "oss://bucket")) {
            api.fails("InvalidParameter", CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId,
                "EntityId", entity, "ImageUrl", url);
        }
        String prompt = api.createPromptSample(libId, entity, "a dog on the grass");
        String oss = api.createSample("label", libId, entity, photo);
        Map<String, Object> page = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", entity);
        assertEquals(List.of(
            Map.of("SampleId", prompt, "LabelPrompt", "a dog on the grass", "EntityId", entity, "LibId", libId),
            Map.of("SampleId", oss, "ImageUrl", photo, "EntityId", entity, "LibId", libId)),
            Api.items(page, "Samples", "Sample"));
    }

    @Test
    void samplesAreListedAcrossLibrariesByEntityOrName() {
        String lib1 = api.createLib("label", "one");
        String lib2 = api.createLib("label", "two");
        String alice1 = api.createEntity("label", lib1, "Alice");
        String bob1 = api.createEntity("label", lib1, "Bob");
        String alice2 = api.createEntity("label", lib2, "Alice");
        List<String> expectedAlice = new ArrayList<>();
        expectedAlice.add(api.createPromptSample(lib1, alice1, "Alice's dog"));
        expectedAlice.add(api.createPromptSample(lib1, alice1, "Alice's cat"));
        api.createPromptSample(lib1, bob1, "Bob's bicycle");
        expectedAlice.add(api.createPromptSample(lib2, alice2, "Alice's car"));

        String both = lib1 + "," + lib2;
        Map<String, Object> all = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", both, "EntityId", "ANY",
            "PageSize", "50");
        assertEquals(4, Api.total(all));
        Map<String, Object> byName = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", both, "EntityId", "ANY",
            "EntityName", "Alice", "PageSize", "50");
        assertEquals(3, Api.total(byName));
        assertEquals(expectedAlice, sampleIds(byName));
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Map<String, Object> one = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", both, "EntityId", "ANY",
                "EntityName", "Alice", "PageNumber", Integer.toString(page), "PageSize", "1");
            assertEquals(3, Api.total(one));
            paged.addAll(sampleIds(one));
        }
        assertEquals(expectedAlice, paged, "pages across libraries cover every sample once, in order");
        Map<String, Object> one = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", both, "EntityId", alice2);
        assertEquals(expectedAlice.subList(2, 3), sampleIds(one));
        Map<String, Object> nobody = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", both, "EntityId", "ANY",
            "EntityName", "Carol");
        assertEquals(0, Api.total(nobody));
        api.fails("EntityNotFound", LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", both,
            "EntityId", "0000000000000000000000000000beef");
        api.fails("LibNotFound", LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", lib1 + ",0000000000000000000000000000beef",
            "EntityId", "ANY");
        api.fails("InvalidParameter", LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", both);
        api.fails("InvalidParameter", LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "EntityId", "ANY");
    }

    @Test
    void deletingASampleUpdatesEveryCount() {
        String libId = api.createLib("label", "things");
        String entity = api.createEntity("label", libId, "chair");
        String keep = api.createPromptSample(libId, entity, "chair");
        String drop = api.createPromptSample(libId, entity, "armchair");
        api.call(DELETE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entity, "SampleId", drop);
        Map<String, Object> page = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", "ANY");
        assertEquals(List.of(keep), sampleIds(page));
        assertEquals(1, Api.total(page));
        api.fails("SampleNotFound", DELETE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entity,
            "SampleId", drop);
        api.fails("EntityNotFound", DELETE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId,
            "EntityId", "0000000000000000000000000000beef", "SampleId", keep);
        api.fails("InvalidParameter", DELETE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entity);
    }

    // --- features and revisions --------------------------------------------------------------

    @Test
    void featuresAreIndexedWithTheirSampleAndNeverListed() {
        String libId = api.createLib("face", "people");
        String other = api.createLib("face", "others");
        String alice = api.createEntity("face", libId, "Alice");
        String bob = api.createEntity("face", libId, "Bob");
        String aliceFirst = api.createSample("face", libId, alice, features(1, 768), null);
        String bobs = api.createSample("face", libId, bob, features(2, 4096), null);
        String aliceSecond = api.createSample("face", libId, alice, features(3, 1), null);
        String withoutFeatures = api.createSample("face", libId, alice, null, null);
        api.createSample("face", other, api.createEntity("face", other, "Carol"), features(4, 768), null);

        List<IndexedSample> indexed = api.indexedSamples("face", libId);
        assertEquals(List.of(aliceFirst, aliceSecond, bobs), indexed.stream().map(IndexedSample::sampleId).collect(Collectors.toList()),
            "by entity, then by sample; the sample without features is not there, nor another library's");
        assertEquals(List.of(libId, alice, "Alice"), List.of(indexed.get(0).libId(), indexed.get(0).entityId(), indexed.get(0).entityName()));
        assertEquals(List.of(libId, bob, "Bob"), List.of(indexed.get(2).libId(), indexed.get(2).entityId(), indexed.get(2).entityName()));
        assertArrayEquals(features(1, 768), indexed.get(0).features());
        assertArrayEquals(features(3, 1), indexed.get(1).features());
        assertArrayEquals(features(2, 4096), indexed.get(2).features());

        Tenant tenant = api.tenant();
        List<Library> library = List.of(api.library("face", libId));
        for (SampleScope scope : List.of(SampleScope.all(), SampleScope.entity(alice), SampleScope.entityName("Alice"))) {
            List<Sample> listed = store.listSamples(tenant, library, scope, new PageRequest(1, 50)).items();
            assertTrue(listed.stream().anyMatch(sample -> sample.sampleId().equals(aliceFirst)));
            assertTrue(listed.stream().allMatch(sample -> sample.features() == null), "a listing reads no features");
        }
        assertEquals(4, Api.total(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", libId, "EntityId", "ANY")));
        assertTrue(sampleIds(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", libId, "EntityId", alice))
            .contains(withoutFeatures));
        // Neither the sample items that listings read nor their copies in gsi1 hold the features.
        List<Map<String, AttributeValue>> indexCopies = client.scanPaginator(r -> r.tableName(table).indexName(Keys.GSI1)).items()
            .stream().collect(Collectors.toList());
        List<Map<String, AttributeValue>> samples = client.scanPaginator(r -> r.tableName(table)).items().stream()
            .filter(item -> item.get(Keys.PK).s().startsWith(Keys.libraryContents(tenant, "")) && item.get(Keys.SK).s().startsWith(Keys.SAMPLE_PREFIX))
            .collect(Collectors.toList());
        assertEquals(5, indexCopies.size());
        assertEquals(5, samples.size());
        assertTrue(indexCopies.stream().noneMatch(item -> item.containsKey("features")));
        assertTrue(samples.stream().noneMatch(item -> item.containsKey("features")));
    }

    @Test
    void featuresUpToTheBoundAreKeptAndReadAcrossPages() {
        String libId = api.createLib("logo", "brands");
        String entity = api.createEntity("logo", libId, "acme");
        // 12 of the largest: more than the 1 MB one query answers, so the index is read in pages.
        List<String> sampleIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sampleIds.add(api.createSample("logo", libId, entity, features(i, Sample.MAX_FEATURES_BYTES), null));
        }
        List<IndexedSample> indexed = api.indexedSamples("logo", libId);
        assertEquals(sampleIds, indexed.stream().map(IndexedSample::sampleId).collect(Collectors.toList()));
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(features(i, Sample.MAX_FEATURES_BYTES), indexed.get(i).features());
        }

        long stored = tableItems();
        for (int size : new int[] {Sample.MAX_FEATURES_BYTES + 1, 0}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> api.createSample("logo", libId, entity, new byte[size], null));
            assertTrue(refused.getMessage().contains("1 to 98304 bytes; got " + size), refused.getMessage());
        }
        assertEquals(stored, tableItems(), "refused features store nothing");
    }

    @Test
    void aLibrarysRevisionMovesWithEveryChangeOfItsSamplesAndWithNothingElse() {
        String libId = api.createLib("face", "people");
        String other = api.createLib("face", "others");
        assertEquals(0, revision(libId));
        String alice = api.createEntity("face", libId, "Alice");
        String bob = api.createEntity("face", libId, "Bob");
        String carol = api.createEntity("face", other, "Carol");
        api.createSample("face", other, carol, features(1, 16), null);
        api.createSample("face", other, carol, null, null);
        assertEquals(0, revision(libId), "entities created, another library's samples");

        String first = api.createSample("face", libId, alice, features(1, 16), null);
        assertEquals(1, revision(libId));
        api.createSample("face", libId, alice, null, null);
        assertEquals(2, revision(libId), "a sample without features is a change too");
        api.createSample("face", libId, bob, features(2, 16), null);
        assertEquals(3, revision(libId));

        String face = Photos.uri(Photos.MAN);
        String[] createAgain = {"Algorithm", "face", "LibId", libId, "EntityId", bob, "ImageUrl", face, "ClientToken", "once"};
        api.id(CREATE_RECOGNITION_SAMPLE, createAgain);
        assertEquals(4, revision(libId));
        api.id(CREATE_RECOGNITION_SAMPLE, createAgain);
        assertEquals(4, revision(libId), "a retry answered by its ClientToken changes nothing");
        api.fails("EntityNotFound", CREATE_RECOGNITION_SAMPLE, "Algorithm", "face", "LibId", libId,
            "EntityId", "0000000000000000000000000000beef", "ImageUrl", face);
        api.fails("SampleNotFound", DELETE_RECOGNITION_SAMPLE, "Algorithm", "face", "LibId", libId, "EntityId", alice,
            "SampleId", "0000000000000000000000000000beef");
        api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", libId, "EntityId", "ANY");
        assertEquals(4, revision(libId), "failed changes and reads");

        api.call(DELETE_RECOGNITION_SAMPLE, "Algorithm", "face", "LibId", libId, "EntityId", alice, "SampleId", first);
        assertEquals(5, revision(libId));
        api.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityId", alice);
        assertEquals(6, revision(libId));
        api.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", other, "EntityId", carol);
        api.call(DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", other);
        api.createLib("face", "later");
        assertEquals(6, revision(libId), "other libraries' changes");

        // Every read of the library carries it.
        assertEquals(6, api.library("face", libId).revision());
        Tenant tenant = api.tenant();
        assertEquals(List.of(6L), store.getLibraries(tenant, Algorithm.FACE, List.of(libId)).stream()
            .map(Library::revision).collect(Collectors.toList()));
        assertEquals(6, store.listLibraries(tenant, Algorithm.FACE, new PageRequest(1, 50)).items().stream()
            .filter(library -> library.libId().equals(libId)).findFirst().orElseThrow().revision());
    }

    @Test
    void deletingASampleDeletesItsFeatures() {
        String libId = api.createLib("object", "things");
        String entity = api.createEntity("object", libId, "chair");
        String kept = api.createSample("object", libId, entity, features(1, 512), null);
        String gone = api.createSample("object", libId, entity, features(2, 512), null);

        api.call(DELETE_RECOGNITION_SAMPLE, "Algorithm", "object", "LibId", libId, "EntityId", entity, "SampleId", gone);

        assertEquals(List.of(kept), api.indexedSamples("object", libId).stream().map(IndexedSample::sampleId).collect(Collectors.toList()));
        assertEquals(1, featureItems(libId));
    }

    @Test
    void deletingEntitiesAndLibrariesLeavesNoFeaturesEvenWhenCutShort() {
        String libId = api.createLib("face", "people");
        String kept = api.createLib("face", "kept");
        api.createSample("face", kept, api.createEntity("face", kept, "Keeper"), features(0, 64), null);
        List<String> entities = IntStream.range(0, 3).mapToObj(i -> api.createEntity("face", libId, "person " + i))
            .collect(Collectors.toList());
        // 30 samples each, with features: every purge deletes in several batches.
        for (int i = 0; i < 90; i++) {
            api.createSample("face", libId, entities.get(i % 3), features(i, 256), null);
        }

        api.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityId", entities.get(0));
        assertEquals(60, featureItems(libId));

        // A delete whose function dies at the purge: the entity is gone, and so are its samples for
        // recognition, while their items wait for the retry that finishes the purge.
        assertThrows(IllegalStateException.class, () -> dyingAtPurge().call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face",
            "LibId", libId, "EntityId", entities.get(1)));
        assertEquals(60, featureItems(libId));
        List<IndexedSample> indexed = api.indexedSamples("face", libId);
        assertEquals(30, indexed.size());
        assertTrue(indexed.stream().allMatch(sample -> sample.entityId().equals(entities.get(2))));
        api.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityId", entities.get(1));
        assertEquals(30, featureItems(libId));
        assertEquals(30, api.indexedSamples("face", libId).size());

        assertThrows(IllegalStateException.class, () -> dyingAtPurge().call(DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", libId));
        assertEquals(30, featureItems(libId));
        api.call(DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", libId);

        assertEquals(0, itemsMentioning(libId), "no entity, sample, features or purge record of the library is left");
        assertEquals(1, api.indexedSamples("face", kept).size());
    }

    // --- cascades, concurrency, tenants ------------------------------------------------------

    @Test
    void deletingALibraryWithTenThousandSamplesLeavesNothing() {
        String libId = api.createLib("face", "big");
        String other = api.createLib("face", "kept");
        String kept = api.createSample("face", other, api.createEntity("face", other, "Keeper"), features(0, 64), null);
        List<String> entities = IntStream.range(0, 10).mapToObj(i -> api.createEntity("face", libId, "person " + i))
            .collect(Collectors.toList());
        seedSamples(libId, entities, 10_000);
        assertEquals(10_000, Api.total(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", libId, "EntityId", "ANY")));

        api.call(DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", libId);

        assertEquals(0, itemsMentioning(libId), "no entity, sample or purge record of the library is left");
        assertEquals(List.of(other), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        assertEquals(List.of(kept), sampleIds(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", other, "EntityId", "ANY")));
        api.fails("LibNotFound", DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", libId);
    }

    @Test
    void aDeleteCutShortBeforeFeaturesExistedIsFinishedByTheNextDelete() {
        String libId = api.createLib("logo", "brands");
        String entity = api.createEntity("logo", libId, "acme");
        api.createSample("logo", libId, entity, null, null);
        // What a delete of the version before features left when its function died right after the
        // transaction: the library is gone, the purge (of one range) is recorded, the children remain.
        Tenant tenant = Tenant.of("tenant-a");
        Map<String, AttributeValue> purge = Items.key(Keys.purges(tenant), Keys.librarySk(libId));
        purge.put("purgePartition", Items.s(Keys.libraryContents(tenant, libId)));
        purge.put("purgePrefix", Items.s(""));
        client.transactWriteItems(r -> r.transactItems(
            t -> t.delete(d -> d.tableName(table).key(Items.key(Keys.libraries(tenant, Algorithm.LOGO),
                Keys.librarySk(libId)))),
            t -> t.put(p -> p.tableName(table).item(purge))));
        assertTrue(itemsMentioning(libId) > 0);

        api.call(DELETE_RECOGNITION_LIB, "Algorithm", "logo", "LibId", libId);

        assertEquals(0, itemsMentioning(libId));
    }

    @Test
    void concurrentCreatesAreNeitherLostNorDuplicated() throws Exception {
        List<String> libIds = concurrently(20, i -> api.createLib("label", "lib " + i));
        assertEquals(20, new HashSet<>(libIds).size());
        Map<String, Object> page = api.call(LIST_RECOGNITION_LIBS, "Algorithm", "label", "PageSize", "50");
        assertEquals(20, Api.total(page));
        assertEquals(new HashSet<>(libIds), new HashSet<>(libIds(page)));

        String libId = libIds.get(0);
        String entity = api.createEntity("label", libId, "towers");
        List<String> samples = concurrently(20, i -> api.createPromptSample(libId, entity, "clock tower " + i));
        assertEquals(20, new HashSet<>(samples).size());
        Map<String, Object> listed = api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId,
            "EntityId", entity, "PageSize", "50");
        assertEquals(20, Api.total(listed));
        assertEquals(new HashSet<>(samples), new HashSet<>(sampleIds(listed)));
    }

    @Test
    void anotherTenantSeesNothingAndChangesNothing() {
        String libId = api.createLib("label", "mine");
        String entity = api.createEntity("label", libId, "Alice");
        String sample = api.createPromptSample(libId, entity, "Alice's dog");
        Api other = new Api(store, "tenant-b");

        assertEquals(0, Api.total(other.call(LIST_RECOGNITION_LIBS, "Algorithm", "label")));
        assertEquals(0, Api.total(other.call(LIST_RECOGNITION_LIBS, "Algorithm", "label", "LibId", libId)));
        other.fails("LibNotFound", LIST_RECOGNITION_ENTITIES, "Algorithm", "label", "LibId", libId);
        other.fails("LibNotFound", LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", "ANY");
        other.fails("LibNotFound", CREATE_RECOGNITION_ENTITY, "Algorithm", "label", "LibId", libId, "EntityName", "Mallory");
        other.fails("LibNotFound", CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entity,
            "LabelPrompt", "Mallory's dog");
        other.fails("LibNotFound", DELETE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entity,
            "SampleId", sample);
        other.fails("LibNotFound", DELETE_RECOGNITION_ENTITY, "Algorithm", "label", "LibId", libId, "EntityId", entity);
        other.fails("LibNotFound", DELETE_RECOGNITION_LIB, "Algorithm", "label", "LibId", libId);

        assertEquals(List.of(sample), sampleIds(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId,
            "EntityId", "ANY")));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "label", "LibId", libId)));
    }

    @Test
    void tenantIdsCannotSpellAnotherTenantsKeys() {
        String libId = api.createLib("face", "mine");
        Api lookalike = new Api(store, "tenant-a#A#face");
        assertEquals(0, Api.total(lookalike.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        lookalike.fails("LibNotFound", LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", libId);
    }

    // --- ClientToken --------------------------------------------------------------------------

    @Test
    void aRetryWithTheSameClientTokenGetsTheSameIdAndStoresNothing() {
        String[] lib = {"Algorithm", "face", "LibName", "staff", "ClientToken", "lib-1"};
        String libId = api.id(CREATE_RECOGNITION_LIB, with(lib, "Timestamp", "2026-11-22T10:00:00Z", "SignatureNonce", "n-1"));
        String[] entity = {"Algorithm", "face", "LibId", libId, "EntityName", "Alice", "EntityInfo", "{}", "ClientToken", "entity-1"};
        String entityId = api.id(CREATE_RECOGNITION_ENTITY, entity);
        String[] sample = {"Algorithm", "face", "LibId", libId, "EntityId", entityId, "ImageUrl", Photos.uri(Photos.MAN),
            "ClientToken", "sample-1"};
        String sampleId = api.id(CREATE_RECOGNITION_SAMPLE, sample);
        long stored = tableItems();

        // A retry signs anew: its Timestamp, SignatureNonce and Signature differ, and do not matter.
        assertEquals(libId, api.id(CREATE_RECOGNITION_LIB, with(lib, "Timestamp", "2026-11-22T10:00:09Z", "SignatureNonce", "n-2",
            "Signature", "c2lnbmF0dXJl")));
        assertEquals(entityId, api.id(CREATE_RECOGNITION_ENTITY, entity));
        assertEquals(sampleId, api.id(CREATE_RECOGNITION_SAMPLE, with(sample, "LabelPrompt", "")));

        assertEquals(stored, tableItems(), "a retry stores nothing");
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", libId)));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", libId, "EntityId", "ANY")));
    }

    @Test
    void aClientTokenReusedWithOtherParametersIsRefusedAndChangesNothing() {
        String libId = api.id(CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "staff", "ClientToken", "t");
        String entityId = api.id(CREATE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityName", "Alice", "ClientToken", "t");
        api.id(CREATE_RECOGNITION_SAMPLE, "Algorithm", "face", "LibId", libId, "EntityId", entityId, "ImageUrl", Photos.uri(Photos.MAN),
            "ClientToken", "t");
        long stored = tableItems();

        String message = api.fails("IdempotentParameterMismatch", CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "Staff",
            "ClientToken", "t");
        assertTrue(message.contains("ClientToken 't'"), message);
        api.fails("IdempotentParameterMismatch", CREATE_RECOGNITION_LIB, "Algorithm", "logo", "LibName", "staff", "ClientToken", "t");
        api.fails("IdempotentParameterMismatch", CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "staff",
            "LibDescription", "now with a description", "ClientToken", "t");
        api.fails("IdempotentParameterMismatch", CREATE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityName", "Alice",
            "EntityInfo", "{}", "ClientToken", "t");
        // The token is looked at before the library: a retry aimed elsewhere is told so, not LibNotFound.
        api.fails("IdempotentParameterMismatch", CREATE_RECOGNITION_ENTITY, "Algorithm", "face",
            "LibId", "0000000000000000000000000000dead", "EntityName", "Alice", "ClientToken", "t");
        api.fails("IdempotentParameterMismatch", CREATE_RECOGNITION_SAMPLE, "Algorithm", "face", "LibId", libId, "EntityId", entityId,
            "ImageUrl", Photos.uri(Photos.WOMAN), "ClientToken", "t");

        assertEquals(stored, tableItems(), "a refused retry changes nothing");
    }

    @Test
    void aClientTokenBelongsToOneTenantAndOneAction() {
        String[] create = {"Algorithm", "face", "LibName", "staff", "ClientToken", "shared"};
        String mine = api.id(CREATE_RECOGNITION_LIB, create);
        String theirs = new Api(store, "tenant-b").id(CREATE_RECOGNITION_LIB, create);
        assertNotEquals(mine, theirs);
        api.id(CREATE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", mine, "EntityName", "Alice", "ClientToken", "shared");
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", mine)));
        assertEquals(List.of(mine), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        assertEquals(List.of(theirs), libIds(new Api(store, "tenant-b").call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
    }

    @Test
    void concurrentRequestsWithOneClientTokenCreateOneRecord() throws Exception {
        List<String> libIds = concurrently(20, i -> api.id(CREATE_RECOGNITION_LIB, "Algorithm", "label", "LibName", "racing",
            "ClientToken", "race", "SignatureNonce", "nonce-" + i));
        assertEquals(1, new HashSet<>(libIds).size());
        assertEquals(List.of(libIds.get(0)), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "label")));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "label")));

        String libId = libIds.get(0);
        String entity = api.createEntity("label", libId, "chair");
        List<String> samples = concurrently(20, i -> api.id(CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId,
            "EntityId", entity, "LabelPrompt", "chair", "ClientToken", "race"));
        assertEquals(1, new HashSet<>(samples).size());
        assertEquals(List.of(samples.get(0)), sampleIds(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId,
            "EntityId", entity)));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", "ANY")));
    }

    @Test
    void ofConcurrentRequestsWithOneClientTokenAndDifferentParametersOneWins() throws Exception {
        List<String> outcomes = concurrently(10, i -> {
            try {
                return api.id(CREATE_RECOGNITION_LIB, "Algorithm", "label", "LibName", "lib " + i, "ClientToken", "contested");
            } catch (ApiException e) {
                return e.errorCode().code();
            }
        });
        List<String> winners = outcomes.stream().filter(outcome -> !outcome.equals("IdempotentParameterMismatch"))
            .collect(Collectors.toList());
        assertEquals(1, winners.size(), outcomes.toString());
        assertEquals(winners, libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "label")));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "label")));
    }

    @Test
    void aRetryAfterTheCreatedRecordWasDeletedGetsTheFirstAnswerAndCreatesNothing() {
        String[] createLib = {"Algorithm", "face", "LibName", "staff", "ClientToken", "once"};
        String libId = api.id(CREATE_RECOGNITION_LIB, createLib);
        String entityId = api.createEntity("face", libId, "Alice");
        String[] createSample = {"Algorithm", "face", "LibId", libId, "EntityId", entityId, "ImageUrl", Photos.uri(Photos.MAN),
            "ClientToken", "once"};
        String sampleId = api.id(CREATE_RECOGNITION_SAMPLE, createSample);

        api.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityId", entityId);
        assertEquals(sampleId, api.id(CREATE_RECOGNITION_SAMPLE, createSample), "answered from the token, before the entity is looked up");
        api.call(DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", libId);
        assertEquals(libId, api.id(CREATE_RECOGNITION_LIB, createLib));

        assertEquals(0, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        api.fails("LibNotFound", LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", libId);
    }

    @Test
    void aClientTokenIsRememberedForItsLifetimeByTheTablesTtlAttribute() {
        Instant firstUse = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] create = {"Algorithm", "logo", "LibName", "brands", "ClientToken", "daily"};
        String libId = at(firstUse).id(CREATE_RECOGNITION_LIB, create);
        List<Map<String, AttributeValue>> tokens = client.scanPaginator(r -> r.tableName(table)).items().stream()
            .filter(item -> item.get(Keys.SK).s().equals(Keys.CLIENT_TOKEN_SK)).collect(Collectors.toList());
        assertEquals(1, tokens.size());
        assertEquals(firstUse.plus(ClientToken.LIFETIME).getEpochSecond(), Long.parseLong(tokens.get(0).get("ttl").n()));

        Instant expiry = firstUse.plus(ClientToken.LIFETIME);
        assertEquals(libId, at(expiry.minusSeconds(1)).id(CREATE_RECOGNITION_LIB, create));
        // Expired, even while DynamoDB has not deleted the item yet: the token starts anew.
        String second = at(expiry).id(CREATE_RECOGNITION_LIB, create);
        assertNotEquals(libId, second);
        assertEquals(second, at(expiry.plusSeconds(60)).id(CREATE_RECOGNITION_LIB, create));
        assertEquals(List.of(libId, second), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "logo")));
    }

    @Test
    void aMalformedClientTokenIsRefusedAndCreatesNothing() {
        for (String token : List.of("x".repeat(65), "naïve", "tab\there")) {
            String message = api.fails("InvalidParameter", CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "n", "ClientToken", token);
            assertTrue(message.contains("ClientToken"), message);
        }
        assertEquals(0, tableItems());
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Recognisable feature bytes: {@code size} of them, following from {@code seed}. */
    private static byte[] features(int seed, int size) {
        byte[] features = new byte[size];
        new Random(seed).nextBytes(features);
        return features;
    }

    private long revision(String libId) {
        return api.library("face", libId).revision();
    }

    private long featureItems(String libId) {
        String partition = Keys.features(api.tenant(), libId);
        return client.scanPaginator(r -> r.tableName(table)).items().stream()
            .filter(item -> item.get(Keys.PK).s().equals(partition)).count();
    }

    /**
     * The operations on a store whose function dies at its first BatchWriteItem: a delete's
     * transaction commits, and its purge stops before it removes anything.
     */
    private Api dyingAtPurge() {
        DynamoDbClient dying = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                if (method.getName().equals("batchWriteItem")) {
                    throw new IllegalStateException("the function died");
                }
                try {
                    return method.invoke(client, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        return new Api(new DynamoDbRecognitionStore(dying, table), "tenant-a");
    }

    /** The operations on a store whose clock reads {@code now}. */
    private Api at(Instant now) {
        return new Api(new DynamoDbRecognitionStore(client, table, Clock.fixed(now, ZoneOffset.UTC)), "tenant-a");
    }

    private long tableItems() {
        return client.scanPaginator(r -> r.tableName(table)).items().stream().count();
    }

    private static String[] with(String[] nameValues, String... more) {
        String[] all = Arrays.copyOf(nameValues, nameValues.length + more.length);
        System.arraycopy(more, 0, all, nameValues.length, more.length);
        return all;
    }

    private void seedSamples(String libId, List<String> entityIds, int count) {
        Tenant tenant = Tenant.of("tenant-a");
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entityId = entityIds.get(i % entityIds.size());
            Sample sample = new Sample(libId, entityId, "person",
                Ids.newId(), "oss://photos/person-" + i + ".jpg", null, 0);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Items.sample(tenant, sample)).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                List<WriteRequest> request = List.copyOf(batch);
                client.batchWriteItem(r -> r.requestItems(Map.of(table, request)));
                batch.clear();
            }
        }
        client.updateItem(r -> r.tableName(table)
            .key(Items.key(Keys.libraries(tenant, Algorithm.FACE), Keys.librarySk(libId)))
            .updateExpression("ADD sampleCount :n")
            .expressionAttributeValues(Map.of(":n", Items.n(count))));
    }

    private long itemsMentioning(String libId) {
        return client.scanPaginator(r -> r.tableName(table)).items().stream()
            .filter(item -> item.values().stream().anyMatch(value -> value.s() != null && value.s().contains(libId)))
            .count();
    }

    private static List<String> concurrently(int count, java.util.function.IntFunction<String> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<String>) () -> call.apply(index)));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> libIds(Map<String, Object> page) {
        return Api.items(page, "Libs", "Lib").stream().map(lib -> (String) lib.get("LibId")).collect(Collectors.toList());
    }

    private static List<String> sampleIds(Map<String, Object> page) {
        return Api.items(page, "Samples", "Sample").stream().map(s -> (String) s.get("SampleId")).collect(Collectors.toList());
    }

}
