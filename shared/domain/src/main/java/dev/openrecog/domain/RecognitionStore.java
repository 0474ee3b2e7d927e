package dev.openrecog.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where libraries, entities and samples live. Every method is scoped to one tenant; an
 * implementation must make each call atomic (a failed call changes nothing) and keep the counts
 * behind each listing's TotalCount exact under concurrent calls.
 */
public interface RecognitionStore {

    void createLibrary(Tenant tenant, Library library);

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

    /** @throws ApiException LibNotFound when the library does not exist */
    void createEntity(Tenant tenant, Algorithm algorithm, Entity entity);

    Optional<Entity> findEntity(Tenant tenant, String libId, String entityId);

    /** The entities of one library, oldest first. */
    Page<Entity> listEntities(Tenant tenant, Library library, PageRequest page);

    /** Deletes the entity and its samples; safe to call again after a failure part-way. */
    void deleteEntity(Tenant tenant, Library library, String entityId);

    /** @throws ApiException LibNotFound or EntityNotFound when the parent is gone */
    void createSample(Tenant tenant, Algorithm algorithm, Sample sample);

    /**
     * Samples across the given libraries, library by library in the order given, oldest first within each.
     *
     * @param scope which samples of each library count
     */
    Page<Sample> listSamples(Tenant tenant, List<Library> libraries, SampleScope scope, PageRequest page);

    void deleteSample(Tenant tenant, Library library, String entityId, String sampleId);
}
