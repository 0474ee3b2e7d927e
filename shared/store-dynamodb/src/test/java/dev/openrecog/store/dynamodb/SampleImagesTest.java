package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.fetch.ImageUrlFetcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.openrecog.domain.Action.CREATE_RECOGNITION_SAMPLE;
import static dev.openrecog.domain.Action.LIST_RECOGNITION_SAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CreateRecognitionSample reads and describes its image before it stores anything, on DynamoDB Local with the real
 * vision engine and image fetcher: an image that cannot be a sample leaves the library as it was, its listing and
 * its revision (what recognition's warm indexes follow) unchanged.
 */
class SampleImagesTest {
    /** Fetches from loopback, and gives up on a silent server after half a second. */
    private static ImageUrlFetcher impatient;
    /** The default address rules: no loopback, no private network. */
    private static ImageUrlFetcher publicOnly;

    private Api api;
    private ImageServer server;

    @BeforeAll
    static void fetchers() {
        impatient = ImageUrlFetcher.builder().allow("127.0.0.1/32").readTimeout(Duration.ofMillis(500))
            .totalTimeout(Duration.ofSeconds(1)).build();
        publicOnly = ImageUrlFetcher.builder().build();
    }

    @AfterAll
    static void closeFetchers() {
        impatient.close();
        publicOnly.close();
    }

    @BeforeEach
    void start() throws IOException {
        String table = "openrecog-" + UUID.randomUUID();
        RecognitionTable.createIfMissing(DynamoDbLocal.shared().client(), table);
        api = new Api(new DynamoDbRecognitionStore(DynamoDbLocal.shared().client(), table), "tenant-a");
        server = new ImageServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anImageUrlIsDownloadedAndDescribedOnce() {
        String libId = api.createLib("face", "staff");
        String entity = api.createEntity("face", libId, "Zhang Wei");
        String url = server.photo(Photos.MAN);

        String sampleId = api.createSample("face", libId, entity, url);

        assertEquals(1, server.requests());
        assertEquals(List.of(Map.of("SampleId", sampleId, "ImageUrl", url, "EntityId", entity, "LibId", libId)),
            Api.items(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", libId, "EntityId", "ANY"), "Samples", "Sample"));
        List<IndexedSample> indexed = api.indexedSamples("face", libId);
        assertEquals(List.of(sampleId), indexed.stream().map(IndexedSample::sampleId).collect(Collectors.toList()));
        assertTrue(indexed.get(0).features().length > 0);
        assertEquals(1, api.library("face", libId).revision());
    }

    @Test
    void aFaceSampleWithoutAFaceIsRefused() {
        String message = refused("InvalidImage.NoFace", api, "face", "ImageUrl", Photos.uri("eagle.jpg"));
        assertTrue(message.startsWith("No face was found in the image"), message);
    }

    @Test
    void somethingThatIsNoImageIsRefused() {
        refused("InvalidParameter", api, "logo", "ImageUrl", Photos.uri(Photos.NOT_AN_IMAGE));
        refused("InvalidParameter", api, "face", "ImageUrl", Photos.uri(Photos.NOT_AN_IMAGE));
    }

    @Test
    void anImageOverTwentyMegabytesIsRefusedUnread() {
        String message = refused("InvalidParameter", api, "logo", "ImageUrl", Photos.uri(Photos.OVERSIZED));
        assertTrue(message.contains("larger than 20971520 bytes"), message);
    }

    @Test
    void aMissingObjectIsNotFound() {
        refused("ObjectNotFound", api, "logo", "ImageUrl", "oss://photos/no-such-photo.jpg");
    }

    @Test
    void aLoopbackUrlIsForbiddenUnlessAllowed() {
        refused("InvalidImageUrl.Forbidden", api.fetchingWith(publicOnly), "face", "ImageUrl", server.photo(Photos.MAN));
        assertEquals(0, server.requests(), "nothing was sent to it");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsADownloadFailure() {
        refused("InvalidImageUrl.DownloadFailed", api.fetchingWith(impatient), "face", "ImageUrl", server.url("/slow"));
    }

    @Test
    void anHttpErrorIsADownloadFailure() {
        String message = refused("InvalidImageUrl.DownloadFailed", api, "face", "ImageUrl", server.url("/missing.jpg"));
        assertTrue(message.contains("404"), message);
    }

    @Test
    void aLabelPromptIsForLabelLibrariesOnly() {
        String message = refused("InvalidParameter", api, "face", "LabelPrompt", "a man with glasses");
        assertTrue(message.contains("label libraries only"), message);
    }

    @Test
    void aLabelPromptThatNamesNothingDetectableIsRefused() {
        String message = refused("InvalidParameter", api, "label", "LabelPrompt", "Full frontal view");
        assertTrue(message.contains("names nothing"), message);
    }

    /**
     * Creates a sample from an ImageUrl or a LabelPrompt in a library of this algorithm that already holds one,
     * asserts the create fails with {@code code} and stores nothing, and returns the message.
     */
    private static String refused(String code, Api api, String algorithm, String parameter, String value) {
        String libId = api.createLib(algorithm, "library");
        String entity = api.createEntity(algorithm, libId, "entity");
        api.createSample(algorithm, libId, entity, new byte[] {1}, null);
        long revision = api.library(algorithm, libId).revision();
        String[] listing = {"Algorithm", algorithm, "LibId", libId, "EntityId", "ANY"};
        long samples = Api.total(api.call(LIST_RECOGNITION_SAMPLES, listing));

        String[] create = {"Algorithm", algorithm, "LibId", libId, "EntityId", entity, parameter, value};
        String message = api.fails(code, CREATE_RECOGNITION_SAMPLE, create);

        assertEquals(samples, Api.total(api.call(LIST_RECOGNITION_SAMPLES, listing)), "no sample was stored");
        assertEquals(revision, api.library(algorithm, libId).revision(), "the library did not change");
        assertEquals(samples, api.indexedSamples(algorithm, libId).size());
        return message;
    }
}
