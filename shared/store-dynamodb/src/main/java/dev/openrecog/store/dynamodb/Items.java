package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.IndexedSample;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

/** Turns domain records into table items and back. */
final class Items {
    static final String ENTITY_COUNT = "entityCount";
    static final String SAMPLE_COUNT = "sampleCount";
    static final String REVISION = "revision";
    static final String COUNT = "count";
    static final String CREATED_ID = "createdId";
    static final String FINGERPRINT = "fingerprint";

    private Items() {
    }

    static Map<String, AttributeValue> library(Tenant tenant, Library library) {
        Map<String, AttributeValue> item = key(Keys.libraries(tenant, library.algorithm()), Keys.librarySk(library.libId()));
        item.put("libId", s(library.libId()));
        item.put("name", s(library.name()));
        putIfPresent(item, "description", library.description());
        item.put("createdAt", n(library.createdAt()));
        item.put(ENTITY_COUNT, n(library.entityCount()));
        item.put(SAMPLE_COUNT, n(library.sampleCount()));
        item.put(REVISION, n(library.revision()));
        return item;
    }

    static Library toLibrary(Algorithm algorithm, Map<String, AttributeValue> item) {
        return new Library(str(item, "libId"), algorithm, str(item, "name"), str(item, "description"),
            num(item, "createdAt"), num(item, ENTITY_COUNT), num(item, SAMPLE_COUNT), num(item, REVISION));
    }

    static Map<String, AttributeValue> entity(Tenant tenant, Entity entity) {
        Map<String, AttributeValue> item = key(Keys.libraryContents(tenant, entity.libId()), Keys.entitySk(entity.entityId()));
        item.put("libId", s(entity.libId()));
        item.put("entityId", s(entity.entityId()));
        item.put("name", s(entity.name()));
        putIfPresent(item, "info", entity.info());
        item.put("createdAt", n(entity.createdAt()));
        item.put(SAMPLE_COUNT, n(entity.sampleCount()));
        return item;
    }

    static Entity toEntity(Map<String, AttributeValue> item) {
        return new Entity(str(item, "libId"), str(item, "entityId"), str(item, "name"), str(item, "info"),
            num(item, "createdAt"), num(item, SAMPLE_COUNT));
    }

    static Map<String, AttributeValue> sample(Tenant tenant, Sample sample) {
        Map<String, AttributeValue> item = key(Keys.libraryContents(tenant, sample.libId()),
            Keys.sampleSk(sample.entityId(), sample.sampleId()));
        item.put(Keys.GSI1_PK, s(Keys.samplesByEntityName(tenant, sample.libId(), sample.entityName())));
        item.put(Keys.GSI1_SK, s(sample.entityId() + "#" + sample.sampleId()));
        item.put("libId", s(sample.libId()));
        item.put("entityId", s(sample.entityId()));
        item.put("entityName", s(sample.entityName()));
        item.put("sampleId", s(sample.sampleId()));
        putIfPresent(item, "imageUrl", sample.imageUrl());
        putIfPresent(item, "labelPrompt", sample.labelPrompt());
        item.put("createdAt", n(sample.createdAt()));
        return item;
    }

    static Sample toSample(Map<String, AttributeValue> item) {
        return new Sample(str(item, "libId"), str(item, "entityId"), str(item, "entityName"), str(item, "sampleId"),
            str(item, "imageUrl"), str(item, "labelPrompt"), num(item, "createdAt"));
    }

    /** The key of a sample's features: the sample's sort key, in its library's features partition. */
    static Map<String, AttributeValue> featuresKey(Tenant tenant, String libId, String entityId, String sampleId) {
        return key(Keys.features(tenant, libId), Keys.sampleSk(entityId, sampleId));
    }

    /** The features of a sample that has some, with what recognition answers with. */
    static Map<String, AttributeValue> features(Tenant tenant, Sample sample) {
        Map<String, AttributeValue> item = featuresKey(tenant, sample.libId(), sample.entityId(), sample.sampleId());
        item.put("libId", s(sample.libId()));
        item.put("entityId", s(sample.entityId()));
        item.put("entityName", s(sample.entityName()));
        item.put("sampleId", s(sample.sampleId()));
        item.put("features", AttributeValue.builder().b(SdkBytes.fromByteArrayUnsafe(sample.features())).build());
        return item;
    }

    static IndexedSample toIndexedSample(Map<String, AttributeValue> item) {
        return new IndexedSample(str(item, "libId"), str(item, "entityId"), str(item, "entityName"), str(item, "sampleId"),
            item.get("features").b().asByteArrayUnsafe());
    }

    /** The first use of a ClientToken: what it created, for which parameters, and until when it counts. */
    static Map<String, AttributeValue> clientToken(Tenant tenant, ClientToken token, String createdId, long expiresAtSecond) {
        Map<String, AttributeValue> item = key(Keys.clientToken(tenant, token), Keys.CLIENT_TOKEN_SK);
        item.put(CREATED_ID, s(createdId));
        item.put(FINGERPRINT, s(token.fingerprint()));
        item.put(Keys.TTL, n(expiresAtSecond));
        return item;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, s(pk));
        key.put(Keys.SK, s(sk));
        return key;
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
