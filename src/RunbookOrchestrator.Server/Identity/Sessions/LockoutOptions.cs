namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary><c>Authentication:Lockout</c>: how many wrong passwords in a row lock a local account, and for how long.</summary>
public sealed class LockoutOptions
{
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary><c>Authentication:Session</c>: how long a browser session lasts at most, and how long it survives without use.</summary>
public sealed class SessionOptions
{
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
