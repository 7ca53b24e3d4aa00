namespace RunbookOrchestrator.Masking;

/// <summary>A digit group or token run found by the pre-pass: <c>[Start, End)</c> and its digits (groups) or length (runs).</summary>
internal readonly record struct TextWindow(int Start, int End, int Weight);
