using RunbookOrchestrator.Definitions;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Approvals;

/// <summary>Reads a <see cref="GateSpec"/> from an <c>approval</c> step's resolved parameters, with a message naming the field when one is wrong.</summary>
public static class GateSpecReader
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(15);

    public static GateSpec Read(JsonObject with, IReadOnlyList<string> owners)
    {
        var approvers = Strings(with["approvers"], "approvers");
        if (approvers.Count == 0) approvers = owners.ToList();
        if (approvers.Count == 0) throw new ParameterException("approval", "'approvers' must name at least one user or group (or the runbook must have owners)");

        var quorum = with["quorum"] is { } q ? Int(q, "quorum") : 1;
        if (quorum < 1) throw new ParameterException("approval", "'quorum' must be at least 1");

        var escalations = new List<EscalationStage>();
        if (with["escalate"] is JsonArray stages)
            foreach (var stage in stages)
            {
                if (stage is not JsonObject s) throw new ParameterException("approval", "each 'escalate' entry must be an object with 'after' and 'add'");
                escalations.Add(new EscalationStage(Duration(s["after"], "escalate.after") ?? throw new ParameterException("approval", "'escalate.after' is required"),
                    Strings(s["add"], "escalate.add"), s["remind"] is not JsonValue r || !r.TryGetValue<bool>(out var remind) || remind));
            }
        else if (with["escalate"] is not null) throw new ParameterException("approval", "'escalate' must be a list");

        var onTimeout = with["on_timeout"]?.GetValue<string>() ?? Outcomes.TimedOut;
        if (onTimeout is not (Outcomes.TimedOut or Outcomes.Rejected or Outcomes.Approved))
            throw new ParameterException("approval", "'on_timeout' must be timed_out, rejected or approved");
        var autoApproveAllowed = with["allow_auto_approve"] is JsonValue a && a.TryGetValue<bool>(out var allow) && allow;
        if (onTimeout == Outcomes.Approved && !autoApproveAllowed)
            throw new ParameterException("approval", "'on_timeout: approved' approves without a human; it needs 'allow_auto_approve: true' next to it");

        var requireReason = (with["require_reason"]?.GetValue<string>() ?? "on_reject") switch
        {
            "on_reject" => ReasonRequirement.OnReject,
            "always" => ReasonRequirement.Always,
            "never" => ReasonRequirement.Never,
            var other => throw new ParameterException("approval", $"'require_reason' must be on_reject, always or never, not '{other}'"),
        };

        return new GateSpec(approvers, quorum, Duration(with["timeout"], "timeout"), escalations.OrderBy(e => e.After).ToList(), onTimeout,
            with["context"]?.GetValue<string>(), requireReason, Duration(with["window"], "window") ?? DefaultWindow,
            with["allow_reveal"] is not JsonValue rv || !rv.TryGetValue<bool>(out var reveal) || reveal,
            ReadChannels(with["channels"]),
            with["require_sign_in"] switch
            {
                null => null,
                JsonValue sv when sv.TryGetValue<bool>(out var signIn) => signIn,
                _ => throw new ParameterException("approval", "'require_sign_in' must be true or false"),
            });
    }

    private static List<string>? ReadChannels(JsonNode? node)
    {
        if (node is null) return null;
        var channels = Strings(node, "channels");
        if (channels.FirstOrDefault(c => !ReviewChannels.All.Contains(c)) is { } unknown)
            throw new ParameterException("approval", $"'channels' names '{unknown}'; the channels are {string.Join(", ", ReviewChannels.All)}");
        return channels.Distinct().ToList();
    }

    private static List<string> Strings(JsonNode? node, string name) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s : throw new ParameterException("approval", $"'{name}' must be a list of names")).ToList(),
        JsonValue v when v.TryGetValue<string>(out var single) => [single],
        _ => throw new ParameterException("approval", $"'{name}' must be a list of names"),
    };

    // A number from YAML arrives as whatever the loader or a template made of it (long, double, a parsed element), so
    // it is read from its JSON text; only asking for an int missed `quorum: 2` written in a runbook.
    private static int Int(JsonNode node, string name)
    {
        if (node is JsonValue v)
        {
            var text = v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.ToJsonString() : v.TryGetValue<string>(out var s) ? s.Trim() : null;
            if (decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
                && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
                return (int)d;
        }
        throw new ParameterException("approval", $"'{name}' must be a whole number");
    }

    private static TimeSpan? Duration(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) && DurationText.TryParse(s, out var d) => d,
        _ => throw new ParameterException("approval", $"'{name}' must be a duration such as 30s, 15m or 1h"),
    };
}
