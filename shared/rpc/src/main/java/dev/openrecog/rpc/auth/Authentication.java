package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.Tenant;
import dev.openrecog.rpc.HttpRequest;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Decides which tenant a request acts for, in one of three modes chosen by OPENRECOG_AUTH_MODE:
 * <ul>
 *   <li>{@code gateway} (the default): the identity the platform vouches for (an API Gateway
 *       authorizer, JWT claim or IAM account; FC's account id). A request without one is refused.</li>
 *   <li>{@code signature}: the Alibaba Cloud signature (RPC v1 or ACS3) verified against the
 *       configured access keys; the key's tenant. Each nonce is accepted once.</li>
 *   <li>{@code anonymous}: every request acts as OPENRECOG_DEFAULT_TENANT. For local use only, and
 *       only when asked for by name.</li>
 * </ul>
 */
public abstract class Authentication {
    public static final String MODE = "OPENRECOG_AUTH_MODE";
    public static final String DEFAULT_TENANT = "OPENRECOG_DEFAULT_TENANT";
    static final String ANONYMOUS_TENANT = "default";

    Authentication() {
    }

    /**
     * The tenant the request acts for.
     *
     * @param platformTenant the identity the platform vouches for, or null
     * @throws ApiException when the request does not prove who it acts for
     */
    public abstract Tenant authenticate(HttpRequest request, String platformTenant);

    /** The mode's name, as OPENRECOG_AUTH_MODE spells it. */
    public abstract String mode();

    /** The mode OPENRECOG_AUTH_MODE names; signature mode takes its keys and nonces from {@code backends}. */
    public static Authentication fromEnvironment(Map<String, String> env, Backends backends) {
        String configured = env.get(MODE);
        String mode = configured == null || configured.isBlank() ? "gateway" : configured.strip().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "gateway":
                return gateway();
            case "signature":
                try {
                    return signature(backends, Clock.systemUTC());
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(MODE + "=signature needs the configured access keys: " + e.getMessage(), e);
                }
            case "anonymous":
                String tenant = env.get(DEFAULT_TENANT);
                return anonymous(tenant == null || tenant.isBlank() ? ANONYMOUS_TENANT : tenant);
            default:
                throw new IllegalStateException(MODE + " is '" + mode + "'; use signature, gateway or anonymous");
        }
    }

    /** Trusts the identity the platform put in the request context, and nothing else. */
    public static Authentication gateway() {
        return new Authentication() {
            @Override
            public Tenant authenticate(HttpRequest request, String platformTenant) {
                if (platformTenant == null || platformTenant.isEmpty()) {
                    throw new ApiException(ErrorCode.FORBIDDEN, "The request carries no caller identity: call it through the "
                        + "API gateway with the configured authorization.");
                }
                return Tenant.of(platformTenant);
            }

            @Override
            public String mode() {
                return "gateway";
            }
        };
    }

    /** Verifies the Alibaba Cloud signature against {@code backends.accessKeys()} and claims its nonce. */
    public static Authentication signature(Backends backends, Clock clock) {
        return new SignedRequests(new RequestSignatures(backends.accessKeys(), clock), backends.nonces());
    }

    /** Every request acts as {@code tenant}. */
    public static Authentication anonymous(String tenant) {
        Tenant fixed = Tenant.of(tenant);
        return new Authentication() {
            @Override
            public Tenant authenticate(HttpRequest request, String platformTenant) {
                return fixed;
            }

            @Override
            public String mode() {
                return "anonymous";
            }
        };
    }
}
