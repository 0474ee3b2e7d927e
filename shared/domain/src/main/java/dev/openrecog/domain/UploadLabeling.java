package dev.openrecog.domain;

import dev.openrecog.domain.recognition.LibraryIndexes;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Recognizer;
import dev.openrecog.domain.recognition.SampleIndex;
import dev.openrecog.domain.recognition.UploadRecognitionRules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Applies storage events to the stored label results: labels each uploaded image once, recognizes in
 * it the entities of the libraries its bucket's {@link UploadRecognitionRules} name, and forgets
 * removed objects. Events arrive at least once and in any order: one that is no newer than what its
 * object already reflects changes nothing (see {@link LabelResultStore}). An upload that can never be
 * labelled (not an image, too large, corrupt) gets a FAILED result rather than an exception, so the
 * platform does not retry it; only faults that may pass (a store or network outage) are thrown, for
 * the platform's retry.
 */
public final class UploadLabeling {
    /** The most matches kept for one image: the best, as RecognizeImage answers at most 100. */
    static final int MAX_MATCHES = 100;

    private final ObjectReader objects;
    private final ImageLabeler labeler;
    private final LabelResultStore results;
    private final UploadRecognitionRules rules;
    private final RecognitionStore store;
    private final Recognizer recognizer;
    private final LibraryIndexes indexes;

    public UploadLabeling(Backends backends) {
        this.objects = backends.objects();
        this.labeler = backends.labeler();
        this.results = backends.labelResults();
        this.rules = backends.uploadRecognition();
        this.store = rules.isEmpty() ? null : backends.store();
        this.recognizer = rules.isEmpty() ? null : backends.recognizer();
        this.indexes = rules.isEmpty() ? null : new LibraryIndexes(store, recognizer);
    }

    public Outcome process(Tenant tenant, ObjectEvent event) {
        // A redelivery or a stale event changes nothing: skip the labelling and the write. (A removal of
        // one version goes by the version shown, not by its order.)
        boolean ofOneVersion = event instanceof ObjectRemoval && ((ObjectRemoval) event).version() != null;
        if (!ofOneVersion && results.isSuperseded(tenant, event)) {
            return Outcome.UNCHANGED;
        }
        if (event instanceof ObjectRemoval) {
            return results.remove(tenant, (ObjectRemoval) event) ? Outcome.REMOVED : Outcome.UNCHANGED;
        }
        return label(tenant, (ObjectUpload) event);
    }

    private Outcome label(Tenant tenant, ObjectUpload upload) {
        LabelResult result;
        ErrorCode failure = null;
        try {
            if (upload.size() > ImageLabeler.MAX_IMAGE_BYTES) {
                throw ApiException.invalidParameter("The image is " + upload.size() + " bytes; at most "
                    + ImageLabeler.MAX_IMAGE_BYTES + " bytes are labelled.");
            }
            byte[] image = objects.read(upload.location(), ImageLabeler.MAX_IMAGE_BYTES);
            List<ImageLabel> labels = labeler.detect(image, null, Arrays.asList(Language.values()));
            result = LabelResult.succeeded(upload.location(), upload.version(), labels, System.currentTimeMillis())
                .withMatches(recognize(tenant, upload.location(), image));
        } catch (ApiException notLabellable) {
            if (notLabellable.errorCode() == ErrorCode.OBJECT_NOT_FOUND) {
                // Removed since the upload: a delete won the race. Its own event may be late or lost, so
                // the object is recorded as removed here rather than given a result that would outlive it.
                return results.remove(tenant, ObjectRemoval.vanished(upload)) ? Outcome.VANISHED : Outcome.UNCHANGED;
            }
            result = LabelResult.failed(upload.location(), upload.version(), notLabellable, System.currentTimeMillis());
            failure = notLabellable.errorCode();
        }
        if (!results.put(tenant, upload, result)) {
            return Outcome.UNCHANGED; // a newer event was applied while this one was being labelled
        }
        return failure == null ? Outcome.LABELLED : new Outcome(Outcome.Effect.FAILED, failure);
    }

    /**
     * The entities of the rules' libraries found in the image, best first. A library that no longer exists is
     * skipped: the rules outlive it, and the labels are still worth storing.
     */
    private List<RecognitionMatch> recognize(Tenant tenant, ObjectLocation location, byte[] image) {
        List<RecognitionMatch> matches = new ArrayList<>();
        for (UploadRecognitionRules.Rule rule : rules.rulesFor(location)) {
            List<SampleIndex> searched = new ArrayList<>();
            for (String libId : rule.libIds()) {
                store.findLibrary(tenant, rule.algorithm(), libId).ifPresentOrElse(
                    library -> searched.add(indexes.current(tenant, library)), () -> indexes.forget(tenant, libId));
            }
            if (!searched.isEmpty()) {
                matches.addAll(recognizer.recognize(rule.algorithm(), image, searched,
                    recognizer.defaultThreshold(rule.algorithm())));
            }
        }
        matches.sort(Comparator.comparingDouble(RecognitionMatch::score).reversed());
        return matches.subList(0, Math.min(MAX_MATCHES, matches.size()));
    }

    /** What one event did to what GetImageLabels answers for its object. */
    public static final class Outcome {
        /** The effect, named as the upload function counts it. */
        public enum Effect { LABELLED, FAILED, REMOVED, UNCHANGED }

        static final Outcome LABELLED = new Outcome(Effect.LABELLED, null);
        static final Outcome REMOVED = new Outcome(Effect.REMOVED, null);
        static final Outcome VANISHED = new Outcome(Effect.REMOVED, ErrorCode.OBJECT_NOT_FOUND);
        static final Outcome UNCHANGED = new Outcome(Effect.UNCHANGED, null);

        private final Effect effect;
        private final ErrorCode errorCode;

        private Outcome(Effect effect, ErrorCode errorCode) {
            this.effect = effect;
            this.errorCode = errorCode;
        }

        public Effect effect() {
            return effect;
        }

        /** Why an upload got a FAILED result, or ObjectNotFound for an upload whose object was already gone; else null. */
        public ErrorCode errorCode() {
            return errorCode;
        }
    }
}
