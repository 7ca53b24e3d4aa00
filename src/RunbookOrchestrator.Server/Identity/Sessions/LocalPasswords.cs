using Microsoft.AspNetCore.Identity;

namespace RunbookOrchestrator.Server.Identity.Sessions;

/// <summary>Hashes and checks local passwords with ASP.NET Core Identity's hasher (PBKDF2-SHA512, 100,000 iterations, per-hash salt),
/// and holds the password rules.</summary>
public static class LocalPasswords
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinLength = 12;

    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object User = new();

    // Checked when the user is unknown or has no password, so a wrong name costs as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(User, Guid.NewGuid().ToString("N"));

    public static string Hash(string password) => Hasher.HashPassword(User, password);

    public static bool Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(User, hash ?? DecoyHash, password);
        return hash is not null && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }

    /// <summary>Why a password is refused, or null when it meets the rules.</summary>
    public static string? Problem(string password)
    {
        if (password.Length < MinLength) return $"a password needs at least {MinLength} characters";
        if (password.Length > 1024) return "a password is at most 1024 characters";
        if (password.Distinct().Count() < 5) return "a password needs at least 5 different characters";
        return null;
    }
}
