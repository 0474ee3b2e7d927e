package dev.openrecog.vision.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stored prompts, and which of them apply to a real photo (darknet's dog.jpg: a dog, a bicycle, a pickup). */
class LabelSelectorTest {
    private static final Path DOG_JPG = Path.of("/usr/share/darknet/data/dog.jpg");
    private static Detector detector;
    private static List<ImageLabel> english;
    private static List<ImageLabel> chinese;

    @BeforeAll
    static void labelTheDogPhoto() throws Exception {
        assumeTrue(Files.isRegularFile(DOG_JPG), "darknet's photos absent (apt-get install -y darknet)");
        detector = Detector.create(ModelManifest.defaultModel());
        byte[] photo = Files.readAllBytes(DOG_JPG);
        VisionLabeler labeler = new VisionLabeler(detector);
        english = labeler.detect(photo, null, List.of(Language.EN));
        chinese = labeler.detect(photo, null, List.of(Language.ZH_HANS));
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    private static LabelSelector selector(String prompt) {
        return PromptVocabulary.coco().resolve(prompt).selector();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dog", "狗", "家里的狗", "my dog", "golden retriever", "puppies", "犬科动物", "animal", "动物",
        "bicycle", "自行车", "mountain bike", "vehicle", "交通工具", "red sports car or pickup truck", "cats and dogs"})
    void promptsForWhatIsInThePhotoApply(String prompt) {
        LabelSelector selector = selector(prompt);
        assertTrue(selector.match(english).isPresent(), prompt + " on " + names(english));
        assertTrue(selector.match(chinese).isPresent(), prompt + " on " + names(chinese));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat", "小猫", "person", "人", "horse", "furniture", "家具", "food", "kitten", "airplane",
        "boat", "sofa", "teddy bear", "hot dog", "热狗", "熊"})
    void promptsForWhatIsNotInThePhotoDoNot(String prompt) {
        assertEquals(Optional.empty(), selector(prompt).match(english), prompt);
        assertEquals(Optional.empty(), selector(prompt).match(chinese), prompt);
    }

    @Test
    void aMatchScoresTheBestDetectionAndGivesItsBoxes() {
        ImageLabel dog = label(english, "Dog");
        LabelMatch match = selector("动物").match(english).orElseThrow();
        assertEquals(dog.confidence(), match.score());
        assertEquals(List.of(dog), match.labels());
        assertEquals(dog.instances(), match.instances());
        Region box = match.instances().get(0).region();
        assertTrue(box.left() < 768 / 2 && box.top() > 576 / 3, "the dog sits in the lower left of dog.jpg");

        LabelMatch vehicles = selector("交通工具").match(chinese).orElseThrow();
        Set<String> seen = names(vehicles.labels());
        assertTrue(seen.contains("自行车") && (seen.contains("汽车") || seen.contains("卡车")), seen.toString());
        assertEquals(vehicles.labels().get(0).confidence(), vehicles.score());
        assertTrue(vehicles.labels().stream().allMatch(l -> l.confidence() <= vehicles.score()));
        assertEquals(vehicles.labels().stream().mapToInt(l -> l.instances().size()).sum(), vehicles.instances().size());
    }

    @Test
    void labelsInBothLanguagesSelectEachClassOnce() {
        List<ImageLabel> both = new java.util.ArrayList<>(english);
        both.addAll(chinese);
        assertEquals(1, selector("dog").match(both).orElseThrow().labels().size());
    }

    @Test
    void aStoredSelectorMatchesAsTheResolvedOneDoes() {
        LabelSelector resolved = selector("cats and dogs");
        byte[] stored = resolved.toBytes();
        assertArrayEquals("\u0001cat,dog".getBytes(StandardCharsets.UTF_8), stored);
        LabelSelector restored = LabelSelector.fromBytes(stored);
        assertEquals(resolved, restored);
        assertEquals(List.of("cat", "dog"), restored.nodeIds());
        assertEquals(resolved.match(english).map(LabelMatch::score), restored.match(english).map(LabelMatch::score));
        assertEquals(List.of("animal"), LabelSelector.fromBytes(selector("动物").toBytes()).nodeIds());
    }

    @Test
    void storedBytesOfAnotherFormatOrForUnknownNodesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromBytes(null));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromBytes(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromBytes(new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromBytes("\u0002dog".getBytes(StandardCharsets.UTF_8)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> LabelSelector.fromBytes("\u0001dog,unicorn".getBytes(StandardCharsets.UTF_8)));
        assertTrue(unknown.getMessage().contains("'unicorn'"), unknown.getMessage());
    }

    private static ImageLabel label(List<ImageLabel> labels, String name) {
        return labels.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " not in " + names(labels)));
    }

    private static Set<String> names(List<ImageLabel> labels) {
        return labels.stream().map(ImageLabel::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
