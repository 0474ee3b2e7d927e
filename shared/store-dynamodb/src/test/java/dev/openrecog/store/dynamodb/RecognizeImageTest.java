package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Operation;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.openrecog.domain.Action.DELETE_RECOGNITION_ENTITY;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_LIB;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_SAMPLE;
import static dev.openrecog.domain.Action.RECOGNIZE_IMAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RecognizeImage on DynamoDB Local with the real vision engine, on face-api's group photos: what it finds, and that
 * one warm operation instance, as a function keeps it between requests, follows every change of its libraries.
 */
class RecognizeImageTest {
    /** Where the man of {@link Photos#THREE_PEOPLE} is, and the woman at the top of {@link Photos#FIVE_PEOPLE}. */
    private static final int[] MANS_FACE = {1065, 259, 248, 248};
    private static final int[] WOMANS_FACE = {780, 165, 160, 160};

    private DynamoDbRecognitionStore store;
    private Api api;
    private Operation recognize;
    private ImageServer server;

    @BeforeEach
    void start() throws IOException {
        String table = "openrecog-" + UUID.randomUUID();
        RecognitionTable.createIfMissing(DynamoDbLocal.shared().client(), table);
        store = new DynamoDbRecognitionStore(DynamoDbLocal.shared().client(), table);
        api = new Api(store, "tenant-a");
        recognize = api.operation(RECOGNIZE_IMAGE);
        server = new ImageServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRegisteredFaceIsFoundWhereItIsInAGroupPhoto() {
        String libId = api.createLib("face", "staff");
        String man = api.createEntity("face", libId, "Zhang Wei");
        String sampleId = api.createSample("face", libId, man, Photos.uri(Photos.MAN));

        List<Map<String, Object>> bySourceUri = matches(api.call(recognize, "Algorithm", "face", "LibId", libId,
            "SourceURI", Photos.uri(Photos.THREE_PEOPLE)));

        assertEquals(1, bySourceUri.size(), "the two other people are not him: " + bySourceUri);
        Map<String, Object> match = bySourceUri.get(0);
        assertEquals(List.of(libId, man, "Zhang Wei", sampleId),
            List.of(match.get("LibId"), match.get("EntityId"), match.get("EntityName"), match.get("SampleId")));
        double score = ((Number) match.get("Score")).doubleValue();
        assertTrue(score > 0 && score <= 1, match.toString());
        assertTrue(overlap(boundary(match), MANS_FACE) > 0.5, "found where his face is: " + match);

        List<Map<String, Object>> byImageUrl = matches(api.call(recognize, "Algorithm", "face", "LibId", libId,
            "ImageUrl", server.photo(Photos.THREE_PEOPLE)));
        assertEquals(bySourceUri, byImageUrl, "the same photo downloaded");
        assertEquals(1, server.requests());

        // The Score (given with three decimals) is what Threshold is compared with.
        assertEquals(bySourceUri, matches(api.call(recognize, "Algorithm", "face", "LibId", libId,
            "SourceURI", Photos.uri(Photos.THREE_PEOPLE), "Threshold", Double.toString(score - 0.001))));
        if (score < 0.999) {
            assertEquals(List.of(), matches(api.call(recognize, "Algorithm", "face", "LibId", libId,
                "SourceURI", Photos.uri(Photos.THREE_PEOPLE), "Threshold", Double.toString(score + 0.001))));
        }
    }

    @Test
    void everyoneFoundInAPhotoIsAMatchBestFirstUpToMaxResults() {
        String staff = api.createLib("face", "staff");
        String visitors = api.createLib("face", "visitors");
        String woman = api.createEntity("face", staff, "Li Na");
        api.createSample("face", staff, woman, Photos.uri(Photos.WOMAN));
        // The whole photo as a sample is its largest face: the man on the right, another person.
        String largest = api.createEntity("face", visitors, "Wang Fang");
        api.createSample("face", visitors, largest, Photos.uri(Photos.FIVE_PEOPLE));
        String[] query = {"Algorithm", "face", "LibId", staff + "," + visitors, "SourceURI", Photos.uri(Photos.FIVE_PEOPLE)};

        List<Map<String, Object>> both = matches(api.call(recognize, query));

        assertEquals(2, both.size(), both.toString());
        assertEquals(List.of(woman, largest).stream().sorted().collect(Collectors.toList()),
            both.stream().map(match -> (String) match.get("EntityId")).sorted().collect(Collectors.toList()));
        assertTrue(score(both.get(0)) >= score(both.get(1)), "best first: " + both);
        Map<String, Object> hers = both.stream().filter(match -> match.get("EntityId").equals(woman)).findFirst().orElseThrow();
        assertEquals(staff, hers.get("LibId"));
        assertTrue(overlap(boundary(hers), WOMANS_FACE) > 0.5, hers.toString());
        assertEquals(both.subList(0, 1), matches(api.call(recognize, with(query, "MaxResults", "1"))));
    }

    @Test
    void theWarmOperationFindsWhatWasAddedSinceAndNeverWhatWasDeleted() {
        String libId = api.createLib("face", "staff");
        String man = api.createEntity("face", libId, "Zhang Wei");
        api.createSample("face", libId, man, Photos.uri(Photos.MAN));
        String woman = api.createEntity("face", libId, "Li Na");
        String[] groupOfFive = {"Algorithm", "face", "LibId", libId, "SourceURI", Photos.uri(Photos.FIVE_PEOPLE)};
        String[] groupOfThree = {"Algorithm", "face", "LibId", libId, "SourceURI", Photos.uri(Photos.THREE_PEOPLE)};
        assertEquals(List.of(), entityIds(api.call(recognize, groupOfFive)), "the man is not among the five, Li Na has no sample yet");

        String hers = api.createSample("face", libId, woman, Photos.uri(Photos.WOMAN));
        assertEquals(List.of(woman), entityIds(api.call(recognize, groupOfFive)), "a sample created after the first request");

        api.call(DELETE_RECOGNITION_SAMPLE, "Algorithm", "face", "LibId", libId, "EntityId", woman, "SampleId", hers);
        assertEquals(List.of(), entityIds(api.call(recognize, groupOfFive)), "her only sample deleted");

        api.createSample("face", libId, woman, Photos.uri(Photos.WOMAN));
        assertEquals(List.of(woman), entityIds(api.call(recognize, groupOfFive)));
        api.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityId", woman);
        assertEquals(List.of(), entityIds(api.call(recognize, groupOfFive)), "her entity deleted");

        assertEquals(List.of(man), entityIds(api.call(recognize, groupOfThree)));
        api.call(DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", libId);
        api.fails("LibNotFound", recognize, groupOfThree);
    }

    @Test
    void anotherTenantsLibraryIsNotFoundAndItsImageNotRead() {
        String libId = api.createLib("face", "staff");
        api.createSample("face", libId, api.createEntity("face", libId, "Zhang Wei"), Photos.uri(Photos.MAN));
        Api other = new Api(store, "tenant-b");
        String ownLib = other.createLib("face", "theirs");
        Operation theirs = other.operation(RECOGNIZE_IMAGE);

        other.fails("LibNotFound", theirs, "Algorithm", "face", "LibId", libId, "ImageUrl", server.photo(Photos.THREE_PEOPLE));
        other.fails("LibNotFound", theirs, "Algorithm", "face", "LibId", ownLib + "," + libId,
            "ImageUrl", server.photo(Photos.THREE_PEOPLE));
        assertEquals(0, server.requests());
        assertEquals(List.of(), matches(other.call(theirs, "Algorithm", "face", "LibId", ownLib, "SourceURI", Photos.uri(Photos.THREE_PEOPLE))));
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsRead() {
        String libId = api.createLib("face", "staff");
        api.createSample("face", libId, api.createEntity("face", libId, "Zhang Wei"), Photos.uri(Photos.MAN));
        String logos = api.createLib("logo", "brands");
        String image = server.photo(Photos.THREE_PEOPLE);
        String elevenLibs = IntStream.range(0, 10).mapToObj(i -> Ids.newId()).collect(Collectors.joining(",", libId + ",", ""));

        List<String[]> refused = List.of(
            new String[] {"Algorithm", "face", "ImageUrl", image},
            new String[] {"Algorithm", "face", "LibId", libId},
            new String[] {"Algorithm", "face", "LibId", libId, "ImageUrl", image, "SourceURI", Photos.uri(Photos.THREE_PEOPLE)},
            new String[] {"Algorithm", "face", "LibId", libId, "ImageUrl", image, "Threshold", "2"},
            new String[] {"Algorithm", "face", "LibId", libId, "ImageUrl", image, "MaxResults", "0"},
            new String[] {"Algorithm", "face", "LibId", libId, "ImageUrl", image, "MaxResults", "101"},
            new String[] {"Algorithm", "face", "LibId", elevenLibs, "ImageUrl", image},
            new String[] {"Algorithm", "face", "LibId", libId + "," + logos, "ImageUrl", image},
            new String[] {"Algorithm", "face", "LibId", libId, "ImageUrl", "ftp://127.0.0.1/a.jpg"},
            new String[] {"Algorithm", "scene", "LibId", libId, "ImageUrl", image});
        for (String[] parameters : refused) {
            api.fails("InvalidParameter", recognize, parameters);
        }
        assertTrue(api.fails("InvalidParameter", recognize, "Algorithm", "logo", "LibId", libId, "ImageUrl", image)
            .contains("face library"));
        assertEquals(0, server.requests(), "no image was downloaded");
        assertEquals(1, matches(api.call(recognize, "Algorithm", "face", "LibId", libId, "ImageUrl", image, "MaxResults", "100"))
            .size(), "and the same operation still works");
    }

    private static List<Map<String, Object>> matches(Map<String, Object> response) {
        return Api.items(response, "Matches", "Match");
    }

    private static List<String> entityIds(Map<String, Object> response) {
        return matches(response).stream().map(match -> (String) match.get("EntityId")).collect(Collectors.toList());
    }

    private static double score(Map<String, Object> match) {
        return ((Number) match.get("Score")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static int[] boundary(Map<String, Object> match) {
        Map<String, Object> box = (Map<String, Object>) match.get("Boundary");
        return new int[] {(Integer) box.get("Left"), (Integer) box.get("Top"), (Integer) box.get("Width"), (Integer) box.get("Height")};
    }

    /** Intersection over union of two left, top, width, height boxes. */
    private static double overlap(int[] a, int[] b) {
        double width = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
        double height = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
        if (width <= 0 || height <= 0) {
            return 0;
        }
        double intersection = width * height;
        return intersection / ((double) a[2] * a[3] + (double) b[2] * b[3] - intersection);
    }

    private static String[] with(String[] nameValues, String... more) {
        List<String> all = new ArrayList<>(List.of(nameValues));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }
}
