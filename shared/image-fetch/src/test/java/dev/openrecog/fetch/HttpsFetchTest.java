package dev.openrecog.fetch;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS still checks the certificate against the URL's host, and sends it as SNI, although the connection goes to an
 * address chosen by the checking resolver. The server's certificate (made by keytool) names image.test only, which
 * resolves to 127.0.0.1 through the test hosts file (this class runs in that JVM, see the pom). The JDK sends SNI
 * only for names with a dot, so localhost would not do.
 */
class HttpsFetchTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] BODY = "not really an image".getBytes(StandardCharsets.UTF_8);

    private static TestServer server;
    private static SSLContext trustingTheTestCertificate;
    private static final List<String> serverNamesSent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        HostsFileResolutionTest.namesComeFromTheTestHostsFile();
        Path keystore = dir.resolve("image.test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "image.test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=image.test",
            "-ext", "SAN=dns:image.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keys);
        trustingTheTestCertificate = SSLContext.getInstance("TLS");
        trustingTheTestCertificate.init(null, trustManagers.getTrustManagers(), null);

        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server = TestServer.wrap(https).route("/img", exchange -> {
            ExtendedSSLSession session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
            session.getRequestedServerNames().forEach(name -> serverNamesSent.add(((SNIHostName) name).getAsciiName()));
            TestServer.ok(BODY).handle(exchange);
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCertificateForTheUrlsHostIsAcceptedAndTheHostIsSentAsSni() {
        try (ImageUrlFetcher fetcher = fetcher(true)) {
            assertArrayEquals(BODY, fetcher.fetch("https://image.test:" + server.port() + "/img"));
        }
        assertEquals(List.of("image.test"), serverNamesSent);
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        try (ImageUrlFetcher fetcher = fetcher(true)) {
            String url = server.url("/img");
            ApiException failed = ImageUrlFetcherTest.refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> fetcher.fetch(url));
            assertTrue(failed.getMessage().startsWith("ImageUrl '" + url + "' failed its TLS handshake: "), failed.getMessage());
            assertTrue(failed.getMessage().contains("127.0.0.1"), failed.getMessage());
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        try (ImageUrlFetcher fetcher = fetcher(false)) {
            String url = "https://image.test:" + server.port() + "/img";
            ApiException failed = ImageUrlFetcherTest.refused(ErrorCode.IMAGE_DOWNLOAD_FAILED, () -> fetcher.fetch(url));
            assertTrue(failed.getMessage().startsWith("ImageUrl '" + url + "' failed its TLS handshake: "), failed.getMessage());
        }
    }

    private static ImageUrlFetcher fetcher(boolean trustTestCertificate) {
        ImageUrlFetcher.Builder builder = ImageUrlFetcher.builder().allow("127.0.0.1/32");
        return (trustTestCertificate ? builder.sslContext(trustingTheTestCertificate) : builder).build();
    }
}
