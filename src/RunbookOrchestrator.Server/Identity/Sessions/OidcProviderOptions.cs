namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary><c>Authentication:Oidc:{name}</c>: one OpenID Connect provider people may sign in with.</summary>
public sealed class OidcProviderOptions
{
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>The ID token claim that lists the person's groups at the provider.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Provider group → our group. Provider groups not listed here are ignored.</summary>
    public Dictionary<string, string> GroupMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>False is accepted for a loopback authority only (a provider on this machine, as in tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string? DisplayName { get; set; }
}
