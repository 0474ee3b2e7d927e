package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.domain.access.AccessKeyDirectory;
import dev.openrecog.rpc.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies Alibaba Cloud's V3 signature, {@code ACS3-HMAC-SHA256}, carried as
 * {@code Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2...>,Signature=<hex>}.
 *
 * <p>The canonical request is the method, the raw path, the canonical query (parameters sorted by
 * name, percent-encoded per RFC 3986), one {@code name:value} line for each signed header, the
 * signed header list, and the body's SHA-256 in hex (which must equal {@code x-acs-content-sha256}).
 * The string to sign is {@code ACS3-HMAC-SHA256\n} and the canonical request's SHA-256 in hex; its
 * HMAC-SHA256 under the secret, in hex, is the signature. The signed headers must include
 * {@code host} and every {@code x-acs-*} header sent. Nonce reuse is not checked here.
 */
public final class Acs3Signature {
    static final String ALGORITHM = "ACS3-HMAC-SHA256";

    /**
     * The x-acs-* headers that must be signed when sent: every one the official clients send or the
     * service reads. (HttpRequest offers no list of its header names; with one, every x-acs-* header
     * sent would be checked instead.)
     */
    private final AccessKeyDirectory keys;
    private final Clock clock;

    public Acs3Signature(AccessKeyDirectory keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys);
        this.clock = Objects.requireNonNull(clock);
    }

    public SignatureVerdict verify(HttpRequest request) {
        String authorization = request.header("authorization");
        if (Signing.isBlank(authorization)) {
            return SignatureVerdict.refused(ErrorCode.MISSING_SIGNATURE,
                "The request is not signed: the Authorization header (or the parameter Signature) is required.");
        }
        authorization = authorization.strip();
        int space = authorization.indexOf(' ');
        String algorithm = space < 0 ? authorization : authorization.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            return SignatureVerdict.refused(ErrorCode.UNSUPPORTED_SIGNATURE_METHOD, "The signature algorithm '"
                + ApiException.abbreviate(algorithm) + "' is not supported; use " + ALGORITHM + ".");
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : authorization.substring(space + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return incomplete("the Authorization header must read " + ALGORITHM
                    + " Credential=<AccessKeyId>,SignedHeaders=<h1;h2...>,Signature=<hex>");
            }
            String name = part.substring(0, eq).strip();
            if (fields.put(name, part.substring(eq + 1).strip()) != null) {
                return incomplete("the Authorization header names " + ApiException.abbreviate(name) + " more than once");
            }
        }
        String accessKeyId = fields.get("Credential");
        String signedHeadersText = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        for (String[] required : new String[][] {{"Credential", accessKeyId}, {"SignedHeaders", signedHeadersText},
            {"Signature", signature}}) {
            if (Signing.isBlank(required[1])) {
                return incomplete("the Authorization header has no " + required[0]);
            }
        }

        List<String> signedHeaders = new ArrayList<>();
        for (String name : signedHeadersText.split(";", -1)) {
            if (name.isEmpty()) {
                return incomplete("SignedHeaders has an empty header name");
            }
            signedHeaders.add(name);
        }
        Set<String> signedLower = new TreeSet<>();
        for (String name : signedHeaders) {
            signedLower.add(name.toLowerCase(Locale.ROOT));
            if (request.header(name) == null) {
                return incomplete("the signed header " + ApiException.abbreviate(name) + " is not in the request");
            }
        }
        if (!signedLower.contains("host")) {
            return incomplete("SignedHeaders must include host");
        }
        for (String sent : request.headerNames()) {
            if (sent.startsWith("x-acs-") && !signedLower.contains(sent)) {
                return incomplete("the header " + ApiException.abbreviate(sent)
                    + " is sent but not signed; SignedHeaders must include every x-acs-* header");
            }
        }

        String nonce = request.header("x-acs-signature-nonce");
        String dateText = request.header("x-acs-date");
        String contentSha256 = request.header("x-acs-content-sha256");
        for (String[] required : new String[][] {{"x-acs-signature-nonce", nonce}, {"x-acs-date", dateText},
            {"x-acs-content-sha256", contentSha256}}) {
            if (Signing.isBlank(required[1])) {
                return incomplete("the header " + required[0] + " is required");
            }
        }
        Instant timestamp = Signing.parseUtcTimestamp(dateText.strip());
        if (timestamp == null) {
            return SignatureVerdict.refused(ErrorCode.INVALID_TIMESTAMP_FORMAT, "The specified x-acs-date '"
                + ApiException.abbreviate(dateText) + "' is not in ISO 8601 UTC form, such as 2024-01-31T08:00:00Z.");
        }
        AccessKey key = keys.find(accessKeyId).orElse(null);
        if (key == null) {
            return SignatureVerdict.refused(ErrorCode.INVALID_ACCESS_KEY_ID_NOT_FOUND, "The specified AccessKeyId '"
                + ApiException.abbreviate(accessKeyId) + "' is not found.");
        }
        String bodySha256 = Signing.lowerHex(Signing.sha256(request.body()));
        if (!bodySha256.equals(contentSha256.strip().toLowerCase(Locale.ROOT))) {
            return SignatureVerdict.refused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "The request body does not match its "
                + "x-acs-content-sha256 header; the body's SHA-256 is " + bodySha256 + ".");
        }

        Map<String, String> params;
        try {
            params = Signing.canonicalParameters(List.of(request.query()), null);
        } catch (Signing.ConflictingParameter e) {
            return SignatureVerdict.refused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "The query parameter " + e.name
                + " is given more than once with different values; a signed request names each parameter once.");
        }
        String canonicalRequest = canonicalRequest(request, params, signedHeaders, signedHeadersText, bodySha256);
        String stringToSign = ALGORITHM + "\n"
            + Signing.lowerHex(Signing.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String expected = Signing.lowerHex(Signing.hmac("HmacSHA256", key.secret(), stringToSign));
        if (!Signing.constantTimeEquals(expected, signature.toLowerCase(Locale.ROOT))) {
            return SignatureVerdict.refused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "The specified signature does not "
                + "match our calculation. Our canonical request is: " + canonicalRequest);
        }
        SignatureVerdict stale = Signing.checkFreshness(timestamp, dateText.strip(), clock);
        return stale != null ? stale : SignatureVerdict.verified(key, nonce, timestamp);
    }

    static String canonicalRequest(HttpRequest request, Map<String, String> sortedParams, List<String> signedHeaders,
                                   String signedHeadersText, String payloadSha256) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            headers.append(name).append(':').append(request.header(name).strip()).append('\n');
        }
        return request.method() + "\n" + request.path() + "\n" + Signing.canonicalQuery(sortedParams) + "\n"
            + headers + "\n" + signedHeadersText + "\n" + payloadSha256;
    }

    private static SignatureVerdict incomplete(String detail) {
        return SignatureVerdict.refused(ErrorCode.INCOMPLETE_SIGNATURE, "The request signature is incomplete: "
            + detail + ".");
    }
}
