namespace RunbookOrchestrator.Masking;

/// <summary>
/// Where a detector's regex runs: over the whole text, or only over the digit groups or token runs the pre-pass found,
/// widened by <see cref="DetectorTrigger.Before"/> and <see cref="DetectorTrigger.After"/> characters.
/// A windowed regex sees only its window, so it must not need text outside it: no lookbehind or anchor reaching past
/// the window start, and <c>After</c> must cover what its trailing lookaheads read.
/// </summary>
public enum ScanScope
{
    /// <summary>The regex scans the whole text.</summary>
    WholeText,

    /// <summary>Only around digit groups with at least <see cref="DetectorTrigger.MinDigitGroup"/> digits (card, phone and id numbers).</summary>
    DigitGroups,

    /// <summary>Only around runs of <c>[A-Za-z0-9_+/-]</c> at least <see cref="DetectorTrigger.MinTokenRun"/> long (keys and secrets).</summary>
    TokenRuns,
}
