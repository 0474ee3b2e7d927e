package dev.openrecog.domain;

import java.util.Map;

/**
 * One API operation as a plain function: a tenant and the call's parameters in, the response
 * fields out (ordered, without RequestId, which the transport adds).
 */
@FunctionalInterface
public interface Operation {
    Map<String, Object> invoke(Tenant tenant, Params params);
}
