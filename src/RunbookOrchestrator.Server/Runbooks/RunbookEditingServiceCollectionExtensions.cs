namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>Registers runbook editing: draft checks, publishing, the version history and the recorder of file changes.</summary>
public static class RunbookEditingServiceCollectionExtensions
{
    public static IServiceCollection AddRunbookEditing(this IServiceCollection services)
    {
        services.AddSingleton<RunbookSourceHistory>();
        services.AddSingleton<RunbookDraftCheck>();
        services.AddSingleton<RunbookPublisher>();
        services.AddHostedService<RunbookFileVersionRecorder>();
        return services;
    }
}
