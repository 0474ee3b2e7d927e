package dev.openrecog.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A DynamoDB Local server on 127.0.0.1, in memory or persisted to a folder. */
public final class DynamoDbLocal implements AutoCloseable {
    /** DynamoDB Local takes any credentials; these only make the SDK sign. */
    private static final StaticCredentialsProvider CREDENTIALS =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    /** A restart on a busy machine was seen to answer 500s for over 20 s before its files were let go of. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static DynamoDbLocal shared;

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocal(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts a server that keeps its tables in memory only. */
    public static DynamoDbLocal inMemory() {
        return start(freePort(), null);
    }

    /** Starts an in-memory server on a given port, for processes that were told the endpoint beforehand. */
    public static DynamoDbLocal inMemoryOnPort(int port) {
        return start(port, null);
    }

    /** Starts a server that keeps its tables in {@code dataDir}, so a restart finds them again. */
    public static DynamoDbLocal persistedIn(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return awaitReady(start(freePort(), dataDir));
    }

    /**
     * Waits until the server answers. A persisted database that another server in this JVM has
     * just closed (a restart) can answer its first requests with a 500 while its files are still
     * being let go of.
     */
    private static DynamoDbLocal awaitReady(DynamoDbLocal local) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (DynamoDbClient client = local.client()) {
            while (true) {
                try {
                    client.listTables(r -> r.limit(1));
                    return local;
                } catch (DynamoDbException notYet) {
                    if (System.nanoTime() > deadline) {
                        local.close();
                        throw new IllegalStateException("DynamoDB Local did not become ready in " + READY_TIMEOUT, notYet);
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        local.close();
                        throw new IllegalStateException("Interrupted while DynamoDB Local started", e);
                    }
                }
            }
        }
    }

    /** One in-memory server for the whole test JVM, started on first use and stopped at exit. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            shared = inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private static DynamoDbLocal start(int port, Path dataDir) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(new String[0]));
            server.start();
            return new DynamoDbLocal(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A new client for this server. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
