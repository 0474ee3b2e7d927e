package dev.openrecog.domain;

import java.util.Arrays;

/**
 * Labels each uploaded image once. Events arrive at least once: a version that already has a result
 * is skipped. An upload that can never be labelled (not an image, too large, corrupt, gone) gets a
 * FAILED result rather than an exception, so the platform does not retry it; only faults that may
 * pass (a store or network outage) are thrown, for the platform's retry.
 */
public final class UploadLabeling {
    private final ObjectReader objects;
    private final ImageLabeler labeler;
    private final LabelResultStore results;

    public UploadLabeling(Backends backends) {
        this.objects = backends.objects();
        this.labeler = backends.labeler();
        this.results = backends.labelResults();
    }

    /** @return the result stored for the upload, or null when an earlier delivery already stored one */
    public LabelResult process(Tenant tenant, ObjectUpload upload) {
        if (results.contains(tenant, upload.location(), upload.version())) {
            return null;
        }
        LabelResult result;
        try {
            if (upload.size() > ImageLabeler.MAX_IMAGE_BYTES) {
                throw ApiException.invalidParameter("The image is " + upload.size() + " bytes; at most "
                    + ImageLabeler.MAX_IMAGE_BYTES + " bytes are labelled.");
            }
            byte[] image = objects.read(upload.location(), ImageLabeler.MAX_IMAGE_BYTES);
            result = LabelResult.succeeded(upload.location(), upload.version(),
                labeler.detect(image, null, Arrays.asList(Language.values())), System.currentTimeMillis());
        } catch (ApiException notLabellable) {
            result = LabelResult.failed(upload.location(), upload.version(), notLabellable, System.currentTimeMillis());
        }
        results.put(tenant, result);
        return result;
    }
}
