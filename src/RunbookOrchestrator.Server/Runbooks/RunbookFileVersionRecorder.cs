using System.Threading.Channels;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Definitions.Source;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Persistence.Runbooks;

namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>Records a new version in the history whenever a runbook file changes on disk (a Git pull, an editor), at start and
/// after every reload, so file changes and designer saves are one list. Only texts that load without errors are recorded.</summary>
public sealed class RunbookFileVersionRecorder(IRunbookCatalog catalog, RunbookValidator validator, RunbookSourceHistory history,
    DefinitionSnapshots snapshots, TimeProvider clock, ILogger<RunbookFileVersionRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (catalog is not RunbookDirectoryCatalog directory) return;
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        EventHandler onChange = (_, _) => changed.Writer.TryWrite(true);
        directory.Changed += onChange;
        changed.Writer.TryWrite(true);
        try
        {
            while (await changed.Reader.WaitToReadAsync(stoppingToken))
            {
                changed.Reader.TryRead(out _);
                try
                {
                    await RecordAsync(directory, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Recording changed runbook files in the version history failed; the next change tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            directory.Changed -= onChange;
        }
    }

    /// <summary>Appends an entry for every runbook whose file text differs from its latest recorded text.</summary>
    internal async Task RecordAsync(RunbookDirectoryCatalog directory, CancellationToken cancellationToken)
    {
        foreach (var published in directory.All)
        {
            if (published.Location?.File is not { } file || RunbookLoader.IsJson(file) || !File.Exists(file)) continue;
            var (text, problem) = StrictText.Decode(await File.ReadAllBytesAsync(file, cancellationToken), file);
            if (problem is not null || text is null) continue;
            var parsed = RunbookLoader.Load(text, file, RunbookFormat.Yaml);
            if (parsed.Definition is not { } definition || definition.Id != published.Id || validator.Validate(parsed).Count > 0) continue;
            var textHash = RunbookSourceText.Hash(text);
            using (await history.LockAsync(cancellationToken))
            {
                if ((await history.LatestAsync(definition.Id, cancellationToken))?.TextHash == textHash) continue;
                await history.AppendAsync(new RunbookSourceEntity
                {
                    RunbookId = definition.Id,
                    Version = definition.Version,
                    DefinitionHash = await snapshots.PublishAsync(definition, cancellationToken),
                    TextHash = textHash,
                    Text = text,
                    Origin = RunbookSourceOrigins.File,
                    SavedAt = clock.GetUtcNow(),
                }, cancellationToken);
            }
        }
    }
}

/// <summary>Where a recorded runbook text came from.</summary>
public static class RunbookSourceOrigins
{
    public const string Designer = "designer";
    public const string File = "file";
}
