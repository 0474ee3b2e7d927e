package dev.openrecog.rpc;

import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.ObjectEvent;
import dev.openrecog.domain.ObjectRemoval;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.UploadLabeling;
import dev.openrecog.domain.UploadLabeling.Outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the uploads and removals one storage event announces, logging one line per object. A fault
 * that may pass (a store or network outage) is rethrown after the events before it are done, so the
 * platform retries the event; the finished ones then change nothing.
 */
public final class UploadEndpoint {
    static final String LABEL_ACTION = "LabelUpload";
    static final String REMOVE_ACTION = "RemoveUploadLabels";

    private final UploadLabeling labeling;
    private final RequestLog log;

    private UploadEndpoint(UploadLabeling labeling, RequestLog log) {
        this.labeling = labeling;
        this.log = log;
    }

    public static UploadEndpoint labelling(Backends backends) {
        return new UploadEndpoint(new UploadLabeling(backends), RequestLog.toStandardOutput());
    }

    /** This endpoint, writing its log to {@code log} instead of standard output. */
    public UploadEndpoint withLog(RequestLog log) {
        return new UploadEndpoint(labeling, log);
    }

    /**
     * @return how many events labelled an upload, stored a failed result, removed an object's result,
     *         or changed nothing (redelivered, or older than what their object already reflects)
     */
    public Map<String, Integer> handle(String tenantId, List<? extends ObjectEvent> events, String requestId, String provider) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Outcome.Effect effect : Outcome.Effect.values()) {
            counts.put(countName(effect), 0);
        }
        Tenant tenant = Tenant.of(tenantId);
        for (ObjectEvent event : events) {
            String action = event instanceof ObjectRemoval ? REMOVE_ACTION : LABEL_ACTION;
            long started = System.nanoTime();
            try {
                Outcome outcome = labeling.process(tenant, event);
                counts.merge(countName(outcome.effect()), 1, Integer::sum);
                ErrorCode error = outcome.errorCode();
                log.write(requestId, provider, action, tenantId, error == null ? 200 : error.httpStatus(),
                    error == null ? null : error.code(), null, System.nanoTime() - started);
            } catch (RuntimeException fault) {
                log.write(requestId, provider, action, tenantId, 500, ErrorCode.INTERNAL_ERROR.code(), fault, System.nanoTime() - started);
                throw fault;
            }
        }
        return counts;
    }

    private static String countName(Outcome.Effect effect) {
        return effect.name().toLowerCase(Locale.ROOT);
    }
}
