package dev.openrecog.vision.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Regenerates WordNetTerms.java from WordNet (Debian's wordnet-base) and darknet's files, and requires the
 * committed source to be identical. With {@code -Dopenrecog.prompt.write=true} it rewrites the source:
 * {@code mvn -o -q -pl shared/vision verify -Dtest=WordNetTermsGeneratorTest -Dopenrecog.prompt.write=true}.
 */
class WordNetTermsGeneratorTest {

    @Test
    void committedTermsMatchWordNet() throws IOException {
        Path wordNet = Paths.get(System.getProperty("openrecog.wordnet", WordNetTermsGenerator.DEFAULT_WORDNET.toString()));
        Path darknet = Paths.get(System.getProperty("openrecog.darknet.data", WordNetTermsGenerator.DEFAULT_DARKNET_DATA.toString()));
        assumeTrue(Arrays.stream(WordNetTermsGenerator.WORDNET_FILES).allMatch(f -> Files.isRegularFile(wordNet.resolve(f))),
                "WordNet files absent under " + wordNet + " (apt-get install -y wordnet-base)");
        assumeTrue(Arrays.stream(WordNetTermsGenerator.DARKNET_FILES).allMatch(f -> Files.isRegularFile(darknet.resolve(f))),
                "darknet data files absent under " + darknet + " (apt-get install -y darknet)");

        String generated = new String(WordNetTermsGenerator.generate(wordNet, darknet), StandardCharsets.UTF_8);
        Path committed = Paths.get(System.getProperty("basedir", ".")).resolve(WordNetTermsGenerator.SOURCE);
        if (Boolean.getBoolean("openrecog.prompt.write")) {
            Files.writeString(committed, generated);
        }
        assertEquals(generated, Files.readString(committed),
                "WordNetTerms.java drifted from its generator; regenerate with -Dopenrecog.prompt.write=true");
    }
}
