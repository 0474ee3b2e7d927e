package dev.openrecog.domain.recognition;

import dev.openrecog.domain.Library;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The warm function's compiled libraries. A library's index is rebuilt from the store's features only when the
 * library's revision has moved since it was built, so a request costs one read of the library record, and a sample
 * created or deleted is seen by the next request. The least recently used indexes are dropped when their memory
 * passes the budget. Thread-safe.
 */
public final class LibraryIndexes {
    private final RecognitionStore store;
    private final Recognizer recognizer;
    private final long budgetBytes;
    private final Map<Key, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    public LibraryIndexes(RecognitionStore store, Recognizer recognizer, long budgetBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
        this.budgetBytes = budgetBytes;
    }

    /** Indexes within half of the heap: the rest is for decoding images and running the models. */
    public LibraryIndexes(RecognitionStore store, Recognizer recognizer) {
        this(store, recognizer, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * The index of the library's samples as of {@code library}'s revision or newer. Read the library just before,
     * so that what was deleted before this request cannot match.
     */
    public SampleIndex current(Tenant tenant, Library library) {
        Key key = new Key(tenant.id(), library.libId());
        synchronized (this) {
            Cached cached = cache.get(key);
            if (cached != null && cached.revision >= library.revision()) {
                return cached.index;
            }
        }
        // Built outside the lock: a large library takes a while to read, and other libraries need not wait for it.
        SampleIndex index = recognizer.index(library.algorithm(), store.indexedSamples(tenant, library));
        synchronized (this) {
            Cached cached = cache.get(key);
            if (cached == null || cached.revision < library.revision()) {
                if (cached != null) {
                    cachedBytes -= cached.index.memoryBytes();
                }
                cache.put(key, new Cached(library.revision(), index));
                cachedBytes += index.memoryBytes();
                evictBeyondBudget(key);
            }
        }
        return index;
    }

    /** Forgets a library that no longer exists. */
    public synchronized void forget(Tenant tenant, String libId) {
        Cached removed = cache.remove(new Key(tenant.id(), libId));
        if (removed != null) {
            cachedBytes -= removed.index.memoryBytes();
        }
    }

    private void evictBeyondBudget(Key keep) {
        Iterator<Map.Entry<Key, Cached>> oldestFirst = cache.entrySet().iterator();
        while (cachedBytes > budgetBytes && oldestFirst.hasNext()) {
            Map.Entry<Key, Cached> entry = oldestFirst.next();
            if (!entry.getKey().equals(keep)) {
                cachedBytes -= entry.getValue().index.memoryBytes();
                oldestFirst.remove();
            }
        }
    }

    private static final class Key {
        private final String tenant;
        private final String libId;

        Key(String tenant, String libId) {
            this.tenant = tenant;
            this.libId = libId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).tenant.equals(tenant) && ((Key) other).libId.equals(libId);
        }

        @Override
        public int hashCode() {
            return 31 * tenant.hashCode() + libId.hashCode();
        }
    }

    private static final class Cached {
        private final long revision;
        private final SampleIndex index;

        Cached(long revision, SampleIndex index) {
            this.revision = revision;
            this.index = index;
        }
    }
}
