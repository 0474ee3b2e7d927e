package dev.openrecog.rpc;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Action;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.RequestQuota;
import dev.openrecog.rpc.auth.Authentication;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves one or more actions over HTTP in the RPC style of Alibaba Cloud APIs. The action comes
 * from the last path segment ({@code POST /CreateRecognitionLib}), the {@code Action} parameter or
 * the {@code x-acs-action} header; every response is JSON with a RequestId.
 */
public final class RpcEndpoint {
    /** The tenant of anonymous requests and of uploads (see {@link Authentication}). */
    public static final String DEFAULT_TENANT = Authentication.DEFAULT_TENANT;
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json;charset=utf-8");

    private final Map<Action, Operation> operations;
    private final Authentication authentication;
    private final RequestQuota quota;
    private final RequestLog log;

    private RpcEndpoint(Map<Action, Operation> operations, Authentication authentication, RequestQuota quota, RequestLog log) {
        this.operations = operations;
        this.authentication = authentication;
        this.quota = quota;
        this.log = log;
    }

    /** An endpoint for one action, as an operation's own function serves it. */
    public static RpcEndpoint serving(Backends backends, Action action) {
        return serving(backends, Set.of(action));
    }

    /**
     * An endpoint for several actions, dispatching on the action each request names. Callers are
     * authenticated as OPENRECOG_AUTH_MODE says (see {@link Authentication}).
     */
    public static RpcEndpoint serving(Backends backends, Collection<Action> actions) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("An endpoint serves at least one action");
        }
        Map<Action, Operation> operations = new EnumMap<>(Action.class);
        for (Action action : actions) {
            operations.put(action, action.on(backends));
        }
        return new RpcEndpoint(operations, Authentication.fromEnvironment(System.getenv(), backends), backends.quota(),
            RequestLog.toStandardOutput());
    }

    /** This endpoint, writing its request log to {@code log} instead of standard output. */
    RpcEndpoint withLog(RequestLog log) {
        return new RpcEndpoint(operations, authentication, quota, log);
    }

    /** This endpoint, deciding who callers are by {@code authentication} instead of the environment. */
    public RpcEndpoint authenticatedBy(Authentication authentication) {
        return new RpcEndpoint(operations, authentication, quota, log);
    }

    /**
     * Handles one request.
     *
     * @param platformTenant the tenant the platform vouches for, or null when it names none (used in gateway mode)
     * @param requestId      the platform's id for this request, echoed as RequestId
     * @param provider       which adapter took the request, for the log
     */
    public HttpResponse handle(HttpRequest request, String platformTenant, String requestId, String provider) {
        long started = System.nanoTime();
        String actionName = null;
        String tenantId = null;
        HttpResponse response;
        ErrorCode errorCode = null;
        Throwable fault = null;
        try {
            Tenant tenant = authentication.authenticate(request, platformTenant);
            tenantId = tenant.id();
            if (!quota.tryAcquire(tenant)) {
                throw new ApiException(ErrorCode.THROTTLING, "Too many requests from this account in the last second; "
                    + "retry after a short wait.");
            }
            Map<String, String> params = RequestParameters.of(request);
            Action action = resolveAction(request, params);
            actionName = action.wireName();
            Map<String, Object> body = operations.get(action).invoke(tenant, new Params(params));
            response = respond(200, requestId, body);
        } catch (ApiException e) {
            errorCode = e.errorCode();
            response = error(requestId, e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            errorCode = ErrorCode.INTERNAL_ERROR;
            fault = e;
            response = error(requestId, ErrorCode.INTERNAL_ERROR,
                "The request failed because of an internal error; quote RequestId " + requestId + " when reporting it.");
        }
        log.write(requestId, provider, actionName, tenantId, response.status(), errorCode == null ? null : errorCode.code(), fault, System.nanoTime() - started);
        return response;
    }

    private Action resolveAction(HttpRequest request, Map<String, String> params) {
        String path = request.path();
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        String name = Action.fromWireName(lastSegment).isPresent() ? lastSegment
            : firstPresent(params.get("Action"), request.header("x-acs-action"));
        if (name == null || name.isEmpty()) {
            if (operations.size() == 1) {
                return operations.keySet().iterator().next();
            }
            throw ApiException.invalidParameter("The parameter Action is required.");
        }
        Optional<Action> action = Action.fromWireName(name);
        if (action.isEmpty() || !operations.containsKey(action.get())) {
            throw new ApiException(ErrorCode.INVALID_ACTION, "The action '" + ApiException.abbreviate(name)
                + "' is not served here; this endpoint serves " + Arrays.toString(operations.keySet().stream()
                .map(Action::wireName).toArray()) + ".");
        }
        return action.get();
    }

    private static String firstPresent(String first, String second) {
        return first != null && !first.isEmpty() ? first : second;
    }

    private static HttpResponse error(String requestId, ErrorCode code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Code", code.code());
        body.put("Message", message);
        return respond(code.httpStatus(), requestId, body);
    }

    private static HttpResponse respond(int status, String requestId, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.putAll(fields);
        try {
            return new HttpResponse(status, JSON_HEADERS, JSON.std.asString(body));
        } catch (IOException e) {
            throw new IllegalStateException("A response could not be written as JSON", e);
        }
    }
}
