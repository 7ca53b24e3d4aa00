namespace RunbookOrchestrator.Masking.Logging;

/// <summary>Stands in for a logged exception: same type name and stack, with message and full text masked.</summary>
public sealed class MaskedException(Exception original, IMasker masker)
    : Exception(masker.MaskText(original.Message).Text)
{
    private readonly string _text = masker.MaskText(original.ToString()).Text;

    /// <summary>The full name of the exception that was masked.</summary>
    public string OriginalType { get; } = original.GetType().FullName ?? original.GetType().Name;

    /// <inheritdoc />
    public override string? StackTrace => original.StackTrace;

    /// <inheritdoc />
    public override string ToString() => _text;
}
