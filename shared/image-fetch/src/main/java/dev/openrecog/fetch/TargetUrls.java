package dev.openrecog.fetch;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import org.apache.hc.client5.http.utils.URIUtils;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The URL rules every hop must pass before any address is looked up: http(s), a host, no credentials. */
final class TargetUrls {
    /** How much of a URL or host a message repeats. */
    private static final int ECHO_LIMIT = 200;

    private TargetUrls() {
    }

    /** The ImageUrl a caller gave, checked and ready to request. */
    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.invalidParameter("ImageUrl is empty.");
        }
        String subject = "ImageUrl '" + echo(url) + "'";
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter(subject + " is not a valid URL: " + e.getReason() + ".");
        }
        if (!uri.isAbsolute()) {
            throw ApiException.invalidParameter(subject + " is not an absolute http or https URL.");
        }
        return check(uri, subject, ErrorCode.INVALID_PARAMETER, "ImageUrl must not contain user credentials (user@host).");
    }

    /** Where a redirect's Location leads from {@code from}, checked like the ImageUrl itself. */
    static URI redirect(String url, URI from, String location) {
        String subject = redirected(url, location);
        URI target;
        try {
            target = URIUtils.resolve(from, new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ApiException(ErrorCode.IMAGE_DOWNLOAD_FAILED, subject + " is not a valid URL.");
        }
        return check(target, subject, ErrorCode.IMAGE_DOWNLOAD_FAILED,
            "ImageUrl '" + echo(url) + "' redirected to a URL with user credentials (user@host), which is not allowed.");
    }

    /** How messages name a hop: the ImageUrl itself, or where one of its redirects led. */
    static String subject(String url, URI hop, int redirects) {
        return redirects == 0 ? "ImageUrl '" + echo(url) + "'" : redirected(url, hop.toString());
    }

    /** At most the first 200 characters, without control characters. */
    static String echo(String text) {
        String shown = text.length() > ECHO_LIMIT ? text.substring(0, ECHO_LIMIT) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static String redirected(String url, String location) {
        return "ImageUrl '" + echo(url) + "' redirected to '" + echo(location) + "', which";
    }

    private static URI check(URI uri, String subject, ErrorCode malformed, String credentialsMessage) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ApiException(ErrorCode.IMAGE_URL_FORBIDDEN,
                subject + " uses the scheme '" + echo(scheme) + "'; only http and https URLs are fetched.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ApiException(ErrorCode.IMAGE_URL_FORBIDDEN, credentialsMessage);
        }
        if (uri.getHost() == null) {
            // java.net.URI finds no host in 127.1 or 0x7f.0.0.1, but browsers and C resolvers read them as IPv4.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
            if (IpLiterals.endsInNumber(authority)) {
                throw new ApiException(ErrorCode.IMAGE_URL_FORBIDDEN,
                    subject + " is not allowed: " + IpLiterals.nonStandardSpelling(authority) + ".");
            }
            throw new ApiException(malformed, subject + " has no valid host name"
                + " (IP addresses must be written a.b.c.d or [IPv6], international names in xn-- form).");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ApiException(malformed, subject + " has an invalid port " + uri.getPort() + ".");
        }
        // Non-ASCII path characters go out percent-encoded; the fragment stays with the caller.
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
        return URI.create(scheme + "://" + ascii.getRawAuthority() + path + query);
    }
}
