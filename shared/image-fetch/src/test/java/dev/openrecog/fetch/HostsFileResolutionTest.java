package dev.openrecog.fetch;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.openrecog.fetch.ImageUrlFetcherTest.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host names resolving to internal addresses. Runs in its own JVM whose only name source is
 * src/test/resources/test-hosts (see the pom), so no DNS server is ever asked.
 */
class HostsFileResolutionTest {
    private static final byte[] BODY = "pixels".getBytes(StandardCharsets.UTF_8);

    private TestServer server;
    private ImageUrlFetcher allowingTestServer;
    private ImageUrlFetcher strict;

    @BeforeAll
    static void namesComeFromTheTestHostsFile() {
        assertTrue(System.getProperty("jdk.net.hosts.file", "").endsWith("test-hosts"),
            "run through Maven: this JVM must resolve names from src/test/resources/test-hosts only");
    }

    @BeforeEach
    void start() throws IOException {
        server = TestServer.on("127.0.0.1").route("/img", TestServer.ok(BODY));
        allowingTestServer = ImageUrlFetcher.builder().allow("127.0.0.1/32").build();
        strict = ImageUrlFetcher.fromEnvironment(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
        allowingTestServer.close();
        strict.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "image.test | 'image.test' resolves to 127.0.0.1, a loopback address",
        "metadata.test | 'metadata.test' resolves to 169.254.169.254, a link-local address (where cloud metadata services answer)",
        "printer.test | 'printer.test' resolves to 192.168.1.10, a private address",
        "cgnat.test | 'cgnat.test' resolves to 100.64.0.1, a shared (carrier-grade NAT) address",
        "mixed.test | 'mixed.test' resolves to 10.0.0.1, a private address",
        "v6-loopback.test | 'v6-loopback.test' resolves to 0:0:0:0:0:0:0:1, a loopback address",
        "ula.test | 'ula.test' resolves to fd00:0:0:0:0:0:0:1, a private (unique local) address",
        "mapped.test | 'mapped.test' resolves to 127.0.0.1, a loopback address",
    })
    void namesThatResolveToInternalAddressesAreRefused(String caseLine) {
        String[] parts = caseLine.split(" \\| ");
        String url = "http://" + parts[0] + ":" + server.port() + "/img";
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> strict.fetch(url));
        assertEquals("ImageUrl '" + url + "' is not allowed: " + parts[1] + ". Only addresses on the public internet are fetched.",
            refused.getMessage());
        assertEquals(List.of(), server.received());
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsInternalAndNothingIsConnected() throws Exception {
        // mixed.test has a public address first; the fetch must not try it and then fall back, it must refuse.
        assertEquals(2, InetAddress.getAllByName("mixed.test").length);
        refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> allowingTestServer.fetch("http://mixed.test/img"));
    }

    @Test
    void anAllowedNameIsFetchedAndAskedForByName() {
        assertArrayEquals(BODY, allowingTestServer.fetch("http://image.test:" + server.port() + "/img"));
        assertEquals("image.test:" + server.port(), server.received().get(0).getRequestHeaders().getFirst("Host"));
    }

    @Test
    void aRedirectToANameOfAnInternalAddressIsRefused() {
        server.route("/to-metadata", TestServer.redirect(302, "http://metadata.test/latest/meta-data/"));
        ApiException refused = refused(ErrorCode.IMAGE_URL_FORBIDDEN, () -> allowingTestServer.fetch(server.url("/to-metadata")));
        assertTrue(refused.getMessage().contains("which is not allowed: 'metadata.test' resolves to 169.254.169.254"),
            refused.getMessage());
    }

    @Test
    void aNameThatDoesNotResolveFails() {
        ApiException failed = refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> strict.fetch("http://missing.test/a.jpg"));
        assertEquals("ImageUrl 'http://missing.test/a.jpg' has a host name that could not be resolved.", failed.getMessage());
    }

    @Test
    void aPublicNameResolvesToItsAddresses() throws Exception {
        // Resolution only: nothing connects to the public address.
        InetAddress[] addresses = new CheckingDnsResolver(List.of()).resolve("public.test");
        assertEquals(List.of(InetAddress.getByName("8.8.8.8")), List.of(addresses));
    }
}
