using RunbookOrchestrator.Egress;

namespace RunbookOrchestrator.Server.Hosting;

/// <summary>The egress policy from configuration: <c>Egress:Allow</c>, plus, in demo mode, the server's own listen addresses
/// (and nothing else of loopback) so the demo runbooks can probe the server out of the box.</summary>
public static class EgressConfiguration
{
    /// <summary>Reads the policy; throws <see cref="EgressConfigurationException"/> naming a malformed entry.</summary>
    public static EgressPolicy Read(IConfiguration configuration, bool demo)
    {
        var entries = configuration.GetSection(EgressPolicy.AllowSection).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => c.Value).ToList();
        var policy = EgressPolicy.Parse(entries);
        if (!demo) return policy;
        var own = OwnListenEntries(configuration["urls"]).ToList();
        return new EgressPolicy(policy.Allow.Concat(own));
    }

    /// <summary>One host:port entry per listen URL; a wildcard host (0.0.0.0, [::], *, +) becomes the loopback address of that port only.</summary>
    public static IEnumerable<EgressAllowEntry> OwnListenEntries(string? urls)
    {
        foreach (var url in (urls ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts "http://*:5080" and "http://+:5080", which Uri does not; read host and port by hand.
            var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            rest = rest.Split('/')[0];
            var colon = rest.LastIndexOf(':');
            if (colon < 0 || rest.EndsWith(']') || !int.TryParse(rest[(colon + 1)..], out var port) || port == 0) continue;
            var host = rest[..colon];
            string[] targets = host switch
            {
                "*" or "+" or "0.0.0.0" or "[::]" => ["127.0.0.1", "[::1]"],
                "localhost" => ["localhost", "127.0.0.1", "[::1]"],
                _ => [host],
            };
            foreach (var target in targets)
                if (EgressAllowEntry.TryParse($"{target}:{port}", out _) is { } entry) yield return entry;
        }
    }
}
