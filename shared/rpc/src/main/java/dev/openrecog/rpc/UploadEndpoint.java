package dev.openrecog.rpc;

import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.UploadLabeling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels the uploads one storage event announces, logging one line per upload. A fault that may
 * pass (a store or network outage) is rethrown after the uploads before it are done, so the
 * platform retries the event; the finished uploads are then skipped as already labelled.
 */
public final class UploadEndpoint {
    static final String ACTION = "LabelUpload";

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

    /** @return how many uploads were labelled, had failed results stored, or were already labelled */
    public Map<String, Integer> handle(String tenantId, List<ObjectUpload> uploads, String requestId, String provider) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("labelled", 0);
        counts.put("failed", 0);
        counts.put("alreadyLabelled", 0);
        Tenant tenant = Tenant.of(tenantId);
        for (ObjectUpload upload : uploads) {
            long started = System.nanoTime();
            try {
                LabelResult result = labeling.process(tenant, upload);
                boolean failed = result != null && result.status() == LabelResult.Status.FAILED;
                counts.merge(result == null ? "alreadyLabelled" : failed ? "failed" : "labelled", 1, Integer::sum);
                log.write(requestId, provider, ACTION, tenantId, failed ? 400 : 200, failed ? result.errorCode() : null, null,
                    System.nanoTime() - started);
            } catch (RuntimeException fault) {
                log.write(requestId, provider, ACTION, tenantId, 500, ErrorCode.INTERNAL_ERROR.code(), fault, System.nanoTime() - started);
                throw fault;
            }
        }
        return counts;
    }
}
