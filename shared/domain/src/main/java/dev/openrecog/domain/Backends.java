package dev.openrecog.domain;

import dev.openrecog.domain.access.AccessKeyDirectory;
import dev.openrecog.domain.access.NonceLedger;
import dev.openrecog.domain.access.RequestQuota;
import dev.openrecog.domain.recognition.Recognizer;
import dev.openrecog.domain.recognition.UploadRecognitionRules;

/**
 * What operations run on. A function is given only the backends its operations need; asking for
 * one it was not given is a deployment fault, reported as such.
 */
public final class Backends {
    private final RecognitionStore store;
    private final ObjectReader objects;
    private final ImageLabeler labeler;
    private final LabelResultStore labelResults;
    private final ImageFetcher fetcher;
    private final Recognizer recognizer;
    private final UploadRecognitionRules uploadRecognition;
    private final AccessKeyDirectory accessKeys;
    private final NonceLedger nonces;
    private final RequestQuota quota;

    private Backends(Builder builder) {
        this.store = builder.store;
        this.objects = builder.objects;
        this.labeler = builder.labeler;
        this.labelResults = builder.labelResults;
        this.fetcher = builder.fetcher;
        this.recognizer = builder.recognizer;
        this.uploadRecognition = builder.uploadRecognition;
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

    /** Downloads http(s) ImageUrls. */
    public ImageFetcher fetcher() {
        return require(fetcher, "image fetcher");
    }

    public Recognizer recognizer() {
        return require(recognizer, "recognizer");
    }

    /** Which libraries uploads are recognized against; none unless given. */
    public UploadRecognitionRules uploadRecognition() {
        return uploadRecognition;
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
        private ImageFetcher fetcher;
        private Recognizer recognizer;
        private UploadRecognitionRules uploadRecognition = UploadRecognitionRules.NONE;
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

        public Builder fetcher(ImageFetcher fetcher) {
            this.fetcher = fetcher;
            return this;
        }

        public Builder recognizer(Recognizer recognizer) {
            this.recognizer = recognizer;
            return this;
        }

        public Builder uploadRecognition(UploadRecognitionRules uploadRecognition) {
            this.uploadRecognition = uploadRecognition;
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
