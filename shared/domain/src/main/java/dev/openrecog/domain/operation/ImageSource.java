package dev.openrecog.domain.operation;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ImageFetcher;
import dev.openrecog.domain.ImageLabeler;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectReader;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Reads the image a request names: oss:// and s3:// from object storage, http(s) through the safe fetcher. */
final class ImageSource {
    static final int MAX_URL_LENGTH = 2048;

    private final ObjectReader objects;
    private final ImageFetcher fetcher;

    ImageSource(ObjectReader objects, ImageFetcher fetcher) {
        this.objects = objects;
        this.fetcher = fetcher;
    }

    /**
     * Checks the form of an ImageUrl-style parameter without reading anything.
     *
     * @throws ApiException InvalidParameter when it is neither an http(s) URL nor an oss:// or s3:// URI
     */
    static void check(String name, String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw ApiException.invalidParameter("The parameter " + name + " must be at most " + MAX_URL_LENGTH + " characters.");
        }
        if (isObjectUri(url)) {
            ObjectLocation.parse(name, url);
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("The parameter " + name + " is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiException.invalidParameter(
                "The parameter " + name + " must be an http(s) URL or an oss://bucket/key or s3://bucket/key URI.");
        }
    }

    /** The image's bytes, after {@link #check}. */
    byte[] read(String name, String url) {
        check(name, url);
        if (isObjectUri(url)) {
            return objects.read(ObjectLocation.parse(name, url), ImageLabeler.MAX_IMAGE_BYTES);
        }
        return fetcher.fetch(url);
    }

    private static boolean isObjectUri(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("oss://") || lower.startsWith("s3://");
    }
}
