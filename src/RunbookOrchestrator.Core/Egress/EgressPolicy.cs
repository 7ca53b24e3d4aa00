using System.Net;

namespace RunbookOrchestrator.Egress;

/// <summary>Where outbound calls (HTTP steps, completion callbacks, the demo's probes) may connect: any public address, and
/// special addresses (loopback, private, link-local/metadata...) only when an <c>Egress:Allow</c> entry names them.</summary>
/// <remarks>Judged on the address actually connected to, after DNS resolution, so a public name that resolves to a private
/// address (DNS rebinding) is refused too. See docs/egress.md.</remarks>
public sealed class EgressPolicy
{
    /// <summary>The configuration section holding the allow list.</summary>
    public const string AllowSection = "Egress:Allow";

    private readonly IReadOnlyList<EgressAllowEntry> _allow;

    public EgressPolicy(IEnumerable<EgressAllowEntry> allow) => _allow = allow.ToList();

    /// <summary>The policy that allows public addresses only.</summary>
    public static EgressPolicy PublicOnly { get; } = new([]);

    public IReadOnlyList<EgressAllowEntry> Allow => _allow;

    /// <summary>Parses the allow list; throws <see cref="EgressConfigurationException"/> naming every malformed entry by position.</summary>
    public static EgressPolicy Parse(IEnumerable<string?> entries)
    {
        var parsed = new List<EgressAllowEntry>();
        var problems = new List<string>();
        var index = 0;
        foreach (var text in entries)
        {
            if (EgressAllowEntry.TryParse(text, out var problem) is { } entry) parsed.Add(entry);
            else problems.Add($"{AllowSection}:{index} ('{text}'): {problem}");
            index++;
        }
        if (problems.Count > 0) throw new EgressConfigurationException(string.Join("; ", problems));
        return new EgressPolicy(parsed);
    }

    /// <summary>Whether connecting to <paramref name="address"/>:<paramref name="port"/> for a URL naming <paramref name="host"/> is allowed, and why.</summary>
    public EgressDecision Decide(string host, int port, IPAddress address)
    {
        foreach (var entry in _allow)
            if (entry.Allows(host, port, address)) return EgressDecision.Allowed($"allowed by {AllowSection} entry '{entry}'");
        if (SpecialAddresses.Classify(address) is not { } why) return EgressDecision.Allowed("public address");
        var named = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address}" : $"{host} ({address})";
        return EgressDecision.Refused(
            $"egress refused: {named} is {why}; outbound calls may not reach it unless {AllowSection} names it " +
            $"(e.g. environment variable Egress__Allow__0={Suggestion(host, port, address)})");
    }

    private static string Suggestion(string host, int port, IPAddress address) =>
        IPAddress.TryParse(host.Trim('[', ']'), out _)
            ? address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}"
            : $"{host.TrimEnd('.').ToLowerInvariant()}:{port}";
}

/// <summary>The verdict on one connection, with the sentence that explains it.</summary>
public sealed record EgressDecision(bool IsAllowed, string Reason)
{
    public static EgressDecision Allowed(string reason) => new(true, reason);
    public static EgressDecision Refused(string reason) => new(false, reason);
}

/// <summary>An <c>Egress:Allow</c> entry could not be read; the server refuses to start.</summary>
public sealed class EgressConfigurationException(string message) : FormatException(message);

/// <summary>An outbound connection was refused by the egress policy; the message says which rule and how to allow it.</summary>
public sealed class EgressRefusedException(string message) : IOException(message);
