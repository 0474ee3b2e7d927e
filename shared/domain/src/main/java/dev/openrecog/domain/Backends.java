package dev.openrecog.domain;

/**
 * What operations run on. A function is given only the backends its operations need; asking for
 * one it was not given is a deployment fault, reported as such.
 */
public final class Backends {
    private final RecognitionStore store;

    private Backends(Builder builder) {
        this.store = builder.store;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RecognitionStore store() {
        return require(store, "recognition store");
    }

    private static <T> T require(T backend, String name) {
        if (backend == null) {
            throw new IllegalStateException("This function was built without a " + name);
        }
        return backend;
    }

    public static final class Builder {
        private RecognitionStore store;

        private Builder() {
        }

        public Builder store(RecognitionStore store) {
            this.store = store;
            return this;
        }

        public Backends build() {
            return new Backends(this);
        }
    }
}
