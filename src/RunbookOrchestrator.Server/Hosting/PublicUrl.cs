namespace RunbookOrchestrator.Server.Hosting;

/// <summary>The address people reach the server at, for links printed by the CLI or sent in messages: <c>Channels:PublicBaseUrl</c>,
/// else the first of <c>Urls</c> (a wildcard host read as <c>localhost</c>).</summary>
public static class PublicUrl
{
    public static string From(IConfiguration configuration)
    {
        if (configuration["Channels:PublicBaseUrl"] is { Length: > 0 } configured) return configured.TrimEnd('/');
        var first = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "http://127.0.0.1:5080";
        // Kestrel's wildcard forms are not host names.
        foreach (var wildcard in new[] { "://*:", "://+:", "://0.0.0.0:", "://[::]:" })
            first = first.Replace(wildcard, "://localhost:", StringComparison.Ordinal);
        return first.TrimEnd('/');
    }
}
