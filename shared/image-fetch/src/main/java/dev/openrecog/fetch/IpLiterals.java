package dev.openrecog.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP addresses written in a host name, read without any lookup. Only the standard spellings count: IPv4 as four
 * decimal numbers without leading zeros, IPv6 as RFC 4291 text (with or without brackets, no zone).
 */
final class IpLiterals {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /** The address a standard IP literal stands for, or null when the text is not one. */
    static InetAddress parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            if (IPV4.matcher(bare).matches()) {
                String[] octets = bare.split("\\.");
                byte[] address = new byte[4];
                for (int i = 0; i < 4; i++) {
                    address[i] = (byte) Integer.parseInt(octets[i]);
                }
                return InetAddress.getByAddress(address);
            }
            if (IPV6.matcher(bare).matches()) {
                // Brackets make the JDK parse the text as an IPv6 literal or fail: it never turns it into a DNS query.
                return InetAddress.getByName("[" + bare + "]");
            }
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
        return null;
    }

    /**
     * Whether a host name ends in a number, as the URL standard puts it: its last label is decimal digits or 0x-hex.
     * Such a name is an IPv4 address to browsers and to the C resolver (127.1, 2130706433, 0x7f.1, 0177.0.0.1 all
     * mean 127.0.0.1 there), so unless it is the standard spelling it must not be looked up as a name.
     */
    static boolean endsInNumber(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.startsWith("0x") || last.startsWith("0X")) {
            return last.substring(2).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Why a host that {@link #endsInNumber ends in a number} but is not a.b.c.d is refused. */
    static String nonStandardSpelling(String host) {
        return "'" + TargetUrls.echo(host) + "' is an IP address in a non-standard spelling;"
            + " write IPv4 addresses as four decimal numbers (a.b.c.d)";
    }
}
