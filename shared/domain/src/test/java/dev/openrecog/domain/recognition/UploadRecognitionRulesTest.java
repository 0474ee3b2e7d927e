package dev.openrecog.domain.recognition;

import dev.openrecog.domain.ObjectLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which libraries an upload is recognized against, as the deployment writes the rules. */
class UploadRecognitionRulesTest {
    private static final String STAFF = "0123456789abcdef0123456789abcdef";
    private static final String LOGOS = "fedcba9876543210fedcba9876543210";
    private static final String MORE_LOGOS = "00000000000000000000000000000001";

    @Test
    void everyRuleWhoseBucketAndPrefixFitTheObjectApplies() {
        UploadRecognitionRules rules = UploadRecognitionRules.parse(
            " photos/staff/=face:" + STAFF + " ; photos=logo:" + LOGOS + "," + MORE_LOGOS + ";archive/x=object:" + LOGOS);

        assertEquals(List.of("FACE " + STAFF, "LOGO " + LOGOS + "," + MORE_LOGOS), describe(rules, "oss://photos/staff/ann.jpg"));
        assertEquals(List.of("LOGO " + LOGOS + "," + MORE_LOGOS), describe(rules, "s3://photos/visitors/bob.jpg"));
        assertEquals(List.of(), describe(rules, "oss://photos-2/staff/ann.jpg"));
        assertEquals(List.of("OBJECT " + LOGOS), describe(rules, "oss://archive/x1.jpg"));
    }

    @Test
    void noRulesMeanLabellingOnly() {
        assertTrue(UploadRecognitionRules.parse(null).isEmpty());
        assertTrue(UploadRecognitionRules.parse("  ").isEmpty());
        assertTrue(UploadRecognitionRules.parse(";").isEmpty());
    }

    @Test
    void aMalformedRuleIsNamedWithWhatIsWrong() {
        assertMalformed("photos", "it is not of the form bucket[/prefix]=algorithm:libId[,libId...]");
        assertMalformed("photos=face", "it is not of the form");
        assertMalformed("=face:" + STAFF, "it is not of the form");
        assertMalformed("Photos=face:" + STAFF, "'Photos' is not a bucket name");
        assertMalformed("photos=faces:" + STAFF, "Algorithm must be one of landmark, object, logo, face, label; got 'faces'");
        assertMalformed("photos=face:" + STAFF + ",staff", "'staff' is not a LibId");
        assertMalformed("photos=face:", "'' is not a LibId");
    }

    private static void assertMalformed(String written, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UploadRecognitionRules.parse(written));
        assertTrue(e.getMessage().startsWith("The upload recognition rule '" + written + "' is not valid: " + why), e.getMessage());
    }

    private static List<String> describe(UploadRecognitionRules rules, String uri) {
        return rules.rulesFor(ObjectLocation.parse("uri", uri)).stream()
            .map(rule -> rule.algorithm() + " " + String.join(",", rule.libIds()))
            .collect(Collectors.toList());
    }
}
