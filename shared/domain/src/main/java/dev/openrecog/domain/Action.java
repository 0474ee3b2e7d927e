package dev.openrecog.domain;

import dev.openrecog.domain.operation.CreateRecognitionEntity;
import dev.openrecog.domain.operation.CreateRecognitionLib;
import dev.openrecog.domain.operation.CreateRecognitionSample;
import dev.openrecog.domain.operation.DeleteRecognitionEntity;
import dev.openrecog.domain.operation.DeleteRecognitionLib;
import dev.openrecog.domain.operation.DeleteRecognitionSample;
import dev.openrecog.domain.operation.ListRecognitionEntities;
import dev.openrecog.domain.operation.ListRecognitionLibs;
import dev.openrecog.domain.operation.ListRecognitionSamples;

import java.util.Optional;
import java.util.function.Function;

/** Every API action openrecog serves: its wire name and how to build its operation on a store. */
public enum Action {
    CREATE_RECOGNITION_LIB("CreateRecognitionLib", CreateRecognitionLib::new),
    LIST_RECOGNITION_LIBS("ListRecognitionLibs", ListRecognitionLibs::new),
    DELETE_RECOGNITION_LIB("DeleteRecognitionLib", DeleteRecognitionLib::new),
    CREATE_RECOGNITION_ENTITY("CreateRecognitionEntity", CreateRecognitionEntity::new),
    LIST_RECOGNITION_ENTITIES("ListRecognitionEntities", ListRecognitionEntities::new),
    DELETE_RECOGNITION_ENTITY("DeleteRecognitionEntity", DeleteRecognitionEntity::new),
    CREATE_RECOGNITION_SAMPLE("CreateRecognitionSample", CreateRecognitionSample::new),
    LIST_RECOGNITION_SAMPLES("ListRecognitionSamples", ListRecognitionSamples::new),
    DELETE_RECOGNITION_SAMPLE("DeleteRecognitionSample", DeleteRecognitionSample::new);

    private final String wireName;
    private final Function<RecognitionStore, Operation> factory;

    Action(String wireName, Function<RecognitionStore, Operation> factory) {
        this.wireName = wireName;
        this.factory = factory;
    }

    public String wireName() {
        return wireName;
    }

    public Operation on(RecognitionStore store) {
        return factory.apply(store);
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
