using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Definitions.Source;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Persistence.Runbooks;

namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>Publishes a runbook text saved in the designer: checks it like the <c>validate</c> command, refuses it when the file
/// changed since the editor loaded it (neither side is silently lost), writes the file atomically, reloads the catalogue,
/// records the version with who saved it and audits <c>runbook.published</c>. Runs already started keep their pinned version.</summary>
public sealed class RunbookPublisher(IRunbookCatalog catalog, RunbookDraftCheck drafts, RunbookSourceHistory history, DefinitionSnapshots snapshots,
    IAuditTrail audit, TimeProvider clock)
{
    public async Task<PublishResult> PublishAsync(string runbookId, string text, string? baseHash, ClaimsPrincipal caller, string channel, string? client,
        CancellationToken cancellationToken)
    {
        if (catalog is not RunbookDirectoryCatalog directory)
            return new PublishResult.NotEditable("this server does not read its runbooks from a folder, so they cannot be edited here");
        using var held = await history.LockAsync(cancellationToken);

        var existing = directory.Find(runbookId);
        string file;
        string? previousText = null;
        if (existing is not null)
        {
            file = existing.Location?.File ?? Path.Combine(directory.DirectoryPath, runbookId + ".yaml");
            if (RunbookLoader.IsJson(file))
                return new PublishResult.NotEditable($"'{Path.GetFileName(file)}' is a JSON file; edit it as a file, the designer saves YAML");
            previousText = File.Exists(file) ? ReadText(file) : null;
            var currentHash = previousText is null ? null : RunbookSourceText.Hash(previousText);
            if (baseHash is null || currentHash != baseHash)
                return new PublishResult.Conflict(previousText, currentHash, await history.LatestAsync(runbookId, cancellationToken),
                    baseHash is null
                        ? $"runbook '{runbookId}' already exists; open it and edit it instead"
                        : $"'{Path.GetFileName(file)}' changed since you opened it; compare your version with the current one and save again on top of it");
        }
        else
        {
            if (baseHash is not null) return new PublishResult.NotFound();
            file = Path.Combine(directory.DirectoryPath, runbookId + ".yaml");
            if (File.Exists(file))
                return new PublishResult.Conflict(ReadText(file), null, null,
                    $"'{Path.GetFileName(file)}' exists but does not load as runbook '{runbookId}'; fix or remove the file first");
        }

        var check = drafts.Check(text, file, caller);
        if (check.Errors.Count > 0) return new PublishResult.Invalid(check.Errors);
        var definition = check.Definition!;
        if (definition.Id != runbookId)
            return new PublishResult.Invalid([Error(definition, $"the id is '{definition.Id}' but this is runbook '{runbookId}'; a new id is a new runbook")]);
        if (existing is not null && definition.Version <= existing.Version)
            return new PublishResult.Invalid([Error(definition,
                $"version {definition.Version} is not newer than the published version {existing.Version}; publish it as version {existing.Version + 1}")]);

        var textHash = RunbookSourceText.Hash(text);
        var definitionHash = await snapshots.PublishAsync(definition, cancellationToken);
        var requester = caller.ToRequester();
        // Recorded before the file is written, so the file watcher's reload finds this text already known and does not
        // record it a second time as a file change.
        var entryId = await history.AppendAsync(new RunbookSourceEntity
        {
            RunbookId = runbookId,
            Version = definition.Version,
            DefinitionHash = definitionHash,
            TextHash = textHash,
            Text = text,
            Origin = RunbookSourceOrigins.Designer,
            SavedBy = requester.Name,
            SavedAt = clock.GetUtcNow(),
        }, cancellationToken);
        try
        {
            WriteAtomically(file, text);
        }
        catch
        {
            await history.RemoveAsync(entryId, CancellationToken.None);
            throw;
        }

        directory.Reload();
        if (directory.Find(runbookId) is not { } published || published.Version != definition.Version)
        {
            // Something else on disk now claims the id (another file); put the old text back rather than publish half.
            if (previousText is null) File.Delete(file);
            else WriteAtomically(file, previousText);
            directory.Reload();
            await history.RemoveAsync(entryId, CancellationToken.None);
            var reasons = directory.ErrorsByFile.GetValueOrDefault(file) ?? [];
            return new PublishResult.Invalid(reasons.Count > 0 ? reasons : [Error(definition, "the runbook did not publish; see the server log")]);
        }

        await audit.AppendAsync([new AuditRecord(AuditEventKinds.RunbookPublished, requester.Kind.ToString().ToLowerInvariant(), requester.Name,
            Channel: channel, ClientAddress: client,
            Data: new JsonObject
            {
                ["runbook"] = runbookId,
                ["version"] = definition.Version,
                ["previous_version"] = existing?.Version,
                ["definition_hash"] = definitionHash,
                ["text_hash"] = textHash,
                ["file"] = Path.GetFileName(file),
            })], cancellationToken);
        return new PublishResult.Published(runbookId, definition.Version, definitionHash, textHash, entryId);
    }

    private static RunbookError Error(RunbookDefinition definition, string message) =>
        new(definition.Location ?? new SourceLocation("(draft)", 1, 1), null, "publish", message);

    private static string ReadText(string file) =>
        StrictText.Decode(File.ReadAllBytes(file), file).Text ?? File.ReadAllText(file);

    // A reader (the file watcher, Git) sees the old file or the new one, never half of it.
    private static void WriteAtomically(string file, string text)
    {
        var temp = Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, file, overwrite: true);
    }
}

/// <summary>How a save ended.</summary>
public abstract record PublishResult
{
    public sealed record Published(string Runbook, int Version, string DefinitionHash, string TextHash, long HistoryId) : PublishResult;
    public sealed record Invalid(IReadOnlyList<RunbookError> Errors) : PublishResult;
    public sealed record Conflict(string? CurrentText, string? CurrentHash, RunbookSourceEntity? LatestEntry, string Message) : PublishResult;
    public sealed record NotEditable(string Reason) : PublishResult;
    public sealed record NotFound : PublishResult;
}
