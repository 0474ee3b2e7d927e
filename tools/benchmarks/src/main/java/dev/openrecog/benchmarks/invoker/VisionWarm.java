package dev.openrecog.benchmarks.invoker;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Language;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.image.ImageTensor;
import dev.openrecog.vision.image.InputSpec;
import dev.openrecog.vision.image.Preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warm latency of DetectImageLabels, in a JVM of its own whose class path is the function jar plus the invoker jar
 * (so the benchmark's code and the handler share one ONNX Runtime, as they must: its native library loads once
 * per process). It measures, on the same image:
 * <ul>
 * <li>{@code handler}: the function's LambdaHandler, {@code handleRequest} on the event (which reads the image
 * through OPENRECOG_OBJECTS_DIR);</li>
 * <li>{@code raw}: the inference floor, {@code OrtSession.run} (and closing its result) on the image already
 * preprocessed, fetching the two outputs the centernet decoder reads, on a session of its own made as
 * {@code Detector.create} makes one;</li>
 * <li>{@code decode}: ImageDecoder + Preprocess on the image's bytes;</li>
 * <li>{@code labeler}: {@code VisionLabeler.detect} (decode, preprocess, inference, output decoding and NMS,
 * labels) with the event's Threshold and Language, on a Detector of its own.</li>
 * </ul>
 * Each gets {@code warmup} untimed calls, then {@code timed} timed calls in ten blocks that take turns (handler,
 * raw, decode, labeler, handler, ...; {@link WarmLoop}).
 *
 * <p>Writes the samples (nanoseconds, comma-separated) and a few facts ({@code info:}) to the results file.
 * args: handler class, event file, image file, warm-up calls, timed calls, results file.
 */
public final class VisionWarm {
    static final Pattern THRESHOLD = Pattern.compile("Threshold\\\\?\"\\s*:\\s*([0-9.]+)");
    private static final Pattern LANGUAGE = Pattern.compile("Language\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z-]+)");
    private static final Pattern LABEL_NAME = Pattern.compile("LabelName\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]+)");

    private VisionWarm() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        byte[] image = Files.readAllBytes(Path.of(args[2]));
        int warmup = Integer.parseInt(args[3]);
        int timed = Integer.parseInt(args[4]);
        Path resultsFile = Path.of(args[5]);
        Map<String, String> info = new LinkedHashMap<>();

        // The handler, as Lambda would make it.
        WarmHandler handler = WarmHandler.start(handlerClass, event, "DetectImageLabels", info);
        String firstResponse = handler.answer();
        info.put("labels", labelNames(firstResponse));

        // The stages, on the same image and model.
        String eventText = new String(event, StandardCharsets.UTF_8);
        Matcher threshold = THRESHOLD.matcher(eventText);
        Double minScore = threshold.find() ? Double.valueOf(threshold.group(1)) : null;
        Matcher language = LANGUAGE.matcher(eventText);
        List<Language> languages = List.of(language.find() ? Language.parse(language.group(1)) : Language.ZH_HANS);
        info.put("threshold", String.valueOf(minScore));
        info.put("language", languages.get(0).wireValue());

        ModelManifest manifest = ModelManifest.defaultModel();
        InputSpec spec = manifest.input().spec();
        ImageDecoder decoder = new ImageDecoder();
        Detector detector = Detector.create(manifest);
        VisionLabeler labeler = new VisionLabeler(detector);
        info.put("model", manifest.name());
        info.put("intra-op threads", Integer.toString(Detector.Options.defaults().intraOpThreads()));
        Runnable decode = () -> Preprocess.toTensor(decoder.decode(image, spec), spec);
        Runnable label = () -> labeler.detect(image, minScore, languages);

        // The raw inference floor: its own session, made like the Detector's, on the preprocessed image.
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = OrtSessionOnly.createSession(env, manifest.modelBytes());
        ImageTensor prepared = Preprocess.toTensor(decoder.decode(image, spec), spec);
        OnnxTensor input = OnnxTensor.createTensor(env, prepared.data(), manifest.input().shape());
        Map<String, OnnxTensor> inputs = Map.of(manifest.input().tensor(), input);
        Set<String> fetch = decoderOutputs(manifest.name());
        info.put("raw fetches", String.join(" ", fetch));
        info.put("image", image.length + " bytes, " + prepared.originalWidth() + "x" + prepared.originalHeight());
        Runnable raw = () -> {
            try (OrtSession.Result result = session.run(inputs, fetch)) {
                if (result.size() != fetch.size()) {
                    throw new IllegalStateException("ONNX Runtime returned " + result.size() + " outputs");
                }
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        };

        Map<String, Runnable> measured = new LinkedHashMap<>();
        measured.put("handler", handler);
        measured.put("raw", raw);
        measured.put("decode", decode);
        measured.put("labeler", label);

        Map<String, long[]> samples = WarmLoop.measure(measured, warmup, timed, name -> {
            if (name.equals("handler")) {
                handler.checkAnswer(); // after a loop of handler calls, the last answer must still be a 200
            }
        }, info);
        WarmLoop.write(resultsFile, samples, info);
        System.exit(0);
    }

    /** The distinct LabelNames of a response, in order. */
    private static String labelNames(String response) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = LABEL_NAME.matcher(response);
        while (m.find()) {
            names.add(m.group(1));
        }
        return String.join(", ", names);
    }

    /**
     * The outputs the built-in model's decoder reads (centernet: heatmap and boxes), from its manifest, so that the
     * floor fetches what the Detector fetches and not the graph's own decoded outputs.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> decoderOutputs(String model) throws IOException {
        try (InputStream in = VisionWarm.class.getResourceAsStream("/dev/openrecog/vision/models/" + model + ".json")) {
            Map<String, Object> manifest = JSON.std.mapFrom(in);
            Map<String, Object> decoder = (Map<String, Object>) manifest.get("decoder");
            if (!"centernet".equals(decoder.get("kind"))) {
                throw new IllegalStateException("The raw floor knows the centernet decoder's outputs only, not "
                    + decoder.get("kind"));
            }
            return new LinkedHashSet<>(List.of((String) decoder.get("heatmap"), (String) decoder.get("boxes")));
        }
    }
}
