package dev.openrecog.fetch;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A block of IP addresses such as 10.0.0.0/8 or fc00::/7. */
final class Cidr {
    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Reads {@code address/prefix}; a bare address stands for itself alone. */
    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = IpLiterals.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null) {
            throw notARange(text);
        }
        byte[] network = address.getAddress();
        int bits = network.length * 8;
        if (slash < 0) {
            return new Cidr(network, bits);
        }
        String prefix = trimmed.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
            throw notARange(text);
        }
        return new Cidr(network, Integer.parseInt(prefix));
    }

    /** Reads a comma-separated list of blocks, as OPENRECOG_IMAGE_URL_ALLOW holds them. */
    static List<Cidr> parseList(String text) {
        List<Cidr> blocks = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                blocks.add(parse(part));
            }
        }
        return blocks;
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int wholeBytes = prefixLength / 8;
        for (int i = 0; i < wholeBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return remainingBits == 0 || ((candidate[wholeBytes] ^ network[wholeBytes]) & mask) == 0;
    }

    private static IllegalArgumentException notARange(String text) {
        return new IllegalArgumentException("'" + text.trim() + "' is not an IP address range such as 127.0.0.1/32 or ::1/128");
    }
}
