using System.Text;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Server.Cli;

/// <summary><c>audit verify | audit export</c>: checks the hash chain or exports events from the orchestrator database.
/// Exit codes: 0 intact / exported, 1 chain broken or database unreadable, 2 usage error.</summary>
public sealed class AuditCommand : ICliCommand
{
    public string Name => "audit";

    public string Usage => "audit verify [--anchor SEQ:HASH] | audit export [--from ISO] [--to ISO] [--format jsonl|csv] [--out FILE]";

    public async Task<int> RunAsync(string[] args, CliConsole console)
    {
        if (args.Length == 0) return UsageError(console, "missing sub-command (verify or export)");
        try
        {
            return args[0] switch
            {
                "verify" when args.Length == 1 => await VerifyAsync(null, console),
                "verify" when args is [_, "--anchor", var anchor] => AuditHead.TryParse(anchor, out var parsed, out var error)
                    ? await VerifyAsync(parsed, console)
                    : UsageError(console, $"--anchor: {error}"),
                "verify" => UsageError(console, "'audit verify' takes only --anchor SEQ:HASH"),
                "export" => await ExportAsync(args[1..], console),
                _ => UsageError(console, $"unknown sub-command '{args[0]}' (expected verify or export)"),
            };
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"audit: cannot use the database at {CliDatabase.PathFor(console)}: {e.GetBaseException().Message}");
            return 1;
        }
    }

    private static async Task<int> VerifyAsync(AuditHead? anchor, CliConsole console)
    {
        if (!File.Exists(CliDatabase.PathFor(console)))
        {
            console.Error.WriteLine($"audit verify: no database at {CliDatabase.PathFor(console)} (set RBO_DATA_DIR)");
            return 1;
        }
        await using var db = await CliDatabase.OpenAsync(console);
        var result = await new AuditStore(db).VerifyAsync(anchor);
        if (result.Break is { } b)
        {
            console.Out.WriteLine($"BROKEN at record {b.Sequence}: {b.Problem}");
            console.Out.WriteLine($"{result.Events} record(s) before it are intact.");
            return 1;
        }
        console.Out.WriteLine($"OK: {result.Events} record(s), chain intact, head {result.LastHash}");
        // Printed in the form --anchor accepts, so it can be recorded elsewhere and checked later.
        console.Out.WriteLine($"anchor: {result.Events}:{result.LastHash}");
        return 0;
    }

    private async Task<int> ExportAsync(string[] args, CliConsole console)
    {
        string? from = null, to = null, format = null, outFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return UsageError(console, $"option '{args[i]}' needs a value");
            switch (args[i])
            {
                case "--from": from = args[++i]; break;
                case "--to": to = args[++i]; break;
                case "--format": format = args[++i]; break;
                case "--out": outFile = args[++i]; break;
                default: return UsageError(console, $"unknown option '{args[i]}' for 'audit export'");
            }
        }
        if (!AuditExportFormats.TryParse(format, out var parsedFormat))
            return UsageError(console, $"--format must be jsonl or csv, not '{format}'");
        if (!AuditTimeRange.TryParse(from, to, out var range, out var error))
            return UsageError(console, error!.Replace("'from'", "--from").Replace("'to'", "--to"));
        if (!File.Exists(CliDatabase.PathFor(console)))
        {
            console.Error.WriteLine($"audit export: no database at {CliDatabase.PathFor(console)} (set RBO_DATA_DIR)");
            return 1;
        }

        await using var db = await CliDatabase.OpenAsync(console);
        var events = new AuditStore(db).ReadAsync(range.From, range.To);
        if (outFile is null)
        {
            var count = await AuditExportFormats.WriteAsync(parsedFormat, events, console.Out);
            console.Error.WriteLine($"Exported {count} event(s).");
            return 0;
        }
        long written;
        // The trail names people, addresses and reasons: the extract is readable by its owner only (0600).
        await using (var writer = new StreamWriter(RunbookOrchestrator.Protection.OwnerOnlyFile.Create(outFile, useAsync: false), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            written = await AuditExportFormats.WriteAsync(parsedFormat, events, writer);
        console.Out.WriteLine($"Exported {written} event(s) to {outFile}.");
        return 0;
    }

    private int UsageError(CliConsole console, string message)
    {
        console.Error.WriteLine($"audit: {message}");
        console.Error.WriteLine($"usage: {Usage}");
        return 2;
    }
}
