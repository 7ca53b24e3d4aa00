namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Row of <c>users</c>: one human kept in the database.</summary>
public sealed class HumanUserEntity
{
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<UserGroupEntity> Groups { get; set; } = [];
}
