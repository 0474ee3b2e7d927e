package dev.openrecog.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses a server-side fetch must never reach: everything that is not the public internet (IANA's
 * special-purpose registries), including IPv6 forms that carry such an IPv4 address inside.
 */
final class InternalAddresses {
    /** Checked in order; the first block that holds an address names the reason. */
    private static final List<Block> BLOCKS = new ArrayList<>();
    private static final Cidr IPV6_GLOBAL_UNICAST = Cidr.parse("2000::/3");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    static {
        block("0.0.0.0/8", "an unspecified ('this network') address");
        block("10.0.0.0/8", "a private address");
        block("100.64.0.0/10", "a shared (carrier-grade NAT) address");
        block("127.0.0.0/8", "a loopback address");
        block("169.254.0.0/16", "a link-local address (where cloud metadata services answer)");
        block("172.16.0.0/12", "a private address");
        block("192.0.0.0/24", "an IETF protocol address");
        block("192.168.0.0/16", "a private address");
        block("198.18.0.0/15", "a benchmarking address");
        block("224.0.0.0/4", "a multicast address");
        block("255.255.255.255/32", "the broadcast address");
        block("240.0.0.0/4", "a reserved address");
        block("::/128", "the unspecified address");
        block("::1/128", "a loopback address");
        block("::/96", "an IPv4-compatible IPv6 address (deprecated)");
        block("64:ff9b:1::/48", "a local-use NAT64 address");
        block("2001::/32", "a Teredo tunnel address");
        block("fc00::/7", "a private (unique local) address");
        block("fe80::/10", "a link-local address");
        block("fec0::/10", "a site-local address");
        block("ff00::/8", "a multicast address");
    }

    private InternalAddresses() {
    }

    private static void block(String cidr, String reason) {
        BLOCKS.add(new Block(Cidr.parse(cidr), reason));
    }

    /** Why the address is not on the public internet, as "a loopback address"; null when it is. */
    static String why(InetAddress address) {
        InetAddress wrapped = embeddedIpv4(address);
        if (wrapped != null) {
            String why = why(wrapped);
            return why == null ? null : "an IPv6 address wrapping " + wrapped.getHostAddress() + ", " + why;
        }
        for (Block block : BLOCKS) {
            if (block.cidr.contains(address)) {
                return block.reason;
            }
        }
        if (address instanceof Inet6Address && !IPV6_GLOBAL_UNICAST.contains(address)) {
            return "a reserved IPv6 address";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return null;
        }
        boolean mapped = Arrays.equals(bytes, 0, 12, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1}, 0, 12);
        if (mapped || NAT64.contains(address)) {
            return ipv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return ipv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return null;
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static final class Block {
        final Cidr cidr;
        final String reason;

        Block(Cidr cidr, String reason) {
            this.cidr = cidr;
            this.reason = reason;
        }
    }
}
