package dev.openrecog.fetch;

import java.net.UnknownHostException;

/**
 * A host that must not be connected to. It is an {@link UnknownHostException} because that is what a
 * {@link org.apache.hc.client5.http.DnsResolver} may throw; the fetcher turns it into InvalidImageUrl.Forbidden.
 */
final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String why) {
        super(why);
    }
}
