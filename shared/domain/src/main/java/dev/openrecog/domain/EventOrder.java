package dev.openrecog.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a storage event falls among the events of its object key, as text that sorts in the order
 * the events happened. Orders are only comparable for one key and one kind of source: S3 gives a
 * sequencer, OSS only the event time.
 */
public final class EventOrder {
    /** Sequencers are left-padded to this many hex digits, so that text order is numeric order. */
    private static final int SEQUENCER_DIGITS = 64;
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1," + SEQUENCER_DIGITS + "}");

    private final String text;

    private EventOrder(String text) {
        this.text = text;
    }

    /** S3's {@code s3.object.sequencer}: hex digits, a greater value being a later event of the key. */
    public static EventOrder sequencer(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("An S3 sequencer is 1 to " + SEQUENCER_DIGITS + " hex digits, not '" + hex + "'");
        }
        String digits = hex.toUpperCase(Locale.ROOT);
        return new EventOrder("S" + "0".repeat(SEQUENCER_DIGITS - digits.length()) + digits);
    }

    /** The time the platform gives the event, where it gives nothing finer (OSS: eventTime, in whole seconds). */
    public static EventOrder time(Instant when) {
        if (when.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("An event time before 1970 is not an upload's: " + when);
        }
        return new EventOrder(String.format(Locale.ROOT, "T%019d", when.toEpochMilli()));
    }

    /** This order, with {@code tieBreak} deciding between events that share it. */
    String then(String tieBreak) {
        return text + tieBreak;
    }
}
