package dev.openrecog.domain.operation;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Registers a sample from exactly one of ImageUrl or LabelPrompt. The URL is checked for form
 * here; fetching the image and computing its features is the vision engine's job.
 */
public final class CreateRecognitionSample implements Operation {
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_PROMPT_BYTES = 256;
    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "oss", "s3");

    private final RecognitionStore store;

    public CreateRecognitionSample(RecognitionStore store) {
        this.store = store;
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
            checkImageUrl(imageUrl);
        } else if (labelPrompt.isBlank()) {
            throw ApiException.invalidParameter("The parameter LabelPrompt must not be blank.");
        }
        ClientToken token = params.clientToken(Action.CREATE_RECOGNITION_SAMPLE, "Algorithm", "LibId", "EntityId", "ImageUrl",
            "LabelPrompt");
        String sampleId = store.findCreated(tenant, token).orElseGet(() -> {
            Library library = Libraries.require(store, tenant, algorithm, libId);
            Entity entity = store.findEntity(tenant, library.libId(), entityId)
                .orElseThrow(() -> ApiException.entityNotFound(entityId));
            Sample sample = new Sample(libId, entityId, entity.name(), Ids.newId(), imageUrl, labelPrompt,
                System.currentTimeMillis());
            return store.createSample(tenant, algorithm, sample, token);
        });
        return Responses.of("SampleId", sampleId);
    }

    private static void checkImageUrl(String imageUrl) {
        if (imageUrl.length() > MAX_URL_LENGTH) {
            throw ApiException.invalidParameter("The parameter ImageUrl must be at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(imageUrl);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("The parameter ImageUrl is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!URL_SCHEMES.contains(scheme) || uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2) {
            throw ApiException.invalidParameter(
                "The parameter ImageUrl must be an http(s) URL or an oss://bucket/key or s3://bucket/key URI.");
        }
    }
}
