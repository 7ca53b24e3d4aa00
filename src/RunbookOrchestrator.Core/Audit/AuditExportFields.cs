namespace RunbookOrchestrator.Audit;

/// <summary>The exported fields, in order, with their text; shared by both export formats so they never disagree.</summary>
internal static class AuditExportFields
{
    public static readonly string[] Names =
        ["sequence", "at", "kind", "actor_kind", "actor_name", "run_id", "step_id", "channel", "client_address", "reason", "data_json", "prev_hash", "hash"];

    public static string?[] Values(AuditEvent e) =>
    [
        e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditCanonicalForm.FormatTime(e.At), e.Kind, e.ActorKind,
        e.ActorName, e.RunId, e.StepId, e.Channel, e.ClientAddress, e.Reason, e.DataJson, e.PrevHash, e.Hash,
    ];
}
