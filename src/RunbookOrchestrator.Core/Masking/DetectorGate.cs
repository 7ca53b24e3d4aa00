namespace RunbookOrchestrator.Masking;

/// <summary>A detector's trigger counts copied into one flat value, checked for every detector on every text.</summary>
internal readonly struct DetectorGate(DetectorTrigger trigger)
{
    private readonly int _minLength = trigger.MinLength;
    private readonly int _minDigits = trigger.MinDigits;
    private readonly int _minTokenRun = trigger.MinTokenRun;
    private readonly int _minDigitGroup = trigger.MinDigitGroup;
    private readonly int _minUpperRun = trigger.MinUpperRun;

    public bool HasSubstrings { get; } = trigger.AnyOf is not null;

    public ScanScope Scope { get; } = trigger.Scope;

    public bool Passes(int length, in TextStats stats) =>
        length >= _minLength && stats.Digits >= _minDigits && stats.LongestTokenRun >= _minTokenRun
        && stats.LongestDigitGroup >= _minDigitGroup && stats.LongestUpperRun >= _minUpperRun;
}
