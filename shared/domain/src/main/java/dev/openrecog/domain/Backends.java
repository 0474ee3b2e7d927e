package dev.openrecog.domain;

import dev.openrecog.domain.access.AccessKeyDirectory;
import dev.openrecog.domain.access.NonceLedger;
import dev.openrecog.domain.access.RequestQuota;

/**
 * What operations run on. A function is given only the backends its operations need; asking for
 * one it was not given is a deployment fault, reported as such.
 */
public final class Backends {
    private final RecognitionStore store;
    private final ObjectReader objects;
    private final ImageLabeler labeler;
    private final LabelResultStore labelResults;
    private final AccessKeyDirectory accessKeys;
    private final NonceLedger nonces;
    private final RequestQuota quota;

    private Backends(Builder builder) {
        this.store = builder.store;
        this.objects = builder.objects;
        this.labeler = builder.labeler;
        this.labelResults = builder.labelResults;
        this.accessKeys = builder.accessKeys;
        this.nonces = builder.nonces;
        this.quota = builder.quota;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RecognitionStore store() {
        return require(store, "recognition store");
    }

    public ObjectReader objects() {
        return require(objects, "object reader");
    }

    public ImageLabeler labeler() {
        return require(labeler, "image labeler");
    }

    public LabelResultStore labelResults() {
        return require(labelResults, "label result store");
    }

    /** The access keys that signed requests are verified against. */
    public AccessKeyDirectory accessKeys() {
        return require(accessKeys, "access key directory");
    }

    /** The nonces of accepted signed requests. */
    public NonceLedger nonces() {
        return require(nonces, "nonce ledger");
    }

    /** The per-tenant request limit; unlimited when none was given. */
    public RequestQuota quota() {
        return quota;
    }

    private static <T> T require(T backend, String name) {
        if (backend == null) {
            throw new IllegalStateException("This function was built without a " + name);
        }
        return backend;
    }

    public static final class Builder {
        private RecognitionStore store;
        private ObjectReader objects;
        private ImageLabeler labeler;
        private LabelResultStore labelResults;
        private AccessKeyDirectory accessKeys;
        private NonceLedger nonces;
        private RequestQuota quota = RequestQuota.UNLIMITED;

        private Builder() {
        }

        public Builder store(RecognitionStore store) {
            this.store = store;
            return this;
        }

        public Builder objects(ObjectReader objects) {
            this.objects = objects;
            return this;
        }

        public Builder labeler(ImageLabeler labeler) {
            this.labeler = labeler;
            return this;
        }

        public Builder labelResults(LabelResultStore labelResults) {
            this.labelResults = labelResults;
            return this;
        }

        public Builder accessKeys(AccessKeyDirectory accessKeys) {
            this.accessKeys = accessKeys;
            return this;
        }

        public Builder nonces(NonceLedger nonces) {
            this.nonces = nonces;
            return this;
        }

        public Builder quota(RequestQuota quota) {
            this.quota = quota;
            return this;
        }

        public Backends build() {
            return new Backends(this);
        }
    }
}
