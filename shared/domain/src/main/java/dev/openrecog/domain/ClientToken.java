package dev.openrecog.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A caller's ClientToken, bound to the action and the parameters of the request that carried it.
 * For {@link #LIFETIME} after its first use, a request of the same tenant and action with the same
 * token gets the first request's answer and creates nothing; with other parameters it is refused.
 */
public final class ClientToken {
    /** How long a token is remembered after its first use. */
    public static final Duration LIFETIME = Duration.ofHours(24);
    static final int MAX_LENGTH = 64;

    private final Action action;
    private final String value;
    private final String fingerprint;

    private ClientToken(Action action, String value, String fingerprint) {
        this.action = action;
        this.value = value;
        this.fingerprint = fingerprint;
    }

    /**
     * @param parameters the operation's own parameters, name to value (null when absent), in a fixed
     *                   order; the common ones (Timestamp, SignatureNonce...) are not part of it
     */
    static ClientToken of(Action action, String value, Map<String, String> parameters) {
        if (value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw ApiException.invalidParameter("The parameter ClientToken must be 1 to " + MAX_LENGTH
                + " printable ASCII characters; got '" + ApiException.abbreviate(value) + "'.");
        }
        return new ClientToken(action, value, fingerprint(parameters));
    }

    public Action action() {
        return action;
    }

    public String value() {
        return value;
    }

    /** A digest of the request's own parameters: equal for the same parameters, different otherwise. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The answer to a request that reuses this token with other parameters. */
    public ApiException mismatch() {
        return new ApiException(ErrorCode.IDEMPOTENT_PARAMETER_MISMATCH, "The ClientToken '" + value
            + "' was already used for a " + action.wireName() + " request with other parameters.");
    }

    private static String fingerprint(Map<String, String> parameters) {
        // Length-prefixed, so that no two different sets of values give the same text.
        StringBuilder canonical = new StringBuilder();
        parameters.forEach((name, parameter) -> {
            canonical.append(name.length()).append(':').append(name);
            canonical.append(parameter == null ? "-" : parameter.length() + ":" + parameter);
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
