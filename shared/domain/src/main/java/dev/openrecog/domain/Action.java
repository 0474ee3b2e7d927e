package dev.openrecog.domain;

import dev.openrecog.domain.operation.CreateRecognitionEntity;
import dev.openrecog.domain.operation.CreateRecognitionLib;
import dev.openrecog.domain.operation.CreateRecognitionSample;
import dev.openrecog.domain.operation.DeleteRecognitionEntity;
import dev.openrecog.domain.operation.DeleteRecognitionLib;
import dev.openrecog.domain.operation.DeleteRecognitionSample;
import dev.openrecog.domain.operation.DetectImageLabels;
import dev.openrecog.domain.operation.GetImageLabels;
import dev.openrecog.domain.operation.ListRecognitionEntities;
import dev.openrecog.domain.operation.ListRecognitionLibs;
import dev.openrecog.domain.operation.ListRecognitionSamples;
import dev.openrecog.domain.operation.RecognizeImage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Every API action openrecog serves: its wire name and how to build its operation on a store. */
public enum Action {
    CREATE_RECOGNITION_LIB("CreateRecognitionLib", backends -> new CreateRecognitionLib(backends.store())),
    LIST_RECOGNITION_LIBS("ListRecognitionLibs", backends -> new ListRecognitionLibs(backends.store())),
    DELETE_RECOGNITION_LIB("DeleteRecognitionLib", backends -> new DeleteRecognitionLib(backends.store())),
    CREATE_RECOGNITION_ENTITY("CreateRecognitionEntity", backends -> new CreateRecognitionEntity(backends.store())),
    LIST_RECOGNITION_ENTITIES("ListRecognitionEntities", backends -> new ListRecognitionEntities(backends.store())),
    DELETE_RECOGNITION_ENTITY("DeleteRecognitionEntity", backends -> new DeleteRecognitionEntity(backends.store())),
    CREATE_RECOGNITION_SAMPLE("CreateRecognitionSample", backends -> new CreateRecognitionSample(backends.store(),
        backends.objects(), backends.fetcher(), backends.recognizer())),
    LIST_RECOGNITION_SAMPLES("ListRecognitionSamples", backends -> new ListRecognitionSamples(backends.store())),
    DELETE_RECOGNITION_SAMPLE("DeleteRecognitionSample", backends -> new DeleteRecognitionSample(backends.store())),
    DETECT_IMAGE_LABELS("DetectImageLabels", backends -> new DetectImageLabels(backends.objects(), backends.labeler())),
    GET_IMAGE_LABELS("GetImageLabels", backends -> new GetImageLabels(backends.labelResults())),
    RECOGNIZE_IMAGE("RecognizeImage", backends -> new RecognizeImage(backends.store(), backends.objects(), backends.fetcher(),
        backends.recognizer()));

    /** The nine operations on libraries, entities and samples. */
    public static final Set<Action> RECOGNITION_LIBRARY =
        Collections.unmodifiableSet(EnumSet.range(CREATE_RECOGNITION_LIB, DELETE_RECOGNITION_SAMPLE));

    private final String wireName;
    private final Function<Backends, Operation> factory;

    Action(String wireName, Function<Backends, Operation> factory) {
        this.wireName = wireName;
        this.factory = factory;
    }

    public String wireName() {
        return wireName;
    }

    public Operation on(Backends backends) {
        return factory.apply(backends);
    }

    public static Optional<Action> fromWireName(String wireName) {
        for (Action action : values()) {
            if (action.wireName.equals(wireName)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
