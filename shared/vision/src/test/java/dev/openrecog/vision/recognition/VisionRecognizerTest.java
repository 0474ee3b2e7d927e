package dev.openrecog.vision.recognition;

import static dev.openrecog.domain.Algorithm.FACE;
import static dev.openrecog.domain.Algorithm.LABEL;
import static dev.openrecog.domain.Algorithm.LOGO;
import static dev.openrecog.domain.Algorithm.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.domain.recognition.SampleIndex;
import dev.openrecog.vision.face.Face;
import dev.openrecog.vision.face.FaceAnalyzer;
import dev.openrecog.vision.face.FacePhotos;
import dev.openrecog.vision.face.FaceTransforms;
import dev.openrecog.vision.image.ImageDecoder;
import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The built-in recognizer on real photos, through the Recognizer port as the service uses it. */
class VisionRecognizerTest {
    /** The dog in darknet's dog.jpg (768 x 576), by hand. */
    private static final Region DOG = new Region(131, 225, 176, 316);

    private static VisionRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = VisionRecognizer.builtIn();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    // --- faces

    @Test
    void aRegisteredFaceIsFoundInEditedCopiesWhereItIsAndNotAmongOtherPeople() {
        byte[] photo = FacePhotos.sample(3);
        SampleIndex library = recognizer.index(FACE, List.of(sample("staff", "alice", recognizer.imageFeatures(FACE, photo))));
        RecognitionMatch itself = single(recognize(FACE, photo, library));
        assertEquals(1.0, itself.score(), 0.01, "the photo it was registered from");

        for (FaceTransforms.Transform edit : FaceTransforms.ALL) {
            FaceTransforms.Transformed copy = edit.apply(photo, 3);
            RecognitionMatch found = single(recognize(FACE, copy.jpeg(), library));
            assertEquals("alice", found.entityId(), edit.name());
            Region expected = through(copy.geometry(), itself.region());
            assertTrue(iou(found.region(), expected) >= 0.5, edit.name() + ": " + found.region() + ", expected about "
                    + expected);
        }
        for (int other : new int[] {1, 5}) {
            assertEquals(List.of(), recognize(FACE, FacePhotos.sample(other), library), "sample" + other + " shows other people");
        }
    }

    @Test
    void aGroupPhotoGivesOneMatchPerEnrolledFaceAcrossLibraries() {
        byte[] photo = FacePhotos.sample(4);
        List<Face> people;
        try (FaceAnalyzer analyzer = FaceAnalyzer.builtIn()) {
            people = analyzer.faces(new ImageDecoder().decode(photo, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE));
        }
        assertEquals(4, people.size(), people.toString());
        BufferedImage whole = FaceTransforms.read(photo);
        List<IndexedSample> teamA = new ArrayList<>();
        List<IndexedSample> teamB = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Face f = people.get(i);
            byte[] portrait = crop(whole, f.region().left() - f.region().width(), f.region().top() - f.region().height(), 3 * f.region().width(), 3 * f.region().height());
            (i % 2 == 0 ? teamA : teamB).add(sample(i % 2 == 0 ? "a" : "b", "person" + i,
                    recognizer.imageFeatures(FACE, portrait)));
        }
        FaceTransforms.Transformed copy = FaceTransforms.ALL.stream().filter(t -> t.name().equals("scale 0.5"))
                .findFirst().orElseThrow().apply(photo, 4);

        List<RecognitionMatch> matches = recognize(FACE, copy.jpeg(), recognizer.index(FACE, teamA), recognizer.index(FACE, teamB));

        assertEquals(4, matches.size(), matches.toString());
        assertEquals(4, matches.stream().map(m -> m.entityId()).distinct().count(), matches.toString());
        assertSortedBestFirst(matches);
        for (RecognitionMatch m : matches) {
            Face f = people.get(Integer.parseInt(m.entityId().substring("person".length())));
            Region expected = through(copy.geometry(), new Region(f.region().left(), f.region().top(), f.region().width(), f.region().height()));
            assertTrue(iou(m.region(), expected) >= 0.5, m + ", expected about " + expected);
            assertEquals(m.libId(), teamA.stream().anyMatch(s -> s.entityId().equals(m.entityId())) ? "a" : "b");
        }
    }

    @Test
    void aFaceSampleNeedsAFaceAndAPhotoWithoutOneMatchesNothing() {
        byte[] eagle = FacePhotos.darknet("eagle");
        ApiException e = assertThrows(ApiException.class, () -> recognizer.imageFeatures(FACE, eagle));
        assertEquals(ErrorCode.NO_FACE, e.errorCode());
        SampleIndex library = recognizer.index(FACE, List.of(sample("staff", "alice",
                recognizer.imageFeatures(FACE, FacePhotos.sample(3)))));
        assertEquals(List.of(), recognize(FACE, eagle, library));
    }

    @Test
    void anIndexBuiltWithoutASampleNeverReturnsIt() {
        IndexedSample alice = sample("staff", "alice", recognizer.imageFeatures(FACE, FacePhotos.sample(3)));
        IndexedSample bob = sample("staff", "bob", recognizer.imageFeatures(FACE, FacePhotos.sample(5)));
        byte[] bobsPhoto = FacePhotos.sample(5);

        assertEquals("bob", single(recognize(FACE, bobsPhoto, recognizer.index(FACE, List.of(alice, bob)))).entityId());
        assertEquals(List.of(), recognize(FACE, bobsPhoto, recognizer.index(FACE, List.of(alice))));
        assertEquals(List.of(), recognize(FACE, bobsPhoto, recognizer.index(FACE, List.of())));
    }

    @Test
    void faceFeaturesAreCompact() {
        byte[] features = recognizer.imageFeatures(FACE, FacePhotos.sample(3));
        assertEquals(1 + 256, features.length, "a kind byte and 256 int8 values");
    }

    // --- logos, landmarks, objects

    @ParameterizedTest
    @EnumSource(names = {"LOGO", "LANDMARK", "OBJECT"})
    void aCropOfAPhotoIsFoundInThePhotoWhereItWasCutAndNotInAnotherPhoto(Algorithm algorithm) {
        BufferedImage dogPhoto = FaceTransforms.read(FacePhotos.darknet("dog"));
        BufferedImage giraffePhoto = FaceTransforms.read(FacePhotos.darknet("giraffe"));
        Region cut = new Region(100, 150, 360, 400);
        SampleIndex library = recognizer.index(algorithm, List.of(
                sample("things", "bicycle-and-dog", recognizer.imageFeatures(algorithm, crop(dogPhoto, cut))),
                sample("things", "giraffe", recognizer.imageFeatures(algorithm, crop(giraffePhoto, 150, 0, 250, 300)))));

        RecognitionMatch found = single(recognize(algorithm, FacePhotos.darknet("dog"), library));
        assertEquals("bicycle-and-dog", found.entityId());
        assertTrue(found.score() > 0.9, found.toString());
        assertTrue(iou(found.region(), cut) >= 0.8, found + ", cut at " + cut);

        assertEquals(List.of(), recognize(algorithm, FacePhotos.darknet("eagle"), library));
    }

    @Test
    void instanceFeaturesFitASample() {
        byte[] features = recognizer.imageFeatures(OBJECT, FacePhotos.darknet("kite"));
        assertTrue(features.length > 1000 && features.length <= Sample.MAX_FEATURES_BYTES, features.length + " bytes");
    }

    // --- labels

    @Test
    void aDogPromptMatchesADogWhereItIsAndNotAnEagle() {
        SampleIndex library = recognizer.index(LABEL, List.of(sample("tags", "dogs", recognizer.promptFeatures("dog"))));

        RecognitionMatch found = single(recognize(LABEL, FacePhotos.darknet("dog"), library));
        assertEquals("dogs", found.entityId());
        assertTrue(found.score() >= recognizer.defaultThreshold(LABEL) && found.score() <= 1, found.toString());
        assertTrue(iou(found.region(), DOG) >= 0.5, found + ", the dog is at " + DOG);

        assertEquals(List.of(), recognize(LABEL, FacePhotos.darknet("eagle"), library));
    }

    @Test
    void anExampleImageStandsForItsMostConfidentClassBesidePrompts() {
        // the rider in person.jpg, with the dog beside him: person 0.75, dog 0.54
        byte[] rider = crop(FaceTransforms.read(FacePhotos.darknet("person")), 150, 60, 200, 364);
        SampleIndex library = recognizer.index(LABEL, List.of(
                sample("tags", "people", recognizer.imageFeatures(LABEL, rider)),
                sample("tags", "birds", recognizer.promptFeatures("鸟"))));

        assertEquals(List.of("people"), entities(recognize(LABEL, FacePhotos.darknet("kite"), library)));
        assertEquals(List.of("birds"), entities(recognize(LABEL, FacePhotos.darknet("eagle"), library)));
        assertEquals(List.of(), recognize(LABEL, FacePhotos.darknet("dog"), library), "a dog is not what the rider stands for");
    }

    @Test
    void anExampleImageShowingNothingIsRefused() {
        BufferedImage grey = new BufferedImage(400, 300, BufferedImage.TYPE_3BYTE_BGR);
        var g = grey.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        ApiException e = assertThrows(ApiException.class, () -> recognizer.imageFeatures(LABEL, FaceTransforms.encode(grey, 90)));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
        assertTrue(e.getMessage().contains("LabelPrompt"), e.getMessage());
    }

    @Test
    void aPromptNamingNothingIsRefused() {
        ApiException e = assertThrows(ApiException.class, () -> recognizer.promptFeatures("unicorn"));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
    }

    // --- every algorithm

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void bytesThatAreNoImageAreAnInvalidParameter(Algorithm algorithm) {
        byte[] text = "<html>not an image</html>".getBytes(StandardCharsets.UTF_8);
        assertEquals(ErrorCode.INVALID_PARAMETER,
                assertThrows(ApiException.class, () -> recognizer.imageFeatures(algorithm, text)).errorCode());
        SampleIndex empty = recognizer.index(algorithm, List.of());
        assertEquals(ErrorCode.INVALID_PARAMETER,
                assertThrows(ApiException.class, () -> recognize(algorithm, text, empty)).errorCode());
    }

    @Test
    void featuresOfAnotherKindAreRefused() {
        byte[] face = recognizer.imageFeatures(FACE, FacePhotos.sample(3));
        byte[] label = recognizer.promptFeatures("dog");
        byte[] logo = recognizer.imageFeatures(LOGO, FacePhotos.darknet("kite"));

        assertThrows(IllegalArgumentException.class, () -> recognizer.index(FACE, List.of(sample("l", "e", label))));
        assertThrows(IllegalArgumentException.class, () -> recognizer.index(FACE, List.of(sample("l", "e", logo))));
        assertThrows(IllegalArgumentException.class, () -> recognizer.index(OBJECT, List.of(sample("l", "e", face))));
        assertThrows(IllegalArgumentException.class, () -> recognizer.index(LABEL, List.of(sample("l", "e", face))));
        assertThrows(IllegalArgumentException.class, () -> recognizer.index(FACE, List.of(sample("l", "e", new byte[] {1}))));
        // features of the same family serve every algorithm of it
        assertEquals(1, recognizer.index(Algorithm.LANDMARK, List.of(sample("l", "e", logo))).size());
    }

    @Test
    void anIndexOfAnotherFamilyIsRefused() {
        SampleIndex labels = recognizer.index(LABEL, List.of(sample("tags", "dogs", recognizer.promptFeatures("dog"))));
        assertThrows(IllegalArgumentException.class, () -> recognize(OBJECT, FacePhotos.darknet("dog"), labels));
    }

    @Test
    void defaultThresholdsAreTheMeasuredOnes() {
        assertEquals(0.60, recognizer.defaultThreshold(FACE), 1e-6);
        for (Algorithm a : List.of(LOGO, Algorithm.LANDMARK, OBJECT)) {
            assertEquals(0.5, recognizer.defaultThreshold(a), 1e-9);
        }
        assertEquals(0.35, recognizer.defaultThreshold(LABEL), 1e-6);
    }

    @Test
    void indexesReportTheirSizeAndMemory() {
        byte[] face = recognizer.imageFeatures(FACE, FacePhotos.sample(3));
        SampleIndex two = recognizer.index(FACE, List.of(sample("l", "a", face), sample("l", "b", face)));
        assertEquals(2, two.size());
        assertTrue(two.memoryBytes() > 2L * face.length, two.memoryBytes() + " bytes");
    }

    @Test
    void aClosedRecognizerRefusesWork() {
        VisionRecognizer closed = VisionRecognizer.builtIn();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.imageFeatures(OBJECT, FacePhotos.darknet("dog")));
        assertThrows(IllegalStateException.class, () -> closed.defaultThreshold(FACE));
    }

    // --- helpers

    private static IndexedSample sample(String libId, String entityId, byte[] features) {
        return new IndexedSample(libId, entityId, entityId + "'s name", entityId + "-1", features);
    }

    private static List<RecognitionMatch> recognize(Algorithm algorithm, byte[] image, SampleIndex... libraries) {
        List<RecognitionMatch> matches = recognizer.recognize(algorithm, image, List.of(libraries),
                recognizer.defaultThreshold(algorithm));
        assertSortedBestFirst(matches);
        return matches;
    }

    private static RecognitionMatch single(List<RecognitionMatch> matches) {
        assertEquals(1, matches.size(), matches.toString());
        return matches.get(0);
    }

    private static List<String> entities(List<RecognitionMatch> matches) {
        return matches.stream().map(m -> m.entityId()).collect(Collectors.toList());
    }

    private static void assertSortedBestFirst(List<RecognitionMatch> matches) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < matches.size(); i++) {
            RecognitionMatch m = matches.get(i);
            assertTrue(m.score() > 0 && m.score() <= 1, m.toString());
            assertTrue(i == 0 || matches.get(i - 1).score() >= m.score(), "best first: " + matches);
            seen.add(m.libId() + "/" + m.entityId() + "@" + m.region());
        }
        assertEquals(matches.size(), seen.size(), "one match per entity per thing found: " + matches);
    }

    private static byte[] crop(BufferedImage image, Region r) {
        return crop(image, r.left(), r.top(), r.width(), r.height());
    }

    /** The part of the image within the box (clipped to it), as a JPEG. */
    private static byte[] crop(BufferedImage image, int x, int y, int w, int h) {
        int left = Math.max(0, x);
        int top = Math.max(0, y);
        int right = Math.min(image.getWidth(), x + w);
        int bottom = Math.min(image.getHeight(), y + h);
        return FaceTransforms.encode(image.getSubimage(left, top, right - left, bottom - top), 92);
    }

    /** The bounding box of a region moved by an edit's geometry. */
    private static Region through(AffineTransform geometry, Region r) {
        Rectangle2D box = geometry.createTransformedShape(new Rectangle2D.Double(r.left(), r.top(), r.width(),
                r.height())).getBounds2D();
        return new Region((int) Math.max(0, box.getX()), (int) Math.max(0, box.getY()), (int) box.getWidth(),
                (int) box.getHeight());
    }

    private static double iou(Region a, Region b) {
        double ix = Math.min(a.left() + a.width(), b.left() + b.width()) - Math.max(a.left(), b.left());
        double iy = Math.min(a.top() + a.height(), b.top() + b.height()) - Math.max(a.top(), b.top());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / ((double) a.width() * a.height() + (double) b.width() * b.height() - inter);
    }
}
