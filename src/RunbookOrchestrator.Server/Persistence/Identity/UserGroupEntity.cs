namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Row of <c>user_groups</c>: one user's membership of one group.</summary>
public sealed class UserGroupEntity
{
    public string UserName { get; set; } = "";
    public string GroupName { get; set; } = "";
}
