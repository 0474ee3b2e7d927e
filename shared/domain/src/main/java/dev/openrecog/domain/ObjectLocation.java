package dev.openrecog.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** An object in a bucket, as a SourceURI names it: {@code oss://bucket/key} or {@code s3://bucket/key}. */
public final class ObjectLocation {
    /** The storage an object URI points into. */
    public enum Scheme { OSS, S3 }

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1023;

    private final Scheme scheme;
    private final String bucket;
    private final String key;

    public ObjectLocation(Scheme scheme, String bucket, String key) {
        this.scheme = scheme;
        this.bucket = bucket;
        this.key = key;
    }

    /** Parses a URI given in the parameter {@code name}; anything else than a well-formed object URI is an InvalidParameter. */
    public static ObjectLocation parse(String name, String uri) {
        int schemeEnd = uri.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("oss") && !scheme.equals("s3")) {
            throw ApiException.invalidParameter("The parameter " + name + " must be oss://bucket/key or s3://bucket/key.");
        }
        String rest = uri.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches()) {
            throw ApiException.invalidParameter("The parameter " + name + " names an invalid bucket '" + ApiException.abbreviate(bucket)
                + "': 3 to 63 lower-case letters, digits, '-' and '.'.");
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(key)) {
            throw ApiException.invalidParameter("The parameter " + name + " names an object key that is not valid Unicode text "
                + "(it holds an unpaired surrogate).");
        }
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw ApiException.invalidParameter("The parameter " + name + " must name an object key of 1 to " + MAX_KEY_BYTES
                + " bytes after the bucket.");
        }
        return new ObjectLocation(Scheme.valueOf(scheme.toUpperCase(Locale.ROOT)), bucket, key);
    }

    /** The location an upload event names, whose keys arrive URL-encoded ('+' for a space). */
    public static ObjectLocation fromEvent(Scheme scheme, String bucket, String encodedKey) {
        return new ObjectLocation(scheme, bucket, URLDecoder.decode(encodedKey, StandardCharsets.UTF_8));
    }

    public Scheme scheme() {
        return scheme;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ObjectLocation)) {
            return false;
        }
        ObjectLocation that = (ObjectLocation) other;
        return scheme == that.scheme && bucket.equals(that.bucket) && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return (scheme.hashCode() * 31 + bucket.hashCode()) * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return scheme.name().toLowerCase(Locale.ROOT) + "://" + bucket + "/" + key;
    }
}
