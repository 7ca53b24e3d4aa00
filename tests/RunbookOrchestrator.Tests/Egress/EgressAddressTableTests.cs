using System.Net;
using RunbookOrchestrator.Egress;

namespace RunbookOrchestrator.Tests.Egress;

/// <summary>The egress policy over every way of writing an address: pure classification, no packet sent.</summary>
public sealed class EgressAddressTableTests
{
    [Theory]
    [InlineData("169.254.169.254", "169.254.169.254", "link-local")]
    [InlineData("[::ffff:169.254.169.254]", "169.254.169.254", "IPv4-mapped")]
    [InlineData("[::ffff:a9fe:a9fe]", "169.254.169.254", "IPv4-mapped")]
    [InlineData("2852039166", "169.254.169.254", "link-local")]
    [InlineData("0251.0376.0251.0376", "169.254.169.254", "link-local")]
    [InlineData("0xA9FEA9FE", "169.254.169.254", "link-local")]
    [InlineData("0xa9.0xfe.0xa9.0xfe", "169.254.169.254", "link-local")]
    [InlineData("169.254.43518", "169.254.169.254", "link-local")]
    [InlineData("[64:ff9b::a9fe:a9fe]", "169.254.169.254", "NAT64")]
    [InlineData("[2002:a9fe:a9fe::1]", "169.254.169.254", "6to4")]
    [InlineData("127.0.0.1", "127.0.0.1", "loopback")]
    [InlineData("127.1", "127.0.0.1", "loopback")]
    [InlineData("0177.0.0.1", "127.0.0.1", "loopback")]
    [InlineData("2130706433", "127.0.0.1", "loopback")]
    [InlineData("[::1]", "::1", "loopback")]
    [InlineData("[::127.0.0.1]", "127.0.0.1", "IPv4-compatible")]
    [InlineData("0.0.0.0", "0.0.0.0", "this network")]
    [InlineData("[::]", "::", "unspecified")]
    [InlineData("10.0.0.1", "10.0.0.1", "private")]
    [InlineData("10.255.255.255", "10.255.255.255", "private")]
    [InlineData("172.16.5.4", "172.16.5.4", "private")]
    [InlineData("172.31.255.1", "172.31.255.1", "private")]
    [InlineData("192.168.1.1", "192.168.1.1", "private")]
    [InlineData("100.64.0.1", "100.64.0.1", "shared address space")]
    [InlineData("[fd00::1]", "fd00::1", "unique local")]
    [InlineData("[fc00::1]", "fc00::1", "unique local")]
    [InlineData("[fe80::1]", "fe80::1", "link-local")]
    [InlineData("[fec0::1]", "fec0::1", "site-local")]
    [InlineData("224.0.0.1", "224.0.0.1", "multicast")]
    [InlineData("[ff02::1]", "ff02::1", "multicast")]
    [InlineData("255.255.255.255", "255.255.255.255", "reserved")]
    [InlineData("198.18.0.1", "198.18.0.1", "benchmarking")]
    [InlineData("192.0.2.10", "192.0.2.10", "documentation")]
    [InlineData("[2001:db8::1]", "2001:db8::1", "documentation")]
    [InlineData("[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo")]
    public void Special_addresses_in_any_form_are_refused_naming_their_block(string host, string address, string block)
    {
        var parsed = HostAddressLiteral.TryParse(host);

        Assert.NotNull(parsed);
        var decision = EgressPolicy.PublicOnly.Decide(host, 80, parsed);
        Assert.False(decision.IsAllowed);
        Assert.Contains(block, decision.Reason);
        Assert.Contains("Egress__Allow__0=", decision.Reason);
        Assert.Equal(IPAddress.Parse(address).ToString(), (SpecialAddresses.EmbeddedIPv4(parsed)?.Address ?? parsed).ToString());
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("[2606:4700:4700::1111]")]
    [InlineData("[::ffff:8.8.8.8]")]
    public void Public_addresses_are_allowed(string host)
    {
        var decision = EgressPolicy.PublicOnly.Decide(host, 443, HostAddressLiteral.TryParse(host)!);

        Assert.True(decision.IsAllowed, decision.Reason);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("metadata.google.internal")]
    [InlineData("1.2.3.4.nip.io")]
    [InlineData("256.1.1.1")]
    [InlineData("0x1g")]
    public void Names_are_not_mistaken_for_addresses(string host) =>
        Assert.Null(HostAddressLiteral.TryParse(host));

    [Theory]
    [InlineData("10.20.0.0/16", "crm.internal", 443, "10.20.3.4", true)]
    [InlineData("10.20.0.0/16", "crm.internal", 443, "10.21.3.4", false)]
    [InlineData("crm.internal", "CRM.Internal.", 443, "10.20.3.4", true)]
    [InlineData("crm.internal:8443", "crm.internal", 443, "10.20.3.4", false)]
    [InlineData("crm.internal:8443", "crm.internal", 8443, "10.20.3.4", true)]
    [InlineData("*.corp.example", "api.corp.example", 443, "10.1.1.1", true)]
    [InlineData("*.corp.example", "corp.example", 443, "10.1.1.1", false)]
    [InlineData("*.corp.example", "evilcorp.example", 443, "10.1.1.1", false)]
    [InlineData("127.0.0.1:5080", "127.0.0.1", 5080, "127.0.0.1", true)]
    [InlineData("127.0.0.1:5080", "127.0.0.1", 5081, "127.0.0.1", false)]
    [InlineData("[::1]:5080", "::1", 5080, "::1", true)]
    [InlineData("::1/128", "::1", 9, "::1", true)]
    [InlineData("127.0.0.1/32", "::ffff:127.0.0.1", 9, "::ffff:127.0.0.1", true)]
    public void Allow_entries_open_exactly_what_they_name(string entry, string host, int port, string address, bool allowed)
    {
        var policy = EgressPolicy.Parse([entry]);

        Assert.Equal(allowed, policy.Decide(host, port, IPAddress.Parse(address)).IsAllowed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("010.0.0.1")]
    [InlineData("2130706433")]
    [InlineData("crm.internal:0")]
    [InlineData("crm.internal:70000")]
    [InlineData("crm.*.internal")]
    [InlineData("http://crm.internal")]
    [InlineData("[::1")]
    [InlineData("bad_host!")]
    public void Malformed_allow_entries_are_refused_naming_position_and_text(string entry)
    {
        var error = Assert.Throws<EgressConfigurationException>(() => EgressPolicy.Parse(["10.0.0.0/8", entry]));

        Assert.Contains("Egress:Allow:1", error.Message);
        Assert.Contains($"'{entry}'", error.Message);
    }

    [Fact]
    public void The_demo_allows_its_own_listen_address_and_nothing_else_of_loopback()
    {
        var own = RunbookOrchestrator.Server.Hosting.EgressConfiguration.OwnListenEntries("http://127.0.0.1:5080").ToList();
        var policy = new EgressPolicy(own);

        Assert.True(policy.Decide("127.0.0.1", 5080, IPAddress.Loopback).IsAllowed);
        Assert.False(policy.Decide("127.0.0.1", 22, IPAddress.Loopback).IsAllowed);
        Assert.False(policy.Decide("169.254.169.254", 80, IPAddress.Parse("169.254.169.254")).IsAllowed);
    }
}
