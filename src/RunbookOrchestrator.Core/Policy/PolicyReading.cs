using System.Text.RegularExpressions;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Definitions.Source;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Policy;

/// <summary>One pass of mapping a policy source tree onto rules; collects located errors instead of throwing.</summary>
internal sealed partial class PolicyReading(IExpressionEvaluator expressions)
{
    private static readonly string[] DocumentFields = ["version", "environment", "rules"];
    private static readonly string[] RuleFields = ["id", "description", "match", "when", "effect"];
    private static readonly string[] MatchFields = ["activity", "privileged", "target", "environment", "classification", "runbook", "step", "requester"];
    private static readonly string[] RequesterFields = ["kind", "name", "group"];
    private static readonly string[] RequesterKinds = ["agent", "human", "system"];
    private static readonly string[] Effects = ["allow", "deny", "require_approval"];

    private readonly SourceFields _fields = new();

    public IReadOnlyList<RunbookError> Errors => _fields.Errors;

    public (int Version, string? Environment, List<PolicyRule> Rules) ReadDocument(SourceMapping map)
    {
        _fields.CheckFields(map, DocumentFields, "the policy file");
        var version = 1;
        if (map.Find("version") is { } v && SourceFields.WholeNumber(v.Value) != 1)
            _fields.Error(v.Value.Location, PolicyErrorCodes.InvalidPolicyVersion, $"'version' must be 1, found {SourceFields.Describe(v.Value)}");
        var environment = map.Find("environment") is { } env ? _fields.String(env, "environment") : null;
        return (version, environment, ReadRules(map));
    }

    private List<PolicyRule> ReadRules(SourceMapping map)
    {
        var rules = new List<PolicyRule>();
        var entry = map.Find("rules");
        if (entry is null || entry.Value is SourceScalar { Value: null }) return rules;
        if (entry.Value is not SourceSequence seq)
        {
            _fields.Error(entry.Value.Location, RunbookErrorCodes.InvalidType, $"'rules' must be a list of rules, found {entry.Value.Shape}");
            return rules;
        }
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in seq.Items)
        {
            if (item is not SourceMapping ruleMap)
            {
                _fields.Error(item.Location, RunbookErrorCodes.InvalidType, $"a rule must be a map with 'id', 'match' and 'effect', found {item.Shape}");
                continue;
            }
            if (ReadRule(ruleMap) is not { } rule) continue;
            if (seen.TryGetValue(rule.Id, out var first))
                _fields.Error(ruleMap.Find("id")!.Value.Location, PolicyErrorCodes.DuplicateRuleId, $"rule id '{rule.Id}' is already used at line {first.Line}");
            else seen[rule.Id] = rule.Location;
            rules.Add(rule);
        }
        return rules;
    }

    private PolicyRule? ReadRule(SourceMapping map)
    {
        var idEntry = map.Find("id");
        var id = idEntry is null ? null : _fields.String(idEntry, "id");
        if (idEntry is null)
            _fields.Error(map.Location, RunbookErrorCodes.MissingField, "a rule needs an 'id' (used in decisions, approvals and the audit trail)");
        else if (id is not null && !RuleId().IsMatch(id))
            _fields.Error(idEntry.Value.Location, RunbookErrorCodes.InvalidId, $"rule id '{id}' must match [a-z0-9][a-z0-9-_.]* (':' is reserved for generated ids)");
        var name = id ?? "?";
        _fields.CheckFields(map, RuleFields, $"rule '{name}'");
        if (map.Find("description") is { } description) _fields.String(description, "description");
        var match = map.Find("match") is { } m ? ReadMatch(m.Value, name) : RuleMatch.Any;
        var when = map.Find("when") is { } w ? ReadWhen(w, name) : null;
        var effectEntry = map.Find("effect");
        if (effectEntry is null)
            _fields.Error(map.Location, RunbookErrorCodes.MissingField, $"rule '{name}' needs an 'effect': allow, {{ deny: \"message\" }} or {{ require_approval: {{ ... }} }}");
        var effect = effectEntry is null ? null : ReadEffect(effectEntry.Value, name);
        return id is null || effect is null ? null : new PolicyRule(id, match, when, effect, idEntry!.Value.Location);
    }

    private RuleMatch ReadMatch(SourceNode node, string rule)
    {
        if (node is SourceScalar { Value: null }) return RuleMatch.Any;
        if (node is not SourceMapping map)
        {
            _fields.Error(node.Location, RunbookErrorCodes.InvalidType, $"rule '{rule}': 'match' must be a map such as {{ activity: shell }}, found {node.Shape}");
            return RuleMatch.Any;
        }
        _fields.CheckFields(map, MatchFields, $"rule '{rule}' match");
        List<string> List(string key) => map.Find(key) is { } e ? _fields.StringList(e, key) : [];
        return new RuleMatch(List("activity"), List("privileged"), List("target"), List("environment"),
            ReadClassifications(map, rule), List("runbook"), List("step"), ReadRequester(map, rule));
    }

    private List<DataClassification> ReadClassifications(SourceMapping map, string rule)
    {
        var result = new List<DataClassification>();
        if (map.Find("classification") is not { } entry) return result;
        foreach (var text in _fields.StringList(entry, "classification"))
        {
            if (Enum.TryParse<DataClassification>(text, ignoreCase: true, out var c) && !int.TryParse(text, out _)) result.Add(c);
            else _fields.Error(entry.Value.Location, PolicyErrorCodes.InvalidMatch, $"rule '{rule}': classification '{text}' is not one of public, internal, pii, secret");
        }
        return result;
    }

    private RequesterMatch ReadRequester(SourceMapping map, string rule)
    {
        if (map.Find("requester") is not { } entry) return RequesterMatch.Any;
        if (entry.Value is not SourceMapping requester)
        {
            _fields.Error(entry.Value.Location, RunbookErrorCodes.InvalidType, $"rule '{rule}': 'requester' must be a map such as {{ kind: agent }}, found {entry.Value.Shape}");
            return RequesterMatch.Any;
        }
        _fields.CheckFields(requester, RequesterFields, $"rule '{rule}' requester");
        var kindEntry = requester.Find("kind");
        var kinds = kindEntry is null ? [] : _fields.StringList(kindEntry, "kind");
        foreach (var kind in kinds.Where(kind => !RequesterKinds.Contains(kind)))
            _fields.Error(kindEntry!.Value.Location, PolicyErrorCodes.InvalidMatch, $"rule '{rule}': requester kind '{kind}' is not one of agent, human, system");
        return new RequesterMatch(kinds,
            requester.Find("name") is { } n ? _fields.StringList(n, "name") : [],
            requester.Find("group") is { } g ? _fields.StringList(g, "group") : []);
    }

    private string? ReadWhen(SourceEntry entry, string rule)
    {
        if (_fields.String(entry, "when") is not { } text) return null;
        if (expressions.CheckSyntax(text) is { } error)
        {
            // The scalar's location is its first character, so the CEL column lands on the offending character (single-line text).
            var at = entry.Value.Location with { Column = entry.Value.Location.Column + error.Column - 1 };
            _fields.Error(at, RunbookErrorCodes.ExpressionSyntax, $"rule '{rule}': 'when' is not valid CEL: {error.Message}");
            return null;
        }
        foreach (var path in expressions.ReferencedPaths(text))
            if (UnknownVariable(path) is { } problem)
                _fields.Error(entry.Value.Location, RunbookErrorCodes.UnknownVariable, $"rule '{rule}': 'when' reads '{path}': {problem}");
        return text;
    }

    // A typo here would only surface at run time, as an evaluation error that asks the owners on every step.
    private static string? UnknownVariable(string path)
    {
        var parts = path.Split('.');
        if (!PolicyScope.Fields.TryGetValue(parts[0], out var fields))
            return Unknown(parts[0], PolicyScope.Fields.Keys, "a variable");
        if (parts.Length < 2 || fields.Length == 0 || fields.Contains(parts[1])) return null;
        return Unknown(parts[1], fields, $"a field of '{parts[0]}'");
    }

    private static string Unknown(string name, IEnumerable<string> known, string what)
    {
        var suggestion = Suggestions.Closest(name, known);
        return $"'{name}' is not {what}; known: {string.Join(", ", known)}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
    }

    private RuleEffect? ReadEffect(SourceNode node, string rule)
    {
        if (node is SourceScalar { IsString: true } word)
        {
            switch (word.Text)
            {
                case "allow": return new RuleEffect.Allow();
                case "require_approval": return new RuleEffect.RequireApproval(GateReading.Defaults);
                case "deny":
                    _fields.Error(node.Location, RunbookErrorCodes.MissingField, $"rule '{rule}': a deny needs a message: effect: {{ deny: \"why\" }}");
                    return null;
            }
            UnknownEffect(node.Location, word.Text, rule);
            return null;
        }
        if (node is not SourceMapping map || map.Entries.Count != 1)
        {
            _fields.Error(node.Location, PolicyErrorCodes.UnknownEffect, $"rule '{rule}': 'effect' must be allow, {{ deny: \"message\" }} or {{ require_approval: {{ ... }} }}, found {SourceFields.Describe(node)}");
            return null;
        }
        var entry = map.Entries[0];
        switch (entry.Key)
        {
            case "deny":
                var message = _fields.String(entry, "deny");
                if (message is { Length: 0 }) _fields.Error(entry.Value.Location, RunbookErrorCodes.MissingField, $"rule '{rule}': the deny message is empty");
                return string.IsNullOrEmpty(message) ? null : new RuleEffect.Deny(message);
            case "require_approval":
                return new RuleEffect.RequireApproval(new GateReading(_fields).Read(entry.Value, rule));
            case "allow":
                return new RuleEffect.Allow();
        }
        UnknownEffect(entry.KeyLocation, entry.Key, rule);
        return null;
    }

    private void UnknownEffect(SourceLocation location, string effect, string rule)
    {
        var suggestion = Suggestions.Closest(effect, Effects);
        _fields.Error(location, PolicyErrorCodes.UnknownEffect,
            $"rule '{rule}': unknown effect '{effect}'; expected allow, deny or require_approval" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex RuleId();
}
