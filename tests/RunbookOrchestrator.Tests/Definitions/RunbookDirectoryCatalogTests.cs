using Microsoft.Extensions.Logging.Abstractions;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Tests.Definitions;

public class RunbookDirectoryCatalogTests
{
    private static RunbookDirectoryCatalog Open(TempRunbookDirectory dir, bool watch = false) =>
        new(dir.Path, Runbooks.Validator(), NullLogger<RunbookDirectoryCatalog>.Instance, watch, TimeSpan.FromMilliseconds(50));

    [Fact]
    public void Valid_files_of_the_directory_are_published_by_id()
    {
        using var dir = new TempRunbookDirectory();
        dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 1));
        dir.Write("b.json", """{ "id": "beta", "version": 2, "steps": [ { "id": "say", "uses": "notify", "with": { "message": "hi" } } ] }""");
        using var catalog = Open(dir);

        Assert.Equal(["alpha", "beta"], catalog.All.Select(r => r.Id));
        Assert.Empty(catalog.Errors);
    }

    [Fact]
    public void The_policy_file_is_not_read_as_a_runbook()
    {
        using var dir = new TempRunbookDirectory();
        dir.Write("policies.yaml", "rules: []\n");
        using var catalog = Open(dir);

        Assert.Empty(catalog.All);
        Assert.Empty(catalog.Errors);
    }

    [Fact]
    public void A_bad_edit_keeps_the_previous_valid_version_and_exposes_the_errors()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 1));
        using var catalog = Open(dir);

        dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 2).Replace("uses: notify", "uses: notfy"));
        catalog.Reload();

        Assert.Equal(1, catalog.Find("alpha")!.Version);
        Assert.Equal("unknown-activity", Assert.Single(catalog.ErrorsByFile[file]).Code);
    }

    [Fact]
    public void A_good_edit_replaces_the_published_version()
    {
        using var dir = new TempRunbookDirectory();
        dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 1));
        using var catalog = Open(dir);

        dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 2));
        catalog.Reload();

        Assert.Equal(2, catalog.Find("alpha")!.Version);
    }

    [Fact]
    public void Two_files_with_the_same_id_are_an_error_and_the_first_file_wins()
    {
        using var dir = new TempRunbookDirectory();
        dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 1));
        var second = dir.Write("b.yaml", TempRunbookDirectory.Runbook("alpha", 7));
        using var catalog = Open(dir);

        Assert.Equal(1, catalog.Find("alpha")!.Version);
        Assert.Equal("duplicate-runbook-id", Assert.Single(catalog.ErrorsByFile[second]).Code);
    }

    [Fact]
    public void A_deleted_file_is_unpublished()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 1));
        using var catalog = Open(dir);

        File.Delete(file);
        catalog.Reload();

        Assert.Null(catalog.Find("alpha"));
    }

    [Fact]
    public async Task A_bad_edit_seen_by_the_watcher_keeps_the_previous_version_and_raises_changed()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("a.yaml", TempRunbookDirectory.Runbook("alpha", 1));
        using var catalog = Open(dir, watch: true);
        var sawErrors = new TaskCompletionSource();
        catalog.Changed += (_, _) =>
        {
            if (catalog.ErrorsByFile.ContainsKey(file)) sawErrors.TrySetResult();
        };

        dir.Write("a.yaml", "id: alpha\nversion: 2\nsteps: [\n");
        await sawErrors.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, catalog.Find("alpha")!.Version);
        Assert.Equal("syntax", Assert.Single(catalog.ErrorsByFile[file]).Code);
    }
}
