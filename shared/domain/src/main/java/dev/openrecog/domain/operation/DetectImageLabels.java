package dev.openrecog.domain.operation;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.ImageLabeler;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectReader;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.Tenant;

import java.util.List;
import java.util.Map;

/** IMM's DetectImageLabels: the labels of the image at SourceURI, in zh-Hans or, with Language=en, English. */
public final class DetectImageLabels implements Operation {
    static final int MAX_PROJECT_NAME_BYTES = 128;

    private final ObjectReader objects;
    private final ImageLabeler labeler;

    public DetectImageLabels(ObjectReader objects, ImageLabeler labeler) {
        this.objects = objects;
        this.labeler = labeler;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        params.requiredText("ProjectName", MAX_PROJECT_NAME_BYTES);
        ObjectLocation source = ObjectLocation.parse("SourceURI", params.required("SourceURI"));
        Double threshold = params.fraction("Threshold");
        Language language = params.language();
        if (params.optional("CredentialConfig") != null) {
            throw ApiException.invalidParameter("The parameter CredentialConfig is not supported: openrecog reads SourceURI "
                + "with the function's own access.");
        }
        byte[] image = objects.read(source, ImageLabeler.MAX_IMAGE_BYTES);
        List<ImageLabel> labels = labeler.detect(image, threshold, List.of(language));
        return Responses.of("Labels", LabelsWire.of(labels, language, 0));
    }
}
