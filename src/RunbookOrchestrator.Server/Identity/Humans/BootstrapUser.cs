namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>One entry of RBO_BOOTSTRAP_USERS: a user, a token the operator chose for them, and groups to join.</summary>
public sealed record BootstrapUser(int Position, string Name, string Token, IReadOnlyList<string> Groups)
{
    public override string ToString() => $"BootstrapUser {{ Position = {Position}, Name = {Name}, Groups = [{string.Join(",", Groups)}] }}";
}
