namespace RunbookOrchestrator.Server.Hosting;

/// <summary>Absolute locations the server uses, resolved once at start.</summary>
public sealed record OrchestratorPaths(string DataDirectory, string ExportsDirectory, string RunbooksDirectory, string DemoCrmDatabase)
{
    public const string DataDirectoryVariable = "RBO_DATA_DIR";

    public static OrchestratorPaths Create(OrchestratorOptions options, string contentRoot)
    {
        var data = Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } fromEnv ? fromEnv : options.DataDirectory;
        data = Path.GetFullPath(data, contentRoot);
        var exports = Path.Combine(data, "exports");
        Directory.CreateDirectory(exports);
        return new OrchestratorPaths(data, exports, Path.GetFullPath(options.RunbooksDirectory, contentRoot), Path.Combine(data, "demo-crm.db"));
    }
}
