package dev.openrecog.domain.operation;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ImageFetcher;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectReader;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.LibraryIndexes;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Recognizer;
import dev.openrecog.domain.recognition.SampleIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the entities of one or more libraries in an image (SourceURI or ImageUrl): each match names the library,
 * the entity and the sample that matched best, with a score from 0 to 1 and the region of the image it was found
 * in. The libraries are read on every request and their indexes rebuilt when they changed, so what was added
 * before the request can match and what was deleted cannot.
 */
public final class RecognizeImage implements Operation {
    static final int MAX_LIB_IDS = 10;
    static final int DEFAULT_MAX_RESULTS = 10;
    static final int MAX_RESULTS = 100;

    private final RecognitionStore store;
    private final ImageSource images;
    private final Recognizer recognizer;
    private final LibraryIndexes indexes;

    public RecognizeImage(RecognitionStore store, ObjectReader objects, ImageFetcher fetcher, Recognizer recognizer) {
        this.store = store;
        this.images = new ImageSource(objects, fetcher);
        this.recognizer = recognizer;
        this.indexes = new LibraryIndexes(store, recognizer);
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        List<String> libIds = params.idList("LibId", MAX_LIB_IDS);
        String sourceUri = params.optional("SourceURI");
        String imageUrl = params.optional("ImageUrl");
        if ((sourceUri == null) == (imageUrl == null)) {
            throw ApiException.invalidParameter("Exactly one of SourceURI and ImageUrl is required; got "
                + (sourceUri == null ? "neither." : "both."));
        }
        String imageParameter = sourceUri != null ? "SourceURI" : "ImageUrl";
        String imageLocation = sourceUri != null ? sourceUri : imageUrl;
        if (sourceUri != null) {
            ObjectLocation.parse("SourceURI", sourceUri); // SourceURI names an object, as in DetectImageLabels
        }
        ImageSource.check(imageParameter, imageLocation);
        Double threshold = params.fraction("Threshold");
        int maxResults = params.integer("MaxResults", DEFAULT_MAX_RESULTS);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw ApiException.invalidParameter("The parameter MaxResults must be from 1 to " + MAX_RESULTS + "; got " + maxResults + ".");
        }

        List<SampleIndex> searched = new ArrayList<>();
        for (String libId : libIds) {
            Library library = store.findLibrary(tenant, algorithm, libId).orElseThrow(() -> {
                indexes.forget(tenant, libId);
                return Libraries.notFound(store, tenant, algorithm, libId);
            });
            searched.add(indexes.current(tenant, library));
        }
        byte[] image = images.read(imageParameter, imageLocation);
        List<RecognitionMatch> matches = recognizer.recognize(algorithm, image, searched,
            threshold != null ? threshold : recognizer.defaultThreshold(algorithm));
        return Responses.of("Matches", MatchesWire.of(matches.subList(0, Math.min(maxResults, matches.size()))));
    }
}
