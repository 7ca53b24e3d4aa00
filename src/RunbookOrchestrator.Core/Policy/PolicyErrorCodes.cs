namespace RunbookOrchestrator.Policy;

/// <summary>Stable codes of policy file errors that runbooks do not share (shape errors reuse <see cref="Definitions.RunbookErrorCodes"/>).</summary>
public static class PolicyErrorCodes
{
    public const string UnknownEffect = "unknown-effect";
    public const string InvalidQuorum = "invalid-quorum";
    public const string EmptyApprovers = "empty-approvers";
    public const string DuplicateRuleId = "duplicate-rule-id";
    public const string AutoApproveNotAllowed = "auto-approve-not-allowed";
    public const string InvalidMatch = "invalid-match";
    public const string InvalidPolicyVersion = "invalid-policy-version";
    public const string UnknownChannel = "unknown-channel";
}
