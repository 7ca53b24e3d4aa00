using System.Collections;

namespace RunbookOrchestrator.Masking.Logging;

/// <summary>The state of a masked log entry: only the masked message, exposed as <c>{OriginalFormat}</c> for structured sinks.</summary>
public sealed class MaskedLogState(string message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The masked, formatted message.</summary>
    public string Message { get; } = message;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new("{OriginalFormat}", Message) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc />
    public int Count => 1;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { yield return this[0]; }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => Message;
}
