package dev.openrecog.local;

import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.store.dynamodb.AccessKeyCipher;
import dev.openrecog.store.dynamodb.DynamoDbAccessKeys;
import dev.openrecog.store.dynamodb.DynamoDbStores;

import java.io.PrintStream;
import java.util.Map;

/**
 * Manages the access keys of a deployment in signature mode, in its DynamoDB table:
 * {@code create --tenant <tenant>} prints a new key pair (the secret is shown this once), and
 * {@code revoke <AccessKeyId>} stops a key within a minute. The table and the key-encryption key
 * come from the environment, as the functions read them: OPENRECOG_TABLE_NAME, AWS_REGION (or
 * OPENRECOG_DYNAMODB_ENDPOINT) and OPENRECOG_ACCESS_KEY_KEK.
 */
public final class AccessKeysCommand {
    private static final String USAGE = "usage: access-keys create --tenant <tenant> | access-keys revoke <AccessKeyId>";

    private AccessKeysCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            if (args.length == 3 && args[0].equals("create") && args[1].equals("--tenant")) {
                AccessKey key = keys(env).create(Tenant.of(args[2]));
                out.println("AccessKeyId:     " + key.id());
                out.println("AccessKeySecret: " + key.secret());
                out.println("Tenant:          " + key.tenant().id());
                out.println("The secret is not stored readable anywhere: keep it now.");
                return 0;
            }
            if (args.length == 2 && args[0].equals("revoke")) {
                if (!keys(env).revoke(args[1])) {
                    err.println("No access key " + args[1]);
                    return 1;
                }
                out.println("Revoked " + args[1] + "; warm functions stop accepting it within a minute.");
                return 0;
            }
            err.println(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static DynamoDbAccessKeys keys(Map<String, String> env) {
        return DynamoDbStores.fromEnvironment(env).accessKeys(AccessKeyCipher.fromBase64(env.get(AccessKeyCipher.KEY_ENCRYPTION_KEY)));
    }
}
