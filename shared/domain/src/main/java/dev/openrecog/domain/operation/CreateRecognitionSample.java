package dev.openrecog.domain.operation;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.ImageFetcher;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.ObjectReader;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;

import dev.openrecog.domain.recognition.Recognizer;

import java.util.Map;

/**
 * Registers a sample from exactly one of ImageUrl or LabelPrompt, with the features recognition
 * compares with. The image is read and described before anything is written, so an image that cannot
 * be a sample (no face in a face library, not an image at all) stores nothing.
 */
public final class CreateRecognitionSample implements Operation {
    static final int MAX_PROMPT_BYTES = 256;

    private final RecognitionStore store;
    private final ImageSource images;
    private final Recognizer recognizer;

    public CreateRecognitionSample(RecognitionStore store, ObjectReader objects, ImageFetcher fetcher, Recognizer recognizer) {
        this.store = store;
        this.images = new ImageSource(objects, fetcher);
        this.recognizer = recognizer;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        String libId = params.id("LibId");
        String entityId = params.id("EntityId");
        String imageUrl = params.optional("ImageUrl");
        String labelPrompt = params.optionalText("LabelPrompt", MAX_PROMPT_BYTES);
        if ((imageUrl == null) == (labelPrompt == null)) {
            throw ApiException.invalidParameter("Exactly one of ImageUrl and LabelPrompt is required; got "
                + (imageUrl == null ? "neither." : "both."));
        }
        if (imageUrl != null) {
            ImageSource.check("ImageUrl", imageUrl);
        } else if (labelPrompt.isBlank()) {
            throw ApiException.invalidParameter("The parameter LabelPrompt must not be blank.");
        } else if (algorithm != Algorithm.LABEL) {
            throw ApiException.invalidParameter("LabelPrompt defines a custom label and is accepted by label libraries only; "
                + "a " + algorithm.wireName() + " sample needs an ImageUrl.");
        }
        ClientToken token = params.clientToken(Action.CREATE_RECOGNITION_SAMPLE, "Algorithm", "LibId", "EntityId", "ImageUrl",
            "LabelPrompt");
        String sampleId = store.findCreated(tenant, token).orElseGet(() -> {
            Library library = Libraries.require(store, tenant, algorithm, libId);
            Entity entity = store.findEntity(tenant, library.libId(), entityId)
                .orElseThrow(() -> ApiException.entityNotFound(entityId));
            byte[] features = imageUrl != null ? recognizer.imageFeatures(algorithm, images.read("ImageUrl", imageUrl))
                : recognizer.promptFeatures(labelPrompt);
            Sample sample = new Sample(libId, entityId, entity.name(), Ids.newId(), imageUrl, labelPrompt,
                System.currentTimeMillis()).withFeatures(features);
            return store.createSample(tenant, algorithm, sample, token);
        });
        return Responses.of("SampleId", sampleId);
    }
}
