package dev.openrecog.vision.taxonomy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Regenerates coco-taxonomy.json from darknet's WordNet files and checks that the committed resource is
 * byte-identical. With {@code -Dopenrecog.taxonomy.write=true} it rewrites the resource instead.
 */
class CocoTaxonomyGeneratorTest {

    private static Path darknetData() {
        return Paths.get(System.getProperty("openrecog.darknet.data", CocoTaxonomyGenerator.DEFAULT_DARKNET_DATA.toString()));
    }

    private static Path committedResource() {
        return Paths.get(System.getProperty("basedir", ".")).resolve(CocoTaxonomyGenerator.RESOURCE);
    }

    @Test
    void committedTaxonomyMatchesTheDarknetWordNetFiles() throws IOException {
        Path data = darknetData();
        boolean present = Arrays.stream(CocoTaxonomyGenerator.DARKNET_FILES).allMatch(f -> Files.isRegularFile(data.resolve(f)));
        assumeTrue(present, "darknet data files absent under " + data + " (apt-get install -y darknet)");

        byte[] generated = CocoTaxonomyGenerator.generate(data);
        Path committed = committedResource();
        if (Boolean.getBoolean("openrecog.taxonomy.write")) {
            Files.write(committed, generated);
            System.out.println("taxonomy written to " + committed.toAbsolutePath());
        }
        assertTrue(Files.isRegularFile(committed), "missing " + committed.toAbsolutePath());
        byte[] onDisk = Files.readAllBytes(committed);
        if (!Arrays.equals(generated, onDisk)) {
            fail("coco-taxonomy.json drifted from its generator (" + firstDifference(generated, onDisk) + "); regenerate with "
                    + "mvn -o -f shared/vision/pom.xml test -Dtest=CocoTaxonomyGeneratorTest -Dopenrecog.taxonomy.write=true");
        }
    }

    private static String firstDifference(byte[] generated, byte[] committed) {
        String[] want = new String(generated, StandardCharsets.UTF_8).split("\n", -1);
        String[] have = new String(committed, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(want.length, have.length); i++) {
            String w = i < want.length ? want[i] : "<end of file>";
            String h = i < have.length ? have[i] : "<end of file>";
            if (!w.equals(h)) {
                return "line " + (i + 1) + ": generated " + w + " but committed " + h;
            }
        }
        return "same text, different bytes";
    }
}
