package dev.openrecog.vision.recognition;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.Sample;
import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of stored sample features, each marked by its first byte so that an index refuses another kind's
 * features instead of misreading them. The byte also versions the format: a new format of a kind takes a new byte.
 */
enum FeatureKind {
    /** 'F', then the face embedding as int8 (see {@link FaceIndex}). */
    FACE((byte) 'F'),
    /** 'I', then {@code InstanceFeatures.toBytes()}. */
    INSTANCE((byte) 'I'),
    /** 'L', then {@code LabelSelector.toBytes()}. */
    LABEL((byte) 'L');

    private final byte marker;

    FeatureKind(byte marker) {
        this.marker = marker;
    }

    static FeatureKind of(Algorithm algorithm) {
        switch (algorithm) {
            case FACE:
                return FACE;
            case LABEL:
                return LABEL;
            default:
                return INSTANCE;
        }
    }

    byte[] wrap(byte[] payload) {
        byte[] stored = new byte[payload.length + 1];
        stored[0] = marker;
        System.arraycopy(payload, 0, stored, 1, payload.length);
        if (stored.length > Sample.MAX_FEATURES_BYTES) { // the formats are sized well within it; this guards them
            throw new IllegalStateException(this + " features of " + stored.length + " bytes");
        }
        return stored;
    }

    /**
     * The payload of features stored by {@link #wrap}.
     *
     * @throws IllegalArgumentException for features of another kind
     */
    byte[] payload(byte[] stored) {
        if (stored.length < 2 || stored[0] != marker) {
            throw new IllegalArgumentException("not " + name().toLowerCase(Locale.ROOT)
                    + " features (they start with " + (stored.length == 0 ? "nothing" : "byte " + stored[0]) + ")");
        }
        return Arrays.copyOfRange(stored, 1, stored.length);
    }
}
