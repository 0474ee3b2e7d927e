package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.domain.access.AccessKeyDirectory;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.QueryStrings;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies the RPC signature version 1.0 (HMAC-SHA1) of Alibaba Cloud's RPC-style APIs.
 *
 * <p>The signed parameters are every parameter of the request but {@code Signature}, from the query
 * string and from a form-urlencoded body alike (a client may put them in either). They are sorted by
 * name and percent-encoded (RFC 3986); the string to sign is
 * {@code METHOD&%2F&percentEncode(canonicalized parameters)}, its HMAC-SHA1 under the key
 * {@code secret + "&"}, in Base64, is the signature. A JSON body is not covered by this signature
 * and is refused. The official tea-openapi client leaves parameters with an empty value out of what
 * it signs, other signers keep them as {@code name=}: both readings are accepted, so an added
 * parameter with an empty value goes unnoticed (as it does at Alibaba Cloud). Nonce reuse is not checked here: the verdict carries the nonce for a store that does.
 */
public final class RpcV1Signature {
    static final String METHOD = "HMAC-SHA1";
    static final String VERSION = "1.0";

    private final AccessKeyDirectory keys;
    private final Clock clock;

    public RpcV1Signature(AccessKeyDirectory keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys);
        this.clock = Objects.requireNonNull(clock);
    }

    public SignatureVerdict verify(HttpRequest request) {
        List<Map<String, List<String>>> sources = new ArrayList<>();
        sources.add(request.query());
        String bodyText = new String(request.body(), StandardCharsets.UTF_8).strip();
        if (!bodyText.isEmpty()) {
            if (isJson(request.header("content-type"), bodyText)) {
                return SignatureVerdict.refused(ErrorCode.INCOMPLETE_SIGNATURE, "The signature version 1.0 does not "
                    + "cover a JSON body: send the parameters in the query string or a form-urlencoded body, or sign with "
                    + "ACS3-HMAC-SHA256.");
            }
            try {
                sources.add(QueryStrings.parse(bodyText));
            } catch (RuntimeException e) {
                return SignatureVerdict.refused(ErrorCode.INCOMPLETE_SIGNATURE,
                    "The form body is not valid application/x-www-form-urlencoded text, so its signature cannot be checked.");
            }
        }

        Set<String> signatures = new LinkedHashSet<>();
        sources.forEach(source -> signatures.addAll(source.getOrDefault("Signature", List.of())));
        if (signatures.isEmpty() || signatures.contains("")) {
            return SignatureVerdict.refused(ErrorCode.MISSING_SIGNATURE, signatures.isEmpty()
                ? "The request is not signed: the parameter Signature (or an Authorization header) is required."
                : "The parameter Signature is empty.");
        }
        if (signatures.size() > 1) {
            return SignatureVerdict.refused(ErrorCode.INCOMPLETE_SIGNATURE, "The parameter Signature is given more than once.");
        }
        String signature = signatures.iterator().next();

        Map<String, String> params;
        try {
            params = Signing.canonicalParameters(sources, "Signature");
        } catch (Signing.ConflictingParameter e) {
            return SignatureVerdict.refused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "The parameter " + e.name
                + " is given more than once with different values; a signed request names each parameter once.");
        }

        String method = params.get("SignatureMethod");
        String version = params.get("SignatureVersion");
        String accessKeyId = params.get("AccessKeyId");
        String nonce = params.get("SignatureNonce");
        String timestampText = params.get("Timestamp");
        for (String[] required : new String[][] {{"SignatureMethod", method}, {"SignatureVersion", version},
            {"AccessKeyId", accessKeyId}, {"SignatureNonce", nonce}, {"Timestamp", timestampText}}) {
            if (Signing.isBlank(required[1])) {
                return SignatureVerdict.refused(ErrorCode.INCOMPLETE_SIGNATURE, "The request signature is incomplete: "
                    + "the parameter " + required[0] + " is required with Signature.");
            }
        }
        if (!METHOD.equals(method)) {
            return SignatureVerdict.refused(ErrorCode.UNSUPPORTED_SIGNATURE_METHOD, "The SignatureMethod '"
                + ApiException.abbreviate(method) + "' is not supported; use " + METHOD + ".");
        }
        if (!VERSION.equals(version)) {
            return SignatureVerdict.refused(ErrorCode.UNSUPPORTED_SIGNATURE_METHOD, "The SignatureVersion '"
                + ApiException.abbreviate(version) + "' is not supported; use " + VERSION + " (or sign with ACS3-HMAC-SHA256).");
        }
        Instant timestamp = Signing.parseUtcTimestamp(timestampText);
        if (timestamp == null) {
            return SignatureVerdict.refused(ErrorCode.INVALID_TIMESTAMP_FORMAT, "The specified Timestamp '"
                + ApiException.abbreviate(timestampText) + "' is not in ISO 8601 UTC form, such as 2024-01-31T08:00:00Z.");
        }
        AccessKey key = keys.find(accessKeyId).orElse(null);
        if (key == null) {
            return SignatureVerdict.refused(ErrorCode.INVALID_ACCESS_KEY_ID_NOT_FOUND, "The specified AccessKeyId '"
                + ApiException.abbreviate(accessKeyId) + "' is not found.");
        }

        // The official tea-openapi client leaves parameters with an empty value out of what it signs (while
        // still sending them); other signers keep them as "name=". Either reading is accepted.
        String stringToSign = stringToSign(request.method(), params);
        boolean matches = matches(stringToSign, key.secret(), signature);
        Map<String, String> nonEmpty = new TreeMap<>(params);
        nonEmpty.values().removeIf(String::isEmpty);
        if (nonEmpty.size() < params.size()) {
            String withoutEmpty = stringToSign(request.method(), nonEmpty);
            if (matches(withoutEmpty, key.secret(), signature)) {
                matches = true;
                stringToSign = withoutEmpty;
            }
        }
        if (!matches) {
            return SignatureVerdict.refused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "The specified signature does not "
                + "match our calculation. Our string to sign is: " + stringToSign);
        }
        SignatureVerdict stale = Signing.checkFreshness(timestamp, timestampText, clock);
        return stale != null ? stale : SignatureVerdict.verified(key, nonce, timestamp);
    }

    private static boolean matches(String stringToSign, String secret, String signature) {
        String expected = Base64.getEncoder().encodeToString(Signing.hmac("HmacSHA1", secret + "&", stringToSign));
        return Signing.constantTimeEquals(expected, signature);
    }

    /** {@code METHOD&%2F&percentEncode(canonicalized parameters)}. */
    static String stringToSign(String httpMethod, Map<String, String> sortedParams) {
        return httpMethod.toUpperCase(Locale.ROOT) + "&" + Signing.percentEncode("/") + "&"
            + Signing.percentEncode(Signing.canonicalQuery(sortedParams));
    }

    /** The same rule as the parameter reader: a JSON content type, or no content type and a body that opens an object. */
    private static boolean isJson(String contentType, String body) {
        if (contentType == null || contentType.isBlank()) {
            return body.startsWith("{");
        }
        return contentType.toLowerCase(Locale.ROOT).contains("json");
    }

}
