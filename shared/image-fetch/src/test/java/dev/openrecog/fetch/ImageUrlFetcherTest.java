package dev.openrecog.fetch;

import com.sun.net.httpserver.HttpHandler;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.ImageLabeler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fetches from real HTTP servers on loopback addresses. Every refused target is refused before any connection, so
 * nothing here ever sends traffic beyond 127.0.0.0/8 and ::1 (and no name is looked up beyond /etc/hosts).
 */
class ImageUrlFetcherTest {
    private static final int MAX = (int) ImageLabeler.MAX_IMAGE_BYTES;

    private final byte[] image = png();
    private TestServer server;
    /** Lets the test server's 127.0.0.1, and nothing else, through. */
    private ImageUrlFetcher allowingTestServer;
    /** As deployed: no allow rule. */
    private ImageUrlFetcher strict;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.on("127.0.0.1").route("/img", TestServer.ok(image));
        allowingTestServer = ImageUrlFetcher.builder().allow("127.0.0.1/32").build();
        strict = ImageUrlFetcher.fromEnvironment(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
        allowingTestServer.close();
        strict.close();
    }

    @Test
    void returnsTheExactBytesOfTheImage() {
        assertArrayEquals(image, allowingTestServer.fetch(server.url("/img")));
    }

    @Test
    void returnsTheBytesWhateverTheContentTypeSays() {
        server.route("/as-text", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            TestServer.ok(image).handle(exchange);
        });
        assertArrayEquals(image, allowingTestServer.fetch(server.url("/as-text")));
    }

    @Test
    void theAllowRuleComesFromTheEnvironment() {
        try (ImageUrlFetcher fromEnv = ImageUrlFetcher.fromEnvironment(Map.of(ImageUrlFetcher.ALLOW_ENV, "10.0.0.0/8, 127.0.0.1/32"))) {
            assertArrayEquals(image, fromEnv.fetch(server.url("/img")));
        }
    }

    @Test
    void withoutAnAllowRuleTheTestServerIsRefusedBeforeItIsContacted() {
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> strict.fetch(server.url("/img")));
        assertEquals("ImageUrl '" + server.url("/img") + "' is not allowed: 127.0.0.1 is a loopback address."
            + " Only addresses on the public internet are fetched.", refused.getMessage());
        assertEquals(List.of(), server.received());
    }

    @Test
    void localhostIsRefused() {
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN,
            () -> strict.fetch("http://localhost:" + server.port() + "/img"));
        assertTrue(refused.getMessage().contains("'localhost' resolves to 127.0.0.1, a loopback address"), refused.getMessage());
        assertEquals(List.of(), server.received());
    }

    @Test
    void everyNameThatEtcHostsMapsToLoopbackIsRefused() throws IOException {
        List<String> names = Files.readAllLines(Path.of("/etc/hosts")).stream()
            .map(line -> line.replaceFirst("#.*", "").trim().split("\\s+"))
            .filter(fields -> fields.length > 1 && (fields[0].startsWith("127.") || fields[0].equals("::1")))
            .flatMap(fields -> Arrays.stream(fields, 1, fields.length))
            .collect(Collectors.toList());
        assertTrue(names.contains("localhost"), "/etc/hosts names " + names);
        for (String name : names) {
            ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN,
                () -> strict.fetch("http://" + name + ":" + server.port() + "/img"));
            assertTrue(refused.getMessage().contains("'" + name + "' resolves to "), refused.getMessage());
        }
        assertEquals(List.of(), server.received());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/ | 127.0.0.1 is a loopback address",
        "http://127.255.255.254/ | a loopback address",
        "http://10.0.0.1/ | a private address",
        "http://172.16.0.1/ | a private address",
        "http://172.31.255.255/ | a private address",
        "http://192.168.0.1/ | a private address",
        "http://100.64.0.1/ | a shared (carrier-grade NAT) address",
        "http://100.127.255.255/ | carrier-grade NAT",
        "http://169.254.169.254/latest/meta-data/ | 169.254.169.254 is a link-local address (where cloud metadata services answer)",
        "http://0.0.0.0/ | an unspecified ('this network') address",
        "http://0.1.2.3/ | an unspecified ('this network') address",
        "http://224.0.0.1/ | a multicast address",
        "http://239.255.255.250:1900/ | a multicast address",
        "http://255.255.255.255/ | the broadcast address",
        "http://240.0.0.1/ | a reserved address",
        "http://198.18.0.1/ | a benchmarking address",
        "http://192.0.0.170/ | an IETF protocol address",
        "http://[::1]/ | a loopback address",
        "http://[0:0:0:0:0:0:0:1]:8080/ | a loopback address",
        "http://[::]/ | the unspecified address",
        "http://[fc00::1]/ | a private (unique local) address",
        "http://[fd00::2]/ | a private (unique local) address",
        "http://[fe80::1]/ | a link-local address",
        "http://[ff02::1]/ | a multicast address",
        "http://[fec0::1]/ | a site-local address",
        "http://[100::1]/ | a reserved IPv6 address",
        "http://[::ffff:127.0.0.1]/ | 127.0.0.1 is a loopback address",
        "http://[::ffff:7f00:1]/ | 127.0.0.1 is a loopback address",
        "http://[::ffff:169.254.169.254]/ | 169.254.169.254 is a link-local address",
        "http://[0:0:0:0:0:ffff:a00:1]/ | 10.0.0.1 is a private address",
        "http://[::127.0.0.1]/ | an IPv4-compatible IPv6 address",
        "http://[::7f00:1]/ | an IPv4-compatible IPv6 address",
        "http://[64:ff9b::127.0.0.1]/ | an IPv6 address wrapping 127.0.0.1, a loopback address",
        "http://[64:ff9b::a9fe:a9fe]/ | wrapping 169.254.169.254, a link-local address",
        "http://[64:ff9b:1::1]/ | a local-use NAT64 address",
        "http://[2002:7f00:1::1]/ | wrapping 127.0.0.1, a loopback address",
        "http://[2002:c0a8:101::1]/ | wrapping 192.168.1.1, a private address",
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/ | a Teredo tunnel address",
        "http://[::1%25lo]/ | is not a valid IPv6 address",
        "http://2130706433/ | '2130706433' is an IP address in a non-standard spelling",
        "http://0x7f000001/ | '0x7f000001' is an IP address in a non-standard spelling",
        "http://0x7f.0.0.1/ | '0x7f.0.0.1' is an IP address in a non-standard spelling",
        "http://0x7F.1:8080/ | '0x7F.1' is an IP address in a non-standard spelling",
        "http://0177.0.0.1/ | '0177.0.0.1' is an IP address in a non-standard spelling",
        "http://017700000001/ | non-standard spelling",
        "http://127.000.000.001/ | non-standard spelling",
        "http://127.1/ | '127.1' is an IP address in a non-standard spelling",
        "http://127.0.1/ | non-standard spelling",
        "http://127.0.0.1./ | non-standard spelling",
        "http://0/ | non-standard spelling",
        "http://0x/ | non-standard spelling",
        "http://1.2.3.4.5/ | non-standard spelling",
        "http://08.8.8.8/ | non-standard spelling",
    })
    void internalTargetsAreRefusedInEverySpelling(String caseLine) {
        String[] parts = caseLine.split(" \\| ");
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> strict.fetch(parts[0]));
        assertTrue(refused.getMessage().startsWith("ImageUrl '" + parts[0] + "' is not allowed: "), refused.getMessage());
        assertTrue(refused.getMessage().contains(parts[1]), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/a.jpg", "file:///etc/passwd", "gopher://127.0.0.1:70/_x", "jar:http://a.example/b.jar!/c",
        "javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "dict://127.0.0.1:11211/stat", "ldap://127.0.0.1/"})
    void onlyHttpAndHttpsAreFetched(String url) {
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> allowingTestServer.fetch(url));
        assertTrue(refused.getMessage().contains("uses the scheme '" + url.substring(0, url.indexOf(':')) + "'; only http and https"),
            refused.getMessage());
    }

    @Test
    void schemesAreCaseInsensitive() {
        assertArrayEquals(image, allowingTestServer.fetch(server.url("/img").replace("http://", "HTTP://")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not a url", "http://exa mple.com/a.jpg", "//example.com/a.jpg", "/a.jpg",
        "http:///a.jpg", "http:a.jpg", "http://a.example:99999/", "http://a.example:0/", "http://exa_mple.com/a.jpg"})
    void malformedUrlsAreInvalidParameters(String url) {
        ApiException refused = refused(ErrorCode.INVALID_PARAMETER, () -> strict.fetch(url));
        assertTrue(refused.getMessage().startsWith("ImageUrl "), refused.getMessage());
    }

    @Test
    void aMissingUrlIsAnInvalidParameter() {
        assertEquals("ImageUrl is empty.", refused(ErrorCode.INVALID_PARAMETER, () -> strict.fetch(null)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@", "user:secret@", "127.0.0.1:1@"})
    void urlsWithCredentialsAreRefusedEvenToAnAllowedHost(String userInfo) {
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN,
            () -> allowingTestServer.fetch("http://" + userInfo + server.authority() + "/img"));
        assertEquals("ImageUrl must not contain user credentials (user@host).", refused.getMessage());
        assertEquals(List.of(), server.received());
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectsAreFollowed(int status) {
        server.route("/moved", TestServer.redirect(status, "/img"));
        assertArrayEquals(image, allowingTestServer.fetch(server.url("/moved")));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectsToInternalAddressesAreRefusedBeforeConnecting(int status) throws IOException {
        try (TestServer other = TestServer.on("127.0.0.2").route("/img", TestServer.ok(image))) {
            server.route("/to-127.0.0.2", TestServer.redirect(status, other.url("/img")));
            server.route("/to-metadata", TestServer.redirect(status, "http://169.254.169.254/latest/meta-data/"));

            ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> allowingTestServer.fetch(server.url("/to-127.0.0.2")));
            assertEquals("ImageUrl '" + server.url("/to-127.0.0.2") + "' redirected to '" + other.url("/img")
                + "', which is not allowed: 127.0.0.2 is a loopback address. Only addresses on the public internet are fetched.",
                refused.getMessage());
            assertEquals(List.of(), other.received());

            refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> allowingTestServer.fetch(server.url("/to-metadata")));
            assertTrue(refused.getMessage().contains("redirected to 'http://169.254.169.254/latest/meta-data/', which is not allowed:"
                + " 169.254.169.254 is a link-local address"), refused.getMessage());
        }
    }

    @Test
    void redirectsToIpv6LoopbackAreRefusedBeforeConnecting() throws IOException {
        try (TestServer v6 = TestServer.on("::1").route("/img", TestServer.ok(image))) {
            server.route("/to-v6", TestServer.redirect(302, v6.url("/img")));
            ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> allowingTestServer.fetch(server.url("/to-v6")));
            assertTrue(refused.getMessage().contains("0:0:0:0:0:0:0:1 is a loopback address"), refused.getMessage());
            assertEquals(List.of(), v6.received());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://10.0.0.1/img | 10.0.0.1 is a private address",
        "http://[fe80::1]/img | a link-local address",
        "http://[::ffff:a9fe:a9fe]/ | 169.254.169.254 is a link-local address",
        "http://0x7f000001:PORT/img | non-standard spelling",
        "http://127.1:PORT/img | non-standard spelling",
        "ftp://127.0.0.1:PORT/img | uses the scheme 'ftp'",
        "file:///etc/passwd | uses the scheme 'file'",
        "http://user@127.0.0.1:PORT/img | redirected to a URL with user credentials (user@host), which is not allowed.",
    })
    void redirectTargetsAreCheckedLikeTheUrlItself(String caseLine) {
        String[] parts = caseLine.replace("PORT", String.valueOf(server.port())).split(" \\| ");
        server.route("/bounce", TestServer.redirect(302, parts[0]));
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> allowingTestServer.fetch(server.url("/bounce")));
        assertTrue(refused.getMessage().contains(parts[1]), refused.getMessage());
        assertEquals(1, server.received().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/img", "img", "../img", "//127.0.0.1:PORT/img", "http://127.0.0.1:PORT/img#fragment", "?page=2"})
    void relativeLocationsAreResolvedAgainstTheCurrentUrl(String location) {
        server.route("/dir/moved", TestServer.redirect(302, location.replace("PORT", String.valueOf(server.port()))));
        server.route("/dir/img", TestServer.ok(image));
        server.route("/dir/moved?page=2", TestServer.ok(image));
        assertArrayEquals(image, allowingTestServer.fetch(server.url("/dir/moved")));
    }

    @Test
    void atMostThreeRedirectsAreFollowed() {
        server.route("/hop0", TestServer.redirect(302, "/hop1"))
            .route("/hop1", TestServer.redirect(301, "/hop2"))
            .route("/hop2", TestServer.redirect(307, "/hop3"))
            .route("/hop3", TestServer.redirect(308, "/img"));

        assertArrayEquals(image, allowingTestServer.fetch(server.url("/hop1")));

        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(server.url("/hop0")));
        assertEquals("ImageUrl '" + server.url("/hop0") + "' redirected more than 3 times.", failed.getMessage());
    }

    @Test
    void aRedirectLoopEndsAfterThreeRedirects() {
        server.route("/loop", TestServer.redirect(302, "/loop"));
        refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(server.url("/loop")));
        assertEquals(4, server.received().size());
    }

    @Test
    void aRedirectWithoutLocationFails() {
        server.route("/nowhere", TestServer.status(302));
        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(server.url("/nowhere")));
        assertEquals("ImageUrl '" + server.url("/nowhere") + "' answered HTTP 302 without a Location to go to.", failed.getMessage());
    }

    @Test
    void aRedirectToAMalformedLocationFails() {
        server.route("/bad", TestServer.redirect(302, "http://exa mple.com/a.jpg"));
        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(server.url("/bad")));
        assertEquals("ImageUrl '" + server.url("/bad") + "' redirected to 'http://exa mple.com/a.jpg', which is not a valid URL.",
            failed.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 304, 400, 403, 404, 410, 500, 503})
    void anythingButSuccessOrRedirectFailsWithTheStatus(int status) {
        server.route("/status", TestServer.status(status));
        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(server.url("/status")));
        assertEquals("ImageUrl '" + server.url("/status") + "' answered HTTP " + status + ".", failed.getMessage());
    }

    @Test
    void aBodyOfExactlyTheLimitIsReturned() {
        byte[] limit = new byte[MAX];
        limit[MAX - 1] = 42;
        server.route("/limit", TestServer.ok(limit)).route("/limit-chunked", chunked(limit.length, new AtomicBoolean()));
        assertArrayEquals(limit, allowingTestServer.fetch(server.url("/limit")));
        assertEquals(MAX, allowingTestServer.fetch(server.url("/limit-chunked")).length);
    }

    @Test
    void aDeclaredOversizeBodyIsRefusedWithoutReadingIt() {
        AtomicBoolean sentAll = new AtomicBoolean();
        server.route("/huge", exchange -> {
            exchange.sendResponseHeaders(200, MAX + 1L);
            writeZeros(exchange.getResponseBody(), MAX + 1L);
            sentAll.set(true);
        });
        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(server.url("/huge")));
        assertEquals("ImageUrl '" + server.url("/huge") + "' is " + (MAX + 1) + " bytes; images are limited to " + MAX
            + " bytes (20 MB).", failed.getMessage());
        assertFalse(sentAll.get(), "the client must drop the connection, not drain the body");
    }

    @Test
    void anOversizeBodyWithoutContentLengthIsCutOffWhileStreaming() {
        AtomicBoolean sentAll = new AtomicBoolean();
        server.route("/chunked", chunked(3L * MAX, sentAll));
        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(server.url("/chunked")));
        assertEquals("ImageUrl '" + server.url("/chunked") + "' is larger than " + MAX + " bytes (20 MB), the limit for images.",
            failed.getMessage());
        assertFalse(sentAll.get(), "the client must drop the connection, not drain the body");
    }

    @Test
    void anOversizeBodyEndedByClosingTheConnectionIsCutOffWhileStreaming() throws Exception {
        AtomicBoolean sentAll = new AtomicBoolean();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread raw = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    readRequestHead(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    writeZeros(out, 3L * MAX);
                    sentAll.set(true);
                } catch (IOException expected) {
                    // the client hung up
                }
            });
            raw.start();
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/raw";
            ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(url));
            assertTrue(failed.getMessage().endsWith("is larger than " + MAX + " bytes (20 MB), the limit for images."), failed.getMessage());
            raw.join(10_000);
            assertFalse(sentAll.get(), "the client must drop the connection, not drain the body");
        }
    }

    @Test
    void aServerThatNeverAnswersRunsIntoTheReadTimeout() {
        server.route("/silent", exchange -> sleep(5_000));
        try (ImageUrlFetcher impatient = ImageUrlFetcher.builder().allow("127.0.0.1/32").readTimeout(Duration.ofMillis(200)).build()) {
            ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> impatient.fetch(server.url("/silent")));
            assertEquals("ImageUrl '" + server.url("/silent") + "' sent nothing for 200 ms.", failed.getMessage());
        }
    }

    @Test
    void aBodyThatStallsRunsIntoTheReadTimeout() {
        server.route("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, image.length);
            exchange.getResponseBody().write(image, 0, 10);
            exchange.getResponseBody().flush();
            sleep(5_000);
        });
        try (ImageUrlFetcher impatient = ImageUrlFetcher.builder().allow("127.0.0.1/32").readTimeout(Duration.ofMillis(200)).build()) {
            ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> impatient.fetch(server.url("/stalls")));
            assertEquals("ImageUrl '" + server.url("/stalls") + "' sent nothing for 200 ms.", failed.getMessage());
        }
    }

    @Test
    void aBodyThatTricklesRunsIntoTheTotalTimeout() {
        server.route("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 200; i++) {
                out.write(i);
                out.flush();
                sleep(25);
            }
        });
        try (ImageUrlFetcher impatient = ImageUrlFetcher.builder().allow("127.0.0.1/32")
            .readTimeout(Duration.ofSeconds(2)).totalTimeout(Duration.ofMillis(500)).build()) {
            ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> impatient.fetch(server.url("/trickle")));
            assertEquals("ImageUrl '" + server.url("/trickle") + "' took longer than 500 ms to download.", failed.getMessage());
        }
    }

    @Test
    void aClosedPortFailsToConnect() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/img";
        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> allowingTestServer.fetch(url));
        assertTrue(failed.getMessage().startsWith("ImageUrl '" + url + "' could not be connected to ("), failed.getMessage());
    }

    @Test
    void messagesRepeatAtMost200CharactersOfTheUrl() {
        String url = "http://127.0.0.1/" + "a".repeat(5000);
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> strict.fetch(url));
        assertEquals("ImageUrl '" + url.substring(0, 200) + "…' is not allowed: 127.0.0.1 is a loopback address."
            + " Only addresses on the public internet are fetched.", refused.getMessage());

        ApiException malformed = refused(ErrorCode.INVALID_PARAMETER, () -> strict.fetch("http://a.example/\n" + "b".repeat(5000)));
        assertFalse(malformed.getMessage().contains("\n"));
        assertTrue(malformed.getMessage().length() < 300, malformed.getMessage());
    }

    @Test
    void invalidSettingsAreRejectedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> ImageUrlFetcher.builder().allow("localhost/8"));
        assertThrows(IllegalArgumentException.class, () -> ImageUrlFetcher.builder().readTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ImageUrlFetcher.builder().totalTimeout(Duration.ofSeconds(-1)));
        IllegalStateException badEnv = assertThrows(IllegalStateException.class,
            () -> ImageUrlFetcher.fromEnvironment(Map.of(ImageUrlFetcher.ALLOW_ENV, "127.0.0.1/33")));
        assertEquals("OPENRECOG_IMAGE_URL_ALLOW: '127.0.0.1/33' is not an IP address range such as 127.0.0.1/32 or ::1/128",
            badEnv.getMessage());
    }

    static ApiException refused(ErrorCode code, Executable fetch) {
        ApiException e = assertThrows(ApiException.class, fetch);
        assertEquals(code, e.errorCode(), e.getMessage());
        return e;
    }

    /** Answers with a chunked body (no Content-Length) of {@code size} bytes; notes whether all of it went out. */
    private static HttpHandler chunked(long size, AtomicBoolean sentAll) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            writeZeros(exchange.getResponseBody(), size);
            sentAll.set(true);
        };
    }

    private static void writeZeros(OutputStream out, long size) throws IOException {
        byte[] block = new byte[64 * 1024];
        for (long left = size; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
        out.flush();
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] png() {
        BufferedImage picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                picture.setRGB(x, y, new Color(x * 4, y * 5, (x + y) * 2).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
