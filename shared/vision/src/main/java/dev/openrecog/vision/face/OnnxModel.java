package dev.openrecog.vision.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.openrecog.vision.detect.ModelManifestException;
import dev.openrecog.vision.onnx.SessionLoader;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session for a {@link FaceModel}: one float32 image input, the named float32 outputs fetched and
 * copied out. The object detector's {@code Detector} is bound to detection manifests and box decoders; a face
 * model needs the raw outputs (keypoints, embeddings), hence this small session of its own. Thread-safe.
 */
final class OnnxModel implements AutoCloseable {
    private final FaceModel model;
    private final OrtSession session;
    private final Set<String> outputs;

    private OnnxModel(FaceModel model, OrtSession session, Set<String> outputs) {
        this.model = model;
        this.session = session;
        this.outputs = outputs;
    }

    /**
     * Loads the model and checks that it has the manifest's input, with its shape (a dynamic batch passes), and
     * every output the caller will read, with the given shapes ({@code -1} matches anything).
     *
     * @throws ModelManifestException when the model cannot be loaded or does not fit the manifest
     */
    static OnnxModel load(FaceModel model, int threads, Map<String, long[]> outputShapes) {
        OrtSession session = null;
        try {
            session = SessionLoader.create(model.modelBytes(), threads);
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1 || !inputs.containsKey(model.inputTensor())) {
                throw model.bad("the model's inputs are " + inputs.keySet() + ", the manifest names one, '"
                        + model.inputTensor() + "'");
            }
            check(model, "input", inputs.get(model.inputTensor()), model.input().shape());
            Map<String, NodeInfo> available = session.getOutputInfo();
            for (Map.Entry<String, long[]> e : outputShapes.entrySet()) {
                NodeInfo info = available.get(e.getKey());
                if (info == null) {
                    throw model.bad("the model has no output '" + e.getKey() + "'; its outputs: "
                            + available.keySet());
                }
                check(model, "output", info, e.getValue());
            }
            return new OnnxModel(model, session, new LinkedHashSet<>(outputShapes.keySet()));
        } catch (OrtException e) {
            close(session);
            throw new ModelManifestException(model.source() + ": cannot load model " + model.modelFile() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
    }

    private static void check(FaceModel model, String what, NodeInfo info, long[] expected) {
        if (!(info.getInfo() instanceof TensorInfo) || ((TensorInfo) info.getInfo()).type != OnnxJavaType.FLOAT) {
            throw model.bad(what + " '" + info.getName() + "' is not a float32 tensor");
        }
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        boolean fits = shape.length == expected.length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = shape[i] < 0 || expected[i] < 0 || shape[i] == expected[i];
        }
        if (!fits) {
            throw model.bad(what + " '" + info.getName() + "' has shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expected));
        }
    }

    /** Runs one image ({@code input} from its position, in the manifest's input shape); outputs by name. */
    Map<String, float[]> run(FloatBuffer input) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input.slice(), model.input().shape());
                OrtSession.Result result = session.run(Map.of(model.inputTensor(), tensor), outputs)) {
            Map<String, float[]> out = new HashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer data = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] values = new float[data.remaining()];
                data.get(values);
                out.put(e.getKey(), values);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed for model " + model.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        close(session);
    }

    private static void close(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException | RuntimeException ignored) {
                // nothing left to free
            }
        }
    }
}
