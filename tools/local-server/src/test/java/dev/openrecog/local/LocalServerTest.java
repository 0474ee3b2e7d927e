package dev.openrecog.local;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local server as a user reaches it with curl: real HTTP on loopback, data kept in a folder. */
class LocalServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void everyWayOfCallingReachesTheSameOperations() throws Exception {
        try (LocalServer server = start(0)) {
            String base = "http://127.0.0.1:" + server.port();
            Map<String, Object> created = ok(post(base + "/CreateRecognitionLib", "application/x-www-form-urlencoded",
                "Algorithm=face&LibName=my+staff&LibDescription=%E5%91%98%E5%B7%A5"));
            String libId = (String) created.get("LibId");
            assertNotNull(created.get("RequestId"));

            // As the official SDKs call: POST / with every parameter in the query and the action in a header,
            // plus the common parameters, which are accepted and ignored until signatures are verified.
            Map<String, Object> listed = ok(send(HttpRequest.newBuilder(URI.create(base + "/?Algorithm=face&PageNumber=1&PageSize=10"
                    + "&Version=2020-11-09&Format=JSON&RegionId=cn-shanghai&AccessKeyId=key&SignatureMethod=HMAC-SHA1"
                    + "&SignatureVersion=1.0&SignatureNonce=abc&Timestamp=2026-11-22T00%3A00%3A00Z&Signature=sig"))
                .header("x-acs-action", "ListRecognitionLibs").POST(HttpRequest.BodyPublishers.noBody())));
            assertEquals(1, listed.get("TotalCount"));
            @SuppressWarnings("unchecked")
            Map<String, Object> lib = ((List<Map<String, Object>>) ((Map<String, Object>) listed.get("Libs")).get("Lib")).get(0);
            assertEquals(Map.of("LibId", libId, "LibName", "my staff", "LibDescription", "员工"), lib);

            Map<String, Object> entity = ok(post(base + "/", "application/json",
                "{\"Action\":\"CreateRecognitionEntity\",\"Algorithm\":\"face\",\"LibId\":\"" + libId
                    + "\",\"EntityName\":\"Alice\",\"EntityInfo\":{\"team\":\"blue\"}}"));
            ok(send(HttpRequest.newBuilder(URI.create(base + "/?Action=CreateRecognitionSample&Algorithm=face&LibId=" + libId
                + "&EntityId=" + entity.get("EntityId") + "&ImageUrl=https%3A%2F%2Fexample.com%2Fa.jpg")).GET()));
            Map<String, Object> entities = ok(post(base + "/ListRecognitionEntities", null,
                "Algorithm=face&LibId=" + libId));
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
        Path dog = Path.of("/usr/share/darknet/data/dog.jpg");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(dog), "Debian's darknet package is not installed");
        try (LocalServer server = start(0)) {
            String base = "http://127.0.0.1:" + server.port();
            Map<String, Object> stored = ok(send(HttpRequest.newBuilder(URI.create(base + "/objects/photos/2026/my%20dog.jpg"))
                .PUT(HttpRequest.BodyPublishers.ofFile(dog))));
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
