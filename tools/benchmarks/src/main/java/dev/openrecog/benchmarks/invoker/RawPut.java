package dev.openrecog.benchmarks.invoker;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.util.Map;

/**
 * Cold-start floor (b): a fresh JVM builds an SDK v2 DynamoDbClient (URL-connection client, explicit
 * region and static credentials) and does one PutItem, from a function jar's class path. args:
 * endpoint, table, sort key.
 */
public final class RawPut {
    private RawPut() {
    }

    public static void main(String[] args) {
        long mainAt = System.nanoTime();
        DynamoDbClient client = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .endpointOverride(URI.create(args[0]))
            .build();
        long constructed = System.nanoTime();
        client.putItem(r -> r.tableName(args[1]).item(Map.of(
            "pk", AttributeValue.fromS("BENCH#cold"),
            "sk", AttributeValue.fromS(args[2]),
            "name", AttributeValue.fromS("Office staff faces"),
            "createdAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())))));
        long handled = System.nanoTime();
        Result.print(mainAt, constructed, handled, 200);
        System.exit(0);
    }
}
