package dev.openrecog.functiontests;

import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.store.dynamodb.RecognitionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider adapters on event shapes events/ does not hold: REST API (v1) events, identities, refusals. */
class AdapterEventsTest {

    @BeforeAll
    static void database() {
        DynamoDbLocal database = EventFilesTest.sharedDatabase();
        RecognitionTable.createIfMissing(database.client(), EventFilesTest.TABLE);
    }

    @Test
    void aRestApiEventWithABase64FormBodyAndTheActionInAHeaderOnly() throws Exception {
        String form = Base64.getEncoder().encodeToString("Algorithm=logo&LibName=brand+marks".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> created = Invoker.body(ok(Invoker.invoke("rpc-gateway", "lambda", restEvent("/", "acct-v1",
            "{\"x-acs-action\":[\"CreateRecognitionLib\"],\"Content-Type\":[\"application/x-www-form-urlencoded\"]}",
            "null", "\"" + form + "\"", true))));
        String libId = (String) created.get("LibId");

        Map<String, Object> listed = Invoker.body(ok(Invoker.invoke("list-recognition-libs", "lambda", restEvent(
            "/ListRecognitionLibs", "acct-v1", "{}",
            "{\"Algorithm\":[\"logo\"],\"PageSize\":[\"50\"]}", "null", false))));
        assertTrue(listed.toString().contains(libId) && listed.toString().contains("brand marks"), listed.toString());
    }

    @Test
    void eachIdentityIsItsOwnTenant() throws Exception {
        Invoker.invoke("create-recognition-lib", "lambda", httpApiEvent("/CreateRecognitionLib",
            "{\"lambda\":{\"tenant\":\"authorized-tenant\"}}", "Algorithm=object&LibName=mine"));
        Map<String, Object> same = Invoker.body(ok(Invoker.invoke("list-recognition-libs", "lambda", httpApiEvent(
            "/ListRecognitionLibs", "{\"lambda\":{\"tenant\":\"authorized-tenant\"}}", "Algorithm=object"))));
        Map<String, Object> other = Invoker.body(ok(Invoker.invoke("list-recognition-libs", "lambda", httpApiEvent(
            "/ListRecognitionLibs", "{\"jwt\":{\"claims\":{\"sub\":\"someone-else\"}}}", "Algorithm=object"))));
        assertEquals(1, same.get("TotalCount"));
        assertEquals(0, other.get("TotalCount"));
    }

    @Test
    void aRequestWithoutIdentityIsRefusedWhenNoDefaultTenantIsSet() throws Exception {
        Map<String, Object> response = Invoker.invoke("list-recognition-libs", "lambda",
            httpApiEvent("/ListRecognitionLibs", "{}", "Algorithm=face"));
        assertEquals(403, response.get("statusCode"));
        assertEquals("Forbidden.NoIdentity", Invoker.body(response).get("Code"));
    }

    @Test
    void anIdentityThatIsNoUsableTenantIsRefused() throws Exception {
        String claim = "x".repeat(300);
        Map<String, Object> response = Invoker.invoke("list-recognition-libs", "lambda", httpApiEvent("/ListRecognitionLibs",
            "{\"jwt\":{\"claims\":{\"sub\":\"" + claim + "\"}}}", "Algorithm=face"));
        assertEquals(403, response.get("statusCode"));
        assertEquals("Forbidden.NoIdentity", Invoker.body(response).get("Code"));
    }

    @Test
    void anOperationFunctionServesOnlyItsOwnAction() throws Exception {
        Map<String, Object> response = Invoker.invoke("list-recognition-libs", "lambda", httpApiEvent(
            "/DeleteRecognitionLib", "{\"iam\":{\"accountId\":\"111122223333\"}}", "Algorithm=face&LibId=0123456789abcdef0123456789abcdef"));
        assertEquals(404, response.get("statusCode"));
        Map<String, Object> body = Invoker.body(response);
        assertEquals("InvalidAction.NotFound", body.get("Code"));
        assertTrue(((String) body.get("Message")).contains("ListRecognitionLibs"), body.toString());
    }

    @Test
    void anFcEventWithMultiValuedQueryParametersAndABase64JsonBody() throws Exception {
        String json = Base64.getEncoder().encodeToString("{\"LibName\":\"地标\",\"Algorithm\":\"landmark\"}"
            .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> response = Invoker.invoke("create-recognition-lib", "fc", "{\"version\":\"v1\",\"rawPath\":\"/\","
            + "\"headers\":{\"Content-Type\":\"application/json\"},\"queryParameters\":{\"Format\":[\"JSON\"]},"
            + "\"body\":\"" + json + "\",\"isBase64Encoded\":true,\"requestContext\":{\"accountId\":\"5678\","
            + "\"requestId\":\"fc-req-1\",\"http\":{\"method\":\"POST\",\"path\":\"/\",\"sourceIp\":\"203.0.113.9\"}}}");
        Map<String, Object> body = Invoker.body(ok(response));
        assertEquals("fc-req-1", body.get("RequestId"));
        Map<String, Object> conflicting = Invoker.invoke("list-recognition-libs", "fc", "{\"version\":\"v1\",\"rawPath\":\"/\","
            + "\"headers\":{},\"queryParameters\":{\"Algorithm\":[\"landmark\",\"face\"]},\"body\":\"\",\"isBase64Encoded\":false,"
            + "\"requestContext\":{\"accountId\":\"5678\",\"requestId\":\"fc-req-2\",\"http\":{\"method\":\"POST\",\"path\":\"/\"}}}");
        assertEquals(400, conflicting.get("statusCode"));
        assertTrue(((String) Invoker.body(conflicting).get("Message")).contains("Algorithm"));
    }

    private static Map<String, Object> ok(Map<String, Object> response) {
        assertEquals(200, response.get("statusCode"), String.valueOf(response.get("body")));
        return response;
    }

    /** An API Gateway REST API (payload 1.0) proxy event with IAM caller identity. */
    private static String restEvent(String path, String account, String multiValueHeaders, String multiValueQuery,
                                    String body, boolean base64) {
        return "{\"resource\":\"" + path + "\",\"path\":\"" + path + "\",\"httpMethod\":\"POST\","
            + "\"headers\":null,\"multiValueHeaders\":" + multiValueHeaders + ","
            + "\"queryStringParameters\":null,\"multiValueQueryStringParameters\":" + multiValueQuery + ","
            + "\"pathParameters\":null,\"stageVariables\":null,"
            + "\"requestContext\":{\"resourcePath\":\"" + path + "\",\"httpMethod\":\"POST\",\"stage\":\"prod\","
            + "\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\",\"accountId\":\"999999999999\","
            + "\"identity\":{\"accountId\":\"" + account + "\",\"sourceIp\":\"203.0.113.7\",\"userArn\":\"arn:aws:iam::"
            + account + ":user/client\"}},"
            + "\"body\":" + body + ",\"isBase64Encoded\":" + base64 + "}";
    }

    /** An HTTP API (payload 2.0) event with the given authorizer block and a form body. */
    private static String httpApiEvent(String path, String authorizer, String form) {
        return "{\"version\":\"2.0\",\"routeKey\":\"POST " + path + "\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
            + "\"headers\":{\"content-type\":\"application/x-www-form-urlencoded\"},"
            + "\"requestContext\":{\"accountId\":\"999999999999\",\"apiId\":\"api1\",\"authorizer\":" + authorizer + ","
            + "\"http\":{\"method\":\"POST\",\"path\":\"" + path + "\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"203.0.113.8\"},"
            + "\"requestId\":\"req\",\"routeKey\":\"POST " + path + "\",\"stage\":\"$default\"},"
            + "\"body\":\"" + form + "\",\"isBase64Encoded\":false}";
    }
}
