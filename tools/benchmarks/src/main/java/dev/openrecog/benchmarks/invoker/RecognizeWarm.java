package dev.openrecog.benchmarks.invoker;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.SampleIndex;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.vision.recognition.VisionRecognizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warm latency of RecognizeImage, in a JVM of its own whose class path is the recognize-image jar plus the invoker
 * jar. It first makes a face library in the table the environment names: one entity per sample photo, whose sample is
 * that photo's largest face, described by the function's own {@code VisionRecognizer} and stored through the store the
 * function uses (as CreateRecognitionSample would). It then measures, on the event's photo:
 * <ul>
 * <li>{@code handler}: the function's LambdaHandler on the event, its {@code ${LibId}} replaced by the library's;</li>
 * <li>{@code raw}: the floor, {@code VisionRecognizer.recognize(face)} on the photo's bytes against an index of the
 * same samples built once, at the event's Threshold, on a recognizer of its own.</li>
 * </ul>
 * Both get {@code warmup} untimed calls, then {@code timed} timed calls ({@link WarmLoop}). Writes the samples and a
 * few facts to the results file, and the event with the library's id to the event file, for the cold starts.
 *
 * <p>args: handler class, event template, the event's photo, tenant, warm-up calls, timed calls, results file, event
 * file, then the sample photos.
 */
public final class RecognizeWarm {
    private static final Pattern SCORE = Pattern.compile("Score\\\\?\"\\s*:\\s*([0-9.]+)");

    private RecognizeWarm() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        String template = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        byte[] photo = Files.readAllBytes(Path.of(args[2]));
        Tenant tenant = Tenant.of(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int timed = Integer.parseInt(args[5]);
        Path resultsFile = Path.of(args[6]);
        Path eventFile = Path.of(args[7]);
        List<String> samplePhotos = List.of(args).subList(8, args.length);
        Map<String, String> info = new LinkedHashMap<>();

        RecognitionStore store = DynamoDbStores.fromEnvironment().recognition();
        VisionRecognizer recognizer = VisionRecognizer.builtIn();
        Library library = faceLibrary(store, tenant, recognizer, samplePhotos);
        info.put("library", library.libId());
        info.put("samples", Integer.toString(samplePhotos.size()));
        String eventText = template.replace("${LibId}", library.libId());
        Files.writeString(eventFile, eventText, StandardCharsets.UTF_8);
        byte[] event = eventText.getBytes(StandardCharsets.UTF_8);

        WarmHandler handler = WarmHandler.start(handlerClass, event, "RecognizeImage", info);
        String firstResponse = handler.answer();
        info.put("scores", scores(firstResponse));

        Matcher threshold = VisionWarm.THRESHOLD.matcher(eventText);
        double minScore = threshold.find() ? Double.parseDouble(threshold.group(1)) : recognizer.defaultThreshold(Algorithm.FACE);
        info.put("threshold", Double.toString(minScore));
        SampleIndex index = recognizer.index(Algorithm.FACE, store.indexedSamples(tenant, library));
        Runnable raw = () -> recognizer.recognize(Algorithm.FACE, photo, List.of(index), minScore);
        info.put("raw matches", Integer.toString(recognizer.recognize(Algorithm.FACE, photo, List.of(index), minScore).size()));

        Map<String, Runnable> measured = new LinkedHashMap<>();
        measured.put("handler", handler);
        measured.put("raw", raw);
        Map<String, long[]> samples = WarmLoop.measure(measured, warmup, timed, name -> {
            if (name.equals("handler")) {
                handler.checkAnswer();
            }
        }, info);
        WarmLoop.write(resultsFile, samples, info);
        System.exit(0);
    }

    /** A face library of one entity per photo, whose one sample is the photo's largest face. */
    private static Library faceLibrary(RecognitionStore store, Tenant tenant, VisionRecognizer recognizer, List<String> photos)
        throws IOException {
        long now = System.currentTimeMillis();
        String libId = store.createLibrary(tenant, new Library(Ids.newId(), Algorithm.FACE, "bench faces",
            "RecognizeImage benchmark", now), null);
        for (String photo : photos) {
            String name = Path.of(photo).getFileName().toString();
            String entityId = store.createEntity(tenant, Algorithm.FACE, new Entity(libId, Ids.newId(), name, null, now), null);
            byte[] features = recognizer.imageFeatures(Algorithm.FACE, Files.readAllBytes(Path.of(photo)));
            store.createSample(tenant, Algorithm.FACE, new Sample(libId, entityId, name, Ids.newId(), "s3://openrecog-photos/faces/" + name,
                null, now).withFeatures(features), null);
        }
        return store.findLibrary(tenant, Algorithm.FACE, libId).orElseThrow();
    }

    /** The Scores of a RecognizeImage response, in order. */
    private static String scores(String response) {
        StringBuilder scores = new StringBuilder();
        Matcher m = SCORE.matcher(response);
        while (m.find()) {
            scores.append(scores.length() == 0 ? "" : ", ").append(m.group(1));
        }
        return scores.length() == 0 ? "none" : scores.toString();
    }
}
