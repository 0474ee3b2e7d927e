package dev.openrecog.vision;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Labels as IMM returns them, on real photos from Debian's darknet package, with the default model and threshold. */
class VisionLabelerTest {
    private static final Path PHOTOS = Path.of("/usr/share/darknet/data");
    private static Detector detector;
    private static VisionLabeler labeler;

    @BeforeAll
    static void load() {
        detector = Detector.create(ModelManifest.defaultModel());
        labeler = new VisionLabeler(detector);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void dogBicycleAndCarWithTheirParents() throws Exception {
        Map<String, ImageLabel> zh = labels("dog.jpg", Language.ZH_HANS);
        assertLabel(zh, "狗", 3, "犬科动物");
        assertLabel(zh, "犬科动物", 2, "动物");
        assertLabel(zh, "动物", 1, "");
        assertLabel(zh, "自行车", 2, "交通工具");
        assertTrue(zh.containsKey("汽车") || zh.containsKey("卡车"), zh.keySet().toString());
        assertLabel(zh, "交通工具", 1, "");
        assertOnly(zh, Set.of("狗", "犬科动物", "动物", "自行车", "汽车", "卡车", "机动车", "交通工具"));

        Map<String, ImageLabel> en = labels("dog.jpg", Language.EN);
        assertLabel(en, "Dog", 3, "Canine");
        assertLabel(en, "Bicycle", 2, "Vehicle");
        assertEquals("en", en.get("Dog").language().wireValue());
        assertEquals(zh.get("狗").confidence(), en.get("Dog").confidence());

        ImageLabel dog = zh.get("狗");
        Region box = dog.instances().get(0).region();
        assertTrue(box.left() < 300 && box.top() > 150 && box.width() > 100 && box.height() > 150,
            "the dog sits in the lower left of dog.jpg: " + box);
        assertTrue(zh.get("动物").instances().isEmpty(), "parents stand for their children and carry no boxes of their own");
        assertEquals(dog.confidence(), zh.get("动物").confidence(), "a parent is as sure as its surest child");
    }

    @Test
    void horsesEagleAndPerson() throws Exception {
        Map<String, ImageLabel> horses = labels("horses.jpg", Language.ZH_HANS);
        assertLabel(horses, "马", 3, "马科动物");
        assertLabel(horses, "动物", 1, "");
        assertOnly(horses, Set.of("马", "马科动物", "动物", "牛", "牛科动物", "羊", "绵羊", "哺乳动物"));

        Map<String, ImageLabel> eagle = labels("eagle.jpg", Language.ZH_HANS);
        assertLabel(eagle, "鸟", 2, "动物");
        assertOnly(eagle, Set.of("鸟", "动物"));

        Map<String, ImageLabel> person = labels("person.jpg", Language.EN);
        assertLabel(person, "Person", 2, "People");
        assertOnly(person, Set.of("Person", "People", "Dog", "Canine", "Animal", "Horse", "Equine"));
    }

    @Test
    void scoresAreFractionsAndTheMainSubjectIsTheMostCentric() throws Exception {
        Map<String, ImageLabel> horses = labels("horses.jpg", Language.EN);
        for (ImageLabel label : horses.values()) {
            assertTrue(label.confidence() >= labeler.defaultThreshold() && label.confidence() <= 1, label.name());
            assertTrue(label.centricScore() >= 0 && label.centricScore() <= 1, label.name());
        }
        Map<String, ImageLabel> dog = labels("dog.jpg", Language.EN);
        assertTrue(dog.get("Bicycle").centricScore() > 0.3, "the bicycle fills the middle of dog.jpg");
    }

    @Test
    void aLowerThresholdFindsMoreAndAHigherOneFewer() throws Exception {
        byte[] photo = photo("dog.jpg");
        int defaults = labeler.detect(photo, null, List.of(Language.EN)).size();
        assertTrue(labeler.detect(photo, 0.05, List.of(Language.EN)).size() >= defaults);
        assertTrue(labeler.detect(photo, 0.99, List.of(Language.EN)).isEmpty());
    }

    @Test
    void whatIsNotAnImageIsAnInvalidParameter() {
        ApiException notImage = assertThrows(ApiException.class,
            () -> labeler.detect("just text, named dog.jpg".getBytes(StandardCharsets.UTF_8), null, List.of(Language.EN)));
        assertEquals("InvalidParameter", notImage.errorCode().code());
    }

    private static Map<String, ImageLabel> labels(String file, Language language) throws Exception {
        return labeler.detect(photo(file), null, List.of(language)).stream()
            .collect(Collectors.toMap(ImageLabel::name, label -> label));
    }

    private static byte[] photo(String file) throws Exception {
        Path path = PHOTOS.resolve(file);
        assumeTrue(Files.exists(path), "Debian's darknet package is not installed");
        return Files.readAllBytes(path);
    }

    private static void assertLabel(Map<String, ImageLabel> labels, String name, int level, String parent) {
        ImageLabel label = labels.get(name);
        assertTrue(label != null, name + " not among " + labels.keySet());
        assertEquals(level, label.level(), name);
        assertEquals(parent, label.parentName(), name);
    }

    private static void assertOnly(Map<String, ImageLabel> labels, Set<String> allowed) {
        assertTrue(allowed.containsAll(labels.keySet()), "unexpected labels above the default threshold: " + labels.keySet());
    }
}
