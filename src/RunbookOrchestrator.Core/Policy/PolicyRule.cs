using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Policy;

/// <summary>One rule: when <see cref="Match"/> (and the optional CEL <see cref="When"/>) hold, <see cref="Effect"/> decides.</summary>
public sealed record PolicyRule(string Id, RuleMatch Match, string? When, RuleEffect Effect, SourceLocation Location);
