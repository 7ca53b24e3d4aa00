namespace RunbookOrchestrator.Identity.Humans;

/// <summary>A human's personal API token as stored. Never holds the token itself.</summary>
/// <param name="Id">Public id: the 8 characters in <c>rbu_&lt;id&gt;_…</c>, or a random id for an operator-chosen bootstrap token.</param>
/// <param name="UserName">Whose token it is.</param>
/// <param name="Label">Where it came from or what it is for (<c>cli</c>, <c>bootstrap</c>, or the operator's label).</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked; null while active.</param>
public sealed record UserToken(string Id, string UserName, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A stored token with the hash that verifies it.</summary>
public sealed record StoredUserToken(UserToken Token, byte[] TokenHash);

/// <summary>A freshly issued token. <see cref="RawToken"/> exists only here, to be shown once.</summary>
public sealed record IssuedUserToken(UserToken Token, string RawToken)
{
    public override string ToString() => $"IssuedUserToken {{ Token = {Token} }}";
}
