using Microsoft.Extensions.Configuration;

namespace RunbookOrchestrator.Activities;

/// <summary>Configuration of the built-in activities: named SQL connections, the exports directory and defaults.</summary>
public sealed class ActivityOptions
{
    /// <summary>Where <c>sql.query</c> with <c>output: file</c> writes; exports are refused while this is unset.</summary>
    [ConfigurationKeyName("exports_directory")]
    public string? ExportsDirectory { get; set; }

    /// <summary>Connection name (as used in a step's <c>connection</c>) to its settings.</summary>
    public Dictionary<string, SqlConnectionOptions> Connections { get; set; } = new(StringComparer.Ordinal);

    [ConfigurationKeyName("http_timeout")]
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [ConfigurationKeyName("http_max_response_bytes")]
    public int HttpMaxResponseBytes { get; set; } = 1024 * 1024;

    [ConfigurationKeyName("shell_timeout")]
    public TimeSpan ShellTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [ConfigurationKeyName("shell_max_output_bytes")]
    public int ShellMaxOutputBytes { get; set; } = 65_536;
}

/// <summary>One named database the <c>sql.query</c> activity may use.</summary>
public sealed class SqlConnectionOptions
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    [ConfigurationKeyName("connection_string")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Read-only connections run every query in a read-only session, so a runbook cannot change data through them.</summary>
    [ConfigurationKeyName("read_only")]
    public bool ReadOnly { get; set; } = true;
}
