namespace RunbookOrchestrator.Masking;

/// <summary>Masked text and what was found in the original.</summary>
public sealed record MaskResult(string Text, IReadOnlyList<Detection> Detections);
