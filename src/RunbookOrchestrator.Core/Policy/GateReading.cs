using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Definitions.Source;

namespace RunbookOrchestrator.Policy;

/// <summary>Reads a <c>require_approval</c> block into a <see cref="GateSpec"/>, applying the documented defaults.</summary>
internal sealed class GateReading(SourceFields fields)
{
    private static readonly string[] GateFields =
        ["approvers", "quorum", "timeout", "escalate", "on_timeout", "allow_auto_approve", "context", "require_reason", "window", "allow_reveal", "channels", "require_sign_in"];
    private static readonly string[] EscalationFields = ["after", "add", "remind"];
    private static readonly string[] OnTimeoutValues = ["timed_out", "rejected", "approved"];

    /// <summary>Quorum 1, 24 h timeout ending <c>timed_out</c>, reason on reject, 15 min window, reveal allowed; no approvers (= the runbook's owners).</summary>
    public static readonly GateSpec Defaults = new([], 1, TimeSpan.FromHours(24), [], "timed_out", null, ReasonRequirement.OnReject, TimeSpan.FromMinutes(15), true);

    public GateSpec Read(SourceNode node, string rule)
    {
        // `require_approval: owners` (or an empty value) asks the runbook's owners with the defaults.
        if (node is SourceScalar { Value: null } or SourceScalar { IsString: true, Text: "owners" }) return Defaults;
        if (node is not SourceMapping map)
        {
            fields.Error(node.Location, RunbookErrorCodes.InvalidType, $"rule '{rule}': 'require_approval' must be a gate map such as {{ approvers: [group:sre] }}, found {SourceFields.Describe(node)}");
            return Defaults;
        }
        fields.CheckFields(map, GateFields, $"rule '{rule}' require_approval");
        var gate = Defaults;
        if (map.Find("approvers") is { } approvers)
        {
            var list = fields.StringList(approvers, "approvers");
            if (approvers.Value is SourceSequence { Items.Count: 0 })
                fields.Error(approvers.Value.Location, PolicyErrorCodes.EmptyApprovers, $"rule '{rule}': 'approvers' is empty; name users or group:name entries, or leave the field out to ask the runbook's owners");
            gate = gate with { Approvers = list };
        }
        if (map.Find("quorum") is { } quorum)
        {
            if (SourceFields.WholeNumber(quorum.Value) is { } n and >= 1 and <= 100) gate = gate with { Quorum = (int)n };
            else fields.Error(quorum.Value.Location, PolicyErrorCodes.InvalidQuorum, $"rule '{rule}': 'quorum' must be a whole number from 1 to 100, found {SourceFields.Describe(quorum.Value)}");
            if (gate.Approvers.Count > 0 && gate.Approvers.All(a => !a.StartsWith("group:", StringComparison.Ordinal)) && gate.Quorum > gate.Approvers.Count)
                fields.Error(quorum.Value.Location, PolicyErrorCodes.InvalidQuorum, $"rule '{rule}': quorum {gate.Quorum} needs more people than the {gate.Approvers.Count} approver(s) named");
        }
        if (map.Find("timeout") is { } timeout)
            gate = gate with { Timeout = timeout.Value is SourceScalar { IsString: true, Text: "none" } ? null : fields.Duration(timeout, "timeout") ?? gate.Timeout };
        if (map.Find("window") is { } window && fields.Duration(window, "window") is { } w) gate = gate with { Window = w };
        if (map.Find("context") is { } context && fields.String(context, "context") is { } text) gate = gate with { ContextTemplate = text };
        if (map.Find("allow_reveal") is { } reveal && fields.Bool(reveal, "allow_reveal") is { } r) gate = gate with { AllowReveal = r };
        if (map.Find("require_sign_in") is { } signIn && fields.Bool(signIn, "require_sign_in") is { } mustSignIn) gate = gate with { RequireSignIn = mustSignIn };
        if (map.Find("channels") is { } channels)
        {
            var list = fields.StringList(channels, "channels");
            foreach (var unknown in list.Where(c => !ReviewChannels.All.Contains(c)))
                fields.Error(channels.Value.Location, PolicyErrorCodes.UnknownChannel, $"rule '{rule}': 'channels' names '{unknown}'; the channels are {string.Join(", ", ReviewChannels.All)}");
            gate = gate with { Channels = list.Distinct().ToList() };
        }
        if (map.Find("require_reason") is { } reason) gate = gate with { RequireReason = ReadReason(reason, rule) };
        if (map.Find("escalate") is { } escalate) gate = gate with { Escalations = ReadEscalations(escalate, rule) };
        if (map.Find("on_timeout") is { } onTimeout) gate = gate with { OnTimeout = ReadOnTimeout(map, onTimeout, rule) };
        if (gate.Timeout is { } limit && gate.Escalations.FirstOrDefault(e => e.After >= limit) is { } late)
            fields.Error(map.Find("escalate")!.Value.Location, RunbookErrorCodes.InvalidDuration,
                $"rule '{rule}': an escalation after {Definitions.DurationText.Format(late.After)} never happens: the gate times out after {Definitions.DurationText.Format(limit)}");
        return gate;
    }

    private string ReadOnTimeout(SourceMapping map, SourceEntry entry, string rule)
    {
        var value = fields.String(entry, "on_timeout");
        if (value is null) return Defaults.OnTimeout;
        if (!OnTimeoutValues.Contains(value))
        {
            var suggestion = Suggestions.Closest(value, OnTimeoutValues);
            fields.Error(entry.Value.Location, RunbookErrorCodes.InvalidType,
                $"rule '{rule}': 'on_timeout' must be timed_out, rejected or approved, found '{value}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"));
            return Defaults.OnTimeout;
        }
        // Approving by silence must be a deliberate choice written next to it, never a typo away.
        if (value == "approved" && !(map.Find("allow_auto_approve") is { } allow && fields.Bool(allow, "allow_auto_approve") == true))
            fields.Error(entry.Value.Location, PolicyErrorCodes.AutoApproveNotAllowed,
                $"rule '{rule}': 'on_timeout: approved' approves without a human; add 'allow_auto_approve: true' next to it if that is really intended");
        return value;
    }

    private ReasonRequirement ReadReason(SourceEntry entry, string rule)
    {
        switch (fields.String(entry, "require_reason"))
        {
            case "on_reject": return ReasonRequirement.OnReject;
            case "always": return ReasonRequirement.Always;
            case "never": return ReasonRequirement.Never;
            case { } other:
                fields.Error(entry.Value.Location, RunbookErrorCodes.InvalidType, $"rule '{rule}': 'require_reason' must be on_reject, always or never, found '{other}'");
                break;
        }
        return ReasonRequirement.OnReject;
    }

    private List<EscalationStage> ReadEscalations(SourceEntry entry, string rule)
    {
        var stages = new List<EscalationStage>();
        if (entry.Value is not SourceSequence seq)
        {
            fields.Error(entry.Value.Location, RunbookErrorCodes.InvalidType, $"rule '{rule}': 'escalate' must be a list such as [{{ after: 30m, add: [group:security-team] }}], found {entry.Value.Shape}");
            return stages;
        }
        foreach (var item in seq.Items)
        {
            if (item is not SourceMapping stage)
            {
                fields.Error(item.Location, RunbookErrorCodes.InvalidType, $"rule '{rule}': an escalation must be a map with 'after', found {item.Shape}");
                continue;
            }
            fields.CheckFields(stage, EscalationFields, $"rule '{rule}' escalation");
            var after = stage.Find("after") is { } a ? fields.Duration(a, "after") : null;
            if (stage.Find("after") is null)
                fields.Error(stage.Location, RunbookErrorCodes.MissingField, $"rule '{rule}': an escalation needs 'after' (how long after the request it starts)");
            var add = stage.Find("add") is { } addEntry ? fields.StringList(addEntry, "add") : [];
            var remind = stage.Find("remind") is { } remindEntry ? fields.Bool(remindEntry, "remind") ?? true : true;
            if (after is { } when) stages.Add(new EscalationStage(when, add, remind));
        }
        return stages;
    }
}
