package dev.openrecog.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.openrecog.domain.Action.CREATE_RECOGNITION_LIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes two create requests "the same request" for a ClientToken, and which tokens are accepted. */
class ClientTokenTest {
    private static final Map<String, String> LIB = Map.of("Algorithm", "face", "LibName", "staff", "ClientToken", "t-1");

    @Test
    void aRequestWithoutATokenHasNone() {
        assertNull(token(Map.of("Algorithm", "face")));
        assertNull(token(Map.of("Algorithm", "face", "ClientToken", "")));
    }

    @Test
    void tokensAreOneToSixtyFourPrintableAsciiCharacters() {
        for (String accepted : List.of("x", "x".repeat(64), " ~!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}", "2026-11-22T10:00:00Z#1")) {
            assertEquals(accepted, token(with(LIB, "ClientToken", accepted)).value());
        }
        for (String refused : List.of("x".repeat(65), "café", "tab\there", "line\nbreak", "del\u007f", "emoji\uD83D\uDE00")) {
            ApiException e = assertThrows(ApiException.class, () -> token(with(LIB, "ClientToken", refused)));
            assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
            assertTrue(e.getMessage().contains("ClientToken") && e.getMessage().contains("64 printable ASCII"), e.getMessage());
        }
    }

    @Test
    void theCommonParametersOfARetryDoNotMakeItAnotherRequest() {
        Map<String, String> retry = new HashMap<>(LIB);
        retry.putAll(Map.of("Timestamp", "2026-11-22T10:00:05Z", "SignatureNonce", "n-2", "Signature", "c2ln", "AccessKeyId", "AK2",
            "Action", "CreateRecognitionLib", "Version", "2020-11-09", "RegionId", "cn-shanghai"));
        assertEquals(token(LIB).fingerprint(), token(retry).fingerprint());
        assertEquals(token(LIB).fingerprint(), token(with(LIB, "LibDescription", "")).fingerprint(), "empty is absent");
    }

    @Test
    void anyDifferenceInTheOperationsOwnParametersDoes() {
        String first = token(LIB).fingerprint();
        assertNotEquals(first, token(with(LIB, "LibName", "Staff")).fingerprint());
        assertNotEquals(first, token(with(LIB, "LibName", "staff ")).fingerprint());
        assertNotEquals(first, token(with(LIB, "Algorithm", "logo")).fingerprint());
        assertNotEquals(first, token(with(LIB, "LibDescription", "d")).fingerprint());
        // The same characters split differently between two parameters are a different request.
        assertNotEquals(token(with(with(LIB, "LibName", "staff"), "LibDescription", "f")).fingerprint(),
            token(with(with(LIB, "LibName", "staf"), "LibDescription", "ff")).fingerprint());
    }

    @Test
    void aReusedTokenWithOtherParametersIsTold() {
        ApiException e = token(LIB).mismatch();
        assertEquals("IdempotentParameterMismatch", e.errorCode().code());
        assertEquals(400, e.errorCode().httpStatus());
        assertTrue(e.getMessage().contains("'t-1'") && e.getMessage().contains("CreateRecognitionLib"), e.getMessage());
    }

    private static ClientToken token(Map<String, String> params) {
        return new Params(params).clientToken(CREATE_RECOGNITION_LIB, "Algorithm", "LibName", "LibDescription");
    }

    private static Map<String, String> with(Map<String, String> params, String name, String value) {
        Map<String, String> changed = new HashMap<>(params);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return changed;
    }
}
