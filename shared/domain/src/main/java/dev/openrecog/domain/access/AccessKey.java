package dev.openrecog.domain.access;

import dev.openrecog.domain.Tenant;

import java.security.SecureRandom;
import java.util.Objects;

/** An access key pair as the official clients use it: the id they send, the secret they sign with, and whose it is. */
public final class AccessKey {
    private static final char[] ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final char[] SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String id;
    private final String secret;
    private final Tenant tenant;

    public AccessKey(String id, String secret, Tenant tenant) {
        this.id = Objects.requireNonNull(id);
        this.secret = Objects.requireNonNull(secret);
        this.tenant = Objects.requireNonNull(tenant);
    }

    /** A new random key pair for {@code tenant}: a 24-character id (110 random bits) and a 40-character secret (238 bits). */
    public static AccessKey generate(Tenant tenant) {
        return new AccessKey("OR" + random(ID_ALPHABET, 22), random(SECRET_ALPHABET, 40), tenant);
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    public String id() {
        return id;
    }

    public String secret() {
        return secret;
    }

    /** The tenant every request signed with this key acts as. */
    public Tenant tenant() {
        return tenant;
    }

    /** Never shows the secret, so that a key can be logged or put in a message safely. */
    @Override
    public String toString() {
        return "AccessKey[" + id + ", tenant " + tenant.id() + "]";
    }
}
