using System.Text;

namespace RunbookOrchestrator.Activities.Shell;

/// <summary>Drains a process stream to its end, keeping at most a fixed number of bytes, so a chatty child never blocks on a full pipe.</summary>
public sealed class CappedOutput(int maxBytes)
{
    private readonly MemoryStream _kept = new();

    public bool Truncated { get; private set; }

    public async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            var room = maxBytes - (int)_kept.Length;
            if (read > room) Truncated = true;
            if (room > 0) _kept.Write(chunk, 0, Math.Min(room, read));
        }
    }

    public string Text => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
}
