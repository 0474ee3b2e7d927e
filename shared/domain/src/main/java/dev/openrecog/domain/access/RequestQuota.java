package dev.openrecog.domain.access;

import dev.openrecog.domain.Tenant;

/** How many requests a tenant may make per second; each request takes one. */
@FunctionalInterface
public interface RequestQuota {
    /** No limit. */
    RequestQuota UNLIMITED = tenant -> true;

    /** Takes one request from the tenant's allowance for the current second; false when it is used up. */
    boolean tryAcquire(Tenant tenant);
}
