package dev.openrecog.vision.detect;

/** A model manifest that cannot be read, is malformed, or does not fit its ONNX model. */
public class ModelManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelManifestException(String message) {
        super(message);
    }

    public ModelManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
