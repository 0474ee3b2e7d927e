package dev.openrecog.sdktests;

import com.aliyun.imm20200930.models.DetectImageLabelsRequest;
import com.aliyun.imm20200930.models.DetectImageLabelsResponse;
import com.aliyun.imm20200930.models.Label;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.local.LocalServer;
import dev.openrecog.local.LocalSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official clients, unchanged, against the local server: the recognition operations through
 * tea-openapi's callApi (ICE 2020-11-09, RPC style; signed with ACS3-HMAC-SHA256 by default, or with
 * the RPC v1 HMAC-SHA1 signature when the config asks for "v2"), DetectImageLabels through the IMM
 * client (ACS3-HMAC-SHA256). Answers must parse into the clients' models; errors must surface as a
 * TeaException with openrecog's code and message. Samples are real photos: the server downloads an
 * ImageUrl from a {@link PhotoServer} on 127.0.0.1 (the pom allows that address to the server's fetcher)
 * or reads an oss:// object from its data folder.
 */
class OfficialClientsTest {
    private static final Path DOG = Path.of("/usr/share/darknet/data/dog.jpg");
    /** Five people, 150 to 250 px faces in a 1920 x 1398 photo: face-api's demo/sample5.jpg, in the folder the pom names. */
    private static final Path GROUP_PHOTO = Path.of(System.getProperty("openrecog.faceapi.demo", "(openrecog.faceapi.demo unset)"),
        "sample5.jpg");

    @TempDir
    static Path data;
    private static LocalServer server;
    private static String accessKeyId;
    private static String accessKeySecret;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(new LocalSettings(0, "127.0.0.1", data, "openrecog", "sdk-tenant", "signature",
            data.resolve("access-keys.json"), 0));
        Map<String, Object> keys = JSON.std.mapFrom(Files.readString(data.resolve("access-keys.json")));
        @SuppressWarnings("unchecked")
        Map<String, String> generated = ((List<Map<String, String>>) keys.get("AccessKeys")).get(0);
        accessKeyId = generated.get("AccessKeyId");
        accessKeySecret = generated.get("AccessKeySecret");
        assertEquals("sdk-tenant", generated.get("Tenant"), "the first start generates a key for the local tenant");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theIceRecognitionOperationsThroughCallApi() throws Exception {
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config());

        String libId = (String) ice(client, "CreateRecognitionLib", Map.of("Algorithm", "face", "LibName", "员工 staff",
            "LibDescription", "Office staff")).get("LibId");
        Map<String, Object> libs = ice(client, "ListRecognitionLibs", Map.of("Algorithm", "face", "PageNumber", "1", "PageSize", "10"));
        assertEquals(1, ((Number) libs.get("TotalCount")).intValue());
        assertEquals("员工 staff", first(libs, "Libs", "Lib").get("LibName"));

        String entityId = (String) ice(client, "CreateRecognitionEntity", Map.of("Algorithm", "face", "LibId", libId,
            "EntityName", "Alice", "EntityInfo", "{\"team\":\"blue\"}")).get("EntityId");
        assertEquals("{\"team\":\"blue\"}", first(ice(client, "ListRecognitionEntities", Map.of("Algorithm", "face", "LibId", libId,
            "PageNumber", "1", "PageSize", "10")), "Entities", "Entity").get("EntityInfo"));

        String sampleId;
        String imageUrl;
        try (PhotoServer photos = new PhotoServer(groupPhoto())) {
            imageUrl = photos.url("/alice%201.jpg?size=large&v=2");
            sampleId = (String) ice(client, "CreateRecognitionSample", Map.of("Algorithm", "face", "LibId", libId,
                "EntityId", entityId, "ImageUrl", imageUrl)).get("SampleId");
            assertEquals(List.of("/alice%201.jpg?size=large&v=2"), photos.requested(), "the server downloads the URL as given");
        }
        Map<String, Object> sample = first(ice(client, "ListRecognitionSamples", Map.of("Algorithm", "face", "LibId", libId,
            "EntityId", "ANY", "EntityName", "Alice", "PageNumber", "1", "PageSize", "10")), "Samples", "Sample");
        assertEquals(sampleId, sample.get("SampleId"));
        assertEquals(imageUrl, sample.get("ImageUrl"), "signed query encoding survives");

        ice(client, "DeleteRecognitionSample", Map.of("Algorithm", "face", "LibId", libId, "EntityId", entityId, "SampleId", sampleId));
        ice(client, "DeleteRecognitionEntity", Map.of("Algorithm", "face", "LibId", libId, "EntityId", entityId));
        ice(client, "DeleteRecognitionLib", Map.of("Algorithm", "face", "LibId", libId));
        assertEquals(0, ((Number) ice(client, "ListRecognitionLibs", Map.of("Algorithm", "face", "PageNumber", "1",
            "PageSize", "10")).get("TotalCount")).intValue());
    }

    @Test
    void recognizeImageFindsAnEnrolledFaceThroughCallApi() throws Exception {
        byte[] group = groupPhoto();
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config());
        String libId = (String) ice(client, "CreateRecognitionLib", Map.of("Algorithm", "face", "LibName", "team")).get("LibId");
        String entityId = (String) ice(client, "CreateRecognitionEntity", Map.of("Algorithm", "face", "LibId", libId,
            "EntityName", "Bob")).get("EntityId");
        String sampleId;
        try (PhotoServer photos = new PhotoServer(group)) {
            sampleId = (String) ice(client, "CreateRecognitionSample", Map.of("Algorithm", "face", "LibId", libId,
                "EntityId", entityId, "ImageUrl", photos.url("/team/bob.jpg"))).get("SampleId");
        }
        putObject("photos/sdk/team.jpg", group);

        Map<String, Object> found = ice(client, "RecognizeImage", Map.of("Algorithm", "face", "LibId", libId,
            "SourceURI", "oss://photos/sdk/team.jpg"));

        List<Map<String, Object>> matches = items(found, "Matches", "Match");
        assertEquals(1, matches.size(), "five people in the photo, the largest face enrolled: " + matches);
        Map<String, Object> match = matches.get(0);
        assertEquals(List.of(libId, entityId, "Bob", sampleId),
            List.of(match.get("LibId"), match.get("EntityId"), match.get("EntityName"), match.get("SampleId")));
        double score = ((Number) match.get("Score")).doubleValue();
        assertTrue(score > 0.9 && score <= 1, "the enrolled face itself: " + match);
        @SuppressWarnings("unchecked")
        Map<String, Object> boundary = (Map<String, Object>) match.get("Boundary");
        int left = ((Number) boundary.get("Left")).intValue();
        int top = ((Number) boundary.get("Top")).intValue();
        int width = ((Number) boundary.get("Width")).intValue();
        int height = ((Number) boundary.get("Height")).intValue();
        assertTrue(left >= 0 && top >= 0 && left + width <= 1920 && top + height <= 1398, "inside the photo: " + boundary);
        assertTrue(width > 120 && width < 300 && height > 120 && height < 300, "a face's box, 150 to 250 px: " + boundary);
        ice(client, "DeleteRecognitionLib", Map.of("Algorithm", "face", "LibId", libId)); // the other tests count face libraries
    }

    @Test
    void aClientSigningWithTheRpcV1SignatureWorksAsWell() throws Exception {
        com.aliyun.teaopenapi.Client v1 = new com.aliyun.teaopenapi.Client(config().setSignatureAlgorithm("v2"));
        String libId = (String) ice(v1, "CreateRecognitionLib", Map.of("Algorithm", "logo", "LibName", "brand marks")).get("LibId");
        Map<String, Object> listed = ice(v1, "ListRecognitionLibs", Map.of("Algorithm", "logo", "LibId", libId,
            "PageNumber", "1", "PageSize", "10"));
        assertEquals("brand marks", first(listed, "Libs", "Lib").get("LibName"));
    }

    @Test
    void errorsSurfaceAsTeaExceptionsWithOurCodeAndMessage() throws Exception {
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config());
        TeaException invalid = assertThrows(TeaException.class,
            () -> ice(client, "CreateRecognitionLib", Map.of("Algorithm", "scene", "LibName", "x")));
        assertEquals("InvalidParameter", invalid.getCode());
        assertTrue(invalid.getMessage().contains("Algorithm must be one of"), invalid.getMessage());
        TeaException missing = assertThrows(TeaException.class,
            () -> ice(client, "DeleteRecognitionLib", Map.of("Algorithm", "face", "LibId", "0123456789abcdef0123456789abcdef")));
        assertEquals("LibNotFound", missing.getCode());
        assertEquals(404, ((Number) missing.getData().get("statusCode")).intValue());
        TeaException notRecognized = assertThrows(TeaException.class, () -> ice(client, "RecognizeImage", Map.of("Algorithm", "face",
            "LibId", "0123456789abcdef0123456789abcdef", "SourceURI", "oss://photos/sdk/none.jpg")));
        assertEquals("LibNotFound", notRecognized.getCode());
        assertTrue(notRecognized.getMessage().contains("0123456789abcdef0123456789abcdef"), notRecognized.getMessage());
        assertEquals(404, ((Number) notRecognized.getData().get("statusCode")).intValue());
    }

    @Test
    void detectImageLabelsThroughTheImmClient() throws Exception {
        assumeTrue(Files.exists(DOG), "Debian's darknet package is not installed");
        putObject("photos/sdk/dog.jpg", Files.readAllBytes(DOG));
        com.aliyun.imm20200930.Client imm = new com.aliyun.imm20200930.Client(config());

        DetectImageLabelsResponse response = imm.detectImageLabels(new DetectImageLabelsRequest()
            .setProjectName("demo").setSourceURI("oss://photos/sdk/dog.jpg").setThreshold(0.3F));

        assertEquals(200, response.getStatusCode());
        List<Label> labels = response.getBody().getLabels();
        Map<String, Label> byName = labels.stream().collect(Collectors.toMap(Label::getLabelName, label -> label));
        assertTrue(byName.containsKey("狗"), byName.keySet().toString());
        assertEquals("犬科动物", byName.get("狗").getParentLabelName());
        assertEquals(3L, byName.get("狗").getLabelLevel());
        assertEquals("zh-Hans", byName.get("狗").getLanguage());
        assertTrue(byName.get("狗").getLabelConfidence() >= 0.3F);

        TeaException missing = assertThrows(TeaException.class, () -> imm.detectImageLabels(new DetectImageLabelsRequest()
            .setProjectName("demo").setSourceURI("oss://photos/sdk/none.jpg")));
        assertEquals("ObjectNotFound", missing.getCode());
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRefusedWithAlibabasCodes() throws Exception {
        int before = libraryCount("face");
        for (String algorithm : new String[] {"ACS3-HMAC-SHA256", "v2"}) {
            com.aliyun.teaopenapi.Client wrongSecret = new com.aliyun.teaopenapi.Client(config()
                .setAccessKeySecret("not-the-secret").setSignatureAlgorithm(algorithm));
            TeaException mismatch = assertThrows(TeaException.class,
                () -> ice(wrongSecret, "CreateRecognitionLib", Map.of("Algorithm", "face", "LibName", "x")));
            assertEquals("SignatureDoesNotMatch", mismatch.getCode(), algorithm);
            assertEquals(400, ((Number) mismatch.getData().get("statusCode")).intValue());

            com.aliyun.teaopenapi.Client unknown = new com.aliyun.teaopenapi.Client(config()
                .setAccessKeyId("ORNOSUCHKEY").setSignatureAlgorithm(algorithm));
            TeaException notFound = assertThrows(TeaException.class,
                () -> ice(unknown, "CreateRecognitionLib", Map.of("Algorithm", "face", "LibName", "x")));
            assertEquals("InvalidAccessKeyId.NotFound", notFound.getCode(), algorithm);
        }
        assertEquals(before, libraryCount("face"), "nothing was created by a refused request");
    }

    @Test
    void aReplayedRequestIsRefusedAsANonceUsedTwice() throws Exception {
        int before = libraryCount("landmark");
        for (String algorithm : new String[] {"ACS3-HMAC-SHA256", "v2"}) {
            try (RecordingProxy proxy = new RecordingProxy()) {
                com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config()
                    .setHttpProxy(proxy.address()).setSignatureAlgorithm(algorithm));
                ice(client, "CreateRecognitionLib", Map.of("Algorithm", "landmark", "LibName", "replayed " + algorithm));

                HttpResponse<String> replay = proxy.send(proxy.last());
                assertEquals(400, replay.statusCode(), replay.body());
                assertEquals("SignatureNonceUsed", JSON.std.mapFrom(replay.body()).get("Code"), replay.body());
            }
        }
        assertEquals(before + 2, libraryCount("landmark"), "each signed request created its library once");
    }

    @Test
    void aParameterChangedOnTheWayIsRefused() throws Exception {
        int before = libraryCount("object");
        for (String algorithm : new String[] {"ACS3-HMAC-SHA256", "v2"}) {
            try (RecordingProxy proxy = new RecordingProxy()) {
                proxy.alter(request -> request.withUri(URI.create(request.uri.toString().replace("LibName=mine", "LibName=theirs"))));
                com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config()
                    .setHttpProxy(proxy.address()).setSignatureAlgorithm(algorithm));
                TeaException tampered = assertThrows(TeaException.class,
                    () -> ice(client, "CreateRecognitionLib", Map.of("Algorithm", "object", "LibName", "mine")));
                assertTrue(proxy.last().uri.toString().contains("LibName=mine"), proxy.last().uri.toString());
                assertEquals("SignatureDoesNotMatch", tampered.getCode(), algorithm);
            }
        }
        assertEquals(before, libraryCount("object"), "the tampered request changed nothing");
    }

    private static byte[] groupPhoto() throws IOException {
        assumeTrue(Files.isRegularFile(GROUP_PHOTO), "face-api's demo photos are missing (" + GROUP_PHOTO
            + "): run tools/model-converter/setup.sh");
        return Files.readAllBytes(GROUP_PHOTO);
    }

    /** Stores an object in the local server's data folder as {@code oss://<bucketAndKey>} (and labels it, as an upload). */
    private static void putObject(String bucketAndKey, byte[] bytes) throws IOException, InterruptedException {
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/objects/" + bucketAndKey))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
    }

    private static int libraryCount(String algorithm) {
        try {
            com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config());
            return ((Number) ice(client, "ListRecognitionLibs", Map.of("Algorithm", algorithm, "PageNumber", "1",
                "PageSize", "10")).get("TotalCount")).intValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Config config() {
        return new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
            .setEndpoint("127.0.0.1:" + server.port()).setProtocol("HTTP").setRegionId("cn-shanghai");
    }

    /** One ICE operation as the SDK documentation calls an API without a generated client. */
    private static Map<String, Object> ice(com.aliyun.teaopenapi.Client client, String action, Map<String, String> query)
        throws Exception {
        Params params = new Params().setAction(action).setVersion("2020-11-09").setProtocol("HTTP").setMethod("POST")
            .setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("json").setBodyType("json");
        OpenApiRequest request = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(query));
        Map<String, ?> response = client.callApi(params, request, new RuntimeOptions());
        assertEquals(200, ((Number) response.get("statusCode")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.get("body");
        assertTrue(body.get("RequestId") instanceof String, body.toString());
        return body;
    }

    private static Map<String, Object> first(Map<String, Object> page, String list, String item) {
        return items(page, list, item).get(0);
    }

    /** The items of a list in an answer: {@code {"Matches":{"Match":[...]}}} is {@code items(answer, "Matches", "Match")}. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> answer, String list, String item) {
        return (List<Map<String, Object>>) ((Map<String, Object>) answer.get(list)).get(item);
    }
}
