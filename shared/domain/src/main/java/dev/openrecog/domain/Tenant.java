package dev.openrecog.domain;

import java.util.Objects;

/**
 * The owner of every record. It always comes from the platform (an authorizer, an account id, a
 * verified access key or the local default), never from a request parameter.
 */
public final class Tenant {
    private static final int MAX_LENGTH = 256;
    private final String id;

    private Tenant(String id) {
        this.id = id;
    }

    public static Tenant of(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            throw new ApiException(ErrorCode.FORBIDDEN, "The caller's identity is not a usable tenant id (1 to " + MAX_LENGTH
                + " characters).");
        }
        return new Tenant(id);
    }

    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tenant && ((Tenant) other).id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
