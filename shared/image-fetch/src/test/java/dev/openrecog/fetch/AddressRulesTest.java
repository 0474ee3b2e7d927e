package dev.openrecog.fetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses the resolver lets through. Literal addresses only: nothing here is looked up or connected to. */
class AddressRulesTest {
    private final CheckingDnsResolver strict = new CheckingDnsResolver(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
        "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
        "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "2606:4700:4700::1111", "[2a00:1450:4001::200e]",
        "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddressesPass(String literal) throws Exception {
        assertArrayEquals(new InetAddress[] {IpLiterals.parse(literal)}, strict.resolve(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.255.255.255", "172.16.0.0", "192.168.255.255", "100.64.0.0", "169.254.169.254",
        "0.0.0.0", "224.0.0.0", "255.255.255.255", "::1", "::", "fd00::1", "fe80::1", "ff02::1", "64:ff9b::7f00:1",
        "2002:a9fe:a9fe::"})
    void internalAddressesAreRefused(String literal) {
        assertThrows(RefusedAddressException.class, () -> strict.resolve(literal));
    }

    @Test
    void anIpv4MappedAddressKeptInIpv6FormIsJudgedByItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertEquals("an IPv6 address wrapping 169.254.169.254, a link-local address (where cloud metadata services answer)",
            InternalAddresses.why(address));
    }

    @Test
    void theAllowRuleLetsExactlyItsBlocksThrough() throws Exception {
        CheckingDnsResolver allowing = new CheckingDnsResolver(Cidr.parseList(" 127.0.0.1/32 , 10.0.0.0/8,,::1"));
        assertEquals(1, allowing.resolve("127.0.0.1").length);
        assertEquals(1, allowing.resolve("10.20.30.40").length);
        assertEquals(1, allowing.resolve("[::1]").length);
        RefusedAddressException refused = assertThrows(RefusedAddressException.class, () -> allowing.resolve("127.0.0.2"));
        assertEquals("127.0.0.2 is a loopback address", refused.getMessage());
        assertThrows(RefusedAddressException.class, () -> allowing.resolve("169.254.169.254"));
    }

    @Test
    void cidrBlocksMatchOnTheirPrefixOnly() {
        Cidr block = Cidr.parse("172.16.0.0/12");
        assertTrue(block.contains(IpLiterals.parse("172.31.255.255")));
        assertFalse(block.contains(IpLiterals.parse("172.32.0.0")));
        assertFalse(block.contains(IpLiterals.parse("172.15.255.255")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(IpLiterals.parse("203.0.113.9")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(IpLiterals.parse("2001:db8::1")), "an IPv4 block holds no IPv6 address");
        assertTrue(Cidr.parse("fe80::/10").contains(IpLiterals.parse("febf:ffff::1")));
        assertFalse(Cidr.parse("fe80::/10").contains(IpLiterals.parse("fec0::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "localhost/8", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8",
        "010.0.0.0/8", "10.0.0/8", "[::1]/200", "fe80::1%eth0/64"})
    void malformedBlocksAreRejected(String text) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(rejected.getMessage().endsWith("is not an IP address range such as 127.0.0.1/32 or ::1/128"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0X7F000001", "0x7f.0.0.1", "0177.0.0.1", "127.1", "1.2.3.04", "0",
        "0x", "127.0.0.1.", "example.123", "a.0xff"})
    void hostsEndingInANumberAreIpAddressesToBrowsersAndResolvers(String host) {
        assertTrue(IpLiterals.endsInNumber(host));
        assertNull(IpLiterals.parse(host), "not a standard spelling");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1e2", "0x7f.example", "123.example", "a..", "xn--bcher-kva.example", "0xg1"})
    void otherHostsAreNames(String host) {
        assertFalse(IpLiterals.endsInNumber(host));
        assertNull(IpLiterals.parse(host));
    }
}
