package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.NonceLedger;
import dev.openrecog.rpc.HttpRequest;

/** Signature mode: the verified key's tenant, once per nonce. */
final class SignedRequests extends Authentication {
    private static final int MAX_NONCE_LENGTH = 128;

    private final RequestSignatures signatures;
    private final NonceLedger nonces;

    SignedRequests(RequestSignatures signatures, NonceLedger nonces) {
        this.signatures = signatures;
        this.nonces = nonces;
    }

    @Override
    public Tenant authenticate(HttpRequest request, String platformTenant) {
        SignatureVerdict verdict = signatures.verify(request);
        if (!verdict.isVerified()) {
            throw new ApiException(verdict.error(), verdict.message());
        }
        if (verdict.nonce().length() > MAX_NONCE_LENGTH) {
            throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE, "The signature nonce is longer than " + MAX_NONCE_LENGTH
                + " characters.");
        }
        // Claimed only once the signature holds, so that unsigned traffic cannot fill the ledger. A nonce
        // outlives its request's window by nothing: after it the timestamp check refuses the replay.
        if (!nonces.claim(verdict.accessKey().id(), verdict.nonce(), verdict.timestamp().plus(Signing.MAX_CLOCK_SKEW))) {
            throw new ApiException(ErrorCode.SIGNATURE_NONCE_USED, "The signature nonce '" + ApiException.abbreviate(verdict.nonce())
                + "' has been used already; sign every request with a new nonce.");
        }
        return verdict.accessKey().tenant();
    }

    @Override
    public String mode() {
        return "signature";
    }
}
