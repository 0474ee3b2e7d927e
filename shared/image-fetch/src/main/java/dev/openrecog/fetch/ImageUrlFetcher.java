package dev.openrecog.fetch;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.ImageFetcher;
import dev.openrecog.domain.ImageLabeler;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Downloads the image behind an ImageUrl for the server, without letting the URL reach anything internal.
 * <ul>
 * <li>http and https only, no credentials in the URL. Other schemes and {@code user@host} URLs are refused.</li>
 * <li>Every host is resolved once, and refused when any of its addresses is loopback, private, shared (CGNAT),
 * link-local (cloud metadata), multicast, unspecified, broadcast or reserved, also inside IPv4-mapped, NAT64 and
 * 6to4 IPv6 forms. The connection goes to exactly the addresses that were checked. IPv4 in a spelling other than
 * a.b.c.d (2130706433, 0x7f000001, 0177.0.0.1, 127.1) is refused without any lookup.</li>
 * <li>At most 3 redirects, each checked the same way before it is connected to.</li>
 * <li>At most {@link ImageLabeler#MAX_IMAGE_BYTES}, counted while reading; connect, read and total time limits.</li>
 * <li>Any 2xx answer's bytes are returned whatever its Content-Type: the image decoder sniffs them.</li>
 * </ul>
 * {@value #ALLOW_ENV} (comma-separated CIDR blocks such as {@code 127.0.0.1/32}) lets internal blocks through: for
 * tests and private deployments whose images live on an internal network. Connections are never reused, and system
 * proxy settings are ignored: a proxy would resolve names itself, out of reach of the check.
 */
public final class ImageUrlFetcher implements ImageFetcher, AutoCloseable {
    public static final String ALLOW_ENV = "OPENRECOG_IMAGE_URL_ALLOW";

    private static final int MAX_REDIRECTS = 3;
    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

    private final CloseableHttpClient client;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    private final Duration totalTimeout;
    /** Cancels a request whose total time is up, wherever it is blocked. */
    private final ScheduledThreadPoolExecutor deadlines;

    private ImageUrlFetcher(Builder builder) {
        this.readTimeout = builder.readTimeout;
        this.connectTimeout = builder.connectTimeout;
        this.totalTimeout = builder.totalTimeout;
        Timeout read = Timeout.of(readTimeout);
        Timeout connect = Timeout.of(connectTimeout);
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new CheckingDnsResolver(builder.allowed))
            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
            .setMaxConnTotal(200)
            .setMaxConnPerRoute(200);
        if (builder.sslContext != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(builder.sslContext));
        }
        this.client = HttpClients.custom()
            .setConnectionManager(connections.build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).setConnectionRequestTimeout(connect).build())
            .setConnectionReuseStrategy((request, response, context) -> false)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent("openrecog-image-fetch")
            .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "openrecog-image-fetch-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** Default limits; {@value #ALLOW_ENV} from the environment. */
    public static ImageUrlFetcher fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ImageUrlFetcher fromEnvironment(Map<String, String> env) {
        Builder builder = builder();
        String allow = env.get(ALLOW_ENV);
        if (allow != null) {
            try {
                builder.allow(allow);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(ALLOW_ENV + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The body of the image at {@code url}, following up to 3 redirects.
     *
     * @throws ApiException InvalidParameter for a malformed URL, InvalidImageUrl.Forbidden for a scheme, credentials
     *                      or an address that is not allowed, InvalidImageUrl.DownloadFailed for everything the server
     *                      or the network did (HTTP error, too many redirects, too large, too slow, unreachable)
     */
    @Override
    public byte[] fetch(String url) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        URI target = TargetUrls.parse(url);
        for (int redirects = 0; ; redirects++) {
            String subject = TargetUrls.subject(url, target, redirects);
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw downloadFailed(subject + " took longer than " + readable(totalTimeout) + " to download.");
            }
            HttpGet get = new HttpGet(target);
            ScheduledFuture<?> timer = deadlines.schedule(get::cancel, remaining, TimeUnit.NANOSECONDS);
            try {
                ClassicHttpResponse response = client.executeOpen(null, get, null);
                try {
                    int status = response.getCode();
                    if (!REDIRECT_STATUSES.contains(status)) {
                        if (status / 100 != 2) {
                            throw downloadFailed(subject + " answered HTTP " + status + ".");
                        }
                        return body(response.getEntity(), subject);
                    }
                    Header location = response.getFirstHeader(HttpHeaders.LOCATION);
                    if (location == null) {
                        throw downloadFailed(subject + " answered HTTP " + status + " without a Location to go to.");
                    }
                    if (redirects == MAX_REDIRECTS) {
                        throw downloadFailed("ImageUrl '" + TargetUrls.echo(url) + "' redirected more than "
                            + MAX_REDIRECTS + " times.");
                    }
                    target = TargetUrls.redirect(url, target, location.getValue());
                } finally {
                    // Whatever is left unread (an oversize body, a redirect's page) is never read or drained:
                    // the connection is dropped.
                    get.cancel();
                    closeDropped(response);
                }
            } catch (RefusedAddressException e) {
                throw new ApiException(ErrorCode.IMAGE_URL_FORBIDDEN, subject + " is not allowed: " + e.getMessage()
                    + ". Only addresses on the public internet are fetched.");
            } catch (IOException e) {
                throw downloadFailed(subject + " " + (System.nanoTime() >= deadline
                    ? "took longer than " + readable(totalTimeout) + " to download." : failure(e)));
            } finally {
                timer.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not close the image fetcher's HTTP client", e);
        }
    }

    /** Reads at most one byte past the limit, whatever Content-Length says or whether there is one. */
    private static byte[] body(HttpEntity entity, String subject) throws IOException {
        long max = ImageLabeler.MAX_IMAGE_BYTES;
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > max) {
            throw downloadFailed(subject + " is " + entity.getContentLength() + " bytes; images are limited to "
                + max + " bytes (20 MB).");
        }
        // Not closed here: closing would drain the rest. The caller drops the connection instead.
        byte[] bytes = entity.getContent().readNBytes((int) max + 1);
        if (bytes.length > max) {
            throw downloadFailed(subject + " is larger than " + max + " bytes (20 MB), the limit for images.");
        }
        return bytes;
    }

    private String failure(IOException e) {
        if (e instanceof ConnectTimeoutException) {
            return "could not be connected to within " + readable(connectTimeout) + ".";
        }
        if (e instanceof SocketTimeoutException) {
            return "sent nothing for " + readable(readTimeout) + ".";
        }
        if (e instanceof UnknownHostException) {
            return "has a host name that could not be resolved.";
        }
        if (e instanceof ConnectException) {
            return "could not be connected to (" + TargetUrls.echo(String.valueOf(e.getMessage())) + ").";
        }
        if (e instanceof SSLException) {
            return "failed its TLS handshake: " + TargetUrls.echo(String.valueOf(e.getMessage())) + ".";
        }
        return "could not be downloaded: " + TargetUrls.echo(String.valueOf(e.getMessage())) + ".";
    }

    /** Closes a response whose connection was already dropped; the close itself has nothing left to report. */
    private static void closeDropped(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException alreadyDropped) {
            // the connection is gone, which is what was wanted
        }
    }

    private static ApiException downloadFailed(String message) {
        return new ApiException(ErrorCode.IMAGE_DOWNLOAD_FAILED, message);
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.getSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Limits and the allow rule. Defaults: connect 3 s, read 5 s, total 15 s, no internal block allowed. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration totalTimeout = Duration.ofSeconds(15);
        private List<Cidr> allowed = List.of();
        private SSLContext sslContext;

        private Builder() {
        }

        /** How long connecting to one address may take. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long the server may stay silent, waiting for its answer or for more of the body. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** How long one fetch may take in all, redirects included. A DNS lookup under way finishes first. */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /**
         * Internal blocks to let through, comma-separated CIDR ({@code 127.0.0.1/32,::1/128}), as
         * {@value ImageUrlFetcher#ALLOW_ENV} takes them. For tests and private deployments only: these addresses
         * become reachable by any caller.
         */
        public Builder allow(String cidrBlocks) {
            this.allowed = Cidr.parseList(cidrBlocks);
            return this;
        }

        /** Trust these certificates instead of the JDK's (tests). Host names are still verified. */
        Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public ImageUrlFetcher build() {
            return new ImageUrlFetcher(this);
        }

        private static Duration positive(Duration timeout, String name) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + timeout);
            }
            return timeout;
        }
    }
}
