package dev.openrecog.rpc;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Action;
import dev.openrecog.domain.Backends;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.rpc.auth.Authentication;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import dev.openrecog.store.dynamodb.DynamoDbRequestQuota;
import dev.openrecog.store.dynamodb.RecognitionTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A tenant over its per-second quota gets 429 Throttling, and its throttled requests change nothing. */
class RequestQuotaTest {
    private static final String TABLE = "request-quota-test";

    @Test
    void requestsOverTheLimitAreThrottledAndChangeNothing() throws Exception {
        DynamoDbClient client = DynamoDbLocal.shared().client();
        RecognitionTable.createIfMissing(client, TABLE);
        Clock oneSecond = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        Backends backends = LibraryBackends.on(new DynamoDbRecognitionStore(client, TABLE))
            .quota(new DynamoDbRequestQuota(client, TABLE, 5, oneSecond))
            .build();
        RpcEndpoint busy = RpcEndpoint.serving(backends, Action.RECOGNITION_LIBRARY).authenticatedBy(Authentication.anonymous("busy"));
        RpcEndpoint quiet = RpcEndpoint.serving(backends, Action.RECOGNITION_LIBRARY).authenticatedBy(Authentication.anonymous("quiet"));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<HttpResponse>> creates = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            creates.add(() -> busy.handle(new HttpRequest("POST", "/CreateRecognitionLib", Map.of(),
                Map.of("Algorithm", List.of("logo"), "LibName", List.of("burst")), null), null, "r", "test"));
        }
        int created = 0;
        int throttled = 0;
        try {
            for (Future<HttpResponse> response : pool.invokeAll(creates)) {
                HttpResponse answer = response.get();
                if (answer.status() == 200) {
                    created++;
                } else {
                    assertEquals(429, answer.status(), answer.body());
                    assertEquals("Throttling", JSON.std.mapFrom(answer.body()).get("Code"));
                    throttled++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, created, "the limit within one second");
        assertEquals(25, throttled);

        HttpResponse otherTenant = quiet.handle(new HttpRequest("POST", "/ListRecognitionLibs", Map.of(),
            Map.of("Algorithm", List.of("logo")), null), null, "r", "test");
        assertEquals(200, otherTenant.status(), "another tenant's allowance is its own");
        HttpResponse stillBusy = busy.handle(new HttpRequest("POST", "/ListRecognitionLibs", Map.of(),
            Map.of("Algorithm", List.of("logo")), null), null, "r", "test");
        assertEquals(429, stillBusy.status());

        RpcEndpoint unlimited = RpcEndpoint.serving(LibraryBackends.on(new DynamoDbRecognitionStore(client, TABLE)).build(),
            Action.RECOGNITION_LIBRARY).authenticatedBy(Authentication.anonymous("busy"));
        HttpResponse listed = unlimited.handle(new HttpRequest("POST", "/ListRecognitionLibs", Map.of(),
            Map.of("Algorithm", List.of("logo")), null), null, "r", "test");
        assertEquals(5, ((Number) JSON.std.mapFrom(listed.body()).get("TotalCount")).intValue(), "throttled creates stored nothing");
    }
}
