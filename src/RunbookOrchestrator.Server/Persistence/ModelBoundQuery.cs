namespace RunbookOrchestrator.Server.Persistence;

/// <summary>
/// A compiled EF Core query that compiles itself again when the context's model changes. Compiled queries skip the LINQ
/// pipeline (parameter extraction, cache lookup) that cost more than SQLite's own work on the engine's and approvals'
/// hottest reads; but one is bound to a model instance, and EF Core may build a context's model again (its model cache is
/// bounded and shared by every server of a process with the same options shape, as in the tests; each data key has its
/// own model), so then it is compiled again rather than failing every call.
/// </summary>
internal sealed class ModelBoundQuery<TArgument, TResult>(Func<Func<OrchestratorDbContext, TArgument, CancellationToken, Task<TResult>>> compile)
{
    private Func<OrchestratorDbContext, TArgument, CancellationToken, Task<TResult>> _query = compile();

    public async Task<TResult> RunAsync(OrchestratorDbContext db, TArgument argument, CancellationToken cancellationToken)
    {
        try
        {
            return await _query(db, argument, cancellationToken);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("different model", StringComparison.Ordinal))
        {
            _query = compile();
            return await _query(db, argument, cancellationToken);
        }
    }
}
