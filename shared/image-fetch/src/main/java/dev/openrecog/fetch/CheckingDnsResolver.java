package dev.openrecog.fetch;

import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The only place the HTTP client turns a host into addresses: it refuses the host when ANY of its addresses is
 * internal (a name that mixes public and internal answers is a rebinding trick, not a misconfiguration), and the
 * client then connects to exactly the addresses returned here, so there is no second lookup to race.
 */
final class CheckingDnsResolver implements DnsResolver {
    private final List<Cidr> allowed;

    /** {@code allowed} lets these blocks through although they are internal (tests, private deployments). */
    CheckingDnsResolver(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            refuseIfInternal(literal, literal.getHostAddress() + " is ");
            return new InetAddress[] {literal};
        }
        if (host.contains(":") || host.contains("[")) {
            throw new RefusedAddressException("'" + TargetUrls.echo(host) + "' is not a valid IPv6 address");
        }
        if (IpLiterals.endsInNumber(host)) {
            throw new RefusedAddressException(IpLiterals.nonStandardSpelling(host));
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            refuseIfInternal(address, "'" + TargetUrls.echo(host) + "' resolves to " + address.getHostAddress() + ", ");
        }
        return addresses;
    }

    /** Only Kerberos authentication asks for this, and it is off: answer without a lookup. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    private void refuseIfInternal(InetAddress address, String subject) throws RefusedAddressException {
        if (allowed.stream().anyMatch(block -> block.contains(address))) {
            return;
        }
        String why = InternalAddresses.why(address);
        if (why != null) {
            throw new RefusedAddressException(subject + why);
        }
    }
}
