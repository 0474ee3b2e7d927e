package dev.openrecog.local;

import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.store.dynamodb.AccessKeyCipher;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.store.dynamodb.RecognitionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessKeysCommandTest {
    private static final String TABLE = "access-keys-command";
    private static final Map<String, String> ENV = new HashMap<>();

    @BeforeAll
    static void table() {
        DynamoDbLocal database = DynamoDbLocal.shared();
        RecognitionTable.createIfMissing(database.client(), TABLE);
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        ENV.put("OPENRECOG_TABLE_NAME", TABLE);
        ENV.put("OPENRECOG_DYNAMODB_ENDPOINT", database.endpoint().toString());
        ENV.put("OPENRECOG_ACCESS_KEY_KEK", Base64.getEncoder().encodeToString(kek));
    }

    private static final class Run {
        final int status;
        final String out;
        final String err;

        Run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            status = AccessKeysCommand.run(args, ENV, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
            this.out = out.toString(StandardCharsets.UTF_8);
            this.err = err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void createdKeysVerifyAndRevokedOnesDoNot() {
        Run created = new Run("create", "--tenant", "acme");
        assertEquals(0, created.status, created.err);
        Matcher id = Pattern.compile("AccessKeyId: +(\\S+)").matcher(created.out);
        Matcher secret = Pattern.compile("AccessKeySecret: +(\\S+)").matcher(created.out);
        assertTrue(id.find() && secret.find(), created.out);

        var keys = DynamoDbStores.fromEnvironment(ENV).accessKeys(AccessKeyCipher.fromBase64(ENV.get("OPENRECOG_ACCESS_KEY_KEK")));
        var found = keys.find(id.group(1)).orElseThrow();
        assertEquals(secret.group(1), found.secret());
        assertEquals("acme", found.tenant().id());

        assertEquals(0, new Run("revoke", id.group(1)).status);
        var afterRevoke = DynamoDbStores.fromEnvironment(ENV).accessKeys(AccessKeyCipher.fromBase64(ENV.get("OPENRECOG_ACCESS_KEY_KEK")));
        assertTrue(afterRevoke.find(id.group(1)).isEmpty());
    }

    @Test
    void mistakesAreReportedWithoutAStackTrace() {
        Run unknown = new Run("revoke", "ORNOSUCHKEY");
        assertEquals(1, unknown.status);
        assertTrue(unknown.err.contains("No access key ORNOSUCHKEY"), unknown.err);

        Run usage = new Run("create", "acme");
        assertEquals(2, usage.status);
        assertTrue(usage.err.startsWith("usage:"), usage.err);

        String kek = ENV.remove("OPENRECOG_ACCESS_KEY_KEK");
        try {
            Run noKek = new Run("create", "--tenant", "acme");
            assertEquals(1, noKek.status);
            assertTrue(noKek.err.contains("OPENRECOG_ACCESS_KEY_KEK"), noKek.err);
        } finally {
            ENV.put("OPENRECOG_ACCESS_KEY_KEK", kek);
        }
    }
}
