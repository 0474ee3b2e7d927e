package dev.openrecog.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order text of storage events sorts as the events of one key happened. */
class EventOrderTest {
    private static final ObjectLocation PHOTO = new ObjectLocation(ObjectLocation.Scheme.S3, "photos", "dog.jpg");

    @Test
    void sequencersCompareAsHexNumbersOfAnyLength() {
        assertTrue(upload("v", "FF").order().compareTo(upload("v", "0100").order()) < 0, "FF < 100");
        assertTrue(upload("v", "9").order().compareTo(upload("v", "0A").order()) < 0, "9 < A");
        assertTrue(upload("v", "0055AED6DCD90281E5").order().compareTo(upload("v", "0055AED6DCD90281E6").order()) < 0);
        assertEquals(upload("v", "0a1b").order(), upload("v", "0A1B").order(), "hex digits in either case");
        assertEquals(upload("v", "0A1B").order(), upload("v", "0A1B").order(), "a redelivery has the same order");
    }

    @Test
    void ofEventsAtOneTimeARemovalComesLastAndUploadsGoByVersion() {
        Instant second = Instant.parse("2026-11-22T10:30:01Z");
        String a = new ObjectUpload(PHOTO, "AAAA", 1, EventOrder.time(second)).order();
        String b = new ObjectUpload(PHOTO, "BBBB", 1, EventOrder.time(second)).order();
        String removed = ObjectRemoval.of(PHOTO, EventOrder.time(second)).order();
        String later = new ObjectUpload(PHOTO, "AAAA", 1, EventOrder.time(second.plusMillis(1))).order();

        assertTrue(a.compareTo(b) < 0);
        assertTrue(b.compareTo(removed) < 0);
        assertTrue(removed.compareTo(later) < 0);
    }

    @Test
    void anUploadWhoseObjectVanishedIsRemovedAtTheUploadsPlace() {
        ObjectUpload upload = upload("v1", "0A");
        ObjectRemoval vanished = ObjectRemoval.vanished(upload);

        assertEquals(upload.order(), vanished.order());
        assertEquals(PHOTO, vanished.location());
        assertEquals(null, vanished.version(), "the object itself is gone, whatever its version");
    }

    @Test
    void malformedOrdersAreRefused() {
        for (String sequencer : new String[]{null, "", "0x0A", "not hex", "1".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> EventOrder.sequencer(sequencer), String.valueOf(sequencer));
        }
        assertThrows(IllegalArgumentException.class, () -> EventOrder.time(Instant.parse("1969-12-31T23:59:59Z")));
    }

    private static ObjectUpload upload(String version, String sequencer) {
        return new ObjectUpload(PHOTO, version, 1, EventOrder.sequencer(sequencer));
    }
}
