package dev.openrecog.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The local server as a user reaches it with curl: real HTTP on loopback, data kept in a folder. */
class LocalServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DOG = Path.of("/usr/share/darknet/data/dog.jpg");

    @TempDir
    Path data;

    @Test
    void everyWayOfCallingReachesTheSameOperations() throws Exception {
        try (LocalServer server = start(0)) {
            String base = "http://127.0.0.1:" + server.port();
            Map<String, Object> created = ok(post(base + "/CreateRecognitionLib", "application/x-www-form-urlencoded",
                "Algorithm=label&LibName=my+pets&LibDescription=%E5%AE%A0%E7%89%A9"));
            String libId = (String) created.get("LibId");
            assertNotNull(created.get("RequestId"));

            // As the official SDKs call: POST / with every parameter in the query and the action in a header,
            // plus the common parameters, which are accepted and ignored until signatures are verified.
            Map<String, Object> listed = ok(send(HttpRequest.newBuilder(URI.create(base + "/?Algorithm=label&PageNumber=1&PageSize=10"
                    + "&Version=2020-11-09&Format=JSON&RegionId=cn-shanghai&AccessKeyId=key&SignatureMethod=HMAC-SHA1"
                    + "&SignatureVersion=1.0&SignatureNonce=abc&Timestamp=2026-11-22T00%3A00%3A00Z&Signature=sig"))
                .header("x-acs-action", "ListRecognitionLibs").POST(HttpRequest.BodyPublishers.noBody())));
            assertEquals(1, listed.get("TotalCount"));
            @SuppressWarnings("unchecked")
            Map<String, Object> lib = ((List<Map<String, Object>>) ((Map<String, Object>) listed.get("Libs")).get("Lib")).get(0);
            assertEquals(Map.of("LibId", libId, "LibName", "my pets", "LibDescription", "宠物"), lib);

            Map<String, Object> entity = ok(post(base + "/", "application/json",
                "{\"Action\":\"CreateRecognitionEntity\",\"Algorithm\":\"label\",\"LibId\":\"" + libId
                    + "\",\"EntityName\":\"Rex\",\"EntityInfo\":{\"team\":\"blue\"}}"));
            ok(send(HttpRequest.newBuilder(URI.create(base + "/?Action=CreateRecognitionSample&Algorithm=label&LibId=" + libId
                + "&EntityId=" + entity.get("EntityId") + "&LabelPrompt=%E5%AE%B6%E9%87%8C%E7%9A%84%E7%8B%97")).GET()));
            Map<String, Object> entities = ok(post(base + "/ListRecognitionEntities", null,
                "Algorithm=label&LibId=" + libId));
            assertTrue(entities.toString().contains("{\"team\":\"blue\"}"), entities.toString());
        }
    }

    @Test
    void errorsAreJsonWithACodeAMessageAndARequestId() throws Exception {
        try (LocalServer server = start(0)) {
            String base = "http://127.0.0.1:" + server.port();
            assertError(post(base + "/CreateRecognitionLib", null, "Algorithm=face"), 400, "InvalidParameter", "LibName");
            assertError(post(base + "/DeleteRecognitionLib", null, "Algorithm=face&LibId=0123456789abcdef0123456789abcdef"),
                404, "LibNotFound", "0123456789abcdef0123456789abcdef");
            assertError(post(base + "/", null, "Action=DescribeEverything"), 404, "InvalidAction.NotFound", "DescribeEverything");
            assertError(post(base + "/", null, "Algorithm=face"), 400, "InvalidParameter", "Action");
            assertError(post(base + "/ListRecognitionLibs", "application/json", "{\"Algorithm\":"), 400, "InvalidParameter", "JSON");
            assertError(post(base + "/ListRecognitionLibs", "application/json", "[1,2]"), 400, "InvalidParameter", "JSON object");
            assertError(post(base + "/ListRecognitionLibs?Algorithm=face", null, "Algorithm=logo"), 400, "InvalidParameter",
                "more than once");
            assertError(post(base + "/ListRecognitionLibs", null, "Algorithm=face&PageSize=%ZZ"), 400, "InvalidParameter",
                "percent-encoding");
            HttpResponse<String> response = post(base + "/ListRecognitionLibs", null, "Algorithm=face");
            assertEquals(0, ok(response).get("TotalCount"), "the rejected calls created nothing");
        }
    }

    @Test
    void aRestartKeepsTheData() throws Exception {
        String libId;
        try (LocalServer server = start(0)) {
            libId = (String) ok(post("http://127.0.0.1:" + server.port() + "/CreateRecognitionLib", null,
                "Algorithm=logo&LibName=brands")).get("LibId");
        }
        try (LocalServer server = start(0)) {
            Map<String, Object> listed = ok(post("http://127.0.0.1:" + server.port() + "/ListRecognitionLibs", null,
                "Algorithm=logo"));
            assertTrue(listed.toString().contains(libId), listed.toString());
        }
    }

    @Test
    void anUploadedImageIsLabelledAndItsLabelsCanBeReadBack() throws Exception {
        assumeTrue(Files.exists(DOG), "Debian's darknet package is not installed");
        try (LocalServer server = start(0)) {
            String base = "http://127.0.0.1:" + server.port();
            Map<String, Object> stored = ok(send(HttpRequest.newBuilder(URI.create(base + "/objects/photos/2026/my%20dog.jpg"))
                .PUT(HttpRequest.BodyPublishers.ofFile(DOG))));
            assertEquals("oss://photos/2026/my dog.jpg", stored.get("SourceURI"));
            assertEquals(Map.of("labelled", 1, "failed", 0, "removed", 0, "unchanged", 0), stored.get("Labelling"));

            Map<String, Object> readBack = ok(post(base + "/GetImageLabels", null, "SourceURI=oss%3A%2F%2Fphotos%2F2026%2Fmy+dog.jpg"));
            assertEquals("SUCCEEDED", readBack.get("Status"));
            assertTrue(readBack.get("Labels").toString().contains("狗"), readBack.toString());

            Map<String, Object> detected = ok(post(base + "/", "application/json", "{\"Action\":\"DetectImageLabels\","
                + "\"ProjectName\":\"demo\",\"SourceURI\":\"oss://photos/2026/my dog.jpg\",\"Language\":\"en\"}"));
            assertTrue(detected.get("Labels").toString().contains("Bicycle"), detected.toString());

            Map<String, Object> text = ok(send(HttpRequest.newBuilder(URI.create(base + "/objects/photos/notes.jpg"))
                .PUT(HttpRequest.BodyPublishers.ofString("not a picture"))));
            assertEquals(Map.of("labelled", 0, "failed", 1, "removed", 0, "unchanged", 0), text.get("Labelling"));
            Map<String, Object> failed = ok(post(base + "/GetImageLabels", null, "SourceURI=oss://photos/notes.jpg"));
            assertEquals("FAILED", failed.get("Status"));
            assertEquals("InvalidParameter", failed.get("ErrorCode"));

            assertError(send(HttpRequest.newBuilder(URI.create(base + "/objects/photos/..%2F..%2Fescape.jpg"))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))), 400, "InvalidParameter", "key");
            assertError(post(base + "/GetImageLabels", null, "SourceURI=oss://photos/never-uploaded.jpg"), 404,
                "LabelResultNotFound", "never-uploaded.jpg");
            assertError(post(base + "/DetectImageLabels", null, "ProjectName=demo&SourceURI=oss://photos/missing.jpg"), 404,
                "ObjectNotFound", "missing.jpg");
        }
    }

    @Test
    void objectsCutFromAPhotoAreRecognizedWhereTheyAreInIt() throws Exception {
        assumeTrue(Files.exists(DOG), "Debian's darknet package is not installed");
        BufferedImage photo = ImageIO.read(DOG.toFile());
        Rectangle bicycleArea = new Rectangle(120, 120, 440, 300);
        Rectangle dogArea = new Rectangle(125, 215, 200, 330);
        HttpServer images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bicycle = jpeg(photo.getSubimage(bicycleArea.x, bicycleArea.y, bicycleArea.width, bicycleArea.height));
        images.createContext("/bicycle.jpg", exchange -> {
            exchange.sendResponseHeaders(200, bicycle.length);
            try (exchange) {
                exchange.getResponseBody().write(bicycle);
            }
        });
        images.start();
        try (LocalServer server = start(0)) {
            String base = "http://127.0.0.1:" + server.port();
            String imageHost = "http://127.0.0.1:" + images.getAddress().getPort();
            putObject("dog.jpg", Files.readAllBytes(DOG));
            putObject("samples/dog.jpg", jpeg(photo.getSubimage(dogArea.x, dogArea.y, dogArea.width, dogArea.height)));
            String libId = (String) ok(post(base + "/CreateRecognitionLib", null, "Algorithm=object&LibName=things")).get("LibId");
            String bicycleId = (String) ok(post(base + "/CreateRecognitionEntity", null,
                "Algorithm=object&LibId=" + libId + "&EntityName=bicycle")).get("EntityId");
            String dogId = (String) ok(post(base + "/CreateRecognitionEntity", null,
                "Algorithm=object&LibId=" + libId + "&EntityName=dog")).get("EntityId");

            // One sample downloaded by the server from its URL, one read from the object folder.
            String bicycleSample = (String) ok(post(base + "/CreateRecognitionSample", null, "Algorithm=object&LibId=" + libId
                + "&EntityId=" + bicycleId + "&ImageUrl=" + imageHost + "/bicycle.jpg")).get("SampleId");
            ok(post(base + "/CreateRecognitionSample", null, "Algorithm=object&LibId=" + libId + "&EntityId=" + dogId
                + "&ImageUrl=oss://photos/samples/dog.jpg"));

            List<Map<String, Object>> matches = matches(ok(post(base + "/RecognizeImage", null,
                "Algorithm=object&LibId=" + libId + "&SourceURI=oss://photos/dog.jpg")));
            assertEquals(List.of("bicycle", "dog"), matches.stream().map(m -> m.get("EntityName")).sorted().collect(Collectors.toList()),
                matches.toString());
            for (Map<String, Object> match : matches) {
                boolean isBicycle = match.get("EntityName").equals("bicycle");
                assertEquals(libId, match.get("LibId"));
                assertEquals(isBicycle ? bicycleId : dogId, match.get("EntityId"));
                double score = ((Number) match.get("Score")).doubleValue();
                assertTrue(score >= 0.5 && score <= 1, match.toString());
                assertTrue(iou(boundary(match), isBicycle ? bicycleArea : dogArea) > 0.8, "found where it was cut from: " + match);
            }
            assertTrue(((Number) matches.get(0).get("Score")).doubleValue() >= ((Number) matches.get(1).get("Score")).doubleValue(),
                "best first");
            assertEquals(1, matches(ok(post(base + "/", null, "Action=RecognizeImage&Algorithm=object&LibId=" + libId
                + "&ImageUrl=oss://photos/dog.jpg&MaxResults=1"))).size());

            // A photo without them matches nothing; a deleted sample no longer matches.
            putObject("eagle.jpg", Files.readAllBytes(DOG.resolveSibling("eagle.jpg")));
            assertEquals(List.of(), matches(ok(post(base + "/RecognizeImage", null,
                "Algorithm=object&LibId=" + libId + "&SourceURI=oss://photos/eagle.jpg"))));
            ok(post(base + "/DeleteRecognitionSample", null, "Algorithm=object&LibId=" + libId + "&EntityId=" + bicycleId
                + "&SampleId=" + bicycleSample));
            assertEquals(List.of("dog"), matches(ok(post(base + "/RecognizeImage", null,
                "Algorithm=object&LibId=" + libId + "&SourceURI=oss://photos/dog.jpg"))).stream()
                .map(m -> m.get("EntityName")).collect(Collectors.toList()));

            // What cannot be recognized or become a sample is refused, and nothing is stored.
            String sample = "Algorithm=object&LibId=" + libId + "&EntityId=" + dogId;
            assertError(post(base + "/CreateRecognitionSample", null, sample + "&ImageUrl=" + imageHost + "/missing.jpg"), 400,
                "InvalidImageUrl.DownloadFailed", "404");
            putObject("notes.jpg", "not a picture".getBytes(StandardCharsets.UTF_8));
            assertError(post(base + "/CreateRecognitionSample", null, sample + "&ImageUrl=oss://photos/notes.jpg"), 400,
                "InvalidParameter", "image");
            assertError(post(base + "/CreateRecognitionSample", null, sample + "&LabelPrompt=dog"), 400, "InvalidParameter", "label");
            assertEquals(1, ok(post(base + "/ListRecognitionSamples", null, "Algorithm=object&LibId=" + libId + "&EntityId=ANY"))
                .get("TotalCount"));
            String recognize = base + "/RecognizeImage";
            assertError(post(recognize, null, "Algorithm=object&LibId=0123456789abcdef0123456789abcdef&SourceURI=oss://photos/dog.jpg"),
                404, "LibNotFound", "0123456789abcdef0123456789abcdef");
            assertError(post(recognize, null, "Algorithm=face&LibId=" + libId + "&SourceURI=oss://photos/dog.jpg"),
                400, "InvalidParameter", "object library");
            assertError(post(recognize, null, "Algorithm=object&LibId=" + libId), 400, "InvalidParameter", "SourceURI");
            assertError(post(recognize, null, "Algorithm=object&LibId=" + libId + "&SourceURI=oss://photos/dog.jpg"
                + "&ImageUrl=oss://photos/dog.jpg"), 400, "InvalidParameter", "both");
            assertError(post(recognize, null, "Algorithm=object&LibId=" + libId + "&SourceURI=oss://photos/dog.jpg&MaxResults=0"),
                400, "InvalidParameter", "MaxResults");
            assertError(post(recognize, null, "Algorithm=object&LibId=" + libId + "&SourceURI=oss://photos/dog.jpg&Threshold=2"),
                400, "InvalidParameter", "Threshold");
            assertError(post(recognize, null, "Algorithm=object&LibId=" + libId + "&SourceURI=oss://photos/missing.jpg"),
                404, "ObjectNotFound", "missing.jpg");
            assertError(post(recognize, null, "Algorithm=object&LibId=" + libId + "&ImageUrl=ftp://example.com/a.jpg"),
                400, "InvalidParameter", "ImageUrl");
        } finally {
            images.stop(0);
        }
    }

    @Test
    void aLabelPromptFindsItsKindOfThingInAPhoto() throws Exception {
        assumeTrue(Files.exists(DOG), "Debian's darknet package is not installed");
        try (LocalServer server = start(0)) {
            String base = "http://127.0.0.1:" + server.port();
            putObject("dog.jpg", Files.readAllBytes(DOG));
            String libId = (String) ok(post(base + "/CreateRecognitionLib", null, "Algorithm=label&LibName=pets")).get("LibId");
            String pets = (String) ok(post(base + "/CreateRecognitionEntity", null, "Algorithm=label&LibId=" + libId
                + "&EntityName=pets")).get("EntityId");
            String birds = (String) ok(post(base + "/CreateRecognitionEntity", null, "Algorithm=label&LibId=" + libId
                + "&EntityName=birds")).get("EntityId");
            ok(post(base + "/CreateRecognitionSample", null, "Algorithm=label&LibId=" + libId + "&EntityId=" + pets
                + "&LabelPrompt=" + URLEncoder.encode("家里的狗", StandardCharsets.UTF_8)));
            ok(post(base + "/CreateRecognitionSample", null, "Algorithm=label&LibId=" + libId + "&EntityId=" + birds
                + "&LabelPrompt=eagle"));
            assertError(post(base + "/CreateRecognitionSample", null, "Algorithm=label&LibId=" + libId + "&EntityId=" + pets
                + "&LabelPrompt=unicorn"), 400, "InvalidParameter", "unicorn");

            List<Map<String, Object>> matches = matches(ok(post(base + "/RecognizeImage", null,
                "Algorithm=label&LibId=" + libId + "&SourceURI=oss://photos/dog.jpg")));
            assertEquals(List.of("pets"), matches.stream().map(m -> m.get("EntityName")).collect(Collectors.toList()), matches.toString());
            assertTrue(iou(boundary(matches.get(0)), new Rectangle(125, 215, 200, 330)) > 0.5, "the dog's box: " + matches);
        }
    }

    /** Puts a file where the server reads {@code oss://photos/<key>} (and {@code s3://photos/<key>}). */
    private void putObject(String key, byte[] bytes) throws Exception {
        Path file = data.resolve("objects").resolve("photos").resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> matches(Map<String, Object> response) {
        return (List<Map<String, Object>>) ((Map<String, Object>) response.get("Matches")).get("Match");
    }

    private static Rectangle boundary(Map<String, Object> match) {
        Map<?, ?> b = (Map<?, ?>) match.get("Boundary");
        return new Rectangle(((Number) b.get("Left")).intValue(), ((Number) b.get("Top")).intValue(),
            ((Number) b.get("Width")).intValue(), ((Number) b.get("Height")).intValue());
    }

    private static double iou(Rectangle a, Rectangle b) {
        Rectangle both = a.intersection(b);
        double common = both.isEmpty() ? 0 : (double) both.width * both.height;
        return common / ((double) a.width * a.height + (double) b.width * b.height - common);
    }

    private static byte[] jpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpg", out));
        return out.toByteArray();
    }

    private LocalServer start(int port) throws Exception {
        return LocalServer.start(new LocalSettings(port, "127.0.0.1", data, "openrecog", "local", "anonymous", data.resolve("access-keys.json"), 0));
    }

    private static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.std.mapFrom(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String messagePart) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        Map<String, Object> body = JSON.std.mapFrom(response.body());
        assertEquals(code, body.get("Code"), response.body());
        assertTrue(((String) body.get("Message")).contains(messagePart), response.body());
        assertNotNull(body.get("RequestId"));
        assertFalse(response.body().contains("at dev.openrecog"), "no stack trace");
    }
}
