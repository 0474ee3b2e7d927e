package dev.openrecog.domain.operation;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

/** Finds the library an operation works on, telling "no such library" from "a library of another algorithm". */
final class Libraries {
    private Libraries() {
    }

    static Library require(RecognitionStore store, Tenant tenant, Algorithm algorithm, String libId) {
        return store.findLibrary(tenant, algorithm, libId).orElseThrow(() -> notFound(store, tenant, algorithm, libId));
    }

    /** Runs a store change, turning its LibNotFound into the precise error for this library. */
    static void change(RecognitionStore store, Tenant tenant, Algorithm algorithm, String libId, Runnable change) {
        try {
            change.run();
        } catch (ApiException e) {
            if (e.errorCode() == ErrorCode.LIB_NOT_FOUND) {
                throw notFound(store, tenant, algorithm, libId);
            }
            throw e;
        }
    }

    /** The error for a library that is not there for this algorithm; only looked up on the failure path. */
    static ApiException notFound(RecognitionStore store, Tenant tenant, Algorithm algorithm, String libId) {
        return store.findLibraryAlgorithm(tenant, libId)
            .filter(actual -> actual != algorithm)
            .map(actual -> ApiException.invalidParameter("The library '" + libId + "' is a " + actual.wireName()
                + " library, not a " + algorithm.wireName() + " library."))
            .orElseGet(() -> ApiException.libNotFound(libId));
    }
}
