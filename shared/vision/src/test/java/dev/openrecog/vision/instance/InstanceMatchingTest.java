package dev.openrecog.vision.instance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openrecog.domain.Language;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.image.ImageFormat;
import dev.openrecog.vision.image.InputSpec;
import dev.openrecog.vision.image.Preprocess;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instance features and verification on real photos (Debian darknet's) and copies of them changed as users do. */
class InstanceMatchingTest {
    private static final Path PHOTOS = Path.of("/usr/share/darknet/data");
    private static final ImageDecoder DECODER = new ImageDecoder();
    private static InstanceFeatureExtractor extractor;
    private static InstanceFeatures dog;
    private static InstanceFeatures eagle;
    private static BufferedImage dogImage;

    @BeforeAll
    static void registerSamples() throws IOException {
        assumeTrue(Files.isRegularFile(PHOTOS.resolve("dog.jpg")),
                "darknet's photos are not installed (apt-get install darknet)");
        extractor = InstanceFeatureExtractor.builtIn();
        byte[] bytes = Files.readAllBytes(PHOTOS.resolve("dog.jpg"));
        dogImage = QueryImages.read(bytes);
        dog = extract(bytes);
        eagle = extract(Files.readAllBytes(PHOTOS.resolve("eagle.jpg")));
    }

    @AfterAll
    static void close() {
        if (extractor != null) {
            extractor.close();
        }
    }

    private static InstanceFeatures extract(byte[] bytes) {
        int side = InstanceFeatureExtractor.FRAME_SIDE;
        return extractor.extract(DECODER.decode(bytes, side, side));
    }

    private static InstanceFeatures extract(BufferedImage image) {
        return extractor.extract(DecodedImage.of(image, ImageFormat.PNG));
    }

    private static void assertBoxNear(double[] truth, InstanceMatch m, double minIou) {
        double iou = QueryImages.iou(truth, InstanceEvaluation.box(m));
        assertTrue(iou >= minIou, "box " + m + " vs truth " + Arrays.toString(truth) + ": IoU " + iou);
    }

    @Test
    void aCroppedRotatedShrunkRecompressedCopyIsFoundWhereItIs() {
        QueryImages.Query q = QueryImages.make(dogImage, QueryImages.Change.COMBINED);
        InstanceFeatures query = extract(q.bytes);
        InstanceMatch m = InstanceVerifier.defaults().verify(query, dog);
        assertTrue(m.matched(), m.toString());
        assertTrue(m.score() > 0.5 && m.score() < 1, m.toString());
        assertBoxNear(q.truth, m, 0.9);
        assertTrue(query.similarity(dog) > query.similarity(eagle), "the copy ranks its sample first");
    }

    @Test
    void aSmallCopyInAClutteredSceneIsBoxedInTheQuerysPixels() {
        QueryImages.Query q = QueryImages.make(dogImage, QueryImages.Change.INSET);
        InstanceMatch m = InstanceVerifier.defaults().verify(extract(q.bytes), dog);
        assertTrue(m.matched(), m.toString());
        assertBoxNear(q.truth, m, 0.8);
        // the truth is the 40% inset at (45%, 15%) of the 768x576 canvas
        assertEquals(0.45 * 768, m.region().left(), 768 * 0.03);
        assertEquals(0.15 * 576, m.region().top(), 576 * 0.03);
    }

    @Test
    void aQuarterTurnedCopyMatchesWithItsOutlineTurned() {
        QueryImages.Query q = QueryImages.make(dogImage, QueryImages.Change.ROTATE_90);
        InstanceFeatures query = extract(q.bytes);
        assertEquals(dogImage.getHeight(), query.width());
        InstanceMatch m = InstanceVerifier.defaults().verify(query, dog);
        assertTrue(m.matched(), m.toString());
        assertBoxNear(q.truth, m, 0.9);
    }

    @Test
    void aDifferentPhotoDoesNotMatch() {
        InstanceMatch m = InstanceVerifier.defaults().verify(eagle, dog);
        assertFalse(m.matched(), m.toString());
        assertTrue(m.inliers() < InstanceVerifier.defaults().threshold(), m.toString());
        assertTrue(m.score() < 0.5, m.toString());
        assertFalse(InstanceVerifier.defaults().verify(dog, eagle).matched());
    }

    @Test
    void aBlankImageHasNoKeypointsAndMatchesNothing() {
        BufferedImage blank = new BufferedImage(300, 200, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = blank.createGraphics();
        g.setColor(new Color(90, 140, 200));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        InstanceFeatures f = extract(blank);
        assertEquals(0, f.keypointCount());
        InstanceMatch m = InstanceVerifier.defaults().verify(f, dog);
        assertEquals(0, m.inliers());
        assertEquals(0, m.score());
        assertEquals(0, m.region().width() * m.region().height(), "no box without a match");
        assertEquals(f, InstanceFeatures.fromBytes(f.toBytes()));
    }

    @Test
    void featuresSurviveTheirBytesExactlyAndStayWithinBudget() {
        byte[] bytes = dog.toBytes();
        InstanceFeatures back = InstanceFeatures.fromBytes(bytes);
        assertEquals(dog, back);
        assertArrayEquals(bytes, back.toBytes());
        assertEquals(768, back.width());
        assertEquals(576, back.height());
        assertEquals(InstanceFeatureExtractor.MAX_KEYPOINTS, dog.keypointCount(), "a busy photo fills the cap");
        assertEquals(96, dog.appearance().width());
        assertEquals(72, dog.appearance().height());
        assertEquals(21 + 6 * 480 + dog.keypointCount() * (4 + 64) + 96 * 72, bytes.length);
        assertTrue(bytes.length <= 64 * 1024, bytes.length + " bytes");

        QueryImages.Query q = QueryImages.make(dogImage, QueryImages.Change.CROP_CORNER);
        InstanceFeatures query = extract(q.bytes);
        InstanceMatch direct = InstanceVerifier.defaults().verify(query, dog);
        InstanceMatch stored = InstanceVerifier.defaults().verify(InstanceFeatures.fromBytes(query.toBytes()), back);
        assertEquals(direct.toString(), stored.toString(), "the same verdict and box from stored features");
        assertEquals(query.similarity(dog), InstanceFeatures.fromBytes(query.toBytes()).similarity(back));
    }

    @Test
    void anIconThatSharesOnlyItsFolderWithASampleIsNoMatch() throws IOException {
        Path icons = Path.of("/usr/share/icons/Adwaita/512x512/places");
        assumeTrue(Files.isRegularFile(icons.resolve("user-home.png")),
                "Adwaita's icons are not installed (apt-get install adwaita-icon-theme)");
        BufferedImage pictures = QueryImages.opaque(Files.readAllBytes(icons.resolve("folder-pictures.png")));
        InstanceFeatures sample = extract(pictures);
        BufferedImage home = QueryImages.opaque(Files.readAllBytes(icons.resolve("user-home.png")));
        InstanceVerifier verifier = InstanceVerifier.defaults();
        for (QueryImages.Change change : List.of(QueryImages.Change.JPEG_30, QueryImages.Change.ROTATE_90,
                QueryImages.Change.HALF)) {
            InstanceMatch same = verifier.verify(extract(QueryImages.make(pictures, change).bytes), sample);
            assertTrue(same.matched(), "folder-pictures, " + change + ": " + same);
            InstanceMatch other = verifier.verify(extract(QueryImages.make(home, change).bytes), sample);
            assertFalse(other.matched(), "user-home, " + change + ", has the same folder and another emblem: "
                    + other);
            assertEquals(0, other.score(), other.toString());
        }
    }

    @Test
    void aTiltedIconOnADarkCanvasIsFoundByItsCorners() throws IOException {
        // The tilted canvas border gives stronger detector responses than the icon's own corners; ranked by strength
        // alone they took every keypoint, and neither icon matched under either change.
        Path icons = Path.of("/usr/share/icons/Adwaita/512x512/devices");
        assumeTrue(Files.isRegularFile(icons.resolve("printer.png")),
                "Adwaita's icons are not installed (apt-get install adwaita-icon-theme)");
        InstanceVerifier verifier = InstanceVerifier.defaults();
        for (String icon : List.of("printer.png", "drive-harddisk.png")) {
            BufferedImage original = QueryImages.opaque(Files.readAllBytes(icons.resolve(icon)));
            InstanceFeatures sample = extract(original);
            for (QueryImages.Change change : List.of(QueryImages.Change.ROTATE_15, QueryImages.Change.STEEP)) {
                QueryImages.Query q = QueryImages.make(original, change);
                InstanceMatch m = verifier.verify(extract(q.bytes), sample);
                assertTrue(m.matched(), icon + ", " + change + ": " + m);
                assertBoxNear(q.truth, m, 0.8);
            }
        }
    }

    @Test
    void anExtractorSharingTheLabelDetectorGivesTheSameFeaturesAndLeavesItOpen() throws IOException {
        byte[] bytes = Files.readAllBytes(PHOTOS.resolve("dog.jpg"));
        int side = InstanceFeatureExtractor.FRAME_SIDE;
        try (Detector centernet = Detector.create(ModelManifest.builtIn("centernet"))) {
            InstanceFeatureExtractor sharing = InstanceFeatureExtractor.sharing(centernet);
            assertArrayEquals(dog.toBytes(), sharing.extract(DECODER.decode(bytes, side, side)).toBytes());
            sharing.close();
            assertFalse(new VisionLabeler(centernet).detect(bytes, null, List.of(Language.EN)).isEmpty(),
                    "the detector still labels after the extractor is closed");
        }
        try (Detector nanodet = Detector.create(ModelManifest.builtIn("nanodet"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InstanceFeatureExtractor.sharing(nanodet));
            assertTrue(e.getMessage().contains("centernet"), e.getMessage());
        }
    }

    @Test
    void featuresStoredBeforeTheAppearanceStillMatch() {
        byte[] current = dog.toBytes();
        int appearance = 2 + 96 * 72;
        byte[] version1 = Arrays.copyOf(current, current.length - appearance);
        version1[0] = 1;
        InstanceFeatures stored = InstanceFeatures.fromBytes(version1);
        assertNull(stored.appearance());
        assertArrayEquals(version1, stored.toBytes(), "written back as it was read");

        QueryImages.Query q = QueryImages.make(dogImage, QueryImages.Change.COMBINED);
        InstanceMatch m = InstanceVerifier.defaults().verify(extract(q.bytes), stored);
        assertTrue(m.matched(), m.toString());
        assertBoxNear(q.truth, m, 0.8);
    }

    @Test
    void aTinyImageIsExtractedInTheSameFrame() {
        BufferedImage tiny = dogImage.getSubimage(100, 100, 40, 20);
        InstanceFeatures f = extract(tiny);
        assertEquals(40, f.width());
        assertEquals(20, f.height());
        assertEquals(f, InstanceFeatures.fromBytes(f.toBytes()));
    }

    @Test
    void bytesThatAreNotFeaturesAreRefusedWithAReason() {
        byte[] good = dog.toBytes();
        assertRefused(new byte[0], "truncated");
        assertRefused(Arrays.copyOf(good, 30), "truncated");
        assertRefused(Arrays.copyOf(good, good.length - 1), "truncated");
        assertRefused(Arrays.copyOf(good, good.length + 1), "length");
        byte[] version = good.clone();
        version[0] = 3;
        assertRefused(version, "version 3");
        byte[] size = good.clone();
        size[1] = (byte) 0x80; // negative width
        assertRefused(size, "image size");
        byte[] frame = good.clone();
        frame[9] = (byte) 0xFF; // frame width beyond what 16-bit coordinates can hold
        assertRefused(frame, "frame size");
        byte[] keypoint = good.clone();
        int positions = 19 + 6 * 480;
        keypoint[positions] = (byte) 0xFF; // x beyond the frame
        assertRefused(keypoint, "outside the frame");
    }

    private static void assertRefused(byte[] bytes, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstanceFeatures.fromBytes(bytes));
        assertTrue(e.getMessage().startsWith("instance features: ") && e.getMessage().contains(reason),
                e.getMessage());
    }

    @Test
    void featuresOfAnotherKindCannotBeCompared() {
        InstanceFeatures other = new InstanceFeatures(10, 10, 10, 10, 240, new byte[240], new char[] {32, 32}, 32,
                new byte[32], null);
        assertThrows(IllegalArgumentException.class, () -> InstanceVerifier.defaults().verify(other, dog));
        assertThrows(IllegalArgumentException.class, () -> other.similarity(dog));
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceVerifier(3, 0.8, 100, 4));
        assertThrows(IllegalArgumentException.class, () -> new InstanceFeatureExtractor(null, 16, 100));
        assertThrows(IllegalArgumentException.class, () -> new InstanceFeatureExtractor(null, 640, 0));
    }

    @Test
    void theDetectorHandsOutTheBackboneOutputAndRefusesOthers() {
        try (Detector centernet = Detector.create(ModelManifest.builtIn("centernet"))) {
            InputSpec spec = centernet.manifest().input().spec();
            DecodedImage image = DecodedImage.of(dogImage, ImageFormat.JPEG);
            float[] map = centernet.output(Preprocess.toTensor(image, spec).data(),
                    InstanceFeatureExtractor.EMBEDDING_OUTPUT);
            assertEquals(16 * 16 * InstanceFeatureExtractor.EMBEDDING_CHANNELS, map.length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> centernet.output(Preprocess.toTensor(image, spec).data(), "no/such/tensor"));
            assertTrue(e.getMessage().contains("no/such/tensor"), e.getMessage());
        }
    }
}
