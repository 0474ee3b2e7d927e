package dev.openrecog.rpc.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningTest {
    @Test
    void percentEncodesAsAlibabaSigns() {
        assertEquals("a%20b%2Ac~d%2Be%26f%3Dg%2Fh-_.", Signing.percentEncode("a b*c~d+e&f=g/h-_."));
        assertEquals("%E5%91%98", Signing.percentEncode("员"));
        assertEquals("%25201", Signing.percentEncode("%201"));
    }

    @Test
    void matchesTheOfficialClientsEncoder() throws Exception {
        String text = "A z*~'()!@#$%^&+=/?;:,[]{}|\\\"<>员工😀";
        assertEquals(com.aliyun.openapiutil.Client.percentEncode(text), Signing.percentEncode(text));
    }

    @Test
    void readsOnlyIsoUtcTimestamps() {
        assertEquals(Instant.parse("2024-01-31T08:00:00Z"), Signing.parseUtcTimestamp("2024-01-31T08:00:00Z"));
        assertEquals(Instant.parse("2024-01-31T08:00:00.123Z"), Signing.parseUtcTimestamp("2024-01-31T08:00:00.123Z"));
        assertNull(Signing.parseUtcTimestamp("2024-01-31T08:00:00+08:00"));
        assertNull(Signing.parseUtcTimestamp("2024-02-30T08:00:00Z"));
        assertNull(Signing.parseUtcTimestamp("1706688000"));
    }

    @Test
    void comparesSignatures() {
        assertTrue(Signing.constantTimeEquals("abc", "abc"));
        assertFalse(Signing.constantTimeEquals("abc", "abd"));
        assertFalse(Signing.constantTimeEquals("abc", "abcd"));
    }
}
