package dev.openrecog.vision.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.image.ImageFormat;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in face models on real photos: what a caller registering and recognizing faces would notice. */
class FaceAnalyzerTest {
    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = FaceAnalyzer.builtIn();
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    private static double iou(Face f, double x, double y, double w, double h) {
        double ix = Math.min(f.region().left() + f.region().width(), x + w) - Math.max(f.region().left(), x);
        double iy = Math.min(f.region().top() + f.region().height(), y + h) - Math.max(f.region().top(), y);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        return ix * iy / ((double) f.region().width() * f.region().height() + w * h - ix * iy);
    }

    private static void assertNormalized(Face f) {
        float[] e = f.embedding();
        assertEquals(analyzer.dimensions(), e.length);
        assertEquals(1.0, Face.similarity(e, e), 1e-4, "an embedding has unit length");
    }

    @Test
    void aGroupPhotoGivesEveryFaceWithItsBoxInOriginalPixels() {
        DecodedImage image = FacePhotos.decode(FacePhotos.sample(5));
        List<Face> faces = analyzer.faces(image);
        assertEquals(5, faces.size(), faces.toString());
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            assertNormalized(f);
            assertTrue(f.score() >= 0.5f && f.score() <= 1f, f.toString());
            assertTrue(i == 0 || faces.get(i - 1).score() >= f.score(), "best detection first");
            assertTrue(f.region().left() >= 0 && f.region().top() >= 0 && f.region().left() + f.region().width() <= 1920
                    && f.region().top() + f.region().height() <= 1398, f.toString());
            assertTrue(f.region().width() > 120 && f.region().width() < 300, "faces here are 150-250 px: " + f);
            for (Face other : faces.subList(0, i)) {
                assertTrue(f.similarity(other) < analyzer.matchThreshold(), "five different people: " + f + " "
                        + other + " " + f.similarity(other));
            }
        }
        // The woman at the top, in the middle: her face spans about 780..940 x 165..325 in the photo.
        assertTrue(faces.stream().anyMatch(f -> iou(f, 780, 165, 160, 160) > 0.6), faces.toString());

        // Decoded at a quarter of the size, the boxes still come in original pixels, at the same places.
        DecodedImage small = new ImageDecoder().decode(FacePhotos.sample(5), 480, 480);
        assertTrue(small.width() < 1000, small.toString());
        List<Face> again = analyzer.faces(small);
        assertEquals(5, again.size());
        for (Face f : again) {
            assertTrue(faces.stream().anyMatch(g -> iou(g, f.region().left(), f.region().top(), f.region().width(), f.region().height()) > 0.7),
                    f + " not in " + faces);
        }
    }

    @Test
    void largestFaceIsTheBiggestBox() {
        DecodedImage image = FacePhotos.decode(FacePhotos.sample(3));
        List<Face> faces = analyzer.faces(image);
        assertEquals(3, faces.size(), faces.toString());
        Face largest = analyzer.largestFace(image);
        for (Face f : faces) {
            assertTrue((long) largest.region().width() * largest.region().height() >= (long) f.region().width() * f.region().height());
        }
        // The man in the middle, nearest the camera.
        assertTrue(iou(largest, 1065, 259, 248, 248) > 0.7, largest.toString());
        assertTrue(faces.stream().anyMatch(f -> f.similarity(largest) > 0.999f), "the same face, embedded alike");
    }

    @Test
    void photosWithoutFacesAreRefusedWithNoFace() {
        // (Not dog.jpg: BlazeFace sees a face in the dog's, at 0.64; MODELS.md, section Faces.)
        for (String photo : new String[] {"eagle", "giraffe", "horses", "scream"}) {
            DecodedImage image = FacePhotos.decode(FacePhotos.darknet(photo));
            assertEquals(List.of(), analyzer.faces(image), photo);
            ApiException e = assertThrows(ApiException.class, () -> analyzer.largestFace(image), photo);
            assertEquals(ErrorCode.NO_FACE, e.errorCode());
            assertEquals("InvalidImage.NoFace", e.errorCode().code());
            assertTrue(e.getMessage().startsWith("No face was found in the image"), e.getMessage());
        }
    }

    @Test
    void facesTooSmallToTellApartAreLeftOut() {
        // sample3 at 8% of its size: the detector still sees its faces, 16-20 px wide, too small to identify...
        DecodedImage tiny = DecodedImage.of(scaled(FacePhotos.sample(3), 0.08), ImageFormat.JPEG);
        ApiException e = assertThrows(ApiException.class, () -> analyzer.largestFace(tiny));
        assertEquals(ErrorCode.NO_FACE, e.errorCode());
        assertEquals(24, Math.round(analyzer.minFaceSize()));
        assertTrue(e.getMessage().contains("smaller than 24 pixels are not detected"), e.getMessage());
        // ... while at 25% they are 40-60 px, found and matching the full-size faces.
        List<Face> small = analyzer.faces(DecodedImage.of(scaled(FacePhotos.sample(3), 0.25), ImageFormat.JPEG));
        List<Face> full = analyzer.faces(FacePhotos.decode(FacePhotos.sample(3)));
        assertEquals(3, small.size());
        for (Face f : small) {
            assertTrue(full.stream().anyMatch(g -> g.similarity(f) >= analyzer.matchThreshold()), f.toString());
        }
    }

    @Test
    void aFaceCutByTheImageEdgeIsStillFoundAndBoxedInside() {
        // sample1 without its left 500 px: the woman on the left (box 419..608) loses half her face.
        BufferedImage full = FaceTransforms.read(FacePhotos.sample(1));
        BufferedImage cut = full.getSubimage(500, 0, full.getWidth() - 500, full.getHeight());
        Face edge = analyzer.faces(DecodedImage.of(copy(cut), ImageFormat.JPEG)).stream()
                .filter(f -> f.region().left() < 50).findFirst().orElseThrow(() -> new AssertionError("no face at the edge"));
        assertEquals(0, edge.region().left(), "clamped to the image");
        assertNormalized(edge);
    }

    @Test
    void theSameFaceMatchesUnderTransformsAndOtherFacesDoNot() {
        byte[] photo = FacePhotos.sample(4);
        List<Face> people = analyzer.faces(FacePhotos.decode(photo));
        assertEquals(4, people.size());
        float threshold = analyzer.matchThreshold();
        int checked = 0;
        for (String name : new String[] {"rotate +12°", "scale 0.5", "brightness -30%", "JPEG q40", "mirrored"}) {
            FaceTransforms.Transformed copy = FaceTransforms.ALL.stream().filter(t -> t.name().equals(name))
                    .findFirst().orElseThrow().apply(photo, 4);
            List<Face> found = analyzer.faces(FacePhotos.decode(copy.jpeg()));
            assertEquals(4, found.size(), name);
            for (Face f : found) {
                Face same = original(people, f, copy.geometry());
                for (Face p : people) {
                    float s = f.similarity(p);
                    if (p == same) {
                        assertTrue(s >= threshold, name + ": " + f + " vs itself " + s);
                    } else {
                        assertTrue(s < threshold, name + ": " + f + " vs " + p + " " + s);
                    }
                }
                checked++;
            }
        }
        assertEquals(20, checked);
    }

    @Test
    void aClosedAnalyzerRefusesWork() {
        FaceAnalyzer closed = FaceAnalyzer.builtIn();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.faces(FacePhotos.decode(FacePhotos.sample(3))));
    }

    /** The face of the original photo whose box centre the transform carries nearest to {@code f}'s centre. */
    private static Face original(List<Face> people, Face f, AffineTransform geometry) {
        Face best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Face p : people) {
            Point2D c = geometry.transform(new Point2D.Double(p.region().left() + p.region().width() / 2.0,
                    p.region().top() + p.region().height() / 2.0), null);
            double d = c.distance(f.region().left() + f.region().width() / 2.0, f.region().top() + f.region().height() / 2.0);
            if (d < bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        assertTrue(bestDistance < f.region().width() / 2.0, "found face " + f + " is no face of the original");
        return best;
    }

    private static BufferedImage scaled(byte[] jpeg, double s) {
        BufferedImage img = FaceTransforms.read(jpeg);
        int w = (int) (img.getWidth() * s);
        int h = (int) (img.getHeight() * s);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        out.createGraphics().drawImage(img.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }

    private static BufferedImage copy(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        out.createGraphics().drawImage(img, 0, 0, null);
        return out;
    }
}
