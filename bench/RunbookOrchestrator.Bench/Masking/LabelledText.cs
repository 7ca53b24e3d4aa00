namespace RunbookOrchestrator.Bench.Masking;

/// <summary>A corpus text with the sensitive spans it contains (UTF-16 offsets).</summary>
public sealed record LabelledText(string Text, IReadOnlyList<LabelledSpan> Spans);

/// <summary>One expected detection: its type and span.</summary>
public sealed record LabelledSpan(string Type, int Start, int Length);
