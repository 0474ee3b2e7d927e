package dev.openrecog.domain;

import dev.openrecog.domain.recognition.IndexedSample;

import java.util.List;
import java.util.Optional;

/**
 * Where libraries, entities and samples live. Every method is scoped to one tenant; an
 * implementation must make each call atomic (a failed call changes nothing) and keep the counts
 * behind each listing's TotalCount exact under concurrent calls.
 */
public interface RecognitionStore {

    /**
     * What an earlier create with this ClientToken created, so that a retry gets the same answer.
     *
     * @param token the request's ClientToken, or null when it carries none (then nothing is read)
     * @return the id the earlier request created; empty when the token is unused or past its lifetime
     * @throws ApiException IdempotentParameterMismatch when the earlier request had other parameters
     */
    Optional<String> findCreated(Tenant tenant, ClientToken token);

    /**
     * Creates the library. The create methods take the request's ClientToken, or null, and record
     * it in the same atomic change. When a concurrent request with the same token got there first,
     * they create nothing and answer as {@link #findCreated} does.
     *
     * @return the id that answers the request: the new record's, or that of the earlier request
     */
    String createLibrary(Tenant tenant, Library library, ClientToken token);

    Optional<Library> findLibrary(Tenant tenant, Algorithm algorithm, String libId);

    /** The algorithm of the tenant's library with this id, whichever algorithm it is, if it exists. */
    Optional<Algorithm> findLibraryAlgorithm(Tenant tenant, String libId);

    /** The tenant's libraries of one algorithm, oldest first. */
    Page<Library> listLibraries(Tenant tenant, Algorithm algorithm, PageRequest page);

    /** Those of the given libraries that exist for this algorithm, in the order asked. */
    List<Library> getLibraries(Tenant tenant, Algorithm algorithm, List<String> libIds);

    /**
     * Deletes the library with every entity and sample in it. Safe to call again after a failure
     * part-way: the call finishes what the earlier one started.
     *
     * @throws ApiException LibNotFound when there is no such library (and no unfinished deletion of it)
     */
    void deleteLibrary(Tenant tenant, Algorithm algorithm, String libId);

    /**
     * Creates the entity, as {@link #createLibrary} does.
     *
     * @throws ApiException LibNotFound when the library does not exist
     */
    String createEntity(Tenant tenant, Algorithm algorithm, Entity entity, ClientToken token);

    Optional<Entity> findEntity(Tenant tenant, String libId, String entityId);

    /** The entities of one library, oldest first. */
    Page<Entity> listEntities(Tenant tenant, Library library, PageRequest page);

    /** Deletes the entity and its samples; safe to call again after a failure part-way. */
    void deleteEntity(Tenant tenant, Library library, String entityId);

    /**
     * Creates the sample, as {@link #createLibrary} does, with its features when it carries some.
     *
     * @throws ApiException LibNotFound or EntityNotFound when the parent is gone
     */
    String createSample(Tenant tenant, Algorithm algorithm, Sample sample, ClientToken token);

    /**
     * Samples across the given libraries, library by library in the order given, oldest first within each.
     * They are read without their features.
     *
     * @param scope which samples of each library count
     */
    Page<Sample> listSamples(Tenant tenant, List<Library> libraries, SampleScope scope, PageRequest page);

    void deleteSample(Tenant tenant, Library library, String entityId, String sampleId);

    /**
     * Every sample of the library that has features, with them, by entity and then by sample. What is
     * read is at least as new as {@code library}: read the library first, and the result is current
     * for as long as {@link Library#revision()} stays the same.
     */
    List<IndexedSample> indexedSamples(Tenant tenant, Library library);
}
