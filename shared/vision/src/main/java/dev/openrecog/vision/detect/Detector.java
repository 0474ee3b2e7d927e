package dev.openrecog.vision.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.openrecog.vision.onnx.SessionLoader;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An object detector: one ONNX Runtime session for one {@link ModelManifest}. It takes the preprocessed input
 * tensor (laid out and normalized as the manifest's {@link ModelInput} says) and returns the detections after
 * class-wise NMS, boxes as fractions of the model input. Thread-safe; create one per model and keep it (a session
 * load takes 40-260 ms); close it to free the native session.
 */
public final class Detector implements AutoCloseable {
    private final ModelManifest manifest;
    private final OrtSession session;
    private final OutputDecoder decoder;
    private final Set<String> fetch;

    /** Session settings. */
    public static final class Options {
        private int intraOpThreads = Runtime.getRuntime().availableProcessors();

        public static Options defaults() {
            return new Options();
        }

        /** Threads of one inference (ONNX Runtime intra-op threads); default: available processors. */
        public Options intraOpThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("intra-op threads must be at least 1: " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        public int intraOpThreads() {
            return intraOpThreads;
        }
    }

    private Detector(ModelManifest manifest, OrtSession session) {
        this.manifest = manifest;
        this.session = session;
        this.decoder = manifest.decoder();
        this.fetch = new LinkedHashSet<>(decoder.outputs());
    }

    /** A detector with default {@link Options}. */
    public static Detector create(ModelManifest manifest) {
        return create(manifest, Options.defaults());
    }

    /**
     * Loads the manifest's model into a new session (on the process-wide {@link OrtEnvironment}) and checks that the
     * model's input and outputs are the ones the manifest names, with matching shapes.
     *
     * @throws ModelManifestException when the model does not fit the manifest or cannot be loaded
     */
    public static Detector create(ModelManifest manifest, Options options) {
        OrtSession session = null;
        try {
            Optional<java.nio.file.Path> path = manifest.modelPath();
            session = path.isPresent() ? SessionLoader.create(path.get().toString(), options.intraOpThreads())
                    : SessionLoader.create(manifest.modelBytes(), options.intraOpThreads());
            check(manifest, session);
            return new Detector(manifest, session);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelManifestException(manifest.source() + ": cannot load model " + manifest.modelFile() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static void check(ModelManifest manifest, OrtSession session) throws OrtException {
        ModelInput in = manifest.input();
        Map<String, NodeInfo> inputs = session.getInputInfo();
        NodeInfo info = inputs.get(in.tensor());
        if (info == null) {
            throw new ModelManifestException(manifest.source() + ": model has no input '" + in.tensor()
                    + "'; its inputs: " + inputs.keySet());
        }
        if (inputs.size() != 1) {
            throw new ModelManifestException(manifest.source() + ": model has " + inputs.size()
                    + " inputs; only single-input models are supported: " + inputs.keySet());
        }
        long[] shape = shapeOf(info);
        if (!OutputDecoder.shapeMatches(shape, in.shape())) {
            throw new ModelManifestException(manifest.source() + ": model input '" + in.tensor() + "' has shape "
                    + Arrays.toString(shape) + ", the manifest says " + Arrays.toString(in.shape()) + " ("
                    + in.spec().layout() + ")");
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        Map<String, long[]> shapes = new HashMap<>();
        for (String name : manifest.decoder().outputs()) {
            NodeInfo o = outputs.get(name);
            if (o == null) {
                throw new ModelManifestException(manifest.source() + ": model has no output '" + name
                        + "'; its outputs: " + outputs.keySet());
            }
            shapes.put(name, shapeOf(o));
        }
        try {
            manifest.decoder().check(shapes);
        } catch (ModelManifestException e) {
            throw new ModelManifestException(manifest.source() + ": " + e.getMessage(), e);
        }
    }

    private static long[] shapeOf(NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo)) {
            throw new ModelManifestException("'" + info.getName() + "' is not a tensor");
        }
        TensorInfo t = (TensorInfo) info.getInfo();
        if (t.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new ModelManifestException("'" + info.getName() + "' is " + t.type + ", only float32 is supported");
        }
        return t.getShape();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** Detections at or above the manifest's default score threshold. */
    public List<Detection> detect(FloatBuffer input) {
        return detect(input, manifest.scoreThreshold());
    }

    /**
     * Runs the model on one preprocessed image and decodes its outputs.
     *
     * @param input {@link ModelInput#size()} floats from the buffer's position, in the manifest's layout, channel
     *     order and normalization; the buffer's position is not changed
     * @param minScore the minimum score (0..1) of a detection
     * @return at most {@link ModelManifest#maxDetections()} detections after class-wise NMS, best first
     * @throws IllegalArgumentException when the buffer holds fewer or more floats than the input needs
     */
    public List<Detection> detect(FloatBuffer input, float minScore) {
        if (!(minScore >= 0f && minScore <= 1f)) {
            throw new IllegalArgumentException("minScore must be within 0..1: " + minScore);
        }
        try (OrtSession.Result result = run(input, fetch)) {
            Map<String, float[]> data = new HashMap<>();
            Map<String, long[]> shapes = new HashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                data.put(e.getKey(), floats(t));
                shapes.put(e.getKey(), t.getInfo().getShape());
            }
            List<Detection> candidates = decoder.decode(new OutputDecoder.Outputs() {
                @Override
                public float[] data(String name) {
                    return data.get(name);
                }

                @Override
                public long[] shape(String name) {
                    return shapes.get(name);
                }
            }, minScore, manifest.labels());
            return Nms.classWise(candidates, manifest.nmsIou(), manifest.maxDetections());
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed for model " + manifest.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the model on one preprocessed image and returns one of its outputs as it is, row-major: an output that the
     * decoder does not read, such as an inner feature map that a converted model exposes for image embeddings.
     *
     * @param input as for {@link #detect(FloatBuffer, float)}
     * @throws IllegalArgumentException when the model has no such output, or the buffer holds the wrong number of
     *     floats
     */
    public float[] output(FloatBuffer input, String name) {
        try {
            NodeInfo info = session.getOutputInfo().get(name);
            if (info == null || !(info.getInfo() instanceof TensorInfo)
                    || ((TensorInfo) info.getInfo()).type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException("model " + manifest.name() + " has no float32 output '" + name
                        + "'; its outputs: " + session.getOutputNames());
            }
            try (OrtSession.Result result = run(input, Set.of(name))) {
                return floats((OnnxTensor) result.get(0));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed for model " + manifest.name() + ": " + e.getMessage(), e);
        }
    }

    private OrtSession.Result run(FloatBuffer input, Set<String> outputs) throws OrtException {
        ModelInput in = manifest.input();
        if (input.remaining() != in.size()) {
            throw new IllegalArgumentException("input holds " + input.remaining() + " floats, the model takes "
                    + in.size() + " (" + Arrays.toString(in.shape()) + ")");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input.slice(), in.shape())) {
            return session.run(Map.of(in.tensor(), tensor), outputs);
        }
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer fb = t.getFloatBuffer();
        float[] a = new float[fb.remaining()];
        fb.get(a);
        return a;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException | RuntimeException ignored) {
                // nothing left to free
            }
        }
    }
}
