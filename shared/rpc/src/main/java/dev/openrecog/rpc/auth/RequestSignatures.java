package dev.openrecog.rpc.auth;

import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.domain.access.AccessKeyDirectory;

import dev.openrecog.rpc.HttpRequest;

import java.time.Clock;

/**
 * Verifies a request signed either way the official clients sign: with an {@code Authorization}
 * header, the V3 signature ({@link Acs3Signature}); otherwise the RPC signature 1.0 in the
 * parameters ({@link RpcV1Signature}).
 */
public final class RequestSignatures {
    private final RpcV1Signature v1;
    private final Acs3Signature v3;

    public RequestSignatures(AccessKeyDirectory keys, Clock clock) {
        this.v1 = new RpcV1Signature(keys, clock);
        this.v3 = new Acs3Signature(keys, clock);
    }

    public SignatureVerdict verify(HttpRequest request) {
        String authorization = request.header("authorization");
        return authorization != null && !authorization.isBlank() ? v3.verify(request) : v1.verify(request);
    }
}
